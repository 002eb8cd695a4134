// The explorer panel in the real extension host: opened by the palette command (timed from the
// command to the first painted charts), by hover-link arguments and by "compare"; every message
// from the webview is validated (hostile ones refused, the panel keeps working); the softmax
// playground computes the article's printout; "Copy script" writes a runnable script.
import * as assert from 'node:assert/strict';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as vscode from 'vscode';
import { activate, closeAllEditors, note, openDemoFile, waitFor, waitForTab } from '../helpers';

interface Diag {
  open: boolean;
  state: { traces: Array<{ id: string; params: Record<string, unknown> }>; range: { min: number; max: number; points: number } } | null;
  firstPaint: Array<{ hostMs: number; shownMs: number; handlerMs: number; webviewMs: number; traces: number; points: number }>;
  redraws: Array<{ ms: number; traces: number; points: number }>;
  refusedByHost: string[];
  refusedByWebview: string[];
  problems: Array<{ kind: string; message: string }>;
  lastSeries: { seq: number; traces: Array<{ id: string; title: string; ySum: number; dySum: number; vanishing: number; dead: number }> } | null;
  lastSoftmax: { printout: string; logPrintout: string; naive: string; stable: string } | null;
}
const info = () => vscode.commands.executeCommand<Diag>('activationLens.explorer.testInfo') as Thenable<Diag>;
const receive = (msg: unknown) => vscode.commands.executeCommand<string[]>('activationLens.explorer.testReceive', msg) as Thenable<string[]>;
const ARTICLE = 'tensor([0.0212, 0.0177, 0.0202, 0.0202, 0.0638, 0.0287, 0.0185, 0.0522, 0.0183,\n        0.7392])';

suite('explorer panel (real VS Code extension host)', () => {
  suiteSetup(async () => {
    await openDemoFile('activations_article.py');
    await activate();
  });
  suiteTeardown(closeAllEditors);

  async function openAndTime(): Promise<Diag['firstPaint'][number]> {
    const before = (await info()).firstPaint.length;
    await vscode.commands.executeCommand('activationLens.openExplorer');
    await waitForTab(/Activation Explorer|激活函数浏览器/);
    const d = await waitFor(async () => { const x = await info(); return x.firstPaint.length > before ? x : undefined; }, 'the webview to paint its first charts', 60_000, 10);
    return d.firstPaint[d.firstPaint.length - 1];
  }

  test('the palette command opens the panel and the first charts paint (time reported against the 500 ms target)', async () => {
    // Cold: the window's first webview also pays for VS Code's webview service worker.
    const cold = await openAndTime();
    const d = await info();
    assert.equal(d.state?.traces[0].id, 'tanh');
    assert.deepEqual(d.state?.range, { min: -20, max: 20, points: 1000 });
    assert.ok(d.lastSeries && d.lastSeries.traces[0].vanishing === 2, 'tanh should have two vanishing-gradient zones on −20…20');
    // Warm: close and open again, as a user does during a session.
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor(async () => !(await info()).open, 'the panel to close');
    const warm = await openAndTime();
    const load = loadavg()[0] / cpus().length;
    // shownMs: command → the document's first contentful paint (the charts as SVG from the HTML); hostMs: → chart.js drew them (interactive).
    const shown = (d: typeof warm) => (d.shownMs >= 0 ? `${d.shownMs} ms` : 'not reported');
    note(`explorer first paint (command → charts on screen, ${warm.traces} activation × ${warm.points} points): cold ${shown(cold)} (interactive ${cold.hostMs} ms; command handler ${cold.handlerMs} ms), warm ${shown(warm)} (interactive ${warm.hostMs} ms; handler ${warm.handlerMs} ms); machine load ${load.toFixed(1)} per core`);
    // Speed targets belong to measurements, not to pass/fail on a shared machine (the project's rule): the
    // 500 ms target is reported here; the assertion only catches a panel that never paints in reasonable time.
    note(`explorer first paint vs the 500 ms target: warm ${shown(warm)} (${warm.shownMs >= 0 && warm.shownMs < 500 ? 'met' : 'MISSED'}); npm run bench -- firstpaint measures it in the browser`);
    assert.ok(warm.shownMs >= 0 && warm.shownMs <= warm.hostMs, `the webview did not report its first paint before chart.js (shown ${warm.shownMs} ms, interactive ${warm.hostMs} ms)`);
    assert.ok(warm.hostMs < 20_000, `first paint took ${warm.hostMs} ms: the panel is effectively not painting`);
  });

  test('a hover link\'s arguments ({ id, params }) show that activation with those parameters', async () => {
    await vscode.commands.executeCommand('activationLens.openExplorer', { id: 'leaky_relu', params: { negative_slope: 0.2, inplace: false } });
    const d = await waitFor(async () => { const x = await info(); return x.lastSeries?.traces[0].id === 'leaky_relu' ? x : undefined; }, 'Leaky ReLU to be drawn');
    assert.deepEqual(d.state?.traces, [{ id: 'leaky_relu', params: { negative_slope: 0.2, inplace: false } }]);
    assert.equal(d.lastSeries?.traces[0].title, 'Leaky ReLU (negative_slope=0.2)');
    assert.equal(d.lastSeries?.traces[0].dead, 0);
  });

  test('compare overlays the activations; ReLU shows a dead zone', async () => {
    await vscode.commands.executeCommand('activationLens.compare', { ids: ['relu', 'leaky_relu', 'gelu'], params: { inplace: false } });
    const d = await waitFor(async () => { const x = await info(); return x.lastSeries?.traces.length === 3 ? x : undefined; }, 'three overlaid activations');
    assert.deepEqual(d.lastSeries?.traces.map((t) => t.id), ['relu', 'leaky_relu', 'gelu']);
    assert.equal(d.lastSeries?.traces[0].dead, 1);
  });

  test('bad command arguments are refused with a message and change nothing', async () => {
    const before = (await info()).state;
    await vscode.commands.executeCommand('activationLens.openExplorer', { id: 'swish9', params: {} });
    await vscode.commands.executeCommand('activationLens.openExplorer', { id: 'relu', params: { inplace: 'yes' } });
    await vscode.commands.executeCommand('activationLens.compare', { ids: [42, 'nope'] });
    assert.deepEqual((await info()).state, before);
  });

  test('hostile webview messages are refused and the panel keeps working', async () => {
    const base = (await info()).state!;
    const good = { v: 1, traces: base.traces, range: base.range, tab: 'charts', softmax: { scores: [1, 2, 3], temperature: 1 } };
    const hostile: unknown[] = [
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'setState', seq: 1, state: { ...good, range: { min: NaN, max: 1, points: 10 } } },
      { type: 'setState', seq: 1, state: { ...good, range: { min: 0, max: Infinity, points: 10 } } },
      { type: 'setState', seq: 1, state: { ...good, range: { min: 5, max: 5, points: 10 } } },
      { type: 'setState', seq: 1, state: { ...good, range: { min: -1e7, max: 1, points: 10 } } },
      { type: 'setState', seq: 1, state: { ...good, range: { min: 0, max: 1, points: 100_001 } } },
      { type: 'setState', seq: 1, state: { ...good, traces: [{ id: 'rm_rf', params: {} }] } },
      { type: 'setState', seq: 1, state: { ...good, traces: [{ id: 'elu', params: { alpha: 'one' } }] } },
      { type: 'softmax', input: { scores: [1, 'x', 3], temperature: 1 } },
      { type: 'exportPng', dataUrl: 'data:text/html,<script>alert(1)</script>', name: 'x.png' },
      null, 42, 'ready', [],
    ];
    const refusedBefore = (await info()).refusedByHost.length;
    for (const m of hostile) await receive(m);
    const d = await info();
    assert.equal(d.refusedByHost.length - refusedBefore, hostile.length, d.refusedByHost.slice(refusedBefore).join('\n'));
    assert.deepEqual(d.state?.range, base.range, 'a refused message must not change the state');
    // …and a good message still works.
    const seq = d.lastSeries!.seq;
    await receive({ type: 'setState', seq: 2, state: { ...good, traces: [{ id: 'softplus', params: { beta: 2 } }], range: { min: -5, max: 5, points: 500 } } });
    const after = await waitFor(async () => { const x = await info(); return x.lastSeries && x.lastSeries.seq > seq ? x : undefined; }, 'the series after a good message');
    assert.equal(after.lastSeries?.traces[0].title, 'Softplus (beta=2)');
    note(`explorer refused ${hostile.length} hostile messages, then drew Softplus (beta=2)`);
  });

  test('hostile host→webview messages are refused by the webview, which keeps drawing', async () => {
    const post = (m: unknown) => vscode.commands.executeCommand('activationLens.explorer.testPost', m);
    const before = (await info()).refusedByWebview.length;
    const hostile: unknown[] = [
      { type: 'eval', code: 'alert(1)' },
      { type: 'series', seq: 99, range: { min: 0, max: 1, points: 3 }, x: [0, NaN, 1], traces: [] },
      { type: 'series', seq: 99, range: { min: 1, max: 0, points: 2 }, x: [0, 1], traces: [] },
      { type: 'series', seq: 99, range: { min: 0, max: 1, points: 2 }, x: [0, 1], traces: [{ key: 'k', id: 'evil', title: 't', params: {}, y: [0, 1], dy: [0, 1], vanishing: [], dead: [] }] },
      { type: 'softmax', result: { scores: ['1'], probs: [1], logProbs: [0] } },
      { type: 'state', state: { traces: [{ id: 'relu', params: { inplace: 'x' } }] } },
      null,
    ];
    for (const m of hostile) await post(m);
    const d = await waitFor(async () => { const x = await info(); return x.refusedByWebview.length - before >= hostile.length ? x : undefined; }, 'the webview to refuse every hostile message', 15_000);
    note(`webview refused ${d.refusedByWebview.length - before} hostile host messages, e.g. "${d.refusedByWebview[before]}"`);
    // still working: a good state from the webview side round-trips to a new drawing
    const seq = d.lastSeries!.seq;
    const state = d.state!;
    await receive({ type: 'setState', seq: 9, state: { v: 1, traces: [{ id: 'tanh', params: {} }], range: state.range, tab: 'charts', softmax: { scores: [1, 2, 3], temperature: 1 } } });
    await waitFor(async () => { const x = await info(); return x.lastSeries && x.lastSeries.seq > seq; }, 'a new drawing after the refusals');
    await receive({ type: 'setState', seq: 10, state: { v: 1, traces: [{ id: 'softplus', params: { beta: 2 } }], range: state.range, tab: 'charts', softmax: { scores: [1, 2, 3], temperature: 1 } } });
  });

  test('the softmax playground computes the article\'s printout with the engine', async () => {
    const state = (await info()).state!;
    await receive({ type: 'setState', seq: 3, state: { v: 1, traces: state.traces, range: state.range, tab: 'softmax', softmax: { scores: [0.2, 0.02, 0.15, 0.15, 1.3, 0.5, 0.06, 1.1, 0.05, 3.75], temperature: 1 } } });
    const d = await waitFor(async () => { const x = await info(); return x.lastSoftmax?.printout === ARTICLE ? x : undefined; }, 'the article\'s printout');
    assert.equal(d.lastSoftmax?.naive, 'tensor([nan, nan, nan])');
    assert.equal(d.lastSoftmax?.stable, 'tensor([0.0900, 0.2447, 0.6652])');
  });

  test('"Copy script" puts a runnable PyTorch + matplotlib script of the current view on the clipboard', async () => {
    await vscode.env.clipboard.writeText('');
    await receive({ type: 'copyScript' });
    const text = await waitFor(async () => { const s = await vscode.env.clipboard.readText(); return s.includes('import torch') ? s : undefined; }, 'the script on the clipboard');
    assert.match(text, /F\.softplus\(x, beta=2, threshold=20\)/);
    assert.match(text, /torch\.linspace\(-5, 5, 500, requires_grad=True\)/);
    assert.match(text, /\.sum\(\)\.backward\(\)/);
  });

  test('"Export PNG" writes the PNG the webview sends (save dialog bypassed for the test)', async () => {
    const dir = vscode.Uri.joinPath(vscode.Uri.file(tmpdir()), `al-export-${Date.now()}`);
    await vscode.workspace.fs.createDirectory(dir);
    const target = vscode.Uri.joinPath(dir, 'charts.png');
    await vscode.commands.executeCommand('activationLens.explorer.testExportTo', target.fsPath);
    try {
      const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
      await receive({ type: 'exportPng', dataUrl: `data:image/png;base64,${png}`, name: 'charts.png' });
      const bytes = await waitFor(async () => { try { return await vscode.workspace.fs.readFile(target); } catch { return undefined; } }, 'the exported PNG');
      assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    } finally {
      await vscode.commands.executeCommand('activationLens.explorer.testExportTo', '');
    }
  });

  test('the webview reported no CSP violation and no error', async () => {
    const d = await info();
    assert.deepEqual(d.problems, []);
    if (d.redraws.length) note(`explorer redraws seen in this suite: ${d.redraws.map((r) => `${r.ms.toFixed(1)} ms (${r.traces}×${r.points})`).join(', ')}`);
  });
});
