// The messages between the extension host and the Activation Lens webviews (explorer panel and
// side view), and their validation. Both sides import this file and check every message they
// receive with it: a webview's state can be tampered with, a restored state can come from an old
// version, and a bug on either side must surface as a visible message rather than a broken chart.
// No DOM and no `vscode` here; the catalog is passed in as plain data so the webview bundle does
// not pull in the engine.
import type { ParamSpec, ParamValue, ParamValues, Family } from './catalog/types';

export type { ParamSpec, ParamValue, ParamValues };
import { english, type Translate } from './i18n';

export const PROTOCOL_VERSION = 1;
/** Same limits as the engine's computeSeries; checked here first so a bad request never reaches it. */
export const MAX_POINTS = 100_000;
export const MIN_POINTS = 2;
export const MAX_ABS_RANGE = 1e6;
export const MAX_TRACES = 6;
export const MAX_SCORES = 64;
/** Scores beyond this would overflow float32 once divided by a small temperature (softmax then gives nan). */
export const MAX_ABS_SCORE = 1e6;
export const MIN_TEMPERATURE = 0.01;
export const MAX_TEMPERATURE = 100;
/** The article's figure: x = torch.linspace(-20, 20, 1000). */
export const DEFAULT_RANGE: Range = { min: -20, max: 20, points: 1000 };
/** The article's scores for torch.softmax(scores, dim=0). */
export const ARTICLE_SCORES = [0.2, 0.02, 0.15, 0.15, 1.3, 0.5, 0.06, 1.1, 0.05, 3.75];
export const OVERFLOW_SCORES = [1000, 1001, 1002];
/** Below this |f'| a gradient counts as vanished (the shaded zones). */
export const VANISH_THRESHOLD = 0.01;

export interface Range { min: number; max: number; points: number }
export interface Trace { id: string; params: ParamValues }
export type Tab = 'charts' | 'softmax';
export interface SoftmaxInput { scores: number[]; temperature: number }

/** Everything the explorer shows; saved with setState and restored by the serializer. */
export interface ExplorerState {
  v: typeof PROTOCOL_VERSION;
  traces: Trace[];
  range: Range;
  tab: Tab;
  softmax: SoftmaxInput;
}

/** What the webview needs to know about one activation: plain data, localized by the host. */
export interface ActivationMeta {
  id: string;
  title: string;
  family: Family;
  params: ParamSpec[];
  formula: { text: string; textDerivative: string };
  /** Typeset formulas (SVG data: URIs drawn in currentColor, used as CSS masks), when the build generated them. */
  images?: { f: FormulaImage; df: FormulaImage };
  /** Localized fact lines (label, value). */
  facts: Array<[string, string]>;
  advice: string[];
  docs: string;
  plotRange: [number, number];
  /** Parameters that do not change the plotted curve (inplace, training, dim of the 2-class slice): not offered. */
  ignored: string[];
}

export interface FormulaImage { uri: string; width: number; height: number }

/** Intervals [from, to] of x. */
export type Zones = Array<[number, number]>;

export interface SeriesTrace {
  key: string;
  id: string;
  title: string;
  params: ParamValues;
  /** null where the value is not finite (JSON has no NaN). */
  y: Array<number | null>;
  dy: Array<number | null>;
  /** |f'| < VANISH_THRESHOLD but not 0. */
  vanishing: Zones;
  /** f' == 0 exactly: dead units. */
  dead: Zones;
  /** Measured on this range with these parameters (the catalog's facts are for the defaults). */
  summary?: TraceSummary;
}

/** `summarizeSeries` as JSON: shares of the points are 0…1; null where nothing finite was found. */
export interface TraceSummary {
  yMin: number | null;
  yMax: number | null;
  slope: number | null;
  slopeAt: number | null;
  vanishing: number;
  dead: number;
}

export interface SoftmaxResult {
  scores: number[];
  temperature: number;
  probs: number[];
  logProbs: number[];
  printout: string;
  logPrintout: string;
  /** The code the printout reproduces, e.g. `torch.softmax(scores / 1, dim=0)`. */
  code: string;
  overflow: { scores: number[]; stable: string; naive: string };
}

export interface SideInfo {
  trace: Trace;
  title: string;
  /** The source text of the call, e.g. `F.leaky_relu(x, 0.2)`. */
  code: string;
  line: number;
  role?: string;
  advice: string[];
  /**
   * A user-defined activation (trace.id is CUSTOM_ID, its curve comes in a series message computed
   * by the host): what it equals or comes close to, or why it cannot be evaluated; `open` is the
   * built-in the explorer button opens.
   */
  custom?: { status: string; evaluable: boolean; open?: Trace };
  /** `code` typeset (glyphs only, shown as a mask in the theme's colour); `code` stays its text alternative. */
  formula?: FormulaImage;
}

/** The trace id of a user-defined activation's curve: not a catalog id, its series comes from the host. */
export const CUSTOM_ID = 'custom';

export type ViewKind = 'explorer' | 'side';

// ---------------------------------------------------------------- host → webview
export type ToWebview =
  | { type: 'init'; view: ViewKind; strings: Record<string, string>; catalog: ActivationMeta[]; state: ExplorerState; themeKind?: string }
  | { type: 'state'; state: ExplorerState }
  /** `formula`: the typeset formulas of the first activation (sent with its series, not in init: they are large). */
  | { type: 'series'; seq: number; range: Range; x: number[]; traces: SeriesTrace[]; formula?: { id: string; f: FormulaImage; df: FormulaImage } }
  | { type: 'softmax'; result: SoftmaxResult }
  | { type: 'side'; info: SideInfo | null; pinned: boolean; reason?: string }
  /** state: what the host last accepted; the webview goes back to it (its refused edit must not linger in fields or scripts). */
  | { type: 'refused'; message: string; state?: ExplorerState }
  | { type: 'status'; message: string };

// ---------------------------------------------------------------- webview → host
export type TimingKind = 'firstPaint' | 'redraw';
export type ToHost =
  /** booted: the document started from the messages the host put into it (init and the first charts). */
  | { type: 'ready'; booted: boolean }
  | { type: 'setState'; state: ExplorerState; seq: number }
  | { type: 'softmax'; input: SoftmaxInput }
  | { type: 'copyScript' }
  | { type: 'exportPng'; dataUrl: string; name: string }
  /** ms: chart update + paint; sinceInput: from the user's input event to the painted charts (-1 if none). */
  /** sinceShown (firstPaint only): ms from the document's first contentful paint to this message, -1 if not known. */
  | { type: 'timing'; kind: TimingKind; ms: number; sinceInput: number; traces: number; points: number; seq: number; sinceShown?: number }
  /** csp/error: something broke in the webview; refused: it refused a message from the host (and said so on screen). */
  | { type: 'problem'; kind: 'csp' | 'error' | 'refused'; message: string }
  | { type: 'pin'; pinned: boolean }
  | { type: 'openExplorer'; trace: Trace };

/** The catalog as validation needs it: which ids exist and their parameters. */
export type CatalogIndex = ReadonlyMap<string, { params: readonly ParamSpec[] }>;

export function catalogIndex(entries: ReadonlyArray<{ id: string; params: readonly ParamSpec[] }>): CatalogIndex {
  return new Map(entries.map((e) => [e.id, { params: e.params }]));
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };
const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = <T>(error: string): Checked<T> => ({ ok: false, error });

class Refusal extends Error {}
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Own keys only: a hostile `__proto__` or `constructor` key is just an unknown name. */
const own = (o: Record<string, unknown>, k: string): unknown => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

function finite(v: unknown, what: string, t: Translate): number {
  if (typeof v !== 'number') throw new Refusal(t('{0} must be a number', what));
  if (!Number.isFinite(v)) throw new Refusal(t('{0} must be a finite number (got {1})', what, String(v)));
  return v;
}
function str(v: unknown, what: string, t: Translate, max = 200): string {
  if (typeof v !== 'string') throw new Refusal(t('{0} must be text', what));
  if (v.length > max) throw new Refusal(t('{0} is too long', what));
  return v;
}

/** Checks a range: finite, min < max, within ±1e6, 2..100,000 integer points. */
export function checkRange(v: unknown, t: Translate = english): Range {
  if (!isObj(v)) throw new Refusal(t('range must be an object'));
  const min = finite(own(v, 'min'), t('range minimum'), t);
  const max = finite(own(v, 'max'), t('range maximum'), t);
  const points = finite(own(v, 'points'), t('number of points'), t);
  if (!(min < max)) throw new Refusal(t('range minimum must be below its maximum ({0} ≥ {1})', min, max));
  if (Math.abs(min) > MAX_ABS_RANGE || Math.abs(max) > MAX_ABS_RANGE) throw new Refusal(t('range must stay within ±{0}', '1e6'));
  if (!Number.isInteger(points) || points < MIN_POINTS || points > MAX_POINTS) throw new Refusal(t('points must be an integer from {0} to {1}', MIN_POINTS, MAX_POINTS));
  return { min, max, points };
}

function checkParamValue(spec: ParamSpec, v: unknown, t: Translate): ParamValue {
  if (spec.kind === 'number') {
    const n = finite(v, spec.name, t);
    if (spec.integer && !Number.isInteger(n)) throw new Refusal(t('{0} must be an integer', spec.name));
    return n;
  }
  if (spec.kind === 'enum') {
    if (typeof v !== 'string' || !spec.options.includes(v)) throw new Refusal(t('{0} must be one of {1}', spec.name, spec.options.join(', ')));
    return v;
  }
  if (typeof v !== 'boolean') throw new Refusal(t('{0} must be true or false', spec.name));
  return v;
}

/** A trace: a known activation id and parameters of the right kinds (missing ones take defaults). */
export function checkTrace(v: unknown, catalog: CatalogIndex, t: Translate = english): Trace {
  if (!isObj(v)) throw new Refusal(t('an activation must be an object'));
  const id = str(own(v, 'id'), 'id', t, 64);
  const entry = catalog.get(id);
  if (!entry) throw new Refusal(t('unknown activation "{0}"', id));
  const given = own(v, 'params') ?? {};
  if (!isObj(given)) throw new Refusal(t('parameters must be an object'));
  const params: ParamValues = {};
  for (const p of entry.params) params[p.name] = p.default;
  for (const k of Object.keys(given)) {
    const p = entry.params.find((q) => q.name === k);
    if (!p) throw new Refusal(t('{0} has no parameter "{1}"', id, k.slice(0, 64)));
    params[k] = checkParamValue(p, given[k], t);
  }
  return { id, params };
}

export function checkScores(v: unknown, t: Translate = english): number[] {
  if (!Array.isArray(v)) throw new Refusal(t('scores must be a list of numbers'));
  if (v.length < 1 || v.length > MAX_SCORES) throw new Refusal(t('give between 1 and {0} scores', MAX_SCORES));
  return v.map((s, i) => {
    const n = finite(s, t('score {0}', i + 1), t);
    if (Math.abs(n) > MAX_ABS_SCORE) throw new Refusal(t('{0}: {1} is too large (at most ±{2})', t('Scores'), n, MAX_ABS_SCORE));
    return n;
  });
}

export function checkSoftmaxInput(v: unknown, t: Translate = english): SoftmaxInput {
  if (!isObj(v)) throw new Refusal(t('softmax input must be an object'));
  const scores = checkScores(own(v, 'scores'), t);
  const temperature = finite(own(v, 'temperature'), t('temperature'), t);
  if (temperature < MIN_TEMPERATURE || temperature > MAX_TEMPERATURE) throw new Refusal(t('temperature must be between {0} and {1}', MIN_TEMPERATURE, MAX_TEMPERATURE));
  return { scores, temperature };
}

export function checkState(v: unknown, catalog: CatalogIndex, t: Translate = english): ExplorerState {
  if (!isObj(v)) throw new Refusal(t('state must be an object'));
  const traces = own(v, 'traces');
  if (!Array.isArray(traces) || traces.length < 1 || traces.length > MAX_TRACES) throw new Refusal(t('compare between 1 and {0} activations', MAX_TRACES));
  const tab = own(v, 'tab');
  if (tab !== 'charts' && tab !== 'softmax') throw new Refusal(t('unknown tab'));
  return {
    v: PROTOCOL_VERSION,
    traces: traces.map((tr) => checkTrace(tr, catalog, t)),
    range: checkRange(own(v, 'range'), t),
    tab,
    softmax: checkSoftmaxInput(own(v, 'softmax'), t),
  };
}

function guard<T>(f: () => T): Checked<T> {
  try {
    return ok(f());
  } catch (e) {
    if (e instanceof Refusal) return bad(e.message);
    throw e;
  }
}

export const validateRange = (v: unknown, t: Translate = english) => guard(() => checkRange(v, t));
export const validateTrace = (v: unknown, c: CatalogIndex, t: Translate = english) => guard(() => checkTrace(v, c, t));
export const validateState = (v: unknown, c: CatalogIndex, t: Translate = english) => guard(() => checkState(v, c, t));
export const validateSoftmaxInput = (v: unknown, t: Translate = english) => guard(() => checkSoftmaxInput(v, t));

export function defaultState(traces: Trace[]): ExplorerState {
  return { v: PROTOCOL_VERSION, traces, range: { ...DEFAULT_RANGE }, tab: 'charts', softmax: { scores: [...ARTICLE_SCORES], temperature: 1 } };
}

const PNG_PREFIX = 'data:image/png;base64,';
/** 20 MB of base64 is far more than two charts at any zoom. */
const MAX_PNG_CHARS = 20_000_000;

/** Validates a message received by the host from a webview. */
export function validateToHost(raw: unknown, catalog: CatalogIndex, t: Translate = english): Checked<ToHost> {
  return guard((): ToHost => {
    if (!isObj(raw)) throw new Refusal(t('message must be an object'));
    const type = own(raw, 'type');
    switch (type) {
      case 'ready':
        return { type, booted: own(raw, 'booted') === true };
      case 'copyScript':
        return { type };
      case 'setState': {
        const seq = finite(own(raw, 'seq'), 'seq', t);
        return { type, state: checkState(own(raw, 'state'), catalog, t), seq };
      }
      case 'softmax':
        return { type, input: checkSoftmaxInput(own(raw, 'input'), t) };
      case 'exportPng': {
        const dataUrl = own(raw, 'dataUrl');
        if (typeof dataUrl !== 'string' || !dataUrl.startsWith(PNG_PREFIX) || dataUrl.length > MAX_PNG_CHARS || !/^[A-Za-z0-9+/]*={0,2}$/.test(dataUrl.slice(PNG_PREFIX.length)))
          throw new Refusal(t('the exported image is not a PNG'));
        const name = str(own(raw, 'name'), 'name', t, 100);
        if (!/^[\w.-]+$/.test(name)) throw new Refusal(t('bad file name'));
        return { type, dataUrl, name };
      }
      case 'timing': {
        const kind = own(raw, 'kind');
        if (kind !== 'firstPaint' && kind !== 'redraw') throw new Refusal(t('unknown timing'));
        const shown = own(raw, 'sinceShown');
        return {
          type, kind, ms: finite(own(raw, 'ms'), 'ms', t), sinceInput: finite(own(raw, 'sinceInput'), 'sinceInput', t), traces: finite(own(raw, 'traces'), 'traces', t), points: finite(own(raw, 'points'), 'points', t), seq: finite(own(raw, 'seq'), 'seq', t),
          ...(shown === undefined ? {} : { sinceShown: finite(shown, 'sinceShown', t) }),
        };
      }
      case 'problem': {
        const kind = own(raw, 'kind');
        if (kind !== 'csp' && kind !== 'error' && kind !== 'refused') throw new Refusal(t('unknown problem kind'));
        return { type, kind, message: str(own(raw, 'message'), 'message', t, 2000) };
      }
      case 'pin': {
        const pinned = own(raw, 'pinned');
        if (typeof pinned !== 'boolean') throw new Refusal(t('{0} must be true or false', 'pinned'));
        return { type, pinned };
      }
      case 'openExplorer':
        return { type, trace: checkTrace(own(raw, 'trace'), catalog, t) };
      default:
        throw new Refusal(t('unknown message type "{0}"', String(type).slice(0, 40)));
    }
  });
}

function numArray(v: unknown, what: string, t: Translate, nullable: boolean, max = MAX_POINTS): Array<number | null> {
  if (!Array.isArray(v) || v.length > max) throw new Refusal(t('{0} must be a list of at most {1} numbers', what, max));
  for (const n of v) if (!((nullable && n === null) || (typeof n === 'number' && Number.isFinite(n)))) throw new Refusal(t('{0} must be a list of at most {1} numbers', what, max));
  return v as Array<number | null>;
}
function zones(v: unknown, t: Translate): Zones {
  if (!Array.isArray(v) || v.length > MAX_POINTS) throw new Refusal(t('bad zones'));
  for (const z of v) if (!Array.isArray(z) || z.length !== 2 || !z.every((n) => typeof n === 'number' && Number.isFinite(n))) throw new Refusal(t('bad zones'));
  return v as Zones;
}
function checkSummary(v: unknown, t: Translate): TraceSummary {
  if (!isObj(v)) throw new Refusal(t('bad series'));
  const maybe = (k: string): number | null => {
    const n = own(v, k);
    if (n === null) return null;
    if (typeof n !== 'number' || !Number.isFinite(n)) throw new Refusal(t('bad series'));
    return n;
  };
  const share = (k: string): number => {
    const n = own(v, k);
    if (typeof n !== 'number' || !(n >= 0 && n <= 1)) throw new Refusal(t('bad series'));
    return n;
  };
  return { yMin: maybe('yMin'), yMax: maybe('yMax'), slope: maybe('slope'), slopeAt: maybe('slopeAt'), vanishing: share('vanishing'), dead: share('dead') };
}
function strings(v: unknown, t: Translate): Record<string, string> {
  if (!isObj(v)) throw new Refusal(t('bad string table'));
  const out: Record<string, string> = {};
  for (const k of Object.keys(v)) out[k] = str(v[k], 'string', t, 2000);
  return out;
}

function formulaImage(v: unknown, t: Translate): FormulaImage {
  if (!isObj(v) || typeof v.uri !== 'string' || !v.uri.startsWith('data:image/svg+xml') || v.uri.length > 500_000 || !Number.isFinite(v.width) || !Number.isFinite(v.height)) throw new Refusal(t('bad formula image'));
  return { uri: v.uri, width: v.width as number, height: v.height as number };
}

function customTrace(v: unknown, t: Translate): Trace {
  if (!isObj(v) || own(v, 'id') !== CUSTOM_ID) throw new Refusal(t('bad side panel info'));
  return { id: CUSTOM_ID, params: {} };
}
function checkSideCustom(v: unknown, catalog: CatalogIndex, t: Translate): SideInfo['custom'] {
  if (v === undefined) return undefined;
  if (!isObj(v) || typeof own(v, 'evaluable') !== 'boolean') throw new Refusal(t('bad side panel info'));
  const open = own(v, 'open');
  const out: NonNullable<SideInfo['custom']> = { status: str(own(v, 'status'), 'status', t, 2000), evaluable: own(v, 'evaluable') as boolean };
  if (open !== undefined) out.open = checkTrace(open, catalog, t);
  return out;
}

/**
 * Validates a message received by a webview from the host. `catalog` is the one the init message
 * brought; before init only an init is accepted.
 */
export function validateToWebview(raw: unknown, catalog: CatalogIndex | undefined, t: Translate = english): Checked<ToWebview> {
  return guard((): ToWebview => {
    if (!isObj(raw)) throw new Refusal(t('message must be an object'));
    const type = own(raw, 'type');
    if (type === 'init') {
      const view = own(raw, 'view');
      if (view !== 'explorer' && view !== 'side') throw new Refusal(t('unknown view'));
      const list = own(raw, 'catalog');
      if (!Array.isArray(list) || list.length === 0) throw new Refusal(t('empty catalog'));
      for (const a of list) {
        if (!isObj(a) || typeof a.id !== 'string' || typeof a.title !== 'string' || !Array.isArray(a.params) || !Array.isArray(a.ignored)) throw new Refusal(t('bad catalog entry'));
        const im = own(a, 'images');
        if (im !== undefined && !(isObj(im) && [im.f, im.df].every((x) => isObj(x) && typeof x.uri === 'string' && x.uri.startsWith('data:image/svg+xml') && typeof x.width === 'number' && typeof x.height === 'number')))
          throw new Refusal(t('bad catalog entry'));
      }
      const idx = catalogIndex(list as ActivationMeta[]);
      const themeKind = own(raw, 'themeKind');
      return { type, view, strings: strings(own(raw, 'strings'), t), catalog: list as ActivationMeta[], state: checkState(own(raw, 'state'), idx, t),
        themeKind: typeof themeKind === 'string' ? themeKind : undefined };
    }
    if (!catalog) throw new Refusal(t('message before init'));
    switch (type) {
      case 'state':
        return { type, state: checkState(own(raw, 'state'), catalog, t) };
      case 'series': {
        const range = checkRange(own(raw, 'range'), t);
        const x = numArray(own(raw, 'x'), 'x', t, false) as number[];
        if (x.length !== range.points) throw new Refusal(t('series length does not match the range'));
        const list = own(raw, 'traces');
        // up to MAX_TRACES built-ins, and the user's own activation beside them
        const customs = Array.isArray(list) ? list.filter((tr) => isObj(tr) && own(tr, 'id') === CUSTOM_ID).length : 0;
        if (!Array.isArray(list) || customs > 1 || list.length - customs > MAX_TRACES) throw new Refusal(t('compare between 1 and {0} activations', MAX_TRACES));
        const traces = list.map((tr): SeriesTrace => {
          if (!isObj(tr)) throw new Refusal(t('bad series'));
          const base = own(tr, 'id') === CUSTOM_ID ? { id: CUSTOM_ID, params: {} } : checkTrace({ id: own(tr, 'id'), params: own(tr, 'params') }, catalog, t);
          const y = numArray(own(tr, 'y'), 'y', t, true);
          const dy = numArray(own(tr, 'dy'), "f'", t, true);
          if (y.length !== x.length || dy.length !== x.length) throw new Refusal(t('series length does not match the range'));
          const out: SeriesTrace = { ...base, key: str(own(tr, 'key'), 'key', t), title: str(own(tr, 'title'), 'title', t), y, dy, vanishing: zones(own(tr, 'vanishing'), t), dead: zones(own(tr, 'dead'), t) };
          const sum = own(tr, 'summary');
          if (sum !== undefined) out.summary = checkSummary(sum, t);
          return out;
        });
        const fo = own(raw, 'formula');
        let formula: { id: string; f: FormulaImage; df: FormulaImage } | undefined;
        if (fo !== undefined) {
          const img = (v: unknown) => formulaImage(v, t);
          if (!isObj(fo)) throw new Refusal(t('bad formula image'));
          formula = { id: str(own(fo, 'id'), 'id', t, 64), f: img(own(fo, 'f')), df: img(own(fo, 'df')) };
        }
        return { type, seq: finite(own(raw, 'seq'), 'seq', t), range, x, traces, formula };
      }
      case 'softmax': {
        const r = own(raw, 'result');
        if (!isObj(r)) throw new Refusal(t('bad softmax result'));
        const scores = checkScores(own(r, 'scores'), t);
        const probs = numArray(own(r, 'probs'), 'probs', t, false, MAX_SCORES) as number[];
        const logProbs = numArray(own(r, 'logProbs'), 'logProbs', t, false, MAX_SCORES) as number[];
        if (probs.length !== scores.length || logProbs.length !== scores.length) throw new Refusal(t('bad softmax result'));
        const o = own(r, 'overflow');
        if (!isObj(o)) throw new Refusal(t('bad softmax result'));
        return { type, result: {
          scores, probs, logProbs, temperature: finite(own(r, 'temperature'), t('temperature'), t),
          printout: str(own(r, 'printout'), 'printout', t, 10_000), logPrintout: str(own(r, 'logPrintout'), 'printout', t, 10_000),
          code: str(own(r, 'code'), 'code', t, 10_000),
          overflow: { scores: checkScores(own(o, 'scores'), t), stable: str(own(o, 'stable'), 'printout', t, 10_000), naive: str(own(o, 'naive'), 'printout', t, 10_000) },
        } };
      }
      case 'side': {
        const pinned = own(raw, 'pinned');
        if (typeof pinned !== 'boolean') throw new Refusal(t('{0} must be true or false', 'pinned'));
        const info = own(raw, 'info');
        const reason = own(raw, 'reason');
        if (info === null) return { type, info: null, pinned, reason: typeof reason === 'string' ? reason : undefined };
        if (!isObj(info)) throw new Refusal(t('bad side panel info'));
        const advice = own(info, 'advice');
        if (!Array.isArray(advice) || advice.some((a) => typeof a !== 'string')) throw new Refusal(t('bad side panel info'));
        const role = own(info, 'role');
        const custom = checkSideCustom(own(info, 'custom'), catalog, t);
        const trace = custom ? customTrace(own(info, 'trace'), t) : checkTrace(own(info, 'trace'), catalog, t);
        const out: SideInfo = {
          trace, title: str(own(info, 'title'), 'title', t), code: str(own(info, 'code'), 'code', t, 2000),
          line: finite(own(info, 'line'), 'line', t), role: typeof role === 'string' ? role : undefined, advice: advice as string[],
        };
        if (custom) out.custom = custom;
        const formula = own(info, 'formula');
        if (formula !== undefined) out.formula = formulaImage(formula, t);
        return { type, pinned, info: out };
      }
      case 'refused': {
        const state = own(raw, 'state');
        const message = str(own(raw, 'message'), 'message', t, 2000);
        return state === undefined ? { type, message } : { type, message, state: checkState(state, catalog, t) };
      }
      case 'status':
        return { type, message: str(own(raw, 'message'), 'message', t, 2000) };
      default:
        throw new Refusal(t('unknown message type "{0}"', String(type).slice(0, 40)));
    }
  });
}

/** Zones where |f'| is below the threshold (vanishing) or exactly 0 (dead), as x intervals. */
export function gradientZones(x: ArrayLike<number>, dy: ArrayLike<number>, opts: { threshold?: number; canDie?: boolean } = {}): { vanishing: Zones; dead: Zones } {
  // A smooth saturating function (tanh at x = 20) underflows to an exact 0 too; that is vanishing,
  // not dead. Only activations with a true zero-gradient region (ReLU's x < 0) have dead zones.
  const threshold = opts.threshold ?? VANISH_THRESHOLD;
  const canDie = opts.canDie ?? true;
  const vanishing: Zones = [];
  const dead: Zones = [];
  const scan = (test: (g: number) => boolean, out: Zones) => {
    let start = -1;
    for (let i = 0; i <= x.length; i++) {
      const hit = i < x.length && test(dy[i]);
      if (hit && start < 0) start = i;
      if (!hit && start >= 0) {
        // Widen to the midpoints with the neighbours so a one-sample zone is still visible.
        const lo = start > 0 ? (x[start - 1] + x[start]) / 2 : x[start];
        const hi = i < x.length ? (x[i - 1] + x[i]) / 2 : x[i - 1];
        out.push([lo, hi]);
        start = -1;
      }
    }
  };
  if (canDie) scan((g) => g === 0, dead);
  scan((g) => Number.isFinite(g) && (canDie ? g !== 0 : true) && Math.abs(g) < threshold, vanishing);
  return { vanishing, dead };
}

/** The English UI strings of the webviews. The host sends them translated in the init message. */
export const UI_STRINGS = [
  'Activation Explorer', 'Charts', 'Softmax playground', 'Activation', 'Compare with', 'Add to comparison', 'Remove', 'Points',
  'x range', 'Minimum', 'Maximum', 'Presets', 'Function f(x)', "Derivative f'(x)", 'computed by backward()', 'Formula', 'Facts', 'Advice', 'Documentation',
  'Copy script', 'Export PNG', 'Show data table', 'Hide data table', 'Data table', 'gradient vanishes (|f\'| < 0.01)', "gradient is zero (dead units)",
  'Scores', 'Temperature', 'Probabilities', 'Reset to the article\'s scores', 'Stable vs naive softmax', 'stable (subtract the max)',
  'naive exp(z) / sum(exp(z))', 'exp overflows to inf, and inf / inf is nan', 'Parameters', 'no parameters', 'Move the cursor over the chart, or focus it and use the arrow keys, to read values.',
  'Pinned', 'Pin', 'Unpin', 'Open in Explorer', 'No activation under the cursor', 'Put the cursor on an activation call in a Python file or notebook cell, such as torch.tanh(x), F.relu(x) or nn.Softmax(dim=1), or open the explorer.',
  'Open Explorer', 'Line {0}', 'Role: {0}', 'Chart of {0}', 'Chart of the derivative of {0}', 'Bar chart of softmax probabilities', 'class {0}',
  'Refused: {0}', 'Edit the scores as numbers separated by commas.', 'Ready', 'Crosshair', 'layer role', 'probability', 'Full range (the article)', 'comma-separated numbers',
  'Data table of {0}', 'drawn in {0} ms', 'Comparison', 'Remove {0} from the comparison', 'Auto', "The activation's own range", 'compared activations: strips along the bottom',
  'With these parameters, on [{0}, {1}]', 'f(x) spans', '{0} to {1}', "Largest |f'|", '{0} at x = {1}', "|f'| < 0.01", "f' = 0 exactly", '{0}% of the range',
  // What the webview says when it refuses a value or a message (its validation runs there too):
  // sent translated like the rest, or a zh-cn user reads English inside a Chinese notice.
  '{0} must be a number', '{0} must be a finite number (got {1})', '{0} must be text', '{0} is too long', 'range must be an object', 'range minimum',
  'range maximum', 'number of points', 'range minimum must be below its maximum ({0} ≥ {1})', 'range must stay within ±{0}', 'points must be an integer from {0} to {1}',
  '{0} must be an integer', '{0} must be one of {1}', '{0} must be true or false', 'an activation must be an object', 'unknown activation "{0}"', 'parameters must be an object',
  '{0} has no parameter "{1}"', 'scores must be a list of numbers', 'give between 1 and {0} scores', 'score {0}', '{0}: {1} is too large (at most ±{2})',
  'softmax input must be an object', 'temperature', 'temperature must be between {0} and {1}', 'state must be an object', 'compare between 1 and {0} activations', 'unknown tab',
  'message must be an object', 'the exported image is not a PNG', 'bad file name', 'unknown timing', 'unknown problem kind', 'unknown message type "{0}"', '{0} must be a list of at most {1} numbers', 'bad zones', 'bad series', 'bad string table', 'unknown view',
  'empty catalog', 'bad catalog entry', 'message before init', 'series length does not match the range', 'bad formula image', 'bad softmax result', 'bad side panel info',
  '{0}: the field is empty; type a number', '{0}: "{1}" is not a number', '{0}: {1} is too large', '{0}: {1} is not a whole number',
  '{0}: {1} is below the smallest allowed value, {2}', '{0}: {1} is above the largest allowed value, {2}', '{0}: the field is empty; type numbers separated by commas',
  '{0}: {1} numbers is too many (at most {2})', 'At most {0} activations can be compared', '{0} with these parameters is already compared', 'Shade the zones of {0}', 'Zones of {0}:',
] as const;
export type UiString = (typeof UI_STRINGS)[number];
