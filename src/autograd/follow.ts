// Following straight-line code on the engine: module-level statements (a notebook's cells in
// order, as one module) and every function body, statement by statement, through the
// interpreter (src/interp), never running the user's code. A statement that cannot be evaluated
// (a model's call, a loader, a loop) makes every tensor it names unknown, so nothing is claimed
// about values the code does not show being made; where PyTorch would raise, that is recorded
// with its exact text and the code after it is followed as if the line were skipped.
import type { Node } from 'web-tree-sitter';
import { Tensor } from '../engine';
import {
  Interpreter, NotEvaluable, Opaque, PyTuple, PyList, Scope, lowerStatement,
  type Expr, type FunctionDef, type LaterBodies, type Stmt, type Value,
} from '../interp';
import { contextNamed } from '../interp/registry';
import { PyTorchRaised, RECORDER, isIntegerTensor, setRequiresGrad, type AutogradRecorder, type LeafGradient } from '../interp/autogradBuiltins';
import { graphOf, type GraphModel } from './graph';
import { isFunctionalLoss } from '../python/losses';
import { freshMemo, registerFileMemo } from '../python/fileMemos';

/** A tensor as the hover talks about it. */
export interface TensorFacts {
  label: string | null;
  shape: number[];
  /** PyTorch's dtype name: 'float32', 'float64', or 'int64' for integer data the engine holds as float. */
  dtype: string;
  isLeaf: boolean;
  requiresGrad: boolean;
  gradFn: string | null;
}

export interface FollowEvent {
  /** 0-based line in the followed text. */
  line: number;
  severity: 'error' | 'warning';
  /** Python's exception or warning class. */
  type: string;
  /** PyTorch's own text. */
  message: string;
  /** What raised it: backward, create, requires_grad_, numpy, plot, inplace, grad, … */
  op: string;
  /** The positional argument that was the tensor (plotting and NumPy calls). */
  arg?: number;
  callee?: string;
  subject?: TensorFacts;
  /** For a non-leaf's .grad: the leaves behind it and the backward() line that ran last. */
  leaves?: string[];
  lastBackwardLine?: number;
}

export interface GradientFacts extends TensorFacts {
  /**
   * The leaf's values (1-D leaves only, the plot's x) and its .grad right after the call; null
   * once the code drew random numbers (the engine's stream is not PyTorch's).
   */
  values: Float64Array | null;
  grad: Float64Array | null;
}

export interface BackwardFact {
  line: number;
  root: TensorFacts;
  graph: GraphModel;
  gradients: GradientFacts[];
  error?: { type: string; message: string };
}

export interface SpotFact {
  line: number;
  kind: 'grad' | 'is_leaf' | 'requires_grad' | 'retain_grad' | 'created' | 'detach' | 'no_grad';
  subject: TensorFacts;
  /** For .grad: the gradient's facts, or null for None. */
  grad?: TensorFacts | null;
}

export interface FollowResult {
  events: FollowEvent[];
  backwards: BackwardFact[];
  spots: SpotFact[];
  /** Statements that could not be followed: 0-based line and the construct. */
  skipped: Array<{ line: number; construct: string }>;
}

/** Generous for a file (the interpreter's default is sized for one activation's body). */
export const FOLLOW_BUDGET = { steps: 200_000, depth: 32, elements: 20_000_000, ms: 400 };

/**
 * The clock is only a backstop (steps, depth and elements bound the work deterministically). The
 * editor keeps it short so a keystroke's findings always come; `check` lifts it, so what a file
 * reports in CI never depends on how loaded the machine is.
 */
export function setFollowClock(ms: number): void {
  FOLLOW_BUDGET.ms = ms;
}

const UNKNOWN = (name: string) => new Opaque('unknown', name);

/**
 * `mse = F.mse_loss(x * w, y)` (or a statement of only that call), where the interpreter has no such
 * loss: its arguments were computed, and a loss function of torch.nn.functional changes none of
 * them, so what is known of `w` (its dtype, that it requires grad) still holds after it; only
 * the name bound to its value is unknown.
 */
const FUNCTIONAL = 'torch.nn.functional.';
function pureLossCall(e: NotEvaluable, s: Stmt): boolean {
  const value = s.k === 'assign' ? s.value : s.k === 'expr' ? s.e : null;
  return value?.k === 'call' && e.line === value.at.line && !!e.callee?.startsWith(FUNCTIONAL) && isFunctionalLoss(e.callee.slice(FUNCTIONAL.length));
}
/** The interpreter's whole-run budgets (budget.ts): once spent, following stops instead of failing every statement. */
const OUT_OF_BUDGET = /^more than \d+ (evaluation steps|ms of evaluation)$/;

class Follower implements AutogradRecorder {
  readonly result: FollowResult = { events: [], backwards: [], spots: [], skipped: [] };
  private readonly labels = new WeakMap<Tensor, string>();
  private readonly seen = new Set<string>();
  private lastBackwardLine = -1;
  private readonly interp: Interpreter;

  /** Offsets where each line starts (statements name their lines; the text is read by line). */
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    this.interp = new Interpreter({ body: [] }, FOLLOW_BUDGET);
    this.interp.state.set(RECORDER, this);
  }

  facts(t: Tensor): TensorFacts {
    return {
      label: this.labels.get(t) ?? null,
      shape: [...t.shape],
      dtype: isIntegerTensor(this.interp, t) ? 'int64' : t.dtype,
      isLeaf: t.is_leaf,
      requiresGrad: t.requires_grad,
      gradFn: t.grad_fn ? t.grad_fn.name() : null,
    };
  }

  private once(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  // ---- AutogradRecorder
  private pendingGraph: GraphModel | null = null;
  private randomSeen = false;
  random(): void {
    this.randomSeen = true;
  }
  beforeBackward(_line: number, root: Tensor): void {
    this.pendingGraph = graphOf(root, (leaf) => this.labels.get(leaf) ?? null);
  }
  afterBackward(line: number, root: Tensor, leaves: LeafGradient[], error?: PyTorchRaised): void {
    this.lastBackwardLine = line;
    const graph = this.pendingGraph ?? graphOf(root);
    this.pendingGraph = null;
    if (!this.once(`b:${line}`)) return;
    const known = !this.randomSeen;
    const gradients = leaves.map((l) => ({ ...this.facts(l.leaf), values: known && l.leaf.shape.length === 1 ? l.values : null, grad: known ? l.grad : null }));
    this.result.backwards.push({ line, root: this.facts(root), graph, gradients, ...(error ? { error: { type: error.type, message: error.text } } : {}) });
  }
  warning(line: number, op: string, message: string, subject: Tensor): void {
    // once per tensor and line: `print(b.grad, y.grad)` warns for each of the two non-leaves
    if (!this.once(`w:${line}:${op}:${this.labels.get(subject) ?? ''}:${message}`)) return;
    const leaves = graphOf(subject, (l) => this.labels.get(l) ?? null).nodes.filter((n) => n.leaf).map((n) => n.leaf!.label).filter((l): l is string => !!l);
    this.result.events.push({ line, severity: 'warning', type: 'UserWarning', message, op, subject: this.facts(subject), leaves, lastBackwardLine: this.lastBackwardLine });
  }
  spot(line: number, kind: SpotFact['kind'], subject: Tensor, result?: Value): void {
    if (!this.once(`s:${line}:${kind}`)) return;
    const s: SpotFact = { line, kind, subject: this.facts(subject) };
    if (kind === 'grad') s.grad = result instanceof Tensor ? this.facts(result) : null;
    this.result.spots.push(s);
    this.statementSpots.push({ spot: s, tensor: subject });
  }

  // ---- statements
  private raised(e: PyTorchRaised, subject?: Tensor): void {
    if (!this.once(`e:${e.line}:${e.op}:${e.text}`)) return;
    this.result.events.push({
      line: e.line, severity: 'error', type: e.type, message: e.text, op: e.op,
      ...(e.arg !== undefined ? { arg: e.arg } : {}), ...(e.callee ? { callee: e.callee } : {}), ...(subject ? { subject: this.facts(subject) } : {}),
    });
  }

  /** An engine error surfaced by the interpreter itself (an in-place op in `x -= …`). */
  private engineRaised(e: NotEvaluable): boolean {
    const m = /^PyTorch would raise (\w+): ([\s\S]*)$/.exec(e.construct);
    if (!m || m[1] !== 'RuntimeError') return false;
    const op = /in-place operation/.test(m[2]!) ? 'inplace' : 'other';
    this.raised(new PyTorchRaised(m[1], m[2]!, e.line, op));
    return true;
  }

  run(body: Stmt[], scope: Scope): void {
    for (let i = 0; i < body.length; i++) {
      const s = body[i]!;
      if (s.k === 'return') {
        // what is returned is read (`return x.grad`), then the body ends
        if (s.e) this.statement({ k: 'expr', e: s.e, at: s.at }, scope);
        return;
      }
      this.statement(s, scope);
    }
  }

  /** Spots recorded while the current statement runs: `x = torch.linspace(…)` names x only once assigned. */
  private statementSpots: Array<{ spot: SpotFact; tensor: Tensor }> = [];

  private statement(s: Stmt, scope: Scope): void {
    this.statementSpots = [];
    if (s.k === 'unsupported') {
      // What exec does with it (a step, then this statement's NotEvaluable), without throwing
      // through the interpreter: a third of the follower's statements are loops, try blocks…
      let e: unknown;
      try {
        this.interp.step(s.at.line);
        e = new NotEvaluable(s.what, s.at.line);
      } catch (x) {
        e = x;
      }
      this.failed(e, s, scope);
      return;
    }
    try {
      switch (s.k) {
        case 'def':
          this.interp.exec([s], scope);
          this.followFunction(s.fn, scope);
          return;
        case 'if': {
          const test = this.interp.expr(s.test, scope);
          this.run(this.interp.truthy(test, s.test.at) ? s.body : s.orelse, scope);
          return;
        }
        case 'with': {
          const ctxs = s.items.map((i) => this.interp.expr(i, scope));
          if (ctxs.length === 1 && ctxs[0] instanceof Opaque && ctxs[0].tag === 'context') {
            const enter = contextNamed(ctxs[0].name);
            if (enter) {
              enter(() => this.run(s.body, scope));
              if (ctxs[0].name === 'no_grad') this.noGrad(s);
              return;
            }
          }
          this.interp.exec([s], scope);
          return;
        }
        case 'assign':
          if (this.flagAssignment(s, scope)) return;
          this.interp.exec([s], scope);
          this.label(s, scope);
          return;
        default:
          this.interp.exec([s], scope);
          this.label(s, scope);
      }
    } catch (e) {
      this.failed(e, s, scope);
    }
  }

  /** Statement `s` could not be followed: what PyTorch raised is recorded, what it may have changed forgotten. */
  private failed(e: unknown, s: Stmt, scope: Scope): void {
    if (e instanceof PyTorchRaised) this.raised(e);
    else if (e instanceof NotEvaluable && OUT_OF_BUDGET.test(e.construct)) throw e; // the rest is not followed at all
    else if (e instanceof NotEvaluable) {
      if (!this.engineRaised(e)) {
        this.result.skipped.push({ line: e.line, construct: e.construct });
        if (!pureLossCall(e, s)) this.forgetMentioned(s, scope);
      }
    } else throw e;
    this.forgetTargets(s, scope);
  }

  /** `x.requires_grad = True`, `x.grad = None`: autograd's own attributes of a tensor, set as PyTorch sets them. */
  private flagAssignment(s: Extract<Stmt, { k: 'assign' }>, scope: Scope): boolean {
    const target = s.targets.length === 1 ? s.targets[0]! : null;
    if (!target || target.k !== 'attr' || (target.name !== 'requires_grad' && target.name !== 'grad')) return false;
    const obj = this.interp.expr(target.obj, scope);
    if (!(obj instanceof Tensor)) return false;
    const v = this.interp.expr(s.value, scope);
    if (target.name === 'requires_grad') setRequiresGrad(this.interp, obj, v, s.at.line);
    else if (v === null) obj.grad = null;
    else return false;
    return true;
  }

  /** `with torch.no_grad():` was entered: the hover on it says what its block made. */
  private noGrad(s: Extract<Stmt, { k: 'with' }>): void {
    if (this.once(`s:${s.at.line}:no_grad`)) this.result.spots.push({ line: s.at.line, kind: 'no_grad', subject: { label: null, shape: [], dtype: '', isLeaf: true, requiresGrad: false, gradFn: null } });
  }

  /** Names the assignment bound now stand for their tensors in graphs and claims. */
  private label(s: Stmt, scope: Scope): void {
    if (s.k !== 'assign') return;
    for (const t of s.targets) for (const n of targetNames(t)) {
      const v = scope.get(n);
      if (!(v instanceof Tensor)) continue;
      this.labels.set(v, n);
      for (const p of this.statementSpots) if (p.tensor === v && p.spot.subject.label === null) p.spot.subject.label = n;
    }
  }

  private forgetTargets(s: Stmt, scope: Scope): void {
    const names = s.k === 'assign' ? s.targets.flatMap(targetNames) : s.k === 'augassign' ? targetNames(s.target) : s.k === 'def' ? [s.fn.name] : [];
    for (const n of names) scope.set(n, UNKNOWN(n));
  }

  /**
   * A statement the interpreter could not read may have changed any tensor it names (a loop's
   * update, `init.normal_(w)`): those names are unknown from here on.
   */
  private forgetMentioned(s: Stmt, scope: Scope): void {
    // most statements that fail do so where no tensor is known at all: nothing to read then (told
    // by the bindings in scope where they are few; a module of thousands of names reads the text)
    if (scope.anyVisible(holdsTensor, FEW_BINDINGS) === false) return;
    const src = this.text.slice(this.lineStarts[s.at.line] ?? this.text.length, this.lineStarts[s.at.endLine + 1] ?? this.text.length);
    for (const m of src.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
      if (holdsTensor(scope.get(m[0]))) scope.set(m[0], UNKNOWN(m[0]));
    }
  }

  /** A function body on its own: parameters unknown, names created inside followed. */
  private followFunction(fn: FunctionDef, closure: Scope): void {
    const scope = new Scope(closure);
    for (const p of fn.params) scope.set(p.name, UNKNOWN(p.name));
    this.run(fn.body, scope);
  }
}

/** Bindings in scope up to which a failed statement asks them for a tensor before reading its names. */
const FEW_BINDINGS = 200;

/** A tensor, or a tuple or list holding one directly: what a statement that could not be read may have changed. */
const holdsTensor = (v: Value | undefined): boolean => v instanceof Tensor || ((v instanceof PyTuple || v instanceof PyList) && v.items.some((i) => i instanceof Tensor));

function targetNames(t: Expr): string[] {
  if (t.k === 'name') return [t.id];
  if (t.k === 'tuple' || t.k === 'list') return t.items.flatMap(targetNames);
  if (t.k === 'attr' || t.k === 'subscript') return targetNames(t.obj);
  return [];
}

/**
 * What could matter: a function whose text never says grad, backward or a NumPy/plotting name
 * cannot raise or warn about autograd, and classes (a model's methods read `self`, which is
 * unknown) are not followed; their names are bound as unknown without lowering their bodies, so a
 * 10,000-line file of models costs its few relevant statements only.
 */
const RELEVANT = /grad|backward|numpy|plot|hist|scatter|imshow|asarray|array|_\(|Parameter/;

/**
 * Statements lowered for the last module followed, by `row:column:text`: the next version of a
 * document lowers again only what changed (lowering reads only the statement's subtree and text,
 * and its positions are absolute). A statement with a syntax error is always lowered again.
 */
let lastLowered = new Map<string, Stmt>();
function lowerKept(n: Node, text: string, next: Map<string, Stmt>, keys: string[] | null): Stmt {
  if (n.hasError) return lowerStatement(n, text);
  const p = n.startPosition;
  const key = `${p.row}:${p.column}:${text.slice(n.startIndex, n.endIndex)}`;
  keys?.push(key);
  let s = lastLowered.get(key) ?? next.get(key);
  if (!s) s = lowerStatement(n, text);
  next.set(key, s);
  return s;
}

/**
 * What following the last module found, by what it followed: the followed statements (text and
 * place) and the names bound as unknown. Classes and the functions that cannot matter are never
 * followed, so an edit inside a model's class leaves the next version's follow the same.
 */
let lastFollow: { key: string; result: FollowResult } | undefined;
registerFileMemo(forgetFollowedStatements);

/**
 * Whether the next version of a document will be followed (the editor): what this one lowered and
 * found is then kept for it. `check` without `--fix` reads each file once and keeps nothing.
 */
let keepForNextVersion = true;
export function keepFollowForNextVersion(on: boolean): void {
  keepForNextVersion = on;
  if (!on) forgetFollowedStatements();
}

/** Forgets the statements kept from the last module followed (tests compare with a fresh lowering). */
export function forgetFollowedStatements(): void {
  lastLowered = freshMemo(lastLowered);
  lastFollow = undefined;
}

/**
 * Where nothing is kept for a next version, a def's body is lowered when the follow first reads
 * it: a def whose decorator cannot be evaluated (`@torch.no_grad()`) is never followed, and its
 * body never lowered. The tree lives throughout the follow, and nothing it returns holds a body.
 */
let following = false;
const DURING_FOLLOW: LaterBodies = {
  whole: true,
  alive: () => following,
  reread: () => {
    throw new Error('Activation Lens: a function body was read after its follow');
  },
};

function relevantStatements(root: Node, text: string): { body: Stmt[]; skipped: string[]; key: string | null } {
  const body: Stmt[] = [];
  const skipped: string[] = [];
  const next = new Map<string, Stmt>();
  // Null once a statement has a syntax error (lowered afresh every time, it is not compared), and
  // where nothing is kept for a next version.
  let keys: string[] | null = keepForNextVersion ? [] : null;
  for (const n of root.namedChildren) {
    if (!n || n.type === 'comment') continue;
    const def = n.type === 'decorated_definition' ? n.childForFieldName('definition') : n;
    if (def && (def.type === 'class_definition' || (def.type === 'function_definition' && !RELEVANT.test(text.slice(n.startIndex, n.endIndex))))) {
      const name = def.childForFieldName('name');
      if (name) skipped.push(text.slice(name.startIndex, name.endIndex));
      continue;
    }
    if (!keepForNextVersion) { body.push(lowerStatement(n, text, DURING_FOLLOW)); continue; }
    if (n.hasError) keys = null;
    body.push(lowerKept(n, text, next, keys));
  }
  if (keepForNextVersion) lastLowered = next;
  return { body, skipped, key: keys && [...keys, ...skipped].join('\u0000') };
}

/** Follows a parsed module (a file, or a notebook's code cells joined into one text). */
export function followModule(root: Node, text: string): FollowResult {
  // read first: the interpreter's clock starts with the Follower
  const { body, skipped, key } = relevantStatements(root, text);
  if (key !== null && lastFollow?.key === key) return lastFollow.result;
  const f = new Follower(text);
  const scope = new Scope(null);
  scope.set('__name__', '__main__');
  for (const name of skipped) scope.set(name, UNKNOWN(name));
  following = true;
  try {
    f.run(body, scope);
  } catch (e) {
    // the budget ran out or the interpreter met something it never should: what was found stands
    if (!(e instanceof NotEvaluable || e instanceof RangeError)) throw e;
    f.result.skipped.push({ line: e instanceof NotEvaluable ? e.line : 0, construct: e instanceof NotEvaluable ? e.construct : 'a computation too deep' });
    // Stopped by a budget (the clock among them): another run may get further.
    return f.result;
  } finally {
    following = false;
  }
  if (key !== null) lastFollow = { key, result: f.result };
  return f.result;
}
