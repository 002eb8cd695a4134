#!/usr/bin/python3
"""Writes test/fixtures/lab/optim-exact.json from Debian's PyTorch 1.13 (run with /usr/bin/python3).

SGD and Adam step by step, with the gradient set by hand to c·(p − t) (one subtraction and one
multiplication, which any IEEE engine rounds alike), so the only arithmetic compared is the
optimizer's own. 37 elements: PyTorch's CPU kernels take their AVX2 vector path for the first 32
(float32) or 36 (float64) and the scalar tail for the rest, so both are covered. The parameters
after 12 of the 150 steps are recorded (bit for bit there means bit for bit throughout: an ulp
once lost is carried on). Also Python's `beta ** step` (glibc's pow), Adam's bias corrections.
"""
import json, os
import torch

torch.set_num_threads(1)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'lab')
DT = {'float32': torch.float32, 'float64': torch.float64}
STEPS = 150
RECORD = [1, 2, 3, 4, 5, 10, 25, 50, 75, 100, 125, 150]
BETAS = [0.9, 0.999, 0.8, 0.99, 0.85, 0.995]
N = 37

CONFIGS = [
    ('adam', {'lr': 0.01}),
    ('adam', {'lr': 0.003, 'betas': (0.8, 0.99), 'eps': 1e-6, 'weight_decay': 0.01}),
    ('adam', {'lr': 0.02, 'amsgrad': True}),
    ('adam', {'lr': 0.005, 'betas': (0.85, 0.995), 'weight_decay': 0.1, 'amsgrad': True, 'maximize': True}),
    ('sgd', {'lr': 0.1}),
    ('sgd', {'lr': 0.05, 'momentum': 0.9, 'weight_decay': 0.01, 'dampening': 0.1}),
    ('sgd', {'lr': 0.05, 'momentum': 0.9, 'nesterov': True, 'weight_decay': 0.001}),
]


def cases():
    out = []
    for dtype, dt in DT.items():
        for kind, kw in CONFIGS:
            g = torch.Generator().manual_seed(11)
            p = torch.randn(N, generator=g, dtype=dt)
            t = torch.randn(N, generator=g, dtype=dt)
            # scales over three decades, so tiny and large second moments both occur
            c = torch.pow(10.0, torch.rand(N, generator=g, dtype=dt) * 3 - 2)
            p0, tl, cl = p.tolist(), t.tolist(), c.tolist()
            p.requires_grad_()
            opt = (torch.optim.SGD if kind == 'sgd' else torch.optim.Adam)([p], **kw)
            steps = {}
            for s in range(1, STEPS + 1):
                with torch.no_grad():
                    p.grad = (p - t) * c
                opt.step()
                if s in RECORD:
                    steps[s] = p.detach().tolist()
            out.append({'optimizer': kind, 'kwargs': {k: (list(v) if isinstance(v, tuple) else v) for k, v in kw.items()},
                        'dtype': dtype, 'p0': p0, 'target': tl, 'c': cl, 'steps': steps})
    return out


with open(os.path.join(OUT, 'optim-exact.json'), 'w') as f:
    json.dump({'torch': torch.__version__, 'generator': 'scripts/gen-optim-exact-fixtures.py', 'cases': cases(),
               'pow': {'betas': BETAS, 'steps': 1000, 'values': [[b ** float(k) for k in range(1, 1001)] for b in BETAS]}}, f, separators=(',', ':'))
    f.write('\n')
