import type { DType, FloatArray } from './dtype';
import { alloc, copyOf, empty, legacyTypeName } from './dtype';
import { RuntimeError } from './errors';
import { is_grad_enabled } from './grad_mode';
import { sameShape, sizeStr } from './shape';
import { Tensor } from './tensor';
import { simdAdd32 } from './wasm/simd';

/**
 * Maps the gradient of a node's single output to gradients of its inputs, in edge order
 * (null = no gradient for that input). Works on raw arrays: the graph is never
 * differentiated twice, and skipping Tensor wrappers keeps per-op overhead small.
 */
export type BackwardFn = (grad: FloatArray, owned: boolean) => (FloatArray | null)[];

/**
 * `owned` tells a backward formula that nobody else holds `grad`, so it may write its result
 * into it instead of allocating (the arrays are large: a million points is 8 MB).
 */
export function gradBuffer(grad: FloatArray, owned: boolean, like: Tensor): FloatArray {
  if (owned && grad.length === like.data.length && grad instanceof Float64Array === (like.dtype === 'float64')) return grad;
  return empty(like.dtype, like.data.length);
}

/** A tensor captured for backward, with the version it had when captured. */
interface SavedVariable {
  tensor: Tensor;
  version: number;
  /** name of the node the tensor is the output of (for PyTorch's error text) */
  outputOf: string | null;
}

const FREED_MESSAGE =
  'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). ' +
  'Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). ' +
  'Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.';

/** An edge target: a node for computed tensors, the leaf itself for AccumulateGrad. */
export type Edge = Node | Tensor | null;

export class Node {
  /** @internal */ _fn: BackwardFn | null;
  /** @internal */ readonly _saved: SavedVariable[] = [];
  /** @internal */ _retained: Tensor | null = null;
  /** @internal its backward reads constOf(grad) when the incoming gradient is a lazy constant */
  _constOk = false;
  /** @internal its backward sets the input gradient to 0 wherever its output is ≤ 0, whatever arrives there (ReLU's) */
  _zeroesWhereNotPositive = false;
  /** @internal */ _freed = false;

  constructor(
    private _name: string,
    /** @internal */ readonly _next: Edge[],
    fn: BackwardFn,
    /** @internal */ readonly _outShape: number[],
    /** @internal */ readonly _outDtype: DType,
  ) {
    this._fn = fn;
  }

  /** e.g. 'TanhBackward0', as PyTorch's `grad_fn.name()` */
  name(): string {
    return this._name;
  }

  /** @internal in-place variants are named e.g. LeakyReluBackward1 */
  _rename(name: string): void {
    this._name = name;
  }

  toString(): string {
    return `<${this._name}>`;
  }

  /** PyTorch's `next_functions`: (node or 'AccumulateGrad' leaf, input index) pairs. */
  get next_functions(): [Node | { name(): string; variable: Tensor } | null, number][] {
    return this._next.map((e) => [e instanceof Tensor ? { name: () => 'AccumulateGrad', variable: e } : e, 0]);
  }

  /** Record a tensor the backward formula reads; in-place changes to it are detected later. */
  save(t: Tensor, outputOf: string | null = null): void {
    this._saved.push({ tensor: t, version: t._version.v, outputOf });
  }
}

function edgeOf(t: Tensor): Edge {
  if (t.grad_fn) return t.grad_fn;
  return t.requires_grad ? t : null;
}

/**
 * True when nothing reads `t`'s gradient where `t` is ≤ 0: its only reader is the backward of the
 * op that made it, which sets the gradient there to 0 whatever arrives (ReLU's, as PyTorch's
 * threshold_backward), and no retain_grad() keeps it. A formula may leave those entries 0.
 */
export function gradUnreadWhereNotPositive(t: Tensor): boolean {
  const n = t.grad_fn;
  return n !== null && n._zeroesWhereNotPositive && n._retained === null;
}

/**
 * Gradients a formula has already set to +0 wherever `t` (whose node zeroes there, as
 * gradUnreadWhereNotPositive) is ≤ 0: the input gradient's product applies ReLU's backward while
 * its output is in cache, and ReLU's node, seeing the gradient arrive so, passes it on as it is —
 * the same values, one pass over memory and an allocation less. Summing another gradient into
 * one undoes the mark (runBackward).
 */
const zeroedWhereNotPositive = new WeakMap<FloatArray, FloatArray>();

/** Marks `g` as already +0 wherever `of` (the data of a tensor gradUnreadWhereNotPositive holds for) is ≤ 0. */
export function markZeroedWhereNotPositive(g: FloatArray, of: FloatArray): void {
  zeroedWhereNotPositive.set(g, of);
}

/** True when `g` is still as markZeroedWhereNotPositive left it for `of`. */
export function zeroedWhereNotPositiveOf(g: FloatArray, of: FloatArray): boolean {
  return zeroedWhereNotPositive.get(g) === of;
}

/** True when an op on these inputs must record a node. */
export function needsGrad(a: Tensor, b?: Tensor | null, c?: Tensor | null): boolean {
  if (!is_grad_enabled()) return false;
  return a.requires_grad || (!!b && b.requires_grad) || (!!c && c.requires_grad);
}

/**
 * Makes `out` the result of a differentiable op on `inputs`. `saveOutput`/`saveInputs`
 * register tensors the backward closure reads, so in-place edits are caught like PyTorch does.
 */
export function record(
  out: Tensor,
  name: string,
  inputs: (Tensor | null)[],
  fn: BackwardFn,
  saves: { inputs?: Tensor[]; output?: boolean; constGrad?: boolean; zeroesWhereNotPositive?: boolean } = {},
): Tensor {
  const node = new Node(name, inputs.map((t) => (t ? edgeOf(t) : null)), fn, out.shape, out.dtype);
  if (saves.inputs) for (const t of saves.inputs) node.save(t, t.grad_fn ? t.grad_fn.name() : null);
  if (saves.output) node.save(out, name);
  if (saves.constGrad) node._constOk = true;
  if (saves.zeroesWhereNotPositive) node._zeroesWhereNotPositive = true;
  out._setGradFn(node);
  return out;
}

function checkSaved(node: Node): void {
  for (const s of node._saved) {
    if (s.tensor._version.v !== s.version) {
      const t = s.tensor;
      const which = s.outputOf ? `, which is output 0 of ${s.outputOf},` : '';
      throw new RuntimeError(
        `one of the variables needed for gradient computation has been modified by an inplace operation: ` +
          `[${legacyTypeName(t.dtype)} [${t.shape.join(', ')}]]${which} is at version ${t._version.v}; ` +
          `expected version ${s.version} instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, ` +
          `with torch.autograd.set_detect_anomaly(True).`,
      );
    }
  }
}

/**
 * Gradients equal to one constant everywhere and not yet written: what sum()/mean() over all
 * elements send back. Writing them out (a fill pass) and reading them back (in the next
 * formula) is memory traffic for nothing, so they travel as an allocated array tagged with
 * the value; a node that declared `constGrad` reads constOf(grad) instead of the array, and
 * every other consumer gets the array filled first (materialize).
 */
const lazyConst = new WeakMap<FloatArray, number>();

/** A gradient of `n` elements all equal to `v` (zero-filled memory, filled on demand). */
export function constGrad(dtype: DType, n: number, v: number): FloatArray {
  // a zero gradient is the zeroed memory itself; any other is filled before anything reads it
  if (Object.is(v, 0) || n === 0) return alloc(dtype, n);
  const a = empty(dtype, n);
  lazyConst.set(a, v);
  return a;
}

/** The constant an unwritten constant gradient stands for, else undefined. */
export function constOf(g: FloatArray): number | undefined {
  return lazyConst.get(g);
}

function materialize(g: FloatArray): FloatArray {
  const v = lazyConst.get(g);
  if (v !== undefined) {
    lazyConst.delete(g);
    g.fill(v);
  }
  return g;
}

function castTo(a: FloatArray, dtype: DType): FloatArray {
  const want64 = dtype === 'float64';
  if (want64 === a instanceof Float64Array) return a;
  materialize(a);
  const out = empty(dtype, a.length);
  out.set(a);
  return out;
}

function addArrays(a: FloatArray, b: FloatArray): FloatArray {
  const out = empty(a instanceof Float64Array ? 'float64' : 'float32', a.length);
  addTo(a, b, out);
  return out;
}

/** out = a + b elementwise (out may be a): float32 arrays on the SIMD kernel for their leading part. */
function addTo(a: FloatArray, b: FloatArray, out: FloatArray): void {
  const n = a.length;
  let i = a instanceof Float32Array && b instanceof Float32Array ? simdAdd32(a, b, out as Float32Array, n) : 0;
  for (; i < n; i++) out[i] = a[i] + b[i];
}

/**
 * Arrays a backward formula hands on without owning them: another tensor's data, returned as a
 * gradient where the formula would only have copied it (mul's backward when the incoming
 * gradient is the constant 1), or a buffer the formula writes again on its next call (Linear's
 * weight gradient for a leaf, which accumulateLeaf reads at once). Nobody writes into them; the
 * engine copies one before keeping it.
 */
const borrowedArrays = new WeakSet<FloatArray>();

/** Marks `a` (a tensor's data) as a gradient the engine must not write into or keep; returns it. */
export function borrowed(a: FloatArray): FloatArray {
  borrowedArrays.add(a);
  return a;
}

/** `owned`: the array is fresh from a backward formula and referenced nowhere else. */
function accumulateLeaf(leaf: Tensor, g: FloatArray, owned = false): void {
  materialize(g);
  const c = castTo(g, leaf.dtype);
  if (c !== g) owned = true;
  g = c;
  const cur = leaf._gradRaw;
  if (cur === null) {
    leaf._gradRaw = Tensor._make(owned ? g : copyOf(g), [...leaf.shape], leaf.dtype);
  } else {
    // PyTorch accumulates into the existing .grad buffer in place.
    addTo(cur.data, g, cur.data);
    cur._version.v++;
  }
}

export interface BackwardOptions {
  gradient?: Tensor | number | null;
  retain_graph?: boolean;
}

let retaining = false;

/**
 * True while a backward pass keeps the graph (retain_graph): formulas may then not reuse the
 * buffers their closures saved, since the same closure runs again.
 */
export function retainingGraph(): boolean {
  return retaining;
}

export function runBackward(root: Tensor, opts: BackwardOptions = {}): void {
  if (!root.requires_grad)
    throw new RuntimeError('element 0 of tensors does not require grad and does not have a grad_fn');
  let seed: FloatArray;
  let seedOwned = true;
  const gradient = opts.gradient;
  if (gradient === undefined || gradient === null) {
    if (root.numel() !== 1) throw new RuntimeError('grad can be implicitly created only for scalar outputs');
    seed = alloc(root.dtype, 1);
    seed[0] = 1;
  } else if (typeof gradient === 'number') {
    if (root.numel() !== 1) throw new RuntimeError('grad can be implicitly created only for scalar outputs');
    seed = alloc(root.dtype, 1);
    seed[0] = gradient;
  } else {
    if (!sameShape(gradient.shape, root.shape))
      throw new RuntimeError(
        `Mismatch in shape: grad_output[0] has a shape of ${sizeStr(gradient.shape)} and output[0] has a shape of ${sizeStr(root.shape)}.`,
      );
    seed = castTo(gradient.data, root.dtype);
    seedOwned = seed !== gradient.data;
  }
  const retain = opts.retain_graph ?? false;
  retaining = retain;
  const start = root.grad_fn;
  if (start === null) {
    accumulateLeaf(root, seed, seedOwned);
    return;
  }

  // Count how many edges feed each node so a node runs once all its gradients arrived.
  const deps = new Map<Node, number>();
  const stack: Node[] = [start];
  deps.set(start, 0);
  while (stack.length) {
    const n = stack.pop()!;
    for (const e of n._next) {
      if (e instanceof Node) {
        const d = deps.get(e);
        if (d === undefined) {
          deps.set(e, 1);
          stack.push(e);
        } else deps.set(e, d + 1);
      }
    }
  }

  const grads = new Map<Node, FloatArray>();
  const owned = new Set<FloatArray>();
  grads.set(start, seed);
  if (seedOwned) owned.add(seed);
  const ready: Node[] = [start];
  while (ready.length) {
    const node = ready.pop()!;
    const g = grads.get(node)!;
    grads.delete(node);
    const gOwned = owned.delete(g);
    if (node._fn === null) throw new RuntimeError(FREED_MESSAGE);
    checkSaved(node);
    if (node._retained) {
      materialize(g);
      const t = node._retained;
      if (t._gradRaw === null) t._gradRaw = Tensor._make(copyOf(g), [...t.shape], t.dtype);
      else {
        addTo(t._gradRaw.data, g, t._gradRaw.data);
      }
    }
    // a lazy constant gradient reaches only nodes that read it as such; it is dead (or
    // overwritten in place) once their formula has run
    const lazy = lazyConst.has(g);
    if (lazy && !node._constOk) materialize(g);
    const inGrads = node._fn(g, gOwned);
    if (lazy) lazyConst.delete(g);
    if (!retain && node._saved.length > 0) {
      node._fn = null;
      node._saved.length = 0;
      node._freed = true;
    }
    const next = node._next;
    for (let i = 0; i < next.length; i++) {
      const e = next[i];
      const ig = inGrads[i];
      if (e === null) continue;
      if (e instanceof Tensor) {
        if (ig) accumulateLeaf(e, ig, !shared(ig, i, g, gOwned, inGrads));
        continue;
      }
      if (ig) {
        const cg = castTo(ig, e._outDtype); // castTo materializes a lazy constant it converts
        const cgOwned = cg !== ig || !shared(ig, i, g, gOwned, inGrads);
        const prev = grads.get(e);
        if (!prev) {
          grads.set(e, cg);
          if (cgOwned) owned.add(cg);
        } else if (owned.has(prev)) {
          materialize(prev);
          materialize(cg);
          addTo(prev, cg, prev);
          zeroedWhereNotPositive.delete(prev);
        } else {
          const sum = addArrays(materialize(prev), materialize(cg));
          grads.set(e, sum);
          owned.add(sum);
        }
      }
      const left = deps.get(e)! - 1;
      deps.set(e, left);
      if (left === 0) {
        if (grads.has(e)) ready.push(e);
        else skipSubgraph(e, deps, grads, ready);
      }
    }
  }
}

/**
 * A returned array is owned by its edge unless it is the incoming gradient passed through
 * (add, reshape, …) or returned for more than one edge. (A module function, not a closure per
 * node: closures cost an allocation each, and more under the bench's keep-names transpile.)
 */
function shared(a: FloatArray, i: number, g: FloatArray, gOwned: boolean, inGrads: (FloatArray | null)[]): boolean {
  if (borrowedArrays.has(a)) return true;
  if (a === g && !gOwned) return true;
  for (let j = 0; j < inGrads.length; j++) if (j !== i && inGrads[j] === a) return true;
  return false;
}

/** A node that received no gradient still releases its dependants' counters. */
function skipSubgraph(n: Node, deps: Map<Node, number>, grads: Map<Node, FloatArray>, ready: Node[]): void {
  for (const e of n._next) {
    if (e instanceof Node) {
      const left = deps.get(e)! - 1;
      deps.set(e, left);
      if (left === 0) {
        if (grads.has(e)) ready.push(e);
        else skipSubgraph(e, deps, grads, ready);
      }
    }
  }
}
