"""Activation Lens demo: hover any activation below (torch.tanh, F.relu, nn.Softmax, ...)."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Classifier(nn.Module):
    """Three classes from 20 features: ReLU in the hidden layers, logits out."""

    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(20, 64)
        self.act = nn.ReLU()
        self.gate = nn.Linear(64, 64)
        self.out = nn.Linear(64, 3)

    def forward(self, x):
        h = self.act(self.hidden(x))
        h = h * torch.sigmoid(self.gate(h))
        # Hover softmax: CrossEntropyLoss below applies log_softmax itself (see the Problems panel).
        return F.softmax(self.out(h), dim=1)


model = Classifier()
loss_fn = nn.CrossEntropyLoss()
x = torch.randn(8, 20)
loss = loss_fn(model(x), torch.randint(0, 3, (8,)))

# The article: tanh and its derivative, from autograd.
t = torch.linspace(-20, 20, 1000, requires_grad=True)
torch.tanh(t).sum().backward()

# The article's scores, turned into probabilities.
scores = torch.tensor([0.2, 0.02, 0.15, 0.15, 1.3, 0.5, 0.06, 1.1, 0.05, 3.75])
probabilities = torch.softmax(scores, dim=0)
print(probabilities)
