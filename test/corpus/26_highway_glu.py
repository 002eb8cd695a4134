import torch
import torch.nn as nn
import torch.nn.functional as F


class Highway(nn.Module):
    def __init__(self, size, n=2):
        super().__init__()
        self.H = nn.ModuleList([nn.Linear(size, size) for _ in range(n)])
        self.T = nn.ModuleList([nn.Linear(size, size) for _ in range(n)])

    def forward(self, x):
        for h, t in zip(self.H, self.T):
            gate = torch.sigmoid(t(x))  # expect: sigmoid hidden - gate
            x = gate * F.relu(h(x)) + (1 - gate) * x  # expect: relu hidden -
        return x


class SwiGLU(nn.Module):
    def __init__(self, d, hidden):
        super().__init__()
        self.w1 = nn.Linear(d, hidden, bias=False)
        self.w3 = nn.Linear(d, hidden, bias=False)
        self.w2 = nn.Linear(hidden, d, bias=False)

    def forward(self, x):
        return self.w2(F.silu(self.w1(x)) * self.w3(x))  # expect: silu hidden -


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.hw = Highway(64)
        self.ffn = SwiGLU(64, 256)
        self.out = nn.Linear(64, 5)

    def forward(self, x):
        return self.out(self.ffn(self.hw(x)))
