import torch
import torch.nn as nn
import torch.nn.functional as F


# Loss modules whose names do not end in "Loss": what marks them is that forward reduces to one
# number. The log_softmax inside is loss code, not a layer of a model.
class SmoothedCE(nn.Module):
    def __init__(self, classes, eps=0.1):
        super().__init__()
        self.classes = classes
        self.eps = eps

    def forward(self, logits, labels):
        logp = F.log_softmax(logits, dim=-1)  # expect: log_softmax - -
        with torch.no_grad():
            soft = torch.full_like(logp, self.eps / (self.classes - 1))
            soft.scatter_(1, labels.unsqueeze(1), 1.0 - self.eps)
        return torch.mean(torch.sum(-soft * logp, dim=-1))


class SoftTargetCrossEntropyWithTemperature(nn.Module):
    def __init__(self, t=2.0):
        super().__init__()
        self.t = t

    def forward(self, student, teacher):
        p = teacher.div(self.t).softmax(dim=1)  # expect: softmax - -
        logq = student.div(self.t).log_softmax(dim=1)  # expect: log_softmax - -
        return (-(p * logq).sum(dim=1)).mean() * self.t ** 2


class PolyOneCE(nn.Module):
    def forward(self, logits, labels, epsilon=1.0):
        ce = F.cross_entropy(logits, labels, reduction="none")
        pt = torch.gather(F.softmax(logits, dim=-1), 1, labels.unsqueeze(1)).squeeze(1)  # expect: softmax - -
        return (ce + epsilon * (1 - pt)).mean()


# A small classifier next to them: its ReLU is a layer, its logits go out raw.
class Tagger(nn.Module):
    def __init__(self, d, k):
        super().__init__()
        self.proj = nn.Linear(d, 64)
        self.out = nn.Linear(64, k)

    def forward(self, x):
        return self.out(torch.relu(self.proj(x)))  # expect: relu hidden -
