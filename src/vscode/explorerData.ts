// What the explorer panel and the side view show, computed in the extension host: catalog
// records as plain localized data, f and f' series through the catalog (the engine's autograd),
// gradient zones, and the softmax playground. No `vscode` import: unit tests run this directly.
import { ACTIVATIONS, computeSeries, getActivation, summarizeSeries, type ActivationSpec } from '../catalog';
import { F, torch } from '../engine';
import type { Translate } from '../i18n';
import {
  catalogIndex, CUSTOM_ID, gradientZones, OVERFLOW_SCORES, VANISH_THRESHOLD,
  type ActivationMeta, type CatalogIndex, type ExplorerState, type Range, type SeriesTrace, type SoftmaxInput, type SoftmaxResult, type ToWebview, type Trace,
} from '../protocol';

export const CATALOG_INDEX: CatalogIndex = catalogIndex(ACTIVATIONS);

/** Typeset formula images per activation id, when the render layer provides them. */
export type FormulaImages = (id: string) => ActivationMeta['images'] | undefined;

function yesNo(b: boolean, t: Translate) {
  return b ? t('yes') : t('no');
}

export function facts(spec: ActivationSpec, t: Translate): Array<[string, string]> {
  const p = spec.properties;
  return [
    [t('Output range'), p.range],
    [t('Zero-centred'), yesNo(p.zeroCentred, t)],
    [t('Monotonic'), yesNo(p.monotonic, t)],
    [t('Smooth'), yesNo(p.smooth, t)],
    [t('Largest slope'), t('{0} at {1}', +p.maxSlope.value.toFixed(4), p.maxSlope.at)],
    [t('Where the gradient vanishes'), t(p.saturates)],
    [t('Cost'), p.cost === 'cheap' ? t('cheap (compare/multiply)') : t('needs exp/log/erf')],
  ];
}

export function activationMeta(spec: ActivationSpec, t: Translate, images?: FormulaImages, advice?: (key: string) => string | undefined): ActivationMeta {
  return {
    id: spec.id,
    title: spec.title,
    family: spec.family,
    params: spec.params,
    // `inplace` does not change values (and PyTorch refuses it on a leaf that requires grad); the
    // plot is eval-mode RReLU; a 2-class slice has one dim.
    ignored: spec.params.map((p) => p.name).filter((n) => n === 'inplace' || n === 'training' || (spec.family === 'softmax' && n === 'dim')),
    formula: { text: spec.formula.text, textDerivative: spec.formula.textDerivative },
    images: images?.(spec.id),
    facts: facts(spec, t),
    advice: spec.advice.map((k) => advice?.(k)).filter((s): s is string => !!s),
    docs: spec.docs,
    plotRange: spec.plotRange,
  };
}

export function catalogMeta(t: Translate, images?: FormulaImages, advice?: (key: string) => string | undefined): ActivationMeta[] {
  return ACTIVATIONS.map((a) => activationMeta(a, t, images, advice));
}

const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

/** The label of a trace in legends: the title plus any non-default parameter. */
export function traceLabel(spec: ActivationSpec, params: Trace['params']): string {
  const changed = spec.params.filter((p) => p.name !== 'inplace' && params[p.name] !== undefined && params[p.name] !== p.default)
    .map((p) => `${p.name}=${typeof params[p.name] === 'number' ? +(params[p.name] as number).toPrecision(6) : params[p.name]}`);
  return changed.length ? `${spec.title} (${changed.join(', ')})` : spec.title;
}

/** f and f' of every trace over the state's range, as one `series` message. Throws the engine's errors. */
export function seriesMessage(traces: Trace[], range: Range, seq: number): Extract<ToWebview, { type: 'series' }> {
  let x: number[] = [];
  const out: SeriesTrace[] = traces.map((tr, i) => {
    const spec = getActivation(tr.id);
    if (!spec) throw new Error(`unknown activation "${tr.id}"`);
    const s = computeSeries({ spec, params: tr.params, min: range.min, max: range.max, points: range.points });
    if (i === 0) x = Array.from(s.x);
    const z = gradientZones(s.x, s.dy, { canDie: spec.properties.zeroGradientRegion });
    const m = summarizeSeries(s, VANISH_THRESHOLD);
    return {
      key: `${i}:${tr.id}`, id: tr.id, title: traceLabel(spec, tr.params), params: tr.params,
      y: Array.from(s.y, finiteOrNull), dy: Array.from(s.dy, finiteOrNull), vanishing: z.vanishing, dead: z.dead,
      summary: { yMin: m.yMin, yMax: m.yMax, slope: m.maxSlope?.value ?? null, slopeAt: m.maxSlope?.at ?? null, vanishing: m.vanishing, dead: m.dead },
    };
  });
  return { type: 'series', seq, range, x, traces: out };
}

/**
 * A user-defined activation's curve as a trace (CUSTOM_ID): f and f′ the host evaluated with the
 * engine's autograd, its zones and measurements; its title is the user's name (shown as text).
 */
export function customSeriesTrace(name: string, s: { x: ArrayLike<number>; y: ArrayLike<number>; dy: ArrayLike<number> }, key = CUSTOM_ID): SeriesTrace {
  const z = gradientZones(s.x, s.dy);
  const m = summarizeSeries(s, VANISH_THRESHOLD);
  return {
    key, id: CUSTOM_ID, title: name.length > 80 ? name.slice(0, 79) + '…' : name, params: {},
    y: Array.from(s.y, finiteOrNull), dy: Array.from(s.dy, finiteOrNull), vanishing: z.vanishing, dead: z.dead,
    summary: { yMin: m.yMin, yMax: m.yMax, slope: m.maxSlope?.value ?? null, slopeAt: m.maxSlope?.at ?? null, vanishing: m.vanishing, dead: m.dead },
  };
}

/** A Python float literal: `torch.tensor([1, 2, 3])` would be int64, and softmax refuses Long tensors. */
export function pyFloat(n: number): string {
  const s = String(n);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

function fmtScores(v: number[]) {
  return `[${v.map(pyFloat).join(', ')}]`;
}

/**
 * The softmax playground, computed by the engine in float32 like `torch.tensor(...)`:
 * probabilities of scores / T, log_softmax beside them, and [1000, 1001, 1002] stable vs naive.
 */
export function softmaxResult(input: SoftmaxInput): SoftmaxResult {
  const { scores, temperature } = input;
  const z = torch.tensor(temperature === 1 ? scores : scores.map((s) => s / temperature));
  const p = F.softmax(z, { dim: 0 });
  const lp = F.log_softmax(z, { dim: 0 });
  const big = torch.tensor(OVERFLOW_SCORES);
  const stable = F.softmax(big, { dim: 0 });
  const e = big.exp();
  const naive = e.div(e.sum());
  const code = temperature === 1
    ? `scores = torch.tensor(${fmtScores(scores)})\nprobabilities = torch.softmax(scores, dim=0)\nprint(probabilities)`
    : `scores = torch.tensor(${fmtScores(scores)})\nprobabilities = torch.softmax(scores / ${temperature}, dim=0)\nprint(probabilities)`;
  return {
    scores, temperature,
    probs: Array.from(p.data as ArrayLike<number>),
    logProbs: Array.from(lp.data as ArrayLike<number>, (v) => (Number.isFinite(v) ? v : -1e30)),
    printout: p.toString(), logPrintout: lp.toString(), code,
    overflow: { scores: [...OVERFLOW_SCORES], stable: stable.toString(), naive: naive.toString() },
  };
}

export type SeriesMessage = Extract<ToWebview, { type: 'series' }>;
export type Accepted = { ok: true; series?: SeriesMessage; softmax?: SoftmaxResult } | { ok: false; error: string };

/**
 * A new state from the webview, accepted only if the engine can draw it: what changed is computed
 * first, and an engine refusal (Hardtanh with min_val > max_val) leaves the state before as the
 * truth — for the charts, "Copy script", the saved state — instead of lingering in it.
 */
export function acceptState(before: ExplorerState, next: ExplorerState, seq: number): Accepted {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  try {
    const series = same([before.traces, before.range], [next.traces, next.range]) ? undefined : seriesMessage(next.traces, next.range, seq);
    const softmax = same(before.softmax, next.softmax) ? undefined : softmaxResult(next.softmax);
    return { ok: true, series, softmax };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** A state whose traces all exist in the catalog (used to fall back when a restored one does not). */
export function firstTrace(id = 'tanh'): Trace {
  const spec = getActivation(id) ?? ACTIVATIONS[0];
  return { id: spec.id, params: Object.fromEntries(spec.params.map((p) => [p.name, p.default])) };
}

export function describeState(s: ExplorerState): string {
  return `${s.traces.map((t) => t.id).join('+')} on [${s.range.min}, ${s.range.max}] × ${s.range.points}`;
}
