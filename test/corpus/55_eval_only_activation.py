import torch
import torch.nn as nn
import torch.nn.functional as F


# Heads that train on logits and turn them into probabilities only when the model is not training
# (detection heads, exported classifiers): the loss never sees the activation.
class ObjectnessHead(nn.Module):
    def __init__(self, c, anchors=3):
        super().__init__()
        self.conv = nn.Conv2d(c, anchors, 1)

    def forward(self, feats):
        logits = self.conv(feats)
        if self.training:
            return logits
        return torch.sigmoid(logits)  # expect: sigmoid output -


class TextClassifier(nn.Module):
    def __init__(self, d, n):
        super().__init__()
        self.proj = nn.Linear(d, 256)
        self.out = nn.Linear(256, n)

    def forward(self, x):
        x = self.out(F.gelu(self.proj(x)))  # expect: gelu hidden cross_entropy
        if not self.training:
            x = F.softmax(x, dim=-1)  # expect: softmax output -
        return x


class ProbsAtEval(nn.Module):
    def __init__(self, dim=1):
        super().__init__()
        self.act = nn.Softmax(dim=dim)  # expect: softmax output -

    def forward(self, x):
        return x if self.training else self.act(x)


tagger = nn.Sequential(nn.Linear(64, 64), nn.Tanh(), nn.Linear(64, 9), ProbsAtEval())  # expect: tanh hidden CrossEntropyLoss


# The same mistake without the condition is still one.
class AlwaysProbs(nn.Module):
    def __init__(self, d, n):
        super().__init__()
        self.fc = nn.Linear(d, n)

    def forward(self, x):
        return F.softmax(self.fc(x), dim=1)  # expect: softmax output cross_entropy


head, clf, probs = ObjectnessHead(32), TextClassifier(128, 4), AlwaysProbs(128, 4)
seq_loss = nn.CrossEntropyLoss()
for feats, obj, x, y, tokens, tags in loader:
    loss = F.binary_cross_entropy_with_logits(head(feats), obj)
    loss = loss + F.cross_entropy(clf(x), y) + F.cross_entropy(probs(x), y)
    loss = loss + seq_loss(tagger(tokens).flatten(0, 1), tags.flatten())
    loss.backward()
