#!/usr/bin/python3
"""Reference fixtures for the engine, computed by real PyTorch.

Run with Debian's interpreter (it has python3-torch):

    /usr/bin/python3 scripts/gen-fixtures.py

Writes test/fixtures/torch/*.json, read by test/unit/engine/conformance*.test.ts.

Number encoding (lossless, JSON has no NaN/inf/-0): finite non-zero values are JSON
numbers written with Python's repr (shortest round-trip decimal, so JS parses back the
exact double; float32 values are stored as the double they widen to); the rest are the
strings "nan", "inf", "-inf", "-0" (0 stays the number 0).

PyTorch's CPU kernels have a vectorised (SIMD) body and a scalar tail, and the two are
not always bit-identical (e.g. tanh/gelu/exp in float32). Every activation point is
therefore also evaluated alone (length-1 tensor: scalar path) and replicated 64 times
(all-vector path). Where those differ from the full-tensor answer the other answers are
recorded under "alt" and the conformance tests accept any of them.
"""
import json
import math
import os
import struct
import sys
import warnings

import torch

from fixture_encoding import enc, enc_list
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(0)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'test', 'fixtures', 'torch')
DT = {'float32': torch.float32, 'float64': torch.float64}




def enc_nested(x):
    if isinstance(x, list):
        return [enc_nested(e) for e in x]
    return enc(x)


def bits(v, dtype):
    # Bitwise identity (NaN == NaN of any payload, but 0 != -0).
    v = float(v)
    if math.isnan(v):
        return 'nan'
    return struct.pack('<f' if dtype == 'float32' else '<d', v)


def meta():
    return {
        'torch_version': torch.__version__,
        'python': sys.version.split()[0],
        'cpu_capability': next((l.split(':')[1].strip() for l in torch.__config__.show().splitlines()
                                if 'CPU capability usage' in l), 'unknown'),
        'generator': 'scripts/gen-fixtures.py',
    }


def write(name, obj):
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name)
    with open(path, 'w') as f:
        json.dump({'meta': meta(), **obj}, f, separators=(',', ':'), allow_nan=False)
        f.write('\n')
    print(f'{path}: {os.path.getsize(path) / 1024:.0f} KiB')


# ---------------------------------------------------------------- activations
# kwargs are spelled exactly as the engine's F.<fn>(x, kwargs) takes them (PyTorch's names).
ACTIVATIONS = [
    ('tanh', [{}]),
    ('sigmoid', [{}]),
    ('relu', [{}]),
    ('relu6', [{}]),
    ('leaky_relu', [{}, {'negative_slope': 0.2}]),
    ('elu', [{}, {'alpha': 0.5}]),
    ('selu', [{}]),
    ('celu', [{}, {'alpha': 2.0}]),
    ('gelu', [{}, {'approximate': 'tanh'}]),
    ('silu', [{}]),
    ('mish', [{}]),
    ('softplus', [{}, {'beta': 2, 'threshold': 5}]),
    ('softsign', [{}]),
    ('hardtanh', [{}, {'min_val': -2, 'max_val': 3}]),
    ('hardsigmoid', [{}]),
    ('hardswish', [{}]),
    ('logsigmoid', [{}]),
    ('tanhshrink', [{}]),
    ('softshrink', [{}, {'lambd': 1}]),
    ('hardshrink', [{}, {'lambd': 1}]),
    ('threshold', [{'threshold': 0.5, 'value': -1}, {'threshold': 0, 'value': 0}]),
    ('prelu', [{'weight': 0.25}, {'weight': -0.5}]),
    ('rrelu', [{'training': False}, {'lower': 0.1, 'upper': 0.3, 'training': False}]),
]


def apply(fn, kw, x):
    # torch.tanh / torch.sigmoid: F.tanh and F.sigmoid are the same kernels plus a deprecation warning.
    if fn == 'tanh':
        return torch.tanh(x)
    if fn == 'sigmoid':
        return torch.sigmoid(x)
    if fn == 'prelu':
        w = torch.tensor([kw['weight']], dtype=x.dtype, requires_grad=True)
        return F.prelu(x, w), w
    return getattr(F, fn)(x, **kw)


def eval_act(fn, kw, xs, dtype, with_name=False, gout=None):
    """f(x) and x.grad from f(x).backward(gout, default ones_like) on the whole tensor; also the prelu weight grad."""
    x = torch.tensor(xs, dtype=DT[dtype], requires_grad=True)
    out = apply(fn, kw, x)
    w = None
    if isinstance(out, tuple):
        out, w = out
    name = out.grad_fn.name()
    out.backward(torch.ones_like(out) if gout is None else torch.tensor(gout, dtype=DT[dtype]))
    res = out.detach(), x.grad.detach(), (w.grad.detach() if w is not None else None)
    return res + (name,) if with_name else res


def upstream(n, dtype):
    """The upstream gradient of the grid set: linspace(-2, 2, n), both signs and zero."""
    return torch.linspace(-2, 2, n, dtype=DT[dtype]).tolist()


def kinks(dtype):
    # Every kink / switch point of every activation and parameter set above.
    return [0.0, 6.0, -1.0, 1.0, -2.0, 3.0, -3.0, 0.5, -0.5, 20.0, 2.5, 5.0]


def edge_points(dtype):
    tdt = DT[dtype]
    pts = [0.0, -0.0]
    if dtype == 'float64':
        pts += [5e-324, -5e-324, 1e-310, -1e-310, 2.2250738585072014e-308, -2.2250738585072014e-308,
                2.225073858507201e-308, -2.225073858507201e-308]
    # float32 subnormals and smallest normal (ordinary normals in float64).
    pts += [1.401298464324817e-45, -1.401298464324817e-45, 1e-40, -1e-40,
            1.1754943508222875e-38, -1.1754943508222875e-38]
    for k in kinks(dtype):
        t = torch.tensor([k], dtype=tdt)
        up = torch.nextafter(t, torch.tensor([math.inf], dtype=tdt)).item()
        dn = torch.nextafter(t, torch.tensor([-math.inf], dtype=tdt)).item()
        pts += [k, up, dn]
        if k != 0:
            pts += [-k, -up, -dn]
    mags = [1e-30, 1e-15, 1e-8, 1e-4, 1e-3, 0.01, 0.1, 0.25, 0.7, 1.5, 2, 4, 7, 8, 10, 12, 15, 16, 17, 19,
            25, 30, 40, 50, 80, 87, 88, 88.7, 89, 100, 500, 700, 709, 710, 750, 1000, 1e4, 1e5, 1e10,
            1e20, 1e30, 1e38, 3.4028234663852886e38]
    if dtype == 'float64':
        mags += [1e39, 1e100, 1e200, 1e300, 1e308, 1.7976931348623157e308]
    for m in mags:
        pts += [m, -m]
    pts += [math.inf, -math.inf, math.nan]
    # Round to the dtype, drop duplicates (by bits) but keep order.
    seen, out = set(), []
    for v in torch.tensor(pts, dtype=tdt).tolist():
        b = bits(v, dtype)
        if b not in seen:
            seen.add(b)
            out.append(v)
    return out


def inputs(dtype):
    tdt = DT[dtype]
    return {
        'grid': torch.linspace(-8, 8, 161, dtype=tdt).tolist(),
        'wide': torch.linspace(-100, 100, 401, dtype=tdt).tolist(),
        # The seed article's plot: torch.linspace(-20, 20, 1000).
        'seed': torch.linspace(-20, 20, 1000, dtype=tdt).tolist(),
        'edge': edge_points(dtype),
    }


def activation_fixtures(dtype):
    ins = inputs(dtype)
    cases = []
    for fn, params in ACTIVATIONS:
        for kw in params:
            case = {'fn': fn, 'kwargs': kw, 'dtype': dtype,
                    'grad_fn': eval_act(fn, kw, [0.5, -0.5], dtype, with_name=True)[3], 'sets': {}}
            for set_name, xs in ins.items():
                y, g, wg = eval_act(fn, kw, xs, dtype)
                n = len(xs)
                # All-vector path: each point replicated 64 times (a multiple of every SIMD chunk).
                rep = torch.tensor(xs, dtype=DT[dtype]).repeat_interleave(64).tolist()
                yv, gv, _ = eval_act(fn, kw, rep, dtype)
                yv, gv = yv[::64], gv[::64]
                alt_y, alt_g = {}, {}
                for i in range(n):
                    # Scalar path: the point alone.
                    ys, gs, _ = eval_act(fn, kw, [xs[i]], dtype)
                    for prim, cands, alt in ((y[i].item(), (yv[i].item(), ys[0].item()), alt_y),
                                             (g[i].item(), (gv[i].item(), gs[0].item()), alt_g)):
                        extra = []
                        for c in cands:
                            if bits(c, dtype) != bits(prim, dtype) and all(bits(c, dtype) != bits(e, dtype) for e in extra):
                                extra.append(c)
                        if extra:
                            alt[str(i)] = [enc(e) for e in extra]
                rec = {'y': enc_list(y), 'grad': enc_list(g)}
                if alt_y:
                    rec['alt_y'] = alt_y
                if alt_g:
                    rec['alt_grad'] = alt_g
                if set_name == 'grid':
                    # A non-constant upstream gradient g: x.grad must be g·f'(x), not f'(x).
                    gup = upstream(len(xs), dtype)
                    _, gg, _ = eval_act(fn, kw, xs, dtype, gout=gup)
                    _, ggv, _ = eval_act(fn, kw, rep, dtype, gout=[v for v in gup for _ in range(64)])
                    ggv = ggv[::64]
                    alt_gg = {}
                    for i in range(n):
                        _, ggs, _ = eval_act(fn, kw, [xs[i]], dtype, gout=[gup[i]])
                        extra = []
                        for c in (ggv[i].item(), ggs[0].item()):
                            if bits(c, dtype) != bits(gg[i].item(), dtype) and all(bits(c, dtype) != bits(e, dtype) for e in extra):
                                extra.append(c)
                        if extra:
                            alt_gg[str(i)] = [enc(e) for e in extra]
                    rec['grad_upstream'] = enc_list(gg)
                    if alt_gg:
                        rec['alt_grad_upstream'] = alt_gg
                if wg is not None:
                    # Sum over points of x where x < 0 in PyTorch's own reduction order; Σ|terms| is
                    # recorded for the summation-error bound the test allows.
                    terms = [v if v < 0 else 0.0 for v in xs]
                    rec['weight_grad'] = enc(wg.item())
                    rec['weight_grad_abs_terms'] = enc(sum(abs(t) for t in terms if not math.isnan(t)))
                case['sets'][set_name] = rec
            cases.append(case)
    return {'dtype': dtype, 'inputs': {k: [enc(v) for v in xs] for k, xs in ins.items()},
            'upstream': {'grid': enc_list(torch.tensor(upstream(len(ins['grid']), dtype), dtype=DT[dtype]))}, 'cases': cases}


# ---------------------------------------------------------------- other spellings
# Labels are the TypeScript spellings tested in conformance-spellings.test.ts; the lambdas are
# the same call in PyTorch. In-place forms act on a non-leaf copy x*1.
SPELLINGS = [
    ('torch.tanh(x)', 'tanh', False, lambda x, kw: torch.tanh(x)),
    ('x.tanh()', 'tanh', False, lambda x, kw: x.tanh()),
    ('x.tanh_()', 'tanh', True, lambda x, kw: x.tanh_()),
    ('torch.sigmoid(x)', 'sigmoid', False, lambda x, kw: torch.sigmoid(x)),
    ('x.sigmoid()', 'sigmoid', False, lambda x, kw: x.sigmoid()),
    ('x.sigmoid_()', 'sigmoid', True, lambda x, kw: x.sigmoid_()),
    ('torch.relu(x)', 'relu', False, lambda x, kw: torch.relu(x)),
    ('x.relu()', 'relu', False, lambda x, kw: x.relu()),
    ('x.relu_()', 'relu', True, lambda x, kw: x.relu_()),
    ('F.relu_(x)', 'relu', True, lambda x, kw: F.relu_(x)),
    ('F.relu(x, {inplace: true})', 'relu', True, lambda x, kw: F.relu(x, inplace=True)),
    ('F.relu6(x, {inplace: true})', 'relu6', True, lambda x, kw: F.relu6(x, inplace=True)),
    ('F.leaky_relu_(x, kw)', 'leaky_relu', True, lambda x, kw: F.leaky_relu_(x, **kw)),
    ('F.elu_(x, kw)', 'elu', True, lambda x, kw: F.elu_(x, **kw)),
    ('F.selu_(x)', 'selu', True, lambda x, kw: F.selu_(x)),
    ('torch.selu(x)', 'selu', False, lambda x, kw: torch.selu(x)),
    ('F.celu_(x, kw)', 'celu', True, lambda x, kw: F.celu_(x, **kw)),
    ('torch.celu(x, kw)', 'celu', False, lambda x, kw: torch.celu(x, **kw)),
    ('F.silu(x, {inplace: true})', 'silu', True, lambda x, kw: F.silu(x, inplace=True)),
    ('F.mish(x, {inplace: true})', 'mish', True, lambda x, kw: F.mish(x, inplace=True)),
    ('F.hardtanh_(x, kw)', 'hardtanh', True, lambda x, kw: F.hardtanh_(x, **kw)),
    ('F.hardsigmoid(x, {inplace: true})', 'hardsigmoid', True, lambda x, kw: F.hardsigmoid(x, inplace=True)),
    ('F.hardswish(x, {inplace: true})', 'hardswish', True, lambda x, kw: F.hardswish(x, inplace=True)),
    ('x.hardshrink(kw)', 'hardshrink', False, lambda x, kw: x.hardshrink(**kw)),
    ('F.threshold_(x, kw)', 'threshold', True, lambda x, kw: F.threshold_(x, **kw)),
    ('F.rrelu_(x, kw)', 'rrelu', True, lambda x, kw: F.rrelu_(x, **kw)),
]


def spelling_fixtures(act_files):
    """grad_fn name of each spelling, and its answers where they differ from F.<fn>'s record."""
    out = []
    for label, fn, inplace, call in SPELLINGS:
        for dtype, act in act_files.items():
            for case in (c for c in act['cases'] if c['fn'] == fn):
                kw = case['kwargs']
                rec = {'label': label, 'fn': fn, 'kwargs': kw, 'dtype': dtype, 'extra_alts': {}}
                for set_name in ('grid', 'edge'):
                    xs = [dec_py(v) for v in act['inputs'][set_name]]
                    x = torch.tensor(xs, dtype=DT[dtype], requires_grad=True)
                    y = call(x * 1 if inplace else x, kw)
                    rec['grad_fn'] = y.grad_fn.name()
                    y.sum().backward()
                    ref = case['sets'][set_name]
                    extra = {}
                    for what, got, key, alt_key in (('y', y.detach(), 'y', 'alt_y'), ('grad', x.grad, 'grad', 'alt_grad')):
                        for i, v in enumerate(got.tolist()):
                            known = [dec_py(ref[key][i])] + [dec_py(a) for a in ref.get(alt_key, {}).get(str(i), [])]
                            if all(bits(v, dtype) != bits(k, dtype) for k in known):
                                extra.setdefault(alt_key, {})[str(i)] = [enc(v)]
                    if extra:
                        rec['extra_alts'][set_name] = extra
                out.append(rec)
    return {'cases': out}


def dec_py(v):
    return {'nan': math.nan, 'inf': math.inf, '-inf': -math.inf, '-0': -0.0}.get(v, v) if isinstance(v, str) else float(v)


# ---------------------------------------------------------------- linspace
def linspace_fixtures():
    out = []
    for dtype in DT:
        for start, end, steps in [(-20, 20, 1000), (-8, 8, 161), (-100, 100, 401), (0, 1, 5), (-1, 1, 2),
                                  (3, 3, 1), (0, 1, 0), (0.1, 0.7, 7), (1, 0, 11), (-5, 5, 1), (0, 1, 3),
                                  (-1e4, 1e4, 9), (-20, 20, 1001), (2, -3.5, 12), (-1, 1, 100),
                                  # Non-finite bounds: PyTorch 1.13 does not reject them, it returns these.
                                  (0, math.inf, 5), (-math.inf, 0, 5), (math.nan, 1, 5), (0, math.inf, 1),
                                  (-math.inf, math.inf, 4)]:
            t = torch.linspace(start, end, steps, dtype=DT[dtype])
            out.append({'start': enc(start), 'end': enc(end), 'steps': steps, 'dtype': dtype, 'values': enc_list(t)})
    return {'cases': out}


# ---------------------------------------------------------------- softmax family
def sm_apply(fn, x, dim):
    return getattr(F, fn)(x, dim=dim)


def jacobian(fn, x0, dim, dtype):
    x = torch.tensor(x0, dtype=DT[dtype], requires_grad=True)
    y = sm_apply(fn, x, dim)
    n = y.numel()
    rows = []
    for i in range(n):
        x.grad = None
        gout = torch.zeros(n, dtype=DT[dtype])
        gout[i] = 1
        y.backward(gout.reshape(y.shape), retain_graph=True)
        rows.append(enc_list(x.grad))
    return y, rows


def softmax_fixtures():
    g = torch.Generator().manual_seed(1234)
    small2d = (torch.randn(3, 4, generator=g, dtype=torch.float64) * 2).tolist()
    inputs = [
        ('seed', [0.2, 0.02, 0.15, 0.15, 1.3, 0.5, 0.06, 1.1, 0.05, 3.75], [0]),
        ('123', [1.0, 2.0, 3.0], [0, -1]),
        ('mixed', [-1.0, 0.0, 1.0, 2.0, -0.5], [0]),
        ('single', [0.3], [0]),
        ('ties', [5.0, 5.0, 5.0, 5.0], [0]),
        ('large_1000', [1000.0, 1001.0, 1002.0], [0]),
        ('large_pm1e4', [-1e4, 0.0, 1e4], [0]),
        ('large_1e4_tie', [1e4, 1e4, -1e4], [0]),
        ('with_ninf', [0.0, -math.inf, 1.0], [0]),
        ('all_ninf', [-math.inf, -math.inf], [0]),
        ('with_inf', [0.0, math.inf, 1.0], [0]),
        ('with_nan', [0.0, math.nan, 1.0], [0]),
        ('2d', small2d, [0, 1, -1, -2]),
        ('2d_large', [[1e4, -1e4, 0.0], [1000.0, 1001.0, 1002.0]], [0, 1]),
        ('3d', (torch.randn(2, 2, 3, generator=g, dtype=torch.float64)).tolist(), [0, 1, 2]),
    ]
    # Rows of 16 or more along the last dim take the engine's WebAssembly SIMD kernels (float64):
    # odd and even lengths, a spread that sends lanes below -708 (subnormal and zero results), and
    # the special rows (NaN, +inf, -inf, all -inf) beside ordinary ones.
    long_row = (torch.randn(17, generator=g, dtype=torch.float64) * 3).tolist()
    inputs += [
        ('rows_2x17', (torch.randn(2, 17, generator=g, dtype=torch.float64) * 4).tolist(), [-1]),
        ('row_18', (torch.randn(18, generator=g, dtype=torch.float64) * 3).tolist(), [0]),
        ('row_spread_800', [-80.0 * i for i in range(10)] + [-700.0 - 9.0 * i for i in range(10)], [0]),
        ('rows_special', [long_row,
                          long_row[:5] + [math.nan] + long_row[6:],
                          long_row[:7] + [math.inf] + long_row[8:],
                          long_row[:3] + [-math.inf] + long_row[4:],
                          [-math.inf] * 17], [-1]),
    ]
    cases = []
    for fn in ('softmax', 'log_softmax', 'softmin'):
        for dtype in DT:
            for name, data, dims in inputs:
                for dim in dims:
                    y, jac = jacobian(fn, data, dim, dtype)
                    xin = torch.tensor(data, dtype=DT[dtype])
                    cases.append({'fn': fn, 'dtype': dtype, 'name': name, 'dim': dim, 'grad_fn': y.grad_fn.name(),
                                  'shape': list(xin.shape), 'x': enc_list(xin),
                                  'y': enc_list(y), 'jacobian': jac})
    # float32 rows and columns long enough for the order of PyTorch's float32 sums to show (8
    # AVX2 lanes folded by a shuffle tree along the last dim, left to right along another): values
    # and the gradient under one random upstream gradient w (a full Jacobian is n² numbers).
    # 100 and 45 (= 5·8 + 5, a partial last block) along the last dim; 40 along a middle dim with
    # 10 inner columns (8 in PyTorch's vectorised loop, 2 in its scalar one); 37 along dim 0 of
    # a 37×1 (not the last dim, though the only one above size 1).
    gl = torch.Generator().manual_seed(4321)
    long_inputs = [
        ('rows_2x100', torch.randn(2, 100, generator=gl) * 4, -1),
        ('rows_3x45', torch.randn(3, 45, generator=gl) * 4, -1),
        ('mid_2x40x10', torch.randn(2, 40, 10, generator=gl) * 4, 1),
        ('col_37x1', torch.randn(37, 1, generator=gl) * 4, 0),
    ]
    long_cases = []
    for name, x0, dim in long_inputs:
        w = torch.randn(x0.shape, generator=gl)
        outs = {}
        for fn in ('softmax', 'log_softmax', 'softmin'):
            x = x0.clone().requires_grad_(True)
            y = sm_apply(fn, x, dim)
            y.backward(w)
            outs[fn] = {'grad_fn': y.grad_fn.name(), 'y': enc_list(y), 'grad': enc_list(x.grad)}
        long_cases.append({'name': name, 'dtype': 'float32', 'dim': dim, 'shape': list(x0.shape),
                           'x': enc_list(x0), 'w': enc_list(w), 'out': outs})
    # Legacy implicit dim (dim = 0 for 0-, 1-, 3-D inputs, else 1) and its deprecation warning.
    implicit = []
    for fn in ('softmax', 'log_softmax', 'softmin'):
        for name, data in (('1d', [1.0, 2.0, 3.0]), ('2d', small2d), ('3d', inputs[-1][1])):
            x = torch.tensor(data, dtype=torch.float64)
            with warnings.catch_warnings(record=True) as w:
                warnings.simplefilter('always')
                y = getattr(F, fn)(x)
            implicit.append({'fn': fn, 'name': name, 'dtype': 'float64', 'shape': list(x.shape),
                             'x': enc_list(x), 'y': enc_list(y),
                             'warnings': [clean_warning(str(m.message)) for m in w],
                             'warning_categories': [m.category.__name__ for m in w]})
    return {'cases': cases, 'long_cases': long_cases, 'implicit_dim': implicit}


# ---------------------------------------------------------------- printing
def clean_warning(s):
    # C++ warnings carry "(Triggered internally at <build path>:<line>.)": build-specific, not user text.
    i = s.find(' (Triggered internally at')
    return s[:i] if i >= 0 else s


def printing_fixtures():
    # Each case: a recipe the TS test can rebuild with the engine, the Python, and str(t).
    seed = [0.2, 0.02, 0.15, 0.15, 1.3, 0.5, 0.06, 1.1, 0.05, 3.75]
    cases = []

    def add(name, python, recipe, t):
        cases.append({'name': name, 'python': python, 'recipe': recipe, 'text': str(t)})

    add('seed_softmax', 'torch.softmax(torch.tensor(scores), dim=0)',
        {'make': 'tensor', 'data': seed, 'op': 'softmax0'}, torch.softmax(torch.tensor(seed), dim=0))
    add('seed_scores', 'torch.tensor(scores)', {'make': 'tensor', 'data': seed}, torch.tensor(seed))
    add('seed_softmax_f64', 'torch.softmax(torch.tensor(scores, dtype=torch.float64), dim=0)',
        {'make': 'tensor', 'data': seed, 'dtype': 'float64', 'op': 'softmax0'},
        torch.softmax(torch.tensor(seed, dtype=torch.float64), dim=0))
    for dtype in DT:
        for rg in (False, True):
            # (No print of the float32 sum of 1000 values: its last digits depend on reduction order.)
            for op in (None, 'tanh'):
                if op and not rg:
                    continue
                x = torch.linspace(-20, 20, 1000, dtype=DT[dtype], requires_grad=rg)
                t = x if op is None else (torch.tanh(x) if op == 'tanh' else torch.tanh(x).sum())
                py = f'torch.linspace(-20, 20, 1000, dtype=torch.{dtype}, requires_grad={rg})'
                if op == 'tanh':
                    py = f'torch.tanh({py})'
                elif op == 'sum':
                    py = f'torch.tanh({py}).sum()'
                add(f'linspace1000_{dtype}_rg{int(rg)}_{op or "leaf"}', py,
                    {'make': 'linspace', 'start': -20, 'end': 20, 'steps': 1000, 'dtype': dtype,
                     'requires_grad': rg, **({'op': 'tanh' if op == 'tanh' else 'tanh_sum'} if op else {})}, t)
    small = [
        ('ints_as_float', [1.0, 2.0, 3.0], 'float32'),
        ('neg_zero', [-0.0, 0.0, 1.5], 'float32'),
        ('nan_inf', [math.nan, math.inf, -math.inf, 1.0], 'float32'),
        ('sci_small', [1e-8, 1.0, 2.0], 'float32'),
        ('sci_large', [1e8, 1.0, -3.0], 'float32'),
        ('sci_mixed_f64', [1e-5, 123456.789, -1.0], 'float64'),
        ('f64_plain', [0.5, -1.25, 2.0], 'float64'),
        ('f64_ints', [1.0, 2.0], 'float64'),
        ('single', [0.1], 'float32'),
        ('zeros', [0.0, 0.0], 'float32'),
        ('empty', [], 'float32'),
        ('empty_f64', [], 'float64'),
        ('long_row_f32', [i / 7 for i in range(12)], 'float32'),
        ('round_4dp', [0.00005, 0.00015, 1.23456], 'float32'),
        ('wide_int', [123456.0, 1.0], 'float32'),
    ]
    for name, data, dtype in small:
        t = torch.tensor(data, dtype=DT[dtype])
        add(name, f'torch.tensor({data!r}, dtype=torch.{dtype})', {'make': 'tensor', 'data': enc_nested(data), 'dtype': dtype}, t)
    for v, dtype in ((0.5, 'float32'), (3.0, 'float32'), (-0.25, 'float64'), (1e-7, 'float32')):
        add(f'scalar_{v}_{dtype}', f'torch.tensor({v!r}, dtype=torch.{dtype})',
            {'make': 'tensor', 'data': v, 'dtype': dtype}, torch.tensor(v, dtype=DT[dtype]))
    m = [[0.5, -1.0, 2.25], [3.0, 4.5, -6.0]]
    add('matrix_2x3', f'torch.tensor({m!r})', {'make': 'tensor', 'data': m}, torch.tensor(m))
    add('matrix_2x3_f64_rg', f'torch.tensor({m!r}, dtype=torch.float64, requires_grad=True)',
        {'make': 'tensor', 'data': m, 'dtype': 'float64', 'requires_grad': True},
        torch.tensor(m, dtype=torch.float64, requires_grad=True))
    x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
    add('grad_fn_tanh', 'torch.tanh(torch.tensor([0.5, -1.0, 2.0], requires_grad=True))',
        {'make': 'tensor', 'data': [0.5, -1.0, 2.0], 'requires_grad': True, 'op': 'tanh'}, torch.tanh(x))
    add('grad_fn_sigmoid', 'torch.sigmoid(x)', {'make': 'tensor', 'data': [0.5, -1.0, 2.0], 'requires_grad': True, 'op': 'sigmoid'}, torch.sigmoid(x))
    add('grad_fn_relu', 'torch.relu(x)', {'make': 'tensor', 'data': [0.5, -1.0, 2.0], 'requires_grad': True, 'op': 'relu'}, torch.relu(x))
    add('grad_fn_softmax', 'torch.softmax(x, dim=0)', {'make': 'tensor', 'data': [0.5, -1.0, 2.0], 'requires_grad': True, 'op': 'softmax0'}, torch.softmax(x, dim=0))
    add('grad_fn_sum', 'torch.tanh(x).sum()', {'make': 'tensor', 'data': [0.5, -1.0, 2.0], 'requires_grad': True, 'op': 'tanh_sum'}, torch.tanh(x).sum())
    with torch.no_grad():
        add('no_grad_tanh', 'with torch.no_grad(): torch.tanh(x)',
            {'make': 'tensor', 'data': [0.5, -1.0, 2.0], 'requires_grad': True, 'op': 'tanh', 'no_grad': True}, torch.tanh(x))
    for n in (1001, 2000):
        for dtype in DT:
            x = torch.linspace(-20, 20, n, dtype=DT[dtype], requires_grad=True)
            add(f'summarised_linspace{n}_{dtype}', f'torch.linspace(-20, 20, {n}, dtype=torch.{dtype}, requires_grad=True)',
                {'make': 'linspace', 'start': -20, 'end': 20, 'steps': n, 'dtype': dtype, 'requires_grad': True}, x)
            add(f'summarised_tanh{n}_{dtype}', f'torch.tanh(torch.linspace(-20, 20, {n}, dtype=torch.{dtype}, requires_grad=True))',
                {'make': 'linspace', 'start': -20, 'end': 20, 'steps': n, 'dtype': dtype, 'requires_grad': True, 'op': 'tanh'}, torch.tanh(x))
    big = torch.linspace(0, 1, 2000, dtype=torch.float64).reshape(40, 50)
    add('matrix_40x50_f64', 'torch.linspace(0, 1, 2000, dtype=torch.float64).reshape(40, 50)',
        {'make': 'linspace', 'start': 0, 'end': 1, 'steps': 2000, 'dtype': 'float64', 'reshape': [40, 50]}, big)
    # grad tensor print as in the seed (x.grad after tanh(x).sum().backward()).
    x = torch.linspace(-20, 20, 1000, requires_grad=True)
    torch.tanh(x).sum().backward()
    add('seed_grad', 'x.grad after torch.tanh(x).sum().backward(), x = torch.linspace(-20, 20, 1000, requires_grad=True)',
        {'make': 'linspace', 'start': -20, 'end': 20, 'steps': 1000, 'requires_grad': True, 'op': 'tanh_grad'}, x.grad)
    return {'cases': cases}


# ---------------------------------------------------------------- losses
def loss_fixtures():
    g = torch.Generator().manual_seed(7)
    cases = []
    for dtype in DT:
        tdt = DT[dtype]
        inp = (torch.randn(4, 3, generator=g, dtype=torch.float64)).to(tdt)
        tgt = (torch.randn(4, 3, generator=g, dtype=torch.float64)).to(tdt)
        probs = torch.rand(4, 3, generator=g, dtype=torch.float64).to(tdt) * 0.98 + 0.01
        labels = (torch.rand(4, 3, generator=g, dtype=torch.float64) > 0.5).to(tdt)
        cls = [2, 0, 1, 2]
        specs = []
        for red in ('mean', 'sum', 'none'):
            specs.append(('mse_loss', inp, tgt, {'reduction': red}, True))
            specs.append(('binary_cross_entropy', probs, labels, {'reduction': red}, False))
            specs.append(('binary_cross_entropy_with_logits', inp * 10, labels, {'reduction': red}, False))
            specs.append(('cross_entropy', inp, cls, {'reduction': red}, False))
            specs.append(('nll_loss', F.log_softmax(inp, dim=1), cls, {'reduction': red}, False))
        specs.append(('binary_cross_entropy', torch.tensor([0.0, 1.0, 0.5], dtype=tdt), torch.tensor([0.0, 1.0, 1.0], dtype=tdt), {}, False))
        specs.append(('binary_cross_entropy', torch.tensor([0.0, 1.0], dtype=tdt), torch.tensor([1.0, 0.0], dtype=tdt), {}, False))
        specs.append(('binary_cross_entropy_with_logits', torch.tensor([-1e4, 1e4, 0.0, 50.0], dtype=tdt), torch.tensor([1.0, 0.0, 1.0, 1.0], dtype=tdt), {}, False))
        specs.append(('cross_entropy', torch.tensor([[1000.0, 0.0, -1000.0], [1.0, 2.0, 3.0]], dtype=tdt), [2, 1], {}, False))
        for fn, a, b, kw, tgt_grad in specs:
            x = a.detach().clone().requires_grad_(True)
            if isinstance(b, list):
                t = torch.tensor(b)
            else:
                t = b.detach().clone().requires_grad_(tgt_grad)
            y = getattr(F, fn)(x, t, **kw)
            grad_fn = y.grad_fn.name()
            y.backward(torch.ones_like(y))
            cases.append({
                'fn': fn, 'dtype': dtype, 'kwargs': kw, 'grad_fn': grad_fn,
                'input': {'shape': list(x.shape), 'data': enc_list(x)},
                'target': ({'shape': [len(b)], 'data': b, 'int64': True} if isinstance(b, list)
                           else {'shape': list(t.shape), 'data': enc_list(t)}),
                'out': {'shape': list(y.shape), 'data': enc_list(y)},
                'input_grad': enc_list(x.grad),
                **({'target_grad': enc_list(t.grad)} if tgt_grad else {}),
            })
    return {'cases': cases}


# ---------------------------------------------------------------- errors and warnings
def capture(fn):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        err = None
        try:
            fn()
        except Exception as e:  # noqa: BLE001 - we record whatever PyTorch raises
            err = e
    rec = {'warnings': [clean_warning(str(m.message)) for m in w],
           'warning_categories': [m.category.__name__ for m in w]}
    if err is not None:
        rec['error'] = str(err)
        rec['error_type'] = type(err).__name__
    return rec


def errors_fixtures():
    cases = []

    def case(cid, python, f):
        cases.append({'id': cid, 'python': python, **capture(f)})

    def nonscalar():
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        torch.tanh(x).backward()
    case('backward_non_scalar', 'torch.tanh(torch.tensor([1., 2.], requires_grad=True)).backward()', nonscalar)

    def nograd():
        torch.tensor([1.0, 2.0]).sum().backward()
    case('backward_no_grad_fn', 'torch.tensor([1., 2.]).sum().backward()', nograd)

    def twice():
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = torch.tanh(x).sum()
        y.backward()
        y.backward()
    case('backward_twice', 'y = torch.tanh(x).sum(); y.backward(); y.backward()', twice)

    def twice_retained():
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = torch.tanh(x).sum()
        y.backward(retain_graph=True)
        y.backward()
        assert x.grad.tolist() == (2 * (1 - torch.tanh(torch.tensor([1.0, 2.0])) ** 2)).tolist() or True
    case('backward_twice_retain_graph', 'y.backward(retain_graph=True); y.backward()', twice_retained)

    def inplace_leaf_relu():
        x = torch.tensor([1.0, -2.0], requires_grad=True)
        F.relu_(x)
    case('inplace_leaf_relu_', 'F.relu_(torch.tensor([1., -2.], requires_grad=True))', inplace_leaf_relu)

    def inplace_leaf_tanh():
        x = torch.tensor([1.0, -2.0], requires_grad=True)
        x.tanh_()
    case('inplace_leaf_tanh_', 'torch.tensor([1., -2.], requires_grad=True).tanh_()', inplace_leaf_tanh)

    def nonleaf_grad():
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = torch.tanh(x)
        y.sum().backward()
        _ = y.grad
    case('non_leaf_grad_access', 'y = torch.tanh(x); y.sum().backward(); y.grad', nonleaf_grad)

    def retain_grad_ok():
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = torch.tanh(x)
        y.retain_grad()
        y.sum().backward()
        _ = y.grad
    case('non_leaf_retain_grad', 'y.retain_grad(); y.sum().backward(); y.grad', retain_grad_ok)

    case('F_tanh_deprecated', 'F.tanh(torch.tensor([1.]))', lambda: F.tanh(torch.tensor([1.0])))
    case('F_sigmoid_deprecated', 'F.sigmoid(torch.tensor([1.]))', lambda: F.sigmoid(torch.tensor([1.0])))
    case('softmax_implicit_dim', 'F.softmax(torch.tensor([1., 2.]))', lambda: F.softmax(torch.tensor([1.0, 2.0])))
    case('log_softmax_implicit_dim', 'F.log_softmax(torch.tensor([1., 2.]))', lambda: F.log_softmax(torch.tensor([1.0, 2.0])))
    case('softmin_implicit_dim', 'F.softmin(torch.tensor([1., 2.]))', lambda: F.softmin(torch.tensor([1.0, 2.0])))
    case('broadcast_mismatch_add', 'torch.ones(3) + torch.ones(4)', lambda: torch.ones(3) + torch.ones(4))
    case('broadcast_mismatch_mul_2d', 'torch.ones(2, 3) * torch.ones(4, 1, 2)', lambda: torch.ones(2, 3) * torch.ones(4, 1, 2))
    case('mse_shape_mismatch', 'F.mse_loss(torch.ones(3), torch.ones(4))', lambda: F.mse_loss(torch.ones(3), torch.ones(4)))
    case('matmul_shape_mismatch', 'torch.ones(2, 3) @ torch.ones(4, 5)', lambda: torch.ones(2, 3) @ torch.ones(4, 5))
    case('linspace_inf_end', "torch.linspace(0, float('inf'), 5)", lambda: torch.linspace(0, math.inf, 5))
    case('linspace_ninf_start', "torch.linspace(float('-inf'), 0, 5)", lambda: torch.linspace(-math.inf, 0, 5))
    case('linspace_nan', "torch.linspace(float('nan'), 1, 5)", lambda: torch.linspace(math.nan, 1, 5))
    case('arange_inf_end', "torch.arange(0, float('inf'))", lambda: torch.arange(0, math.inf))
    case('arange_zero_step', 'torch.arange(0, 1, 0)', lambda: torch.arange(0, 1, 0))
    case('arange_wrong_sign', 'torch.arange(0, 10, -1)', lambda: torch.arange(0, 10, -1))
    case('linspace_negative_steps', 'torch.linspace(0, 1, -1)', lambda: torch.linspace(0, 1, -1))
    case('softmax_dim_out_of_range', 'F.softmax(torch.ones(3), dim=1)', lambda: F.softmax(torch.ones(3), dim=1))
    case('sum_dim_out_of_range', 'torch.ones(2, 3).sum(dim=2)', lambda: torch.ones(2, 3).sum(dim=2))
    case('item_multi_element', 'torch.ones(2).item()', lambda: torch.ones(2).item())
    case('backward_gradient_shape_mismatch', 'torch.tanh(x).backward(torch.ones(2)) with x of 3 elements',
         lambda: torch.tanh(torch.ones(3, requires_grad=True)).backward(torch.ones(2)))
    case('reshape_invalid', 'torch.ones(6).reshape(4, 2)', lambda: torch.ones(6).reshape(4, 2))
    case('prelu_weight_mismatch', 'F.prelu(torch.ones(2, 3), torch.ones(2))', lambda: F.prelu(torch.ones(2, 3), torch.ones(2)))

    def rg_nonfloat():
        torch.tensor([1, 2], requires_grad=True)
    case('requires_grad_int', 'torch.tensor([1, 2], requires_grad=True)', rg_nonfloat)
    return {'cases': cases}


# ---------------------------------------------------------------- general ops
# Each case: an op, its arguments (tensors that require grad, Python numbers, a 0/1 condition)
# and PyTorch's answer: the output and the gradient of every tensor argument from
# (out * G).sum().backward() with a fixed random G of out's shape (so the upstream gradient is
# not all ones). conformance-ops.test.ts rebuilds each call with the engine's spelling.
BINARY = ('add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum')
UNARY = ('neg', 'exp', 'log', 'log1p', 'expm1', 'sqrt', 'abs')
PY_OPERATOR = {'add': lambda a, b: a + b, 'sub': lambda a, b: a - b, 'mul': lambda a, b: a * b,
               'div': lambda a, b: a / b, 'pow': torch.pow}
ELEMENTWISE = BINARY + UNARY + ('where', 'clamp')


def ops_run(op, args, kw):
    if op in BINARY and not isinstance(args[0], torch.Tensor):
        # A number on the left: the engine's torch.sub(2, t) stands for Python's 2 - t
        # (RsubBackward1; 2 / t is reciprocal(t) * 2), TypeScript having no operators; but
        # torch.pow(2, t) is the function (PowBackward2; Python's 2 ** t gives PowBackward1).
        return PY_OPERATOR[op](args[0], args[1])
    if op in BINARY:
        return getattr(torch, op)(args[0], args[1], **kw)
    if op == 'where':
        return torch.where(args[0].bool(), args[1], args[2])
    if op in UNARY:
        return getattr(torch, op)(args[0])
    if op == 'clamp' and 'bounds' in kw:
        # tensor bounds: args are x, then the min and/or max tensors named by kw['bounds']
        named = dict(zip(kw['bounds'], args[1:]))
        return torch.clamp(args[0], min=named.get('min'), max=named.get('max'))
    if op == 'clamp':
        return torch.clamp(args[0], **kw)
    if op == 'min':
        return args[0].min(**kw)
    if op in ('sum', 'mean'):
        return getattr(args[0], op)(**kw)
    if op == 'logsumexp':
        return torch.logsumexp(args[0], **kw)
    if op == 'max':
        return args[0].max(**kw)
    if op == 'reshape':
        return args[0].reshape(kw['shape'])
    if op == 'transpose':
        return args[0].transpose(kw['dim0'], kw['dim1'])
    if op == 'matmul':
        return torch.matmul(args[0], args[1])
    raise ValueError(op)


def ops_alts(c, op, targs, kw, res, G):
    """Elementwise ops: each output element also computed alone (PyTorch's scalar path) and
    replicated 64 times (its vector path), as for the activations; where those answers differ
    from the full tensor's (the sign of maximum(0, -0), float32 rounding) they go under
    "alt_out" and, for arguments of the output's shape, "alt_grads"."""
    n = res.numel()
    dtype = c['out']['dtype']
    flat = [t.detach().expand(res.shape).reshape(-1) if isinstance(t, torch.Tensor) else t for t in targs]
    same = [isinstance(t, torch.Tensor) and t.requires_grad and list(t.shape) == list(res.shape) for t in targs]
    gflat = G.reshape(-1)
    main_out = res.detach().reshape(-1).tolist()
    main_grads = [t.grad.reshape(-1).tolist() if s else None for t, s in zip(targs, same)]
    alt_out, alt_grads = {}, [{} if s else None for s in same]
    for i in range(n):
        cands_out, cands_grads = [], [[] for _ in targs]
        for reps in (1, 64):
            args = []
            for t, f in zip(targs, flat):
                if isinstance(t, torch.Tensor) and t.dim() == 0 and res.dim() > 0:
                    # stays 0-d: a 0-d operand does not take part in type promotion
                    args.append(t.detach().clone().requires_grad_(t.requires_grad))
                elif isinstance(t, torch.Tensor):
                    args.append(f[i:i + 1].repeat(reps).detach().clone().requires_grad_(t.requires_grad))
                else:
                    args.append(t)
            r = ops_run(op, args, kw)
            (r * gflat[i:i + 1].repeat(reps)).sum().backward()
            cands_out.append(r[0].item())
            for j, a in enumerate(args):
                if same[j]:
                    cands_grads[j].append(a.grad[0].item())
        for prim, cands, alt in [(main_out[i], cands_out, alt_out)] + [
                (main_grads[j][i], cands_grads[j], alt_grads[j]) for j in range(len(targs)) if same[j]]:
            extra = []
            for v in cands:
                if bits(v, dtype) != bits(prim, dtype) and all(bits(v, dtype) != bits(e, dtype) for e in extra):
                    extra.append(v)
            if extra:
                alt[str(i)] = [enc(e) for e in extra]
    if alt_out:
        c['alt_out'] = alt_out
    if any(alt_grads):
        c['alt_grads'] = alt_grads


def ops_sum_terms(c, op, targs, kw, res, G):
    """Where PyTorch sums n terms (a reduction, a matrix product, the gradient of a broadcast
    argument) its own answer carries its summation order's rounding: up to about n·eps·Σ|terms|.
    Records Σ|terms| and n for those results ("out_terms", "grad_terms"); the test allows that."""
    if op in ('sum', 'mean'):
        x = targs[0].detach().abs()
        c['out_terms'] = {'n': targs[0].numel() // max(res.numel(), 1), 'abs': enc_list(getattr(x, op)(**kw))}
    elif op == 'matmul':
        a, b = (t.detach().abs().requires_grad_() for t in targs)
        r = torch.matmul(a, b)
        r.backward(G.abs())
        k = targs[0].shape[-1]
        c['out_terms'] = {'n': k, 'abs': enc_list(r)}
        c['grad_terms'] = [{'n': res.numel() * k // t.numel(), 'abs': enc_list(t.grad)} for t in (a, b)]
    elif op in ELEMENTWISE:
        terms = []
        for j, t in enumerate(targs):
            if not (isinstance(t, torch.Tensor) and t.requires_grad) or list(t.shape) == list(res.shape):
                terms.append(None)
                continue
            e = t.detach().expand(res.shape).clone().requires_grad_()
            args = list(targs)
            args[j] = e
            (ops_run(op, args, kw) * G).sum().backward()
            per = e.grad.abs()
            total = per.sum_to_size(t.shape) if t.dim() > 0 else per.sum()
            terms.append({'n': res.numel() // t.numel(), 'abs': enc_list(total)})
        if any(terms):
            c['grad_terms'] = terms


def ops_fixtures():
    g = torch.Generator().manual_seed(2024)
    cases = []

    def rnd(*shape, lo=None):
        t = torch.randn(shape, generator=g, dtype=torch.float64)
        return (t.abs() + lo) if lo is not None else t

    def case(name, op, args, kw=None):
        """args: float64 tensors (cast to the case's dtype, requiring grad), ('cond', t) (a 0/1
        condition), (dtype, t) (a tensor of that dtype whatever the case's) or Python numbers."""
        kw = kw or {}
        for dtype in DT:
            targs, recs = [], []
            for a in args:
                if isinstance(a, (int, float)):
                    targs.append(a)
                    recs.append({'num': enc(a)})
                    continue
                adt = dtype
                if isinstance(a, tuple) and a[0] == 'cond':
                    t = torch.as_tensor(a[1], dtype=torch.float64).to(torch.float32)
                    targs.append(t)
                    recs.append({'cond': {'shape': list(t.shape), 'data': enc_list(t)}})
                    continue
                if isinstance(a, tuple):
                    adt, a = a
                t = torch.as_tensor(a, dtype=torch.float64).to(DT[adt]).detach().clone().requires_grad_(True)
                targs.append(t)
                rec = {'shape': list(t.shape), 'data': enc_list(t), 'requires_grad': True}
                if adt != dtype:
                    rec['dtype'] = adt
                recs.append({'t': rec})
            res = ops_run(op, targs, kw)
            indices = None
            if isinstance(res, tuple):
                res, indices = res
            G = torch.randn(tuple(res.shape), generator=g, dtype=torch.float64).to(res.dtype)
            (res * G).sum().backward()
            c = {'name': name, 'op': op, 'dtype': dtype, 'args': recs,
                 'kwargs': {k: enc(v) if isinstance(v, float) else v for k, v in kw.items()},
                 'grad_fn': res.grad_fn.name() if res.grad_fn is not None else None,
                 'out': {'shape': list(res.shape), 'dtype': str(res.dtype).replace('torch.', ''), 'data': enc_list(res)},
                 'G': enc_list(G),
                 'grads': [enc_list(t.grad) if isinstance(t, torch.Tensor) and t.requires_grad else None for t in targs]}
            if indices is not None:
                c['indices'] = indices.reshape(-1).tolist()
            if op in ELEMENTWISE:
                ops_alts(c, op, targs, kw, res, G)
            ops_sum_terms(c, op, targs, kw, res, G)
            cases.append(c)

    nan, inf = math.nan, math.inf
    # ---- elementwise binary with broadcasting
    shape_pairs = [((3, 4), (3, 4)), ((3, 4), (4,)), ((2, 1, 3), (4, 1)), ((4,), (3, 1)), ((3, 4), ()), ((), (3, 4)),
                   ((), ()), ((1,), (5,)), ((2, 3, 1), (1, 3, 4))]
    for op in BINARY:
        for sa, sb in shape_pairs:
            a, b = rnd(*sa), rnd(*sb)
            if op == 'pow':
                a = rnd(*sa, lo=0.2)  # positive bases: the random cases stay finite
            if op == 'div':
                b = b.sign() * (b.abs() + 0.3)
            case(f'{op} {list(sa)} {list(sb)}', op, [a, b])
    # Python numbers (PyTorch's wrapped scalars take the tensor's dtype)
    x34 = rnd(3, 4)
    for op in BINARY:
        if op in ('maximum', 'minimum'):
            continue  # torch.maximum takes tensors only
        case(f'{op} tensor, number', op, [x34.abs() + 0.2 if op == 'pow' else x34, 2.5])
        case(f'{op} number, tensor', op, [1.5 if op == 'pow' else -0.7, x34 if op != 'div' else x34.sign() * (x34.abs() + 0.3)])
    case('add alpha', 'add', [rnd(3, 4), rnd(4)], {'alpha': 2.5})
    case('sub alpha', 'sub', [rnd(3, 4), rnd(3, 1)], {'alpha': -0.5})
    # mixed dtypes: a 0-d tensor does not decide the result dtype of a dimensioned one
    for op in ('add', 'mul', 'div', 'sub'):
        for other in ('float32', 'float64'):
            case(f'{op} mixed 0-d {other}', op, [rnd(5), (other, torch.tensor(0.1, dtype=torch.float64))])
    for other in ('float32', 'float64'):
        case(f'pow mixed 0-d {other}', 'pow', [rnd(5, lo=0.2), (other, torch.tensor(1.1, dtype=torch.float64))])
        case(f'maximum mixed 0-d {other}', 'maximum', [rnd(5), (other, torch.tensor(0.1, dtype=torch.float64))])
        case(f'where mixed 0-d {other}', 'where', [('cond', torch.tensor([1.0, 0.0, 1.0, 0.0, 0.0])), rnd(5),
                                                 (other, torch.tensor(0.1, dtype=torch.float64))])
    # ties and edges
    ta = torch.tensor([1.0, 2.0, 3.0, nan, 0.0, -0.0, inf, -inf, 1.0, nan])
    tb = torch.tensor([1.0, 3.0, 2.0, 1.0, -0.0, 0.0, inf, -inf, nan, nan])
    for op in ('maximum', 'minimum'):
        case(f'{op} ties and nan', op, [ta, tb])
        case(f'{op} tie broadcast', op, [torch.tensor([[1.0, 2.0], [2.0, 0.5]]), torch.tensor([2.0])])
    pa = torch.tensor([0.0, 0.0, 0.0, 0.0, -0.0, -2.0, -2.0, -2.0, -8.0, 2.0, 1.0, 0.5, inf, inf, -inf, nan, 1.0, 3.0])
    pb = torch.tensor([0.0, 1.0, 0.5, -1.0, 2.0, 2.0, 3.0, 0.5, 1 / 3, -0.5, nan, inf, 0.0, -1.0, 2.0, 0.0, inf, -inf])
    case('pow edges tensor**tensor', 'pow', [pa, pb])
    px = torch.tensor([0.0, -0.0, 4.0, -2.0, 1e-300, inf, nan, -inf])
    for e in (0, 0.0, 0.5, 2, 2.0, 3, -1, -2, 1.5, -0.5, 1, 0.25):
        case(f'pow tensor**{e!r}', 'pow', [px, e])
    case('pow number**tensor edges', 'pow', [0.0, torch.tensor([0.0, 1.0, -1.0, 0.5, 2.0])])
    case('pow (-2)**tensor', 'pow', [-2.0, torch.tensor([2.0, 3.0, 0.5, 0.0])])
    case('pow (+-1)**tensor', 'pow', [torch.tensor([1.0, 1.0, -1.0, -1.0, -1.0, 1.0]), torch.tensor([nan, -inf, inf, -inf, nan, 0.0])])
    case('pow 1**tensor', 'pow', [1.0, torch.tensor([nan, inf, -inf, 2.0])])
    case('div by 0 and -0', 'div', [torch.tensor([1.0, -1.0, 0.0, 0.0, 1.0, -1.0, inf, nan, 2.0]),
                                    torch.tensor([0.0, 0.0, 0.0, -0.0, -0.0, -0.0, 0.0, 1.0, inf])])
    case('div by number 0', 'div', [torch.tensor([1.0, -1.0, 0.0]), 0.0])
    case('div by number -0', 'div', [torch.tensor([1.0, -1.0, 0.0]), -0.0])
    case('mul inf*0', 'mul', [torch.tensor([inf, 0.0, -inf, nan, -0.0]), torch.tensor([0.0, inf, -0.0, 1.0, 5.0])])
    case('add inf-inf', 'add', [torch.tensor([inf, -0.0, 1e308]), torch.tensor([-inf, -0.0, 1e308])])
    case('sub -0', 'sub', [torch.tensor([0.0, -0.0, -0.0]), torch.tensor([0.0, 0.0, -0.0])])
    # where: condition broadcast with both operands
    cond = (torch.rand(3, 4, generator=g) > 0.5).double()
    case('where [3,4] cond', 'where', [('cond', cond), rnd(3, 4), rnd(3, 4)])
    case('where broadcast', 'where', [('cond', cond), rnd(4), rnd(3, 1)])
    case('where cond [4] x [3,1] y []', 'where', [('cond', cond[0]), rnd(3, 1), rnd()])
    case('where cond [2,1,4]', 'where', [('cond', (torch.rand(2, 1, 4, generator=g) > 0.5).double()), rnd(3, 4), rnd(4)])
    case('where number else', 'where', [('cond', cond), rnd(3, 4), 0.0])
    case('where number then', 'where', [('cond', cond[:, :1]), -1.5, rnd(4)])
    case('where large broadcast', 'where', [('cond', (torch.rand(16, 1, generator=g) > 0.3).double()), rnd(16, 33), rnd(33)])
    case('where nan branch', 'where', [('cond', torch.tensor([1.0, 0.0, 1.0])), torch.tensor([1.0, nan, inf]), torch.tensor([nan, 2.0, 0.0])])

    # ---- unary
    edges = [0.0, -0.0, -1.0, -1e-3, 1e-300, 1e-10, 0.5, 1.0, 2.0, 20.0, 700.0, 710.0, -700.0, -1e4, 1e4,
             inf, -inf, nan, 1.5e-8, -0.999999]
    for op in UNARY:
        case(f'{op} random', op, [rnd(3, 4, lo=0.05) if op in ('log', 'sqrt') else rnd(3, 4)])
        case(f'{op} edges', op, [torch.tensor(edges)])
        case(f'{op} 0-d', op, [torch.tensor(0.75)])
    ce = torch.tensor([-2.0, -1.0, -0.5, 0.0, -0.0, 0.5, 1.0, 2.0, nan, inf, -inf, -1.0000001, 0.9999999])
    for kw in ({'min': -1.0}, {'max': 1.0}, {'min': -1.0, 'max': 1.0}, {'min': 0.5, 'max': 0.5},
               {'min': 1.0, 'max': -1.0}, {'min': 0.0}, {'max': 0.0}, {'min': -0.0, 'max': 0.0},
               {'max': -0.0}, {'min': 0.0, 'max': -0.0},
               {'min': nan}, {'max': nan}, {'min': nan, 'max': 1.0}, {'min': 0.0, 'max': nan}):
        case(f'clamp {kw}', 'clamp', [ce], kw)
    case('clamp random', 'clamp', [rnd(3, 4)], {'min': -0.5, 'max': 0.7})
    # tensor bounds (ClampBackward0): broadcast, on the bounds, ±0, NaN and crossed bounds
    cx = torch.tensor([[-2.0, -0.5, 0.0, 0.5, 2.0, nan], [1.0, -1.0, -0.0, 0.25, -3.0, 3.0]])
    lo = torch.tensor([-1.0, -0.5, -0.0, 0.7, nan, 0.0])
    hi = torch.tensor([[1.0], [0.25]])
    case('clamp tensor min', 'clamp', [cx, lo], {'bounds': ['min']})
    case('clamp tensor max', 'clamp', [cx, hi], {'bounds': ['max']})
    case('clamp tensor min max', 'clamp', [cx, lo, hi], {'bounds': ['min', 'max']})
    case('clamp tensor crossed', 'clamp', [rnd(3, 4), torch.full((4,), 0.5), torch.tensor([-0.5, 0.5, 1.0, nan])],
         {'bounds': ['min', 'max']})
    case('clamp tensor min +-0', 'clamp', [torch.tensor([-0.0, 0.0, -0.0, 0.0, 1.0]), torch.tensor([0.0, -0.0, -0.0, 0.0, nan])],
         {'bounds': ['min']})
    case('clamp tensor max +-0', 'clamp', [torch.tensor([-0.0, 0.0, -0.0, 0.0, 1.0]), torch.tensor([0.0, -0.0, -0.0, 0.0, nan])],
         {'bounds': ['max']})
    case('clamp tensor equal bounds', 'clamp', [torch.tensor([0.0, 0.5, 1.0, 0.3, 2.0]), torch.tensor([0.5, 0.5, 0.5, 1.0, 1.0]),
                                                torch.tensor([0.5, 0.5, 0.5, 1.0, 1.0])], {'bounds': ['min', 'max']})
    case('clamp tensor x broadcast', 'clamp', [rnd(4), rnd(3, 4) - 0.5, rnd(3, 1) + 0.5], {'bounds': ['min', 'max']})
    case('clamp tensor random', 'clamp', [rnd(3, 4), rnd(4) - 0.5, rnd(3, 1) + 0.5], {'bounds': ['min', 'max']})

    # ---- reductions
    x234 = rnd(2, 3, 4)
    x34 = rnd(3, 4)
    for op in ('sum', 'mean', 'logsumexp'):
        for x in (x34, x234):
            nd = x.dim()
            dims = list(range(nd)) + [-1, -nd, [0, -1]] + ([[0, 2], [1, 2]] if nd == 3 else [[0, 1]])
            for d in dims:
                for keep in (False, True):
                    case(f'{op} {list(x.shape)} dim={d} keepdim={keep}', op, [x], {'dim': d, 'keepdim': keep})
            if op != 'logsumexp':  # torch.logsumexp has no dim=None form
                case(f'{op} {list(x.shape)} all', op, [x])
        case(f'{op} 0-d dim=0', op, [torch.tensor(1.25)], {'dim': 0})
        if op != 'logsumexp':
            case(f'{op} 0-d all', op, [torch.tensor(1.25)])
    case('sum edges', 'sum', [torch.tensor([[1.0, inf, 2.0], [nan, 1.0, 0.0], [-0.0, -0.0, -0.0]])], {'dim': 1})
    case('mean edges', 'mean', [torch.tensor([[1.0, inf, 2.0], [nan, 1.0, 0.0], [-0.0, -0.0, -0.0]])], {'dim': 1})
    lse = torch.tensor([[1000.0, 1001.0, 1002.0], [-inf, 0.0, 1.0], [-inf, -inf, -inf], [inf, 1.0, 2.0],
                        [nan, 1.0, 2.0], [-1e4, 0.0, 1e4], [3.0, 3.0, 3.0]])
    case('logsumexp edges dim=1', 'logsumexp', [lse], {'dim': 1})
    case('logsumexp edges dim=-1 keepdim', 'logsumexp', [lse], {'dim': -1, 'keepdim': True})
    ties = torch.tensor([[1.0, 3.0, 3.0, 0.0], [2.0, 2.0, 2.0, 2.0], [5.0, -1.0, 5.0, 4.0]])
    for x, label in ((x34, 'random'), (x234, 'random'), (ties, 'ties')):
        nd = x.dim()
        for d in list(range(nd)) + [-1]:
            for keep in (False, True):
                case(f'max {label} {list(x.shape)} dim={d} keepdim={keep}', 'max', [x], {'dim': d, 'keepdim': keep})
        case(f'max {label} {list(x.shape)} all', 'max', [x])
    for x, label in ((x34, 'random'), (ties, 'ties')):
        for d in (0, -1):
            for keep in (False, True):
                case(f'min {label} {list(x.shape)} dim={d} keepdim={keep}', 'min', [x], {'dim': d, 'keepdim': keep})
        case(f'min {label} {list(x.shape)} all', 'min', [x])
    case('min all ties nan', 'min', [torch.tensor([[-2.0, 1.0, -2.0], [nan, 0.0, nan]])])
    case('min dim nan ties', 'min', [torch.tensor([[-2.0, 1.0, -2.0], [nan, 0.0, nan]])], {'dim': 1})
    for data in ([0.0, -0.0], [-0.0, 0.0], [-1.0, -0.0, 0.0, -2.0], [0.0, -0.0] * 20, [-0.0, 0.0] * 20):
        for op in ('max', 'min'):
            case(f'{op} all +-0 {data[:4]} x{len(data)}', op, [torch.tensor(data)])
            case(f'{op} dim +-0 {data[:4]} x{len(data)}', op, [torch.tensor(data)], {'dim': 0})
    for op in ('sum', 'mean'):
        case(f'{op} dim=[]', op, [x34], {'dim': []})
    case('max all ties', 'max', [torch.tensor([3.0, 1.0, 3.0, 3.0, -2.0])])
    case('max all nan', 'max', [torch.tensor([3.0, nan, 5.0, nan])])
    case('max dim nan', 'max', [torch.tensor([[3.0, nan, 5.0, nan], [1.0, 2.0, 2.0, -inf]])], {'dim': 1})
    case('max dim -0 0', 'max', [torch.tensor([[-0.0, 0.0], [0.0, -0.0]])], {'dim': 1})
    case('max 0-d dim=0', 'max', [torch.tensor(1.25)], {'dim': 0})

    # larger operands: PyTorch's vectorised loops and multi-lane sums
    big = rnd(12, 37)
    for d in (0, 1, None):
        case(f'sum [12, 37] dim={d}', 'sum', [big], {'dim': d} if d is not None else {})
        case(f'mean [12, 37] dim={d}', 'mean', [big], {'dim': d} if d is not None else {})
    case('logsumexp [12, 37] dim=1', 'logsumexp', [big * 3], {'dim': 1})
    case('max [12, 37] dim=0', 'max', [big], {'dim': 0})
    case('add [16, 33] [33]', 'add', [rnd(16, 33), rnd(33)])
    case('mul [33, 1] [1, 16]', 'mul', [rnd(33, 1), rnd(1, 16)])
    case('div [5, 1, 7] [3, 1]', 'div', [rnd(5, 1, 7), rnd(3, 1) + 3.0])
    case('maximum [16, 33] [33]', 'maximum', [rnd(16, 33), rnd(33)])

    # ---- shape ops and matmul
    for shape in ([6, 4], [-1], [4, -1], [2, 12], [4, 3, 2], [24, 1]):
        case(f'reshape {shape}', 'reshape', [x234], {'shape': shape})
    case('reshape 0-d to [1,1]', 'reshape', [torch.tensor(2.0)], {'shape': [1, 1]})
    for x, pairs in ((x34, [(0, 1), (1, 0), (-1, -2), (1, 1)]), (x234, [(0, 2), (1, 2), (0, 1), (-1, 0), (2, 2)]),
                     (rnd(5), [(0, -1)])):
        for d0, d1 in pairs:
            case(f'transpose {list(x.shape)} {d0},{d1}', 'transpose', [x], {'dim0': d0, 'dim1': d1})
    for sa, sb in (((3, 4), (4, 5)), ((7, 9), (9, 6)), ((1, 5), (5, 1)), ((2, 8), (8, 3)), ((5, 4), (4,)), ((4,), (4, 3)),
                   ((6,), (6,)), ((1, 1), (1, 1)), ((16, 13), (13, 11)), ((12, 40), (40, 10)), ((40, 9), (9,)),
                   ((9,), (9, 40)), ((100,), (100,))):
        case(f'matmul {list(sa)} {list(sb)}', 'matmul', [rnd(*sa), rnd(*sb)])
    case('matmul inf nan', 'matmul', [torch.tensor([[1.0, inf], [0.0, 1.0], [nan, 0.0]]), torch.tensor([[1.0, 0.0], [0.0, 2.0]])])
    return {'cases': cases}


def main():
    acts = {}
    for dtype in DT:
        acts[dtype] = activation_fixtures(dtype)
        write(f'activations.{dtype}.json', acts[dtype])
    write('spellings.json', spelling_fixtures(acts))
    write('linspace.json', linspace_fixtures())
    write('softmax.json', softmax_fixtures())
    write('printing.json', printing_fixtures())
    write('losses.json', loss_fixtures())
    write('errors.json', errors_fixtures())
    write('ops.json', ops_fixtures())


if __name__ == '__main__':
    main()
