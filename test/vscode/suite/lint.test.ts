// Findings in the real extension host: diagnostics for demo/ files and a notebook (source,
// code linking to the shipped rule page), a quick fix through vscode.executeCodeActionProvider,
// fix-all on save (source.fixAll.activationLens), `# noqa`, settings, and clearing on close.
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activate, closeAllEditors, note, openDemoFile, openScratchNotebook, waitFor } from '../helpers';

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Activation Lens');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const waitForCodes = (uri: vscode.Uri, want: (codes: string[]) => boolean, what: string) =>
  waitFor(() => { const ds = ours(uri); return want(ds.map(codeOf)) ? ds : undefined; }, what, 20_000);

async function tempPython(name: string, text: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.file(path.join(os.tmpdir(), `al-lint-${process.pid}-${name}`));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

const SRC = `import torch
import torch.nn.functional as F

x = torch.randn(2, 3)
lp = torch.log(F.softmax(x, 1))
h = F.tanh(x)
p = F.softmax(x)  # noqa: AL201
q = F.softmax(x)  # noqa: E501
`;

suite('findings (real VS Code extension host)', () => {
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('editor', { languageId: 'python' }).update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Global, true);
    await vscode.workspace.getConfiguration('activationLens.lint').update('ignore', undefined, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  test('demo files: AL101, AL103, AL202 in the Problems panel with a code linking to the shipped page', async () => {
    await activate();
    const t0 = Date.now();
    const cls = await openDemoFile('classifier.py');
    const ds = await waitForCodes(cls.document.uri, (c) => c.includes('AL101'), 'AL101 on classifier.py');
    note(`classifier.py findings ${Date.now() - t0} ms after opening`);
    // Off the extension host's thread: a worker_threads thread in this (Node) host.
    const info = await vscode.commands.executeCommand<{ computedIn: string }>('activationLens.lint.testInfo');
    assert.equal(info.computedIn, 'thread');
    const d = ds.find((x) => codeOf(x) === 'AL101')!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(cls.document.getText(d.range), 'softmax');
    const target = (d.code as { target: vscode.Uri }).target;
    assert.match(target.path, /\/docs\/rules\/AL101\.md$/);
    const page = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(page, /^# AL101: softmax before CrossEntropyLoss/);
    const mlp = await openDemoFile('mlp.py');
    await waitForCodes(mlp.document.uri, (c) => c.includes('AL103'), 'AL103 on mlp.py');
    const art = await openDemoFile('activations_article.py');
    const a = await waitForCodes(art.document.uri, (c) => c.filter((x) => x === 'AL202').length === 2, 'AL202 twice on activations_article.py');
    assert.ok(a.every((x) => x.severity === vscode.DiagnosticSeverity.Information));
  });

  test('a notebook: findings per cell, positions within the cell', async () => {
    const nb = await openScratchNotebook(['import torch\nimport torch.nn.functional as F\n', { markdown: '# notes' }, 'x = torch.randn(2, 3)\nlp = x.softmax(1).log()\n']);
    const cell = nb.cellAt(2).document;
    const ds = await waitForCodes(cell.uri, (c) => c.includes('AL301'), 'AL301 in the third cell');
    assert.equal(ds[0]!.range.start.line, 1);
    assert.equal(cell.getText(ds[0]!.range), 'x.softmax(1).log()');
    assert.deepEqual(ours(nb.cellAt(0).document.uri), []);
  });

  test('quick fix through vscode.executeCodeActionProvider; # noqa hides only its codes', async () => {
    const doc = await tempPython('quickfix.py', SRC);
    const ds = await waitForCodes(doc.uri, (c) => c.includes('AL301') && c.includes('AL202'), 'AL301 and AL202');
    assert.deepEqual(ds.filter((d) => codeOf(d) === 'AL201').map((d) => d.range.start.line), [7], '# noqa: AL201 hides line 7, # noqa: E501 does not hide line 8');
    const d = ds.find((x) => codeOf(x) === 'AL301')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Use log_softmax'), titles.join(' | '));
    assert.ok(titles.includes('Suppress AL301 on this line'), titles.join(' | '));
    const fix = actions.find((a) => a.title === 'Use log_softmax')!;
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(doc.lineAt(4).text, 'lp = F.log_softmax(x, 1)');
    await waitFor(() => !ours(doc.uri).some((x) => codeOf(x) === 'AL301'), 'AL301 to go away after the fix');
    // Suppress on this line adds # noqa: AL202
    const tanh = ours(doc.uri).find((x) => codeOf(x) === 'AL202')!;
    const more = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, tanh.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(await vscode.workspace.applyEdit(more.find((a) => a.title === 'Suppress AL202 on this line')!.edit!));
    assert.equal(doc.lineAt(5).text, 'h = F.tanh(x)  # noqa: AL202');
    await waitFor(() => !ours(doc.uri).some((x) => codeOf(x) === 'AL202'), 'AL202 hidden by # noqa');
    // AL201 offers dim=-1 and dim=1
    const dim = ours(doc.uri).find((x) => codeOf(x) === 'AL201')!;
    const dims = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, dim.range, vscode.CodeActionKind.QuickFix.value);
    assert.deepEqual(dims.map((a) => a.title).filter((x) => x.startsWith('Add dim')), ['Add dim=-1', 'Add dim=1']);
  });

  test('fix-all on save applies safe fixes only', async () => {
    await vscode.workspace.getConfiguration('editor', { languageId: 'python' }).update('codeActionsOnSave', { 'source.fixAll.activationLens': 'explicit' }, vscode.ConfigurationTarget.Global, true);
    const doc = await tempPython('onsave.py', 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\nmodel = nn.Sequential(nn.Linear(4, 3), nn.Softmax(dim=1))\ncriterion = nn.CrossEntropyLoss()\nx = torch.randn(2, 4)\ns = 1 / (1 + torch.exp(-x))\nh = F.tanh(x)\n');
    await waitForCodes(doc.uri, (c) => c.includes('AL304'), 'AL304 before saving');
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(9, 0), '\n'));
    assert.ok(await doc.save());
    await waitFor(() => doc.getText().includes('s = torch.sigmoid(x)'), 'the safe fixes to be applied on save');
    assert.match(doc.getText(), /h = torch\.tanh\(x\)/);
    assert.match(doc.getText(), /nn\.Softmax\(dim=1\)/, 'the unsafe AL101 fix must not be applied on save');
  });

  test('settings: ignore hides a prefix; closing a file clears its findings', async () => {
    const doc = await tempPython('settings.py', SRC);
    await waitForCodes(doc.uri, (c) => c.includes('AL301'), 'AL301');
    await vscode.workspace.getConfiguration('activationLens.lint').update('ignore', ['AL3'], vscode.ConfigurationTarget.Global);
    await waitForCodes(doc.uri, (c) => !c.includes('AL301') && c.includes('AL202'), 'AL3 ignored');
    await vscode.workspace.getConfiguration('activationLens.lint').update('ignore', undefined, vscode.ConfigurationTarget.Global);
    await waitForCodes(doc.uri, (c) => c.includes('AL301'), 'AL301 back');
    await closeAllEditors();
    await waitFor(() => ours(doc.uri).length === 0, 'findings cleared when the file closed', 20_000);
  });
});
