"""Activations written by hand, as transformer and audio code often does.

Hover a definition's name or a use of it: Activation Lens evaluates the code with its own
engine (the file is never run), draws f and f', and says which built-in it equals.
"""
import math

import torch
from torch import nn
import torch.nn.functional as F


class NewGELU(nn.Module):
    """The tanh approximation of GELU, written out."""

    def forward(self, x):
        return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


class QuickGELU(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class Snake(nn.Module):
    """x + sin(alpha * x)**2 / alpha, with a learned frequency alpha (Snake)."""

    def __init__(self, alpha=0.5):
        super().__init__()
        self.alpha = nn.Parameter(torch.tensor(alpha))

    def forward(self, x):
        return x + torch.sin(self.alpha * x) ** 2 / self.alpha


def swish(x):
    return x * torch.sigmoid(x)


hard_swish = lambda x: x * F.relu6(x + 3) / 6


class Block(nn.Module):
    def __init__(self, dim=64, act_layer=NewGELU):
        super().__init__()
        self.fc1 = nn.Linear(dim, 4 * dim)
        self.act = act_layer()
        self.fc2 = nn.Linear(4 * dim, dim)

    def forward(self, x):
        return x + self.fc2(self.act(self.fc1(x)))


head = nn.Sequential(nn.Linear(64, 64), QuickGELU(), nn.Linear(64, 64), Snake(), nn.Linear(64, 10))
y = swish(torch.linspace(-3, 3, 7))
