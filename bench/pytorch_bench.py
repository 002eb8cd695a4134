#!/usr/bin/python3
"""PyTorch side of `npm run bench`: the same workloads as bench/sections/engine.ts, one thread.

`--serve`: answers one row per request line (what the bench uses, so each PyTorch time is
taken right beside the JavaScript times of the same row). Without it: times every row and
prints {"torch": version, "results": {row: ms per run}}. `--quick`: smaller W2/W4, as the bench.
Run with /usr/bin/python3 (Debian's python3-torch).
"""
import json
import math
import statistics
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
QUICK = '--quick' in sys.argv
DT = {'f64': torch.float64, 'f32': torch.float32}
ACTS = {
    'tanh': torch.tanh, 'sigmoid': torch.sigmoid, 'relu': torch.relu,
    'gelu': F.gelu, 'softplus': F.softplus, 'mish': F.mish,
}


def timeit(fn, budget_ms=400, samples=15, batch_ms=2.0, warmup=3):
    # Same protocol as bench/lib/timing.ts: warmup, batches above timer resolution, median.
    t0 = time.perf_counter()
    calls = 0
    while calls < warmup or ((time.perf_counter() - t0) * 1e3 < min(50, budget_ms / 4) and calls < 1000):
        fn()
        calls += 1
    per_call = (time.perf_counter() - t0) * 1e3 / calls
    batch = max(1, math.ceil(batch_ms / max(per_call, 1e-6)))
    out = []
    t0 = time.perf_counter()
    min_samples = min(samples, 2 if per_call > budget_ms / 2 else 3)
    while len(out) < samples and (len(out) < min_samples or (time.perf_counter() - t0) * 1e3 < budget_ms):
        s = time.perf_counter()
        for _ in range(batch):
            fn()
        out.append((time.perf_counter() - s) * 1e3 / batch)
    return statistics.median(out)


def seed_plot(f, n, dt):
    def run():
        x = torch.linspace(-20, 20, n, dtype=dt, requires_grad=True)
        f(x).sum().backward()
        return x.grad
    return run


def softmax_workload(dt):
    g = torch.Generator().manual_seed(0)
    x = torch.randn(1000, 1000, generator=g, dtype=dt).requires_grad_(True)
    w = torch.randn(1000, 1000, generator=g, dtype=dt)

    def run():
        x.grad = None
        (torch.softmax(x, dim=-1) * w).sum().backward()
    return run


def moons(n=256):
    # Deterministic two moons, the same formula as bench/sections/engine.ts.
    xs, ys = [], []
    for i in range(n):
        k, j = i % 2, i // 2
        t = math.pi * j / (n // 2 - 1)
        nx, ny = 0.1 * math.sin(i * 7.3), 0.1 * math.cos(i * 3.1)
        if k == 0:
            xs.append([math.cos(t) + nx, math.sin(t) + ny])
        else:
            xs.append([1 - math.cos(t) + nx, 0.5 - math.sin(t) + ny])
        ys.append([float(k)])
    return xs, ys


def init(rows, cols, salt):
    # Deterministic uniform(-1/sqrt(fan_in), 1/sqrt(fan_in)), as in the TS side.
    b = 1 / math.sqrt(rows)
    return [[(((r * cols + c + salt) * 0.6180339887498949) % 1 * 2 - 1) * b for c in range(cols)] for r in range(rows)]


def mlp_workload(dt, steps=200, lr=0.5):
    xs, ys = moons()
    X = torch.tensor(xs, dtype=dt)
    Y = torch.tensor(ys, dtype=dt)

    def run():
        params = [torch.tensor(init(2, 32, 1), dtype=dt), torch.zeros(32, dtype=dt),
                  torch.tensor(init(32, 32, 2), dtype=dt), torch.zeros(32, dtype=dt),
                  torch.tensor(init(32, 1, 3), dtype=dt), torch.zeros(1, dtype=dt)]
        for p in params:
            p.requires_grad_(True)
        w1, b1, w2, b2, w3, b3 = params
        loss = None
        for _ in range(steps):
            h1 = torch.tanh(X @ w1 + b1)
            h2 = torch.tanh(h1 @ w2 + b2)
            loss = F.binary_cross_entropy_with_logits(h2 @ w3 + b3, Y)
            loss.backward()
            with torch.no_grad():
                for p in params:
                    p -= lr * p.grad
                    p.grad = None
        return loss.item()
    return run


def workloads():
    """Row name -> (make the run function, timing options), as in bench/sections/engine.ts."""
    big = 100_000 if QUICK else 1_000_000
    steps = 50 if QUICK else 200
    w = {}
    for name, f in ACTS.items():
        for d, dt in DT.items():
            w[f'W1 {name} {d}'] = (lambda f=f, dt=dt: seed_plot(f, 1000, dt), {})
    for name, f in ACTS.items():
        for d, dt in DT.items():
            w[f'W2 {name} {d}'] = (lambda f=f, dt=dt: seed_plot(f, big, dt), dict(budget_ms=300, samples=5, batch_ms=0, warmup=15))
    for d, dt in DT.items():
        w[f'W3 softmax {d}'] = (lambda dt=dt: softmax_workload(dt), dict(budget_ms=600, samples=7, batch_ms=0, warmup=20))
    w['W4 mlp f32'] = (lambda: mlp_workload(torch.float32, steps=steps), dict(budget_ms=1000, samples=5, batch_ms=0, warmup=5))
    return w, steps


def main():
    w, steps = workloads()
    if '--serve' in sys.argv:
        # One JSON request per line ({"key": row}) -> one JSON answer per line, so the bench can
        # time PyTorch right next to the JavaScript implementations of the same row.
        print(json.dumps({'ready': True, 'torch': torch.__version__, 'threads': torch.get_num_threads()}), flush=True)
        for line in sys.stdin:
            key = json.loads(line)['key']
            try:
                if key == 'W4 mlp final loss':
                    ans = {'key': key, 'value': mlp_workload(torch.float32, steps=steps)()}
                else:
                    make, opts = w[key]
                    ans = {'key': key, 'ms': timeit(make(), **opts)}
            except Exception as e:  # noqa: BLE001 - reported as n/a by the bench
                ans = {'key': key, 'error': f'{type(e).__name__}: {e}'}
            print(json.dumps(ans), flush=True)
        return
    res = {key: timeit(make(), **opts) for key, (make, opts) in w.items()}
    res['W4 mlp final loss'] = mlp_workload(torch.float32, steps=steps)()
    print(json.dumps({'torch': torch.__version__, 'threads': torch.get_num_threads(), 'results': res}))


if __name__ == '__main__':
    main()
