// The side panel on a user-defined activation: any evaluable definition shows its own curve (the
// engine's f and f′, computed on the host), its formula as written and the equivalence, the
// closeness, or why it cannot be evaluated; the messages pass the webview's validation.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPython } from '../python/setup';
import { ACTIVATIONS } from '../../../src/catalog';
import { customAt, evaluateDefinition, findCustom, reportDefinition } from '../../../src/custom';
import { customSideContent, renderCustomHover } from '../../../src/render/customHover';
import { customSeriesTrace } from '../../../src/vscode/explorerData';
import { catalogIndex, CUSTOM_ID, validateToWebview, type SideInfo } from '../../../src/protocol';

before(loadPython);

const DEMO = readFileSync(join(process.cwd(), 'demo/custom_activations.py'), 'utf8');
const idx = catalogIndex(ACTIVATIONS);

function sideAt(source: string, needle: string) {
  const file = findCustom(source);
  const i = source.indexOf(needle);
  const before = source.slice(0, i);
  const hit = customAt(file, before.split('\n').length - 1, i - before.lastIndexOf('\n'));
  assert.ok(hit, `no custom activation at ${needle}`);
  const report = reportDefinition(file, hit.definition);
  const s = evaluateDefinition(file, hit.definition, { from: -6, to: 6, points: 401, dtype: 'float64' });
  return { info: customSideContent(report, hit.range.line), series: s.ok ? s.value : null, name: hit.definition.name };
}

/** The side message and the series message as the webview receives and checks them. */
function received(info: SideInfo, trace?: ReturnType<typeof customSeriesTrace>, x?: number[]) {
  const side = validateToWebview(JSON.parse(JSON.stringify({ type: 'side', info, pinned: false })), idx);
  assert.ok(side.ok, side.ok ? '' : side.error);
  if (!trace || !x) return { side: side.value, series: null };
  const series = validateToWebview(JSON.parse(JSON.stringify({ type: 'series', seq: 1, range: { min: x[0], max: x[x.length - 1], points: x.length }, x, traces: [trace] })), idx);
  assert.ok(series.ok, series.ok ? '' : series.error);
  return { side: side.value, series: series.value };
}

test('an equivalent definition: its own curve, the formula as written, "= GELU", and the built-in to open', () => {
  const { info, series, name } = sideAt(DEMO, 'NewGELU(nn.Module)');
  assert.equal(info.title, 'NewGELU = GELU');
  assert.equal(info.trace.id, CUSTOM_ID);
  assert.match(info.code, /0\.044715/);
  assert.equal(info.custom?.status, "This is GELU: nn.GELU(approximate='tanh')");
  assert.deepEqual(info.custom?.open, { id: 'gelu', params: { approximate: 'tanh' } });
  assert.ok(series);
  const trace = customSeriesTrace(name, series);
  assert.equal(trace.title, 'NewGELU');
  // the engine's values, unchanged: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
  const i = 240, x = series.x[i];
  assert.ok(Math.abs((trace.y[i] as number) - 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)))) < 1e-12);
  assert.deepEqual(trace.dy, Array.from(series.dy));
  const r = received(info, trace, Array.from(series.x));
  assert.equal(r.series?.type === 'series' && r.series.traces[0].id, CUSTOM_ID);
});

test('a definition close to a built-in but not equal: its own curve and how close, never "this is"', () => {
  const { info, series, name } = sideAt(DEMO, 'QuickGELU(nn.Module)');
  assert.match(info.title, /^QuickGELU — your own activation \(nn\.Module\)$/);
  assert.match(info.custom!.status, /^Close to GELU: at most 0\.020\d+ apart on \[-6, 6\] \(not the same function\) — nn\.GELU\(\)$/);
  assert.equal(info.custom?.open?.id, 'gelu');
  const trace = customSeriesTrace(name, series!);
  assert.ok(trace.summary && trace.summary.slope! > 1);
  received(info, trace, Array.from(series!.x));
});

test('a definition close to nothing still shows its own curve, and offers no built-in', () => {
  const src = 'import torch\n\ndef wobble(x, k=3.0):\n    return torch.sin(k * x) + x ** 2\n';
  const { info, series, name } = sideAt(src, 'wobble(x');
  assert.equal(info.custom?.status, 'Not close to any built-in activation');
  assert.equal(info.custom?.open, undefined);
  assert.equal(info.custom?.evaluable, true);
  const trace = customSeriesTrace(name, series!);
  const xs = Array.from(series!.x);
  const i = 300;
  assert.ok(Math.abs((trace.dy[i] as number) - (3 * Math.cos(3 * xs[i]) + 2 * xs[i])) < 1e-12);
  received(info, trace, xs);
});

test('a definition the engine cannot evaluate says why; its name and code reach the panel as plain text', () => {
  const src = 'import torch\n\ndef looped_img_onerror_(x):\n    for i in range(3):\n        x = x + 1\n    return x\n';
  const { info, series } = sideAt(src, 'looped_img');
  assert.equal(series, null);
  assert.equal(info.custom?.evaluable, false);
  assert.match(info.custom!.status, /cannot evaluate it: not evaluable: a for loop at line 4/);
  const r = received(info);
  assert.equal(r.side.type === 'side' && r.side.info?.custom?.evaluable, false);
});

test('the webview refuses a custom trace where a catalog one belongs, and a custom panel without its trace', () => {
  const { info } = sideAt(DEMO, 'NewGELU(nn.Module)');
  const bad = (v: unknown) => assert.equal(validateToWebview(JSON.parse(JSON.stringify(v)), idx).ok, false);
  bad({ type: 'side', info: { ...info, custom: undefined }, pinned: false });
  bad({ type: 'side', info: { ...info, trace: { id: 'gelu', params: {} } }, pinned: false });
  bad({ type: 'side', info: { ...info, custom: { ...info.custom, open: { id: 'evil', params: {} } } }, pinned: false });
  bad({ type: 'side', info: { ...info, custom: { status: 1, evaluable: true } }, pinned: false });
});

test('the explorer: a series of the built-ins plus the user\'s own curve passes, two own curves or seven built-ins do not', async () => {
  const { seriesMessage } = await import('../../../src/vscode/explorerData');
  const { series, name } = sideAt(DEMO, 'QuickGELU(nn.Module)');
  const xs = Array.from(series!.x);
  const ids = ['gelu', 'relu', 'silu', 'tanh', 'sigmoid', 'elu'];
  const base = seriesMessage(ids.map((id) => ({ id, params: {} })), { min: -6, max: 6, points: xs.length }, 3);
  const own = customSeriesTrace(name, series!);
  const ok = validateToWebview(JSON.parse(JSON.stringify({ ...base, traces: [...base.traces, own] })), idx);
  assert.ok(ok.ok, ok.ok ? '' : ok.error);
  assert.equal(ok.value.type === 'series' && ok.value.traces[6].title, 'QuickGELU');
  assert.equal(validateToWebview(JSON.parse(JSON.stringify({ ...base, traces: [...base.traces.slice(1), own, own] })), idx).ok, false);
  assert.equal(validateToWebview(JSON.parse(JSON.stringify({ ...base, traces: [...base.traces, base.traces[0]] })), idx).ok, false);
});

test('the hover\'s "Open in explorer" link carries where the definition is, so the explorer plots it beside the built-in', () => {
  const file = findCustom(DEMO);
  const i = DEMO.indexOf('QuickGELU(nn.Module)');
  const before = DEMO.slice(0, i);
  const hit = customAt(file, before.split('\n').length - 1, i - before.lastIndexOf('\n'))!;
  const report = reportDefinition(file, hit.definition);
  const ref = { uri: 'file:///demo/custom_activations.py', line: hit.range.line, character: hit.range.column };
  const out = renderCustomHover({ report, series: null, at: hit.at, theme: 'light', ref });
  const link = /\(command:activationLens\.openExplorer\?([^)]+)\)/.exec(out.markdown);
  assert.ok(link);
  assert.deepEqual(JSON.parse(decodeURIComponent(link[1])), [{ id: 'gelu', params: { approximate: 'none' }, custom: ref }]);
});

test('near no built-in: the hover still offers the explorer, with only the definition\'s place (its curve beside whatever is shown)', () => {
  const file = findCustom(DEMO);
  const d = file.definitions.find((x) => x.name === 'Snake')!;
  const report = reportDefinition(file, d);
  assert.equal(report.match?.equivalent ?? report.match?.close ?? null, null);
  const s = evaluateDefinition(file, d);
  const ref = { uri: 'file:///demo/custom_activations.py', line: d.nameRange.line, character: d.nameRange.column };
  const out = renderCustomHover({ report, series: s.ok ? s.value : null, at: 'definition', theme: 'light', ref });
  const m = /\[\$\(graph\) Open in Explorer\]\(command:activationLens\.openExplorer\?([^)]+)\)/.exec(out.markdown);
  assert.ok(m, 'no explorer link');
  assert.deepEqual(JSON.parse(decodeURIComponent(m[1]!)), [{ custom: ref }]);
  assert.ok(out.enabledCommands.includes('activationLens.openExplorer'));
  const none = renderCustomHover({ report, series: s.ok ? s.value : null, at: 'definition', theme: 'light' });
  assert.doesNotMatch(none.markdown, /openExplorer/, 'no place to evaluate: no link');
});
