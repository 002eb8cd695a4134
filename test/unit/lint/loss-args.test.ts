// The loss a model trains with, where it reaches the training code as a value: an argument of the
// trainer's constructor kept on `self` (`Trainer(model, nn.CrossEntropyLoss())`, then
// `self.loss_fn(self.model(x), y)`), or a parameter's default (`def train(model, loader,
// criterion=nn.NLLLoss())`). The value is followed from the call that gives it; where the calls
// give different losses, or one chosen at run time, the loss is not known and nothing is said.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPython } from '../python/setup';
import { codes, lintSource } from './helpers';

before(loadPython);

const HEAD = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n';
const tagger = (last: string) => `${HEAD}class Tagger(nn.Module):
    def __init__(self, vocab=100, n_tags=12):
        super().__init__()
        self.emb = nn.Embedding(vocab, 32)
        self.proj = nn.Linear(32, n_tags)

    def forward(self, tokens):
        return ${last}(self.proj(self.emb(tokens)), dim=-1)

`;
const trainer = `class Trainer:
    def __init__(self, model, loss_fn, optimizer):
        self.model = model
        self.loss_fn = loss_fn
        self.optimizer = optimizer

    def train_epoch(self, loader):
        self.model.train()
        for tokens, tags in loader:
            self.optimizer.zero_grad()
            loss = self.loss_fn(self.model(tokens), tags)
            loss.backward()
            self.optimizer.step()

`;
const loop = (params: string) => `def train(${params}):
    model.train()
    for tokens, tags in loader:
        optimizer.zero_grad()
        out = model(tokens)
        loss = criterion(out, tags)
        loss.backward()
        optimizer.step()

`;

type Row = [name: string, source: string, expect: string[], absent?: string[]];
const ROWS: Row[] = [
  // a trainer class keeps the loss it is given
  ['softmax model, CrossEntropyLoss given to the trainer', `${tagger('F.softmax')}${trainer}model = Tagger()
trainer = Trainer(model, nn.CrossEntropyLoss(), torch.optim.Adam(model.parameters()))
trainer.train_epoch([])
`, ['AL101']],
  ['softmax model, NLLLoss given by keyword, built inline', `${tagger('F.softmax')}${trainer}Trainer(Tagger(), optimizer=None, loss_fn=nn.NLLLoss()).train_epoch([])
`, ['AL102']],
  ['the loss given through a variable', `${tagger('F.softmax')}${trainer}criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
model = Tagger()
Trainer(model, criterion, torch.optim.SGD(model.parameters(), lr=0.1)).train_epoch([])
`, ['AL101']],
  ['log_softmax model, NLLLoss given to the trainer (silent)', `${tagger('F.log_softmax')}${trainer}model = Tagger()
Trainer(model, nn.NLLLoss(), torch.optim.Adam(model.parameters())).train_epoch([])
`, [], ['AL101', 'AL102']],
  ['the loss chosen at run time (silent)', `${tagger('F.log_softmax')}${trainer}import sys
model = Tagger()
loss_fn = nn.CrossEntropyLoss() if sys.argv[1] == 'ce' else nn.NLLLoss()
Trainer(model, loss_fn, torch.optim.Adam(model.parameters())).train_epoch([])
`, [], ['AL101', 'AL102']],
  ['two trainers given different losses (silent)', `${tagger('F.softmax')}${trainer}model = Tagger()
opt = torch.optim.Adam(model.parameters())
Trainer(model, nn.NLLLoss(), opt).train_epoch([])
Trainer(model, nn.MSELoss(), opt).train_epoch([])
`, [], ['AL101', 'AL102']],
  // a parameter's default
  ['softmax model, NLLLoss as the default of the loop', `${tagger('F.softmax')}${loop('model, loader, optimizer, criterion=nn.NLLLoss()')}net = Tagger()
train(net, [], torch.optim.SGD(net.parameters(), lr=0.1))
`, ['AL102']],
  ['the default in a one-function script', `${HEAD}def fit(batches, crit=nn.NLLLoss()):
    for x, y in batches:
        crit(torch.softmax(x, 1), y).backward()
`, ['AL102']],
  ['log_softmax model, the default overridden at the call (silent)', `${tagger('F.log_softmax')}${loop('model, loader, optimizer, criterion=nn.CrossEntropyLoss()')}net = Tagger()
train(net, [], torch.optim.SGD(net.parameters(), lr=0.1), criterion=nn.NLLLoss())
`, [], ['AL101', 'AL102']],
  ['log_softmax model, CrossEntropyLoss as the default (AL101)', `${tagger('F.log_softmax')}${loop('model, loader, optimizer, criterion=nn.CrossEntropyLoss()')}net = Tagger()
train(net, [], torch.optim.SGD(net.parameters(), lr=0.1))
`, ['AL101']],
  ['one call keeps the default, another gives a different loss (silent)', `${tagger('F.softmax')}${loop('model, loader, optimizer, criterion=nn.NLLLoss()')}net = Tagger()
opt = torch.optim.SGD(net.parameters(), lr=0.1)
train(net, [], opt)
train(net, [], opt, nn.MSELoss())
`, [], ['AL101', 'AL102']],
  // a function of the file that builds the loss (real code, session 17: a DCGAN's `get_criterion()`)
  ['softmax model, the loss built by a factory function and given to the trainer', `${tagger('F.softmax')}${trainer}def make_loss():
    return nn.NLLLoss(ignore_index=0)


model = Tagger()
Trainer(model, make_loss(), torch.optim.Adam(model.parameters())).train_epoch([])
`, ['AL102']],
  ['a factory binding the loss to a name before returning it, the loop reading the module-level result', `${tagger('F.softmax')}def build_criterion(weight=None):
    crit = nn.CrossEntropyLoss(weight=weight)
    return crit


${loop('model, loader, optimizer')}criterion = build_criterion()
net = Tagger()
train(net, [], torch.optim.SGD(net.parameters(), lr=0.1))
`, ['AL101']],
  ['log_softmax model, the factory builds NLLLoss (silent)', `${tagger('F.log_softmax')}${trainer}def make_loss():
    return nn.NLLLoss()


model = Tagger()
Trainer(model, make_loss(), torch.optim.Adam(model.parameters())).train_epoch([])
`, [], ['AL101', 'AL102']],
  ['a factory choosing the loss by its argument (silent)', `${tagger('F.softmax')}${trainer}def make_loss(kind):
    if kind == 'nll':
        return nn.NLLLoss()
    return nn.MSELoss()


model = Tagger()
Trainer(model, make_loss('nll'), torch.optim.Adam(model.parameters())).train_epoch([])
`, [], ['AL101', 'AL102']],
  ['arguments spread from a dict: the default may not hold (silent)', `${tagger('F.softmax')}${loop('model, loader, optimizer, criterion=nn.NLLLoss()')}net = Tagger()
cfg = {'optimizer': torch.optim.SGD(net.parameters(), lr=0.1), 'criterion': nn.MSELoss()}
train(net, [], **cfg)
`, [], ['AL101', 'AL102']],
];

for (const [name, source, expect, absent = []] of ROWS) {
  test(`loss as a value: ${name}`, () => {
    const got = codes(lintSource(source));
    for (const c of expect) assert.ok(got.includes(c), `expected ${c}, got [${got.join(', ')}]`);
    for (const c of absent) assert.ok(!got.includes(c), `did not expect ${c}, got [${got.join(', ')}]`);
  });
}
