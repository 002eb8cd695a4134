// The rule table, positive and negative, on realistic snippets: each row is a source and the
// codes `lint` must (and must not) report on it.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadPython } from '../python/setup';
import { RULES, ADVICE_CODES } from './table-support';
import { codes, lintCells, lintSource } from './helpers';

before(loadPython);

const HEAD = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n';
const model = (layers: string, loss: string) => `${HEAD}class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(${layers})

    def forward(self, x):
        return self.net(x)


model = Net()
criterion = ${loss}
`;

// A Lightning classifier: forward returns `out`, the training step calls `self.forward` and hands
// the result to its own loss helper, which returns `loss(logits, y)`.
const lit = (out: string, loss: string) => `${HEAD}import pytorch_lightning as pl


class Classifier(pl.LightningModule):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU())
        self.head = nn.Linear(128, 10)

    def forward(self, x):
        h = self.body(x)
        return ${out}

    def loss_of(self, logits, y):
        return ${loss}(logits, y)

    def training_step(self, batch, batch_idx):
        x, y = batch
        scores = self.forward(x)
        loss = self.loss_of(scores, y)
        self.log('train_loss', loss)
        return loss

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=1e-3)
`;

type Row = [name: string, source: string, expect: string[], absent?: string[]];
const ROWS: Row[] = [
  // AL101
  ['nn.Softmax last module + CrossEntropyLoss', model('nn.Linear(4, 3), nn.Softmax(dim=1)', 'nn.CrossEntropyLoss()'), ['AL101']],
  ['nn.LogSoftmax last module + CrossEntropyLoss', model('nn.Linear(4, 3), nn.LogSoftmax(dim=1)', 'nn.CrossEntropyLoss()'), ['AL101']],
  ['F.softmax into F.cross_entropy', `${HEAD}logits = torch.randn(4, 3)\ny = torch.tensor([0, 1, 2, 0])\nloss = F.cross_entropy(F.softmax(logits, dim=1), y)\n`, ['AL101']],
  ['logits into CrossEntropyLoss (silent)', model('nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3)', 'nn.CrossEntropyLoss()'), [], ['AL101', 'AL107']],
  // A LightningModule calling itself as self.forward(x), its loss in a helper method (real code, session 17)
  ['self.forward(x) of a softmax model into a helper returning F.cross_entropy', lit('F.softmax(self.head(h), dim=1)', 'F.cross_entropy'), ['AL101']],
  ['self.forward(x) of a softmax model into a helper returning F.nll_loss', lit('torch.softmax(self.head(h), 1)', 'F.nll_loss'), ['AL102']],
  ['self.forward(x) of a log_softmax model into a helper returning F.nll_loss (silent)', lit('F.log_softmax(self.head(h), dim=1)', 'F.nll_loss'), [], ['AL101', 'AL102']],
  ['self.forward(x) of a logits model into a helper returning F.cross_entropy (silent)', lit('self.head(h)', 'F.cross_entropy'), [], ['AL101', 'AL107']],
  // AL102
  ['softmax into NLLLoss', model('nn.Linear(4, 3), nn.Softmax(dim=1)', 'nn.NLLLoss()'), ['AL102']],
  ['log_softmax + NLLLoss (silent)', model('nn.Linear(4, 3), nn.LogSoftmax(dim=1)', 'nn.NLLLoss()'), [], ['AL101', 'AL102']],
  // AL103 / AL104
  ['sigmoid + BCELoss', model('nn.Linear(4, 1), nn.Sigmoid()', 'nn.BCELoss()'), ['AL103']],
  ['sigmoid + BCEWithLogitsLoss', model('nn.Linear(4, 1), nn.Sigmoid()', 'nn.BCEWithLogitsLoss()'), ['AL104']],
  ['logits + BCEWithLogitsLoss (silent)', model('nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1)', 'nn.BCEWithLogitsLoss()'), [], ['AL103', 'AL104', 'AL107']],
  // AL105
  ['ReLU at a regression output', model('nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1), nn.ReLU()', 'nn.MSELoss()'), ['AL105']],
  ['identity regression output (silent)', model('nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1)', 'nn.MSELoss()'), [], ['AL105']],
  // the file's only MSE judges another model of the file (TRPO's critic): it stands in for no other model's loss
  ['the MSE judges the critic ValueNet; the actor PolicyNet no loss reaches (silent)', `${HEAD}class PolicyNet(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=1)\n\n\nclass ValueNet(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 1)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\nclass Agent:\n    def __init__(self):\n        self.actor = PolicyNet()\n        self.critic = ValueNet().to("cpu")\n\n    def update(self, s, target):\n        loss = F.mse_loss(self.critic(s).squeeze(-1), target)\n        loss.backward()\n`, [], ['AL105']],
  ['the critic\'s loss as a module, self.mse = nn.MSELoss(), called only on the critic (silent)', `${HEAD}class PolicyNet(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=1)\n\n\nclass ValueNet(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 1)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\nclass Agent:\n    def __init__(self):\n        self.actor = PolicyNet()\n        self.critic = ValueNet().to("cpu")\n        self.mse = nn.MSELoss()\n\n    def update(self, s, target):\n        loss = self.mse(self.critic(s).squeeze(-1), target)\n        loss.backward()\n`, [], ['AL105']],
  ['criterion = nn.MSELoss().to(device) at the top, called only on the critic (silent)', `${HEAD}class PolicyNet(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=1)\n\n\nclass ValueNet(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 1)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\nactor = PolicyNet()\ncritic = ValueNet()\ncriterion = nn.MSELoss().to("cpu")\n\n\ndef update(s, target):\n    criterion(critic(s), target).backward()\n`, [], ['AL105']],
  // a scratch script binds one loss and, the next statement, another to the same name: the first is never read (real code, session 20)
  ['loss_func = nn.NLLLoss() overwritten unread by nn.CrossEntropyLoss(): the file trains with CrossEntropyLoss (AL101)', `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(5, 3)\n        self.smax = nn.Softmax(dim=1)\n\n    def forward(self, x):\n        return self.smax(self.fc(x))\n\n\nnet = Net()\nloss_func = nn.NLLLoss()\nloss_func = nn.CrossEntropyLoss()\n`, ['AL101'], ['AL102']],
  ['self.loss = nn.NLLLoss() overwritten unread in __init__ (AL101)', `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(5, 3)\n        self.smax = nn.Softmax(dim=1)\n\n    def forward(self, x):\n        return self.smax(self.fc(x))\n\n\nnet = Net()\n\n\nclass Trainer:\n    def __init__(self):\n        self.loss = nn.NLLLoss()\n        # the other one\n        self.loss = nn.CrossEntropyLoss().to('cpu')\n`, ['AL101'], ['AL102']],
  ['loss_func = nn.NLLLoss() read before it is bound again: both stand in, the nearer one is NLLLoss (AL102)', `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(5, 3)\n        self.smax = nn.Softmax(dim=1)\n\n    def forward(self, x):\n        return self.smax(self.fc(x))\n\n\nnet = Net()\nloss_func = nn.NLLLoss()\nprint(loss_func)\nloss_func = nn.CrossEntropyLoss()\n`, ['AL102'], ['AL101']],
  ['loss_func = nn.NLLLoss() then loss_func = Wrapped(loss_func): the new value reads it (AL102)', `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(5, 3)\n        self.smax = nn.Softmax(dim=1)\n\n    def forward(self, x):\n        return self.smax(self.fc(x))\n\n\nnet = Net()\nloss_func = nn.NLLLoss()\nloss_func = Wrapped(loss_func)\n`, ['AL102'], ['AL101']],
  ['the module loss also handed to a function: where it is applied is not read, the file\'s loss is assumed (AL105)', `${HEAD}class PolicyNet(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=1)\n\n\nclass ValueNet(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 1)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\nactor = PolicyNet()\ncritic = ValueNet()\ncriterion = nn.MSELoss()\n\n\ndef fit(model, loss_fn, s, y):\n    loss_fn(model(s), y).backward()\n\n\ndef update(s, target):\n    criterion(critic(s), target).backward()\n    fit(actor, criterion, s, target)\n`, ['AL105']],
  ['the module loss called on the actor too (AL105)', `${HEAD}class PolicyNet(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=1)\n\n\nclass ValueNet(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 1)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\nclass Agent:\n    def __init__(self):\n        self.actor = PolicyNet()\n        self.critic = ValueNet()\n        self.mse = nn.MSELoss()\n\n    def update(self, s, target, probs_target):\n        self.mse(self.critic(s), target).backward()\n        self.mse(self.actor(s), probs_target).backward()\n`, ['AL105']],
  ['the MSE judges a model the file is given, not one of its classes: the file\'s loss is still assumed (AL105)', `${HEAD}class PolicyNet(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=1)\n\n\ndef fit(model, x, y):\n    F.mse_loss(model(x), y).backward()\n`, ['AL105']],
  // AL106 / AL107
  ['softmax into KLDivLoss', model('nn.Linear(4, 3), nn.Softmax(dim=1)', "nn.KLDivLoss(reduction='batchmean')"), ['AL106']],
  ['ReLU at the output before CrossEntropyLoss', model('nn.Linear(4, 3), nn.ReLU()', 'nn.CrossEntropyLoss()'), ['AL107']],
  ['softmax at the output before BCEWithLogitsLoss (multi-label tags squeezed into (0.5, 0.73)): AL107', model('nn.Linear(4, 20), nn.Softmax(dim=1)', 'nn.BCEWithLogitsLoss()') + 'for x, y in []:\n    criterion(model(x), y).backward()\n', ['AL107'], ['AL101', 'AL104']],
  ['log_softmax at the output before F.binary_cross_entropy_with_logits: AL107', `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 5)\n\n    def forward(self, x):\n        return F.log_softmax(self.fc(x), dim=1)\n\n\nmodel = Net()\nfor x, y in []:\n    F.binary_cross_entropy_with_logits(model(x), y).backward()\n`, ['AL107'], ['AL101']],
  ['softmax at the output before CrossEntropyLoss stays AL101\'s, not AL107\'s', model('nn.Linear(4, 3), nn.Softmax(dim=1)', 'nn.CrossEntropyLoss()') + 'for x, y in []:\n    criterion(model(x), y).backward()\n', ['AL101'], ['AL107']],
  ['attention weights before a logits head trained with BCEWithLogitsLoss are silent', `${HEAD}def step(q, k, v, head, y):\n    w = torch.softmax(q @ k.transpose(-2, -1), dim=-1)\n    return nn.BCEWithLogitsLoss()(head(w @ v), y)\n`, [], ['AL107', 'AL104']],
  ['softmax as the target of F.kl_div (distillation) is silent', `${HEAD}def kd(s, t, T=4.0):\n    return F.kl_div(F.log_softmax(s / T, dim=1), F.softmax(t / T, dim=1), reduction="batchmean")\n`, [], ['AL106', 'AL101']],
  ['softmax as the input of F.kl_div', `${HEAD}def kd(s, t):\n    return F.kl_div(F.softmax(s, dim=1), F.softmax(t, dim=1), reduction="batchmean")\n`, ['AL106']],
  ['soft labels for F.cross_entropy are silent', `${HEAD}def soft_ce(logits, teacher):\n    return F.cross_entropy(logits, F.softmax(teacher, dim=-1))\n`, [], ['AL101']],
  // AL201
  ['F.softmax without dim', `${HEAD}p = F.softmax(torch.randn(2, 3))\n`, ['AL201']],
  ['nn.Softmax() without dim', `${HEAD}act = nn.Softmax()\n`, ['AL201']],
  ['x.softmax() without dim is an error', `${HEAD}p = torch.randn(2, 3).softmax()\n`, ['AL201']],
  ['softmax with dim (silent)', `${HEAD}p = F.softmax(torch.randn(2, 3), dim=-1)\nq = torch.softmax(p, 1)\nact = nn.Softmax(dim=1)\n`, [], ['AL201']],
  ['class reference nn.Softmax (silent)', `${HEAD}layer = make(act=nn.Softmax)\n`, [], ['AL201']],
  // AL107: sigmoid before CrossEntropyLoss (a multi-class head kept from a multi-label one, seen in real CheXNet code)
  ['nn.Sigmoid() last in the classifier, trained with CrossEntropyLoss (AL107)', `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.classifier = nn.Sequential(nn.Linear(16, 14), nn.Sigmoid())\n\n    def forward(self, x):\n        return self.classifier(x)\n\n\nmodel = Net()\ncriterion = nn.CrossEntropyLoss()\nfor x, y in []:\n    criterion(model(x), y).backward()\n`, ['AL107'], ['AL103', 'AL104']],
  ['sigmoid at the output before BCEWithLogitsLoss is AL104, not AL107', `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(16, 1)\n\n    def forward(self, x):\n        return torch.sigmoid(self.fc(x))\n\n\nmodel = Net()\ncriterion = nn.BCEWithLogitsLoss()\nfor x, y in []:\n    criterion(model(x), y).backward()\n`, ['AL104'], ['AL107']],
  ['a hidden sigmoid before CrossEntropyLoss is no output (silent for AL107)', `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.body = nn.Sequential(nn.Linear(16, 32), nn.Sigmoid(), nn.Linear(32, 10))\n\n    def forward(self, x):\n        return self.body(x)\n\n\nmodel = Net()\ncriterion = nn.CrossEntropyLoss()\nfor x, y in []:\n    criterion(model(x), y).backward()\n`, [], ['AL107']],
  // AL108: a softmax's probabilities normalized again before the loss
  ['softmax at the output, log_softmax again into NLLLoss: AL108, not AL102', model('nn.Linear(4, 3), nn.Softmax(dim=1)', 'nn.NLLLoss()') + 'for x, y in []:\n    criterion(F.log_softmax(model(x), dim=1), y).backward()\n', ['AL108'], ['AL102', 'AL101']],
  ['F.softmax returned, x.log_softmax(1) into F.nll_loss in a helper: AL108', `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 3)\n\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=1)\n\n\ndef step(net, x, y):\n    return F.nll_loss(net(x).log_softmax(1), y)\n\n\nnet = Net()\nfor x, y in []:\n    step(net, x, y).backward()\n`, ['AL108'], ['AL102']],
  ['softmax, then softmax again into a hand-written cross-entropy: AL108', `${HEAD}w = torch.randn(4, 3, requires_grad=True)\nfor x, y in []:\n    p = torch.softmax(x @ w, dim=1)\n    q = torch.softmax(p, dim=1)\n    loss = -(q[range(len(y)), y]).log().mean()\n    loss.backward()\n`, ['AL108']],
  ['softmax again before CrossEntropyLoss stays AL101\'s', model('nn.Linear(4, 3), nn.Softmax(dim=1)', 'nn.CrossEntropyLoss()') + 'for x, y in []:\n    criterion(F.softmax(model(x), dim=1), y).backward()\n', ['AL101'], ['AL108']],
  ['log_softmax then softmax gives the probabilities back (silent)', `${HEAD}w = torch.randn(4, 3, requires_grad=True)\nfor x, y in []:\n    lp = F.log_softmax(x @ w, dim=1)\n    p = F.softmax(lp, dim=1)\n    F.mse_loss(p, y).backward()\n`, [], ['AL108']],
  ['attention weights through a product, then softmax into NLLLoss (silent)', `${HEAD}def step(q, k, v, y):\n    w = torch.softmax(q @ k.transpose(-2, -1), dim=-1)\n    return F.nll_loss(F.log_softmax((w @ v).mean(1), dim=-1), y)\n`, [], ['AL108']],
  ['softmax for a metric beside log_softmax of the same logits into NLL (silent)', `${HEAD}w = torch.randn(4, 3, requires_grad=True)\nfor x, y in []:\n    logits = x @ w\n    acc = (F.softmax(logits, dim=1).argmax(1) == y).float().mean()\n    F.nll_loss(F.log_softmax(logits, dim=1), y).backward()\n`, [], ['AL108']],
  ['a teacher\'s softmax as KLDivLoss\'s target (silent)', `${HEAD}def kd(student, teacher, x, T=4.0):\n    soft = F.softmax(teacher(x) / T, dim=1)\n    return nn.KLDivLoss(reduction="batchmean")(F.log_softmax(student(x) / T, dim=1), soft)\n`, [], ['AL108', 'AL106']],
  ['probabilities softmaxed again for sampling only (silent)', `${HEAD}def sample(logits):\n    p = F.softmax(logits, dim=-1)\n    return torch.multinomial(F.softmax(p / 0.7, dim=-1), 1)\n`, [], ['AL108']],
  // AL109: a KL divergence's target in the other form than the loss reads it
  ['log_softmax teacher as F.kl_div\'s target without log_target (NaN): AL109', `${HEAD}def kd(s, t, T=4.0):\n    return F.kl_div(F.log_softmax(s / T, dim=1), F.log_softmax(t / T, dim=1), reduction="batchmean") * T * T\n`, ['AL109'], ['AL106']],
  ['log_softmax target through a name, nn.KLDivLoss held by a loss module: AL109', `${HEAD}class Distill(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.kl = nn.KLDivLoss(reduction="batchmean")\n\n    def forward(self, s, t):\n        target = t.log_softmax(dim=-1)\n        return self.kl(F.log_softmax(s, dim=-1), target=target)\n`, ['AL109']],
  ['softmax target with log_target=True: AL109', `${HEAD}kl = nn.KLDivLoss(reduction="batchmean", log_target=True)\n\n\ndef kd(s, t):\n    return kl(F.log_softmax(s, dim=1), F.softmax(t, dim=1))\n`, ['AL109']],
  ['log_softmax target with log_target=True (silent)', `${HEAD}def kd(s, t):\n    return F.kl_div(F.log_softmax(s, dim=1), F.log_softmax(t, dim=1), reduction="batchmean", log_target=True)\n`, [], ['AL109', 'AL106']],
  ['softmax target of a plain KLDivLoss, the usual distillation (silent)', `${HEAD}kl = nn.KLDivLoss(reduction="batchmean")\n\n\ndef kd(s, t):\n    return kl(F.log_softmax(s, dim=1), F.softmax(t, dim=1))\n`, [], ['AL109', 'AL106']],
  ['log_softmax target made probabilities again by .exp() (silent)', `${HEAD}def kd(s, t):\n    lt = F.log_softmax(t, dim=1)\n    return F.kl_div(F.log_softmax(s, dim=1), lt.exp(), reduction="batchmean")\n`, [], ['AL109']],
  // AL110: softmax into BCELoss
  ['nn.Softmax last module + BCELoss (multi-label tags): AL110', model('nn.Linear(4, 5), nn.Softmax(dim=1)', 'nn.BCELoss()') + 'for x, y in []:\n    criterion(model(x), y).backward()\n', ['AL110'], ['AL103', 'AL107']],
  ['torch.softmax over one channel into F.binary_cross_entropy: AL110', `${HEAD}class Seg(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.head = nn.Conv2d(16, 1, 1)\n\n    def forward(self, x):\n        return torch.softmax(self.head(x), dim=1)\n\n\nnet = Seg()\nfor x, mask in []:\n    F.binary_cross_entropy(net(x), mask).backward()\n`, ['AL110']],
  ['the class-1 column of a two-class softmax into BCELoss (silent)', model('nn.Linear(4, 2), nn.Softmax(dim=1)', 'nn.BCELoss()') + 'for x, y in []:\n    criterion(model(x)[:, 1], y.float()).backward()\n', [], ['AL110']],
  ['sigmoid + BCELoss stays AL103\'s', model('nn.Linear(4, 5), nn.Sigmoid()', 'nn.BCELoss()') + 'for x, y in []:\n    criterion(model(x), y).backward()\n', ['AL103'], ['AL110']],
  ['softmax for attention inside a model trained with BCELoss (silent)', `${HEAD}class Att(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.q = nn.Linear(8, 8)\n        self.out = nn.Linear(8, 1)\n\n    def forward(self, x):\n        w = torch.softmax(self.q(x) @ x.transpose(1, 2), dim=-1)\n        return torch.sigmoid(self.out((w @ x).mean(1)))\n\n\nnet = Att()\nfor x, y in []:\n    nn.BCELoss()(net(x), y).backward()\n`, ['AL103'], ['AL110']],
  // MultiLabelSoftMarginLoss applies sigmoid itself, as BCEWithLogitsLoss does (the same value, PyTorch 1.13)
  ['sigmoid before MultiLabelSoftMarginLoss: AL104, naming that loss', model('nn.Linear(4, 3), nn.Sigmoid()', 'nn.MultiLabelSoftMarginLoss()') + 'for x, y in []:\n    criterion(model(x), y).backward()\n', ['AL104'], ['AL103']],
  ['logits into MultiLabelSoftMarginLoss (silent)', model('nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3)', 'nn.MultiLabelSoftMarginLoss()') + 'for x, y in []:\n    criterion(model(x), y).backward()\n', [], ['AL104', 'AL107']],
  // a loss bound in the enclosing function, called in a nested one (a closure: a real class project's `def train(epoch)`)
  ['sigmoid model, BCELoss bound in the enclosing function and called in a nested def: AL103', model('nn.Linear(4, 1), nn.Sigmoid()', 'None') + '\n\ndef fit(loader):\n    loss_f = nn.BCELoss()\n\n    def train_epoch():\n        for x, y in loader:\n            loss_f(model(x), y).backward()\n\n    train_epoch()\n', ['AL103']],
  ['the nested def binds its own loss: that one judges (silent)', model('nn.Linear(4, 1), nn.Sigmoid()', 'None') + '\n\ndef fit(loader):\n    loss_f = nn.BCELoss()\n\n    def train_epoch():\n        loss_f = nn.MSELoss()\n        for x, y in loader:\n            loss_f(model(x), y).backward()\n\n    train_epoch()\n', [], ['AL103']],
  // AL111: raw scores into NLLLoss
  ['a GCN-like forward ending with a layer, trained with F.nll_loss: AL111', `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.lin1 = nn.Linear(16, 32)\n        self.lin2 = nn.Linear(32, 7)\n\n    def forward(self, x):\n        x = F.relu(self.lin1(x))\n        return self.lin2(x)\n\n\nmodel = Net()\nfor x, y in []:\n    F.nll_loss(model(x), y).backward()\n`, ['AL111']],
  ['the same with log_softmax in the training code (silent)', `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.lin1 = nn.Linear(16, 32)\n        self.lin2 = nn.Linear(32, 7)\n\n    def forward(self, x):\n        x = F.relu(self.lin1(x))\n        return self.lin2(x)\n\n\nmodel = Net()\nfor x, y in []:\n    F.nll_loss(F.log_softmax(model(x), dim=1), y).backward()\n`, [], ['AL111']],
  ['log_softmax at the end of forward (silent)', `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.lin1 = nn.Linear(16, 32)\n        self.lin2 = nn.Linear(32, 7)\n\n    def forward(self, x):\n        x = F.relu(self.lin1(x))\n        return F.log_softmax(self.lin2(x), dim=1)\n\n\nmodel = Net()\nfor x, y in []:\n    F.nll_loss(model(x), y).backward()\n`, [], ['AL111']],
  ['a model only defined, the file\'s NLLLoss trains another (silent)', `${HEAD}class Unused(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))\n\n    def forward(self, x):\n        return self.net(x)\n\n\ndef nll(log_probs, y):\n    return F.nll_loss(log_probs, y)\n`, [], ['AL111']],
  ['raw scores into CrossEntropyLoss (silent)', model('nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3)', 'nn.CrossEntropyLoss()') + 'for x, y in []:\n    criterion(model(x), y).backward()\n', [], ['AL111']],
  // AL202
  ['F.tanh / F.sigmoid', `${HEAD}a = F.tanh(torch.randn(3))\nb = F.sigmoid(a)\n`, ['AL202']],
  ['torch.nn.functional.tanh spelled out', 'import torch\n\nh = torch.nn.functional.tanh(torch.zeros(2))\n', ['AL202']],
  ['torch.tanh (silent)', `${HEAD}a = torch.tanh(torch.randn(3))\nb = torch.sigmoid(a)\n`, [], ['AL202']],
  // AL301 / AL302
  ['torch.log(F.softmax(x, d))', `${HEAD}x = torch.randn(2, 3)\nlp = torch.log(F.softmax(x, 1))\n`, ['AL301']],
  ['F.softmax(x, d).log()', `${HEAD}x = torch.randn(2, 3)\nlp = F.softmax(x, dim=-1).log()\n`, ['AL301']],
  ['x.softmax(d).log()', `${HEAD}x = torch.randn(2, 3)\nlp = x.softmax(1).log()\n`, ['AL301']],
  ['th.log through an alias', 'import torch as th\n\nx = th.randn(2, 3)\nlp = th.log(th.softmax(x, 1))\n', ['AL301']],
  ['log(softmax + eps) is a choice (silent)', `${HEAD}x = torch.randn(2, 3)\nlp = torch.log(F.softmax(x, 1) + 1e-8)\n`, [], ['AL301']],
  ['np.log of a softmax is not torch.log (silent)', `${HEAD}import numpy as np\nx = torch.randn(2, 3)\nlp = np.log(F.softmax(x, 1))\n`, [], ['AL301']],
  ['log of a softmax into nll_loss is AL301, not AL102', `${HEAD}scores = torch.randn(8, 5)\ny = torch.randint(0, 5, (8,))\nloss = F.nll_loss(torch.log(F.softmax(scores, dim=1)), y)\n`, ['AL301'], ['AL102']],
  ['log of a softmax through a variable (soft-target cross-entropy)', `${HEAD}def soft_ce(logits, target):\n    probs = F.softmax(logits, 1)\n    return (-target * torch.log(probs)).sum(1).mean()\n`, ['AL301']],
  ['.log() of a variable holding x.softmax(d)', `${HEAD}def entropy(scores):\n    p = scores.softmax(dim=-1)\n    logp = p.log()\n    return -(p * logp).sum(-1)\n`, ['AL301']],
  ['log of a sigmoid through a variable', `${HEAD}def bce(z, y):\n    p = torch.sigmoid(z)\n    return -(y * torch.log(p)).mean()\n`, ['AL302']],
  ['log(p + eps) of a variable is a choice (silent)', `${HEAD}def soft_ce(logits, target):\n    probs = F.softmax(logits, 1)\n    return (-target * torch.log(probs + 1e-8)).sum(1).mean()\n`, [], ['AL301']],
  ['the variable clamped in place before the log (silent)', `${HEAD}def soft_ce(logits, target):\n    probs = F.softmax(logits, 1)\n    probs.clamp_(min=1e-6)\n    return (-target * torch.log(probs)).sum(1).mean()\n`, [], ['AL301']],
  ['the variable softmaxed in one branch only (silent)', `${HEAD}def ce(ori, target, normalise):\n    if normalise:\n        ori = F.softmax(ori, dim=1)\n    ori = torch.log(ori)\n    return -(ori * target).sum()\n`, [], ['AL301']],
  ['the variable bound to a clamped softmax (silent)', `${HEAD}def soft_ce(logits, target):\n    probs = F.softmax(logits, 1).clamp(min=1e-6)\n    return (-target * torch.log(probs)).sum(1).mean()\n`, [], ['AL301']],
  ['np.log of a variable holding a softmax (silent)', `${HEAD}import numpy as np\n\n\ndef score(logits):\n    p = F.softmax(logits, 1).detach().numpy()\n    return np.log(p)\n`, [], ['AL301']],
  ['log of the gathered softmax entries (hand-written NLL)', `${HEAD}scores = torch.randn(4, 10)\nlabels = torch.tensor([2, 3, 0, 1])\nprobs = F.softmax(scores, dim=1)\npicked = probs.gather(1, labels.view(-1, 1))\nloss = torch.mean(-torch.log(picked))\n`, ['AL301']],
  ['log of indexed softmax entries', `${HEAD}def nll(scores, y):\n    return -torch.log(F.softmax(scores, dim=1)[torch.arange(len(y)), y]).mean()\n`, ['AL301']],
  ['log of a softmax masked through its own name', `${HEAD}def masked_logp(scores, keep):\n    p = scores.softmax(-1)\n    p = p[keep]\n    return torch.log(p)\n`, ['AL301']],
  ['log of entries picked by the functional gather, torch imported as th', `import torch as th\nimport torch.nn.functional as F\n\ndef nll(scores, y):\n    p = F.softmax(scores, dim=1)\n    return -th.log(th.gather(p, 1, y)).mean()\n`, ['AL301']],
  ['log of entries picked by another library\'s gather (silent)', `${HEAD}import mylib\n\ndef nll(scores, y):\n    p = F.softmax(scores, dim=1)\n    return -torch.log(mylib.gather(p, 1, y)).mean()\n`, [], ['AL301']],
  ['log of gathered entries plus eps (silent)', `${HEAD}def nll(scores, y):\n    probs = F.softmax(scores, dim=1)\n    picked = probs.gather(1, y.view(-1, 1)) + 1e-8\n    return -torch.log(picked).mean()\n`, [], ['AL301']],
  ['log of entries of a function parameter (silent: where it comes from is not this file’s flow)', `${HEAD}def cross_entropy(y_hat, y):\n    return -torch.log(y_hat[range(len(y_hat)), y])\n`, [], ['AL301']],
  ['log of a softmax module held by the model (self.softmax in __init__)', `${HEAD}class Head(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(8, 4)\n        self.softmax = nn.Softmax(dim=1)\n\n    def forward(self, x):\n        return torch.log(self.softmax(self.fc(x)))\n`, ['AL301']],
  // the log of what a model of the file returns (session 18's real sweep: the actor-critic update of hands-on RL code)
  ['log of gathered entries of a policy model whose forward returns a softmax (self.actor built .to(device))', `${HEAD}class PolicyNet(nn.Module):\n    def __init__(self, n_in, n_out):\n        super().__init__()\n        self.fc1 = nn.Linear(n_in, 64)\n        self.fc2 = nn.Linear(64, n_out)\n\n    def forward(self, x):\n        x = F.relu(self.fc1(x))\n        return F.softmax(self.fc2(x), dim=1)\n\n\nclass Agent:\n    def __init__(self, device):\n        self.actor = PolicyNet(4, 2).to(device)\n\n    def update(self, states, actions, advantage):\n        log_probs = torch.log(self.actor(states).gather(1, actions))\n        (-log_probs * advantage).mean().backward()\n`, ['AL301']],
  ['log of a policy whose forward returns x = self.fc(x), an nn.Sequential ending in nn.Softmax', `${HEAD}class SeqPolicy(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Sequential(nn.Linear(4, 64), nn.ReLU(), nn.Linear(64, 2), nn.Softmax(dim=1))\n\n    def forward(self, x):\n        x = self.fc(x)\n        return x\n\n\nclass Agent:\n    def __init__(self):\n        self.actor = SeqPolicy()\n\n    def update(self, states, actions):\n        return torch.log(self.actor(states).gather(1, actions))\n`, ['AL301']],
  ['log of a policy whose forward returns self.softmax(…), an nn.Softmax the class holds', `${HEAD}class HeldPolicy(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n        self.softmax = nn.Softmax(dim=1)\n\n    def forward(self, x):\n        return self.softmax(self.fc(x))\n\n\nclass Agent:\n    def __init__(self):\n        self.actor = HeldPolicy()\n\n    def update(self, states, actions):\n        return torch.log(self.actor(states).gather(1, actions))\n`, ['AL301']],
  ['the module the class holds under that name is a Tanh (silent)', `${HEAD}class HeldPolicy(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n        self.softmax = nn.Tanh()\n\n    def forward(self, x):\n        return self.softmax(self.fc(x))\n\n\nclass Agent:\n    def __init__(self):\n        self.actor = HeldPolicy()\n\n    def update(self, states, actions):\n        return torch.log(self.actor(states).gather(1, actions))\n`, [], ['AL301']],
  ['the nn.Sequential ends in nn.LogSoftmax (silent)', `${HEAD}class SeqPolicy(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Sequential(nn.Linear(4, 64), nn.ReLU(), nn.Linear(64, 2), nn.LogSoftmax(dim=1))\n\n    def forward(self, x):\n        x = self.fc(x)\n        return x\n\n\nclass Agent:\n    def __init__(self):\n        self.actor = SeqPolicy()\n\n    def update(self, states, actions):\n        return torch.log(self.actor(states).gather(1, actions))\n`, [], ['AL301']],
  ['the forward rescales the Sequential\'s output before returning it (silent)', `${HEAD}class SeqPolicy(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Sequential(nn.Linear(4, 64), nn.ReLU(), nn.Linear(64, 2), nn.Softmax(dim=1))\n\n    def forward(self, x):\n        x = self.fc(x)\n        x = x * 0.5 + 0.25\n        return x\n\n\nclass Agent:\n    def __init__(self):\n        self.actor = SeqPolicy()\n\n    def update(self, states, actions):\n        return torch.log(self.actor(states).gather(1, actions))\n`, [], ['AL301']],
  ['log of a policy model\'s output through a name (probs = policy(s))', `${HEAD}class PolicyNet(nn.Module):\n    def __init__(self, n_in, n_out):\n        super().__init__()\n        self.fc1 = nn.Linear(n_in, 64)\n        self.fc2 = nn.Linear(64, n_out)\n\n    def forward(self, x):\n        x = F.relu(self.fc1(x))\n        return F.softmax(self.fc2(x), dim=1)\n\n\ndef reinforce_step(states, actions, returns):\n    policy = PolicyNet(4, 2)\n    probs = policy(states)\n    picked = probs[torch.arange(len(actions)), actions]\n    return -(torch.log(picked) * returns).sum()\n`, ['AL301']],
  ['log of the policy plus eps is a choice (silent)', `${HEAD}class PolicyNet(nn.Module):\n    def __init__(self, n_in, n_out):\n        super().__init__()\n        self.fc1 = nn.Linear(n_in, 64)\n        self.fc2 = nn.Linear(64, n_out)\n\n    def forward(self, x):\n        x = F.relu(self.fc1(x))\n        return F.softmax(self.fc2(x), dim=1)\n\n\nclass Agent:\n    def __init__(self):\n        self.actor = PolicyNet(4, 2)\n\n    def update(self, states, actions, advantage):\n        log_probs = torch.log(self.actor(states).gather(1, actions) + 1e-8)\n        (-log_probs * advantage).mean().backward()\n`, [], ['AL301']],
  ['the forward returns log_softmax: its log is no log of a softmax (silent)', `${HEAD}class LogPolicy(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return F.log_softmax(self.fc(x), dim=1)\n\n\nclass Agent:\n    def __init__(self):\n        self.actor = LogPolicy()\n\n    def update(self, states, actions):\n        return torch.log(-self.actor(states).gather(1, actions))\n`, [], ['AL301']],
  ['the forward returns the logits or the softmax by a flag: two returns (silent)', `${HEAD}class Policy(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x, probs=True):\n        if probs:\n            return F.softmax(self.fc(x), dim=1)\n        return self.fc(x)\n\n\nclass Agent:\n    def __init__(self):\n        self.actor = Policy()\n\n    def update(self, states, actions):\n        return torch.log(self.actor(states).gather(1, actions))\n`, [], ['AL301']],
  ['a model class defined twice in the file (silent: which one is built is not read)', `${HEAD}class PolicyNet(nn.Module):\n    def __init__(self, n_in, n_out):\n        super().__init__()\n        self.fc1 = nn.Linear(n_in, 64)\n        self.fc2 = nn.Linear(64, n_out)\n\n    def forward(self, x):\n        x = F.relu(self.fc1(x))\n        return F.softmax(self.fc2(x), dim=1)\n\n\nclass PolicyNet(nn.Module):\n    def forward(self, x):\n        return x\n\n\nclass Agent:\n    def __init__(self):\n        self.actor = PolicyNet(4, 2)\n\n    def update(self, states, actions):\n        return torch.log(self.actor(states).gather(1, actions))\n`, [], ['AL301']],
  ['a GAN discriminator whose forward returns a sigmoid, logged by hand (AL302 twice)', `${HEAD}class D(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(8, 1)\n\n    def forward(self, x):\n        return torch.sigmoid(self.fc(x))\n\n\nclass Trainer:\n    def __init__(self):\n        self.disc = D()\n\n    def d_loss(self, real, fake):\n        return -(torch.log(self.disc(real)) + torch.log(1 - self.disc(fake))).mean()\n`, ['AL302', 'AL302']],
  // a model the module builds once, read in a loop or a function (the vanilla GAN script's hand-written loss)
  ['D = Discriminator() at module level, its logs in the training loop and in a function (AL302 ×4)', `${HEAD}class Discriminator(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(784, 128), nn.LeakyReLU(0.2), nn.Linear(128, 1), nn.Sigmoid())\n\n    def forward(self, x):\n        return self.net(x)\n\n\nD = Discriminator()\nfor x in []:\n    d_loss = -torch.mean(torch.log(D(x)) + torch.log(1 - D(x.flip(0))))\n\n\ndef g_step(fake):\n    return -torch.log(D(fake)).mean() - torch.log(1 - D(fake)).mean()\n`, ['AL302', 'AL302', 'AL302', 'AL302']],
  ['D = D.to(device) gives the same module back: still found', `${HEAD}class Discriminator(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(784, 128), nn.LeakyReLU(0.2), nn.Linear(128, 1), nn.Sigmoid())\n\n    def forward(self, x):\n        return self.net(x)\n\n\ndevice = "cpu"\nD = Discriminator()\nD = D.to(device)\n\n\ndef d_step(x):\n    return -torch.log(D(x)).mean()\n`, ['AL302']],
  ['sm = nn.Softmax(dim=1) at module level, its log in a function', `${HEAD}sm = nn.Softmax(dim=1)\n\n\ndef nll(scores, y):\n    return -torch.log(sm(scores)[range(len(y)), y]).mean()\n`, ['AL301']],
  ['a parameter of the function shadows the module\'s D (silent)', `${HEAD}class Discriminator(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(784, 128), nn.LeakyReLU(0.2), nn.Linear(128, 1), nn.Sigmoid())\n\n    def forward(self, x):\n        return self.net(x)\n\n\nD = Discriminator()\n\n\ndef d_step(D, x):\n    return -torch.log(D(x)).mean()\n`, [], ['AL302']],
  ['D bound twice at module level: which model is unknown (silent)', `${HEAD}class Discriminator(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(784, 128), nn.LeakyReLU(0.2), nn.Linear(128, 1), nn.Sigmoid())\n\n    def forward(self, x):\n        return self.net(x)\n\n\nD = Discriminator()\nD = nn.Linear(784, 1)\n\n\ndef d_step(x):\n    return -torch.log(D(x)).mean()\n`, [], ['AL302']],
  ['D a loop variable too (silent)', `${HEAD}class Discriminator(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(784, 128), nn.LeakyReLU(0.2), nn.Linear(128, 1), nn.Sigmoid())\n\n    def forward(self, x):\n        return self.net(x)\n\n\nD = Discriminator()\nfor D in [nn.Identity()]:\n    pass\n\n\ndef d_step(x):\n    return -torch.log(D(x)).mean()\n`, [], ['AL302']],
  ['a function binds its own D elsewhere (silent: not read which one a call meets)', `${HEAD}class Discriminator(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(784, 128), nn.LeakyReLU(0.2), nn.Linear(128, 1), nn.Sigmoid())\n\n    def forward(self, x):\n        return self.net(x)\n\n\nD = Discriminator()\n\n\ndef other():\n    D = nn.Identity()\n    return D\n\n\ndef d_step(x):\n    return -torch.log(D(x)).mean()\n`, [], ['AL302']],
  // a model a function builds once and reads in its training loop, however far below (session 19's verifier: DCGAN and PPO main())
  ['D = Discriminator() at the top of main(), its logs in the loop ten statements below (AL302 ×2)', `${HEAD}class Discriminator(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(784, 128), nn.LeakyReLU(0.2), nn.Linear(128, 1), nn.Sigmoid())\n\n    def forward(self, x):\n        return self.net(x)\n\n\ndef main(loader):\n    D = Discriminator().to("cpu")\n    G = nn.Linear(64, 784)\n    d_opt = torch.optim.Adam(D.parameters(), lr=2e-4)\n    g_opt = torch.optim.Adam(G.parameters(), lr=2e-4)\n    d_total = 0.0\n    g_total = 0.0\n    steps = 0\n    history = []\n    best = None\n    patience = 3\n    for x in loader:\n        z = torch.randn(len(x), 64)\n        d_loss = -torch.mean(torch.log(D(x)) + torch.log(1 - D(G(z))))\n        d_total += d_loss.item()\n    return d_total\n`, ['AL302', 'AL302']],
  ['the function binds D twice (silent)', `${HEAD}class Discriminator(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(784, 128), nn.LeakyReLU(0.2), nn.Linear(128, 1), nn.Sigmoid())\n\n    def forward(self, x):\n        return self.net(x)\n\n\ndef main(loader):\n    D = Discriminator()\n    G = nn.Linear(64, 784)\n    d_opt = torch.optim.Adam(D.parameters(), lr=2e-4)\n    g_opt = torch.optim.Adam(G.parameters(), lr=2e-4)\n    d_total = 0.0\n    g_total = 0.0\n    steps = 0\n    history = []\n    best = None\n    patience = 3\n    D = nn.Linear(784, 1)\n    for x in loader:\n        z = torch.randn(len(x), 64)\n        d_loss = -torch.mean(torch.log(D(x)) + torch.log(1 - D(G(z))))\n        d_total += d_loss.item()\n    return d_total\n`, [], ['AL302']],
  ['D bound in a branch of the function only (silent)', `${HEAD}class Discriminator(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(784, 128), nn.LeakyReLU(0.2), nn.Linear(128, 1), nn.Sigmoid())\n\n    def forward(self, x):\n        return self.net(x)\n\n\ndef main(loader, pretrained):\n    if pretrained:\n        D = Discriminator()\n    else:\n        D = nn.Linear(784, 1)\n    G = nn.Linear(64, 784)\n    d_opt = torch.optim.Adam(D.parameters(), lr=2e-4)\n    g_opt = torch.optim.Adam(G.parameters(), lr=2e-4)\n    d_total = 0.0\n    g_total = 0.0\n    steps = 0\n    history = []\n    best = None\n    patience = 3\n    for x in loader:\n        z = torch.randn(len(x), 64)\n        d_loss = -torch.mean(torch.log(D(x)) + torch.log(1 - D(G(z))))\n        d_total += d_loss.item()\n    return d_total\n`, [], ['AL302']],
  ['D a parameter of the function nothing calls (silent)', `${HEAD}class Discriminator(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(784, 128), nn.LeakyReLU(0.2), nn.Linear(128, 1), nn.Sigmoid())\n\n    def forward(self, x):\n        return self.net(x)\n\n\ndef main(loader, D):\n    D = Discriminator()\n    G = nn.Linear(64, 784)\n    d_opt = torch.optim.Adam(D.parameters(), lr=2e-4)\n    g_opt = torch.optim.Adam(G.parameters(), lr=2e-4)\n    d_total = 0.0\n    g_total = 0.0\n    steps = 0\n    history = []\n    best = None\n    patience = 3\n    for x in loader:\n        z = torch.randn(len(x), 64)\n        d_loss = -torch.mean(torch.log(D(x)) + torch.log(1 - D(G(z))))\n        d_total += d_loss.item()\n    return d_total\n`, [], ['AL302']],
  ['the loop reads D before the function binds it (silent)', `${HEAD}class Discriminator(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(784, 128), nn.LeakyReLU(0.2), nn.Linear(128, 1), nn.Sigmoid())\n\n    def forward(self, x):\n        return self.net(x)\n\n\ndef main(loader):\n    for x in loader:\n        z = torch.randn(len(x), 64)\n        d_loss = -torch.mean(torch.log(D(x)) + torch.log(1 - D(G(z))))\n        d_total += d_loss.item()\n    D = Discriminator()\n    return d_total\n`, [], ['AL302']],
  ['a def inside the function binds its own D (silent)', `${HEAD}class Discriminator(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(784, 128), nn.LeakyReLU(0.2), nn.Linear(128, 1), nn.Sigmoid())\n\n    def forward(self, x):\n        return self.net(x)\n\n\ndef main(loader):\n    D = Discriminator()\n\n    def reset():\n        D = nn.Identity()\n        return D\n    G = nn.Linear(64, 784)\n    d_opt = torch.optim.Adam(D.parameters(), lr=2e-4)\n    g_opt = torch.optim.Adam(G.parameters(), lr=2e-4)\n    d_total = 0.0\n    g_total = 0.0\n    steps = 0\n    history = []\n    best = None\n    patience = 3\n    for x in loader:\n        z = torch.randn(len(x), 64)\n        d_loss = -torch.mean(torch.log(D(x)) + torch.log(1 - D(G(z))))\n        d_total += d_loss.item()\n    return d_total\n`, [], ['AL302']],
  ['D bound in the one branch that does not raise (if args.model == "GAN": … else: raise), read in the loop (AL302)', `${HEAD}class Discriminator(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(784, 128), nn.LeakyReLU(0.2), nn.Linear(128, 1), nn.Sigmoid())\n\n    def forward(self, x):\n        return self.net(x)\n\n\ndef main(args, loader):\n    if args.model == "GAN":\n        D = Discriminator()\n    else:\n        raise ValueError(args.model)\n    for x in loader:\n        real_out = D(x)\n        d_loss = -torch.log(real_out).mean()\n`, ['AL302']],
  ['D bound in a with block of the function (AL302)', `${HEAD}class Discriminator(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(784, 128), nn.LeakyReLU(0.2), nn.Linear(128, 1), nn.Sigmoid())\n\n    def forward(self, x):\n        return self.net(x)\n\n\ndef main(loader):\n    with torch.device("cpu"):\n        D = Discriminator()\n    for x in loader:\n        d_loss = -torch.log(D(x)).mean()\n`, ['AL302']],
  ['main() builds D and hands it to train(G, D) (AL302)', `${HEAD}class Discriminator(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(784, 128), nn.LeakyReLU(0.2), nn.Linear(128, 1), nn.Sigmoid())\n\n    def forward(self, x):\n        return self.net(x)\n\n\ndef train(G, D, loader):\n    for x in loader:\n        (-torch.log(D(x)).mean()).backward()\n\n\ndef main():\n    G = nn.Linear(64, 784)\n    D = Discriminator()\n    train(G, D, [])\n`, ['AL302']],
  // a model that is an nn.Sequential written in place, no class around it (session 19's verifier)
  ['D = nn.Sequential(…, nn.Sigmoid()) at module level, its logs in a training function (AL302 ×3)', `${HEAD}G = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 784), nn.Tanh())\nD = nn.Sequential(nn.Linear(784, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1), nn.Sigmoid()).to("cpu")\n\n\ndef train(loader):\n    for x in loader:\n        z = torch.randn(x.size(0), 64)\n        d_loss = -torch.mean(torch.log(D(x)) + torch.log(1 - D(G(z))))\n        g_loss = -torch.mean(torch.log(D(G(z))))\n`, ['AL302', 'AL302', 'AL302']],
  ['a policy nn.Sequential ending in nn.Softmax, its gathered entries logged (AL301)', `${HEAD}from torch.nn import Sequential\n\n\ndef step(s, a):\n    policy = Sequential(nn.Linear(4, 64), nn.ReLU(), nn.Linear(64, 2), nn.Softmax(dim=-1))\n    return torch.log(policy(s).gather(1, a))\n`, ['AL301']],
  ['the nn.Sequential ends in a Linear: logits (silent)', `${HEAD}D = nn.Sequential(nn.Linear(784, 256), nn.Sigmoid(), nn.Linear(256, 1))\nloss = -torch.log(D(torch.randn(2, 784))).mean()\n`, [], ['AL302']],
  ['nn.Sequential(*layers): its last module is not read (silent)', `${HEAD}layers = [nn.Linear(784, 1), nn.Sigmoid()]\nD = nn.Sequential(*layers)\nloss = -torch.log(D(torch.randn(2, 784))).mean()\n`, [], ['AL302']],
  ['a class of the file named Sequential is that class (silent: its forward returns logits)', `${HEAD}class Sequential(nn.Module):\n    def __init__(self, *mods):\n        super().__init__()\n        self.fc = nn.Linear(4, 1)\n\n    def forward(self, x):\n        return self.fc(x)\n\n\nD = Sequential(nn.Linear(4, 1), nn.Sigmoid())\nloss = -torch.log(D(torch.randn(2, 4))).mean()\n`, [], ['AL302']],
  // a forward returning its sigmoid reshaped (the DCGAN example's `output.view(-1, 1).squeeze(1)`)
  ['the forward returns output.view(-1, 1).squeeze(1) of an nn.Sequential ending in nn.Sigmoid (AL302 ×2)', `${HEAD}class D(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.main = nn.Sequential(nn.Linear(8, 1), nn.Sigmoid())\n\n    def forward(self, x):\n        output = self.main(x)\n        return output.view(-1, 1).squeeze(1)\n\n\nnetD = D()\n\n\ndef d_loss(real, fake):\n    return -(torch.log(netD(real)) + torch.log(1 - netD(fake))).mean()\n`, ['AL302', 'AL302']],
  ['the forward returns self.main(x).view(x.size(0)) (AL302)', `${HEAD}class D(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.main = nn.Sequential(nn.Linear(8, 1), nn.Sigmoid())\n\n    def forward(self, x):\n        return self.main(x).view(x.size(0))\n\n\nnetD = D()\nloss = -torch.log(netD(torch.randn(4, 8))).mean()\n`, ['AL302']],
  ['the forward clamps the reshaped sigmoid (silent)', `${HEAD}class D(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.main = nn.Sequential(nn.Linear(8, 1), nn.Sigmoid())\n\n    def forward(self, x):\n        output = self.main(x)\n        return output.view(-1).clamp(1e-6, 1 - 1e-6)\n\n\nnetD = D()\nloss = -torch.log(netD(torch.randn(4, 8))).mean()\n`, [], ['AL302']],
  // a model handed to a training function of the file (every call gives that parameter the same class)
  ['a training function\'s parameter, given the module-level D at its one call (AL302)', `${HEAD}class Discriminator(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(784, 128), nn.LeakyReLU(0.2), nn.Linear(128, 1), nn.Sigmoid())\n\n    def forward(self, x):\n        return self.net(x)\n\n\ndef train(D, loader):\n    for x in loader:\n        (-torch.log(D(x)).mean()).backward()\n\n\nD = Discriminator()\ntrain(D, [])\n`, ['AL302']],
  ['given built in the call, by keyword, twice with the same class (AL302)', `${HEAD}class Discriminator(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(784, 128), nn.LeakyReLU(0.2), nn.Linear(128, 1), nn.Sigmoid())\n\n    def forward(self, x):\n        return self.net(x)\n\n\ndef train(D, loader):\n    for x in loader:\n        (-torch.log(D(x)).mean()).backward()\n\n\ntrain(Discriminator(), [])\ntrain(loader=[], D=Discriminator().to("cpu"))\n`, ['AL302']],
  ['a REINFORCE step whose policy comes from the caller (AL301)', `${HEAD}class Policy(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=1)\n\n\ndef reinforce(policy, states, actions, returns):\n    probs = policy(states)\n    return -(torch.log(probs.gather(1, actions)) * returns).sum()\n\n\npolicy = Policy()\nloss = reinforce(policy, torch.randn(3, 4), torch.zeros(3, 1, dtype=torch.long), torch.ones(3, 1))\n`, ['AL301']],
  ['the calls give different classes (silent)', `${HEAD}class Discriminator(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(784, 128), nn.LeakyReLU(0.2), nn.Linear(128, 1), nn.Sigmoid())\n\n    def forward(self, x):\n        return self.net(x)\n\n\ndef train(D, loader):\n    for x in loader:\n        (-torch.log(D(x)).mean()).backward()\n\n\ntrain(Discriminator(), [])\ntrain(nn.Linear(784, 1), [])\n`, [], ['AL302']],
  ['nothing in the file calls the function (silent)', `${HEAD}class Discriminator(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(784, 128), nn.LeakyReLU(0.2), nn.Linear(128, 1), nn.Sigmoid())\n\n    def forward(self, x):\n        return self.net(x)\n\n\ndef train(D, loader):\n    for x in loader:\n        (-torch.log(D(x)).mean()).backward()\n\n\n`, [], ['AL302']],
  ['a call leaves the parameter to its default (silent)', `${HEAD}class Discriminator(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(784, 128), nn.LeakyReLU(0.2), nn.Linear(128, 1), nn.Sigmoid())\n\n    def forward(self, x):\n        return self.net(x)\n\n\ndef train(loader, D=None):\n    return -torch.log(D(loader)).mean()\n\n\ntrain([])\n`, [], ['AL302']],
  ['a call gives its arguments through *args (silent)', `${HEAD}class Discriminator(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(784, 128), nn.LeakyReLU(0.2), nn.Linear(128, 1), nn.Sigmoid())\n\n    def forward(self, x):\n        return self.net(x)\n\n\ndef train(D, loader):\n    for x in loader:\n        (-torch.log(D(x)).mean()).backward()\n\n\nargs = (Discriminator(), [])\ntrain(*args)\n`, [], ['AL302']],
  ['the function is bound again (silent)', `${HEAD}class Discriminator(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(784, 128), nn.LeakyReLU(0.2), nn.Linear(128, 1), nn.Sigmoid())\n\n    def forward(self, x):\n        return self.net(x)\n\n\ndef train(D, loader):\n    for x in loader:\n        (-torch.log(D(x)).mean()).backward()\n\n\ntrain = print\ntrain(Discriminator(), [])\n`, [], ['AL302']],
  // a model handed to an agent's __init__ (self.policy = policy), and picked entries reshaped before the log
  ['the policy given to Agent(...) by the file, held as self.policy; its gathered entries squeezed (AL301)', `${HEAD}class PolicyNet(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=-1)\n\n\nclass Agent:\n    def __init__(self, policy, lr=1e-3):\n        self.policy = policy\n        self.opt = torch.optim.Adam(policy.parameters(), lr=lr)\n\n    def update(self, s, a, g):\n        probs = self.policy(s)\n        return -(torch.log(probs.gather(1, a.unsqueeze(1)).squeeze(1)) * g).mean()\n\n\nagent = Agent(PolicyNet())\n`, ['AL301']],
  ['by keyword, through a name bound just before (AL301)', `${HEAD}class PolicyNet(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=-1)\n\n\nclass Agent:\n    def __init__(self, policy, lr=1e-3):\n        self.policy = policy\n        self.opt = torch.optim.Adam(policy.parameters(), lr=lr)\n\n    def update(self, s, a, g):\n        probs = self.policy(s)\n        return -(torch.log(probs.gather(1, a.unsqueeze(1)).squeeze(1)) * g).mean()\n\n\nnet = PolicyNet().to("cpu")\nagent = Agent(lr=3e-4, policy=net)\n`, ['AL301']],
  ['constructions give different classes (silent)', `${HEAD}class PolicyNet(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=-1)\n\n\nclass Agent:\n    def __init__(self, policy, lr=1e-3):\n        self.policy = policy\n        self.opt = torch.optim.Adam(policy.parameters(), lr=lr)\n\n    def update(self, s, a, g):\n        probs = self.policy(s)\n        return -(torch.log(probs.gather(1, a.unsqueeze(1)).squeeze(1)) * g).mean()\n\n\na = Agent(PolicyNet())\nb = Agent(nn.Linear(4, 2))\n`, [], ['AL301']],
  ['nothing constructs the agent (silent)', `${HEAD}class PolicyNet(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=-1)\n\n\nclass Agent:\n    def __init__(self, policy, lr=1e-3):\n        self.policy = policy\n        self.opt = torch.optim.Adam(policy.parameters(), lr=lr)\n\n    def update(self, s, a, g):\n        probs = self.policy(s)\n        return -(torch.log(probs.gather(1, a.unsqueeze(1)).squeeze(1)) * g).mean()\n\n\n`, [], ['AL301']],
  ['log of gathered softmax entries squeezed (AL301)', `${HEAD}def nll(scores, y):\n    probs = F.softmax(scores, dim=1)\n    return -torch.log(probs.gather(1, y.view(-1, 1)).squeeze(1)).mean()\n`, ['AL301']],
  ['log of a softmax module through two names', `${HEAD}sm = nn.Softmax(dim=1)\nscores = torch.randn(2, 4)\nprobs = sm(scores)\nlogp = torch.log(probs)\n`, ['AL301']],
  ['log of a module built in place: nn.Softmax(dim=1)(x)', `${HEAD}x = torch.randn(2, 4)\nlogp = torch.log(nn.Softmax(dim=1)(x))\n`, ['AL301']],
  ['self.act bound twice in the class: which module is unknown (silent)', `${HEAD}class Head(nn.Module):\n    def __init__(self, log_space):\n        super().__init__()\n        if log_space:\n            self.act = nn.LogSoftmax(dim=1)\n        else:\n            self.act = nn.Softmax(dim=1)\n\n    def forward(self, x):\n        return torch.log(self.act(x))\n`, [], ['AL301']],
  ['self.act of another class is not this one (silent)', `${HEAD}class A(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.act = nn.Softmax(dim=1)\n\n\nclass B(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.act = nn.Tanh()\n\n    def forward(self, x):\n        return torch.log(self.act(x) + 1)\n`, [], ['AL301']],
  // a name bound again in any form between the softmax and the log (session 14's review)
  ['the name rebound by a tuple target (silent)', `${HEAD}def f(s, t):\n    probs = F.softmax(s, 1)\n    probs, idx = torch.sort(t, 1)\n    return torch.log(probs)\n`, [], ['AL301']],
  ['the name rebound by with … as (silent)', `${HEAD}def f(s, t):\n    p = F.softmax(s, 1)\n    with torch.no_grad() as p:\n        pass\n    return torch.log(p)\n`, [], ['AL301']],
  ['the name rebound by := (silent)', `${HEAD}def f(s, t):\n    p = F.softmax(s, 1)\n    if (p := t.abs()) is not None:\n        pass\n    return torch.log(p)\n`, [], ['AL301']],
  ['the name deleted (silent)', `${HEAD}def f(s, t):\n    p = F.softmax(s, 1)\n    del p\n    p = t\n    return torch.log(p)\n`, [], ['AL301']],
  ['the softmax clamped in place through .data (silent)', `${HEAD}def f(s):\n    probs = F.softmax(s, 1)\n    probs.data.clamp_(min=1e-8)\n    return torch.log(probs)\n`, [], ['AL301']],
  // reading an element is no change (session 19's real sweep: a course notebook's BCE by hand)
  ['an element of the name read in between (its log for one row): the log of the whole still found', `${HEAD}def bce(z, y):\n    p = torch.sigmoid(z)\n    first = -(y[0] * torch.log(p[0]))\n    return -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()\n`, ['AL302', 'AL302', 'AL302']],
  ['an element compared in between (p[i] == y[i]): still the softmax', `${HEAD}def f(s, y):\n    p = F.softmax(s, dim=1)\n    hit = p[0].argmax() == y[0]\n    return torch.log(p)\n`, ['AL301']],
  ['an element assigned in between (silent)', `${HEAD}def f(s):\n    p = F.softmax(s, dim=1)\n    p[:, 0] = 1e-6\n    return torch.log(p)\n`, [], ['AL301']],
  ['an element of an element augmented in between (silent)', `${HEAD}def f(s, idx):\n    p = F.softmax(s, dim=1)\n    p[idx[0]][1] += 1e-6\n    return torch.log(p)\n`, [], ['AL301']],
  ['a lambda parameter of the same name (silent)', `${HEAD}p = F.softmax(torch.randn(2, 3), 1)\ng = lambda p: torch.log(p)\n`, [], ['AL301']],
  ['a comprehension variable of the same name (silent)', `${HEAD}def f(s, xs):\n    p = F.softmax(s, 1)\n    return [torch.log(p) for p in xs]\n`, [], ['AL301']],
  ['a name copied before the softmax was bound to it (silent)', `${HEAD}def f(s, t):\n    q = torch.sigmoid(t) * 0.5 + 0.25\n    r = q\n    q = F.softmax(s, dim=1)\n    return torch.log(r)\n`, [], ['AL301']],
  ['a name copied after the softmax was bound to it', `${HEAD}def f(s):\n    q = F.softmax(s, dim=1)\n    r = q\n    return torch.log(r)\n`, ['AL301']],
  ['a softmax module name rebound by a tuple target (silent)', `${HEAD}sm = nn.Softmax(dim=1)\nsm, o = nn.Sigmoid(), 1\nlogp = torch.log(sm(torch.randn(2, 4)))\n`, [], ['AL301']],
  ['the sum variable rebound by a tuple target (silent)', `${HEAD}def f(x, y):\n    e = torch.exp(x)\n    s = e.sum(1, keepdim=True)\n    s, _ = y.max(1, keepdim=True)\n    return e / s\n`, [], ['AL303']],
  ['log of a LogSoftmax module (silent)', `${HEAD}class Head(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.out = nn.LogSoftmax(dim=1)\n\n    def forward(self, x):\n        return torch.log(-self.out(x))\n`, [], ['AL301']],
  ['torch.log(torch.sigmoid(x))', `${HEAD}x = torch.randn(3)\nls = torch.log(torch.sigmoid(x))\n`, ['AL302']],
  ['x.sigmoid().log()', `${HEAD}x = torch.randn(3)\nls = x.sigmoid().log()\n`, ['AL302']],
  // log(1 - sigmoid): the other half of a hand-written BCE (session 16, real code)
  ['hand-written BCE: log(sigmoid) and log(1 - sigmoid)', `${HEAD}def bce(z, y):\n    return -(y * torch.log(torch.sigmoid(z)) + (1 - y) * torch.log(1 - torch.sigmoid(z))).mean()\n`, ['AL302', 'AL302']],
  ['(1 - p).log() with p a sigmoid through a variable', `${HEAD}def neg_part(logit, y):\n    p = logit.sigmoid()\n    return -((1 - y) * (1. - p).log()).sum()\n`, ['AL302']],
  ['log(1 - sigmoid + eps) is a choice (silent)', `${HEAD}def bce(z, y):\n    p = torch.sigmoid(z)\n    return -((1 - y) * torch.log(1 - p + 1e-7)).mean()\n`, [], ['AL302']],
  ['log(1 - softmax) is no log-probability (silent)', `${HEAD}def unlikelihood(scores):\n    return -torch.log(1 - F.softmax(scores, dim=-1)).sum(-1)\n`, [], ['AL301', 'AL302']],
  ['log(2 - sigmoid) (silent)', `${HEAD}x = torch.randn(3)\nv = torch.log(2 - torch.sigmoid(x))\n`, [], ['AL302']],
  ['np.log(1 - sigmoid) is not torch.log (silent)', `${HEAD}import numpy as np\nx = torch.randn(3)\nv = np.log(1 - torch.sigmoid(x))\n`, [], ['AL302']],
  // AL303 / AL304
  ['exp(x) / exp(x).sum(d, keepdim=True)', `${HEAD}x = torch.randn(2, 3)\np = torch.exp(x) / torch.exp(x).sum(1, keepdim=True)\n`, ['AL303']],
  ['x.exp() / x.exp().sum(dim=-1, keepdim=True)', `${HEAD}x = torch.randn(2, 3)\np = x.exp() / x.exp().sum(dim=-1, keepdim=True)\n`, ['AL303']],
  ['torch.sum(torch.exp(x), d, keepdim=True)', `${HEAD}x = torch.randn(2, 3)\np = torch.exp(x) / torch.sum(torch.exp(x), 1, keepdim=True)\n`, ['AL303']],
  ['exp(x) / exp(x).sum(): normalised over every element (the textbook\'s def softmax)', `${HEAD}def softmax(x):\n    return torch.exp(x) / torch.exp(x).sum()\n\n\nsoftmax(torch.tensor([1.0, 2.0, 3.0]))\n`, ['AL303']],
  ['x.exp() / torch.sum(x.exp()) over every element', `${HEAD}x = torch.randn(5)\np = x.exp() / torch.sum(x.exp())\n`, ['AL303']],
  ['exp(x) / exp(y).sum() of another tensor (silent)', `${HEAD}x = torch.randn(5)\ny = torch.randn(5)\np = torch.exp(x) / torch.exp(y).sum()\n`, [], ['AL303']],
  ['exp(x) / exp(x).sum(dtype=…) is not read (silent)', `${HEAD}x = torch.randn(5)\np = torch.exp(x) / torch.exp(x).sum(dtype=torch.float64)\n`, [], ['AL303']],
  ['numpy softmax over every element (silent)', 'import numpy as np\n\nx = np.random.randn(5)\np = np.exp(x) / np.exp(x).sum()\n', [], ['AL303']],
  ['numpy softmax (silent)', 'import numpy as np\n\nx = np.random.randn(2, 3)\np = np.exp(x) / np.exp(x).sum(1, keepdims=True)\n', [], ['AL303']],
  ['through a variable: e = exp(x); e / e.sum(d, keepdim=True)', `${HEAD}def attn(x):\n    e = torch.exp(x)\n    return e / e.sum(dim=1, keepdim=True)\n`, ['AL303']],
  ['through a variable, torch.sum form', `${HEAD}def attn(x):\n    ex = x.exp()\n    total = torch.sum(ex, -1, keepdim=True)\n    return ex / torch.sum(ex, -1, keepdim=True)\n`, ['AL303']],
  ['the variable changed before the division (silent)', `${HEAD}def attn(x):\n    e = torch.exp(x)\n    e = e * 2\n    return e / e.sum(1, keepdim=True)\n`, [], ['AL303']],
  ['max subtracted first: exp cannot overflow (silent)', `${HEAD}def sm(x):\n    return torch.exp(x - x.max(dim=1, keepdim=True)[0]) / torch.exp(x - x.max(dim=1, keepdim=True)[0]).sum(1, keepdim=True)\n`, [], ['AL303']],
  ['max subtracted through variables (silent)', `${HEAD}def sm(s):\n    z = s - s.amax(dim=-1, keepdim=True)\n    ez = z.exp()\n    return ez / ez.sum(-1, keepdim=True)\n`, [], ['AL303']],
  ['different numerator and denominator (silent)', `${HEAD}x = torch.randn(2, 3)\ny = torch.randn(2, 3)\np = torch.exp(x) / torch.exp(y).sum(1, keepdim=True)\n`, [], ['AL303']],
  // From real code read for issue 15 (session 14): the textbook softmax with its sum in a variable, a sum unsqueezed back.
  ['through two variables: partition = e.sum(d, keepdim=True); e / partition', `${HEAD}def softmax(X):\n    X_exp = torch.exp(X)\n    partition = X_exp.sum(1, keepdim=True)\n    return X_exp / partition\n`, ['AL303']],
  ['through two variables, torch.sum(e, dim=d, keepdim=True)', `${HEAD}def softmax(x):\n    ex = torch.exp(x)\n    total = torch.sum(ex, dim=-1, keepdim=True)\n    return ex / total\n`, ['AL303']],
  ['the sum variable bound again before the division (silent)', `${HEAD}def norm(x):\n    ex = torch.exp(x)\n    total = ex.sum(1, keepdim=True)\n    total = total + 1.0\n    return ex / total\n`, [], ['AL303']],
  ['a sum over everything in a variable is not a softmax along a dim (silent)', `${HEAD}def norm(x):\n    ex = torch.exp(x)\n    total = ex.sum()\n    return ex / total\n`, [], ['AL303']],
  ['exp(x) / exp(x).sum(d).unsqueeze(d)', `${HEAD}x = torch.randn(2, 3)\np = x.exp() / x.exp().sum(-1).unsqueeze(-1)\n`, ['AL303']],
  ['through a variable, sum(d).unsqueeze(d)', `${HEAD}def attn(x):\n    e = torch.exp(x)\n    return e / torch.sum(e, 1).unsqueeze(1)\n`, ['AL303']],
  ['sum(d).unsqueeze at another dim is not a softmax (silent)', `${HEAD}x = torch.randn(3, 3)\np = x.exp() / x.exp().sum(1).unsqueeze(0)\n`, [], ['AL303']],
  ['keepdim=True and unsqueeze both: another shape (silent)', `${HEAD}x = torch.randn(2, 3)\np = x.exp() / x.exp().sum(1, keepdim=True).unsqueeze(1)\n`, [], ['AL303']],
  ['keepdims=True, the numpy-style alias PyTorch accepts', `${HEAD}x = torch.randn(2, 3)\np = torch.exp(x) / torch.exp(x).sum(1, keepdims=True)\n`, ['AL303']],
  ['the textbook with keepdims: partition = X_exp.sum(1, keepdims=True)', `${HEAD}def softmax(X):\n    X_exp = torch.exp(X)\n    partition = X_exp.sum(1, keepdims=True)\n    return X_exp / partition\n`, ['AL303']],
  ['max subtracted with the max in its own variable (silent)', `${HEAD}def softmax(x, dim=-1):\n    x_max = torch.amax(x, dim=dim, keepdim=True)\n    x_norm = x - x_max\n    x_exp = torch.exp(x_norm)\n    x_sum = torch.sum(x_exp, dim=dim, keepdim=True)\n    return x_exp / x_sum\n`, [], ['AL303']],
  ['max subtracted, the max from a tuple assignment (silent)', `${HEAD}def softmax(X):\n    (X_max, X_max_index) = X.max(dim=1, keepdim=True)\n    X = X - X_max\n    X_exp = torch.exp(X)\n    partition = X_exp.sum(1, keepdims=True)\n    return X_exp / partition\n`, [], ['AL303']],
  // log_softmax written out (real code, session 15: the PyTorch tutorial, fastai's course, a course exercise)
  ['log_softmax written out: x - x.exp().sum(d, keepdim=True).log()', `${HEAD}def log_probs(z):\n    return z - z.exp().sum(dim=-1, keepdim=True).log()\n`, ['AL303']],
  ['log_softmax written out with torch.log(torch.sum(torch.exp(x), d, keepdim=True))', `${HEAD}scores = torch.randn(4, 6)\nlp = scores - torch.log(torch.sum(torch.exp(scores), 1, keepdim=True))\n`, ['AL303']],
  ['the tutorial\'s x - x.exp().sum(-1).log().unsqueeze(-1)', `${HEAD}def log_softmax(x):\n    return x - x.exp().sum(-1).log().unsqueeze(-1)\n`, ['AL303']],
  ['log_softmax with the maximum subtracted first (silent)', `${HEAD}def stable(x):\n    m, _ = x.max(dim=-1, keepdim=True)\n    return x - m - (x - m).exp().sum(dim=-1, keepdim=True).log()\n`, [], ['AL303']],
  ['a log of the sum over everything is not a log_softmax along a dim (silent)', `${HEAD}def shift(x):\n    return x - x.exp().sum().log()\n`, [], ['AL303']],
  ['another tensor minus the log-sum-exp (silent)', `${HEAD}def gap(a, b):\n    return a - b.exp().sum(1, keepdim=True).log()\n`, [], ['AL303']],
  ['the log-sum-exp added, not subtracted (silent)', `${HEAD}def lse_plus(x):\n    return x + x.exp().sum(1, keepdim=True).log()\n`, [], ['AL303']],
  ['numpy log_softmax written out (silent)', 'import numpy as np\n\n\ndef log_probs(z):\n    return z - np.log(np.sum(np.exp(z), 1, keepdims=True))\n', [], ['AL303']],
  ['math.log of a torch sum is not torch.log (silent)', `import math\n${HEAD}def f(z):\n    return z - math.log(torch.sum(torch.exp(z), 0, keepdim=True))\n`, [], ['AL303']],
  // Udacity's intro notebook: the sum over dim 1 made a column (real code, session 15)
  ['the sum over dim 1 made a column: torch.sum(torch.exp(x), dim=1).view(-1, 1)', `${HEAD}def softmax(x):\n    return torch.exp(x)/torch.sum(torch.exp(x), dim=1).view(-1, 1)\n`, ['AL303']],
  ['through variables, reshape(-1, 1) of the sum over dim -1', `${HEAD}def probs(scores):\n    e = scores.exp()\n    col = e.sum(-1).reshape(-1, 1)\n    return e / col\n`, ['AL303']],
  ['a column of the sum over dim 0 is not a softmax (silent)', `${HEAD}def f(x):\n    return torch.exp(x) / torch.exp(x).sum(0).view(-1, 1)\n`, [], ['AL303']],
  ['a row, view(1, -1), is not the kept sum over dim 1 (silent)', `${HEAD}def f(x):\n    return torch.exp(x) / torch.exp(x).sum(1).view(1, -1)\n`, [], ['AL303']],
  ['keepdim=True and then a column: another shape (silent)', `${HEAD}def f(x):\n    return torch.exp(x) / torch.exp(x).sum(1, keepdim=True).view(-1, 1)\n`, [], ['AL303']],
  // the maximum read off the (values, indices) pair torch.max(x, dim=d) returns (review of session 15)
  ['max subtracted as .values of the pair in its own variable (silent)', `${HEAD}class StableSoftmax(nn.Module):\n    def forward(self, scores):\n        top = torch.max(scores, dim=0)\n        shifted = torch.exp(scores - top.values)\n        return shifted / shifted.sum(0, keepdim=True)\n`, [], ['AL303']],
  ['max subtracted as .values, written inline (silent)', `${HEAD}def probs(z):\n    e = (z - z.max(dim=-1, keepdim=True).values).exp()\n    return e / e.sum(dim=-1, keepdim=True)\n`, [], ['AL303']],
  ['max subtracted, put back in shape with [:, None] (silent)', `${HEAD}def probs(z):\n    peak = z.max(1)[0]\n    e = torch.exp(z - peak[:, None])\n    return e / torch.sum(e, 1, keepdim=True)\n`, [], ['AL303']],
  ['max subtracted, put back with unsqueeze and detached (silent)', `${HEAD}def probs(z):\n    peak = torch.amax(z, dim=1)\n    e = torch.exp(z - peak.unsqueeze(1).detach())\n    return e / e.sum(1, keepdim=True)\n`, [], ['AL303']],
  ['.values of a pair that is not a maximum: still the unstable form', `${HEAD}def probs(z):\n    low = torch.min(z, dim=1, keepdim=True)\n    e = torch.exp(z - low.values)\n    return e / e.sum(1, keepdim=True)\n`, ['AL303']],
  ['a mean subtracted, read with [0]: still the unstable form', `${HEAD}def probs(z, ref):\n    centre = ref.mean(0)\n    e = torch.exp(z - centre[0])\n    return e / e.sum(1, keepdim=True)\n`, ['AL303']],
  ['1 / (1 + torch.exp(-x))', `${HEAD}x = torch.randn(3)\ns = 1 / (1 + torch.exp(-x))\n`, ['AL304']],
  ['1.0 / (torch.exp(-x) + 1.0)', `${HEAD}x = torch.randn(3)\ns = 1.0 / (torch.exp(-x) + 1.0)\n`, ['AL304']],
  ['torch.exp(x) / (1 + torch.exp(x)): nan in the forward above ~88.7', `${HEAD}logits = torch.randn(3)\nprobs = torch.exp(logits) / (1 + torch.exp(logits))\n`, ['AL304']],
  ['z.exp() / (z.exp() + 1), the method form', `${HEAD}def gate(z):\n    return z.exp() / (z.exp() + 1)\n`, ['AL304']],
  ['torch.exp(x) / (1 + torch.exp(y)): two different exps (silent)', `${HEAD}x, y = torch.randn(3), torch.randn(3)\nr = torch.exp(x) / (1 + torch.exp(y))\n`, [], ['AL304']],
  ['torch.exp(x) / (2 + torch.exp(x)) (silent)', `${HEAD}x = torch.randn(3)\nr = torch.exp(x) / (2 + torch.exp(x))\n`, [], ['AL304']],
  // an item-response curve (real code, session 17): the minus on the product's first factor
  ['1 / (1 + torch.exp(-1.7 * (theta - b) * a)): a scaled sigmoid', `${HEAD}def p_correct(theta, b, a):\n    return 1 / (1 + torch.exp(-1.7 * (theta - b) * a))\n`, ['AL304']],
  ['1 / (1 + torch.exp(-z / t)): a tempered sigmoid', `${HEAD}def soft_gate(z, t=0.5):\n    return 1 / (1 + torch.exp(-z / t))\n`, ['AL304']],
  ['floor division or a sum after the minus is not a negated exponent (silent)', `${HEAD}z = torch.randn(4)\np = 1 / (1 + torch.exp(-z // 2))\nq = 1 / (1 + torch.exp(-z + 1))\n`, [], ['AL304']],
  ['math.exp sigmoid (silent)', 'import math\n\ndef f(v):\n    return 1 / (1 + math.exp(-v))\n', [], ['AL304']],
  ['2 / (1 + exp(-x)) is not a sigmoid (silent)', `${HEAD}x = torch.randn(3)\ns = 2 / (1 + torch.exp(-x))\n`, [], ['AL304']],
  // Silent on softmax for sampling, metrics, attention; sigmoid thresholds and gates.
  ['softmax for sampling (silent)', `${HEAD}logits = torch.randn(1, 10)\nnext_token = torch.multinomial(F.softmax(logits / 0.8, dim=-1), 1)\n`, [], ['AL101', 'AL102', 'AL201', 'AL301']],
  ['softmax for a metric after a CE model (silent)', `${model('nn.Linear(4, 3)', 'nn.CrossEntropyLoss()')}
with torch.no_grad():
    probs = F.softmax(model(torch.randn(2, 4)), dim=1)
    confidence = probs.max(dim=1).values
`, [], ['AL101']],
  ['attention softmax in a CE model (silent)', `${HEAD}class Attn(nn.Module):
    def __init__(self):
        super().__init__()
        self.q = nn.Linear(8, 8)
        self.out = nn.Linear(8, 3)

    def forward(self, x):
        scores = self.q(x) @ x.transpose(-2, -1) / 8 ** 0.5
        w = torch.softmax(scores, dim=-1)
        return self.out((w @ x).mean(1))


model = Attn()
criterion = nn.CrossEntropyLoss()
`, [], ['AL101']],
  ['sigmoid into a threshold (silent)', `${model('nn.Linear(4, 1)', 'nn.BCEWithLogitsLoss()')}
with torch.no_grad():
    pred = torch.sigmoid(model(torch.randn(2, 4))) > 0.5
`, [], ['AL104', 'AL103', 'AL401']],
  // a metric object of torchmetrics scores the probabilities: not a layer (real Lightning code, session 22)
  ['sigmoid into a torchmetrics metric held by the module (silent)', `${HEAD}import pytorch_lightning as pl
from torchmetrics import Accuracy


class Lit(pl.LightningModule):
    def __init__(self):
        super().__init__()
        self.net = nn.Linear(4, 1)
        self.criterion = nn.BCEWithLogitsLoss()
        self.accuracy = Accuracy(task="binary")

    def forward(self, x):
        return self.net(x)

    def _common_step(self, batch):
        x, y = batch
        y_hat = self(x)
        loss = self.criterion(y_hat, y.float())
        acc = self.accuracy(torch.sigmoid(y_hat), y.int())
        return loss, acc

    def training_step(self, batch, batch_idx):
        loss, acc = self._common_step(batch)
        self.log("train_acc", acc)
        return loss
`, [], ['AL401', 'AL104', 'AL103']],
  ['sigmoid into a module of the model held the same way stays hidden (AL401)', `${HEAD}class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 8)
        self.out = nn.Linear(8, 1)

    def forward(self, x):
        return self.out(torch.sigmoid(self.fc(x)))


model = Net()
criterion = nn.BCEWithLogitsLoss()
`, ['AL401']],
  ['sigmoid gate (silent)', `${HEAD}class SE(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.fc = nn.Linear(c, c)

    def forward(self, x):
        return x * torch.sigmoid(self.fc(x.mean(-1)))[..., None]
`, [], ['AL401', 'AL104']],
  // a policy's head parameterising a distribution (real code, session 15: a PPO actor into Categorical)
  ['the last sigmoid of an actor, the probability of a Bernoulli policy (silent)', `${HEAD}class Actor(nn.Module):
    def __init__(self):
        super().__init__()
        self.pi = nn.Sequential(nn.Linear(6, 32), nn.Tanh(), nn.Linear(32, 1), nn.Sigmoid())

    def act(self, obs):
        dist = torch.distributions.Bernoulli(probs=self.pi(obs))
        a = dist.sample()
        return a, dist.log_prob(a)
`, [], ['AL401']],
  ['a sigmoid hidden in an actor whose probabilities go into Categorical', `${HEAD}from torch.distributions import Categorical


class Actor(nn.Module):
    def __init__(self):
        super().__init__()
        self.pi = nn.Sequential(nn.Linear(6, 32), nn.Sigmoid(), nn.Linear(32, 3), nn.Softmax(dim=-1))

    def act(self, obs):
        dist = Categorical(self.pi(obs))
        return dist.sample()
`, ['AL401']],
];

for (const [name, source, expect, absent = []] of ROWS) {
  test(`lint: ${name}`, () => {
    const got = codes(lintSource(source, { showHints: true }));
    for (const c of expect) assert.ok(got.includes(c), `expected ${c}, got [${got.join(', ')}]`);
    for (const c of absent) assert.ok(!got.includes(c), `did not expect ${c}, got [${got.join(', ')}]`);
  });
}

test('AL201 is an error where PyTorch raises TypeError, a warning where it picks a dim', () => {
  const fs = lintSource(`${HEAD}x = torch.randn(2, 3)\na = torch.softmax(x)\nb = x.log_softmax()\nc = F.softmax(x)\n`);
  assert.deepEqual(fs.filter((f) => f.code === 'AL201').map((f) => [f.range.line, f.severity]), [[5, 'error'], [6, 'error'], [7, 'warning']]);
});

test('AL401 (hint) only with showHints or a selector naming it', () => {
  const src = model('nn.Linear(4, 8), nn.Sigmoid(), nn.Linear(8, 3)', 'nn.CrossEntropyLoss()');
  assert.ok(!codes(lintSource(src)).includes('AL401'));
  assert.ok(codes(lintSource(src, { showHints: true })).includes('AL401'));
  assert.ok(codes(lintSource(src, { select: ['AL4'] })).includes('AL401'));
});

test('# noqa: bare hides all, listed codes hide only themselves, E501 hides nothing', () => {
  const src = `${HEAD}x = torch.randn(2, 3)\na = F.softmax(x)  # noqa\nb = F.softmax(x)  # noqa: AL201\nc = F.softmax(x)  # noqa: E501\nd = F.softmax(x)  # noqa:AL101,AL201\ne = F.softmax(x)  # NOQA: AL101\n`;
  assert.deepEqual(lintSource(src).map((f) => f.range.line), [7, 9]);
});

test('select / ignore: codes, prefixes, the most specific wins', () => {
  const src = `${HEAD}x = torch.randn(2, 3)\na = F.softmax(x)\nb = torch.log(F.softmax(x, 1))\nc = F.tanh(x)\n`;
  assert.deepEqual([...new Set(codes(lintSource(src, { select: ['AL3'] })))], ['AL301']);
  assert.deepEqual([...new Set(codes(lintSource(src, { ignore: ['AL2'] })))], ['AL301']);
  assert.deepEqual([...new Set(codes(lintSource(src, { select: ['AL202'], ignore: ['AL2'] })))], ['AL202']);
  assert.deepEqual(lintSource(src, { select: ['ALL'], ignore: ['ALL'] }), []);
});

test('severity overrides by code or prefix', () => {
  const src = `${HEAD}x = torch.randn(2, 3)\na = F.softmax(x)\nb = torch.log(F.softmax(x, 1))\n`;
  const fs = lintSource(src, { severity: { AL3: 'error', AL201: 'info' } });
  assert.deepEqual(fs.map((f) => [f.code, f.severity]), [['AL201', 'info'], ['AL301', 'error']]);
});

test('notebooks: imports of earlier cells count; positions are per cell', () => {
  const cells = ['import torch\nimport torch.nn.functional as F\n', 'x = torch.randn(2, 3)\nlp = torch.log(F.softmax(x, 1))\n', 'q = F.softmax(x)\n'];
  const fs = lintCells(cells);
  assert.deepEqual(fs.map((c) => codes(c)), [[], ['AL301'], ['AL201']]);
  assert.equal(fs[1]![0]!.range.line, 1);
});

// A name a log reads at the top of a cell, bound in the cells before (a notebook run top to
// bottom): found where the same name in one file would be, silent where it would be.
const NB_HEAD = 'import torch\nfrom torch import nn\nimport torch.nn.functional as F\n';
const crossCellLogs: Array<[name: string, cells: string[], expected: string[][]]> = [
  ['log of a softmax module built in the cell before', [NB_HEAD, 'softmax = nn.Softmax(dim=1)\n\nx = torch.tensor([[0.0, 104.0]])\n\nsoftmax(x)', 'torch.log(softmax(x))'], [[], [], ['AL301']]],
  ['log of probabilities computed two cells before', [NB_HEAD, 'scores = torch.randn(8, 5)\np = F.softmax(scores, dim=1)', 'print(p.sum(1))', 'logp = torch.log(p)\nlogp.mean()'], [[], [], [], ['AL301']]],
  ['log of a sigmoid module built in the cell before', [NB_HEAD, 'act = nn.Sigmoid()\nz = torch.randn(4)', 'torch.log(act(z))'], [[], [], ['AL302']]],
  ['the name rebound in between, in the later cell (silent)', [NB_HEAD, 'p = F.softmax(torch.randn(2, 3), dim=1)', 'p = torch.rand(2, 3)\nlogp = torch.log(p)'], [[], [], []]],
  ['the name rebound in a cell between (silent)', [NB_HEAD, 'p = F.softmax(torch.randn(2, 3), dim=1)', 'p = torch.rand(2, 3)', 'logp = torch.log(p)'], [[], [], [], []]],
  ['clamped in place in a cell between (silent)', [NB_HEAD, 'p = F.softmax(torch.randn(2, 3), dim=1)', 'p.clamp_(min=1e-6)', 'torch.log(p)'], [[], [], [], []]],
  ['an element read in a cell between: the log two cells later still found', [NB_HEAD, 'hypothesis = torch.sigmoid(torch.randn(6, 1))', 'print(hypothesis)', '-(y[0] * torch.log(hypothesis[0]))', 'losses = -(y * torch.log(hypothesis))'], [[], [], [], ['AL302'], ['AL302']]],
  ['an element assigned in a cell between (silent)', [NB_HEAD, 'p = F.softmax(torch.randn(2, 3), dim=1)', 'p[0] = 1e-6', 'torch.log(p)'], [[], [], [], []]],
  ['bound to a module that is no softmax (silent)', [NB_HEAD, 'act = nn.Tanh()', 'torch.log(act(torch.randn(3)) + 1)'], [[], [], []]],
  ['bound more than the statement window before (silent)', [NB_HEAD, 'sm = nn.Softmax(dim=1)\n' + Array.from({ length: 8 }, (_, i) => `v${i} = ${i}`).join('\n'), 'torch.log(sm(torch.randn(2, 3)))'], [[], [], []]],
  ['a log inside a function of the later cell reads its own scope (silent)', [NB_HEAD, 'p = F.softmax(torch.randn(2, 3), dim=1)', 'def f(p):\n    return torch.log(p)'], [[], [], []]],
  ['bound only inside a branch of the earlier cell (silent)', [NB_HEAD, 'if ok:\n    sm = nn.Softmax(dim=1)', 'torch.log(sm(torch.randn(2, 3)))'], [[], [], []]],
  // the log of what a model returns, its class in an earlier cell (hands-on RL notebooks)
  ['log of a policy model\'s output, the class defined two cells before', [NB_HEAD, 'class PolicyNet(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=1)', 'device = "cpu"', 'class Agent:\n    def __init__(self, device):\n        self.policy = PolicyNet().to(device)\n\n    def update(self, s, a, g):\n        return -(torch.log(self.policy(s).gather(1, a)) * g).sum()'], [[], [], [], ['AL301']]],
  ['the class defined again, returning log_softmax, in a cell between (silent)', [NB_HEAD, 'class PolicyNet(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=1)', 'class PolicyNet(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return F.log_softmax(self.fc(x), dim=1)', 'class Agent:\n    def __init__(self, device):\n        self.policy = PolicyNet().to(device)\n\n    def update(self, s, a, g):\n        return -(torch.log(self.policy(s).gather(1, a)) * g).sum()'], [[], [], [], []]],
  ['the class defined only in a later cell (silent)', [NB_HEAD, 'class Agent:\n    def __init__(self, device):\n        self.policy = PolicyNet().to(device)\n\n    def update(self, s, a, g):\n        return -(torch.log(self.policy(s).gather(1, a)) * g).sum()', 'class PolicyNet(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=1)'], [[], [], []]],
];
for (const [name, cells, expected] of crossCellLogs) {
  test(`notebooks: ${name}`, () => {
    assert.deepEqual(lintCells(cells).map((c) => codes(c).filter((k) => k.startsWith('AL3'))), expected);
  });
}

test('no user text in a message: a hostile identifier never reaches it', () => {
  const evil = '[x](command:workbench.action.terminal.new)';
  const src = `${HEAD}${'a'.repeat(3)} = torch.randn(2)\nlp = torch.log(F.softmax(a${'a'.repeat(2)}, 1))  # ${evil}\np = F.softmax(aaa)  # ${evil}\n`;
  for (const f of lintSource(src)) assert.ok(!f.message.includes('command:') && !f.message.includes('aaa'), f.message);
});

test('every code has one record, a rule page, and advice codes are all in the table', () => {
  const seen = new Set<string>();
  for (const r of RULES) {
    assert.match(r.code, /^AL[1-6]\d\d$/);
    assert.ok(!seen.has(r.code), `duplicate ${r.code}`);
    seen.add(r.code);
    const page = join(__dirname, '../../../docs/rules', `${r.code}.md`);
    assert.ok(existsSync(page), `docs/rules/${r.code}.md is missing`);
    const text = (require('node:fs') as typeof import('node:fs')).readFileSync(page, 'utf8');
    assert.match(text, new RegExp(`^# ${r.code}: .+\\n\\nName: \`${r.name}\` · \\*\\*Severity\\*\\* ${r.severity}`), `${r.code}.md: title, name and severity as in the table`);
    for (const h of ['## What it does', '## Why is this bad?', '## Example', 'Use instead:', '## Fix']) assert.ok(text.includes(h), `${r.code}.md lacks ${h}`);
  }
  for (const c of ADVICE_CODES) assert.ok(seen.has(c), `advice code ${c} has no lint record`);
});

test('every literal t() string of the linter and its editor features has a zh-cn translation', () => {
  const { readFileSync, readdirSync } = require('node:fs') as typeof import('node:fs');
  const root = join(__dirname, '../../..');
  const bundle = JSON.parse(readFileSync(join(root, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  const files = [...readdirSync(join(root, 'src/lint')).map((f: string) => join(root, 'src/lint', f)), join(root, 'src/vscode/diagnostics.ts'), join(root, 'src/vscode/codeActions.ts')].filter((f) => f.endsWith('.ts') && existsSync(f));
  let n = 0;
  for (const f of files) {
    for (const m of readFileSync(f, 'utf8').matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)) {
      const key = m[1]!.replace(/\\'/g, "'");
      n++;
      assert.ok(bundle[key], `${f}: no zh-cn translation for "${key}"`);
      assert.deepEqual((bundle[key]!.match(/\{\d\}/g) ?? []).sort(), (key.match(/\{\d\}/g) ?? []).sort(), key);
    }
  }
  assert.ok(n >= 15, `only ${n} strings found`);
});

test('AL303 through a variable is reported without a fix (x may have changed between the two statements)', () => {
  const f = lintSource(`${HEAD}def attn(x):\n    e = torch.exp(x)\n    return e / e.sum(dim=1, keepdim=True)\n`).filter((x) => x.code === 'AL303');
  assert.equal(f.length, 1);
  assert.deepEqual(f[0]!.range, { line: 6, column: 11, endLine: 6, endColumn: 41 });
  assert.deepEqual(f[0]!.fixes, []);
});

test('AL301 through a variable is reported without a fix (the variable may be read elsewhere too)', () => {
  const f = lintSource(`${HEAD}def soft_ce(logits, target):\n    probs = F.softmax(logits, 1)\n    return (-target * torch.log(probs)).sum(1).mean()\n`).filter((x) => x.code === 'AL301');
  assert.equal(f.length, 1);
  assert.deepEqual(f[0]!.range, { line: 6, column: 22, endLine: 6, endColumn: 38 });
  assert.deepEqual(f[0]!.fixes, []);
});

test('AL301 on a softmax module instance is reported without a fix (the module stays)', () => {
  const f = lintSource(`${HEAD}sm = nn.Softmax(dim=1)\nx = torch.randn(2, 4)\nlogp = torch.log(sm(x))\n`).filter((x) => x.code === 'AL301');
  assert.equal(f.length, 1);
  assert.deepEqual(f[0]!.range, { line: 6, column: 7, endLine: 6, endColumn: 23 });
  assert.deepEqual(f[0]!.fixes, []);
});

test('AL103 on an output the code also compares with 0.5: the fix stays, and the message says the comparison would read logits', () => {
  const src = model('nn.Linear(4, 1), nn.Sigmoid()', 'nn.BCELoss()') + 'for x, y in []:\n    out = model(x)\n    criterion(out, y).backward()\n    acc = ((out > 0.5).float() == y).float().mean()\n';
  const f = lintSource(src).find((x) => x.code === 'AL103')!;
  assert.ok(f, 'AL103');
  assert.match(f.message, /compares this output with a threshold/);
  assert.ok(f.fixes.some((x) => x.applicability === 'unsafe'), 'the unsafe fix is still offered');
  // `preds == y` of an argmax, `out.argmax(1)`: exact matches, no threshold on the activation's range
  const exact = model('nn.Linear(4, 3), nn.Softmax(dim=1)', 'nn.CrossEntropyLoss()') + 'for x, y in []:\n    out = model(x)\n    criterion(out, y).backward()\n    _, preds = torch.max(out, 1)\n    acc = (preds == y).float().mean()\n';
  const g = lintSource(exact).find((x) => x.code === 'AL101')!;
  assert.ok(g && !/threshold/.test(g.message), g?.message);
  // without the comparison, the message is the rule's alone
  const plain = lintSource(model('nn.Linear(4, 1), nn.Sigmoid()', 'nn.BCELoss()') + 'for x, y in []:\n    criterion(model(x), y).backward()\n').find((x) => x.code === 'AL103')!;
  assert.doesNotMatch(plain.message, /threshold/);
});
