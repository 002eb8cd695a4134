// Protocol validation against hostile and broken messages, on both sides: everything bad is
// refused with a message (never thrown, never passed on), everything good comes through intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTIVATIONS } from '../../../src/catalog';
import {
  ARTICLE_SCORES, catalogIndex, defaultState, gradientZones, validateRange, validateState, validateToHost, validateToWebview,
  MAX_POINTS, type ExplorerState,
} from '../../../src/protocol';
import { catalogMeta, seriesMessage, softmaxResult } from '../../../src/vscode/explorerData';
import { english } from '../../../src/i18n';

const index = catalogIndex(ACTIVATIONS);
const good = (): ExplorerState => defaultState([{ id: 'leaky_relu', params: { negative_slope: 0.2 } }, { id: 'tanh', params: {} }]);
const refused = (r: { ok: boolean; error?: string }, re?: RegExp) => {
  assert.equal(r.ok, false, 'expected a refusal');
  assert.equal(typeof r.error, 'string');
  assert.ok(r.error!.length > 0);
  if (re) assert.match(r.error!, re);
};
const setState = (state: unknown) => validateToHost({ type: 'setState', state, seq: 1 }, index);

test('a good state passes and missing parameters take their defaults', () => {
  const r = setState(good());
  assert.ok(r.ok);
  if (r.ok && r.value.type === 'setState') {
    assert.deepEqual(r.value.state.traces[0].params, { negative_slope: 0.2, inplace: false });
    assert.deepEqual(r.value.state.range, { min: -20, max: 20, points: 1000 });
    assert.deepEqual(r.value.state.softmax.scores, ARTICLE_SCORES);
  }
});

test('host refuses unknown types, non-objects and prototype tricks', () => {
  refused(validateToHost({ type: 'rm -rf' }, index), /unknown message type/);
  refused(validateToHost(null, index));
  refused(validateToHost('ready', index));
  refused(validateToHost([{ type: 'ready' }], index));
  refused(validateToHost({}, index));
  refused(validateToHost(JSON.parse('{"__proto__": {"type": "ready"}}'), index));
  const s = good() as unknown as { traces: Array<{ params: unknown }> };
  s.traces[0].params = JSON.parse('{"__proto__": {"negative_slope": 1}}');
  refused(setState(s), /no parameter "__proto__"/);
  s.traces[0].params = { constructor: 1 };
  refused(setState(s), /no parameter "constructor"/);
});

test('ranges: NaN, ±inf, min ≥ max, beyond ±1e6, too many or fractional points are refused', () => {
  for (const [range, re] of [
    [{ min: NaN, max: 1, points: 10 }, /finite/],
    [{ min: -1, max: Infinity, points: 10 }, /finite/],
    [{ min: -Infinity, max: 1, points: 10 }, /finite/],
    [{ min: 1, max: 1, points: 10 }, /below its maximum/],
    [{ min: 2, max: 1, points: 10 }, /below its maximum/],
    [{ min: -2e6, max: 1, points: 10 }, /±1e6/],
    [{ min: 0, max: 1e6 + 1, points: 10 }, /±1e6/],
    [{ min: 0, max: 1, points: MAX_POINTS + 1 }, /points/],
    [{ min: 0, max: 1, points: 1 }, /points/],
    [{ min: 0, max: 1, points: 10.5 }, /points/],
    [{ min: '0', max: 1, points: 10 }, /number/],
    [{ min: 0, max: 1 }, /number/],
    [[0, 1, 10], /object/],
  ] as const) {
    refused(validateRange(range), re);
    refused(setState({ ...good(), range }), re);
  }
  assert.ok(validateRange({ min: -1e6, max: 1e6, points: MAX_POINTS }).ok);
});

test('activations: unknown ids and wrong parameter kinds are refused', () => {
  const with1 = (trace: unknown) => setState({ ...good(), traces: [trace] });
  refused(with1({ id: 'swish2', params: {} }), /unknown activation "swish2"/);
  refused(with1({ id: 42 }), /text/);
  refused(with1({ id: 'leaky_relu', params: { negative_slope: 'big' } }), /negative_slope must be a number/);
  refused(with1({ id: 'leaky_relu', params: { negative_slope: NaN } }), /finite/);
  refused(with1({ id: 'leaky_relu', params: { negative_slope: Infinity } }), /finite/);
  refused(with1({ id: 'leaky_relu', params: { inplace: 'yes' } }), /true or false/);
  refused(with1({ id: 'gelu', params: { approximate: 'erf' } }), /one of none, tanh/);
  refused(with1({ id: 'softmax', params: { dim: 0.5 } }), /integer/);
  refused(with1({ id: 'relu', params: { alpha: 1 } }), /no parameter "alpha"/);
  refused(with1({ id: 'relu', params: [1] }), /object/);
  refused(setState({ ...good(), traces: [] }), /between 1 and 6/);
  refused(setState({ ...good(), traces: Array(7).fill({ id: 'relu' }) }), /between 1 and 6/);
  refused(setState({ ...good(), tab: 'settings' }), /tab/);
  // Out of the slider's range but finite: PyTorch accepts it, so do we.
  assert.ok(with1({ id: 'leaky_relu', params: { negative_slope: 5 } }).ok);
});

test('softmax input: non-numeric scores, NaN, too many, bad temperature are refused', () => {
  const sm = (input: unknown) => validateToHost({ type: 'softmax', input }, index);
  assert.ok(sm({ scores: ARTICLE_SCORES, temperature: 1 }).ok);
  refused(sm({ scores: [1, 'two', 3], temperature: 1 }), /score 2 must be a number/);
  refused(sm({ scores: [1, NaN], temperature: 1 }), /score 2 must be a finite number/);
  refused(sm({ scores: [1, null], temperature: 1 }), /score 2/);
  refused(sm({ scores: '1,2,3', temperature: 1 }), /list of numbers/);
  refused(sm({ scores: [], temperature: 1 }), /between 1 and 64/);
  refused(sm({ scores: Array(65).fill(0), temperature: 1 }), /between 1 and 64/);
  refused(sm({ scores: [1, 2], temperature: 0 }), /temperature/);
  refused(sm({ scores: [1, 2], temperature: -Infinity }), /finite/);
  refused(setState({ ...good(), softmax: { scores: [1, '2'], temperature: 1 } }), /score 2/);
});

test('other host messages: PNG export, timings and problems are checked', () => {
  const png = 'data:image/png;base64,iVBORw0KGgo=';
  assert.ok(validateToHost({ type: 'exportPng', dataUrl: png, name: 'tanh.png' }, index).ok);
  refused(validateToHost({ type: 'exportPng', dataUrl: 'data:text/html;base64,PHNjcmlwdD4=', name: 'a.png' }, index), /PNG/);
  refused(validateToHost({ type: 'exportPng', dataUrl: png + '<script>', name: 'a.png' }, index), /PNG/);
  refused(validateToHost({ type: 'exportPng', dataUrl: png, name: '../../etc/passwd' }, index), /file name/);
  refused(validateToHost({ type: 'timing', kind: 'redraw', ms: NaN, sinceInput: 1, traces: 1, points: 1, seq: 1 }, index), /finite/);
  refused(validateToHost({ type: 'timing', kind: 'fast', ms: 1, sinceInput: 1, traces: 1, points: 1, seq: 1 }, index));
  assert.ok(validateToHost({ type: 'timing', kind: 'redraw', ms: 3.2, sinceInput: -1, traces: 3, points: 1000, seq: 4 }, index).ok);
  // The first paint's "shown this long ago" is optional, and a number when present.
  const first = validateToHost({ type: 'timing', kind: 'firstPaint', ms: 300, sinceInput: -1, traces: 1, points: 1000, seq: 1, sinceShown: 212.5 }, index);
  assert.ok(first.ok && first.value.type === 'timing' && first.value.sinceShown === 212.5);
  refused(validateToHost({ type: 'timing', kind: 'firstPaint', ms: 300, sinceInput: -1, traces: 1, points: 1000, seq: 1, sinceShown: 'soon' }, index), /must be a number/);
  refused(validateToHost({ type: 'timing', kind: 'firstPaint', ms: 300, sinceInput: -1, traces: 1, points: 1000, seq: 1, sinceShown: Infinity }, index), /finite/);
  refused(validateToHost({ type: 'problem', kind: 'csp', message: 'x'.repeat(5000) }, index), /too long/);
  refused(validateToHost({ type: 'pin', pinned: 'true' }, index), /true or false/);
  refused(validateToHost({ type: 'openExplorer', trace: { id: 'nope' } }, index), /unknown activation/);
});

test('a refusal is localized through the Translate function', () => {
  const zh = (m: string, ...a: Array<string | number | boolean>) => english(m === 'unknown activation "{0}"' ? '未知的激活函数“{0}”' : m, ...a);
  const r = validateState({ ...good(), traces: [{ id: 'nope' }] }, index, zh);
  refused(r, /未知的激活函数“nope”/);
});

test('webview side: only init before init; series and softmax from the host are checked', () => {
  const meta = catalogMeta(english);
  const init = { type: 'init', view: 'explorer', strings: { Charts: '图像' }, catalog: meta, state: good() };
  const ok = validateToWebview(JSON.parse(JSON.stringify(init)), undefined);
  assert.ok(ok.ok, ok.ok ? '' : ok.error);
  refused(validateToWebview({ type: 'series', seq: 1 }, undefined), /before init/);
  refused(validateToWebview({ ...init, view: 'modal' }, undefined), /view/);
  refused(validateToWebview({ ...init, catalog: [{ ...meta[0], images: { f: { uri: 'javascript:alert(1)', width: 1, height: 1 }, df: { uri: 'x', width: 1, height: 1 } } }] }, undefined), /catalog/);
  const idx = catalogIndex(meta);
  const series = JSON.parse(JSON.stringify(seriesMessage([{ id: 'relu', params: {} }], { min: -3, max: 3, points: 7 }, 1)));
  assert.ok(validateToWebview(series, idx).ok);
  refused(validateToWebview({ ...series, x: series.x.slice(1) }, idx), /match the range/);
  refused(validateToWebview({ ...series, traces: [{ ...series.traces[0], y: series.traces[0].y.slice(1) }] }, idx), /match the range/);
  refused(validateToWebview({ ...series, traces: [{ ...series.traces[0], y: [1, 2, 'x', 4, 5, 6, 7] }] }, idx), /list of at most/);
  refused(validateToWebview({ ...series, traces: [{ ...series.traces[0], id: 'evil' }] }, idx), /unknown activation/);
  refused(validateToWebview({ ...series, range: { min: 3, max: -3, points: 7 } }, idx), /below/);
  refused(validateToWebview({ type: 'eval', code: 'alert(1)' }, idx), /unknown message type/);
  const withSummary = (summary: unknown) => ({ ...series, traces: [{ ...series.traces[0], summary }] });
  assert.deepEqual((validateToWebview(series, idx) as { value: { traces: Array<{ summary: unknown }> } }).value.traces[0].summary, series.traces[0].summary);
  for (const bad of [null, 'x', { ...series.traces[0].summary, vanishing: 1.5 }, { ...series.traces[0].summary, dead: -0.1 }, { ...series.traces[0].summary, slope: 'NaN' }, { ...series.traces[0].summary, yMin: 1e400 }])
    refused(validateToWebview(withSummary(bad), idx), /bad series/);
  const sm = JSON.parse(JSON.stringify({ type: 'softmax', result: softmaxResult({ scores: ARTICLE_SCORES, temperature: 1 }) }));
  assert.ok(validateToWebview(sm, idx).ok);
  refused(validateToWebview({ ...sm, result: { ...sm.result, probs: sm.result.probs.slice(2) } }, idx), /softmax/);
  refused(validateToWebview({ type: 'side', info: { trace: { id: 'relu' } }, pinned: false }, idx), /side panel/);
  assert.ok(validateToWebview({ type: 'side', info: null, pinned: true }, idx).ok);
});

test('gradient zones: dead where f\' is exactly 0, vanishing where |f\'| < 0.01', () => {
  const x = [-3, -2, -1, 0, 1, 2, 3];
  const z = gradientZones(x, [0, 0, 0, 0.005, 1, 0.001, 0.5]);
  assert.deepEqual(z.dead, [[-3, -0.5]]);
  assert.deepEqual(z.vanishing, [[-0.5, 0.5], [1.5, 2.5]]);
  // A smooth activation whose gradient underflows to 0 is vanishing, not dead.
  const s = gradientZones(x, [0, 0.001, 0.5, 1, 0.5, 0.001, 0], { canDie: false });
  assert.deepEqual(s.dead, []);
  assert.deepEqual(s.vanishing, [[-3, -1.5], [1.5, 3]]);
});
