import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, hoverText, openDemoFile, openScratchNotebook, positionOf, waitFor, waitForTab } from '../helpers';

// The autograd hovers and view inside a real VS Code: the hover on .backward() in the article's
// file carries the graph and the view link; the view opened with a broken variant reports
// PyTorch's error. (Notebooks: test/unit/autograd, and the browser check's hover.)
suite('autograd', () => {
  suiteTeardown(closeAllEditors);

  test('hover on .backward() in activations_article.py: the graph, x.grad, the lesson and the view link', async () => {
    const { document } = await openDemoFile('activations_article.py');
    // the first hover of a window waits for the extension to activate and the parser to load
    const text = await waitFor(async () => {
      const h = await hoverText(document, positionOf(document, '.backward()', 2));
      return /AccumulateGrad/.test(h) ? h : undefined;
    }, 'the autograd hover', 30_000, 200);
    assert.match(text, /SumBackward0 → TanhBackward0 → AccumulateGrad \(x\)/);
    assert.match(text, /holds tanh′ at each of the 1000 points/);
    assert.match(text, /must be a scalar/);
    assert.match(text, /command:activationLens\.openAutograd/);
    const rg = await hoverText(document, positionOf(document, 'requires_grad=True', 2));
    assert.match(rg, /a leaf · shape \\\[1000\\\] · float32 · requires grad/);
  });

  test('a notebook cell\'s .backward() is followed after the cells before it', async () => {
    const nb = await openScratchNotebook(['import torch\nx = torch.linspace(-3, 3, 7, requires_grad=True)', { markdown: '# the derivative' }, 'torch.sigmoid(x).backward()']);
    const cell = nb.cellAt(2).document;
    const text = await waitFor(async () => {
      const h = await hoverText(cell, positionOf(cell, '.backward()', 2));
      return /AL501/.test(h) ? h : undefined;
    }, 'the autograd hover in a notebook cell', 30_000, 200);
    assert.match(text, /SigmoidBackward0 → AccumulateGrad \(x\)/);
    assert.match(text, /grad can be implicitly created only for scalar outputs/);
    // an untitled notebook with cells is dirty: closed without a save prompt for the suites after this one
    await vscode.window.showNotebookDocument(nb);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the autograd view opened with a broken variant reports PyTorch\'s error', async () => {
    const code = 'import torch\nx = torch.linspace(-20, 20, 1000, requires_grad=True)\ntorch.tanh(x).backward()\n';
    await vscode.commands.executeCommand('activationLens.openAutograd', { code });
    await waitForTab(/Autograd/);
    const info = await waitFor(async () => {
      const i = await vscode.commands.executeCommand<{ last: { events: Array<{ line: number; text: string }> } | null }>('activationLens.autograd.testInfo');
      return i.last ? i : undefined;
    }, 'a run of the view', 30_000);
    assert.deepEqual(info.last!.events, [{ line: 3, severity: 'error', text: 'RuntimeError: grad can be implicitly created only for scalar outputs' }]);
  });
});
