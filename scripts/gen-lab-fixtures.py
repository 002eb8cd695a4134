#!/usr/bin/python3
"""Writes test/fixtures/lab/*.json from Debian's PyTorch 1.13 (run with /usr/bin/python3).

random.json  the CPU generator: rand/randn/randint/randperm/uniform_/normal_ after manual_seed,
             both dtypes, sizes on both sides of randn's 16-element vector path
init.json    nn.init and nn.Linear/nn.Sequential parameters after manual_seed
optim.json   SGD (plain, momentum, weight decay, nesterov) and Adam over 100 steps
gelu.json    float32 gelu(approximate='tanh') backward (issue 17's cancellation fix)
depth.json   the lab's depth experiment: per-layer activation statistics and weight-gradient norms
"""
import json, math, os, sys
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'lab')
os.makedirs(OUT, exist_ok=True)
DT = {'float32': torch.float32, 'float64': torch.float64}


def flat(t):
    return t.detach().reshape(-1).tolist()


def write(name, obj):
    with open(os.path.join(OUT, name), 'w') as f:
        json.dump({'torch': torch.__version__, 'generator': 'scripts/gen-lab-fixtures.py', **obj}, f, separators=(',', ':'))
        f.write('\n')


def random_cases():
    cases = []
    seeds = [0, 1, 3, 42, 12345, 2**32 + 7, -5]
    for seed in seeds:
        for dtype in DT:
            for n in [1, 3, 15, 16, 17, 31, 32, 100, 1000]:
                torch.manual_seed(seed)
                cases.append({'op': 'rand', 'seed': seed, 'dtype': dtype, 'shape': [n], 'data': flat(torch.rand(n, dtype=DT[dtype]))})
                torch.manual_seed(seed)
                cases.append({'op': 'randn', 'seed': seed, 'dtype': dtype, 'shape': [n], 'data': flat(torch.randn(n, dtype=DT[dtype]))})
    # calls in sequence: the scalar path's cached second Box-Muller value carries over
    for dtype in DT:
        torch.manual_seed(7)
        seq = [flat(torch.randn(3, dtype=DT[dtype])), flat(torch.randn(20, dtype=DT[dtype])), flat(torch.randn(1, dtype=DT[dtype])),
               flat(torch.rand(5, dtype=DT[dtype])), flat(torch.randn(2, 3, dtype=DT[dtype]))]
        cases.append({'op': 'sequence', 'seed': 7, 'dtype': dtype, 'data': seq})
        for (mean, std, n) in [(0.5, 2.0, 10), (0.5, 2.0, 40), (-1.25, 0.3, 16), (0.0, 0.0625, 1000)]:
            torch.manual_seed(11)
            t = torch.empty(n, dtype=DT[dtype]).normal_(mean, std)
            cases.append({'op': 'normal_', 'seed': 11, 'dtype': dtype, 'mean': mean, 'std': std, 'shape': [n], 'data': flat(t)})
        for (a, b, n) in [(-0.5, 0.5, 33), (-0.7071067811865476, 0.7071067811865476, 32), (2.0, 3.5, 50), (-0.17677669529663687, 0.17677669529663687, 256)]:
            torch.manual_seed(13)
            t = torch.empty(n, dtype=DT[dtype]).uniform_(a, b)
            cases.append({'op': 'uniform_', 'seed': 13, 'dtype': dtype, 'from': a, 'to': b, 'shape': [n], 'data': flat(t)})
    for seed in [0, 3, 99]:
        for (low, high, n) in [(0, 10, 20), (-3, 3, 7), (0, 2**31, 10), (0, 2**40, 6), (5, 2**33 + 5, 4)]:
            torch.manual_seed(seed)
            cases.append({'op': 'randint', 'seed': seed, 'low': low, 'high': high, 'shape': [n], 'data': torch.randint(low, high, (n,)).tolist()})
        for n in [1, 2, 5, 10, 100, 1000]:
            torch.manual_seed(seed)
            cases.append({'op': 'randperm', 'seed': seed, 'n': n, 'data': torch.randperm(n).tolist()})
    # a private generator, as the lab's datasets use
    g = torch.Generator().manual_seed(21)
    cases.append({'op': 'generator', 'seed': 21, 'dtype': 'float64', 'data': [flat(torch.rand(5, generator=g, dtype=torch.float64)),
                                                                              flat(torch.randn(17, generator=g, dtype=torch.float64)),
                                                                              torch.randperm(9, generator=g).tolist()]})
    # the default generator before any manual_seed (fresh process): its documented default seed
    return cases


def init_cases():
    cases = []
    gains = {}
    for nl, p in [('linear', None), ('conv2d', None), ('sigmoid', None), ('tanh', None), ('relu', None), ('leaky_relu', None),
                  ('leaky_relu', 0.2), ('leaky_relu', math.sqrt(5)), ('selu', None)]:
        gains[nl + ('' if p is None else ':' + repr(p))] = nn.init.calculate_gain(nl, p)
    inits = [
        ('kaiming_uniform_', {}), ('kaiming_uniform_', {'a': math.sqrt(5)}), ('kaiming_uniform_', {'mode': 'fan_out', 'nonlinearity': 'relu'}),
        ('kaiming_normal_', {}), ('kaiming_normal_', {'nonlinearity': 'relu'}), ('kaiming_normal_', {'mode': 'fan_out', 'nonlinearity': 'tanh'}),
        ('xavier_uniform_', {}), ('xavier_uniform_', {'gain': 5.0 / 3}), ('xavier_normal_', {}), ('xavier_normal_', {'gain': math.sqrt(2.0)}),
        ('normal_', {}), ('normal_', {'mean': 0.1, 'std': 0.02}), ('uniform_', {}), ('uniform_', {'a': -0.3, 'b': 0.3}), ('zeros_', {}),
    ]
    for dtype in DT:
        for shape in [[16, 2], [1, 16], [3, 5], [24, 20], [4, 3, 2, 2]]:
            for name, kw in inits:
                torch.manual_seed(5)
                t = torch.empty(*shape, dtype=DT[dtype])
                getattr(nn.init, name)(t, **kw)
                cases.append({'init': name, 'kwargs': kw, 'dtype': dtype, 'shape': shape, 'seed': 5, 'data': flat(t)})
    models = []
    for seed in [0, 3, 42]:
        for dims, act in [([2, 16, 1], 'Tanh'), ([2, 16, 16, 1], 'ReLU'), ([2, 8, 8, 8, 1], 'Sigmoid'), ([32, 32, 32], 'ReLU')]:
            for dtype in DT:
                torch.manual_seed(seed)
                layers = []
                for i in range(len(dims) - 1):
                    layers.append(nn.Linear(dims[i], dims[i + 1]))
                    if i < len(dims) - 2:
                        layers.append(getattr(nn, act)())
                m = nn.Sequential(*layers).to(DT[dtype])
                models.append({'seed': seed, 'dims': dims, 'activation': act, 'dtype': dtype,
                               'params': [{'name': n, 'shape': list(p.shape), 'data': flat(p)} for n, p in m.named_parameters()]})
    return {'gains': gains, 'cases': cases, 'models': models}


def optim_cases():
    out = []
    configs = [('sgd', {'lr': 0.1}), ('sgd', {'lr': 0.05, 'momentum': 0.9}), ('sgd', {'lr': 0.05, 'momentum': 0.9, 'weight_decay': 0.01, 'dampening': 0.1}),
               ('sgd', {'lr': 0.05, 'momentum': 0.9, 'nesterov': True}), ('adam', {'lr': 0.01}),
               ('adam', {'lr': 0.003, 'betas': (0.8, 0.99), 'eps': 1e-6, 'weight_decay': 0.01})]
    for dtype in DT:
        for kind, kw in configs:
            # a quadratic bowl: the gradient 2·c·(p − t) is elementwise, so only the optimizer differs
            torch.manual_seed(1)
            p = torch.randn(37, dtype=DT[dtype]).requires_grad_()
            target = torch.randn(37, dtype=DT[dtype])
            c = torch.rand(37, dtype=DT[dtype]) + 0.5
            p0 = flat(p)
            opt = torch.optim.SGD([p], **kw) if kind == 'sgd' else torch.optim.Adam([p], **kw)
            losses = []
            for _ in range(100):
                opt.zero_grad()
                loss = (c * (p - target) ** 2).sum()
                losses.append(loss.item())
                loss.backward()
                opt.step()
            out.append({'problem': 'bowl', 'optimizer': kind, 'kwargs': {k: (list(v) if isinstance(v, tuple) else v) for k, v in kw.items()},
                        'dtype': dtype, 'p0': p0, 'target': flat(target), 'c': flat(c), 'losses': losses, 'final': flat(p)})
            # a small MLP on fixed data, trained end to end
            torch.manual_seed(2)
            m = nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 16), nn.Tanh(), nn.Linear(16, 1)).to(DT[dtype])
            x = torch.randn(64, 2, dtype=DT[dtype])
            y = (x[:, :1] * x[:, 1:] > 0).to(DT[dtype])
            opt = torch.optim.SGD(m.parameters(), **kw) if kind == 'sgd' else torch.optim.Adam(m.parameters(), **kw)
            losses = []
            for _ in range(100):
                opt.zero_grad()
                loss = F.binary_cross_entropy_with_logits(m(x), y)
                losses.append(loss.item())
                loss.backward()
                opt.step()
            out.append({'problem': 'mlp', 'optimizer': kind, 'kwargs': {k: (list(v) if isinstance(v, tuple) else v) for k, v in kw.items()},
                        'dtype': dtype, 'x': flat(x), 'losses': losses, 'final': [flat(q) for q in m.parameters()]})
    return out


def depth_cases():
    out = []
    acts = {'sigmoid': nn.Sigmoid, 'relu': nn.ReLU, 'tanh': nn.Tanh, 'leaky_relu': nn.LeakyReLU}
    for act, depth, width, batch, seed, init in [('sigmoid', 12, 64, 128, 5, 'default'), ('relu', 12, 64, 128, 5, 'kaiming_normal'),
                                                 ('tanh', 30, 32, 64, 1, 'xavier_uniform'), ('sigmoid', 30, 32, 64, 1, 'xavier_normal'),
                                                 ('relu', 30, 32, 64, 1, 'kaiming_uniform'), ('leaky_relu', 4, 16, 8, 2, 'default')]:
        for dtype in DT:
            torch.manual_seed(seed)
            layers, linears, hidden = [], [], []
            for i in range(depth):
                linears.append(nn.Linear(width, width))
                layers += [linears[-1], acts[act]()]
            linears.append(nn.Linear(width, width))
            layers.append(linears[-1])
            if init != 'default':
                for lin in linears:
                    if init.startswith('xavier'):
                        getattr(nn.init, init + '_')(lin.weight)
                    else:
                        getattr(nn.init, init + '_')(lin.weight, nonlinearity='relu')
                    nn.init.zeros_(lin.bias)
            model = nn.Sequential(*layers).to(DT[dtype])
            for m in model:
                if not isinstance(m, nn.Linear):
                    m.register_forward_hook(lambda mod, inp, o: hidden.append(o.detach()))
            x = torch.randn(batch, width, dtype=DT[dtype])
            model(x).sum().backward()
            out.append({'activation': act, 'depth': depth, 'width': width, 'batch': batch, 'seed': seed, 'init': init, 'dtype': dtype,
                        'layers': [{'activationMean': h.mean().item(), 'activationStd': h.std().item(),
                                    'deadFraction': (h == 0).all(dim=0).to(torch.float64).mean().item(),
                                    'weightGradNorm': linears[i].weight.grad.norm().item()} for i, h in enumerate(hidden)],
                        'outputWeightGradNorm': linears[-1].weight.grad.norm().item()})
    return out


def gelu_tanh_backward():
    # float32 gelu(approximate='tanh') backward: the region around x = -3 where the two terms cancel
    x = torch.cat([torch.linspace(-6, 6, 1024), torch.linspace(-3.5, -2.5, 1024)]).float().requires_grad_()
    F.gelu(x, approximate='tanh').backward(torch.ones_like(x))
    return {'x': flat(x), 'grad': flat(x.grad)}


if __name__ == '__main__':
    write('gelu.json', gelu_tanh_backward())
    write('depth.json', {'cases': depth_cases()})
    write('random.json', {'cases': random_cases()})
    write('init.json', init_cases())
    write('optim.json', {'cases': optim_cases()})
    print('wrote', OUT)
