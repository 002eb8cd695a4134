#!/usr/bin/python3
"""PyTorch side of the bench's `lab` section (bench/sections/lab.ts), float32, one thread.

L1: one training step of the race's network (2-16-16-1 tanh, SGD, full batch of 200 points):
    zero_grad, forward, binary_cross_entropy_with_logits, backward, step.
L2: the depth experiment at 50 layers x 256 wide (ReLU), batch 256: forward and backward; the
    same with Tanh (no target: the engine's products skip ReLU's exact zeros, Tanh has none).
Prints {"torch": version, "results": {row: ms per run}}. Same timing protocol as bench/lib/timing.ts.
"""
import json
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_bench import timeit  # noqa: E402 - the engine section's timing protocol, one copy

torch.set_num_threads(1)


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


def depth_step(act=nn.ReLU, depth=50, width=256, batch=256):
    torch.manual_seed(0)
    layers = []
    for _ in range(depth):
        layers += [nn.Linear(width, width), act()]
    layers.append(nn.Linear(width, width))
    model = nn.Sequential(*layers)
    x = torch.randn(batch, width)

    def run():
        model.zero_grad()
        model(x).sum().backward()
    return run


if __name__ == '__main__':
    quick = '--quick' in sys.argv
    res = {'L1 train step 2-16-16-1': timeit(train_step(), budget_ms=600, warmup=5),
           'L2 depth 50x256 fwd+bwd': timeit(depth_step(), budget_ms=300 if quick else 1500, warmup=5),
           'L2 tanh': timeit(depth_step(nn.Tanh), budget_ms=300 if quick else 1500, warmup=5)}
    print(json.dumps({'torch': torch.__version__, 'results': res}))
