// Issue 14's rows (data only: flow.test.ts checks them, one-analysis.test.ts runs them through
// every entry point): roles, losses and gates from where values flow.
import type { ActivationUse } from '../../../src/python';

export type Expect = [id: string, fields?: Partial<ActivationUse> & { line?: number; column?: number; cell?: number }];
export interface Row { name: string; src?: string; cells?: string[]; expect: Expect[]; parseErrors?: boolean }

const H = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n';

export const flowRows: Row[] = [
  // ── names do not decide roles ───────────────────────────────────────────────────────────
  { name: 'a Sequential stored as self.body and returned: its last ReLU is the regression output',
    src: H + 'class Regressor(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.body = nn.Sequential(nn.Linear(8, 32), nn.Tanh(), nn.Linear(32, 1), nn.ReLU())\n        self.loss = nn.MSELoss()\n    def forward(self, x):\n        return self.body(x)\n',
    expect: [['tanh', { role: 'hidden', loss: 'MSELoss' }], ['relu', { role: 'output', loss: 'MSELoss', lossRange: { line: 7, column: 23, endLine: 7, endColumn: 30 } }]] },
  { name: 'self.features / self.trunk returned are outputs too',
    src: H + 'class A(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.features = nn.Sequential(nn.Linear(4, 1), nn.Sigmoid())\n    def forward(self, x):\n        return self.features(x).squeeze(1)\nclass B(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.trunk = nn.Sequential(nn.Linear(4, 2), nn.Softmax(dim=1))\n    def forward(self, x):\n        return self.trunk(x)\n',
    expect: [['sigmoid', { role: 'output' }], ['softmax', { role: 'output' }]] },
  { name: 'a Sequential stored as self.head whose value goes on into a layer is hidden',
    src: H + 'class A(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.head = nn.Sequential(nn.Linear(4, 8), nn.ReLU())\n        self.fc = nn.Linear(8, 1)\n    def forward(self, x):\n        return self.fc(self.head(x))\n',
    expect: [['relu', { role: 'hidden' }]] },
  { name: 'a variable called out that goes into the next layer is hidden',
    src: H + 'class Net(nn.Module):\n    def forward(self, x):\n        out = F.relu(self.fc1(x))\n        out = self.fc2(out)\n        return out\n',
    expect: [['relu', { role: 'hidden' }]] },
  { name: 'a class named ConvAutoencoder: its final sigmoid is the output',
    src: H + 'class ConvAutoencoder(nn.Module):\n    def forward(self, x):\n        x = F.relu(self.conv1(x))\n        x = torch.sigmoid(self.t_conv2(x))\n        return x\nmodel = ConvAutoencoder()\ncriterion = nn.BCELoss()\nfor x, _ in loader:\n    loss = criterion(model(x), x)\n',
    expect: [['relu', { role: 'hidden', loss: 'BCELoss' }], ['sigmoid', { role: 'output', loss: 'BCELoss', lossRange: { line: 9, column: 15, endLine: 9, endColumn: 22 } }]] },
  { name: 'a class named Encoder used inside a VAE: hidden in the model that returns the decoder',
    src: H + 'class Encoder(nn.Module):\n    def forward(self, x):\n        return torch.tanh(self.fc(x))\nclass VAE(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.encoder = Encoder()\n    def forward(self, x):\n        return torch.sigmoid(self.dec(self.encoder(x)))\n',
    expect: [['tanh', { role: 'hidden' }], ['sigmoid', { role: 'output' }]] },
  { name: 'an output through locals, a reshape and torch.cat',
    src: H + 'class Net(nn.Module):\n    def forward(self, x):\n        a = torch.sigmoid(self.fa(x))\n        b = torch.sigmoid(self.fb(x)).view(-1, 1)\n        y = torch.cat([a, b], dim=1)\n        return y\n',
    expect: [['sigmoid', { role: 'output' }], ['sigmoid', { role: 'output' }]] },
  { name: 'a residual add keeps the role: the block is a part of the model that returns a head',
    src: H + 'class Block(nn.Module):\n    def forward(self, x):\n        return x + F.gelu(self.fc(x))\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.blocks = nn.Sequential(*[Block() for _ in range(4)])\n        self.head = nn.Linear(8, 2)\n    def forward(self, x):\n        return self.head(self.blocks(x))\n',
    expect: [['gelu', { role: 'hidden' }]] },

  // ── a returned tuple: the caller's index or unpacking picks the element ───────────────────
  { name: 'a tuple output bound to a name: out[0] gives the loss the logits, not the softmax beside them',
    src: H + 'class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(10, 3)\n    def forward(self, x):\n        logits = self.fc(x)\n        return logits, F.softmax(logits, dim=1)\nmodel = Net()\ncrit = nn.CrossEntropyLoss()\nfor x, y in loader:\n    out = model(x)\n    crit(out[0], y).backward()\n',
    expect: [['softmax', { role: 'output', loss: null }]] },
  { name: 'a tuple output indexed at once: model(x)[0] is the logits too',
    src: H + 'class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(10, 3)\n    def forward(self, x):\n        logits = self.fc(x)\n        return logits, F.softmax(logits, dim=1)\nmodel = Net()\nfor x, y in loader:\n    F.cross_entropy(model(x)[0], y).backward()\n',
    expect: [['softmax', { role: 'output', loss: null }]] },
  { name: 'a tuple output bound to a name: out[1] is the softmax, into NLLLoss',
    src: H + 'class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(10, 3)\n    def forward(self, x):\n        logits = self.fc(x)\n        return logits, F.softmax(logits, dim=1)\nmodel = Net()\ncrit = nn.NLLLoss()\nfor x, y in loader:\n    out = model(x)\n    crit(out[1], y).backward()\n',
    expect: [['softmax', { role: 'output', loss: 'NLLLoss' }]] },
  { name: 'a tuple output bound to a name, then unpacked: each name gets its own element',
    src: H + 'class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(10, 3)\n    def forward(self, x):\n        logits = self.fc(x)\n        return logits, F.softmax(logits, dim=1)\nmodel = Net()\ncrit = nn.CrossEntropyLoss()\nfor x, y in loader:\n    out = model(x)\n    logits, probs = out\n    crit(logits, y).backward()\n',
    expect: [['softmax', { role: 'output', loss: null }]] },

  // ── losses are per scope ────────────────────────────────────────────────────────────────
  { name: 'self called with its ( on the next line, after a comment: still the model\'s own call',
    src: H + 'class A(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(4, 1), nn.Sigmoid())\n        self.criterion = nn.BCELoss()\n    def forward(self, x):\n        return self.net(x)\n    def step(self, x, y):\n        return self.criterion(self  # the model\n                              (x), y)\n',
    expect: [['sigmoid', { role: 'output', loss: 'BCELoss' }]] },
  { name: 'two classes with self.criterion each: each output gets its own',
    src: H + 'class A(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(4, 1), nn.Sigmoid())\n        self.criterion = nn.BCELoss()\n    def forward(self, x):\n        return self.net(x)\n    def step(self, x, y):\n        return self.criterion(self(x), y)\n\n\n\nclass B(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(4, 1), nn.Sigmoid())\n        self.criterion = nn.BCEWithLogitsLoss()\n    def forward(self, x):\n        return self.net(x)\n    def step(self, x, y):\n        return self.criterion(self(x), y)\n',
    expect: [['sigmoid', { role: 'output', loss: 'BCELoss', lossRange: { line: 7, column: 28, endLine: 7, endColumn: 35 } }], ['sigmoid', { role: 'output', loss: 'BCEWithLogitsLoss' }]] },
  { name: 'a module-level criterion is not an unrelated class\'s self.criterion',
    src: H + 'class Other(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.criterion = nn.BCELoss()\nmodel = nn.Linear(4, 3)\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(F.softmax(model(x), dim=1), y)\nout = F.softmax(model(x), dim=1)\n',
    expect: [['softmax', { role: null, loss: 'CrossEntropyLoss' }], ['softmax', { role: null, loss: null }]] },
  { name: 'a model whose output is only used for argmax has no loss though the file has one',
    src: H + 'model = nn.Sequential(nn.Linear(4, 3), nn.Softmax(dim=1))\ncrit = nn.NLLLoss()\npred = model(x).argmax(1)\n',
    expect: [['softmax', { role: 'output', loss: null }]] },
  { name: 'a loss passed to a training function reaches the model built at module level',
    src: H + 'def train(model, loss_fn):\n    for x, y in loader:\n        loss = loss_fn(model(x), y)\n        loss.backward()\nnet = nn.Sequential(nn.Linear(4, 1), nn.Sigmoid())\ntrain(net, nn.BCELoss())\n',
    expect: [['sigmoid', { role: 'output', loss: 'BCELoss' }]] },
  // A notebook's train() helper called for two models with two losses: each call's criterion is its model's.
  { name: 'one training function called for two models with two losses: each model takes the loss of its own call',
    src: H + 'def train(model, loader, criterion, optimizer):\n    for x, y in loader:\n        optimizer.zero_grad()\n        loss = criterion(model(x), y)\n        loss.backward()\n        optimizer.step()\nclf = nn.Sequential(nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 10), nn.Softmax(dim=1))\ntrain(clf, digits, nn.CrossEntropyLoss(), opt)\ndet = nn.Sequential(nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 1), nn.Sigmoid())\ntrain(det, pairs, nn.BCELoss(), opt)\n',
    expect: [['relu', { role: 'hidden', loss: 'CrossEntropyLoss' }], ['softmax', { role: 'output', loss: 'CrossEntropyLoss' }], ['relu', { role: 'hidden', loss: 'BCELoss' }], ['sigmoid', { role: 'output', loss: 'BCELoss' }]] },
  { name: 'notebook: the helper in an early cell, the model and its criterion rebound for a second run',
    cells: [H, 'def fit(model, loader, criterion, epochs=1):\n    for e in range(epochs):\n        for x, y in loader:\n            criterion(model(x), y).backward()', 'model = nn.Sequential(nn.Linear(784, 10), nn.Softmax(dim=1))\ncriterion = nn.CrossEntropyLoss()', 'fit(model, train_loader, criterion)', 'model = nn.Sequential(nn.Linear(784, 1), nn.Sigmoid())\ncriterion = nn.BCELoss()\nfit(model, bin_loader, criterion)'],
    expect: [['softmax', { cell: 2, role: 'output', loss: 'CrossEntropyLoss' }], ['sigmoid', { cell: 4, role: 'output', loss: 'BCELoss' }]] },
  { name: 'one model handed to the training function twice with two losses: the loss is not known (none)',
    src: H + 'def train(model, loader, criterion):\n    for x, y in loader:\n        criterion(model(x), y).backward()\nclf = nn.Sequential(nn.Linear(4, 3), nn.Softmax(dim=1))\ntrain(clf, warmup, nn.MSELoss())\ntrain(clf, data, nn.NLLLoss())\n',
    expect: [['softmax', { role: 'output', loss: null }]] },
  { name: 'a helper given the model and, at each call, a metric that is no loss: the model takes none',
    src: H + 'def evaluate(model, loader, metric):\n    return sum(metric(model(x), y) for x, y in loader)\nclf = nn.Sequential(nn.Linear(4, 3), nn.Softmax(dim=1))\nevaluate(clf, val, accuracy)\n',
    expect: [['softmax', { role: 'output', loss: null }]] },

  // ── roles where the value plainly flows through a model ─────────────────────────────────
  { name: 'a conditional activation in a ViT block is hidden (its Identity fills the slot)',
    src: H + 'class Block(nn.Module):\n    def __init__(self, dim, last=False):\n        super().__init__()\n        self.act = nn.GELU() if not last else nn.Identity()\n        self.fc2 = nn.Linear(dim, dim)\n    def forward(self, x):\n        return self.fc2(self.act(self.fc1(x)))\n',
    expect: [['gelu', { role: 'hidden' }], ['identity', { role: 'hidden' }]] },
  { name: 'an activation in a helper method called from forward is hidden',
    src: H + 'class Net(nn.Module):\n    def _embed(self, x):\n        return F.silu(self.proj(x))\n    def forward(self, x):\n        h = self._embed(x)\n        return self.out(h)\n',
    expect: [['silu', { role: 'hidden' }]] },
  { name: 'an activation in a module-level helper called from forward',
    src: H + 'def mlp_act(x):\n    return F.mish(x)\nclass Net(nn.Module):\n    def forward(self, x):\n        return self.fc2(mlp_act(self.fc1(x)))\n',
    expect: [['mish', { role: 'hidden' }]] },
  { name: 'a helper whose result forward returns makes the output',
    src: H + 'class Net(nn.Module):\n    def _probs(self, z):\n        return F.softmax(z, dim=-1)\n    def forward(self, x):\n        return self._probs(self.fc(x))\n',
    expect: [['softmax', { role: 'output' }]] },
  { name: 'activation=nn.ReLU passed as a class and built inside the module is hidden',
    src: H + 'class MLP(nn.Module):\n    def __init__(self, dims, activation=nn.ReLU):\n        super().__init__()\n        layers = []\n        for a, b in zip(dims, dims[1:]):\n            layers += [nn.Linear(a, b), activation()]\n        self.net = nn.Sequential(*layers, nn.Linear(dims[-1], 1))\n    def forward(self, x):\n        return self.net(x)\nmlp = MLP([4, 8], activation=nn.Tanh)\n',
    expect: [['relu', { role: 'hidden' }], ['tanh', { role: 'hidden' }]] },
  { name: 'act_layer passed down two classes (timm style)',
    src: H + 'class Mlp(nn.Module):\n    def __init__(self, d, act_layer=nn.GELU):\n        super().__init__()\n        self.fc1 = nn.Linear(d, d)\n        self.act = act_layer()\n        self.fc2 = nn.Linear(d, d)\n    def forward(self, x):\n        return self.fc2(self.act(self.fc1(x)))\nclass Block(nn.Module):\n    def __init__(self, d, act_layer=nn.GELU):\n        super().__init__()\n        self.mlp = Mlp(d, act_layer=act_layer)\n    def forward(self, x):\n        return x + self.mlp(x)\nclass ViT(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.blocks = nn.Sequential(*[Block(64, act_layer=nn.SiLU) for _ in range(2)])\n        self.head = nn.Linear(64, 10)\n    def forward(self, x):\n        return self.head(self.blocks(x))\n',
    expect: [['gelu', { role: 'hidden' }], ['gelu', { role: 'hidden' }], ['silu', { role: 'hidden' }]] },
  { name: 'a functional activation passed as a value and called in forward',
    src: H + 'class Net(nn.Module):\n    def __init__(self, act=F.relu):\n        super().__init__()\n        self.act = act\n    def forward(self, x):\n        return self.fc2(self.act(self.fc1(x)))\n',
    expect: [['relu', { role: 'hidden', isCall: false }]] },

  // ── loss code is not a layer ────────────────────────────────────────────────────────────
  { name: 'a custom loss module: its logsigmoid is loss code, not a layer',
    src: H + 'class NegativeSamplingLoss(nn.Module):\n    def forward(self, inp, out, noise):\n        pos = torch.bmm(out, inp).sigmoid().log()\n        neg = F.logsigmoid(torch.bmm(noise.neg(), inp)).sum(1)\n        return -(pos + neg).mean()\ncriterion = NegativeSamplingLoss()\nloss = criterion(a, b, c)\nloss.backward()\n',
    expect: [['sigmoid', { role: null, loss: null }], ['logsigmoid', { role: null, loss: null }]] },
  { name: 'knowledge distillation: softmaxes passed straight into F.kl_div inside a module',
    src: H + 'class DistillLoss(nn.Module):\n    def __init__(self, T=4.0):\n        super().__init__()\n        self.T = T\n    def forward(self, s, t):\n        return F.kl_div(F.log_softmax(s / self.T, dim=1), F.softmax(t / self.T, dim=1), reduction="batchmean") * self.T ** 2\n',
    // The teacher's softmax is kl_div's target: what the student is compared with, not a prediction.
    expect: [['log_softmax', { role: null, loss: 'kl_div' }], ['softmax', { role: null, loss: null }]] },
  { name: 'a model whose forward computes its loss: the output stays an output, the loss input is loss code',
    src: H + 'class Net(nn.Module):\n    def forward(self, x, y):\n        logits = self.fc(x)\n        loss = F.nll_loss(F.log_softmax(logits, dim=1), y)\n        probs = F.softmax(logits, dim=1)\n        return probs, loss\n',
    expect: [['log_softmax', { role: null, loss: 'nll_loss' }], ['softmax', { role: 'output', loss: null }]] },

  // ── gates ───────────────────────────────────────────────────────────────────────────────
  { name: 'an attention gate Sequential multiplied into another value is a hidden gate',
    src: H + 'class Attention(nn.Module):\n    def __init__(self, d, h):\n        super().__init__()\n        self.to_out = nn.Linear(d, d)\n        self.to_gates = nn.Sequential(nn.Linear(d, h), nn.Sigmoid())\n    def forward(self, x, v):\n        gates = self.to_gates(x)\n        out = v * gates.unsqueeze(-1)\n        return self.to_out(out)\n',
    expect: [['sigmoid', { role: 'hidden', gate: true }]] },
  { name: 'a sigmoid multiplied by a constant is no gate',
    src: H + 'class Net(nn.Module):\n    def forward(self, x):\n        return 2.0 * torch.sigmoid(self.fc(x))\n',
    expect: [['sigmoid', { role: 'output', gate: undefined }]] },

  // ── nn.Identity placeholders ────────────────────────────────────────────────────────────
  { name: 'nn.Identity as a norm, a projection, a to_latent and a head slot is no activation',
    src: H + 'class ViT(nn.Module):\n    def __init__(self, dim, num_classes):\n        super().__init__()\n        self.norm = nn.LayerNorm(dim) if True else nn.Identity()\n        self.proj = nn.Identity()\n        self.to_latent = nn.Identity()\n        self.head = nn.Linear(dim, num_classes) if num_classes > 0 else nn.Identity()\n        self.pool = nn.Sequential(nn.Identity(), nn.Flatten())\n        self.mlp = nn.Sequential(nn.Linear(dim, dim), nn.Identity(), nn.GELU())\n',
    expect: [['gelu']] },
  { name: 'nn.Identity in an activation\'s slot: act_layer=, a Sequential after a Linear',
    src: H + 'blk = Block(64, act_layer=nn.Identity)\nhead = nn.Sequential(nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 1), nn.Identity())\n',
    expect: [['identity'], ['relu', { role: 'hidden' }], ['identity', { role: 'output' }]] },

  // ── a trainer rebinding its model to the same module (real code, session 15: a Kaggle notebook's self.net = self.net.double()) ──
  { name: 'a trainer holding the model as self.net = self.net.double(): the softmax is the output trained with MSELoss',
    src: H + 'class Net(nn.Module):\n    def forward(self, x):\n        return F.softmax(self.fc(F.relu(self.body(x))), dim=1)\nclass Component:\n    def __init__(self):\n        self.net = Net()\n        self.net = self.net.double()\n        self.crit = nn.MSELoss()\n    def fit(self, xs, ys):\n        pred = self.net(xs)\n        return self.crit(pred, ys)\n',
    expect: [['softmax', { role: 'output', loss: 'MSELoss' }], ['relu', { role: 'hidden', loss: 'MSELoss' }]] },
  { name: 'the same module moved twice in a model\'s __init__ (self.enc = self.enc.to(dev).train()): its ReLU still hidden in the model with the loss',
    src: H + 'class Enc(nn.Module):\n    def forward(self, x):\n        return F.relu(self.fc(x))\nclass Model(nn.Module):\n    def __init__(self, dev):\n        super().__init__()\n        self.enc = Enc()\n        self.enc = self.enc.to(dev).train()\n        self.head = nn.Linear(8, 3)\n    def forward(self, x):\n        return self.head(self.enc(x))\nmodel = Model("cpu")\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(model(x), y)\n',
    expect: [['relu', { role: 'hidden', loss: 'CrossEntropyLoss' }]] },
  { name: 'self.net = self.net.double() with the model never called: the verdict of the same holder without the rebinding (the loss it holds), not an unknown one',
    src: H + 'class Net(nn.Module):\n    def forward(self, x):\n        return torch.sigmoid(self.fc(x))\nclass Holder:\n    def __init__(self):\n        self.net = Net()\n        self.net = self.net.double()\n        self.crit = nn.BCELoss()\n',
    expect: [['sigmoid', { role: 'output', loss: 'BCELoss' }]] },

  // ── a distribution is where a policy's value ends (real code, session 15: a PPO actor without forward) ──
  { name: 'an actor Sequential into Bernoulli(probs=…): its last sigmoid has no role (sampled from, scored), its tanh is hidden',
    src: H + 'class AC(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.actor = nn.Sequential(nn.Linear(4, 16), nn.Tanh(), nn.Linear(16, 1), nn.Sigmoid())\n    def act(self, s):\n        d = torch.distributions.Bernoulli(probs=self.actor(s))\n        return d.sample()\n',
    expect: [['tanh', { role: 'hidden', loss: null }], ['sigmoid', { role: null, loss: null }]] },
  { name: 'Categorical imported from torch.distributions, given a softmax in a method: no role for the softmax',
    src: H + 'from torch.distributions import Categorical\nclass Agent(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 3)\n    def act(self, s):\n        probs = F.softmax(self.fc(s), dim=-1)\n        return Categorical(probs).sample()\n',
    expect: [['softmax', { role: null, loss: null }]] },

  // ── notebooks ───────────────────────────────────────────────────────────────────────────
  { name: 'notebook: model and criterion rebound cell after cell, each with its own loss',
    cells: [H, 'model = nn.Sequential(nn.Linear(784, 10), nn.LogSoftmax(dim=1))\ncriterion = nn.NLLLoss()',
      'for x, y in loader:\n    loss = criterion(model(x), y)', 'model = nn.Sequential(nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 10))\ncriterion = nn.CrossEntropyLoss()',
      'for x, y in loader:\n    loss = criterion(model(x), y)', 'model = nn.Sequential(nn.Linear(784, 1), nn.Sigmoid())\ncriterion = nn.BCELoss()', 'out = model(x)\nl = criterion(out, y)'],
    expect: [['log_softmax', { cell: 1, role: 'output', loss: 'NLLLoss', lossRange: { line: 1, column: 15, endLine: 1, endColumn: 22 } }], ['relu', { cell: 3, role: 'hidden', loss: 'CrossEntropyLoss' }], ['sigmoid', { cell: 5, role: 'output', loss: 'BCELoss' }]] },
  { name: 'notebook: a class defined in one cell, trained in another',
    cells: [H, 'class Net(nn.Module):\n    def forward(self, x):\n        return F.log_softmax(self.fc2(F.relu(self.fc1(x))), dim=1)', 'net = Net()\nopt = torch.optim.SGD(net.parameters(), lr=0.1)', 'crit = nn.NLLLoss()\nfor x, y in loader:\n    l = crit(net(x), y)'],
    expect: [['log_softmax', { cell: 1, role: 'output', loss: 'NLLLoss', lossRange: undefined }], ['relu', { cell: 1, role: 'hidden', loss: 'NLLLoss' }]] },
  { name: 'notebook: a sampling cell after training feeds no loss',
    cells: [H + 'model = nn.Sequential(nn.Linear(4, 3))\ncrit = nn.CrossEntropyLoss()', 'with torch.no_grad():\n    p = F.softmax(model(x), dim=-1)\n    idx = torch.multinomial(p, 1)'],
    expect: [['softmax', { cell: 1, role: null, loss: null }]] },
];
