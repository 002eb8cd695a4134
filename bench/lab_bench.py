#!/usr/bin/python3
"""PyTorch side of the bench's `lab` section (bench/sections/lab.ts), float32, one thread.

L1: one training step of the race's network (2-16-16-1 tanh, SGD, full batch of 200 points):
    zero_grad, forward, binary_cross_entropy_with_logits, backward, step.
L2: the depth experiment at 50 layers x 256 wide (ReLU), batch 256: forward and backward.
Prints {"torch": version, "results": {row: ms per run}}. Same timing protocol as bench/lib/timing.ts.
"""
import json
import math
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)


def timeit(fn, budget_ms=600, samples=15, batch_ms=2.0, warmup=5):
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


def train_step():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 16), nn.Tanh(), nn.Linear(16, 1))
    x = torch.randn(200, 2)
    y = (x[:, :1] * x[:, 1:] > 0).float()
    opt = torch.optim.SGD(model.parameters(), lr=0.1)

    def run():
        opt.zero_grad()
        loss = F.binary_cross_entropy_with_logits(model(x), y)
        loss.backward()
        opt.step()
    return run


def depth_step(depth=50, width=256, batch=256):
    torch.manual_seed(0)
    layers = []
    for _ in range(depth):
        layers += [nn.Linear(width, width), nn.ReLU()]
    layers.append(nn.Linear(width, width))
    model = nn.Sequential(*layers)
    x = torch.randn(batch, width)

    def run():
        model.zero_grad()
        model(x).sum().backward()
    return run


if __name__ == '__main__':
    quick = '--quick' in sys.argv
    res = {'L1 train step 2-16-16-1': timeit(train_step()), 'L2 depth 50x256 fwd+bwd': timeit(depth_step(), budget_ms=300 if quick else 1500)}
    print(json.dumps({'torch': torch.__version__, 'results': res}))
