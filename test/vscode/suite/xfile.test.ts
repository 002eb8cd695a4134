// Findings across files in the real extension host: a model file of the workspace gets AL101
// because a training script beside it feeds its model into CrossEntropyLoss; the diagnostic
// points at the loss (related information) and follows the training script when it changes on disk.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAllEditors, note, waitFor } from '../helpers';

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Activation Lens');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

const MODEL = `import torch.nn as nn
import torch.nn.functional as F


class TinyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(16, 4)

    def forward(self, x):
        return F.softmax(self.fc(x), dim=1)
`;

const train = (loss: string, feed = 'net(x)') => `import torch
import torch.nn as nn
from tiny_model import TinyNet

net = TinyNet()
head = nn.Linear(4, 4)
criterion = ${loss}
for x, y in []:
    criterion(${feed}, y).backward()
`;

suite('findings across files (real VS Code extension host)', () => {
  const folder = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, `al-xfile-${process.pid}`);
  suiteTeardown(async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(folder(), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  test('the model file gets AL101 from train.py beside it, pointing at the loss; it follows train.py as it changes on disk', async () => {
    await activate();
    const dir = folder();
    await vscode.workspace.fs.createDirectory(dir);
    const trainUri = vscode.Uri.joinPath(dir, 'train.py');
    const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    await write(trainUri, train('nn.CrossEntropyLoss()'));
    const modelUri = vscode.Uri.joinPath(dir, 'tiny_model.py');
    await write(modelUri, MODEL);
    const t0 = Date.now();
    const doc = await vscode.workspace.openTextDocument(modelUri);
    await vscode.window.showTextDocument(doc, { preview: false });
    const d = await waitFor(() => ours(modelUri).find((x) => codeOf(x) === 'AL101'), 'AL101 on tiny_model.py from train.py', 20_000);
    note(`cross-file AL101 ${Date.now() - t0} ms after opening`);
    assert.equal(doc.getText(d.range), 'softmax');
    assert.match(d.message, /The model's output reaches CrossEntropyLoss in .*train\.py:7\.$/);
    const rel = d.relatedInformation?.[0];
    assert.ok(rel, 'related information');
    assert.equal(rel.location.uri.toString(), trainUri.toString());
    assert.equal(rel.location.range.start.line, 6);
    assert.match(rel.message, /^CrossEntropyLoss is named here/);

    // train.py now trains with NLLLoss: AL102 instead, without touching the model file.
    const t1 = Date.now();
    await write(trainUri, train('nn.NLLLoss()'));
    await waitFor(() => { const c = ours(modelUri).map(codeOf); return c.includes('AL102') && !c.includes('AL101') ? c : undefined; }, 'AL102 after train.py changed', 20_000);
    note(`followed train.py's change in ${Date.now() - t1} ms`);
    // A layer between the model and the loss: nothing across files.
    await write(trainUri, train('nn.CrossEntropyLoss()', 'head(net(x))'));
    await waitFor(() => (ours(modelUri).length === 0 ? true : undefined), 'no findings once a layer comes between', 20_000);
  });

  test('a notebook beside it (not open) trains the model: the finding names its cell and line', async () => {
    const dir = folder();
    const nb = {
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['# Training\n'] },
        { cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: ['import torch.nn.functional as F\n', 'from tiny_model import TinyNet\n', 'net = TinyNet()\n'] },
        { cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: ['for x, y in []:\n', '    F.nll_loss(net(x), y).backward()\n'] },
      ],
      metadata: {}, nbformat: 4, nbformat_minor: 5,
    };
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'train.ipynb'), new TextEncoder().encode(JSON.stringify(nb, null, 1)));
    const modelUri = vscode.Uri.joinPath(dir, 'tiny_model.py');
    const doc = await vscode.workspace.openTextDocument(modelUri);
    await vscode.window.showTextDocument(doc, { preview: false });
    const d = await waitFor(() => ours(modelUri).find((x) => codeOf(x) === 'AL102'), 'AL102 on tiny_model.py from train.ipynb', 20_000);
    assert.match(d.message, /reaches nll_loss in .*train\.ipynb, cell 3, line 2\.$/);
    assert.ok(d.relatedInformation?.[0]?.location.uri.path.endsWith('/train.ipynb'));
  });

  test('from tiny_model import *: the star-imported model is followed too', async () => {
    const dir = folder();
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(dir, 'train.ipynb'));
    const star = vscode.Uri.joinPath(dir, 'star_train.py');
    await vscode.workspace.fs.writeFile(star, new TextEncoder().encode('import torch.nn as nn\nfrom tiny_model import *\n\nnet = TinyNet()\nloss_fn = nn.CrossEntropyLoss()\nfor x, y in []:\n    loss_fn(net(x), y).backward()\n'));
    const modelUri = vscode.Uri.joinPath(dir, 'tiny_model.py');
    const d = await waitFor(() => ours(modelUri).find((x) => codeOf(x) === 'AL101'), 'AL101 on tiny_model.py from star_train.py', 20_000);
    assert.match(d.message, /reaches CrossEntropyLoss in .*star_train\.py:5\.$/);
    // The training file imports no torch of its own: its nn is the one tiny_model.py imports, handed on by the star.
    await vscode.workspace.fs.writeFile(star, new TextEncoder().encode('from tiny_model import *\n\nnet = TinyNet()\nloss_fn = nn.NLLLoss()\nfor x, y in []:\n    loss_fn(net(x), y).backward()\n'));
    const d2 = await waitFor(() => ours(modelUri).find((x) => codeOf(x) === 'AL102'), 'AL102 on tiny_model.py from star_train.py through the nn of the star', 20_000);
    assert.match(d2.message, /reaches NLLLoss in .*star_train\.py:4\.$/);
  });

  test('three files: main.py hands the model to fit() of fitting.py, whose loss is named', async () => {
    const dir = folder();
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(dir, 'star_train.py'));
    const write = (name: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, name), new TextEncoder().encode(text));
    await write('fitting.py', 'import torch.nn.functional as F\n\n\ndef fit(model, loader):\n    for x, y in loader:\n        F.kl_div(model(x), y).backward()\n');
    await write('main.py', 'from tiny_model import TinyNet\nfrom fitting import fit\n\nfit(TinyNet(), [])\n');
    const modelUri = vscode.Uri.joinPath(dir, 'tiny_model.py');
    const d = await waitFor(() => ours(modelUri).find((x) => codeOf(x) === 'AL106'), 'AL106 on tiny_model.py through main.py and fitting.py', 20_000);
    assert.match(d.message, /reaches kl_div in .*fitting\.py:6\.$/);
    assert.ok(d.relatedInformation?.[0]?.location.uri.path.endsWith('/fitting.py'));
  });

  test('four files: main.py hands the model and an imported factory\'s loss to fit2() of stage.py, which hands both on to step() of steps.py', async () => {
    const dir = folder();
    const write = (name: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, name), new TextEncoder().encode(text));
    await write('crit.py', 'import torch.nn as nn\n\n\ndef get_criterion():\n    return nn.CrossEntropyLoss()\n');
    await write('steps.py', 'def step(model, x, y, criterion):\n    return criterion(model(x), y)\n');
    await write('stage.py', 'from steps import step\n\n\ndef fit2(model, loader, criterion):\n    for x, y in loader:\n        step(model, x, y, criterion).backward()\n');
    await write('main2.py', 'from tiny_model import TinyNet\nfrom stage import fit2\nfrom crit import get_criterion\n\nfit2(TinyNet(), [], get_criterion())\n');
    const modelUri = vscode.Uri.joinPath(dir, 'tiny_model.py');
    const d = await waitFor(() => ours(modelUri).find((x) => codeOf(x) === 'AL101' && /crit\.py:5\.$/.test(x.message)), 'AL101 on tiny_model.py through main2.py, stage.py and steps.py, the loss built in crit.py', 20_000);
    assert.ok(d.relatedInformation?.[0]?.location.uri.path.endsWith('/crit.py'));
    for (const f of ['crit.py', 'steps.py', 'stage.py', 'main2.py']) await vscode.workspace.fs.delete(vscode.Uri.joinPath(dir, f));
  });

  test('three files: the training script imports the model by name and the loss instance losses3.py builds (from losses3 import objective)', async () => {
    const dir = folder();
    const write = (name: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, name), new TextEncoder().encode(text));
    await write('losses3.py', 'from torch import nn\n\nobjective = nn.NLLLoss()\n');
    await write('fit3.py', 'from tiny_model import TinyNet\nfrom losses3 import objective\n\nnet = TinyNet()\nfor x, y in []:\n    objective(net(x), y).backward()\n');
    const modelUri = vscode.Uri.joinPath(dir, 'tiny_model.py');
    const d = await waitFor(() => ours(modelUri).find((x) => codeOf(x) === 'AL102' && /fit3\.py:6\.$/.test(x.message)), 'AL102 on tiny_model.py, its output fed to the NLLLoss instance losses3.py builds', 20_000);
    assert.ok(d.relatedInformation?.[0]?.location.uri.path.endsWith('/fit3.py'));
    for (const f of ['losses3.py', 'fit3.py']) await vscode.workspace.fs.delete(vscode.Uri.joinPath(dir, f));
  });

  test('a tuple output: the element the training script unpacks into the loss is the one that counts', async () => {
    const dir = folder();
    const write = (name: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, name), new TextEncoder().encode(text));
    await write('tiny_vae.py', 'import torch\nimport torch.nn as nn\n\n\nclass TinyVAE(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.enc = nn.Linear(16, 4)\n        self.dec = nn.Linear(4, 16)\n\n    def forward(self, x):\n        mu = self.enc(x)\n        return torch.sigmoid(self.dec(mu)), mu\n');
    const trainVae = (loss: string) => `import torch\nimport torch.nn.functional as F\nfrom tiny_vae import TinyVAE\n\nvae = TinyVAE()\nfor x in []:\n    recon, mu = vae(x)\n    ${loss}.backward()\n`;
    await write('fit_vae.py', trainVae('F.binary_cross_entropy(recon, x)'));
    const vaeUri = vscode.Uri.joinPath(dir, 'tiny_vae.py');
    const doc = await vscode.workspace.openTextDocument(vaeUri);
    await vscode.window.showTextDocument(doc, { preview: false });
    const d = await waitFor(() => ours(vaeUri).find((x) => codeOf(x) === 'AL103'), 'AL103 on tiny_vae.py, its first returned element unpacked into F.binary_cross_entropy', 20_000);
    assert.equal(doc.getText(d.range), 'sigmoid');
    assert.match(d.message, /reaches binary_cross_entropy in .*fit_vae\.py:8\.$/);
    // The loss now gets the other element: nothing across files.
    await write('fit_vae.py', trainVae('F.mse_loss(mu, torch.zeros_like(mu))'));
    await waitFor(() => (ours(vaeUri).length === 0 ? true : undefined), 'no findings once the loss gets mu', 20_000);
    for (const f of ['tiny_vae.py', 'fit_vae.py']) await vscode.workspace.fs.delete(vscode.Uri.joinPath(dir, f));
  });

  test('the other way round: the log of a model whose class another file defines gets AL301 in the file taking the log, and follows that file as it changes on disk', async () => {
    const dir = folder();
    const write = (name: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, name), new TextEncoder().encode(text));
    const nets = (out: string) => `import torch.nn as nn\nimport torch.nn.functional as F\n\n\nclass PolicyNet(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return ${out}\n`;
    await write('rl_nets.py', nets('F.softmax(self.fc(x), dim=1)'));
    await write('rl_agent.py', 'import torch\nimport rl_nets\n\n\nclass Agent:\n    def __init__(self):\n        self.actor = rl_nets.PolicyNet()\n\n    def actor_loss(self, s, a, adv):\n        log_probs = torch.log(self.actor(s).gather(1, a))\n        return -(log_probs * adv).mean()\n');
    const agentUri = vscode.Uri.joinPath(dir, 'rl_agent.py');
    const doc = await vscode.workspace.openTextDocument(agentUri);
    await vscode.window.showTextDocument(doc, { preview: false });
    const d = await waitFor(() => ours(agentUri).find((x) => codeOf(x) === 'AL301'), 'AL301 on rl_agent.py from rl_nets.py', 20_000);
    assert.equal(doc.getText(d.range), 'torch.log(self.actor(s).gather(1, a))');
    assert.match(d.message, /the forward of PolicyNet \(.*rl_nets\.py:11\) returns softmax probabilities/);
    // The model now returns log_softmax: nothing left, without touching rl_agent.py.
    await write('rl_nets.py', nets('F.log_softmax(self.fc(x), dim=1)'));
    await waitFor(() => (ours(agentUri).length === 0 ? true : undefined), 'no AL301 once the forward returns log_softmax', 20_000);
    for (const f of ['rl_nets.py', 'rl_agent.py']) await vscode.workspace.fs.delete(vscode.Uri.joinPath(dir, f));
  });

  test('from star_model import *: the training script\'s own softmax into its CrossEntropyLoss is AL101 through the nn and F the model file imports; the hover agrees; it follows the model file', async () => {
    const dir = folder();
    const write = (name: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, name), new TextEncoder().encode(text));
    const model = (imports: string) => `${imports}\n\n\nclass StarNet(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(16, 4)\n\n    def forward(self, x):\n        return self.fc(x)\n`;
    await write('star_model.py', model('import torch\nimport torch.nn as nn\nimport torch.nn.functional as F'));
    await write('star_train.py', 'from star_model import *\n\nnet = StarNet()\ncriterion = nn.CrossEntropyLoss()\nfor x, y in []:\n    probs = F.softmax(net(x), dim=1)\n    criterion(probs, y).backward()\n');
    const trainUri = vscode.Uri.joinPath(dir, 'star_train.py');
    const doc = await vscode.workspace.openTextDocument(trainUri);
    await vscode.window.showTextDocument(doc, { preview: false });
    const d = await waitFor(() => ours(trainUri).find((x) => codeOf(x) === 'AL101'), 'AL101 on star_train.py through star_model.py\'s imports', 20_000);
    assert.equal(doc.getText(d.range), 'softmax');
    assert.equal(d.range.start.line, 5);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', trainUri, d.range.start.translate(0, 1));
    const md = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(md, /AL101/, 'the hover names AL101 too');
    // The model file now imports torch.nn under another name: nn is no longer PyTorch's in
    // star_train.py, so nn.CrossEntropyLoss is no loss it knows: the finding goes without touching star_train.py.
    await write('star_model.py', model('import torch\nimport torch.nn as tnn\nimport torch.nn.functional as F').replace('(nn.Module)', '(tnn.Module)').replace('nn.Linear', 'tnn.Linear'));
    await waitFor(() => (ours(trainUri).some((x) => codeOf(x) === 'AL101') ? undefined : true), 'no AL101 once star_model.py no longer binds nn', 20_000);
    for (const f of ['star_model.py', 'star_train.py']) await vscode.workspace.fs.delete(vscode.Uri.joinPath(dir, f));
  });

  test('the cross-file finding has its quick fix, "Suppress" and the hover that agree with it; applying the fix changes the model file', async () => {
    const dir = folder();
    const write = (name: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, name), new TextEncoder().encode(text));
    await write('fix_model.py', MODEL.replace('TinyNet', 'FixNet'));
    await write('fix_train.py', train('nn.CrossEntropyLoss()').replace(/tiny_model/g, 'fix_model').replace(/TinyNet/g, 'FixNet'));
    const modelUri = vscode.Uri.joinPath(dir, 'fix_model.py');
    const doc = await vscode.workspace.openTextDocument(modelUri);
    await vscode.window.showTextDocument(doc, { preview: false });
    const d = await waitFor(() => ours(modelUri).find((x) => codeOf(x) === 'AL101'), 'AL101 on fix_model.py from fix_train.py', 20_000);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', modelUri, d.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Remove the activation (pass the logits)'), titles.join(' | '));
    assert.ok(titles.includes('Suppress AL101 on this line'), titles.join(' | '));
    // The hover at the softmax advises with the other file's loss, as the Problems panel does.
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', modelUri, d.range.start.translate(0, 1));
    const md = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(md, /AL101/, 'the hover names AL101');
    // and says where, in the words of the Problems panel's message
    const where = /reaches CrossEntropyLoss in (.+)\.$/.exec(d.message)?.[1];
    assert.ok(where?.includes('fix_train.py:'), d.message);
    const plain = md.replace(/\\(.)/g, '$1');
    assert.ok(plain.includes(`The model's output reaches CrossEntropyLoss in ${where}.`), plain.slice(0, 800));
    // Suppress adds # noqa: AL101 (undone after), the fix removes the softmax.
    const noqa = actions.find((a) => a.title === 'Suppress AL101 on this line')!;
    assert.ok(await vscode.workspace.applyEdit(noqa.edit!));
    assert.equal(doc.lineAt(d.range.start.line).text, '        return F.softmax(self.fc(x), dim=1)  # noqa: AL101');
    await waitFor(() => (ours(modelUri).some((x) => codeOf(x) === 'AL101') ? undefined : true), 'AL101 hidden by # noqa', 20_000);
    const back = new vscode.WorkspaceEdit();
    back.replace(modelUri, doc.lineAt(d.range.start.line).range, '        return F.softmax(self.fc(x), dim=1)');
    assert.ok(await vscode.workspace.applyEdit(back));
    const again = await waitFor(() => ours(modelUri).find((x) => codeOf(x) === 'AL101'), 'AL101 back after undo', 20_000);
    const fresh = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', modelUri, again.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(await vscode.workspace.applyEdit(fresh.find((a) => a.title === 'Remove the activation (pass the logits)')!.edit!));
    assert.equal(doc.lineAt(d.range.start.line).text, '        return self.fc(x)');
    await waitFor(() => (ours(modelUri).length === 0 ? true : undefined), 'no findings after the fix', 20_000);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('64 training scripts import the model: its own findings appear without waiting for the look through them, the cross-file one after', async () => {
    const dir = vscode.Uri.joinPath(folder(), 'many');
    await vscode.workspace.fs.createDirectory(dir);
    const enc = new TextEncoder();
    // Realistic trainers: a data set, an evaluation with softmax for accuracy, a schedule, a training loop with the loss.
    const trainer = (i: number) => `import torch
import torch.nn as nn
import torch.nn.functional as F
from wide_model import WideNet


class Data${i}(torch.utils.data.Dataset):
    def __init__(self, n):
        self.x = torch.randn(n, 16)
        self.y = torch.randint(0, 4, (n,))

    def __len__(self):
        return len(self.x)

    def __getitem__(self, k):
        return self.x[k], self.y[k]


def evaluate(model, loader):
    hits = 0
    for x, y in loader:
        probs = F.softmax(model(x), dim=1)
        hits += (probs.argmax(1) == y).sum().item()
    return hits / max(1, len(loader.dataset))


def schedule(opt, step):
    for g in opt.param_groups:
        g['lr'] = 0.1 * 0.5 ** (step // ${10 + i})

` + Array.from({ length: 12 }, (_, k) => `
def step_${k}(model, opt, x, y):
    opt.zero_grad()
    out = model(x)
    loss = F.cross_entropy(out, y) * ${k + 1}
    loss.backward()
    opt.step()
    return loss.item()
`).join('') + `

net = WideNet()
opt = torch.optim.SGD(net.parameters(), lr=0.1)
criterion = nn.CrossEntropyLoss()
loader = torch.utils.data.DataLoader(Data${i}(64), batch_size=8)
for epoch in range(3):
    for x, y in loader:
        opt.zero_grad()
        criterion(net(x), y).backward()
        opt.step()
    schedule(opt, epoch)
print(evaluate(net, loader))
`;
    await Promise.all(Array.from({ length: 64 }, (_, i) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, `train_${i}.py`), enc.encode(trainer(i)))));
    const modelUri = vscode.Uri.joinPath(dir, 'wide_model.py');
    await vscode.workspace.fs.writeFile(modelUri, enc.encode(MODEL.replace('TinyNet', 'WideNet') + '\n\ndef scores(x):\n    return F.tanh(x)\n'));
    const t0 = Date.now();
    const doc = await vscode.workspace.openTextDocument(modelUri);
    await vscode.window.showTextDocument(doc, { preview: false });
    await waitFor(() => ours(modelUri).find((x) => codeOf(x) === 'AL202'), 'the model file\'s own AL202', 8_000);
    const own = Date.now() - t0;
    note(`64 importers: own findings ${own} ms after opening`);
    await waitFor(() => ours(modelUri).find((x) => codeOf(x) === 'AL101'), 'AL101 from the 64 trainers', 50_000);
    note(`64 importers: own findings ${own} ms, cross-file AL101 ${Date.now() - t0} ms after opening`);
    // The trainers were analysed in the findings worker, not on the extension host's thread.
    const info = await vscode.commands.executeCommand<{ computedIn: string; links: { worker: number; inProcess: number } }>('activationLens.lint.testInfo');
    assert.equal(info.computedIn, 'thread');
    assert.ok(info.links.worker >= 64, JSON.stringify(info.links));
    assert.equal(info.links.inProcess, 0, JSON.stringify(info.links));
  });

  test('files listed as check lists them: a project\'s own env package is read, a .gitignore\'d script is not', async () => {
    const dir = vscode.Uri.joinPath(folder(), 'listing');
    const enc = new TextEncoder();
    const write = (name: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, name), enc.encode(text));
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(dir, 'env'));
    await write('.gitignore', 'scratch_*.py\n');
    await write('env/__init__.py', '');
    await write('env/fit.py', 'import torch.nn as nn\nfrom .envnet import EnvNet\n\nnet = EnvNet()\nloss_fn = nn.CrossEntropyLoss()\nfor x, y in []:\n    loss_fn(net(x), y).backward()\n');
    await write('scratch_try.py', 'import torch.nn.functional as F\nfrom env.envnet import EnvNet\n\nnet = EnvNet()\nfor x, y in []:\n    F.nll_loss(net(x), y).backward()\n');
    await write('env/envnet.py', MODEL.replace('TinyNet', 'EnvNet'));
    const modelUri = vscode.Uri.joinPath(dir, 'env', 'envnet.py');
    const doc = await vscode.workspace.openTextDocument(modelUri);
    await vscode.window.showTextDocument(doc, { preview: false });
    const d = await waitFor(() => ours(modelUri).find((x) => codeOf(x) === 'AL101'), 'AL101 on env/envnet.py from env/fit.py', 20_000);
    assert.match(d.message, /reaches CrossEntropyLoss in .*env\/fit\.py:5\.$/);
    assert.deepEqual(ours(modelUri).map(codeOf), ['AL101'], 'scratch_try.py is ignored by .gitignore: no AL102 from it');
  });
  test('a trainer base class of another file calls self.model into BCELoss: the subclass\'s model gets AL103', async () => {
    const dir = vscode.Uri.joinPath(folder(), 'engine');
    const enc = new TextEncoder();
    await vscode.workspace.fs.createDirectory(dir);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'engine.py'), enc.encode(`import torch


class Engine(object):
    def __init__(self, config):
        self.opt = torch.optim.Adam(self.model.parameters(), lr=config['lr'])
        self.crit = torch.nn.BCELoss()

    def train_single_batch(self, users, items, ratings):
        self.opt.zero_grad()
        pred = self.model(users, items)
        loss = self.crit(pred.view(-1), ratings)
        loss.backward()
        self.opt.step()
`));
    const modelUri = vscode.Uri.joinPath(dir, 'gmf.py');
    await vscode.workspace.fs.writeFile(modelUri, enc.encode(`import torch
from engine import Engine


class GMF(torch.nn.Module):
    def __init__(self, config):
        super().__init__()
        self.emb = torch.nn.Embedding(config['users'], 8)
        self.out = torch.nn.Linear(8, 1)
        self.logistic = torch.nn.Sigmoid()

    def forward(self, users, items):
        return self.logistic(self.out(self.emb(users) * self.emb(items)))


class GMFEngine(Engine):
    def __init__(self, config):
        self.model = GMF(config)
        super().__init__(config)
`));
    const doc = await vscode.workspace.openTextDocument(modelUri);
    await vscode.window.showTextDocument(doc, { preview: false });
    const d = await waitFor(() => ours(modelUri).find((x) => codeOf(x) === 'AL103'), 'AL103 on gmf.py from engine.py\'s base class', 20_000);
    assert.equal(doc.getText(d.range), 'Sigmoid');
    assert.match(d.message, /reaches BCELoss in .*engine\/engine\.py:7\.$/);
  });
});
