// Broadcasting binary ops and their gradients.
import type { DType, FloatArray } from '../dtype';
import { alloc, empty, promoteTypes, rounder } from '../dtype';
import { borrowed, constOf, needsGrad, record } from '../autograd';
import { Tensor, type TensorLike } from '../tensor';
import { type Access, type Plan, indexOf, plan, reduceGrad } from './broadcast';
import { toDtype } from './view';
import { simdAddRows32 } from '../wasm/simd';

export function scalarTensor(v: number, dtype: DType): Tensor {
  const d = alloc(dtype, 1);
  d[0] = v;
  return Tensor._make(d, [], dtype);
}

/** Numbers take the dtype of the tensor they meet, as PyTorch's wrapped scalars do. */
export function asTensor(x: TensorLike, like: Tensor | null): Tensor {
  if (x instanceof Tensor) return x;
  return scalarTensor(x, like ? like.dtype : 'float32');
}

function pair(a: TensorLike, b: TensorLike): [Tensor, Tensor] {
  const ta = a instanceof Tensor ? a : null;
  const tb = b instanceof Tensor ? b : null;
  const x = asTensor(a, tb);
  const y = asTensor(b, ta);
  if (x.dtype === y.dtype) return [x, y];
  // A float64 0-d tensor meeting a dimensioned float32 one: PyTorch computes in float32, the
  // 0-d operand cast first (its gradient is reduced in float32, then cast back).
  const dtype = promoteTypes(x.dtype, x.shape.length, y.dtype, y.shape.length);
  return [narrow(x, dtype), narrow(y, dtype)];
}

function narrow(t: Tensor, dtype: DType): Tensor {
  return dtype === 'float32' && t.dtype === 'float64' ? toDtype(t, dtype) : t;
}

type F2 = (x: number, y: number) => number;

function loop(out: FloatArray, ad: FloatArray, bd: FloatArray, p: Plan, f: F2): void {
  const n = p.n;
  const A = p.a;
  const B = p.b;
  if (A === 'same' && B === 'same') for (let i = 0; i < n; i++) out[i] = f(ad[i], bd[i]);
  else if (A === 'same' && B === 'scalar') {
    const y = bd[0];
    for (let i = 0; i < n; i++) out[i] = f(ad[i], y);
  } else if (A === 'scalar' && B === 'same') {
    const x = ad[0];
    for (let i = 0; i < n; i++) out[i] = f(x, bd[i]);
  } else {
    for (let i = 0; i < n; i++) out[i] = f(ad[at(A, i)], bd[at(B, i)]);
  }
}


const at = indexOf;

/** The four arithmetic ops get monomorphic loops of their own: they carry most traffic. */
type Arith = 'add' | 'sub' | 'mul' | 'div';

// The same-shape and scalar loops, four elements per iteration: V8 then schedules the loads
// of one element beside the arithmetic of another, 1.6 → 1.0 ms for a million float64
// products on this project's VM (a float32 store's rounding dominates either way).
function mulSame(o: FloatArray, a: FloatArray, b: FloatArray, n: number): void {
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const x0 = a[i] * b[i];
    const x1 = a[i + 1] * b[i + 1];
    const x2 = a[i + 2] * b[i + 2];
    const x3 = a[i + 3] * b[i + 3];
    o[i] = x0;
    o[i + 1] = x1;
    o[i + 2] = x2;
    o[i + 3] = x3;
  }
  for (; i < n; i++) o[i] = a[i] * b[i];
}

function addSame(o: FloatArray, a: FloatArray, b: FloatArray, n: number): void {
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const x0 = a[i] + b[i];
    const x1 = a[i + 1] + b[i + 1];
    const x2 = a[i + 2] + b[i + 2];
    const x3 = a[i + 3] + b[i + 3];
    o[i] = x0;
    o[i + 1] = x1;
    o[i + 2] = x2;
    o[i + 3] = x3;
  }
  for (; i < n; i++) o[i] = a[i] + b[i];
}

function subSame(o: FloatArray, a: FloatArray, b: FloatArray, n: number): void {
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const x0 = a[i] - b[i];
    const x1 = a[i + 1] - b[i + 1];
    const x2 = a[i + 2] - b[i + 2];
    const x3 = a[i + 3] - b[i + 3];
    o[i] = x0;
    o[i + 1] = x1;
    o[i + 2] = x2;
    o[i + 3] = x3;
  }
  for (; i < n; i++) o[i] = a[i] - b[i];
}

function divSame(o: FloatArray, a: FloatArray, b: FloatArray, n: number): void {
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const x0 = a[i] / b[i];
    const x1 = a[i + 1] / b[i + 1];
    const x2 = a[i + 2] / b[i + 2];
    const x3 = a[i + 3] / b[i + 3];
    o[i] = x0;
    o[i + 1] = x1;
    o[i + 2] = x2;
    o[i + 3] = x3;
  }
  for (; i < n; i++) o[i] = a[i] / b[i];
}

function mulScalar(o: FloatArray, a: FloatArray, c: number, n: number): void {
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const x0 = a[i] * c;
    const x1 = a[i + 1] * c;
    const x2 = a[i + 2] * c;
    const x3 = a[i + 3] * c;
    o[i] = x0;
    o[i + 1] = x1;
    o[i + 2] = x2;
    o[i + 3] = x3;
  }
  for (; i < n; i++) o[i] = a[i] * c;
}

function addScalar(o: FloatArray, a: FloatArray, c: number, n: number): void {
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const x0 = a[i] + c;
    const x1 = a[i + 1] + c;
    const x2 = a[i + 2] + c;
    const x3 = a[i + 3] + c;
    o[i] = x0;
    o[i + 1] = x1;
    o[i + 2] = x2;
    o[i + 3] = x3;
  }
  for (; i < n; i++) o[i] = a[i] + c;
}

function arith(out: FloatArray, ad: FloatArray, bd: FloatArray, p: Plan, op: Arith): boolean {
  const n = p.n;
  const A = p.a;
  const B = p.b;
  if (A === 'same' && B === 'same') {
    if (op === 'add') addSame(out, ad, bd, n);
    else if (op === 'sub') subSame(out, ad, bd, n);
    else if (op === 'mul') mulSame(out, ad, bd, n);
    else divSame(out, ad, bd, n);
    return true;
  }
  if (A === 'same' && B === 'scalar') {
    const y = bd[0];
    if (op === 'add') addScalar(out, ad, y, n);
    else if (op === 'sub') addScalar(out, ad, -y, n); // x − y is x + (−y), exactly
    else if (op === 'mul') mulScalar(out, ad, y, n);
    else for (let i = 0; i < n; i++) out[i] = ad[i] / y;
    return true;
  }
  if (A === 'same' && typeof B === 'object' && !(B instanceof Int32Array)) {
    const inner = B.inner;
    if (op === 'add' && out instanceof Float32Array && ad instanceof Float32Array && bd instanceof Float32Array && simdAddRows32(ad, bd, out, n, inner))
      return true;
    for (let o = 0; o < n; o += inner) {
      if (op === 'add') for (let j = 0; j < inner; j++) out[o + j] = ad[o + j] + bd[j];
      else if (op === 'sub') for (let j = 0; j < inner; j++) out[o + j] = ad[o + j] - bd[j];
      else if (op === 'mul') for (let j = 0; j < inner; j++) out[o + j] = ad[o + j] * bd[j];
      else for (let j = 0; j < inner; j++) out[o + j] = ad[o + j] / bd[j];
    }
    return true;
  }
  return false;
}

interface Prepared {
  a: Tensor;
  b: Tensor;
  p: Plan;
  dtype: DType;
  out: Tensor;
}

function prepare(x: TensorLike, y: TensorLike, f: F2, op?: Arith): Prepared {
  const [a, b] = pair(x, y);
  const dtype = promoteTypes(a.dtype, a.shape.length, b.dtype, b.shape.length);
  const p = plan(a.shape, a.data.length, b.shape, b.data.length);
  const od = empty(dtype, p.n);
  if (!op || !arith(od, a.data, b.data, p, op)) loop(od, a.data, b.data, p, f);
  return { a, b, p, dtype, out: Tensor._make(od, p.shape, dtype) };
}

/** Elementwise gradient over the output, reduced back onto the operand's shape. */
function gradFor(
  g: FloatArray,
  p: Plan,
  other: Access,
  src: Tensor,
  od: FloatArray,
  k: (g: number, o: number) => number,
  self: Access,
  reuse = false,
): FloatArray {
  const n = p.n;
  const isMul = k === fmul;
  const c = constOf(g);
  // 1·w is w, bit for bit: the gradient of (a·w).sum() with respect to a is w's data itself,
  // handed on read-only instead of copied (8 MB and a millisecond for a million elements)
  if (c === 1 && isMul && other === 'same' && od instanceof Float64Array === g instanceof Float64Array)
    return reduceGrad(borrowed(od), self, src.data.length, src.dtype);
  const buf = reuse && g.length === n ? g : empty(g instanceof Float64Array ? 'float64' : 'float32', n);
  if (c !== undefined) {
    // g is c everywhere (sum's backward), not written out: read the constant instead
    if (other === 'same') {
      if (isMul) mulScalar(buf, od, c, n);
      else for (let i = 0; i < n; i++) buf[i] = k(c, od[i]);
    } else if (other === 'scalar') buf.fill(k(c, od[0]));
    else for (let i = 0; i < n; i++) buf[i] = k(c, od[at(other, i)]);
  } else if (other === 'same') {
    if (isMul) mulSame(buf, g, od, n);
    else for (let i = 0; i < n; i++) buf[i] = k(g[i], od[i]);
  } else if (other === 'scalar') {
    const o = od[0];
    if (isMul) mulScalar(buf, g, o, n);
    else for (let i = 0; i < n; i++) buf[i] = k(g[i], o);
  } else for (let i = 0; i < n; i++) buf[i] = k(g[i], od[at(other, i)]);
  return reduceGrad(buf, self, src.data.length, src.dtype);
}

const fadd: F2 = (x, y) => x + y;
const fsub: F2 = (x, y) => x - y;
const fmul: F2 = (x, y) => x * y;
const fdiv: F2 = (x, y) => x / y;

export function add(x: TensorLike, y: TensorLike, opts?: { alpha?: number }): Tensor {
  const alpha = opts?.alpha ?? 1;
  if (alpha !== 1) return add(x, mulScalarNoGradName(y, alpha, x));
  const { a, b, p, out } = prepare(x, y, fadd, 'add');
  if (needsGrad(a, b))
    record(out, 'AddBackward0', [a, b], (g) => [
      a.requires_grad ? reduceGrad(g, p.a, a.data.length, a.dtype) : null,
      b.requires_grad ? reduceGrad(g, p.b, b.data.length, b.dtype) : null,
    ]);
  return out;
}

function mulScalarNoGradName(y: TensorLike, alpha: number, like: TensorLike): TensorLike {
  if (!(y instanceof Tensor)) return y * alpha;
  return mul(y, alpha);
}

export function sub(x: TensorLike, y: TensorLike, opts?: { alpha?: number }): Tensor {
  const alpha = opts?.alpha ?? 1;
  if (alpha !== 1) return sub(x, mulScalarNoGradName(y, alpha, x));
  const { a, b, p, out } = prepare(x, y, fsub, 'sub');
  // PyTorch names `2 - t` RsubBackward1; `t - 2` and `t - u` SubBackward0.
  const name = !(x instanceof Tensor) ? 'RsubBackward1' : 'SubBackward0';
  if (needsGrad(a, b))
    record(out, name, [a, b], (g) => [
      a.requires_grad ? reduceGrad(g, p.a, a.data.length, a.dtype) : null,
      b.requires_grad ? reduceGrad(negArr(g), p.b, b.data.length, b.dtype) : null,
    ]);
  return out;
}

export function rsub(x: TensorLike, y: TensorLike): Tensor {
  return sub(y, x);
}

function negArr(g: FloatArray): FloatArray {
  const o = empty(g instanceof Float64Array ? 'float64' : 'float32', g.length);
  for (let i = 0; i < g.length; i++) o[i] = -g[i];
  return o;
}

export function mul(x: TensorLike, y: TensorLike): Tensor {
  const { a, b, p, out } = prepare(x, y, fmul, 'mul');
  if (needsGrad(a, b))
    record(
      out,
      'MulBackward0',
      [a, b],
      // g may be overwritten only by the last gradient computed from it
      (g, owned) => [
        a.requires_grad ? gradFor(g, p, p.b, a, b.data, fmul, p.a, owned && !b.requires_grad) : null,
        b.requires_grad ? gradFor(g, p, p.a, b, a.data, fmul, p.b, owned) : null,
      ],
      { inputs: [...(a.requires_grad ? [b] : []), ...(b.requires_grad ? [a] : [])], constGrad: true },
    );
  return out;
}

export function div(x: TensorLike, y: TensorLike): Tensor {
  if (!(x instanceof Tensor) && y instanceof Tensor) {
    // PyTorch computes `2 / t` as reciprocal(t) * 2, hence MulBackward0.
    return mul(reciprocal(y), x);
  }
  const { a, b, p, out } = prepare(x, y, fdiv, 'div');
  if (needsGrad(a, b)) {
    const R = rounder(out.dtype);
    record(
      out,
      'DivBackward0',
      [a, b],
      (g) => [
        a.requires_grad ? gradFor(g, p, p.b, a, b.data, fdiv, p.a) : null,
        b.requires_grad ? divOtherGrad(g, p, a, b, R) : null,
      ],
      { inputs: [...(a.requires_grad ? [b] : []), ...(b.requires_grad ? [a, b] : [])] },
    );
  }
  return out;
}

function divOtherGrad(g: FloatArray, p: Plan, a: Tensor, b: Tensor, R: (v: number) => number): FloatArray {
  const n = p.n;
  const buf = empty(g instanceof Float64Array ? 'float64' : 'float32', n);
  const ad = a.data;
  const bd = b.data;
  for (let i = 0; i < n; i++) {
    const bv = bd[at(p.b, i)];
    // PyTorch: -grad * ((self / other) / other)
    buf[i] = -g[i] * R(R(ad[at(p.a, i)] / bv) / bv);
  }
  return reduceGrad(buf, p.b, bd.length, b.dtype);
}

/** 1/t, recorded as ReciprocalBackward0. */
export function reciprocal(t: Tensor): Tensor {
  const n = t.data.length;
  const od = empty(t.dtype, n);
  const d = t.data;
  for (let i = 0; i < n; i++) od[i] = 1 / d[i];
  const out = Tensor._make(od, [...t.shape], t.dtype);
  if (needsGrad(t)) {
    const R = rounder(t.dtype);
    record(
      out,
      'ReciprocalBackward0',
      [t],
      (g) => {
        const r = empty(t.dtype, n);
        for (let i = 0; i < n; i++) r[i] = R(-g[i] * R(od[i] * od[i]));
        return [r];
      },
      { output: true },
    );
  }
  return out;
}

/** C's pow, which PyTorch calls: pow(1, y) = 1 and pow(-1, ±inf) = 1, where Math.pow gives NaN. */
function cpow(x: number, y: number): number {
  const r = Math.pow(x, y);
  return r === r || !(x === 1 || (x === -1 && (y === Infinity || y === -Infinity))) ? r : 1;
}

/** PyTorch's pow with a scalar exponent: x·x for 2, sqrt for 0.5, 1/sqrt for −0.5 (so (−0)^−0.5 = −inf). */
function powScalar(v: number, e: number): number {
  return e === 2 ? v * v : e === 0.5 ? Math.sqrt(v) : e === -0.5 ? 1 / Math.sqrt(v) : cpow(v, e);
}

export function pow(x: TensorLike, y: TensorLike): Tensor {
  if (x instanceof Tensor && !(y instanceof Tensor)) {
    const e = y;
    const n = x.data.length;
    const d = x.data;
    const od = empty(x.dtype, n);
    for (let i = 0; i < n; i++) od[i] = powScalar(d[i], e);
    const out = Tensor._make(od, [...x.shape], x.dtype);
    if (needsGrad(x)) {
      const R = rounder(x.dtype);
      record(
        out,
        'PowBackward0',
        [x],
        (g) => {
          const r = alloc(x.dtype, n);
          if (e === 0) return [r];
          const ee = R(e);
          for (let i = 0; i < n; i++) r[i] = R(g[i] * R(ee * R(powScalar(d[i], e - 1))));
          return [r];
        },
        { inputs: [x] },
      );
    }
    return out;
  }
  const { a, b, p, out } = prepare(x, y, cpow);
  if (needsGrad(a, b)) {
    const R = rounder(out.dtype);
    const name = x instanceof Tensor ? 'PowBackward1' : 'PowBackward2';
    const od = out.data;
    record(
      out,
      name,
      [a, b],
      (g) => {
        const n = p.n;
        let ga: FloatArray | null = null;
        let gb: FloatArray | null = null;
        if (a.requires_grad) {
          const buf = empty(out.dtype, n);
          for (let i = 0; i < n; i++) {
            const av = a.data[at(p.a, i)];
            const bv = b.data[at(p.b, i)];
            buf[i] = bv === 0 ? 0 : R(g[i] * R(bv * R(cpow(av, bv - 1))));
          }
          ga = reduceGrad(buf, p.a, a.data.length, a.dtype);
        }
        if (b.requires_grad) {
          const buf = empty(out.dtype, n);
          for (let i = 0; i < n; i++) {
            const av = a.data[at(p.a, i)];
            const bv = b.data[at(p.b, i)];
            buf[i] = av === 0 && bv >= 0 ? 0 : R(g[i] * R(od[i] * R(Math.log(av))));
          }
          gb = reduceGrad(buf, p.b, b.data.length, b.dtype);
        }
        return [ga, gb];
      },
      { inputs: [a, b], output: true },
    );
  }
  return out;
}

function minmax(x: Tensor, y: Tensor, isMax: boolean): Tensor {
  const f: F2 = isMax
    ? (u, v) => (u !== u || v !== v ? NaN : u > v ? u : v)
    : (u, v) => (u !== u || v !== v ? NaN : u < v ? u : v);
  const { a, b, p, out } = prepare(x, y, f);
  if (needsGrad(a, b)) {
    record(
      out,
      isMax ? 'MaximumBackward0' : 'MinimumBackward0',
      [a, b],
      (g) => {
        const n = p.n;
        const mk = (first: boolean): FloatArray => {
          const buf = empty(out.dtype, n);
          for (let i = 0; i < n; i++) {
            const av = a.data[at(p.a, i)];
            const bv = b.data[at(p.b, i)];
            const self = first ? av : bv;
            const other = first ? bv : av;
            // PyTorch: ties split the gradient; the losing side gets 0
            if (self === other) buf[i] = g[i] / 2;
            else if (isMax ? self < other : self > other) buf[i] = 0;
            else buf[i] = g[i];
          }
          return buf;
        };
        return [
          a.requires_grad ? reduceGrad(mk(true), p.a, a.data.length, a.dtype) : null,
          b.requires_grad ? reduceGrad(mk(false), p.b, b.data.length, b.dtype) : null,
        ];
      },
      { inputs: [a, b] },
    );
  }
  return out;
}

export function maximum(x: TensorLike, y: TensorLike): Tensor {
  const [a, b] = pair(x, y);
  return minmax(a, b, true);
}
export function minimum(x: TensorLike, y: TensorLike): Tensor {
  const [a, b] = pair(x, y);
  return minmax(a, b, false);
}

/** Condition as PyTorch's bool tensor: a 0/1 (nonzero = true) tensor or nested booleans. */
export type Condition = Tensor | boolean | boolean[] | boolean[][] | boolean[][][];

function condTensor(c: Condition): Tensor {
  if (c instanceof Tensor) return c;
  const shape: number[] = [];
  let cur: unknown = c;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    cur = cur[0];
  }
  const flat = (Array.isArray(c) ? (c as unknown[]).flat(Infinity) : [c]) as boolean[];
  const d = new Float64Array(flat.length);
  for (let i = 0; i < flat.length; i++) d[i] = flat[i] ? 1 : 0;
  return Tensor._make(d, shape, 'float64');
}

export function where(cond: Condition, x: TensorLike, y: TensorLike): Tensor {
  const c = condTensor(cond);
  const [a, b] = pair(x, y);
  const dtype = promoteTypes(a.dtype, a.shape.length, b.dtype, b.shape.length);
  const pab = plan(a.shape, a.data.length, b.shape, b.data.length);
  const pc = plan(c.shape, c.data.length, pab.shape, pab.n);
  const n = pc.n;
  const shape = pc.shape;
  const pa = plan(a.shape, a.data.length, shape, n);
  const pb = plan(b.shape, b.data.length, shape, n);
  const od = empty(dtype, n);
  const cd = c.data;
  for (let i = 0; i < n; i++) od[i] = cd[at(pc.a, i)] !== 0 ? a.data[at(pa.a, i)] : b.data[at(pb.a, i)];
  const out = Tensor._make(od, shape, dtype);
  if (needsGrad(a, b)) {
    record(out, 'WhereBackward0', [a, b], (g) => {
      const ga = alloc(dtype, n);
      const gb = alloc(dtype, n);
      for (let i = 0; i < n; i++) {
        if (cd[at(pc.a, i)] !== 0) ga[i] = g[i];
        else gb[i] = g[i];
      }
      return [
        a.requires_grad ? reduceGrad(ga, pa.a, a.data.length, a.dtype) : null,
        b.requires_grad ? reduceGrad(gb, pb.a, b.data.length, b.dtype) : null,
      ];
    });
  }
  return out;
}

function compare(x: TensorLike, y: TensorLike, f: F2): Tensor {
  const [a, b] = pair(x, y);
  const p = plan(a.shape, a.data.length, b.shape, b.data.length);
  const od = new Float32Array(p.n);
  loop(od, a.data, b.data, p, f);
  return Tensor._make(od, p.shape, 'float32');
}

// PyTorch returns bool tensors; without a bool dtype these return 0/1 float32 masks,
// which `where` and arithmetic accept.
export const gt = (x: TensorLike, y: TensorLike) => compare(x, y, (u, v) => (u > v ? 1 : 0));
export const lt = (x: TensorLike, y: TensorLike) => compare(x, y, (u, v) => (u < v ? 1 : 0));
export const ge = (x: TensorLike, y: TensorLike) => compare(x, y, (u, v) => (u >= v ? 1 : 0));
export const le = (x: TensorLike, y: TensorLike) => compare(x, y, (u, v) => (u <= v ? 1 : 0));
export const eq = (x: TensorLike, y: TensorLike) => compare(x, y, (u, v) => (u === v ? 1 : 0));
export const ne = (x: TensorLike, y: TensorLike) => compare(x, y, (u, v) => (u !== v ? 1 : 0));
