#!/usr/bin/python3
"""Writes test/fixtures/catalog/torch-api.json: which activation names PyTorch really has, in which
namespace, with which parameters and defaults, and which deprecation warnings it prints.
The catalog test checks every catalog record against it. Run with Debian's /usr/bin/python3."""
import inspect, json, sys, warnings, pathlib
import torch
import torch.nn as nn
import torch.nn.functional as F

NAMES = ['tanh', 'sigmoid', 'relu', 'relu6', 'leaky_relu', 'elu', 'selu', 'celu', 'gelu', 'silu', 'mish',
         'softplus', 'softsign', 'hardtanh', 'hardsigmoid', 'hardswish', 'logsigmoid', 'tanhshrink',
         'softshrink', 'hardshrink', 'threshold', 'prelu', 'rrelu', 'softmax', 'log_softmax', 'softmin']
MODULES = ['ReLU', 'ReLU6', 'LeakyReLU', 'ELU', 'SELU', 'CELU', 'GELU', 'SiLU', 'Mish', 'Softplus', 'Softsign',
           'Hardtanh', 'Hardsigmoid', 'Hardswish', 'LogSigmoid', 'Tanhshrink', 'Softshrink', 'Hardshrink',
           'Threshold', 'PReLU', 'RReLU', 'Softmax', 'LogSoftmax', 'Softmin', 'Sigmoid', 'Tanh', 'Identity']


def params_of(fn, skip):
    """[(name, default-or-None)] of a Python signature; builtins (no signature) give None."""
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return None
    if not sig.parameters and fn.__doc__:
        return None
    out = []
    for p in list(sig.parameters.values())[skip:]:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        d = None if p.default is inspect.Parameter.empty else p.default
        out.append([p.name, d if isinstance(d, (int, float, str, bool)) or d is None else repr(d)])
    return out


def warning_of(fn):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        fn(torch.zeros(2))
    return [str(x.message) for x in w]


api = {'torch_version': torch.__version__, 'functional': {}, 'torch': {}, 'special': {}, 'tensor': {}, 'modules': {}}
for name in NAMES:
    for ns_key, ns in (('functional', F), ('torch', torch), ('tensor', torch.Tensor)):
        for n in (name, name + '_'):
            if hasattr(ns, n):
                fn = getattr(ns, n)
                doc = (fn.__doc__ or '').strip().splitlines()
                # Builtins carry their signature only in the docstring's first line.
                api[ns_key][n] = {'params': params_of(fn, 0 if ns_key == 'tensor' else 1),
                                  'doc_signature': doc[0] if doc and '(' in doc[0] else None}
for n in dir(torch.special):
    if n in ('expit', 'softmax', 'log_softmax'):
        api['special'][n] = {}
for m in MODULES:
    api['modules'][m] = {'params': params_of(getattr(nn, m).__init__, 1)}
api['deprecated'] = {'functional.tanh': warning_of(F.tanh), 'functional.sigmoid': warning_of(F.sigmoid)}

out = pathlib.Path(__file__).resolve().parent.parent / 'test' / 'fixtures' / 'catalog' / 'torch-api.json'
out.write_text(json.dumps(api, indent=1, sort_keys=True) + '\n')
print('wrote', out, file=sys.stderr)
