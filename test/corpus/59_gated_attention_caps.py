import torch
import torch.nn as nn
import torch.nn.functional as F

TEMPERATURE = 0.5


# Attention-based multiple-instance learning written with the paper's capital letters: A_V and
# A_U are values computed from the bag, not constants, so their product is a gate.
class GatedMIL(nn.Module):
    def __init__(self, L=512, D=128):
        super().__init__()
        self.embed = nn.Sequential(nn.Linear(1024, L), nn.ReLU())  # expect: relu hidden BCEWithLogitsLoss
        self.attn_V = nn.Sequential(nn.Linear(L, D), nn.Tanh())  # expect: tanh hidden BCEWithLogitsLoss
        self.attn_U = nn.Sequential(nn.Linear(L, D), nn.Sigmoid())  # expect: sigmoid hidden BCEWithLogitsLoss gate
        self.attn_w = nn.Linear(D, 1)
        self.head = nn.Linear(L, 1)

    def forward(self, bag):
        H = self.embed(bag)
        A_V = self.attn_V(H)
        A_U = self.attn_U(H)
        A = self.attn_w(A_V * A_U).transpose(0, 1)
        A = F.softmax(A / TEMPERATURE, dim=1)  # expect: softmax hidden BCEWithLogitsLoss
        M = A @ H
        return self.head(M).squeeze(-1), A


# Scaled by a number bound to a name: no gate, a hidden sigmoid.
class Squashed(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(16, 32)
        self.fc2 = nn.Linear(32, 1)

    def forward(self, x):
        half = 0.5
        h = torch.sigmoid(self.fc1(x)) * half  # expect: sigmoid hidden BCEWithLogitsLoss
        return self.fc2(h)


mil, sq = GatedMIL(), Squashed()
criterion = nn.BCEWithLogitsLoss()
for bag, label, x, y in loader:
    logit, _ = mil(bag)
    loss = criterion(logit, label) + criterion(sq(x).squeeze(-1), y)
    loss.backward()
