// The snippet table: every spelling and alias, parameters, roles, losses, notebook cells and
// the things that look like activations but are not PyTorch's. Each row names exactly the
// catalog ids expected, in source order, and the fields that matter for it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzePython, analyzeNotebook, type ActivationUse } from '../../../src/python';
import { loadPython } from './setup';

type Expect = [id: string, fields?: Partial<ActivationUse> & { line?: number; column?: number; cell?: number }];
interface Row { name: string; src?: string; cells?: string[]; expect: Expect[]; parseErrors?: boolean }

const T = 'import torch\n';
const NN = 'import torch.nn as nn\n';
const FF = 'import torch.nn.functional as F\n';
const ALL = T + NN + FF;

const rows: Row[] = [
  // ── spellings and aliases ──────────────────────────────────────────────────────────────
  { name: 'torch.tanh', src: T + 'y = torch.tanh(x)', expect: [['tanh', { kind: 'torch', spelling: 'torch.tanh', canonical: 'torch.tanh', isCall: true, line: 1, column: 10 }]] },
  { name: 'import torch as th', src: 'import torch as th\ny = th.tanh(x)', expect: [['tanh', { spelling: 'th.tanh', canonical: 'torch.tanh' }]] },
  { name: 'import torch.nn as nn: module', src: NN + 'm = nn.ReLU()', expect: [['relu', { kind: 'module', spelling: 'nn.ReLU', canonical: 'torch.nn.ReLU' }]] },
  { name: 'import torch.nn.functional as F', src: FF + 'F.relu(x)', expect: [['relu', { kind: 'functional', spelling: 'F.relu', canonical: 'torch.nn.functional.relu', line: 1, column: 2 }]] },
  { name: 'from torch import nn, tanh', src: 'from torch import nn, tanh\nnn.Sigmoid()\ntanh(x)', expect: [['sigmoid', { spelling: 'nn.Sigmoid' }], ['tanh', { spelling: 'tanh', canonical: 'torch.tanh', kind: 'torch' }]] },
  { name: 'from torch.nn import functional as fn, ReLU', src: 'from torch.nn import functional as fn, ReLU\nfn.gelu(x)\nReLU()', expect: [['gelu', { spelling: 'fn.gelu', canonical: 'torch.nn.functional.gelu' }], ['relu', { spelling: 'ReLU', kind: 'module' }]] },
  { name: 'from torch.nn.functional import relu as r', src: 'from torch.nn.functional import relu as r\ny = r(x)', expect: [['relu', { spelling: 'r', canonical: 'torch.nn.functional.relu', kind: 'functional' }]] },
  { name: 'star import from torch.nn.functional', src: 'from torch.nn.functional import *\nrelu(x)\nsoftmax(x, dim=1)', expect: [['relu'], ['softmax', { params: { dim: 1 } }]] },
  { name: 'star import from torch', src: 'from torch import *\ntanh(x)\nsigmoid(x)', expect: [['tanh', { kind: 'torch' }], ['sigmoid', { kind: 'torch' }]] },
  { name: 'star import from torch.nn (module and loss)', src: 'from torch.nn import *\nm = Sequential(Linear(2, 2), ReLU())\nl = CrossEntropyLoss()', expect: [['relu', { kind: 'module', role: 'output', loss: 'CrossEntropyLoss' }]] },
  { name: 'fully qualified functional', src: T + 'torch.nn.functional.relu(x)', expect: [['relu', { spelling: 'torch.nn.functional.relu', kind: 'functional' }]] },
  { name: 'fully qualified module', src: T + 'torch.nn.Softmax(dim=1)', expect: [['softmax', { spelling: 'torch.nn.Softmax', kind: 'module', params: { dim: 1 } }]] },
  { name: 'torch.special.expit', src: T + 'p = torch.special.expit(z)', expect: [['sigmoid', { kind: 'torch', canonical: 'torch.special.expit', spelling: 'torch.special.expit' }]] },
  { name: 'torch.special.softmax', src: T + 'p = torch.special.softmax(z, 0)', expect: [['softmax', { canonical: 'torch.special.softmax', params: { dim: 0 } }]] },
  { name: 'import torch.nn.functional (no alias)', src: 'import torch.nn.functional\ny = torch.nn.functional.silu(x)', expect: [['silu']] },
  { name: 'from torch import special', src: 'from torch import special\nspecial.expit(x)', expect: [['sigmoid', { spelling: 'special.expit' }]] },
  { name: 'alias by assignment: F = torch.nn.functional', src: T + 'F = torch.nn.functional\ny = F.relu(x)', expect: [['relu', { spelling: 'F.relu', canonical: 'torch.nn.functional.relu' }]] },
  { name: 'alias by assignment over the import of the same module', src: FF + T + 'F = torch.nn.functional\nF.gelu(x)', expect: [['gelu']] },
  { name: 'alias of torch itself', src: T + 'th = torch\nth.tanh(x)\nz = th.sigmoid(x).tanh()', expect: [['tanh', { spelling: 'th.tanh' }], ['sigmoid'], ['tanh', { kind: 'tensorMethod' }]] },
  { name: 'alias of an alias', src: T + 'nn_ = torch.nn\nfn = nn_.functional\nfn.silu(x)', expect: [['silu', { spelling: 'fn.silu' }]] },
  { name: 'comparison is not an alias', src: T + 'ok = F == torch.nn.functional\nF.relu(x)', expect: [] },
  { name: 'tensor method x.relu()', src: T + 'y = x.relu()', expect: [['relu', { kind: 'tensorMethod', spelling: 'x.relu', canonical: 'torch.Tensor.relu' }]] },
  { name: 'tensor method logits.softmax(1)', src: 'p = logits.softmax(1)', expect: [['softmax', { kind: 'tensorMethod', params: { dim: 1 }, spelling: 'logits.softmax' }]] },
  { name: 'tensor method on a call', src: NN + 'class M(nn.Module):\n    def forward(self, x):\n        h = self.fc(x).tanh()\n        return self.head(h)', expect: [['tanh', { kind: 'tensorMethod', spelling: 'self.fc(x).tanh', role: 'hidden' }]] },
  { name: 'receiver text with markup is not echoed', src: 'y = "<img src=x onerror=alert(1)>".sigmoid()\nz = f(`[a](command:x)`).tanh()\nw = (a\n  + b).relu()', expect: [['sigmoid', { spelling: '(…).sigmoid' }], ['tanh', { spelling: '(…).tanh' }], ['relu', { spelling: '(…).relu' }]] },
  { name: 'tensor method with dim keyword', src: 'p = scores.log_softmax(dim=-1)', expect: [['log_softmax', { params: { dim: -1 } }]] },
  { name: 'torch.Tensor.relu(x)', src: T + 'y = torch.Tensor.relu(x)', expect: [['relu', { kind: 'tensorMethod', canonical: 'torch.Tensor.relu' }]] },
  { name: 'chained methods', src: T + 'y = torch.relu(x).sigmoid()', expect: [['relu', { kind: 'torch' }], ['sigmoid', { kind: 'tensorMethod' }]] },
  { name: 'many modules', src: NN + 'a = [nn.SiLU(), nn.Mish(), nn.ReLU6(), nn.SELU(), nn.Hardswish(), nn.Hardsigmoid(), nn.Softsign(), nn.LogSigmoid(), nn.Tanhshrink(), nn.Identity()]',
    // nn.Identity in a plain list fills no activation's slot (see the nn.Identity rows).
    expect: [['silu'], ['mish'], ['relu6'], ['selu'], ['hardswish'], ['hardsigmoid'], ['softsign'], ['logsigmoid'], ['tanhshrink']] },
  { name: 'softmin and log_softmax modules', src: NN + 'a = nn.Softmin(dim=0)\nb = nn.LogSoftmax(dim=1)', expect: [['softmin', { params: { dim: 0 } }], ['log_softmax', { params: { dim: 1 } }]] },
  { name: 'functools.partial of a module class: its keyword arguments', src: NN + 'from functools import partial\nact_layer = partial(nn.GELU, approximate="tanh")\nrelu = partial(nn.ReLU, True)', expect: [['gelu', { params: { approximate: 'tanh' }, isCall: false }], ['relu', { params: { inplace: true }, inPlace: true }]] },
  { name: 'functools.partial of a function: keywords, the tensor slot skipped', src: FF + 'import functools\nact = functools.partial(F.leaky_relu, negative_slope=0.2)\nsm = functools.partial(F.softmax, x, 1)\nbad = functools.partial(F.elu, alpha=a)', expect: [['leaky_relu', { params: { negative_slope: 0.2 } }], ['softmax', { params: { dim: 1 } }], ['elu', { params: {}, runtimeParams: ['alpha'] }]] },
  { name: 'a reference that is not partial\'s function keeps no parameters', src: NN + 'from functools import partial\nf = partial(make, nn.GELU, approximate="tanh")\ng = other(nn.ReLU, inplace=True)', expect: [['gelu', { params: {} }], ['relu', { params: {}, inPlace: false }]] },
  { name: 'multi-line call with comments', src: FF + 'y = F.leaky_relu(\n    x,  # input\n    0.3,\n)', expect: [['leaky_relu', { params: { negative_slope: 0.3 }, line: 1, callRange: { line: 1, column: 4, endLine: 4, endColumn: 1 } }]] },
  { name: 'spaced attribute access', src: FF + 'y = F . relu (x)', expect: [['relu', { spelling: 'F.relu' }]] },
  { name: 'unicode before the call keeps UTF-16 columns', src: FF + 's = "é😀"; y = F.relu(x)', expect: [['relu', { line: 1, column: 17 }]] },

  // ── in-place forms ───────────────────────────────────────────────────────────────────────
  { name: 'x.tanh_()', src: 'x.tanh_()', expect: [['tanh', { inPlace: true, kind: 'tensorMethod' }]] },
  { name: 'F.relu_', src: FF + 'F.relu_(x)', expect: [['relu', { inPlace: true, canonical: 'torch.nn.functional.relu_' }]] },
  { name: 'torch.relu_', src: T + 'torch.relu_(x)', expect: [['relu', { inPlace: true, kind: 'torch' }]] },
  { name: 'x.sigmoid_()', src: 'x.sigmoid_()', expect: [['sigmoid', { inPlace: true }]] },
  { name: 'nn.ReLU(inplace=True)', src: NN + 'nn.ReLU(inplace=True)', expect: [['relu', { inPlace: true, params: { inplace: true } }]] },
  { name: 'F.elu(x, inplace=False) is not in place', src: FF + 'F.elu(x, inplace=False)', expect: [['elu', { inPlace: false, params: { inplace: false } }]] },
  { name: 'F.leaky_relu_', src: FF + 'F.leaky_relu_(x, 0.1)', expect: [['leaky_relu', { inPlace: true, params: { negative_slope: 0.1 } }]] },

  // ── parameters ───────────────────────────────────────────────────────────────────────────
  { name: 'keyword negative_slope', src: NN + 'nn.LeakyReLU(negative_slope=0.1)', expect: [['leaky_relu', { params: { negative_slope: 0.1 }, runtimeParams: [] }]] },
  { name: 'positional module args', src: NN + 'nn.LeakyReLU(0.2, True)', expect: [['leaky_relu', { params: { negative_slope: 0.2, inplace: true } }]] },
  { name: 'positional functional arg after input', src: FF + 'F.leaky_relu(x, 0.2)', expect: [['leaky_relu', { params: { negative_slope: 0.2 } }]] },
  { name: 'negative keyword', src: FF + 'F.leaky_relu(x, negative_slope=-0.5)', expect: [['leaky_relu', { params: { negative_slope: -0.5 } }]] },
  { name: 'softmax dim=-1', src: FF + 'F.softmax(x, dim=-1)', expect: [['softmax', { params: { dim: -1 } }]] },
  { name: 'torch.softmax positional dim', src: T + 'torch.softmax(scores, 1)', expect: [['softmax', { params: { dim: 1 } }]] },
  { name: 'string keyword', src: FF + "F.gelu(x, approximate='tanh')", expect: [['gelu', { params: { approximate: 'tanh' } }]] },
  { name: 'string positional', src: NN + 'nn.GELU("tanh")', expect: [['gelu', { params: { approximate: 'tanh' } }]] },
  { name: 'non-literal is set at run time', src: FF + 'F.elu(x, alpha=a)', expect: [['elu', { params: {}, runtimeParams: ['alpha'] }]] },
  { name: 'non-literal positional', src: NN + 'nn.LeakyReLU(cfg.slope)', expect: [['leaky_relu', { params: {}, runtimeParams: ['negative_slope'] }]] },
  { name: 'two numbers', src: NN + 'nn.Softplus(beta=2, threshold=20)', expect: [['softplus', { params: { beta: 2, threshold: 20 } }]] },
  { name: 'negative positional floats', src: NN + 'nn.Hardtanh(-2.0, 2.0)', expect: [['hardtanh', { params: { min_val: -2, max_val: 2 } }]] },
  { name: 'exponent literal', src: FF + 'F.hardtanh(x, min_val=-1e-1)', expect: [['hardtanh', { params: { min_val: -0.1 } }]] },
  { name: 'None leaves the default', src: NN + 'nn.Softmax(dim=None)', expect: [['softmax', { params: {}, runtimeParams: [] }]] },
  { name: 'variable dim', src: FF + 'F.softmax(x, dim=d)', expect: [['softmax', { params: {}, runtimeParams: ['dim'] }]] },
  { name: '**kwargs', src: FF + 'F.relu(x, **kw)', expect: [['relu', { params: {}, runtimeParams: ['inplace'] }]] },
  { name: 'underscored integer', src: NN + 'nn.ELU(alpha=1_000)', expect: [['elu', { params: { alpha: 1000 } }]] },
  { name: 'hex integer', src: NN + 'nn.CELU(alpha=0x2)', expect: [['celu', { params: { alpha: 2 } }]] },
  { name: 'threshold positional', src: NN + 'nn.Threshold(0.1, 20)', expect: [['threshold', { params: { threshold: 0.1, value: 20 } }]] },
  { name: 'PReLU keeps catalog params only', src: NN + 'nn.PReLU(num_parameters=1, init=0.3)', expect: [['prelu', { params: { init: 0.3 } }]] },
  { name: 'parenthesised literal', src: NN + 'nn.LeakyReLU((0.05))', expect: [['leaky_relu', { params: { negative_slope: 0.05 } }]] },
  { name: 'f-string is run time', src: NN + 'nn.GELU(approximate=f"{mode}")', expect: [['gelu', { params: {}, runtimeParams: ['approximate'] }]] },
  { name: 'expression is run time', src: NN + 'nn.LeakyReLU(0.1 * 2)', expect: [['leaky_relu', { params: {}, runtimeParams: ['negative_slope'] }]] },
  { name: 'long string is truncated', src: NN + `nn.GELU("${'a'.repeat(500)}")`, expect: [['gelu', { params: { approximate: 'a'.repeat(64) + '…' } }]] },

  // ── references ───────────────────────────────────────────────────────────────────────────
  { name: 'act=nn.GELU reference', src: NN + 'block = Block(act=nn.GELU)', expect: [['gelu', { isCall: false, callRange: undefined }]] },
  { name: 'functions as values', src: FF + 'acts = [F.relu, F.tanh]', expect: [['relu', { isCall: false }], ['tanh', { isCall: false }]] },
  { name: 'F.tanh is deprecated', src: FF + 'F.tanh(x)', expect: [['tanh', { deprecation: 'nn.functional.tanh is deprecated. Use torch.tanh instead.' }]] },
  { name: 'F.sigmoid is deprecated', src: FF + 'F.sigmoid(x)', expect: [['sigmoid', { deprecation: 'nn.functional.sigmoid is deprecated. Use torch.sigmoid instead.' }]] },
  { name: 'torch.sigmoid is not deprecated', src: T + 'torch.sigmoid(x)', expect: [['sigmoid', { deprecation: undefined }]] },

  // ── roles ────────────────────────────────────────────────────────────────────────────────
  // Building blocks return into more layers: what their forward returns is hidden, not the model's output.
  { name: 'residual block: the ReLU its forward returns is hidden', src: NN + 'class BasicBlock(nn.Module):\n    def __init__(self, c):\n        super().__init__()\n        self.conv = nn.Conv2d(c, c, 3)\n        self.relu = nn.ReLU(inplace=True)\n    def forward(self, x):\n        out = self.conv(x) + x\n        out = self.relu(out)\n        return out\n',
    expect: [['relu', { role: 'hidden' }]] },
  { name: 'a helper returning a Sequential of blocks', src: NN + 'def conv_bn(cin, cout):\n    return nn.Sequential(nn.Conv2d(cin, cout, 3), nn.BatchNorm2d(cout), nn.ReLU())\n',
    expect: [['relu', { role: 'hidden' }]] },
  { name: 'a class used inside another module is a part', src: ALL + 'class Expert(nn.Module):\n    def forward(self, x):\n        return torch.sigmoid(self.fc(x))\nclass Mixture(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.experts = nn.ModuleList([Expert() for _ in range(4)])\n    def forward(self, x):\n        return F.softmax(self.gate(x), dim=-1)\n',
    expect: [['sigmoid', { role: 'hidden' }], ['softmax', { role: 'output' }]] },
  { name: 'a helper used in nn.Sequential is a part', src: NN + 'def act_fn():\n    return nn.Sequential(nn.Dropout(0.1), nn.GELU())\nmodel = nn.Sequential(nn.Linear(4, 4), act_fn(), nn.Linear(4, 1), nn.Sigmoid())\n',
    expect: [['gelu', { role: 'hidden' }], ['sigmoid', { role: 'output' }]] },
  { name: 'a function building the whole model: its last module is the output', src: NN + 'def build_model():\n    return nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10), nn.LogSoftmax(dim=1))\nmodel = build_model()\n',
    expect: [['relu', { role: 'hidden' }], ['log_softmax', { role: 'output' }]] },
  { name: 'a classifier head used inside a model stays an output', src: NN + FF + 'class Classifier(nn.Module):\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=1)\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.head = Classifier()\n',
    expect: [['softmax', { role: 'output' }]] },
  { name: 'a model made at module level is not a part', src: ALL + 'class Net(nn.Module):\n    def forward(self, x):\n        return torch.sigmoid(self.fc(x))\nmodel = Net()\nprint(Net())\n',
    expect: [['sigmoid', { role: 'output' }]] },
  { name: 'Sequential: last is output, others hidden', src: NN + 'model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3), nn.Softmax(dim=1))',
    expect: [['relu', { role: 'hidden' }], ['softmax', { role: 'output' }]] },
  { name: 'Sequential of a starred list', src: NN + 'model = nn.Sequential(*[nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1), nn.Sigmoid()])',
    expect: [['relu', { role: 'hidden' }], ['sigmoid', { role: 'output' }]] },
  { name: 'Sequential of a list variable', src: NN + 'layers = [nn.Linear(2, 2), nn.Tanh(), nn.Linear(2, 1), nn.Sigmoid()]\nmodel = nn.Sequential(*layers)',
    expect: [['tanh', { role: 'hidden' }], ['sigmoid', { role: 'output' }]] },
  { name: 'Sequential of appended modules', src: NN + 'def mlp(dims):\n    layers = []\n    for a, b in zip(dims, dims[1:]):\n        layers.append(nn.Linear(a, b))\n        layers.append(nn.ReLU())\n    layers.append(nn.Linear(dims[-1], 1))\n    layers.append(nn.Sigmoid())\n    return nn.Sequential(*layers)',
    expect: [['relu', { role: 'hidden' }], ['sigmoid', { role: 'output' }]] },
  { name: 'appended to a list that is not a Sequential', src: NN + 'acts = []\nacts.append(nn.Tanh())', expect: [['tanh', { role: null }]] },
  { name: 'Sequential of an OrderedDict', src: NN + 'from collections import OrderedDict\nm = nn.Sequential(OrderedDict([\n    ("fc1", nn.Linear(4, 8)),\n    ("act", nn.ELU()),\n    ("fc2", nn.Linear(8, 2)),\n    ("out", nn.LogSoftmax(dim=1)),\n]))',
    expect: [['elu', { role: 'hidden' }], ['log_softmax', { role: 'output' }]] },
  { name: 'nested Sequential', src: NN + 'm = nn.Sequential(nn.Sequential(nn.Linear(2, 2), nn.ReLU()), nn.Linear(2, 3), nn.Softmax(1))',
    expect: [['relu', { role: 'hidden' }], ['softmax', { role: 'output' }]] },
  { name: 'Sequential named features is hidden', src: NN + 'class N(nn.Module):\n    def __init__(self):\n        self.features = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU())',
    expect: [['relu', { role: 'hidden' }]] },
  { name: 'from torch.nn import Sequential', src: 'from torch.nn import Sequential, ReLU, Sigmoid\nm = Sequential(ReLU(), Sigmoid())', expect: [['relu', { role: 'hidden' }], ['sigmoid', { role: 'output' }]] },
  { name: 'forward returns the activation', src: ALL + 'class N(nn.Module):\n    def forward(self, x):\n        return torch.softmax(self.fc(x), 1)',
    expect: [['softmax', { role: 'output' }]] },
  { name: 'forward: hidden then output', src: ALL + 'class N(nn.Module):\n    def forward(self, x):\n        x = F.relu(self.fc1(x))\n        x = self.fc2(x)\n        return F.log_softmax(x, dim=1)',
    expect: [['relu', { role: 'hidden' }], ['log_softmax', { role: 'output' }]] },
  { name: 'forward: last op on the returned variable', src: NN + 'class N(nn.Module):\n    def forward(self, x):\n        out = self.fc(x).sigmoid()\n        return out',
    expect: [['sigmoid', { role: 'output' }]] },
  { name: 'head attribute name', src: NN + 'class N(nn.Module):\n    def __init__(self):\n        self.classifier = nn.Softmax(dim=1)\n        self.fc_out = nn.Sigmoid()',
    expect: [['softmax', { role: 'output' }], ['sigmoid', { role: 'output' }]] },
  { name: 'attributes used by forward', src: NN + 'class N(nn.Module):\n    def __init__(self):\n        self.act = nn.ReLU()\n        self.prob = nn.Sigmoid()\n    def forward(self, x):\n        h = self.act(self.fc1(x))\n        return self.prob(self.fc2(h))',
    expect: [['relu', { role: 'hidden' }], ['sigmoid', { role: 'output' }]] },
  { name: 'no context: role unknown', src: T + 'y = torch.tanh(x)', expect: [['tanh', { role: null }]] },
  { name: 'module-level head name', src: NN + 'head = nn.Sigmoid()', expect: [['sigmoid', { role: 'output' }]] },
  { name: 'hidden activation keyword', src: NN + 'mlp = MLP(hidden_act=nn.ReLU(), out_act=nn.Sigmoid())', expect: [['relu', { role: 'hidden' }], ['sigmoid', { role: 'output' }]] },
  { name: 'forward returns a tuple', src: NN + 'class N(nn.Module):\n    def forward(self, x):\n        return x.softmax(-1), x.relu()',
    expect: [['softmax', { role: 'output' }], ['relu', { role: 'output' }]] },

  // ── losses ───────────────────────────────────────────────────────────────────────────────
  { name: 'CrossEntropyLoss after softmax', src: NN + 'model = nn.Sequential(nn.Linear(4, 3), nn.Softmax(dim=1))\ncriterion = nn.CrossEntropyLoss()',
    expect: [['softmax', { role: 'output', loss: 'CrossEntropyLoss' }]] },
  { name: 'F.cross_entropy', src: ALL + 'p = torch.softmax(z, 1)\nl = F.cross_entropy(p, y)', expect: [['softmax', { loss: 'cross_entropy' }]] },
  { name: 'BCELoss after sigmoid', src: NN + 'head = nn.Sigmoid()\nloss_fn = nn.BCELoss()', expect: [['sigmoid', { loss: 'BCELoss' }]] },
  { name: 'BCEWithLogitsLoss', src: NN + 'm = nn.Sequential(nn.Linear(2, 1), nn.Sigmoid())\nloss_fn = nn.BCEWithLogitsLoss(pos_weight=w)', expect: [['sigmoid', { loss: 'BCEWithLogitsLoss' }]] },
  { name: 'MSELoss', src: NN + 'm = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1))\nloss = nn.MSELoss()', expect: [['tanh', { role: 'hidden', loss: 'MSELoss' }]] },
  { name: 'NLLLoss after log_softmax', src: NN + 'm = nn.Sequential(nn.Linear(2, 3), nn.LogSoftmax(dim=1))\nloss = nn.NLLLoss()', expect: [['log_softmax', { role: 'output', loss: 'NLLLoss' }]] },
  { name: 'F.binary_cross_entropy', src: T + FF + 'p = torch.sigmoid(z)\nl = F.binary_cross_entropy(p, y)', expect: [['sigmoid', { loss: 'binary_cross_entropy' }]] },
  { name: 'F.nll_loss as a reference', src: FF + 'loss_fn = F.nll_loss\nloss = loss_fn(F.log_softmax(z, 1), y)', expect: [['log_softmax', { loss: 'nll_loss' }]] },
  { name: 'two loss kinds: output gets the nearest, others none', src: NN + 'g = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1), nn.Sigmoid())\nadv = nn.BCELoss()\n\n\n\n\nrec = nn.L1Loss()\nt = nn.Tanh()',
    expect: [['relu', { role: 'hidden', loss: null }], ['sigmoid', { role: 'output', loss: 'BCELoss' }], ['tanh', { role: null, loss: null }]] },
  { name: 'same kind spelled two ways is one kind', src: ALL + 'm = nn.Sequential(nn.Linear(2, 2), nn.Tanh(), nn.Linear(2, 2))\na = nn.CrossEntropyLoss()\nb = F.cross_entropy(o, y)', expect: [['tanh', { role: 'hidden', loss: 'CrossEntropyLoss' }]] },
  { name: 'no loss', src: NN + 'm = nn.Sequential(nn.Linear(2, 2), nn.Softmax(1))', expect: [['softmax', { loss: null }]] },

  // ── notebooks ────────────────────────────────────────────────────────────────────────────
  { name: 'notebook: alias from an earlier cell', cells: ['import torch.nn.functional as F', 'y = F.relu(x)'], expect: [['relu', { cell: 1, line: 0, column: 6 }]] },
  { name: 'notebook: loss in a later cell counts', cells: ['from torch import nn', 'm = nn.Sequential(nn.Linear(2, 3), nn.Softmax(dim=1))', 'loss = nn.CrossEntropyLoss()'],
    expect: [['softmax', { cell: 1, role: 'output', loss: 'CrossEntropyLoss' }]] },
  { name: 'notebook: rebinding in a later cell', cells: [FF + 'a = F.relu(x)', 'F = None', 'b = F.relu(x)'], expect: [['relu', { cell: 0, line: 1 }]] },
  { name: 'notebook: alias used before its import cell is not PyTorch', cells: ['y = F.relu(x)', FF], expect: [] },
  { name: 'notebook: re-import after rebinding', cells: [FF, 'F = None', FF + 'F.gelu(x)'], expect: [['gelu', { cell: 2 }]] },

  // ── not PyTorch's ────────────────────────────────────────────────────────────────────────
  { name: 'user-defined relu shadows the import', src: 'from torch.nn.functional import relu\ndef relu(x):\n    return x\ny = relu(x)', expect: [] },
  { name: 'user-defined relu without import', src: 'def relu(x):\n    return max(0, x)\ny = relu(3)', expect: [] },
  { name: 'np.tanh', src: T + 'import numpy as np\ny = np.tanh(x)', expect: [] },
  { name: 'jax.nn.relu', src: 'import jax\ny = jax.nn.relu(x)', expect: [] },
  { name: 'math.tanh', src: 'import math\ny = math.tanh(0.5)', expect: [] },
  { name: 'tf.nn.relu', src: 'import tensorflow as tf\ny = tf.nn.relu(x)', expect: [] },
  { name: 'from jax.nn import relu', src: 'from jax.nn import relu\ny = relu(x)', expect: [] },
  { name: 'jax import wins over an earlier torch one', src: 'from torch.nn.functional import relu\nfrom jax.nn import relu\ny = relu(x)', expect: [] },
  { name: 'text in strings', src: ALL + 's = "F.relu(x) torch.tanh(x) nn.ReLU()"\nt = f"{x} x.sigmoid()"\nu = """\nnn.Softmax(dim=1)\n"""', expect: [] },
  { name: 'text in comments', src: ALL + '# y = torch.tanh(x)\nz = 1  # F.relu(x)', expect: [] },
  { name: 'docstring', src: ALL + 'def f(x):\n    """Applies torch.tanh(x) then x.relu()."""\n    return x', expect: [] },
  { name: 'shadowed F', src: FF + 'F = something_else\ny = F.relu(x)', expect: [] },
  { name: 'forward returning a reshaped Sequential output: its last module is the output', src: NN + 'class D(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.main = nn.Sequential(nn.Conv2d(3, 1, 4), nn.LeakyReLU(0.2), nn.Sigmoid())\n    def forward(self, x):\n        return self.main(x).view(-1, 1).squeeze(1)\ncrit = nn.BCELoss()\n',
    expect: [['leaky_relu', { role: 'hidden' }], ['sigmoid', { role: 'output', loss: 'BCELoss' }]] },
  // Gates: a hidden sigmoid whose value multiplies another value.
  { name: 'squeeze-and-excitation: the Sequential ending in Sigmoid gates x', src: NN + 'class SE(nn.Module):\n    def __init__(self, c):\n        super().__init__()\n        self.fc = nn.Sequential(nn.Linear(c, c // 4), nn.ReLU(inplace=True), nn.Linear(c // 4, c), nn.Sigmoid())\n    def forward(self, x):\n        b, c = x.shape[:2]\n        y = self.fc(x.mean((2, 3))).view(b, c, 1, 1)\n        return x * y.expand_as(x)\n',
    expect: [['relu', { role: 'hidden' }], ['sigmoid', { role: 'hidden', gate: true }]] },
  { name: 'a hand-written LSTM cell: its sigmoids are gates', src: T + 'def cell(x, h, c, W):\n    i, f, g, o = (x @ W).chunk(4, 1)\n    c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)\n    return o.sigmoid() * torch.tanh(c), c\n',
    expect: [['sigmoid', { gate: true }], ['sigmoid', { gate: true }], ['tanh'], ['sigmoid', { gate: true }], ['tanh']] },
  { name: 'a sigmoid whose value is only returned is no gate', src: T + 'def prob(z):\n    p = torch.sigmoid(z)\n    return p\n', expect: [['sigmoid', { gate: undefined }]] },
  { name: 'a gate module called in forward', src: NN + 'class Gated(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.gate = nn.Sigmoid()\n        self.fc = nn.Linear(4, 4)\n    def forward(self, x):\n        h = self.fc(x) * self.gate(x)\n        return self.fc(h)\n',
    expect: [['sigmoid', { role: 'hidden', gate: true }]] },
  { name: 'a sigmoid between layers is no gate', src: NN + 'model = nn.Sequential(nn.Linear(4, 4), nn.Sigmoid(), nn.Linear(4, 1))\n',
    expect: [['sigmoid', { role: 'hidden', gate: undefined }]] },
  // Outside a model, an activation feeds a loss only where its value is seen going into one.
  { name: 'softmax for sampling does not feed the file\'s CrossEntropyLoss', src: ALL + 'crit = nn.CrossEntropyLoss()\n@torch.no_grad()\ndef sample(logits):\n    probs = F.softmax(logits, dim=-1)\n    return torch.multinomial(probs, 1)\n',
    expect: [['softmax', { role: null, loss: null }]] },
  { name: 'softmax passed to a stored loss module', src: ALL + 'crit = nn.CrossEntropyLoss()\np = F.softmax(z, dim=1)\nloss = crit(p, y)\n',
    expect: [['softmax', { role: null, loss: 'CrossEntropyLoss' }]] },
  { name: 'softmax nested in a loss call through other calls', src: ALL + 'loss = F.nll_loss(torch.log(F.softmax(z, dim=1)), y)\n',
    expect: [['softmax', { role: null, loss: 'nll_loss' }]] },
  { name: 'sigmoid into a loss module called at once', src: ALL + 'loss = nn.BCELoss()(torch.sigmoid(z), y)\n',
    expect: [['sigmoid', { role: null, loss: 'BCELoss' }]] },
  { name: 'sigmoid into self.loss_fn in a training step', src: ALL + 'class Trainer:\n    def __init__(self):\n        self.loss_fn = nn.BCELoss()\n    def step(self, z, y):\n        p = z.sigmoid()\n        return self.loss_fn(p, y)\n',
    expect: [['sigmoid', { role: null, loss: 'BCELoss' }]] },
  { name: 'fallback in except ImportError is not a rebinding', src: 'try:\n    import torch.nn.functional as F\nexcept ImportError:\n    F = None\ny = F.relu(x)', expect: [['relu', { spelling: 'F.relu' }]] },
  { name: 'rebinding in a try body still shadows', src: FF + 'try:\n    F = load()\nexcept Exception:\n    pass\ny = F.relu(x)', expect: [] },
  { name: 'VAE: the encoder returned as a latent is hidden', src: NN + 'class VAE(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.enc = nn.Sequential(nn.Linear(784, 400), nn.ReLU())\n        self.dec = nn.Sequential(nn.Linear(20, 784), nn.Sigmoid())\n    def forward(self, x):\n        h = self.enc(x)\n        return self.dec(h), h\n',
    expect: [['relu', { role: 'hidden' }], ['sigmoid', { role: 'output' }]] },
  { name: 'F from numpy', src: 'import numpy as F\ny = F.relu(x)', expect: [] },
  { name: 'function parameter shadows within its scope only', src: FF + 'def f(F):\n    return F.relu(x)\ny = F.relu(x)', expect: [['relu', { line: 3 }]] },
  { name: 'local assignment shadows within the function', src: FF + 'def f(x):\n    F = get()\n    return F.relu(x)\ndef g(x):\n    return F.relu(x)', expect: [['relu', { line: 5 }]] },
  { name: 'for target shadows', src: NN + 'for nn in modules:\n    nn.ReLU()', expect: [] },
  { name: 'with-as shadows', src: FF + 'with open(p) as F:\n    F.relu(x)', expect: [] },
  { name: 'lambda parameter shadows', src: FF + 'g = lambda F: F.relu(x)', expect: [] },
  { name: 'comprehension variable shadows', src: FF + 'ys = [F.relu(x) for F in fs]', expect: [] },
  { name: 'class attribute does not shadow inside methods', src: 'from torch.nn.functional import relu\nclass A:\n    relu = 3\n    def f(self, x):\n        return relu(x)', expect: [['relu', { line: 4 }]] },
  { name: 'self.relu(x) is a submodule call', src: NN + 'class N(nn.Module):\n    def forward(self, x):\n        return self.relu(x)', expect: [] },
  { name: 'no import, no PyTorch', src: 'y = F.relu(x)\nm = nn.ReLU()\nz = tanh(x)', expect: [] },
  { name: 'method with the wrong arity', src: 'y = obj.tanh(a, b)\nz = thing.relu(x)', expect: [] },
  { name: 'keyword argument named like an import', src: 'from torch.nn.functional import relu\nbuild(relu=True)', expect: [] },
  { name: 'attribute reference without call is not a method use', src: 'f = x.relu', expect: [] },
  { name: 'attribute of a function', src: FF + 'n = F.relu.__name__', expect: [] },
  { name: 'unknown torch name', src: T + 'y = torch.foo(x)\nz = torch.nn.Linear(2, 2)', expect: [] },
  { name: 'relative import is the user\'s', src: 'from .layers import relu\ny = relu(x)', expect: [] },

  // ── half-typed code ──────────────────────────────────────────────────────────────────────
  { name: 'unclosed call', src: FF + 'y = F.relu(x', expect: [['relu']], parseErrors: true },
  { name: 'dangling keyword', src: NN + 'm = nn.LeakyReLU(negative_slope=', expect: [['leaky_relu', { params: {} }]], parseErrors: true },
];

before(loadPython);

test('the table has at least 80 snippets', () => {
  assert.ok(rows.length >= 80, `only ${rows.length} rows`);
});

for (const row of rows) {
  test(`snippet: ${row.name}`, () => {
    let found: Array<{ use: ActivationUse; cell?: number }>;
    let parseErrors = false;
    if (row.cells) {
      found = analyzeNotebook(row.cells).flatMap((a, cell) => a.uses.map((use) => ({ use, cell })));
    } else {
      const a = analyzePython(row.src!);
      parseErrors = a.parseErrors;
      found = a.uses.map((use) => ({ use }));
    }
    assert.deepEqual(found.map((f) => f.use.id), row.expect.map((e) => e[0]), `ids in ${JSON.stringify(row.src ?? row.cells)}`);
    row.expect.forEach(([, fields], i) => {
      const { use, cell } = found[i]!;
      for (const [key, want] of Object.entries(fields ?? {})) {
        const got = key === 'line' ? use.range.line : key === 'column' ? use.range.column : key === 'cell' ? cell : (use as unknown as Record<string, unknown>)[key];
        assert.deepEqual(got, want, `${use.id}.${key}`);
      }
    });
    if (row.parseErrors !== undefined) assert.equal(parseErrors, row.parseErrors);
  });
}

test('a whole realistic training script', () => {
  const src = readFileSync('test/fixtures/python/realistic.py', 'utf8');
  const a = analyzePython(src);
  assert.equal(a.parseErrors, false);
  assert.deepEqual(a.uses.map((u) => [u.range.line + 1, u.spelling, u.id, u.role]), [
    [18, 'nn.GELU', 'gelu', 'hidden'], // act=nn.GELU is built into the MLP's Sequential, before a Linear
    [41, 'attn.softmax', 'softmax', 'hidden'],
    [50, 'nn.ReLU', 'relu', 'hidden'],
    [59, 'F.leaky_relu', 'leaky_relu', 'hidden'],
    [62, 'F.log_softmax', 'log_softmax', 'output'],
    [67, 'torch.tanh', 'tanh', null],
    [80, 'torch.sigmoid', 'sigmoid', null],
    [81, 'fn.softplus', 'softplus', null],
  ]);
  // The model's activations train with the file's loss; the helpers and the code after training do not feed it.
  assert.deepEqual(a.uses.map((u) => u.loss), ['nll_loss', 'nll_loss', 'nll_loss', 'nll_loss', 'nll_loss', null, null, null]);
  assert.deepEqual(a.losses.map((l) => l.name), ['nll_loss']);
  assert.ok(a.imports.some((i) => i.local === 'np' && i.target === 'numpy'));
  assert.ok(a.imports.some((i) => i.local === 'fn' && i.target === 'torch.nn.functional'));
});
