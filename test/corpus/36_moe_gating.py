import torch
import torch.nn as nn
import torch.nn.functional as F


class Expert(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(d, 4 * d), nn.ReLU(), nn.Linear(4 * d, d))  # expect: relu hidden cross_entropy

    def forward(self, x):
        return self.net(x)


class MoE(nn.Module):
    def __init__(self, d, n=4):
        super().__init__()
        self.experts = nn.ModuleList([Expert(d) for _ in range(n)])
        self.router = nn.Linear(d, n)

    def forward(self, x):
        weights = F.softmax(self.router(x), dim=-1)  # expect: softmax hidden cross_entropy
        outs = torch.stack([e(x) for e in self.experts], dim=-1)
        return (outs * weights.unsqueeze(-2)).sum(-1)


class Classifier(nn.Module):
    def __init__(self, d, k):
        super().__init__()
        self.moe = MoE(d)
        self.fc = nn.Linear(d, k)

    def forward(self, x):
        return self.fc(self.moe(x))


clf = Classifier(32, 5)
loss = F.cross_entropy(clf(x), y)
