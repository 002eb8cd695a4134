// A model in one file, its loss in another: import resolution (RunModules) and the join `check`
// makes (crossFile.ts), row by row over small folder trees, through `check` itself in process.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { check } from '../../../src/cli/check';
import { RunModules } from '../../../src/cli/crossFile';

let root = '';
before(() => { root = mkdtempSync(join(tmpdir(), 'al-xfile-')); });
after(() => { if (root) rmSync(root, { recursive: true, force: true }); });

const HEAD = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n';

/** A model file whose forward ends with `last` applied to the logits. */
const modelFile = (cls: string, last: (logits: string) => string) => `${HEAD}
class ${cls}(nn.Module):
    def __init__(self, d_in=16, n_out=4):
        super().__init__()
        self.hidden = nn.Linear(d_in, 32)
        self.out = nn.Linear(32, n_out)

    def forward(self, x):
        h = F.relu(self.hidden(x))
        return ${last('self.out(h)')}
`;
const SOFTMAX = (x: string) => `F.softmax(${x}, dim=1)`;
const LOG_SOFTMAX = (x: string) => `F.log_softmax(${x}, dim=1)`;
const SIGMOID = (x: string) => `torch.sigmoid(${x})`;
const NONE = (x: string) => x;

/** A training script: `build` makes the model, `feed` turns `out` (its output) into the loss. */
const HEADED = `${HEAD}class Net(nn.Module):
    def __init__(self, hidden, n, extra=None):
        super().__init__()
        self.lstm = nn.LSTM(8, hidden, batch_first=True)
        if extra is not None:
            self.fc = nn.Sequential(nn.Linear(hidden, extra), nn.ReLU(), nn.Linear(extra, n), nn.Sigmoid())
        else:
            self.fc = nn.Sequential(nn.Linear(hidden, n), nn.Sigmoid())

    def forward(self, x):
        z, _ = self.lstm(x)
        return self.fc(z[:, -1])
`;
/** The head chosen by the number of classes: a sigmoid for one, a softmax for more. */
const BY_CLASSES = `${HEAD}class Clf(nn.Module):
    def __init__(self, n_classes, hidden=32):
        super().__init__()
        self.body = nn.Linear(16, hidden)
        self.fc = nn.Linear(hidden, n_classes)
        if n_classes == 1:
            self.act = nn.Sigmoid()
        else:
            self.act = nn.Softmax(dim=1)

    def forward(self, x):
        return self.act(self.fc(F.relu(self.body(x))))
`;
const trainFile = (imports: string, build: string, loss: string, feed = 'criterion(out, y)') => `import torch
import torch.nn as nn
import torch.nn.functional as F
${imports}

model = ${build}
criterion = ${loss}
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)


def train_epoch(loader):
    model.train()
    for x, y in loader:
        optimizer.zero_grad()
        out = model(x)
        loss = ${feed}
        loss.backward()
        optimizer.step()
`;

let n = 0;
function tree(files: Record<string, string>): string {
  const dir = join(root, `t${++n}`);
  for (const [name, text] of Object.entries(files)) {
    const p = join(dir, name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return dir;
}

interface Row { file: string; line: number; code: string; message: string }
async function checkJson(...argv: string[]): Promise<{ code: number; rows: Row[]; err: string }> {
  let out = '';
  let err = '';
  const code = await check(['--format', 'json', ...argv], (s) => { out += s; }, (s) => { err += s; });
  return { code, err, rows: out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row) };
}
const cross = (rows: Row[]) => rows.filter((r) => / in \S+:\d+\.$|, cell \d+, line \d+\.$|\(named in (\S+:\d+|\S+, cell \d+, line \d+)\), given as the argument \w+\.$/.test(r.message)).map((r) => `${r.file.split(/[\\/]/).slice(-1)[0]}:${r.line} ${r.code}`);

/** A trainer base class (engine.py): it builds `loss` and calls `self.model` in its training step. */
const ENGINE = (loss: string, judged: string) => `import torch
import torch.nn as nn
import torch.nn.functional as F


class Engine(object):
    def __init__(self, config):
        self.config = config
        self.opt = torch.optim.Adam(self.model.parameters(), lr=config['lr'])
        self.crit = ${loss}

    def train_single_batch(self, users, items, ratings):
        self.opt.zero_grad()
        pred = self.model(users, items)
        loss = ${judged}
        loss.backward()
        self.opt.step()
        return loss.item()

    def evaluate(self, users, items):
        self.model.eval()
        with torch.no_grad():
            return self.model(users, items)
`;
/** A recommender with a sigmoid output (line 11) and a subclass of the imported trainer `base` setting `self.model`. */
const RECOMMENDER = (imp: string, base: string) => `import torch
${imp}


class GMF(torch.nn.Module):
    def __init__(self, config):
        super(GMF, self).__init__()
        self.user = torch.nn.Embedding(config['users'], config['dim'])
        self.item = torch.nn.Embedding(config['items'], config['dim'])
        self.out = torch.nn.Linear(config['dim'], 1)
        self.logistic = torch.nn.Sigmoid()

    def forward(self, users, items):
        logits = self.out(self.user(users) * self.item(items))
        return self.logistic(logits)


class GMFEngine(${base}):
    def __init__(self, config):
        self.model = GMF(config)
        super(GMFEngine, self).__init__(config)
`;

type JoinRow = [name: string, files: Record<string, string>, expect: string[]];
const JOIN_ROWS: JoinRow[] = [
  ['softmax model, CrossEntropyLoss in train.py', { 'model.py': modelFile('Net', SOFTMAX), 'train.py': trainFile('from model import Net', 'Net()', 'nn.CrossEntropyLoss()') }, ['model.py:14 AL101']],
  ['softmax model, F.nll_loss in train.py', { 'model.py': modelFile('Net', SOFTMAX), 'train.py': trainFile('from model import Net', 'Net()', 'None', 'F.nll_loss(out, y)') }, ['model.py:14 AL102']],
  // the output normalized again in train.py: probabilities softmaxed twice (AL108), not AL102's "use log_softmax"
  ['softmax model, F.log_softmax of its output into F.nll_loss in train.py', { 'model.py': modelFile('Net', SOFTMAX), 'train.py': trainFile('from model import Net', 'Net()', 'None', 'F.nll_loss(F.log_softmax(out, dim=1), y)') }, ['model.py:14 AL108']],
  ['log_softmax model, F.softmax of its output into F.nll_loss (exact: no AL108; the NLL gets probabilities)', { 'model.py': modelFile('Net', LOG_SOFTMAX), 'train.py': trainFile('from model import Net', 'Net()', 'None', 'F.nll_loss(out.softmax(1), y)') }, []],
  // a torchvision model whose head the model file replaces at module level, imported as the instance
  ['resnet with a softmax head set at module level, `from model import model` and CrossEntropyLoss', { 'model.py': 'import torch\nimport torchvision.models as models\n\nmodel = models.resnet50(weights=None)\nmodel.fc = torch.nn.Sequential(torch.nn.Linear(2048, 2), torch.nn.Softmax(dim=1))\n', 'train.py': 'import torch\nfrom model import model\n\ncriterion = torch.nn.CrossEntropyLoss()\nfor x, y in []:\n    criterion(model(x), y).backward()\n' }, ['model.py:5 AL101']],
  ['the same head through `from model import *`', { 'model.py': 'import torch\nimport torchvision.models as models\n\nmodel = models.resnet50(weights=None)\nmodel.fc = torch.nn.Sequential(torch.nn.Linear(2048, 2), torch.nn.LogSoftmax(dim=1))\n', 'train.py': 'import torch\nfrom model import *\n\ncriterion = torch.nn.CrossEntropyLoss()\nfor x, y in []:\n    criterion(model(x), y).backward()\n' }, ['model.py:5 AL101']],
  ['a head the model file replaces again before anything imports it (silent)', { 'model.py': 'import torch\nimport torchvision.models as models\n\nmodel = models.resnet50(weights=None)\nmodel.fc = torch.nn.Sequential(torch.nn.Linear(2048, 2), torch.nn.Softmax(dim=1))\nmodel.fc = torch.nn.Linear(2048, 2)\n', 'train.py': 'import torch\nfrom model import model\n\ncriterion = torch.nn.CrossEntropyLoss()\nfor x, y in []:\n    criterion(model(x), y).backward()\n' }, []],
  ['sigmoid model, BCELoss', { 'model.py': modelFile('Net', SIGMOID), 'train.py': trainFile('from model import Net', 'Net(16, 1)', 'nn.BCELoss()') }, ['model.py:14 AL103']],
  ['sigmoid model, BCEWithLogitsLoss', { 'model.py': modelFile('Net', SIGMOID), 'train.py': trainFile('from model import Net', 'Net(16, 1)', 'nn.BCEWithLogitsLoss()') }, ['model.py:14 AL104']],
  ['sigmoid model, MSELoss', { 'model.py': modelFile('Net', SIGMOID), 'train.py': trainFile('from model import Net', 'Net(16, 1)', 'nn.MSELoss()') }, ['model.py:14 AL105']],
  // ratings from 1 to 5 (a graph recommender of session 25): the range was chosen for the targets
  ['sigmoid scaled to 1..5 in the model file, MSELoss in train.py (silent)', { 'model.py': modelFile('Net', (x) => `torch.sigmoid(${x}) * 4 + 1`), 'train.py': trainFile('from model import Net', 'Net(16, 1)', 'nn.MSELoss()') }, []],
  ['import model as M', { 'model.py': modelFile('Net', SOFTMAX), 'train.py': trainFile('import model as M', 'M.Net().to("cpu")', 'nn.CrossEntropyLoss()') }, ['model.py:14 AL101']],
  ['relative import from a package module', {
    'proj/__init__.py': '', 'proj/models/__init__.py': '', 'proj/models/net.py': modelFile('Net', SOFTMAX),
    'proj/train.py': trainFile('from .models.net import Net', 'Net()', 'nn.CrossEntropyLoss()'),
  }, ['net.py:14 AL101']],
  ['re-exported by the package __init__.py', {
    'proj/__init__.py': '', 'proj/models/__init__.py': 'from .net import Net\n', 'proj/models/net.py': modelFile('Net', SOFTMAX),
    'proj/train.py': trainFile('from proj.models import Net', 'Net()', 'nn.CrossEntropyLoss()'),
  }, ['net.py:14 AL101']],
  ['import pkg.module as m; m.Net()', {
    'proj/__init__.py': '', 'proj/models/__init__.py': '', 'proj/models/net.py': modelFile('Net', SOFTMAX),
    'run.py': trainFile('import proj.models.net as netmod', 'netmod.Net()', 'nn.CrossEntropyLoss()'),
  }, ['net.py:14 AL101']],
  ['from . import module; module.Net()', {
    'proj/__init__.py': '', 'proj/net.py': modelFile('Net', SOFTMAX),
    'proj/train.py': trainFile('from . import net as netmod', 'netmod.Net()', 'nn.CrossEntropyLoss()'),
  }, ['net.py:14 AL101']],
  ['from model import *', { 'model.py': modelFile('Net', SOFTMAX), 'train.py': trainFile('from model import *', 'Net()', 'nn.CrossEntropyLoss()') }, ['model.py:14 AL101']],
  ['from .models.net import * in a package', {
    'proj/__init__.py': '', 'proj/models/__init__.py': '', 'proj/models/net.py': modelFile('Net', SIGMOID),
    'proj/train.py': trainFile('from .models.net import *', 'Net(16, 1)', 'nn.BCELoss()'),
  }, ['net.py:14 AL103']],
  // `from model import *` also hands on the PyTorch names the model file imports (Python binds
  // every imported name in the module: `nn` is torch.nn in the importer too): the training file
  // may name its loss through them without importing torch itself, as the DCGAN scripts do.
  ['from model import *: nn.BCELoss through the nn the model file imported', {
    'model.py': modelFile('Net', SIGMOID),
    'train.py': 'from model import *\n\nnet = Net(16, 1)\ncriterion = nn.BCELoss()\nfor x, y in []:\n    criterion(net(x), y).backward()\n',
  }, ['model.py:14 AL103']],
  ['from model import *: F.cross_entropy through `from torch.nn import functional as F` of the model file, in a trainer class', {
    'nets.py': 'import torch\nfrom torch import nn\nfrom torch.nn import functional as F\n\n\nclass Classifier(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(8, 3)\n\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=-1)\n',
    'fit.py': 'from nets import *\n\n\nclass Trainer:\n    def run(self, loader):\n        clf = Classifier()\n        opt = torch.optim.SGD(clf.parameters(), lr=0.1)\n        for x, y in loader:\n            opt.zero_grad()\n            F.cross_entropy(clf(x), y).backward()\n            opt.step()\n',
  }, ['nets.py:12 AL101']],
  ['from model import *: the names listed in __all__ include nn', {
    'model.py': `__all__ = ['Net', 'nn']\n${modelFile('Net', SIGMOID)}`,
    'train.py': 'from model import *\n\nnet = Net(16, 1)\nfor x, y in []:\n    nn.BCELoss()(net(x), y).backward()\n',
  }, ['model.py:15 AL103']],
  ['from model import *: __all__ leaves nn out, so nn is not torch.nn in the importer (silent)', {
    'model.py': `__all__ = ['Net']\n${modelFile('Net', SIGMOID)}`,
    'train.py': 'from model import *\n\nnet = Net(16, 1)\nfor x, y in []:\n    nn.BCELoss()(net(x), y).backward()\n',
  }, []],
  ['from model import *: a private alias (_nn) is not handed on (silent)', {
    'model.py': `import torch\nimport torch.nn as _nn\n\n\nclass Net(_nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = _nn.Linear(16, 1)\n\n    def forward(self, x):\n        return torch.sigmoid(self.fc(x))\n`,
    'train.py': 'from model import *\n\nnet = Net()\nfor x, y in []:\n    _nn.BCELoss()(net(x), y).backward()\n',
  }, []],
  ['from model import *, then nn bound again by an import of another library (silent)', {
    'model.py': modelFile('Net', SIGMOID),
    'train.py': 'from model import *\nimport mylib.nn as nn\n\nnet = Net(16, 1)\nfor x, y in []:\n    nn.BCELoss()(net(x), y).backward()\n',
  }, []],
  ['a model built at module level and imported as it is', {
    'model.py': `${HEAD}classifier = nn.Sequential(nn.Linear(16, 4), nn.Softmax(dim=1))\n`,
    'train.py': `${HEAD}from model import classifier\n\ncriterion = nn.CrossEntropyLoss()\nfor x, y in []:\n    criterion(classifier(x), y).backward()\n`,
  }, ['model.py:5 AL101']],
  ['wrapped in nn.DataParallel', { 'model.py': modelFile('Net', SOFTMAX), 'train.py': trainFile('from model import Net', 'nn.DataParallel(Net()).to("cpu")', 'nn.CrossEntropyLoss()') }, ['model.py:14 AL101']],
  ['nn.Softmax last in a Sequential built by a factory', {
    'nets.py': `${HEAD}def make_classifier(d_in, n_classes):\n    return nn.Sequential(nn.Linear(d_in, 64), nn.ReLU(), nn.Linear(64, n_classes), nn.Softmax(dim=-1))\n`,
    'train.py': trainFile('from nets import make_classifier', 'make_classifier(16, 4)', 'nn.CrossEntropyLoss()'),
  }, ['nets.py:6 AL101']],
  ['the model handed to a training function', {
    'model.py': modelFile('Net', SOFTMAX),
    'train.py': `import torch.nn as nn\nfrom model import Net\n\n\ndef fit(net, loader, loss_fn):\n    for x, y in loader:\n        loss_fn(net(x), y).backward()\n\n\nfit(Net(), [], nn.CrossEntropyLoss())\n`,
  }, ['model.py:14 AL101']],
  ['a GAN: the discriminator\'s sigmoid feeds BCELoss; the generator\'s tanh only reaches it through the discriminator', {
    'gan_models.py': `${HEAD}class Generator(nn.Module):\n    def __init__(self, nz=64):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(nz, 256), nn.ReLU(True), nn.Linear(256, 784), nn.Tanh())\n\n    def forward(self, z):\n        return self.net(z)\n\n\nclass Discriminator(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(784, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1), nn.Sigmoid())\n\n    def forward(self, img):\n        return self.net(img)\n`,
    'gan_train.py': `${HEAD}from gan_models import Generator, Discriminator\n\nG, D = Generator(), Discriminator()\nadversarial = nn.BCELoss()\nfor real in []:\n    z = torch.randn(real.size(0), 64)\n    fake = G(z)\n    d_loss = adversarial(D(real), torch.ones(real.size(0), 1)) + adversarial(D(fake.detach()), torch.zeros(real.size(0), 1))\n    g_loss = adversarial(D(fake), torch.ones(real.size(0), 1))\n`,
  }, ['gan_models.py:17 AL103']],
  // A recommender of a real repository (session 25): a trainer base class in engine.py holds the
  // loss and calls `self.model`; each model file subclasses it and sets `self.model` to its own net.
  ['a trainer base class of another file calls self.model into BCELoss; the subclass sets self.model', {
    'engine.py': ENGINE('nn.BCELoss()', 'self.crit(pred.view(-1), ratings)'),
    'gmf.py': RECOMMENDER('from engine import Engine', 'Engine'),
  }, ['gmf.py:11 AL103']],
  ['the base class of another file applies BCEWithLogitsLoss to the sigmoid output', {
    'engine.py': ENGINE('nn.BCEWithLogitsLoss()', 'self.crit(pred.view(-1), ratings)'),
    'gmf.py': RECOMMENDER('from engine import Engine', 'Engine'),
  }, ['gmf.py:11 AL104']],
  ['the base class named through its module (import engine; class GMFEngine(engine.Engine)), F.binary_cross_entropy', {
    'engine.py': ENGINE('None', 'F.binary_cross_entropy(pred.view(-1), ratings)'),
    'gmf.py': RECOMMENDER('import engine', 'engine.Engine'),
  }, ['gmf.py:11 AL103']],
  ['the base class trains another attribute; self.model only predicts (silent)', {
    'engine.py': ENGINE('nn.BCELoss()', 'self.crit(self.head(users, items).view(-1), ratings)'),
    'gmf.py': RECOMMENDER('from engine import Engine', 'Engine'),
  }, []],
  ['the class imported but not subclassed: the model is only handed to a function of the file (silent)', {
    'engine.py': ENGINE('nn.BCELoss()', 'self.crit(pred.view(-1), ratings)'),
    'gmf.py': RECOMMENDER('from engine import Engine', 'object').replace('class GMFEngine(object):', 'class GMFEngine(object):\n    runner = Engine'),
  }, []],
  // A chess model's file (real code, session 25) keeps a loss function nothing calls; the training
  // script trains the model with its own loss: that loss, followed there, judges the sigmoid.
  ['a loss function of the model file nothing calls gives way to the loss train.py applies', {
    'model.py': `${modelFile('Net', SIGMOID)}\n\ndef loss_function(recon_x, x):\n    return F.binary_cross_entropy(recon_x, x)\n`,
    'train.py': trainFile('from model import Net', 'Net(16, 1)', 'nn.BCEWithLogitsLoss()'),
  }, ['model.py:14 AL104']],
  ['three files: main.py builds the model and hands it to train() of train.py, whose loss judges it', {
    'model.py': modelFile('Net', SOFTMAX),
    'train.py': `${HEAD}def train(model, loader, epochs=1):\n    criterion = nn.CrossEntropyLoss()\n    opt = torch.optim.SGD(model.parameters(), lr=0.1)\n    for _ in range(epochs):\n        for x, y in loader:\n            opt.zero_grad()\n            criterion(model(x), y).backward()\n            opt.step()\n`,
    'main.py': 'from model import Net\nfrom train import train\n\nif __name__ == "__main__":\n    net = Net()\n    train(net, [], epochs=3)\n',
  }, ['model.py:14 AL101']],
  ['three files, the model given by keyword to a training module imported as T', {
    'model.py': modelFile('Net', SIGMOID),
    'trainer.py': `${HEAD}def fit(loader, model=None):\n    for x, y in loader:\n        F.binary_cross_entropy(model(x), y).backward()\n`,
    'main.py': 'import model as M\nimport trainer as T\n\nT.fit([], model=M.Net(16, 1))\n',
  }, ['model.py:14 AL103']],
  ['three files: the training function\'s loss is a parameter default, main.py does not give it', {
    'model.py': modelFile('Net', SOFTMAX),
    'train.py': `${HEAD}def train(model, loader, opt, criterion=nn.NLLLoss()):\n    for x, y in loader:\n        opt.zero_grad()\n        criterion(model(x), y).backward()\n        opt.step()\n`,
    'main.py': 'import torch\nfrom model import Net\nfrom train import train\n\nnet = Net()\ntrain(net, [], torch.optim.SGD(net.parameters(), lr=0.1))\n',
  }, ['model.py:14 AL102']],
  ['three files: main.py gives its own loss by position: MSELoss judges (AL105), not the default NLLLoss (AL102)', {
    'model.py': modelFile('Net', SOFTMAX),
    'train.py': `${HEAD}def train(model, loader, opt, criterion=nn.NLLLoss()):\n    for x, y in loader:\n        opt.zero_grad()\n        criterion(model(x), y).backward()\n        opt.step()\n`,
    'main.py': 'import torch\nimport torch.nn as nn\nfrom model import Net\nfrom train import train\n\nnet = Net()\ntrain(net, [], torch.optim.SGD(net.parameters(), lr=0.1), nn.MSELoss())\n',
  }, ['model.py:14 AL105']],
  ['three files: main.py gives its own loss by keyword: MSELoss judges (AL105), not the default NLLLoss (AL102)', {
    'model.py': modelFile('Net', SOFTMAX),
    'train.py': `${HEAD}def train(model, loader, opt, criterion=nn.NLLLoss()):\n    for x, y in loader:\n        opt.zero_grad()\n        criterion(model(x), y).backward()\n        opt.step()\n`,
    'main.py': 'import torch\nimport torch.nn as nn\nfrom model import Net\nfrom train import train\n\nnet = Net()\ntrain(net, [], opt=torch.optim.SGD(net.parameters(), lr=0.1), criterion=nn.MSELoss())\n',
  }, ['model.py:14 AL105']],
  ['three files: main.py spreads its settings into the call, the default may not hold (silent)', {
    'model.py': modelFile('Net', SOFTMAX),
    'train.py': `${HEAD}def train(model, loader, opt, criterion=nn.NLLLoss()):\n    for x, y in loader:\n        opt.zero_grad()\n        criterion(model(x), y).backward()\n        opt.step()\n`,
    'main.py': 'import torch\nimport torch.nn as nn\nfrom model import Net\nfrom train import train\n\nnet = Net()\nsettings = {"opt": torch.optim.SGD(net.parameters(), lr=0.1), "criterion": nn.MSELoss()}\ntrain(net, [], **settings)\n',
  }, []],
  ['three files: main.py gives its loss to a Trainer class of trainer.py, which keeps it on self', {
    'model.py': modelFile('Net', SOFTMAX),
    'trainer.py': `class Trainer:\n    def __init__(self, model, loss_fn, optimizer=None):\n        self.model = model\n        self.loss_fn = loss_fn\n        self.optimizer = optimizer\n\n    def fit(self, loader):\n        for x, y in loader:\n            loss = self.loss_fn(self.model(x), y)\n            loss.backward()\n`,
    'main.py': 'import torch.nn as nn\nfrom model import Net\nfrom trainer import Trainer\n\nTrainer(Net(), nn.CrossEntropyLoss()).fit([])\n',
  }, ['model.py:14 AL101']],
  ['three files: the Trainer is given the loss by keyword, through a variable', {
    'model.py': modelFile('Net', SIGMOID),
    'trainer.py': `class Trainer:\n    def __init__(self, model, loss_fn, optimizer=None):\n        self.model = model\n        self.loss_fn = loss_fn\n        self.optimizer = optimizer\n\n    def fit(self, loader):\n        for x, y in loader:\n            loss = self.loss_fn(self.model(x), y)\n            loss.backward()\n`,
    'main.py': 'import torch.nn as nn\nfrom model import Net\nfrom trainer import Trainer\n\nobjective = nn.BCELoss()\ntrainer = Trainer(model=Net(16, 1), loss_fn=objective)\ntrainer.fit([])\n',
  }, ['model.py:14 AL103']],
  ['three files: the Trainer is given the loss the model is right for (silent)', {
    'model.py': modelFile('Net', LOG_SOFTMAX),
    'trainer.py': `class Trainer:\n    def __init__(self, model, loss_fn, optimizer=None):\n        self.model = model\n        self.loss_fn = loss_fn\n        self.optimizer = optimizer\n\n    def fit(self, loader):\n        for x, y in loader:\n            loss = self.loss_fn(self.model(x), y)\n            loss.backward()\n`,
    'main.py': 'import torch.nn as nn\nfrom model import Net\nfrom trainer import Trainer\n\nTrainer(Net(), nn.NLLLoss()).fit([])\n',
  }, []],
  ['three files: main.py builds the model and the loss and hands both to fit() of utils.py', {
    'model.py': modelFile('Net', SIGMOID),
    'utils.py': `def fit(model, loader, loss_fn, opt):\n    for x, y in loader:\n        opt.zero_grad()\n        pred = model(x)\n        loss_fn(pred, y).backward()\n        opt.step()\n`,
    'main.py': 'import torch\nimport torch.nn as nn\nfrom model import Net\nfrom utils import fit\n\nnet = Net(16, 1)\ncriterion = nn.BCELoss()\nfit(net, [], criterion, torch.optim.Adam(net.parameters()))\n',
  }, ['model.py:14 AL103']],
  ['three files: the training function comes from a star import (from utils import *) and is given the model and the loss', {
    'model.py': modelFile('Net', SIGMOID),
    'utils.py': `import torch\n\n\ndef train(model, loader, criterion, optimizer):\n    model.train()\n    for x, y in loader:\n        optimizer.zero_grad()\n        loss = criterion(model(x), y)\n        loss.backward()\n        optimizer.step()\n`,
    'main.py': 'import torch\nfrom model import Net\nfrom utils import *\n\nnet = Net(16, 1)\ncriterion = torch.nn.BCELoss()\nopt = torch.optim.Adam(net.parameters())\nfor epoch in range(3):\n    train(net, [], criterion, opt)\n',
  }, ['model.py:14 AL103']],
  ['three files: a star-imported module that does not define the function called (silent)', {
    'model.py': modelFile('Net', SIGMOID),
    'utils.py': `import torch\n\n\ndef accuracy(pred, y):\n    return (pred.round() == y).float().mean()\n`,
    'main.py': 'import torch\nfrom model import Net\nfrom utils import *\nfrom loops import train\n\nnet = Net(16, 1)\ntrain(net, [], torch.nn.BCELoss())\n',
  }, []],
  ['three files: the called name is bound by an explicit import of a library, not the starred file (silent)', {
    'model.py': modelFile('Net', SIGMOID),
    'utils.py': `def train(model, loader, criterion):\n    for x, y in loader:\n        criterion(model(x), y).backward()\n`,
    'main.py': 'import torch\nfrom model import Net\nfrom utils import *\nfrom trainlib import train\n\nnet = Net(16, 1)\ntrain(net, [], torch.nn.BCELoss())\n',
  }, []],
  ['three files: the loss handed over is chosen at run time (silent)', {
    'model.py': modelFile('Net', LOG_SOFTMAX),
    'utils.py': `def fit(model, loader, loss_fn, opt):\n    for x, y in loader:\n        opt.zero_grad()\n        pred = model(x)\n        loss_fn(pred, y).backward()\n        opt.step()\n`,
    'main.py': 'import sys\nimport torch\nimport torch.nn as nn\nfrom model import Net\nfrom utils import fit\n\nnet = Net()\ncriterion = nn.CrossEntropyLoss() if sys.argv[1:] else nn.NLLLoss()\nfit(net, [], criterion, torch.optim.Adam(net.parameters()))\n',
  }, []],
  ['three files: the training function replaces the loss it is given (silent)', {
    'model.py': modelFile('Net', LOG_SOFTMAX),
    'utils.py': `def fit(model, loader, loss_fn, opt):\n    import torch.nn as nn\n    loss_fn = nn.NLLLoss()\n    for x, y in loader:\n        loss_fn(model(x), y).backward()\n`,
    'main.py': 'import torch\nimport torch.nn as nn\nfrom model import Net\nfrom utils import fit\n\nnet = Net()\nfit(net, [], nn.CrossEntropyLoss(), torch.optim.Adam(net.parameters()))\n',
  }, []],
  // A DCGAN of three modules (real code, session 17): main.py hands the discriminator and the loss to
  // train_gan() of training.py, which hands both on to d_loss() of losses.py, where they meet.
  ['four files: the model and the loss handed on twice, meeting in the third function', {
    'models.py': modelFile('Disc', SIGMOID),
    'losses.py': `${HEAD}def d_loss(disc, real, criterion):\n    out = disc(real).view(-1)\n    return criterion(out, torch.ones(out.size(0)))\n`,
    'training.py': `import torch\nfrom losses import d_loss\n\n\ndef train_gan(loader, netD, criterion, opt):\n    for real, _ in loader:\n        opt.zero_grad()\n        d_loss(netD, real, criterion).backward()\n        opt.step()\n`,
    'main.py': 'import torch\nimport torch.nn as nn\nfrom models import Disc\nfrom training import train_gan\n\nnetD = Disc(16, 1)\ntrain_gan([], netD, nn.BCELoss(), torch.optim.Adam(netD.parameters()))\n',
  }, ['models.py:14 AL103']],
  ['four files: the loss built by a function of losses.py that main.py imports (criterion = get_criterion())', {
    'models.py': modelFile('Disc', SIGMOID),
    'losses.py': `${HEAD}def get_criterion():\n    return nn.BCELoss()\n`,
    'training.py': `def train_gan(loader, netD, criterion):\n    for real, y in loader:\n        criterion(netD(real).view(-1), y).backward()\n`,
    'main.py': 'from models import Disc\nfrom training import train_gan\nfrom losses import get_criterion\n\nnetD = Disc(16, 1)\ncriterion = get_criterion()\ntrain_gan([], netD, criterion)\n',
  }, ['models.py:14 AL103']],
  // A GRU sentiment classifier of a real repository (session 23): the script hands the model and the
  // loss to epoch() of a helper file, which hands both to step() beside it, where they meet.
  ['three files: the training function hands the model and the loss on to a function of its own file', {
    'model.py': modelFile('Net', SOFTMAX),
    'helpers.py': `def step(net, crit, x, y):\n    loss = crit(net(x), y)\n    loss.backward()\n    return loss\n\n\ndef epoch(net, crit, data):\n    for x, y in data:\n        step(net, crit, x, y)\n`,
    'main.py': 'import torch.nn as nn\nfrom model import Net\nfrom helpers import epoch\n\nepoch(Net(), nn.CrossEntropyLoss(), [])\n',
  }, ['model.py:14 AL101']],
  ['three files: handed on within the helper file, the loss the model is right for (silent)', {
    'model.py': modelFile('Net', LOG_SOFTMAX),
    'helpers.py': `def step(net, crit, x, y):\n    return crit(net(x), y)\n\n\ndef epoch(net, crit, data):\n    for x, y in data:\n        step(net, crit, x, y).backward()\n`,
    'main.py': 'import torch.nn as nn\nfrom model import Net\nfrom helpers import epoch\n\nepoch(Net(), nn.NLLLoss(), [])\n',
  }, []],
  // the same class imported twice, from its module and through the package (set F of session 29, a BERT emotion classifier)
  ['a class imported from its module and again through the package that re-exports it: one definition, joined', {
    'models/__init__.py': 'from .net import Net\n',
    'models/net.py': modelFile('Net', SIGMOID),
    'train.py': trainFile('from models.net import Net\nfrom models import Net', 'Net(16, 1)', 'nn.BCELoss()'),
  }, ['net.py:14 AL103']],
  ['one name imported from two modules defining different classes: which one the script trains is not read (silent)', {
    'models/__init__.py': 'from .net import Net\n',
    'models/net.py': modelFile('Net', SIGMOID),
    'models/other.py': modelFile('Net', SIGMOID),
    'train.py': trainFile('from models.net import Net\nfrom models.other import Net', 'Net(16, 1)', 'nn.BCELoss()'),
  }, []],
  ['a package: the model and the training function both imported from its __init__.py, which re-exports them', {
    'utils/__init__.py': 'from .model import Net\nfrom .helpers import epoch, step\n',
    'utils/model.py': modelFile('Net', SIGMOID),
    'utils/helpers.py': `def step(net, crit, x, y):\n    crit(net(x), y).backward()\n\n\ndef epoch(net, crit, data):\n    for x, y in data:\n        step(net, crit, x, y)\n`,
    'train.py': 'import torch.nn as nn\nfrom utils import Net, epoch\n\nnet = Net(16, 1)\nepoch(net, nn.BCELoss(), [])\n',
  }, ['model.py:14 AL103']],
  // a training function in the model's own file, given the loss by a script (set F of session 29, a toxic-comment classifier)
  ['the training function in the model\'s own file, given the loss by the script', {
    'model.py': `${modelFile('Net', SIGMOID)}\n\ndef train_epoch(model, loader, criterion):\n    for x, y in loader:\n        criterion(model(x), y).backward()\n`,
    'run.py': 'import torch.nn as nn\nfrom model import Net, train_epoch\n\nnet = Net(16, 1)\ntrain_epoch(net, [], nn.BCELoss())\n',
  }, ['model.py:14 AL103']],
  // a factory choosing the architecture by a name the script reads at run time (set F of session 29, a toxicity classifier)
  ['a model factory choosing by a name, its arms returning models, a raise after them: each arm\'s model meets the loss', {
    'model.py': `${modelFile('Net', SIGMOID)}\n\nclass Wide(Net):\n    pass\n\n\ndef get_model(name):\n    if name == 'net':\n        return Net(16, 1)\n    elif name == 'wide':\n        return Wide(16, 1)\n    raise ValueError(name)\n`,
    'train.py': 'import sys\nimport torch.nn as nn\nfrom model import get_model\n\nmodel = get_model(sys.argv[1])\ncriterion = nn.BCELoss()\nfor x, y in []:\n    criterion(model(x), y).backward()\n',
  }, ['model.py:14 AL103']],
  // a head built under an `if` on the constructor's arguments (set F of session 29): the other file's call says which arm
  ['a head chosen by a constructor argument the script gives as a literal: that arm\'s sigmoid meets the loss', {
    'nets.py': HEADED,
    'train.py': trainFile('from nets import Net', 'Net(32, 6, extra=16)', 'nn.BCELoss()'),
  }, ['nets.py:10 AL103']],
  ['a head chosen by a constructor argument the script leaves at its default: the else arm', {
    'nets.py': HEADED,
    'train.py': trainFile('from nets import Net', 'Net(32, 6)', 'nn.BCELoss()'),
  }, ['nets.py:12 AL103']],
  ['a head chosen by a value read at run time, both arms ending in a sigmoid: both meet the loss', {
    'nets.py': HEADED,
    'train.py': trainFile('import sys\nfrom nets import Net', 'Net(32, 6, extra=int(sys.argv[1]))', 'nn.BCELoss()'),
  }, ['nets.py:10 AL103', 'nets.py:12 AL103']],
  ['the head by the number of classes: one class given, the sigmoid meets BCELoss', {
    'heads.py': BY_CLASSES,
    'train.py': trainFile('from heads import Clf', 'Clf(1)', 'nn.BCELoss()'),
  }, ['heads.py:11 AL103']],
  ['the head by the number of classes: ten by keyword, the softmax meets CrossEntropyLoss', {
    'heads.py': BY_CLASSES,
    'train.py': trainFile('from heads import Clf', 'Clf(n_classes=10)', 'nn.CrossEntropyLoss()'),
  }, ['heads.py:13 AL101']],
  ['the head by the number of classes, read at run time: the arms differ, which one runs is not known (silent)', {
    'heads.py': BY_CLASSES,
    'train.py': trainFile('import sys\nfrom heads import Clf', 'Clf(int(sys.argv[1]))', 'nn.CrossEntropyLoss()'),
  }, []],
  ['the head by the number of classes, given through **config: not known (silent)', {
    'heads.py': BY_CLASSES,
    'train.py': trainFile('from heads import Clf\ncfg = {"n_classes": 10}', 'Clf(**cfg)', 'nn.CrossEntropyLoss()'),
  }, []],
  ['a prediction layer built inside the model with its default task: the model\'s own file decides, the script trains it', {
    'core.py': `${HEAD}class Prediction(nn.Module):\n    def __init__(self, task='binary'):\n        super().__init__()\n        if task == 'binary':\n            self.fn = nn.Sigmoid()\n        elif task == 'regression':\n            self.fn = nn.Identity()\n        else:\n            raise ValueError(task)\n\n    def forward(self, x):\n        return self.fn(x)\n\n\nclass CTR(nn.Module):\n    def __init__(self, n):\n        super().__init__()\n        self.linear = nn.Linear(n, 1)\n        self.pred = Prediction()\n\n    def forward(self, x):\n        return self.pred(self.linear(x))\n`,
    'train.py': trainFile('from core import CTR', 'CTR(20)', 'nn.BCELoss()'),
  }, ['core.py:9 AL103']],
  ['a model factory testing the name lowered: the script\'s literal picks the arm', {
    'zoo.py': `${modelFile('Net', SIGMOID)}\n\nclass Soft(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(16, 4)\n\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=1)\n\n\ndef get_model(name):\n    if name.lower() == 'net':\n        return Net(16, 1)\n    elif name.lower() == 'soft':\n        return Soft()\n    raise ValueError(name)\n`,
    'train.py': trainFile('from zoo import get_model', 'get_model("Soft")', 'nn.CrossEntropyLoss()'),
  }, ['zoo.py:23 AL101']],
  // the factory in a file of its own, importing the classes it builds (set A of session 30, a federated-learning repo)
  ['a model factory in the package\'s __init__.py building an imported class: the script\'s model is that class', {
    'models/__init__.py': 'from .mlp import Net\n\n\ndef get_model(name):\n    if name == "mlp":\n        return Net(16, 4)\n    raise ValueError(name)\n',
    'models/mlp.py': modelFile('Net', SOFTMAX),
    'train.py': trainFile('import sys\nfrom models import get_model', 'get_model(sys.argv[1])', 'nn.CrossEntropyLoss()'),
  }, ['mlp.py:14 AL101']],
  ['a model factory in a file of its own, the arms binding one name, an exit for the rest, choosing by args.model', {
    'nets.py': `${modelFile('Soft', SOFTMAX)}\n\n${modelFile('Plain', NONE).slice(HEAD.length)}`,
    'get_models.py': 'from nets import Plain, Soft\n\n\ndef get_model(args):\n    if args.model == "soft":\n        net = Soft()\n    elif args.model == "plain":\n        net = Plain()\n    else:\n        exit("unknown model")\n    return net.to(args.device)\n',
    'train.py': trainFile('import argparse\nfrom get_models import get_model', 'get_model(argparse.ArgumentParser().parse_args())', 'nn.CrossEntropyLoss()'),
  }, ['nets.py:14 AL101']],
  ['a model factory in a file of its own, the script asking by a literal for the class without the softmax (silent)', {
    'nets.py': `${modelFile('Soft', SOFTMAX)}\n\n${modelFile('Plain', NONE).slice(HEAD.length)}`,
    'zoo.py': 'from nets import Plain, Soft\n\n\ndef build(kind="soft"):\n    if kind == "soft":\n        return Soft()\n    return Plain()\n',
    'train.py': trainFile('from zoo import build', 'build("plain")', 'nn.CrossEntropyLoss()'),
  }, []],
  ['a model factory whose arm calls a function of its file, not a class: which arm runs stays unknown (silent)', {
    'model.py': `${modelFile('Net', SIGMOID)}\n\ndef pretrained():\n    return Net(16, 1)\n\n\ndef get_model(name):\n    if name == 'net':\n        return pretrained()\n    return nn.Linear(16, 1)\n`,
    'train.py': 'import sys\nimport torch.nn as nn\nfrom model import get_model\n\nmodel = get_model(sys.argv[1])\ncriterion = nn.BCELoss()\nfor x, y in []:\n    criterion(model(x), y).backward()\n',
  }, []],
  ['the training function in the model\'s own file names its own loss: that file tells it (no cross-file finding)', {
    'model.py': `${modelFile('Net', SIGMOID)}\n\ndef train_epoch(model, loader):\n    criterion = nn.BCELoss()\n    for x, y in loader:\n        criterion(model(x), y).backward()\n`,
    'run.py': 'from model import Net, train_epoch\n\ntrain_epoch(Net(16, 1), [])\n',
  }, []],
  ['the training function in the model\'s own file, given the loss the model is right for (silent)', {
    'model.py': `${modelFile('Net', LOG_SOFTMAX)}\n\ndef train_epoch(model, loader, criterion):\n    for x, y in loader:\n        criterion(model(x), y).backward()\n`,
    'run.py': 'import torch.nn as nn\nfrom model import Net, train_epoch\n\ntrain_epoch(Net(), [], nn.NLLLoss())\n',
  }, []],
  ['four files: handed on twice, the loss the model is right for (silent)', {
    'models.py': modelFile('Net', LOG_SOFTMAX),
    'losses.py': `${HEAD}def step_loss(net, x, y, criterion):\n    return criterion(net(x), y)\n`,
    'training.py': `from losses import step_loss\n\n\ndef fit(loader, net, criterion):\n    for x, y in loader:\n        step_loss(net, x, y, criterion).backward()\n`,
    'main.py': 'import torch.nn as nn\nfrom models import Net\nfrom training import fit\n\nfit([], Net(), nn.NLLLoss())\n',
  }, []],
  ['four files: an imported factory choosing the loss by its argument (silent)', {
    'models.py': modelFile('Net', SOFTMAX),
    'losses.py': `${HEAD}def make_loss(kind):\n    if kind == "nll":\n        return nn.NLLLoss()\n    return nn.MSELoss()\n`,
    'training.py': `def fit(loader, net, criterion):\n    for x, y in loader:\n        criterion(net(x), y).backward()\n`,
    'main.py': 'from models import Net\nfrom training import fit\nfrom losses import make_loss\n\nfit([], Net(), make_loss("nll"))\n',
  }, []],
  ['the model file builds its instance; the training file imports it and moves it to the device', {
    'model.py': `${modelFile('Net', LOG_SOFTMAX)}\n\nnet = Net()\n`,
    'train.py': 'import torch\nimport torch.nn as nn\nfrom model import net\n\ndevice = torch.device("cpu")\nmodel = net.to(device)\ncriterion = nn.CrossEntropyLoss()\nfor x, y in []:\n    criterion(model(x.to(device)), y).backward()\n',
  }, ['model.py:14 AL101']],
  ['the imported instance, put in training mode and called where it is', {
    'model.py': `${modelFile('Net', LOG_SOFTMAX)}\n\nnet = Net()\n`,
    'train.py': 'import torch.nn as nn\nfrom model import net\n\nnet.train()\nloss_fn = nn.CrossEntropyLoss()\nfor x, y in []:\n    loss_fn(net(x), y).backward()\n',
  }, ['model.py:14 AL101']],
  ['the imported instance moved to the device, a layer of the training file between (silent)', {
    'model.py': `${modelFile('Net', LOG_SOFTMAX)}\n\nnet = Net()\n`,
    'train.py': 'import torch.nn as nn\nfrom model import net\n\nmodel = net.cuda()\nhead = nn.Linear(4, 2)\nloss_fn = nn.CrossEntropyLoss()\nfor x, y in []:\n    loss_fn(head(model(x)), y).backward()\n',
  }, []],
  // a settings module builds the model and the loss; the training script takes both with a star import
  ['three files: model and loss built in a settings module, star-imported by the training script', {
    'model.py': modelFile('Net', SIGMOID),
    'config.py': 'from torch import nn, optim\nfrom model import Net\n\nmodel = Net(16, 1)\ncriterion = nn.BCELoss()\noptimizer = optim.Adam(model.parameters(), lr=1e-3)\nepochs = 5\n',
    'train.py': 'import torch\nfrom config import *\n\n\ndef run(loader):\n    for _ in range(epochs):\n        for x, y in loader:\n            optimizer.zero_grad()\n            out = model(x.float())\n            loss = criterion(out, y.float().view(-1, 1))\n            loss.backward()\n            optimizer.step()\n',
  }, ['model.py:14 AL103']],
  ['three files: the settings module builds the model with `models.Net(…).to(device)`, the loss by its full name', {
    'models.py': modelFile('Net', SOFTMAX),
    'settings.py': 'import torch\nimport models\n\ndevice = torch.device("cpu")\nnet = models.Net().to(device)\nloss_fn = torch.nn.CrossEntropyLoss()\n',
    'main.py': 'from settings import *\n\nfor x, y in []:\n    loss_fn(net(x), y).backward()\n',
  }, ['models.py:14 AL101']],
  ['three files: the settings module\'s loss is right for the model (silent)', {
    'model.py': modelFile('Net', LOG_SOFTMAX),
    'config.py': 'from torch import nn\nfrom model import Net\n\nmodel = Net()\ncriterion = nn.NLLLoss()\n',
    'train.py': 'from config import *\n\nfor x, y in []:\n    criterion(model(x), y).backward()\n',
  }, []],
  ['three files: the settings module builds its model twice, under a condition (silent)', {
    'model.py': modelFile('Net', SOFTMAX),
    'other.py': modelFile('Other', NONE),
    'config.py': 'import sys\nfrom torch import nn\nfrom model import Net\nfrom other import Other\n\nmodel = Net()\nif sys.argv[1:] == ["other"]:\n    model = Other()\ncriterion = nn.CrossEntropyLoss()\n',
    'train.py': 'from config import *\n\nfor x, y in []:\n    criterion(model(x), y).backward()\n',
  }, []],
  ['three files: the settings module\'s loss is chosen at run time (silent)', {
    'model.py': modelFile('Net', SOFTMAX),
    'config.py': 'import sys\nfrom torch import nn\nfrom model import Net\n\nmodel = Net()\nif sys.argv[1:] == ["nll"]:\n    criterion = nn.NLLLoss()\nelse:\n    criterion = nn.CrossEntropyLoss()\n',
    'train.py': 'from config import *\n\nfor x, y in []:\n    criterion(model(x), y).backward()\n',
  }, []],
  ['three files: the training script builds its own loss, and a layer between (silent)', {
    'model.py': modelFile('Net', SOFTMAX),
    'config.py': 'from torch import nn\nfrom model import Net\n\nbackbone = Net()\n',
    'train.py': 'import torch.nn as nn\nfrom config import *\n\nhead = nn.Linear(4, 2)\ncriterion = nn.CrossEntropyLoss()\nfor x, y in []:\n    criterion(head(backbone(x)), y).backward()\n',
  }, []],
  // imported by name: the loss instance another file builds
  ['three files: the model class from model.py, the loss instance from losses.py, both imported by name', {
    'model.py': modelFile('Net', SIGMOID),
    'losses.py': 'from torch import nn\n\nobjective = nn.BCELoss()\n',
    'fit.py': 'from model import Net\nfrom losses import objective\n\nnet = Net(16, 1)\nfor x, y in []:\n    objective(net(x), y).backward()\n',
  }, ['model.py:14 AL103']],
  ['three files: model and loss instances imported by name from a settings module, the loss under another name', {
    'model.py': modelFile('Net', SOFTMAX),
    'config.py': 'import torch.nn as nn\nfrom model import Net\n\nmodel = Net()\ncriterion = nn.CrossEntropyLoss(label_smoothing=0.1)\n',
    'train.py': 'from config import model, criterion as loss_fn\n\nfor x, y in []:\n    loss_fn(model(x), y).backward()\n',
  }, ['model.py:14 AL101']],
  ['three files: the imported loss instance is right for the model (silent)', {
    'model.py': modelFile('Net', LOG_SOFTMAX),
    'losses.py': 'import torch\n\ncriterion = torch.nn.NLLLoss()\n',
    'train.py': 'from model import Net\nfrom losses import criterion\n\nnet = Net()\nfor x, y in []:\n    criterion(net(x), y).backward()\n',
  }, []],
  ['three files: the imported name is built under a condition, not at the top level (silent)', {
    'model.py': modelFile('Net', SOFTMAX),
    'losses.py': 'import os\nfrom torch import nn\n\nif os.environ.get("LOSS") == "ce":\n    criterion = nn.CrossEntropyLoss()\n',
    'train.py': 'from model import Net\nfrom losses import criterion\n\nnet = Net()\nfor x, y in []:\n    criterion(net(x), y).backward()\n',
  }, []],
  ['three files: the imported name is a function of the other file, not a loss instance (silent)', {
    'model.py': modelFile('Net', SOFTMAX),
    'metrics.py': 'import torch\n\n\ndef criterion(p, y):\n    return (p.argmax(1) == y).float().mean()\n',
    'train.py': 'from model import Net\nfrom metrics import criterion\n\nnet = Net()\nfor x, y in []:\n    print(criterion(net(x), y))\n',
  }, []],
  ['three files: the loss built by a function of losses.py the training script imports by name (crit = make_loss())', {
    'model.py': modelFile('Net', SOFTMAX),
    'losses.py': 'import torch.nn as nn\n\n\ndef make_loss(smoothing=0.0):\n    return nn.CrossEntropyLoss(label_smoothing=smoothing)\n',
    'train.py': 'from model import Net\nfrom losses import make_loss\n\nmodel = Net()\ncrit = make_loss(0.1)\nfor x, y in []:\n    crit(model(x), y).backward()\n',
  }, ['model.py:14 AL101']],
  ['three files: the imported function chooses the loss by its argument (silent)', {
    'model.py': modelFile('Net', SOFTMAX),
    'losses.py': 'import torch.nn as nn\n\n\ndef get_loss(name):\n    if name == "ce":\n        return nn.CrossEntropyLoss()\n    return nn.MSELoss()\n',
    'train.py': 'from model import Net\nfrom losses import get_loss\n\nmodel = Net()\ncrit = get_loss("mse")\nfor x, y in []:\n    crit(model(x), y).backward()\n',
  }, []],
  ['three files: a loss-wrapper class of losses.py the training script imports by name (crit = WrappedCE())', {
    'model.py': modelFile('Net', SOFTMAX),
    'losses.py': 'import torch.nn as nn\n\n\nclass WrappedCE(nn.Module):\n    def __init__(self, smoothing=0.0):\n        super().__init__()\n        self.inner = nn.CrossEntropyLoss(label_smoothing=smoothing)\n\n    def forward(self, logits, target):\n        return self.inner(logits, target)\n',
    'train.py': 'from model import Net\nfrom losses import WrappedCE\n\nmodel = Net()\ncrit = WrappedCE(0.1)\nfor x, y in []:\n    crit(model(x), y).backward()\n',
  }, ['model.py:14 AL101']],
  ['three files: the imported wrapper calls F.cross_entropy in its forward, and hands a training function the instance', {
    'model.py': modelFile('Net', SOFTMAX),
    'losses.py': 'import torch.nn as nn\nimport torch.nn.functional as F\n\n\nclass SmoothCE(nn.Module):\n    def __init__(self, eps=0.1):\n        super().__init__()\n        self.eps = eps\n\n    def forward(self, pred, target):\n        return F.cross_entropy(pred, target, label_smoothing=self.eps)\n',
    'train.py': 'import torch\nfrom model import Net\nfrom losses import SmoothCE\n\n\ndef fit(net, crit, loader):\n    for x, y in loader:\n        crit(net(x), y).backward()\n\n\nfit(Net(), SmoothCE(), [])\n',
  }, ['model.py:14 AL101']],
  ['three files: the imported wrapper logs the probabilities itself before NLLLoss (silent)', {
    'model.py': modelFile('Net', SOFTMAX),
    'losses.py': 'import torch\nimport torch.nn as nn\n\n\nclass ProbNLL(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.nll = nn.NLLLoss()\n\n    def forward(self, probs, target):\n        return self.nll(torch.log(probs + 1e-8), target)\n',
    'train.py': 'from model import Net\nfrom losses import ProbNLL\n\nmodel = Net()\ncrit = ProbNLL()\nfor x, y in []:\n    crit(model(x), y).backward()\n',
  }, []],
  ['three files: the imported wrapper takes the target first (silent: the model\'s output is not the loss\'s input there)', {
    'model.py': modelFile('Net', SOFTMAX),
    'losses.py': 'import torch.nn as nn\n\n\nclass TargetFirst(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.inner = nn.CrossEntropyLoss()\n\n    def forward(self, target, logits):\n        return self.inner(logits, target)\n',
    'train.py': 'from model import Net\nfrom losses import TargetFirst\n\nmodel = Net()\ncrit = TargetFirst()\nfor x, y in []:\n    crit(y, model(x)).backward()\n',
  }, []],
  ['three files: the imported wrapper chooses between two losses (silent)', {
    'model.py': modelFile('Net', SOFTMAX),
    'losses.py': 'import torch.nn as nn\n\n\nclass Either(nn.Module):\n    def __init__(self, kind="ce"):\n        super().__init__()\n        self.kind = kind\n        self.ce = nn.CrossEntropyLoss()\n        self.nll = nn.NLLLoss()\n\n    def forward(self, out, target):\n        if self.kind == "ce":\n            return self.ce(out, target)\n        return self.nll(out, target)\n',
    'train.py': 'from model import Net\nfrom losses import Either\n\nmodel = Net()\ncrit = Either("nll")\nfor x, y in []:\n    crit(model(x), y).backward()\n',
  }, []],
  ['three files: the imported class is a model with a head of its own, not a wrapper (silent)', {
    'model.py': modelFile('Net', SOFTMAX),
    'losses.py': 'import torch.nn as nn\n\n\nclass HeadLoss(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.head = nn.Linear(4, 2)\n        self.inner = nn.CrossEntropyLoss()\n\n    def forward(self, feats, target):\n        return self.inner(self.head(feats), target)\n',
    'train.py': 'from model import Net\nfrom losses import HeadLoss\n\nmodel = Net()\ncrit = HeadLoss()\nfor x, y in []:\n    crit(model(x), y).backward()\n',
  }, []],
  ['three files: the training function puts a layer between (silent)', {
    'model.py': modelFile('Net', SOFTMAX),
    'train.py': `${HEAD}def train(backbone, loader):\n    head = nn.Linear(4, 2)\n    for x, y in loader:\n        F.cross_entropy(head(backbone(x)), y).backward()\n`,
    'main.py': 'from model import Net\nfrom train import train\n\ntrain(Net(), [])\n',
  }, []],
  // silent rows
  ['logits model, CrossEntropyLoss (silent)', { 'model.py': modelFile('Net', NONE), 'train.py': trainFile('from model import Net', 'Net()', 'nn.CrossEntropyLoss()') }, []],
  ['log_softmax + NLLLoss across files (silent)', { 'model.py': modelFile('Net', LOG_SOFTMAX), 'train.py': trainFile('from model import Net', 'Net()', 'nn.NLLLoss()') }, []],
  ['softmax model, its log taken in train.py before NLLLoss (silent)', { 'model.py': modelFile('Net', SOFTMAX), 'train.py': trainFile('from model import Net', 'Net()', 'nn.NLLLoss()', 'criterion(torch.log(out + 1e-8), y)') }, []],
  ['output used for argmax and sampling only (silent)', {
    'model.py': modelFile('Net', SOFTMAX),
    'predict.py': 'import torch\nfrom model import Net\n\nnet = Net()\nloss_fn = torch.nn.CrossEntropyLoss()\nprobs = net(torch.randn(2, 16))\npred = probs.argmax(dim=1)\nsample = torch.multinomial(probs, 1)\n',
  }, []],
  ['the loss fed by a different model (silent)', {
    'model.py': modelFile('Net', SOFTMAX),
    'train.py': `${HEAD}from model import Net\n\nteacher = Net()\nstudent = nn.Linear(16, 4)\ncriterion = nn.CrossEntropyLoss()\nfor x, y in []:\n    with torch.no_grad():\n        hint = teacher(x).argmax(1)\n    criterion(student(x), hint).backward()\n`,
  }, []],
  ['a layer between the imported model and the loss (silent)', {
    'model.py': modelFile('Net', SOFTMAX),
    'train.py': `${HEAD}from model import Net\n\nbackbone = Net()\nhead = nn.Linear(4, 2)\ncriterion = nn.CrossEntropyLoss()\nfor x, y in []:\n    criterion(head(backbone(x)), y).backward()\n`,
  }, []],
  ['the imported name shadowed by a class of the file (silent)', {
    'model.py': modelFile('Net', SOFTMAX),
    'train.py': `${HEAD}from model import Net\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(16, 4)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\nnet = Net()\nF.cross_entropy(net(torch.randn(2, 16)), torch.zeros(2, dtype=torch.long))\n`,
  }, []],
  ['the imported name shadowed by a parameter (silent)', {
    'model.py': modelFile('Net', SOFTMAX),
    'train.py': `${HEAD}from model import Net\n\n\ndef run(Net, x, y):\n    return F.cross_entropy(Net()(x), y)\n`,
  }, []],
  ['the same class name in two packages: only the imported one', {
    'a/__init__.py': '', 'a/net.py': modelFile('Net', SOFTMAX), 'b/__init__.py': '', 'b/net.py': modelFile('Net', SIGMOID),
    'train.py': trainFile('from b.net import Net', 'Net(16, 1)', 'nn.BCELoss()'),
  }, ['net.py:14 AL103']],
  ['a cycle: the model file imports the training file back', {
    'model.py': `from train import config\n${modelFile('Net', SOFTMAX)}`, 'train.py': `config = {}\n${trainFile('from model import Net', 'Net()', 'nn.CrossEntropyLoss()')}`,
  }, ['model.py:15 AL101']],
  ['from model import *, then the name bound again in the file (silent)', {
    'model.py': modelFile('Net', SOFTMAX),
    'train.py': `${HEAD}from model import *\n\nNet = lambda: nn.Linear(16, 4)\nnet = Net()\nF.cross_entropy(net(torch.randn(2, 16)), torch.zeros(2, dtype=torch.long))\n`,
  }, []],
  ['a module-level model called as a maker is not one (silent)', {
    'model.py': `${HEAD}classifier = nn.Sequential(nn.Linear(16, 4), nn.Softmax(dim=1))\n`,
    'train.py': `${HEAD}from model import classifier\n\nstudent = nn.Linear(16, 4)\ncriterion = nn.CrossEntropyLoss()\nx = torch.randn(2, 16)\nhint = classifier(x).argmax(1)\ncriterion(student(x), hint).backward()\n`,
  }, []],
  ['a missing module (silent, no error)', { 'train.py': trainFile('from missing_model import Net', 'Net()', 'nn.CrossEntropyLoss()') }, []],
  ['the name imported from two modules under if/else (silent)', {
    'model.py': modelFile('Net', SOFTMAX), 'logit_model.py': modelFile('Net', NONE),
    'train.py': trainFile('import os\nif os.environ.get("V2"):\n    from logit_model import Net\nelse:\n    from model import Net', 'Net()', 'nn.CrossEntropyLoss()'),
  }, []],
  ['a function imports another Net of its own (silent)', {
    'model.py': modelFile('Net', SOFTMAX), 'logit_model.py': modelFile('Net', NONE),
    'train.py': `${HEAD}from model import Net\n\n\ndef fit(x, y):\n    from logit_model import Net\n    return F.cross_entropy(Net()(x), y)\n`,
  }, []],
  ['the same import twice (module level and in a function) still joins', {
    'model.py': modelFile('Net', SOFTMAX),
    'train.py': `${HEAD}from model import Net\n\n\ndef fit(x, y):\n    from model import Net\n    return F.cross_entropy(Net()(x), y)\n`,
  }, ['model.py:14 AL101']],
  ['forward returns probabilities only when its argument asks (silent)', {
    'model.py': `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(16, 4)\n\n    def forward(self, x, as_probs=False):\n        scores = self.fc(x)\n        if as_probs:\n            return scores.softmax(dim=-1)\n        return scores\n`,
    'train.py': trainFile('from model import Net', 'Net()', 'nn.CrossEntropyLoss()'),
  }, []],
  ['forward branches on an argument only before its one return: still joined', {
    'model.py': `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(16, 4)\n\n    def forward(self, x, mask=None):\n        if mask is not None:\n            x = x * mask\n        return F.softmax(self.fc(x), dim=1)\n`,
    'train.py': trainFile('from model import Net', 'Net()', 'nn.CrossEntropyLoss()'),
  }, ['model.py:13 AL101']],
  ['a factory choosing the class by its argument (silent)', {
    'zoo.py': `${HEAD}class Calibrated(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(16, 4)\n\n    def forward(self, x):\n        return torch.softmax(self.fc(x), dim=1)\n\n\nclass Plain(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(16, 4)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\ndef build(kind):\n    if kind == 'calibrated':\n        return Calibrated()\n    return Plain()\n`,
    'train.py': trainFile('from zoo import build', 'build("plain")', 'nn.CrossEntropyLoss()'),
  }, []],
  ['a factory with one return: still joined', {
    'zoo.py': `${HEAD}class Calibrated(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(16, 4)\n\n    def forward(self, x):\n        return torch.softmax(self.fc(x), dim=1)\n\n\ndef build(n_out=4):\n    return Calibrated()\n`,
    'train.py': trainFile('from zoo import build', 'build()', 'nn.CrossEntropyLoss()'),
  }, ['zoo.py:11 AL101']],
  ['a dict output: the caller takes one key (silent)', {
    'model.py': `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(16, 4)\n\n    def forward(self, x):\n        z = self.fc(x)\n        return {"scores": z, "dist": F.softmax(z, dim=-1)}\n`,
    'train.py': trainFile('from model import Net', 'Net()', 'nn.CrossEntropyLoss()', 'criterion(out["scores"], y)'),
  }, []],
  ['the class bound again by a later import (silent)', {
    'model.py': `${modelFile('Net', SOFTMAX)}\ntry:\n    from compiled_ext import Net\nexcept ImportError:\n    pass\n`,
    'train.py': trainFile('from model import Net', 'Net()', 'nn.CrossEntropyLoss()'),
  }, []],
  ['the class defined twice: the first is dead (silent)', {
    'model.py': `${modelFile('Net', SOFTMAX)}\n\n${modelFile('Net', NONE).slice(HEAD.length)}`,
    'train.py': trainFile('from model import Net', 'Net()', 'nn.CrossEntropyLoss()'),
  }, []],
  ['the final activation chosen by a constructor argument (silent)', {
    'model.py': `${HEAD}class Net(nn.Module):\n    def __init__(self, n_out, head=None):\n        super().__init__()\n        self.fc = nn.Linear(16, n_out)\n        if head == 'softmax':\n            self.head = nn.Softmax(dim=1)\n        else:\n            self.head = nn.Identity()\n\n    def forward(self, x):\n        return self.head(self.fc(x))\n`,
    'train.py': trainFile('from model import Net', 'Net(4)', 'nn.CrossEntropyLoss()'),
  }, []],
  ['the final activation fixed in __init__, the class used by name elsewhere in its file: still joined', {
    'model.py': `${HEAD}class Net(nn.Module):\n    def __init__(self, n_out=4):\n        super().__init__()\n        self.fc = nn.Linear(16, n_out)\n        self.head = nn.Softmax(dim=1)\n\n    def forward(self, x):\n        return self.head(self.fc(x))\n\n\nDEFAULT = Net\n`,
    'train.py': trainFile('from model import Net', 'Net()', 'nn.CrossEntropyLoss()'),
  }, ['model.py:9 AL101']],
  ['a smoke test feeds MSELoss, the training script NLLLoss: no regression row (silent)', {
    'model.py': modelFile('Net', LOG_SOFTMAX),
    'train.py': trainFile('from model import Net', 'Net()', 'nn.NLLLoss()'),
    'tests/test_net.py': 'import torch\nimport torch.nn.functional as F\nfrom model import Net\n\n\ndef test_backward():\n    net = Net()\n    y = net(torch.randn(3, 16))\n    F.mse_loss(y, torch.zeros_like(y)).backward()\n',
  }, []],
  ['in eval mode only (silent)', {
    'model.py': `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(16, 4)\n\n    def forward(self, x):\n        x = self.fc(x)\n        if not self.training:\n            return F.softmax(x, dim=1)\n        return x\n`,
    'train.py': trainFile('from model import Net', 'Net()', 'nn.CrossEntropyLoss()'),
  }, []],
  // A tuple output (`return recon, mu, logvar`): the training file unpacks or indexes it, and only
  // the element the activation is returned as trains with the loss that element reaches.
  ['a tuple output unpacked: the element the sigmoid is returned as goes into BCE', {
    'vae.py': `${HEAD}class VAE(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.enc = nn.Linear(784, 40)\n        self.dec = nn.Linear(20, 784)\n\n    def decode(self, z):\n        return torch.sigmoid(self.dec(z))\n\n    def forward(self, x):\n        mu, logvar = self.enc(x).chunk(2, dim=1)\n        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)\n        return self.decode(z), mu, logvar\n`,
    'train.py': `${HEAD}from vae import VAE\n\nmodel = VAE()\nfor x, _ in []:\n    recon, mu, logvar = model(x)\n    kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())\n    (F.binary_cross_entropy(recon, x, reduction='sum') + kld).backward()\n`,
  }, ['vae.py:12 AL103']],
  ['a tuple output unpacked in a trainer class that keeps the model on self, moved with .to()', {
    'vae.py': `${HEAD}class VAE(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.enc = nn.Linear(784, 40)\n        self.dec = nn.Linear(20, 784)\n\n    def forward(self, x):\n        mu, logvar = self.enc(x).chunk(2, dim=1)\n        return torch.sigmoid(self.dec(mu)), mu, logvar\n`,
    'run.py': `${HEAD}from vae import VAE\n\n\nclass Process:\n    def __init__(self, device):\n        self.device = device\n        self.model = VAE().to(self.device)\n        self.opt = torch.optim.Adam(self.model.parameters(), lr=3e-4)\n\n    def train(self, loader):\n        for x, _ in loader:\n            x_hat, mu, log_var = self.model(x.to(self.device))\n            loss = F.binary_cross_entropy(x_hat, x, reduction='sum')\n            self.opt.zero_grad()\n            loss.backward()\n            self.opt.step()\n`,
  }, ['vae.py:13 AL103']],
  ['a tuple output unpacked: the loss gets the other element (silent)', {
    'model.py': `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(16, 4)\n\n    def forward(self, x):\n        logits = self.fc(x)\n        return logits, F.softmax(logits, dim=1)\n`,
    'train.py': trainFile('from model import Net', 'Net()', 'nn.CrossEntropyLoss()', 'criterion(out, y)').replace('out = model(x)', 'out, probs = model(x)'),
  }, []],
  ['a tuple output bound to a name and indexed at the softmax\'s slot: NLLLoss gets the probabilities', {
    'model.py': `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(16, 4)\n\n    def forward(self, x):\n        logits = self.fc(x)\n        return logits, F.softmax(logits, dim=1)\n`,
    'train.py': trainFile('from model import Net', 'Net()', 'nn.NLLLoss()', 'criterion(out[1], y)'),
  }, ['model.py:12 AL102']],
  // A module-level instance the training script imports and hands to a training function of its own
  // (`train(model, criterion, loader)`), or reads through an imported module (`model = arch.model`).
  ['an imported instance handed to a training function of the importing file', {
    'net.py': `${modelFile('Net', SIGMOID)}\nmodel = Net(16, 6)\n`,
    'main.py': 'import torch.nn as nn\nfrom net import model\n\n\ndef train(model, criterion, loader):\n    for x, y in loader:\n        criterion(model(x), y).backward()\n\n\ncriterion = nn.CrossEntropyLoss()\ntrain(model, criterion, [])\n',
  }, ['net.py:14 AL107']],
  ['an instance of a config module read as an attribute and handed on by keyword', {
    'models/__init__.py': 'from .net import Net\n', 'models/net.py': modelFile('Net', SIGMOID),
    'config/__init__.py': '', 'config/architecture.py': 'from models import Net\n\nmodel = Net(16, 6)\n',
    'main.py': 'import torch.nn as nn\nfrom config import architecture as arch\n\n\ndef train(model, criterion, loader):\n    for x, y in loader:\n        criterion(model.forward(x), y).backward()\n\n\nmodel = arch.model\ntrain(model=model, criterion=nn.CrossEntropyLoss(), loader=[])\n',
  }, ['net.py:14 AL107']],
  // `import model` … `model = model.NeuMF(…)`: the module's name rebound to the instance it builds
  ['import model; model = model.Net(…): the module\'s name rebound to its instance', {
    'model.py': modelFile('Net', SIGMOID),
    'main.py': 'import torch.nn as nn\nimport model\n\nmodel = model.Net(16, 1)\ncriterion = nn.BCEWithLogitsLoss()\nfor x, y in []:\n    criterion(model(x), y).backward()\n',
  }, ['model.py:14 AL104']],
  // `from model import *` in a script that hands the model to a training function of a third file
  ['a star-imported model handed to a training function of a third file, imported by name', {
    'model.py': modelFile('Net', SIGMOID),
    'loop.py': 'def train_model(model2, loader, optimizer2, criterion):\n    for x, y in loader:\n        optimizer2.zero_grad()\n        loss = criterion(model2(x), y)\n        loss.backward()\n        optimizer2.step()\n',
    'main.py': 'import torch\nfrom model import *\nfrom loop import train_model\n\ncriterion = nn.BCELoss()\nmodel = Net(16, 1)\noptimizer = torch.optim.Adam(model.parameters())\ntrain_model(model, [], optimizer, criterion)\n',
  }, ['model.py:14 AL103']],
  ['a star-imported model handed to a training function a second star import gives', {
    'model.py': modelFile('Net', SIGMOID),
    'loop.py': 'def train_model(model2, loader, optimizer2, criterion):\n    for x, y in loader:\n        criterion(model2(x), y).backward()\n',
    'main.py': 'import torch\nfrom model import *\nfrom loop import *\n\nmodel = Net(16, 1)\ntrain_model(model, [], None, nn.BCEWithLogitsLoss())\n',
  }, ['model.py:14 AL104']],
  ['a star-imported model handed to a function that only saves it (silent)', {
    'model.py': modelFile('Net', SIGMOID),
    'io_utils.py': 'import torch\n\n\ndef save(model, path, criterion):\n    torch.save(model.state_dict(), path)\n',
    'main.py': 'from model import *\nfrom io_utils import save\n\nsave(Net(16, 1), "m.pt", nn.BCELoss())\n',
  }, []],
  // `check` given a folder of several projects: a project's script imports its packages from the
  // project's root (`python -m train_val.training` there), a folder between the file and the run's root
  ['a project\'s package imported from the project\'s root, the run given the folder above it', {
    'projA/Models/__init__.py': '', 'projA/Models/net.py': modelFile('Net', SIGMOID),
    'projA/train_val/training.py': trainFile('from Models.net import Net', 'Net(16, 1)', 'nn.BCELoss()'),
    'projB/Models/net.py': modelFile('Net', NONE),
  }, ['net.py:14 AL103']],
  ['import model; model = model.Net(…).to(device): the module given back by .to', {
    'model.py': modelFile('Net', SIGMOID),
    'main.py': 'import torch\nimport torch.nn as nn\nimport model\n\ndevice = torch.device("cpu")\nmodel = model.Net(16, 1).to(device)\ncriterion = nn.BCELoss()\nfor x, y in []:\n    criterion(model(x), y).backward()\n',
  }, ['model.py:14 AL103']],
  ['torch.compile of an imported model gives back the same model', {
    'model.py': modelFile('Net', SOFTMAX),
    'train.py': trainFile('from model import Net', 'torch.compile(Net(), mode="reduce-overhead")', 'nn.CrossEntropyLoss()'),
  }, ['model.py:14 AL101']],
  ['import model; model = build() of the file: the name is the file\'s own (silent)', {
    'model.py': modelFile('Net', SIGMOID),
    'main.py': 'import torch.nn as nn\nimport model\n\n\ndef build():\n    return nn.Linear(16, 1)\n\n\nnet = model.Net(16, 1)\nmodel = build()\ncriterion = nn.BCEWithLogitsLoss()\nfor x, y in []:\n    criterion(model(x), y).backward()\n',
  }, []],
  ['an imported instance handed to a function that only saves it (silent)', {
    'net.py': `${modelFile('Net', SIGMOID)}\nmodel = Net(16, 6)\n`,
    'main.py': 'import torch\nimport torch.nn as nn\nfrom net import model\n\n\ndef save(model, path):\n    torch.save(model.state_dict(), path)\n\n\ncriterion = nn.CrossEntropyLoss()\nsave(model, "m.pt")\n',
  }, []],
  ['a tuple output: only the whole output counts (silent)', {
    'model.py': `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(16, 4)\n\n    def forward(self, x):\n        logits = self.fc(x)\n        return logits, F.softmax(logits, dim=1)\n`,
    'train.py': trainFile('from model import Net', 'Net()', 'nn.CrossEntropyLoss()', 'criterion(out[0], y)'),
  }, []],
];

// A training function of another file applies the activation itself and calls the loss its caller
// passes in (`train_model(model, criterion, …)` … `criterion(torch.sigmoid(model(x)), y)`, with
// `criterion = nn.BCELoss()` in the script): the loss is the one the call gives that parameter.
const TRAIN_FN = (act: string, feed = 'criterion(preds, labels)') => `import torch


def train_model(model, criterion, optimizer, loader, epochs=1):
    for _ in range(epochs):
        for inputs, labels in loader:
            optimizer.zero_grad()
            outputs = model(inputs)
            preds = ${act}
            loss = ${feed}
            loss.backward()
            optimizer.step()
    return model
`;
const CALLER = (imports: string, call: string, loss = 'nn.BCELoss()') => `import torch
import torch.nn as nn
${imports}

model = nn.Linear(16, 7)
criterion = ${loss}
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
${call}
`;
const PARAM_ROWS: JoinRow[] = [
  ['a sigmoid in a training function of another file, BCELoss passed by name', {
    'train_model.py': TRAIN_FN('torch.sigmoid(outputs)'), 'main.py': CALLER('from train_model import train_model', 'train_model(model, criterion, optimizer, [])'),
  }, ['train_model.py:9 AL103']],
  ['the training function star-imported', {
    'train_model.py': TRAIN_FN('torch.sigmoid(outputs)'), 'main.py': CALLER('from train_model import *', 'train_model(model, criterion, optimizer, [])'),
  }, ['train_model.py:9 AL103']],
  ['through the module, the loss written in the call by keyword', {
    'utils/__init__.py': '', 'utils/train_model.py': TRAIN_FN('torch.sigmoid(outputs)'),
    'main.py': CALLER('import utils.train_model as tm', 'tm.train_model(model, optimizer=optimizer, loader=[], criterion=nn.BCEWithLogitsLoss())'),
  }, ['train_model.py:9 AL104']],
  ['a softmax in the training function, CrossEntropyLoss passed in', {
    'train_model.py': TRAIN_FN('torch.softmax(outputs, dim=1)'), 'main.py': CALLER('from train_model import train_model', 'train_model(model, criterion, optimizer, [])', 'nn.CrossEntropyLoss()'),
  }, ['train_model.py:9 AL101']],
  ['log_softmax in the training function, NLLLoss passed in: as it should be (silent)', {
    'train_model.py': TRAIN_FN('torch.log_softmax(outputs, dim=1)'), 'main.py': CALLER('from train_model import train_model', 'train_model(model, criterion, optimizer, [])', 'nn.NLLLoss()'),
  }, []],
  ['the probabilities are the loss\'s target, not its input (silent)', {
    'train_model.py': TRAIN_FN('torch.sigmoid(outputs)', 'criterion(outputs, preds.detach())'), 'main.py': CALLER('from train_model import train_model', 'train_model(model, criterion, optimizer, [])'),
  }, []],
  ['the call gives the loss to another parameter than the one applied (silent)', {
    'train_model.py': TRAIN_FN('torch.sigmoid(outputs)').replace('def train_model(model, criterion, optimizer, loader, epochs=1):', 'def train_model(model, criterion, optimizer, loader, epochs=1, metric=None):').replace('loss = criterion(preds, labels)', 'loss = criterion(outputs, labels)\n            metric(preds, labels)'),
    'main.py': CALLER('from train_model import train_model', 'train_model(model, criterion, optimizer, [], metric=print)'),
  }, []],
  // (its own BCELoss is the file's AL103, not one naming the caller's loss)
  ['the function binds the parameter again before applying it (no finding naming the caller\'s loss)', {
    'train_model.py': TRAIN_FN('torch.sigmoid(outputs)').replace('    for _ in range(epochs):', '    criterion = torch.nn.BCELoss()\n    for _ in range(epochs):'),
    'main.py': CALLER('from train_model import train_model', 'train_model(model, criterion, optimizer, [])', 'nn.BCEWithLogitsLoss()'),
  }, []],
  // A LightningModule-style model whose constructor keeps the criterion: in its own file the sigmoid is
  // its output with no loss known (no AL401); the script's criterion judges it.
  ['a model class keeping the loss its constructor is given, the loss from the script', {
    'lit.py': 'import torch\nimport torch.nn as nn\n\n\nclass Regressor(nn.Module):\n    def __init__(self, criterion):\n        super().__init__()\n        self.criterion = criterion\n        self.fc = nn.Linear(6, 1)\n\n    def forward(self, x):\n        return torch.sigmoid(self.fc(x))\n\n    def training_step(self, batch, batch_idx):\n        x, y = batch\n        return self.criterion(self(x), y)\n',
    'main.py': 'import torch.nn as nn\nfrom lit import Regressor\n\nmodel = Regressor(criterion=nn.MSELoss())\n',
  }, ['lit.py:12 AL105']],
  ['a trainer class of another file keeps the loss its constructor is given', {
    'trainer.py': 'import torch\n\n\nclass Trainer:\n    def __init__(self, model, loss_fn, lr=0.01):\n        self.model = model\n        self.loss_fn = loss_fn\n        self.opt = torch.optim.SGD(model.parameters(), lr=lr)\n\n    def fit(self, loader):\n        for x, y in loader:\n            self.opt.zero_grad()\n            p = torch.sigmoid(self.model(x))\n            self.loss_fn(p, y).backward()\n            self.opt.step()\n',
    'main.py': CALLER('from trainer import Trainer', 'Trainer(model, criterion).fit([])'),
  }, ['trainer.py:13 AL103']],
  // Real code (a federated-learning repository): the model is handed to a method of a trainer class
  // of another file, on an instance the script builds; the method judges it with the loss __init__ keeps.
  ['a model handed to a method of an imported trainer class whose __init__ builds the loss', {
    'nets.py': modelFile('MLP', SOFTMAX),
    'local.py': 'from torch import nn\n\n\nclass LocalUpdate(object):\n    def __init__(self, loader, epochs=1):\n        self.loss_func = nn.CrossEntropyLoss()\n        self.loader = loader\n        self.epochs = epochs\n\n    def train(self, net, lr=0.1):\n        for _ in range(self.epochs):\n            for images, labels in self.loader:\n                loss = self.loss_func(net(images), labels)\n                loss.backward()\n',
    'server.py': 'from nets import MLP\nfrom local import LocalUpdate\n\nnet_glob = MLP(784, 10)\nlocal = LocalUpdate(loader=[])\nw = local.train(net_glob, lr=0.05)\n',
  }, ['nets.py:14 AL101']],
  ['the same, the instance built in the call and the model given by keyword', {
    'nets.py': modelFile('MLP', SIGMOID),
    'local.py': 'import torch.nn as nn\n\n\nclass LocalUpdate:\n    def __init__(self):\n        self.crit = nn.BCELoss()\n\n    def train(self, loader, net=None):\n        for x, y in loader:\n            self.crit(net(x), y).backward()\n',
    'server.py': 'from nets import MLP\nimport local as L\n\nL.LocalUpdate().train([], net=MLP(784, 1))\n',
  }, ['nets.py:14 AL103']],
  // The same repository's factory star-imports the model classes (`from NN_models import *`) and picks one by an argument.
  ['a factory in a file of its own that star-imports the model classes, the model handed to a trainer method', {
    'nets.py': modelFile('MLP', SOFTMAX),
    'get_models.py': 'from nets import *\n\n\ndef get_model(args):\n    if args.model == "mlp":\n        net_glob = MLP(784, args.num_classes).to(args.device)\n    else:\n        exit("Error: unrecognized model")\n    return net_glob\n',
    'local.py': 'from torch import nn\n\n\nclass LocalUpdate(object):\n    def __init__(self, loader):\n        self.loss_func = nn.CrossEntropyLoss()\n        self.loader = loader\n\n    def train(self, net):\n        for x, y in self.loader:\n            self.loss_func(net(x), y).backward()\n',
    'server.py': 'import copy\nfrom get_models import get_model\nfrom local import LocalUpdate\n\n\ndef main(args):\n    net_glob = get_model(args)\n    for it in range(3):\n        if it == 2:\n            local = LocalUpdate(loader=[])\n        else:\n            local = LocalUpdate(loader=[1])\n        net_local = copy.deepcopy(net_glob)\n        local.train(net=net_local.to(args.device))\n',
  }, ['nets.py:14 AL101']],
  ['a star-importing factory whose arm the script\'s literal does not take (silent)', {
    'nets.py': modelFile('MLP', SOFTMAX) + '\n\nclass Linear(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(16, 4)\n\n    def forward(self, x):\n        return self.fc(x)\n',
    'get_models.py': 'from nets import *\n\n\ndef get_model(name):\n    if name == "mlp":\n        return MLP()\n    elif name == "linear":\n        return Linear()\n    raise ValueError(name)\n',
    'train.py': 'import torch.nn as nn\nfrom get_models import get_model\n\nmodel = get_model("linear")\ncriterion = nn.CrossEntropyLoss()\nfor x, y in []:\n    criterion(model(x), y).backward()\n',
  }, []],
  // Real code (an image-classification repository): `getattr(models, args.model_name)(…)` on the project's own package.
  ['a class of the project\'s package chosen by getattr with a name read at run time', {
    'models/__init__.py': 'from models.lenet import LeNet\nfrom models.mlp import MLP\n',
    'models/lenet.py': modelFile('LeNet', SIGMOID),
    'models/mlp.py': modelFile('MLP', NONE),
    'train.py': 'import torch.nn as nn\nimport models\n\n\ndef main(args):\n    model = getattr(models, args.model_name)(16, 10)\n    criterion = nn.CrossEntropyLoss()\n    for x, y in []:\n        criterion(model(x), y).backward()\n',
  }, ['lenet.py:14 AL107']],
  ['getattr with a literal name takes that class only', {
    'models.py': `${modelFile('Soft', SOFTMAX)}\n\n${modelFile('Plain', NONE).slice(HEAD.length)}`,
    'train.py': 'import torch.nn as nn\nimport models\n\nmodel = getattr(models, "Plain")()\ncriterion = nn.CrossEntropyLoss()\nfor x, y in []:\n    criterion(model(x), y).backward()\n',
  }, []],
  ['getattr with a name read at run time, the classes in the module itself: each is judged', {
    'models.py': `${modelFile('Soft', SOFTMAX)}\n\n${modelFile('Plain', NONE).slice(HEAD.length)}`,
    'train.py': 'import sys\nimport torch.nn as nn\nimport models\n\nmodel = getattr(models, sys.argv[1])()\ncriterion = nn.CrossEntropyLoss()\nfor x, y in []:\n    criterion(model(x), y).backward()\n',
  }, ['models.py:14 AL101']],
  // Real code (a third federated-learning repository): the model file's factory compares with an enum's
  // members in `if`s that return, then raises; a client builds the model with it and hands it to a
  // trainer class of another file whose parameter list holds a comment.
  ['a factory of the model file choosing by an enum member, the model handed to an imported trainer', {
    'models.py': `${modelFile('LeNet', (x) => `F.relu(${x})`)}\n\nclass ModelType(Enum):\n    LENET = "lenet"\n    PLAIN = "plain"\n\n\n${modelFile('Plain', NONE).slice(HEAD.length)}\n\ndef create_model(model_type, n_out):\n    if model_type == ModelType.LENET:\n        return LeNet(16, n_out)\n\n    if model_type == ModelType.PLAIN:\n        return Plain(16, n_out)\n\n    raise ValueError(f"unsupported: {model_type}")\n`.replace('import torch\n', 'import torch\nfrom enum import Enum\n'),
    'lifecycle.py': 'import torch\n\n\nclass Trainer:\n    def __init__(\n            self,\n            device,  # pylint: disable=no-member\n            model,\n            lr=0.01):\n        self.model = model.to(device)\n        self.loss_function = torch.nn.CrossEntropyLoss()\n\n    def train_for_one_epoch(self, loader):\n        for x, y in loader:\n            self.loss_function(self.model(x), y).backward()\n',
    'client.py': 'from lifecycle import Trainer\nfrom models import create_model\n\n\nclass Client:\n    def __init__(self, model_type):\n        self.model_type = model_type\n\n    def train(self, loader):\n        local_model = create_model(self.model_type, 10)\n        self.trainer = Trainer("cpu", local_model)\n        self.trainer.train_for_one_epoch(loader)\n',
  }, ['models.py:15 AL107']],
  // Real code (a robust federated-learning repository): the model class is handed uncalled to a trainer
  // that builds it, and the package re-exports the trainer with a star.
  ['a model class handed uncalled to a trainer of another file that builds it', {
    'nets.py': modelFile('MLP', SOFTMAX),
    'trainer.py': 'from torch import nn\n\n\nclass Trainer:\n    def __init__(self, model_constructor, **model_args):\n        self.model = model_constructor(**model_args)\n        self.criterion = nn.CrossEntropyLoss()\n\n    def fit(self, x, y):\n        self.criterion(self.model(x), y).backward()\n',
    'main.py': 'from nets import MLP\nfrom trainer import Trainer\n\nt = Trainer(MLP, d_in=16, n_out=4)\nfor x, y in []:\n    t.fit(x, y)\n',
  }, ['nets.py:14 AL101']],
  ['a trainer re-exported by `from .trainer import *` in the package', {
    'pkg/__init__.py': 'from .trainer import *\nfrom .nets import MLP\n',
    'pkg/nets.py': modelFile('MLP', SIGMOID),
    'pkg/trainer.py': 'from torch import nn\n\n\nclass Trainer:\n    def __init__(self, model):\n        self.model = model\n        self.criterion = nn.BCELoss()\n\n    def fit(self, x, y):\n        self.criterion(self.model(x), y).backward()\n',
    'main.py': 'from pkg import Trainer, MLP\n\nt = Trainer(MLP(16, 1))\n',
  }, ['nets.py:14 AL103']],
  ['a model class handed to a function that only registers it (silent)', {
    'nets.py': modelFile('MLP', SOFTMAX),
    'registry.py': 'import torch.nn as nn\n\nMODELS = {}\n\n\ndef register(cls):\n    MODELS[cls.__name__] = cls\n    crit = nn.CrossEntropyLoss()\n    return cls\n',
    'main.py': 'from nets import MLP\nfrom registry import register\n\nregister(MLP)\n',
  }, []],
  // Real code (another federated-learning repository): each client trains a deep copy of the global model.
  ['a deep copy of the model handed to a client class of another file', {
    'nets.py': modelFile('Net', LOG_SOFTMAX),
    'client.py': 'import torch\n\n\nclass Client:\n    def __init__(self, local_model, loader):\n        self.local_model = local_model\n        self.loader = loader\n\n    def train(self):\n        for data, target in self.loader:\n            loss = torch.nn.functional.cross_entropy(self.local_model(data), target)\n            loss.backward()\n',
    'main.py': 'import copy\nfrom nets import Net\nfrom client import Client\n\nglobal_model = Net()\nclients = [Client(local_model=copy.deepcopy(global_model), loader=[]) for _ in range(3)]\n',
  }, ['nets.py:14 AL101']],
  // (the method scores a detached copy with its own metric: the model's output is not judged by the loss)
  ['a method that only logs the model it is given (silent)', {
    'nets.py': modelFile('MLP', SOFTMAX),
    'local.py': 'import torch.nn as nn\n\n\nclass Logger:\n    def __init__(self):\n        self.loss_func = nn.CrossEntropyLoss()\n\n    def log(self, net):\n        print(sum(p.numel() for p in net.parameters()))\n',
    'server.py': 'from nets import MLP\nfrom local import Logger\n\nnet = MLP(784, 10)\nlogger = Logger()\nlogger.log(net)\n',
  }, []],
  ['a method whose __init__ keeps a loss that expects log-probabilities (silent)', {
    'nets.py': modelFile('MLP', LOG_SOFTMAX),
    'local.py': 'import torch.nn as nn\n\n\nclass LocalUpdate:\n    def __init__(self):\n        self.loss_func = nn.NLLLoss()\n\n    def train(self, net, loader):\n        for x, y in loader:\n            self.loss_func(net(x), y).backward()\n',
    'server.py': 'from nets import MLP\nfrom local import LocalUpdate\n\nlocal = LocalUpdate()\nlocal.train(MLP(784, 10), [])\n',
  }, []],
  // Real code (a collection of from-scratch algorithms): the model file itself hands its class to a
  // training function of another file, which builds it and trains it with the loss it names there.
  ['the model file hands its own class to a trainer of another file (`process(Net, x, y)`)', {
    'net1.py': `${modelFile('Net', SIGMOID)}\n\nfrom runner import process\n\nprocess(Net, torch.randn(4, 16), torch.rand(4, 1).round())\n`,
    'runner.py': 'import torch.nn as nn\n\n\ndef process(net_cls, x, y):\n    m = net_cls(16, 1)\n    crit = nn.BCELoss()\n    return crit(m(x), y)\n',
  }, ['net1.py:14 AL103']],
  ['the model file hands an instance of its own class to an imported training function', {
    'model.py': `${modelFile('Net', SOFTMAX)}\n\nif __name__ == "__main__":\n    from trainer import train\n    net = Net()\n    train(net, [])\n`,
    'trainer.py': 'import torch.nn as nn\n\n\ndef train(model, loader):\n    crit = nn.CrossEntropyLoss()\n    for x, y in loader:\n        crit(model(x), y).backward()\n',
  }, ['model.py:14 AL101']],
  ['the model file hands its own model to an imported function that only evaluates it (silent)', {
    'model.py': `${modelFile('Net', SOFTMAX)}\n\nfrom metrics import accuracy\n\nprint(accuracy(Net(), []))\n`,
    'metrics.py': 'import torch.nn as nn\n\n\ndef accuracy(model, loader):\n    crit = nn.CrossEntropyLoss()\n    return sum((model(x).argmax(1) == y).float().mean() for x, y in loader)\n',
  }, []],
  // Real code (a course's from-scratch library): the model class trains itself in a method that keeps
  // the loss it is given (`self.loss_fn = loss_fn`), and the script of another file passes it
  // (`net.train_model(loader, loss_fn=nn.CrossEntropyLoss())`): the method's parameter, after `self`.
  ['a loss passed to a method of the model class, kept on self there', {
    'jlib/__init__.py': '',
    'jlib/net.py': 'import torch.nn as nn\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.head = nn.Sequential(nn.Linear(32, 10), nn.ReLU())\n\n    def forward(self, x):\n        return self.head(x)\n\n    def train_model(self, loader, loss_fn, optimizer):\n        self.loss_fn = loss_fn\n        for xb, yb in loader:\n            optimizer.zero_grad()\n            loss = self.loss_fn(self.forward(xb), yb)\n            loss.backward()\n            optimizer.step()\n',
    'run.py': 'import torch\nfrom jlib.net import Net\n\nnet = Net()\nopt = torch.optim.SGD(net.parameters(), lr=0.1)\nnet.train_model([], loss_fn=torch.nn.CrossEntropyLoss(label_smoothing=0.1), optimizer=opt)\n',
  }, ['net.py:7 AL107']],
  ['a loss passed by position to a method that calls it on its own output', {
    'model.py': `${modelFile('Net', SIGMOID)}\n    def fit(self, loader, criterion):\n        for x, y in loader:\n            criterion(self(x), y).backward()\n`,
    'train.py': 'import torch.nn as nn\nfrom model import Net\n\nmodel = Net(16, 1).to("cpu")\nmodel.fit([], nn.BCELoss())\n',
  }, ['model.py:14 AL103']],
  ['a loss passed to a method that applies it to other values (silent)', {
    'model.py': `${modelFile('Net', SOFTMAX)}\n    def score(self, a, b, loss_fn):\n        return loss_fn(a, b)\n`,
    'train.py': 'import torch\nimport torch.nn as nn\nfrom model import Net\n\nnet = Net()\nprint(net.score(torch.randn(4, 3), torch.tensor([0, 1, 2, 0]), loss_fn=nn.CrossEntropyLoss()))\n',
  }, []],
  // A loss helper in a file of its own (the layout of a real recommender's `losses/bce_loss.py`): the
  // training file hands the model's outputs to it as they are, and the helper's loss judges them.
  ['the model\'s outputs handed to a loss helper of another file that builds BCEWithLogitsLoss and sums two terms', {
    'model.py': modelFile('Scorer', SIGMOID),
    'losses.py': 'import torch\nimport torch.nn as nn\n\n\ndef link_loss(pos_score, neg_score):\n    loss_fn = nn.BCEWithLogitsLoss()\n    return loss_fn(pos_score, torch.ones_like(pos_score)) + loss_fn(neg_score, torch.zeros_like(neg_score))\n',
    'train.py': 'import torch\nfrom model import Scorer\nfrom losses import link_loss\n\nmodel = Scorer(16, 1)\nu, v = torch.randn(8, 16), torch.randn(8, 16)\nloss = link_loss(model(u), model(v))\nloss.backward()\n',
  }, ['model.py:14 AL104']],
  ['a softmax model\'s output handed to a helper calling F.cross_entropy, by keyword', {
    'model.py': modelFile('Net', SOFTMAX),
    'utils/__init__.py': '',
    'utils/losses.py': 'import torch.nn.functional as F\n\n\ndef ce_loss(logits, labels, smoothing=0.0):\n    return F.cross_entropy(logits, labels, label_smoothing=smoothing)\n',
    'train.py': 'import torch\nfrom model import Net\nfrom utils.losses import ce_loss\n\nnet = Net()\nfor x, y in []:\n    ce_loss(logits=net(x), labels=y).backward()\n',
  }, ['model.py:14 AL101']],
  ['a sigmoid model\'s output into BCELoss and to a metric helper of another file that thresholds it (the helper adds nothing)', {
    'model.py': modelFile('Net', SIGMOID),
    'metrics.py': 'def accuracy(probs, y):\n    return ((probs > 0.5).float() == y).float().mean()\n',
    'train.py': 'import torch\nimport torch.nn as nn\nfrom model import Net\nfrom metrics import accuracy\n\nnet = Net(16, 1)\ncrit = nn.BCELoss()\nfor x, y in []:\n    out = net(x)\n    crit(out, y).backward()\n    print(accuracy(out, y))\n',
  }, ['model.py:14 AL103']],
  // Real code (a fit-module library, and the classification base class of a popular course): the base
  // class in its own file calls the model on itself in a training method, into its loss; the model
  // file's class inherits it.
  ['a model whose imported base class calls it on itself in a training method, into F.cross_entropy', {
    'base.py': 'import torch.nn as nn\nimport torch.nn.functional as F\n\n\nclass ClassifierBase(nn.Module):\n    def training_step(self, batch):\n        images, labels = batch\n        out = self(images)\n        return F.cross_entropy(out, labels)\n',
    'net.py': 'import torch.nn as nn\nfrom base import ClassifierBase\n\n\nclass Net(ClassifierBase):\n    def __init__(self):\n        super().__init__()\n        self.network = nn.Sequential(nn.Linear(8, 3), nn.Softmax(dim=1))\n\n    def forward(self, x):\n        return self.network(x)\n',
    'fit.py': 'from net import Net\n\nmodel = Net()\nfor batch in []:\n    model.training_step(batch).backward()\n',
  }, ['net.py:8 AL101']],
  ['a model overriding the training method of its imported base class with its own loss (silent)', {
    'base.py': 'import torch.nn as nn\nimport torch.nn.functional as F\n\n\nclass ClassifierBase(nn.Module):\n    def training_step(self, batch):\n        images, labels = batch\n        out = self(images)\n        return F.cross_entropy(out, labels)\n',
    'net.py': 'import torch.nn as nn\nimport torch.nn.functional as F\nfrom base import ClassifierBase\n\n\nclass Net(ClassifierBase):\n    def __init__(self):\n        super().__init__()\n        self.network = nn.Sequential(nn.Linear(8, 3), nn.LogSoftmax(dim=1))\n\n    def forward(self, x):\n        return self.network(x)\n\n    def training_step(self, batch):\n        images, labels = batch\n        return F.nll_loss(self(images), labels)\n',
  }, []],
  // Real code (a course's GoogLeNet returning its main and auxiliary outputs): the script hands the
  // model and its loss to a training function of a third file, which unpacks the tuple. Only the
  // element the loss gets is judged by it.
  ['a model returning a tuple, handed with its loss to a trainer of a third file that unpacks it', {
    'model.py': 'import torch.nn as nn\nimport torch.nn.functional as F\n\n\nclass Net(nn.Module):\n    def __init__(self, n_classes):\n        super().__init__()\n        self.body = nn.Linear(32, 64)\n        self.aux = nn.Linear(64, n_classes)\n        self.head = nn.Linear(64, n_classes)\n\n    def forward(self, x):\n        h = F.relu(self.body(x))\n        return F.softmax(self.head(h), dim=1), self.aux(h)\n',
    'solver.py': 'def train(model, criterion, optimizer, loader):\n    for x, y in loader:\n        out, aux = model(x)\n        loss = criterion(out, y) + 0.3 * criterion(aux, y)\n        loss.backward()\n',
    'main.py': 'import torch\nimport torch.nn as nn\nfrom model import Net\nfrom solver import train\n\nmodel = Net(10)\nopt = torch.optim.Adam(model.parameters())\ntrain(model, nn.CrossEntropyLoss(), opt, [])\n',
  }, ['model.py:14 AL101']],
  ['the same, the trainer giving the loss only the auxiliary element (silent)', {
    'model.py': 'import torch.nn as nn\nimport torch.nn.functional as F\n\n\nclass Net(nn.Module):\n    def __init__(self, n_classes):\n        super().__init__()\n        self.body = nn.Linear(32, 64)\n        self.aux = nn.Linear(64, n_classes)\n        self.head = nn.Linear(64, n_classes)\n\n    def forward(self, x):\n        h = F.relu(self.body(x))\n        return F.softmax(self.head(h), dim=1), self.aux(h)\n',
    'solver.py': 'def train(model, criterion, optimizer, loader):\n    for x, y in loader:\n        out, aux = model(x)\n        criterion(aux, y).backward()\n        print(out.argmax(1))\n',
    'main.py': 'import torch\nimport torch.nn as nn\nfrom model import Net\nfrom solver import train\n\nmodel = Net(10)\nopt = torch.optim.Adam(model.parameters())\ntrain(model, nn.CrossEntropyLoss(), opt, [])\n',
  }, []],
  // Real code (a distillation repository): the function applies a softmax to the teacher's and to the
  // student's outputs and compares them with the loss it is given. In one file this is silent (the
  // softmax is no model's output layer); the caller's MSELoss in another file must not make it one.
  ['a distillation\'s soft targets compared by an MSELoss the caller passes (silent, as in one file)', {
    'train.py': 'import torch.nn.functional as F\n\n\ndef train_distil(teacher, student, loader, optimizer, loss_fn, temp=20.0, w=0.7):\n    for data, label in loader:\n        optimizer.zero_grad()\n        soft_label = F.softmax(teacher(data) / temp, dim=1)\n        out = student(data)\n        soft_out = F.softmax(out / temp, dim=1)\n        loss = (1 - w) * F.cross_entropy(out, label) + w * loss_fn(soft_label, soft_out)\n        loss.backward()\n        optimizer.step()\n',
    'main.py': 'import torch.nn as nn\nimport torch.optim as optim\nfrom train import train_distil\n\nteacher = nn.Sequential(nn.Flatten(), nn.Linear(784, 1200), nn.ReLU(), nn.Linear(1200, 10))\nstudent = nn.Sequential(nn.Flatten(), nn.Linear(784, 800), nn.ReLU(), nn.Linear(800, 10))\noptimizer = optim.SGD(student.parameters(), lr=0.01)\nloss_fn = nn.MSELoss()\ntrain_distil(teacher, student, [], optimizer, loss_fn)\n',
  }, []],
];

test('a training function in the model\'s own file, naming its own loss: one finding, not one more through the script that calls it', async () => {
  const r = await checkJson(tree({
    'model.py': `${modelFile('Net', SIGMOID)}\n\ndef train_epoch(model, loader):\n    criterion = nn.BCELoss()\n    for x, y in loader:\n        criterion(model(x), y).backward()\n`,
    'run.py': 'from model import Net, train_epoch\n\ntrain_epoch(Net(16, 1), [])\n',
  }));
  assert.deepEqual(r.rows.map((x) => `${x.file.split(/[\\/]/).slice(-1)[0]}:${x.line} ${x.code}`), ['model.py:14 AL103']);
});

for (const [name, files, expect] of [...JOIN_ROWS, ...PARAM_ROWS]) {
  test(`join: ${name}`, async () => {
    const dir = tree(files);
    const r = await checkJson(dir);
    assert.deepEqual(cross(r.rows).sort(), [...expect].sort(), JSON.stringify(r.rows, null, 1));
    assert.equal(r.code, r.rows.length ? 1 : 0, r.err);
  });
}

// `from model import *` gives the importer the PyTorch names model.py's imports bind (Python binds
// them in model's namespace): the importer's own softmax into its own loss is read with them, as if
// it imported nn and F itself (imports.ts StarTorch). Each row: every finding of the run.
const own = (rows: Row[]) => rows.map((r) => `${r.file.split(/[\\/]/).slice(-1)[0]}:${r.line} ${r.code}`);
const STAR_TRAIN = 'from model import *\n\nnet = Net()\ncriterion = nn.CrossEntropyLoss()\n\n\ndef train(loader):\n    for x, y in loader:\n        probs = F.softmax(net(x), dim=1)\n        criterion(probs, y).backward()\n\n\ndef predict(x):\n    p = F.softmax(net(x), dim=1)\n    return torch.log(p)\n';
const STAR_ROWS: Array<[string, Record<string, string>, string[]]> = [
  ['the importer uses nn, F and torch of the model file', { 'model.py': modelFile('Net', NONE), 'train.py': STAR_TRAIN }, ['train.py:9 AL101', 'train.py:15 AL301']],
  ['through a chain: model.py star-imports common.py, which imports torch', {
    'common.py': HEAD, 'model.py': `from common import *\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(16, 4)\n\n    def forward(self, x):\n        return self.fc(x)\n`, 'train.py': STAR_TRAIN,
  }, ['train.py:9 AL101', 'train.py:15 AL301']],
  ['a cycle of star imports: the module met again while it is read gives nothing at that point, as in Python', {
    'a.py': 'from b import *\nimport torch.nn.functional as F\n', 'b.py': 'from a import *\nimport torch\n', 'c.py': 'from a import *\n\nz = torch.log(F.softmax(torch.randn(3, 4), dim=1))\n',
  }, ['c.py:3 AL301']],
  // (F.softmax of an F nothing binds is still read as PyTorch's, as without any import: AL301 stays)
  ['__all__ leaves nn out: nn.CrossEntropyLoss is not PyTorch\'s loss in the importer', { 'model.py': `__all__ = ['Net', 'F', 'torch']\n${modelFile('Net', NONE)}`, 'train.py': STAR_TRAIN }, ['train.py:15 AL301']],
  ['a module not in the run gives nothing (silent)', { 'train.py': STAR_TRAIN }, []],
  ['the importer rebinds F after the star import: its own F counts (silent)', { 'model.py': modelFile('Net', NONE), 'train.py': STAR_TRAIN.replace('from model import *\n', 'from model import *\nimport mylib as F\n') }, []],
];
for (const [name, files, expect] of STAR_ROWS) {
  test(`star import: ${name}`, async () => {
    const r = await checkJson(tree(files));
    assert.deepEqual(own(r.rows).sort(), [...expect].sort(), JSON.stringify(r.rows, null, 1));
  });
}

test('join: a notebook trains the model; the loss is named by cell and line', async () => {
  const nb = {
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# Training\n'] },
      { cell_type: 'code', metadata: {}, execution_count: 1, outputs: [], source: ['%matplotlib inline\n', 'import torch.nn as nn\n', 'from model import Net\n'] },
      { cell_type: 'code', metadata: {}, execution_count: 2, outputs: [], source: ['net = Net()\n', 'crit = nn.CrossEntropyLoss()\n', 'for x, y in []:\n', '    crit(net(x), y).backward()\n'] },
    ],
    metadata: {}, nbformat: 4, nbformat_minor: 5,
  };
  const dir = tree({ 'model.py': modelFile('Net', SOFTMAX), 'train.ipynb': JSON.stringify(nb) });
  const r = await checkJson(dir);
  assert.equal(r.rows.length, 1, JSON.stringify(r.rows));
  assert.equal(r.rows[0]!.code, 'AL101');
  assert.match(r.rows[0]!.message, /reaches CrossEntropyLoss in .*train\.ipynb, cell 3, line 2\.$/);
});

test('join: a notebook gives its loss to a training function of another file that applies the sigmoid', async () => {
  const nb = {
    cells: [
      { cell_type: 'code', metadata: {}, execution_count: 1, outputs: [], source: ['%load_ext autoreload\n', 'import torch.nn as nn\n', 'from train_model import train_model\n'] },
      { cell_type: 'markdown', metadata: {}, source: ['Multi-label: one sigmoid per label.\n'] },
      { cell_type: 'code', metadata: {}, execution_count: 2, outputs: [], source: ['model = nn.Linear(16, 7)\n', 'criterion = nn.BCELoss()\n', 'train_model(model, criterion, None, [])\n'] },
    ],
    metadata: {}, nbformat: 4, nbformat_minor: 5,
  };
  const r = await checkJson(tree({ 'train_model.py': TRAIN_FN('torch.sigmoid(outputs)'), 'run.ipynb': JSON.stringify(nb) }));
  assert.deepEqual(cross(r.rows), ['train_model.py:9 AL103'], JSON.stringify(r.rows));
  assert.match(r.rows[0]!.message, /It reaches BCELoss \(named in .*run\.ipynb, cell 3, line 2\), given as the argument criterion\.$/);
});

test('join: a notebook with `from model import *` and no torch import of its own names its loss through the model file\'s nn', async () => {
  const nb = (crit: string) => ({
    cells: [
      { cell_type: 'code', metadata: {}, execution_count: 1, outputs: [], source: ['from model import *\n'] },
      { cell_type: 'code', metadata: {}, execution_count: 2, outputs: [], source: ['net = Net(16, 1)\n', `crit = ${crit}\n`, 'for x, y in []:\n', '    crit(net(x), y).backward()\n'] },
    ],
    metadata: {}, nbformat: 4, nbformat_minor: 5,
  });
  const dir = tree({ 'model.py': modelFile('Net', SIGMOID), 'train.ipynb': JSON.stringify(nb('nn.BCELoss()')) });
  const r = await checkJson(dir);
  assert.deepEqual(r.rows.map((x) => [x.code, x.line]), [['AL103', 14]], JSON.stringify(r.rows));
  assert.match(r.rows[0]!.message, /reaches BCELoss in .*train\.ipynb, cell 2, line 2\.$/);
  // The same notebook with the loss that wants the sigmoid's probabilities' logits is AL104; with MSELoss, AL105 (info).
  const dir2 = tree({ 'model.py': modelFile('Net', SIGMOID), 'train.ipynb': JSON.stringify(nb('nn.BCEWithLogitsLoss()')) });
  assert.deepEqual((await checkJson(dir2)).rows.map((x) => x.code), ['AL104']);
});

test('join: a notebook hands the model to a training function of another file', async () => {
  const nb = {
    cells: [
      { cell_type: 'code', metadata: {}, execution_count: 1, outputs: [], source: ['!pip install torch\n', 'from model import Net\n', 'from train import train\n'] },
      { cell_type: 'code', metadata: {}, execution_count: 2, outputs: [], source: ['net = Net()\n', 'train(net, [])\n'] },
    ],
    metadata: {}, nbformat: 4, nbformat_minor: 5,
  };
  const dir = tree({
    'model.py': modelFile('Net', SOFTMAX), 'run.ipynb': JSON.stringify(nb),
    'train.py': `${HEAD}def train(model, loader):\n    crit = nn.NLLLoss()\n    for x, y in loader:\n        crit(model(x), y).backward()\n`,
  });
  const r = await checkJson(dir);
  assert.deepEqual(r.rows.map((x) => [x.code, x.line]), [['AL102', 14]], JSON.stringify(r.rows));
  assert.match(r.rows[0]!.message, /reaches NLLLoss in .*train\.py:6\.$/);
});

test('join: a notebook hands the model and its loss to a training function of another file; the loss is named by cell and line', async () => {
  const nb = {
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# Training\n'] },
      { cell_type: 'code', metadata: {}, execution_count: 1, outputs: [], source: ['import torch.nn as nn\n', 'from model import Net\n', 'from fit import fit\n'] },
      { cell_type: 'code', metadata: {}, execution_count: 2, outputs: [], source: ['net = Net()\n', 'criterion = nn.CrossEntropyLoss()\n', 'fit(net, criterion, [])\n'] },
    ],
    metadata: {}, nbformat: 4, nbformat_minor: 5,
  };
  const dir = tree({
    'model.py': modelFile('Net', SOFTMAX), 'run.ipynb': JSON.stringify(nb),
    'fit.py': 'def fit(model, criterion, loader):\n    for x, y in loader:\n        criterion(model(x), y).backward()\n',
  });
  const r = await checkJson(dir);
  assert.deepEqual(r.rows.map((x) => [x.code, x.line]), [['AL101', 14]], JSON.stringify(r.rows));
  // cells counted over all cells from 1 (the markdown cell is the first), lines within the cell
  assert.match(r.rows[0]!.message, /reaches CrossEntropyLoss in .*run\.ipynb, cell 3, line 2\.$/);
});

test('join: noqa, --ignore and --select apply in the model file', async () => {
  const dir = tree({ 'model.py': modelFile('Net', (x) => `F.softmax(${x}, dim=1)  # noqa: AL101`), 'train.py': trainFile('from model import Net', 'Net()', 'nn.CrossEntropyLoss()') });
  assert.deepEqual((await checkJson(dir)).rows, []);
  const dir2 = tree({ 'model.py': modelFile('Net', SOFTMAX), 'train.py': trainFile('from model import Net', 'Net()', 'nn.CrossEntropyLoss()') });
  assert.deepEqual((await checkJson('--ignore', 'AL1', dir2)).rows, []);
  assert.deepEqual(cross((await checkJson('--select', 'AL101', dir2)).rows), ['model.py:14 AL101']);
});

test('join: only files of the run are joined (the model file alone, or the training file alone, finds nothing)', async () => {
  const dir = tree({ 'model.py': modelFile('Net', SOFTMAX), 'train.py': trainFile('from model import Net', 'Net()', 'nn.CrossEntropyLoss()') });
  assert.deepEqual(cross((await checkJson(join(dir, 'model.py'))).rows), []);
  assert.deepEqual(cross((await checkJson(join(dir, 'train.py'))).rows), []);
  assert.deepEqual(cross((await checkJson(join(dir, 'model.py'), join(dir, 'train.py'))).rows), ['model.py:14 AL101']);
});

test('join: roots of a monorepo: an import resolves from roots above the importer only, whatever the order', async () => {
  const proj = (logits: boolean) => ({ 'models/__init__.py': 'from .net import Net\n', 'models/net.py': modelFile('Net', logits ? NONE : SOFTMAX) });
  const files: Record<string, string> = {};
  for (const [k, v] of Object.entries(proj(false))) files[`projA/${k}`] = v;
  for (const [k, v] of Object.entries(proj(true))) files[`projB/${k}`] = v;
  files['projB/scripts/train.py'] = trainFile('from models import Net', 'Net()', 'nn.CrossEntropyLoss()');
  files['projA/scripts/train.py'] = trainFile('from models import Net', 'Net()', 'nn.NLLLoss()');
  const dir = tree(files);
  const a = join(dir, 'projA');
  const b = join(dir, 'projB');
  // projA's own script trains projA's softmax model with NLLLoss (AL102); projB's CrossEntropyLoss never reaches projA.
  assert.deepEqual(cross((await checkJson(a, b)).rows), ['net.py:14 AL102']);
  assert.deepEqual(cross((await checkJson(b, a)).rows), ['net.py:14 AL102']);
  assert.deepEqual(cross((await checkJson(b)).rows), []);
});

test('join: two files train one model with losses that expect different things: both findings, no fix', async () => {
  const files = {
    'model.py': modelFile('Net', SOFTMAX),
    'a.py': trainFile('from model import Net', 'Net()', 'nn.NLLLoss()'),
    'b.py': trainFile('import model as M', 'M.Net()', 'nn.CrossEntropyLoss()'),
  };
  const dir = tree(files);
  const rows = (await checkJson(dir)).rows.filter((r) => r.file.endsWith('model.py')) as Array<Row & { fix: unknown }>;
  assert.deepEqual(rows.map((r) => [r.code, r.line]).sort(), [['AL101', 14], ['AL102', 14]]);
  assert.deepEqual(rows.map((r) => r.fix), [null, null]);
  // the same loss in both: its fix stands
  const same = tree({ ...files, 'a.py': trainFile('from model import Net', 'Net()', 'nn.CrossEntropyLoss()') });
  const one = (await checkJson(same)).rows.filter((r) => r.file.endsWith('model.py')) as Array<Row & { fix: { applicability: string } | null }>;
  assert.deepEqual(one.map((r) => [r.code, r.fix?.applicability]), [['AL101', 'unsafe']]);
});

test('join: a file with hundreds of calls of imported models keeps the first feeds within the budget of the file', async () => {
  const many = Array.from({ length: 300 }, (_, i) => `    m${i % 10} = Net()\n    h = m${i % 10}(x)\n    total = total + crit(h * 2, y)\n`).join('');
  const dir = tree({
    'model.py': modelFile('Net', SOFTMAX),
    'train.py': `${HEAD}from model import Net\n\ncrit = nn.MSELoss()\nfirst = Net()\nF.cross_entropy(first(torch.randn(2, 16)), torch.zeros(2, dtype=torch.long)).backward()\n\n\ndef run(x, y):\n    total = 0\n${many}    return total\n`,
  });
  const r = await checkJson(dir);
  assert.deepEqual(cross(r.rows), ['model.py:14 AL101'], JSON.stringify(r.rows));
});

test('files: a folder linked from below itself, and a path given twice, are checked once', async () => {
  const dir = tree({ 'model.py': modelFile('Net', SOFTMAX), 'train.py': trainFile('from model import Net', 'Net()', 'nn.CrossEntropyLoss()') });
  mkdirSync(join(dir, 'loop'));
  symlinkSync('..', join(dir, 'loop', 'up'), 'dir');
  const r = await checkJson(dir, dir, join(dir, 'model.py'));
  assert.deepEqual(cross(r.rows), ['model.py:14 AL101'], JSON.stringify(r.rows));
});

// ── import resolution ──────────────────────────────────────────────────────────────────────

test('RunModules: absolute, relative, package and root-relative imports resolve to files of the run', () => {
  const r = (p: string) => resolve(root, 'res', p);
  const files = ['app/train.py', 'app/model.py', 'app/pkg/__init__.py', 'app/pkg/nets.py', 'app/pkg/sub/__init__.py', 'app/pkg/sub/deep.py', 'app/pkg/sub/run.py', 'lib/shared.py', 'a/net.py', 'b/net.py'].map(r);
  const run = new RunModules(files, [resolve(root, 'res')]);
  const at = (importer: string, target: string, path: string[] = []) => {
    const hit = run.locate(r(importer), target, path);
    return hit ? `${hit.module.slice(resolve(root, 'res').length + 1)}#${hit.name}` : null;
  };
  assert.equal(at('app/train.py', 'model.Net'), 'app/model.py#Net'); // the importer's folder
  assert.equal(at('app/train.py', 'model', ['Net']), 'app/model.py#Net'); // import model as M; M.Net()
  assert.equal(at('app/train.py', 'pkg.nets.Net'), 'app/pkg/nets.py#Net');
  assert.equal(at('app/train.py', 'pkg.Net'), 'app/pkg/__init__.py#Net'); // re-exported, followed by the join
  assert.equal(at('app/train.py', 'pkg', ['nets', 'Net']), 'app/pkg/nets.py#Net'); // import pkg; pkg.nets.Net()
  assert.equal(at('app/pkg/sub/run.py', '.deep.Net'), 'app/pkg/sub/deep.py#Net'); // from .deep import Net
  assert.equal(at('app/pkg/sub/run.py', '..deep', ['Net']), 'app/pkg/sub/deep.py#Net'); // from . import deep
  assert.equal(at('app/pkg/sub/run.py', '..nets.Net'), 'app/pkg/nets.py#Net'); // from ..nets import Net
  assert.equal(at('app/pkg/sub/run.py', '..Net'), 'app/pkg/sub/__init__.py#Net'); // from . import Net
  assert.equal(at('app/pkg/sub/run.py', 'pkg.nets.Net'), 'app/pkg/nets.py#Net'); // absolute, from above the package
  assert.equal(at('app/train.py', 'lib.shared.Net'), 'lib/shared.py#Net'); // from the run's root
  assert.equal(at('app/train.py', 'a.net.Net'), 'a/net.py#Net');
  assert.equal(at('app/train.py', 'b.net.Net'), 'b/net.py#Net');
  assert.equal(at('app/train.py', 'missing.Net'), null);
  assert.equal(at('app/train.py', 'torch.nn.Linear'), null);
  assert.equal(at('app/model.py', 'model.Net'), null); // itself
  assert.equal(run.mayBeLocal(r('app/train.py'), 'torch.nn'), false);
  assert.equal(run.mayBeLocal(r('app/train.py'), 'numpy'), false);
  assert.equal(run.mayBeLocal(r('app/train.py'), 'model.Net'), true);
  assert.equal(run.mayBeLocal(r('app/train.py'), 'pkg.nets.Net'), true);
});

test('RunModules: a folder without __init__.py imported by its own name from a script inside it (a project run from its root)', () => {
  const base = resolve(root, 'own');
  const r = (p: string) => resolve(base, p);
  // checked from the folder above the project: the project's root is no root of the run
  const files = ['proj/my_cls/train.py', 'proj/my_cls/model.py', 'proj/my_cls/sub/eval.py', 'other/model.py'].map(r);
  const run = new RunModules(files, [base]);
  const at = (importer: string, target: string) => {
    const hit = run.locate(r(importer), target, []);
    return hit ? `${hit.module.slice(base.length + 1)}#${hit.name}` : null;
  };
  assert.equal(at('proj/my_cls/train.py', 'my_cls.model.Net'), 'proj/my_cls/model.py#Net');
  assert.equal(at('proj/my_cls/sub/eval.py', 'my_cls.model.Net'), 'proj/my_cls/model.py#Net');
  assert.equal(at('proj/my_cls/train.py', 'model.Net'), 'proj/my_cls/model.py#Net'); // the importer's folder still first
  assert.equal(at('proj/my_cls/train.py', 'other_cls.model.Net'), null); // no folder of that name above it
  assert.equal(at('proj/my_cls/train.py', 'proj.model.Net'), null); // proj has no model.py
});

test('join: AL107 before NLLLoss says what the model file does: scores distorted before its own log_softmax, or an activation with no log_softmax at all', async () => {
  const distorted = await checkJson(tree({
    'model.py': modelFile('Net', (x) => `F.log_softmax(F.relu(${x}), dim=1)`),
    'train.py': trainFile('from model import Net', 'Net()', 'None', 'F.nll_loss(out, y)'),
  }));
  const a = distorted.rows.find((r) => r.code === 'AL107' && r.file.endsWith('model.py'));
  assert.ok(a, JSON.stringify(distorted.rows));
  assert.match(a.message, /distorts the scores first/);
  const straight = await checkJson(tree({
    'model.py': modelFile('Net', SIGMOID),
    'train.py': trainFile('from model import Net', 'Net()', 'None', 'F.nll_loss(out, y)'),
  }));
  const b = straight.rows.find((r) => r.code === 'AL107' && r.file.endsWith('model.py'));
  assert.ok(b, JSON.stringify(straight.rows));
  assert.match(b.message, /with no log_softmax/);
  // the same in one file: the log_softmax the forward applies is seen there too
  const one = await checkJson(tree({ 'one.py': `${modelFile('Net', (x) => `F.log_softmax(torch.tanh(${x}), dim=1)`)}\nnet = Net()\nfor x, y in []:\n    F.nll_loss(net(x), y).backward()\n` }));
  assert.match(one.rows.find((r) => r.code === 'AL107')!.message, /distorts the scores first/);
});
