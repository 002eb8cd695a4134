// Is a user's activation one of the catalog's? Compared on a dense grid of [−6, 6] against every
// elementwise catalog activation, its number parameters fitted (candidates from the numbers the
// definition itself writes, then a local search) and its modes tried. Equal means within 1e-6
// relative at every point; anything less is at most "close", with the largest distance said.
import { ACTIVATIONS, defaultParams, type ActivationSpec, type ParamValues } from '../catalog';
import { Tensor, torch } from '../engine';
import { no_grad } from '../engine/grad_mode';
import type { Expr, Stmt } from '../interp';
import type { CustomMatch, Equivalence } from './types';

/** Equality is decided on [−10, 10] (relu6 and relu agree up to 6); closeness is said on [−6, 6], where activations are read. */
export const COMPARE_RANGE: [number, number] = [-10, 10];
export const COMPARE_POINTS = 2001;
export const CLOSE_RANGE: [number, number] = [-6, 6];
/** Relative agreement that counts as "the same function". */
export const EQUAL_REL = 1e-6;
/** Largest distance, relative to the curve's size on the range, still called "close". */
export const CLOSE_REL = 0.05;
const COARSE_STEP = 20;
const MAX_COMBOS = 1500;

/** Points where f and g differ beyond EQUAL_REL (an absolute floor of 1e-12 × the curve's size keeps zero crossings fair). */
function agrees(f: ArrayLike<number>, g: ArrayLike<number>, size: number): boolean {
  const floor = 1e-12 * size;
  for (let i = 0; i < f.length; i++) {
    const a = f[i]!;
    const b = g[i]!;
    if (a === b || (a !== a && b !== b)) continue;
    if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
    if (!(Math.abs(a - b) <= EQUAL_REL * Math.max(Math.abs(a), Math.abs(b)) + floor)) return false;
  }
  return true;
}

function maxDiff(f: ArrayLike<number>, g: ArrayLike<number>, from = 0, to = f.length): number {
  let m = 0;
  for (let i = from; i < to; i++) {
    const d = Math.abs(f[i]! - g[i]!);
    if (!(d <= m)) m = d !== d ? Infinity : d;
  }
  return m;
}

function sizeOf(f: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < f.length; i++) if (Number.isFinite(f[i]!)) m = Math.max(m, Math.abs(f[i]!));
  return Math.max(m, 1e-300);
}

function build(spec: ActivationSpec, x: Tensor, params: ParamValues): Float64Array | null {
  try {
    const y = no_grad(() => spec.build(x, params));
    return Float64Array.from(y.data);
  } catch {
    return null; // parameters the activation refuses (min_val > max_val, alpha = 0)
  }
}

/** Numbers a definition writes: literals in its code and its parameters' values. */
export function numbersOf(stmts: Stmt[], extra: number[] = []): number[] {
  const out = new Set<number>(extra.filter(Number.isFinite));
  const visit = (v: unknown, depth: number): void => {
    if (depth > 60 || out.size > 64 || v === null || typeof v !== 'object') return;
    const node = v as Expr;
    if ((node as { k?: string }).k === 'num') out.add(Number((node as { v: number | bigint }).v));
    for (const val of Object.values(v)) if (val && typeof val === 'object') visit(val, depth + 1);
  };
  for (const s of stmts) visit(s, 0);
  return [...out];
}

function candidatesFor(numbers: number[], dflt: number): number[] {
  const c = new Set<number>([dflt, 0, 1, -1]);
  for (const v of numbers) {
    if (!Number.isFinite(v)) continue;
    for (const w of [v, -v, v / 2, 2 * v]) c.add(w);
    if (v !== 0) c.add(1 / v);
  }
  return [...c].filter(Number.isFinite);
}

function combos(spec: ActivationSpec, numbers: number[]): ParamValues[] {
  let list: ParamValues[] = [defaultParams(spec)];
  for (const p of spec.params) {
    if (p.kind === 'boolean' || (p.kind === 'number' && p.integer)) continue;
    const values: (number | string)[] = p.kind === 'enum' ? p.options : candidatesFor(numbers, p.default);
    const next: ParamValues[] = [];
    for (const base of list) for (const v of values) {
      next.push({ ...base, [p.name]: v });
      if (next.length > MAX_COMBOS) break;
    }
    list = next;
  }
  return list;
}

function changedCount(spec: ActivationSpec, params: ParamValues): number {
  return spec.params.filter((p) => params[p.name] !== p.default).length;
}

function fittedParams(spec: ActivationSpec, params: ParamValues): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const p of spec.params) if (p.kind === 'enum' || (p.kind === 'number' && !p.integer)) out[p.name] = params[p.name] as number | string;
  return out;
}

/** A few rounds of Nelder–Mead on the spec's number parameters, minimising the largest distance. */
function refine(spec: ActivationSpec, start: ParamValues, x: Tensor, f: Float64Array, lo: number, hi: number): { params: ParamValues; diff: number } {
  const names = spec.params.filter((p) => p.kind === 'number' && !p.integer).map((p) => p.name);
  const cost = (v: number[]): number => {
    const params = { ...start };
    names.forEach((n, i) => (params[n] = v[i]!));
    const g = build(spec, x, params);
    return g ? maxDiff(f, g, lo, hi) : Infinity;
  };
  let best = { params: start, diff: cost(names.map((n) => start[n] as number)) };
  if (names.length === 0) return best;
  const n = names.length;
  let simplex = [names.map((k) => start[k] as number)];
  for (let i = 0; i < n; i++) {
    const p = [...simplex[0]!];
    p[i] = p[i]! === 0 ? 0.1 : p[i]! * 1.2;
    simplex.push(p);
  }
  let costs = simplex.map(cost);
  for (let iter = 0; iter < 60 * n; iter++) {
    const order = costs.map((c, i) => [c, i] as const).sort((a, b) => a[0] - b[0]).map((p) => p[1]);
    simplex = order.map((i) => simplex[i]!);
    costs = order.map((i) => costs[i]!);
    const centroid = simplex[0]!.map((_, j) => simplex.slice(0, n).reduce((s, p) => s + p[j]!, 0) / n);
    const worst = simplex[n]!;
    const at = (t: number) => centroid.map((c, j) => c + t * (worst[j]! - c));
    const r = at(-1);
    const cr = cost(r);
    if (cr < costs[0]!) {
      const e = at(-2);
      const ce = cost(e);
      simplex[n] = ce < cr ? e : r;
      costs[n] = Math.min(ce, cr);
    } else if (cr < costs[n - 1]!) {
      simplex[n] = r;
      costs[n] = cr;
    } else {
      const c = at(0.5);
      const cc = cost(c);
      if (cc < costs[n]!) {
        simplex[n] = c;
        costs[n] = cc;
      } else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = simplex[i]!.map((v, j) => simplex[0]![j]! + 0.5 * (v - simplex[0]![j]!));
          costs[i] = cost(simplex[i]!);
        }
      }
    }
  }
  const i = costs.indexOf(Math.min(...costs));
  if (costs[i]! < best.diff) {
    const params = { ...start };
    names.forEach((k, j) => (params[k] = simplex[i]![j]!));
    best = { params, diff: costs[i]! };
  }
  return best;
}

/**
 * The catalog activation `sample` equals (the user's f on `x`, a grid of COMPARE_RANGE with
 * COMPARE_POINTS points in float64), or the nearest one when it is only close. `close: false`
 * (the findings, which report equality only) leaves the nearest one unsought: fitting it runs a
 * Nelder–Mead search per catalog activation, hundreds of curves of 2001 points for a definition
 * that equals nothing (`1 - t / max_time` in a survival model's helpers: 139 of a check's 630 ms
 * on 150 real files).
 */
export function matchCatalog(f: Float64Array, numbers: number[], { close: wantClose = true }: { close?: boolean } = {}): CustomMatch {
  const x = torch.linspace(COMPARE_RANGE[0], COMPARE_RANGE[1], COMPARE_POINTS, { dtype: 'float64' });
  const coarseIdx = Array.from({ length: Math.ceil(COMPARE_POINTS / COARSE_STEP) }, (_, i) => i * COARSE_STEP);
  const xc = torch.tensor(coarseIdx.map((i) => x.data[i]!), { dtype: 'float64' });
  const fc = Float64Array.from(coarseIdx.map((i) => f[i]!));
  const size = sizeOf(f);
  // the part of the grid inside CLOSE_RANGE, where distances are measured
  let lo = 0;
  while (lo < COMPARE_POINTS && x.data[lo]! < CLOSE_RANGE[0] - 1e-9) lo++;
  let hi = COMPARE_POINTS;
  while (hi > lo && x.data[hi - 1]! > CLOSE_RANGE[1] + 1e-9) hi--;
  let close: { spec: ActivationSpec; params: ParamValues; diff: number } | null = null;
  // several may be equal (logsigmoid is softplus with β = −1): the one needing the fewest
  // parameters changed from their defaults wins, then the catalog's order
  let equal: { spec: ActivationSpec; params: ParamValues; diff: number; changed: number } | null = null;
  // First each activation with its own defaults: one equal to f needs no parameter changed, which
  // no other can beat, and the first in the catalog's order is the one the search below would keep
  // (a hand-written ReLU, sigmoid or SiLU is decided in a few curves, not thousands).
  for (const spec of ACTIVATIONS) {
    if (spec.family !== 'elementwise') continue;
    const params = defaultParams(spec);
    const gc = build(spec, xc, params);
    if (!gc || !agrees(fc, gc, size)) continue;
    const g = build(spec, x, params);
    if (g && agrees(f, g, size)) return { equivalent: equivalence(spec, params, maxDiff(f, g)), close: null };
  }
  for (const spec of ACTIVATIONS) {
    if (spec.family !== 'elementwise') continue;
    let bestHere: { params: ParamValues; diff: number } | null = null;
    for (const params of combos(spec, numbers)) {
      // once one is equal, only fewer parameters changed could replace it (and then no nearer one is said)
      if (equal && changedCount(spec, params) >= equal.changed) continue;
      const gc = build(spec, xc, params);
      if (!gc) continue;
      if (agrees(fc, gc, size)) {
        const g = build(spec, x, params);
        if (g && agrees(f, g, size)) {
          const changed = changedCount(spec, params);
          // (never 0 here: an equal one with its defaults was returned above)
          if (!equal || changed < equal.changed) equal = { spec, params, diff: maxDiff(f, g), changed };
        }
      }
      if (!wantClose) continue;
      const d = maxDiff(fc, gc);
      if (!bestHere || d < bestHere.diff) bestHere = { params, diff: d };
    }
    if (equal || !wantClose) continue;
    if (bestHere && (!close || bestHere.diff < close.diff * 4)) {
      const r = refine(spec, bestHere.params, x, f, lo, hi);
      if (!close || r.diff < close.diff) close = { spec, params: r.params, diff: r.diff };
    }
  }
  if (equal) return { equivalent: equivalence(equal.spec, equal.params, equal.diff), close: null };
  if (close && close.diff <= CLOSE_REL * sizeOf(f.subarray(lo, hi)) && close.diff > 0) return { equivalent: null, close: equivalence(close.spec, close.params, close.diff, CLOSE_RANGE) };
  return { equivalent: null, close: null };
}

function equivalence(spec: ActivationSpec, params: ParamValues, diff: number, range: [number, number] = COMPARE_RANGE): Equivalence {
  return { id: spec.id, params: fittedParams(spec, params), maxDiff: diff, range };
}
