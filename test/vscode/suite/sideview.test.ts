// The side panel in the real extension host: it follows the cursor in a Python editor (debounced),
// shows the activation there with the literal parameters of the call, and empties on other lines.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAllEditors, note, openDemoFile, openDemoNotebook, positionOf, waitFor } from '../helpers';

interface SideDiag { resolved: boolean; visible: boolean; pinned: boolean; updates: number; info: { id: string; line: number; title: string; params: Record<string, unknown> } | null; problems: string[]; lastDocument: unknown }
const info = () => vscode.commands.executeCommand<SideDiag>('activationLens.sideView.testInfo') as Thenable<SideDiag>;

suite('side panel (real VS Code extension host)', () => {
  suiteTeardown(closeAllEditors);

  test('opens in its own activity-bar container and follows the cursor', async () => {
    const editor = await openDemoFile('mlp.py');
    await activate();
    await vscode.commands.executeCommand('activationLens.sideView.focus');
    await waitFor(async () => (await info()).resolved, 'the side view to be resolved', 20_000);
    // focusing the view moved focus away from the editor; put it back
    await vscode.window.showTextDocument(editor.document, { preview: false });
    const at = (needle: string) => { const p = positionOf(editor.document, needle, 4); editor.selection = new vscode.Selection(p, p); return Date.now(); };

    let t0 = at('nn.ReLU()');
    let d = await waitFor(async () => { const x = await info(); return x.info?.id === 'relu' ? x : undefined; }, 'ReLU in the side view', 15_000, 10);
    note(`side view showed ReLU ${Date.now() - t0} ms after the cursor moved (debounce 150 ms + analysis)`);
    assert.equal(d.info?.line, 11);

    t0 = at('nn.Sigmoid()');
    d = await waitFor(async () => { const x = await info(); return x.info?.id === 'sigmoid' ? x : undefined; }, 'Sigmoid in the side view', 10_000, 10);
    note(`side view followed to Sigmoid in ${Date.now() - t0} ms`);

    at('optimizer.zero_grad()');
    await waitFor(async () => (await info()).info === null, 'the empty state on a line without an activation');
    assert.deepEqual((await info()).problems, []);
  });

  test('literal parameters of the call reach the side view', async () => {
    const editor = await openDemoFile('classifier.py');
    const p = positionOf(editor.document, 'nn.LeakyReLU(negative_slope=0.1)', 5);
    editor.selection = new vscode.Selection(p, p);
    const d = await waitFor(async () => { const x = await info(); return x.info?.id === 'leaky_relu' ? x : undefined; }, 'Leaky ReLU in the side view', 10_000);
    assert.equal(d.info?.params.negative_slope, 0.1);
    const g = positionOf(editor.document, "nn.GELU(approximate='tanh')", 5);
    editor.selection = new vscode.Selection(g, g);
    const e = await waitFor(async () => { const x = await info(); return x.info?.id === 'gelu' ? x : undefined; }, 'GELU in the side view', 10_000);
    assert.equal(e.info?.params.approximate, 'tanh');
  });

  test('follows the cursor into a notebook cell (imports from an earlier cell count)', async () => {
    const nb = await openDemoNotebook('notebook.ipynb');
    const cell = nb.notebook.getCells().find((c) => c.document.getText().includes('x.sigmoid()'));
    assert.ok(cell, 'the demo notebook has a x.sigmoid() cell');
    const editor = await vscode.window.showTextDocument(cell.document);
    const p = positionOf(cell.document, 'x.sigmoid()', 4);
    editor.selection = new vscode.Selection(p, p);
    const d = await waitFor(async () => { const x = await info(); return x.info?.id === 'sigmoid' ? x : undefined; }, 'Sigmoid from the notebook cell', 40_000)
      .catch(async (e) => { throw new Error(`${(e as Error).message}; side view saw ${JSON.stringify((await info()).lastDocument)}, shows ${JSON.stringify((await info()).info)}, problems ${JSON.stringify((await info()).problems)}`); });
    note(`side view in a notebook cell: ${d.info?.title} (line ${(d.info?.line ?? 0) + 1} of the cell)`);
  });

  // Issue 14: the side panel answers for the whole call, as the hover does.
  test('the cursor on a call\'s argument or on its `nn.` shows that activation', async () => {
    const editor = await openDemoFile('classifier.py');
    const put = (needle: string, offset: number) => { const p = positionOf(editor.document, needle, offset); editor.selection = new vscode.Selection(p, p); };
    put("nn.GELU(approximate='tanh')", "nn.GELU(approximate='".length);
    await waitFor(async () => (await info()).info?.id === 'gelu', 'GELU from the cursor on its argument', 10_000);
    put('nn.LeakyReLU(negative_slope=0.1)', 0);
    await waitFor(async () => (await info()).info?.id === 'leaky_relu', 'Leaky ReLU from the cursor on its `nn.`', 10_000);
    assert.deepEqual((await info()).problems, []);
  });
});
