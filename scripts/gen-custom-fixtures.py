#!/usr/bin/python3
"""Reference fixtures for user-defined activations (issue 16), computed by real PyTorch.

    /usr/bin/python3 scripts/gen-custom-fixtures.py

Writes
  test/fixtures/torch/custom-ops.json   the engine's new elementwise ops (sin, cos, atan, sign,
                                        log2, log10, erf, erfc) and the kinks the issue names
                                        (where at its condition's edge, clamp with tensor bounds
                                        at them, maximum/minimum ties, relu at 0, pow with tensor
                                        exponents), forward and gradients;
  test/fixtures/custom/definitions.json every snippet below, run by PyTorch as written: f on
                                        torch.linspace(A, B, N) and df/dx from f(x).sum().backward(),
                                        in float64 and float32.
The unit tests run the engine's interpreter on the very same source text and compare.

Numbers are encoded as in gen-fixtures.py: JSON numbers by repr, and "nan", "inf", "-inf", "-0".
PyTorch's vectorised and scalar kernel paths may differ in the last bit (float32); each op point
is also computed alone (scalar path) and recorded under "alt" where it differs.
"""
import json
import math
import os

import torch

from fixture_encoding import enc, enc_list

torch.set_num_threads(1)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DT = {'float32': torch.float32, 'float64': torch.float64}




def meta():
    return {'torch_version': torch.__version__, 'generator': 'scripts/gen-custom-fixtures.py'}


def write(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        json.dump({'meta': meta(), **obj}, f, separators=(',', ':'), allow_nan=False)
        f.write('\n')


# ---------------------------------------------------------------- ops
EDGES = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1e-30, -1e-30, 1e-8, 2.0, -2.0, 3.0, 5.0, -5.0, 10.0, 27.0, -27.0,
         math.pi, -math.pi / 2, 100.0, 1e10, -1e10, float('nan'), float('inf'), float('-inf')]
UNARY = ['sin', 'cos', 'atan', 'sign', 'log2', 'log10', 'erf', 'erfc']


def unary_cases():
    cases = []
    g = torch.Generator().manual_seed(16)
    for name in UNARY:
        fn = getattr(torch, name)
        for dt in DT:
            pts = EDGES + torch.linspace(-8, 8, 97, dtype=torch.float64).tolist()
            if name in ('log2', 'log10'):
                pts = pts + [1e-300, 1e-5, 7.0, 1024.0, 0.001]
            x = torch.tensor(pts, dtype=DT[dt], requires_grad=True)
            y = fn(x)
            G = torch.randn(len(pts), generator=g, dtype=torch.float64).to(DT[dt])
            (y * G).sum().backward(retain_graph=True)
            gx = x.grad.clone()
            x.grad = None
            y.sum().backward()
            ones = x.grad.clone()
            alt_y, alt_g = {}, {}
            for i, v in enumerate(pts):
                xi = torch.tensor([v], dtype=DT[dt], requires_grad=True)
                yi = fn(xi)
                yi.sum().backward()
                if enc(yi.item()) != enc(y[i].item()):
                    alt_y[i] = enc(yi.item())
                if enc(xi.grad.item()) != enc(ones[i].item()):
                    alt_g[i] = enc(xi.grad.item())
            cases.append({'op': name, 'dtype': dt, 'x': enc_list(x), 'y': enc_list(y), 'grad_fn': y.grad_fn.name(),
                          'G': enc_list(G), 'grad': enc_list(gx), 'grad_ones': enc_list(ones),
                          'alt_y': {str(k): v for k, v in alt_y.items()}, 'alt_grad_ones': {str(k): v for k, v in alt_g.items()}})
    return cases


# Kinks: each is (name, code with x (and y, lo, hi) as tensors); gradients of every tensor input.
KINKS = [
    ('where_edge', 'torch.where(x >= 0, x, 0.1 * x)', {'x': [-1.0, -0.0, 0.0, 1e-30, 1.0]}),
    ('where_scalar_other', 'torch.where(x > 0, x, 0.0)', {'x': [-1.0, 0.0, 2.0]}),
    ('where_scalar_input', 'torch.where(x > 0, 1.0, x)', {'x': [-1.0, 0.0, 2.0]}),
    ('where_scalars', 'torch.where(x > 0, 1.0, -1.0) * x', {'x': [-1.0, 0.0, 2.0]}),
    ('clamp_tensor_bounds', 'torch.clamp(x, lo, hi)',
     {'x': [-2.0, -1.0, 0.0, 1.0, 2.0, 0.5, 3.0], 'lo': [-1.0, -1.0, 0.0, -1.0, -1.0, 1.0, 3.0], 'hi': [1.0, 1.0, 0.0, 1.0, 1.0, 0.0, 3.0]}),
    ('clamp_min_tensor', 'torch.clamp(x, min=lo)', {'x': [-1.0, 0.0, 1.0], 'lo': [0.0, 0.0, 0.0]}),
    ('clamp_max_tensor', 'x.clamp(max=hi)', {'x': [-1.0, 0.0, 1.0], 'hi': [0.0, 0.0, 0.0]}),
    ('clamp_scalar_at_bounds', 'torch.clamp(x, -1.0, 1.0)', {'x': [-2.0, -1.0, 0.0, 1.0, 2.0]}),
    ('clamp_min_zero', 'x.clamp(min=0)', {'x': [-1.0, -0.0, 0.0, 1.0]}),
    ('maximum_ties', 'torch.maximum(x, y)', {'x': [-1.0, 0.0, 1.0, 2.0], 'y': [0.0, 0.0, 1.0, 1.0]}),
    ('minimum_ties', 'torch.minimum(x, y)', {'x': [-1.0, 0.0, 1.0, 2.0], 'y': [0.0, 0.0, 1.0, 1.0]}),
    ('maximum_zeros_like', 'torch.maximum(x, torch.zeros_like(x))', {'x': [-1.0, 0.0, 1.0]}),
    ('relu_at_zero', 'torch.relu(x)', {'x': [-1.0, -0.0, 0.0, 1.0]}),
    ('abs_at_zero', 'torch.abs(x)', {'x': [-1.0, -0.0, 0.0, 1.0]}),
    ('pow_tensor_exponent', 'torch.pow(x, y)', {'x': [0.0, 0.0, 2.0, 0.5, 3.0, 1.0, 4.0], 'y': [0.0, 2.0, 0.5, -1.0, 2.0, 0.0, -0.5]}),
    ('pow_scalar_base', 'torch.pow(2.0, x)', {'x': [-1.0, 0.0, 0.5, 3.0]}),
    ('rpow', '2 ** x', {'x': [-1.0, 0.0, 0.5, 3.0]}),
    ('sign_times_x', 'torch.sign(x) * x', {'x': [-1.0, -0.0, 0.0, 1.0]}),
]


def kink_cases():
    cases = []
    for name, code, inputs in KINKS:
        for dt in DT:
            env = {k: torch.tensor(v, dtype=DT[dt], requires_grad=True) for k, v in inputs.items()}
            out = eval(code, {'torch': torch}, dict(env))
            out.sum().backward()
            cases.append({'name': name, 'code': code, 'dtype': dt,
                          'inputs': {k: enc_list(t) for k, t in env.items()},
                          'out': enc_list(out), 'out_dtype': str(out.dtype).replace('torch.', ''),
                          'grads': {k: (enc_list(t.grad) if t.grad is not None else None) for k, t in env.items()}})
    return cases


# ---------------------------------------------------------------- definitions
# Each: (name to call, kind, source). Written the way public code writes them (not copied):
# modules with constants in forward, helpers with defaults, lambdas bound to names, math.*.
DEFS = [
    ('NewGELU', 'module', '''import math
import torch
import torch.nn as nn


class NewGELU(nn.Module):
    """GELU with the tanh approximation, as GPT-2 wrote it."""

    def forward(self, x):
        return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))
'''),
    ('gelu_erf', 'function', '''import math
import torch


def gelu_erf(x):
    return x * 0.5 * (1.0 + torch.erf(x / math.sqrt(2.0)))
'''),
    ('gelu_erfc', 'function', '''import math
import torch


def gelu_erfc(x):
    # the same curve through erfc, as some CUDA ports write it
    return 0.5 * x * torch.erfc(-x / math.sqrt(2))
'''),
    ('gelu_special', 'function', '''import torch
from torch import special

SQRT_HALF = 0.7071067811865476


def gelu_special(x):
    return x * 0.5 * (1 + special.erf(x * SQRT_HALF))
'''),
    ('swish', 'function', '''import torch


def swish(x):
    return x * torch.sigmoid(x)
'''),
    ('swish_beta', 'function', '''import torch


def swish_beta(x, beta=1.0):
    return x * torch.sigmoid(beta * x)
'''),
    ('silu_method', 'lambda', '''silu_method = lambda t: t * t.sigmoid()
'''),
    ('Swish', 'module', '''import torch
from torch import nn


class Swish(nn.Module):
    def __init__(self, beta=1.0, trainable=True):
        super(Swish, self).__init__()
        if trainable:
            self.beta = nn.Parameter(torch.tensor(beta))
        else:
            self.register_buffer("beta", torch.tensor(beta))

    def forward(self, x):
        return x * torch.sigmoid(self.beta * x)
'''),
    ('QuickGELU', 'module', '''import torch
from torch import nn


class QuickGELU(nn.Module):
    def forward(self, x: torch.Tensor):
        return x * torch.sigmoid(1.702 * x)
'''),
    ('hard_swish', 'function', '''import torch.nn.functional as F


def hard_swish(x, inplace: bool = False):
    return x * F.relu6(x + 3.0, inplace=inplace) / 6.0
'''),
    ('HSwish', 'module', '''from torch import nn
import torch.nn.functional as F


class HSwish(nn.Module):
    def __init__(self, inplace=True):
        super().__init__()
        self.inplace = inplace

    def forward(self, x):
        out = x * F.relu6(x + 3, inplace=self.inplace) / 6
        return out
'''),
    ('hard_sigmoid', 'function', '''import torch.nn.functional as F


def hard_sigmoid(x):
    return F.relu6(x + 3.) / 6.
'''),
    ('squared_relu', 'function', '''import torch
import torch.nn.functional as F


def squared_relu(x):
    return torch.square(F.relu(x))
'''),
    ('ReLUSquared', 'module', '''import torch.nn as nn
import torch.nn.functional as F


class ReLUSquared(nn.Module):
    def forward(self, input):
        return F.relu(input) ** 2
'''),
    ('Snake', 'module', '''import torch
from torch import nn


class Snake(nn.Module):
    """x + sin^2(alpha * x) / alpha, with a learned frequency."""

    def __init__(self, alpha: float = 0.5):
        super().__init__()
        self.alpha = nn.Parameter(torch.tensor(alpha))

    def forward(self, x):
        return x + (1.0 / (self.alpha + 1e-9)) * torch.pow(torch.sin(self.alpha * x), 2)
'''),
    ('Mish', 'module', '''import torch
import torch.nn as nn
import torch.nn.functional as F


class Mish(nn.Module):
    def forward(self, x):
        return x * torch.tanh(F.softplus(x))
'''),
    ('mish', 'lambda', '''import torch
import torch.nn.functional as F

mish = lambda x: x * torch.tanh(F.softplus(x))
'''),
    ('leaky', 'lambda', '''import torch

leaky = lambda x: torch.where(x > 0, x, 0.2 * x)
'''),
    ('elu_manual', 'function', '''import torch


def elu_manual(x, alpha=1.0):
    return torch.where(x > 0, x, alpha * (torch.exp(x) - 1))
'''),
    ('elu_half', 'function', '''import torch


def elu_half(x):
    alpha = 0.5
    pos = torch.clamp(x, min=0)
    neg = alpha * (torch.exp(torch.clamp(x, max=0)) - 1)
    return pos + neg
'''),
    ('relu_clamp', 'lambda', '''relu_clamp = lambda x: x.clamp(min=0)
'''),
    ('relu_maximum', 'function', '''import torch


def relu_maximum(x):
    return torch.maximum(x, torch.zeros_like(x))
'''),
    ('relu_minimum', 'function', '''import torch


def relu_minimum(x):
    return -torch.minimum(-x, torch.zeros_like(x))
'''),
    ('relu_where', 'function', '''import torch


def relu_where(x):
    return torch.where(x > 0, x, 0.0)
'''),
    ('softsign_manual', 'function', '''import torch


def softsign_manual(x):
    return x / (1 + torch.abs(x))
'''),
    ('softplus_manual', 'function', '''import torch


def softplus_manual(x):
    return torch.log(1 + torch.exp(x))
'''),
    ('tanh_exp', 'function', '''import torch


def tanh_exp(x):
    a = torch.exp(x)
    b = torch.exp(-x)
    return (a - b) / (a + b)
'''),
    ('sigmoid_manual', 'lambda', '''import torch

sigmoid_manual = lambda z: 1.0 / (1.0 + torch.exp(-z))
'''),
    ('logsigmoid_manual', 'function', '''import torch.nn.functional as F


def logsigmoid_manual(x):
    return -F.softplus(-x)
'''),
    ('tanhshrink_manual', 'function', '''import torch


def tanhshrink_manual(x):
    return x - torch.tanh(x)
'''),
    ('hardtanh_clamp', 'function', '''import torch


def hardtanh_clamp(x, min_val=-1.0, max_val=1.0):
    return torch.clamp(x, min_val, max_val)
'''),
    ('relu6_clamp', 'lambda', '''relu6_clamp = lambda x: x.clamp(0.0, 6.0)
'''),
    ('relu6_hardtanh', 'function', '''import torch.nn.functional as F


def relu6_hardtanh(x):
    return F.hardtanh(x, min_val=0.0, max_val=6.0)
'''),
    ('selu_manual', 'function', '''import torch

ALPHA = 1.6732632423543772848170429916717
SCALE = 1.0507009873554804934193349852946


def selu_manual(x):
    return SCALE * torch.where(x > 0, x, ALPHA * (torch.exp(x) - 1))
'''),
    ('celu_manual', 'function', '''import torch


def celu_manual(x, alpha=2.0):
    zero = torch.zeros_like(x)
    return torch.max(zero, x) + torch.min(zero, alpha * (torch.exp(x / alpha) - 1))
'''),
    ('gaussian', 'function', '''import torch


def gaussian(x):
    return torch.exp(-x ** 2)
'''),
    ('arctan_act', 'function', '''import torch


def arctan_act(x):
    return torch.atan(x)
'''),
    ('symlog', 'function', '''import torch


def symlog(x):
    return torch.sign(x) * torch.log1p(torch.abs(x))
'''),
    ('Sine', 'module', '''import torch
from torch import nn


class Sine(nn.Module):
    def __init__(self, w0=30.0):
        super().__init__()
        self.w0 = w0

    def forward(self, x):
        return torch.sin(self.w0 * x)
'''),
    ('cos_act', 'lambda', '''import torch

cos_act = lambda x: torch.cos(x)
'''),
    ('squareplus', 'function', '''import torch


def squareplus(x, b=4.0):
    return 0.5 * (x + torch.sqrt(x * x + b))
'''),
    ('log2_softplus', 'function', '''import torch


def log2_softplus(x):
    return torch.log2(1 + torch.exp(x))
'''),
    ('log10_symlog', 'function', '''import torch


def log10_symlog(x):
    return x.sign() * torch.log10(1 + x.abs())
'''),
    ('shifted_softplus', 'function', '''import math
import torch.nn.functional as F


def shifted_softplus(x):
    return F.softplus(x) - math.log(2.0)
'''),
    ('PReLUish', 'module', '''import torch
import torch.nn as nn


class PReLUish(nn.Module):
    def __init__(self, init=0.25):
        super().__init__()
        self.a = nn.Parameter(torch.tensor(init))

    def forward(self, x):
        return torch.where(x >= 0, x, self.a * x)
'''),
    ('leaky_maximum', 'lambda', '''import torch

leaky_maximum = lambda x: torch.maximum(x, 0.1 * x)
'''),
    ('pow2_base', 'function', '''import torch


def pow2_base(x):
    return torch.pow(torch.full_like(x, 2.0), x) - 1
'''),
    ('choose', 'function', '''import torch
import torch.nn.functional as F


def choose(x, kind="relu"):
    return F.relu(x) if kind == "relu" else torch.tanh(x)
'''),
    ('log_swish', 'function', '''import math
import torch


def log_swish(x):
    return x * torch.sigmoid(math.log(2.0) * x)
'''),
    ('elliott', 'function', '''def elliott(x):
    return 0.5 * x / (1 + abs(x)) + 0.5
'''),
    ('threshold_manual', 'function', '''import torch


def threshold_manual(x, th=0.5, value=-1.0):
    return torch.where(x > th, x, torch.full_like(x, value))
'''),
    ('NoGradScale', 'module', '''import torch
from torch import nn


class NoGradScale(nn.Module):
    def __init__(self, scale=2):
        super().__init__()
        self.scale = scale

    def forward(self, x):
        y = x * self.scale
        y = y - 1
        return torch.tanh(y) if self.scale > 1 else y
'''),
    ('notebook_swish', 'function', None),  # from the notebook below
]

# A notebook: its code cells, in order; the definition lives in the second cell.
NOTEBOOK_CELLS = [
    'import torch\nimport torch.nn.functional as F\n',
    'def notebook_swish(x, beta=1.0):\n    """Swish from a notebook cell."""\n    return x * F.sigmoid(beta * x)\n',
    'y = notebook_swish(torch.linspace(-3, 3, 7))\n',
]

GRIDS = [(-6.0, 6.0, 121), (-4.0, 4.0, 9)]


def run_definition(name, kind, source):
    ns = {}
    if source is None:
        for cell in NOTEBOOK_CELLS:
            exec(cell, ns)
    else:
        exec(source, ns)
    f = ns[name]
    if isinstance(f, type):
        f = f()
    out = {}
    for dt in DT:
        runs = []
        for a, b, n in GRIDS:
            x = torch.linspace(a, b, n, dtype=DT[dt], requires_grad=True)
            y = f(x)
            y.sum().backward()
            runs.append({'from': a, 'to': b, 'points': n, 'x': enc_list(x), 'y': enc_list(y), 'dy': enc_list(x.grad),
                         'y_dtype': str(y.dtype).replace('torch.', '')})
        out[dt] = runs
    return out


def definitions():
    out = []
    for name, kind, source in DEFS:
        out.append({'name': name, 'kind': kind, 'source': source, 'notebook': NOTEBOOK_CELLS if source is None else None,
                    'results': run_definition(name, kind, source)})
    return out


if __name__ == '__main__':
    write(os.path.join(ROOT, 'test', 'fixtures', 'torch', 'custom-ops.json'), {'unary': unary_cases(), 'kinks': kink_cases()})
    defs = definitions()
    write(os.path.join(ROOT, 'test', 'fixtures', 'custom', 'definitions.json'), {'grids': GRIDS, 'definitions': defs})
    print(f'{len(defs)} definitions, {len(UNARY)} unary ops, {len(KINKS)} kink cases')
