import torch
import torch.nn.functional as F
from torch import nn

# A normalizing flow's steps, kept in a ModuleList, each return the transformed value with the log
# of its Jacobian's determinant: the sigmoid step is an invertible map, and what its element becomes
# is up to the code that unpacks the tuple, so it is no hidden layer's activation (no AL401). A block
# of plain layers in a ModuleList, returning its sigmoid alone, is still hinted.


class SigmoidFlow(nn.Module):
    def forward(self, z, ldj, reverse=False):
        if not reverse:
            ldj = ldj + (-z - 2 * F.softplus(-z)).sum(dim=1)  # expect: softplus - -
            z = torch.sigmoid(z)  # expect: sigmoid - -
        else:
            ldj = ldj - (torch.log(z) + torch.log(1 - z)).sum(dim=1)
            z = torch.log(z) - torch.log(1 - z)
        return z, ldj


class Flow(nn.Module):
    def __init__(self):
        super().__init__()
        self.flows = nn.ModuleList([SigmoidFlow()])

    def forward(self, x):
        ldj = torch.zeros(x.size(0))
        for step in self.flows:
            x, ldj = step(x, ldj)
        return x, ldj


class SigBlock(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.fc = nn.Linear(d, d)

    def forward(self, x):
        return torch.sigmoid(self.fc(x))  # expect: sigmoid hidden -


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList([SigBlock(8) for _ in range(3)])
        self.head = nn.Linear(8, 2)
