// The loss a model trains with, where the file wraps PyTorch's loss in code of its own: a module
// class holding the loss (`self.inner = nn.CrossEntropyLoss()`, called in its forward), a focal
// loss built on `F.cross_entropy`, or a factory function returning the loss module. The value is
// followed into the wrapper's forward as into a function of the file; where it does not reach
// PyTorch's loss there (the wrapper takes probabilities and logs them itself, or the value is the
// target), nothing changes. A factory counts only when every `return` builds the same loss.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPython } from '../python/setup';
import { codes, lintCells, lintSource } from './helpers';

before(loadPython);

const HEAD = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n';
const net = (out: string) => `${HEAD}class Classifier(nn.Module):
    def __init__(self, d=16, k=5):
        super().__init__()
        self.hidden = nn.Linear(d, 32)
        self.head = nn.Linear(32, k)

    def forward(self, x):
        return ${out.replace('$', 'self.head(torch.relu(self.hidden(x)))')}

`;
const held = (ctor: string) => `class LossWrapper(nn.Module):
    def __init__(self, weight=None):
        super().__init__()
        self.inner = ${ctor}

    def forward(self, pred, target):
        return self.inner(pred, target)

`;
const loop = (crit: string) => `model = Classifier()
criterion = ${crit}
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for x, y in []:
    opt.zero_grad()
    loss = criterion(model(x), y)
    loss.backward()
    opt.step()
`;
const focal = `class FocalLoss(nn.Module):
    def __init__(self, gamma=2.0):
        super().__init__()
        self.gamma = gamma

    def forward(self, logits, target):
        ce = F.cross_entropy(logits, target, reduction="none")
        pt = torch.exp(-ce)
        return ((1 - pt) ** self.gamma * ce).mean()

`;

type Row = [name: string, source: string, expect: string[], absent?: string[]];
/** A combined segmentation loss: logits into BCEWithLogitsLoss, their sigmoid into a Dice term of the file. */
const DICE = `class DiceLoss(nn.Module):
    def __init__(self, smooth=1.0):
        super().__init__()
        self.smooth = smooth

    def forward(self, probs, targets):
        inter = (probs * targets).sum()
        return 1 - (2 * inter + self.smooth) / (probs.sum() + targets.sum() + self.smooth)


class DiceBCELoss(nn.Module):
    def __init__(self):
        super().__init__()
        self.bce = nn.BCEWithLogitsLoss()
        self.dice = DiceLoss()

    def forward(self, logits, targets):
        return self.bce(logits, targets) + self.dice(torch.sigmoid(logits), targets)

`;
const ROWS: Row[] = [
  ['softmax model, a module holding CrossEntropyLoss', `${net('F.softmax($, dim=1)')}${held('nn.CrossEntropyLoss(weight=weight)')}${loop('LossWrapper()')}`, ['AL101']],
  ['log_softmax model, a module holding CrossEntropyLoss', `${net('F.log_softmax($, dim=1)')}${held('nn.CrossEntropyLoss()')}${loop('LossWrapper()')}`, ['AL101']],
  ['log_softmax model, a module holding NLLLoss (silent)', `${net('F.log_softmax($, dim=1)')}${held('nn.NLLLoss()')}${loop('LossWrapper()')}`, [], ['AL101', 'AL102']],
  ['logits model, a module holding CrossEntropyLoss (silent)', `${net('$')}${held('nn.CrossEntropyLoss()')}${loop('LossWrapper()')}`, [], ['AL101', 'AL105']],
  ['sigmoid model, a module holding BCELoss', `${net('torch.sigmoid($)')}${held('nn.BCELoss()')}${loop('LossWrapper()')}`, ['AL103']],
  ['sigmoid model, a module holding BCEWithLogitsLoss', `${net('torch.sigmoid($)')}${held('nn.BCEWithLogitsLoss()')}${loop('LossWrapper()')}`, ['AL104']],
  // a segmentation's combined loss: BCEWithLogitsLoss beside a Dice term, a class of the file building no layers
  ['sigmoid masks, a BCE + Dice module holding BCEWithLogitsLoss and a Dice module of the file', `${net('torch.sigmoid($)')}${DICE}${loop('DiceBCELoss()')}`, ['AL104']],
  ['logits, the same BCE + Dice module (silent)', `${net('$')}${DICE}${loop('DiceBCELoss()')}`, [], ['AL104', 'AL103']],
  ['the wrapper kept on a trainer', `${net('F.softmax($, dim=1)')}${held('nn.CrossEntropyLoss()')}class Trainer:
    def __init__(self, model):
        self.model = model
        self.crit = LossWrapper()

    def step(self, x, y):
        return self.crit(self.model(x), y)

Trainer(Classifier()).step(None, None).backward()
`, ['AL101']],
  ['softmax model, a focal loss on F.cross_entropy', `${net('F.softmax($, dim=1)')}${focal}${loop('FocalLoss(gamma=2.0)')}`, ['AL101']],
  ['logits model, a focal loss on F.cross_entropy (silent)', `${net('$')}${focal}${loop('FocalLoss()')}`, [], ['AL101']],
  ['softmax model, a loss of the file that logs the probabilities itself (silent)', `${net('F.softmax($, dim=1)')}class ProbNLL(nn.Module):
    def forward(self, probs, target):
        return F.nll_loss(torch.log(probs + 1e-8), target)

${loop('ProbNLL()')}`, [], ['AL101', 'AL102']],
  ['a teacher\'s softmax as the target of a distillation loss (silent)', `${net('$')}class Distill(nn.Module):
    def __init__(self, T=4.0):
        super().__init__()
        self.T = T

    def forward(self, student_logits, teacher_probs):
        return F.kl_div(F.log_softmax(student_logits / self.T, dim=1), teacher_probs, reduction="batchmean")

student, teacher = Classifier(), Classifier()
distill = Distill()
for x, _ in []:
    with torch.no_grad():
        soft = F.softmax(teacher(x) / 4.0, dim=1)
    distill(student(x), soft).backward()
`, [], ['AL101', 'AL102', 'AL103']],
  // a factory function
  ['softmax model, a factory returning CrossEntropyLoss', `${net('F.softmax($, dim=1)')}def make_criterion(smoothing=0.0):
    return nn.CrossEntropyLoss(label_smoothing=smoothing)

${loop('make_criterion(0.1)')}`, ['AL101']],
  ['softmax model, a factory returning NLLLoss on every path', `${net('F.softmax($, dim=1)')}def make_criterion(weighted):
    if weighted:
        return nn.NLLLoss(weight=torch.ones(5))
    return nn.NLLLoss()

${loop('make_criterion(False)')}`, ['AL102']],
  ['a factory choosing the loss by name (silent)', `${net('F.softmax($, dim=1)')}def get_loss(name):
    if name == "ce":
        return nn.CrossEntropyLoss()
    return nn.MSELoss()

${loop('get_loss("mse")')}`, [], ['AL101', 'AL105']],
  ['a factory returning something else on one path (silent)', `${net('F.softmax($, dim=1)')}def get_loss(cfg):
    if cfg.loss == "ce":
        return nn.CrossEntropyLoss()
    return cfg.loss_fn

${loop('get_loss(None)')}`, [], ['AL101']],
];

for (const [name, source, expect, absent = []] of ROWS) {
  test(`loss wrapped by the file: ${name}`, () => {
    const got = codes(lintSource(source));
    for (const c of expect) assert.ok(got.includes(c), `expected ${c}, got [${got.join(', ')}]`);
    for (const c of absent) assert.ok(!got.includes(c), `did not expect ${c}, got [${got.join(', ')}]`);
  });
}

test('loss wrapped by the file: a notebook, the wrapper in one cell and the loop in a later one', () => {
  const cells = [net('F.softmax($, dim=1)'), held('nn.CrossEntropyLoss()'), loop('LossWrapper()')];
  const got = lintCells(cells).map(codes);
  assert.ok(got[0]!.includes('AL101'), `expected AL101 in the model's cell, got ${JSON.stringify(got)}`);
});
