"""Multi-class classifier with a classic mistake: softmax applied before CrossEntropyLoss.

nn.CrossEntropyLoss already applies log_softmax to raw logits, so feeding it probabilities
squashes the gradients (softmax twice). The fix is to pass `logits` straight to the loss and
use torch.softmax only for reporting probabilities.
"""
import torch
from torch import nn


class Classifier(nn.Module):
    def __init__(self, in_features: int = 32, num_classes: int = 5):
        super().__init__()
        self.body = nn.Sequential(
            nn.Linear(in_features, 128),
            nn.LeakyReLU(negative_slope=0.1),
            nn.Linear(128, 64),
            nn.GELU(approximate='tanh'),
        )
        self.head = nn.Linear(64, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        logits = self.head(self.body(x))
        return torch.softmax(logits, dim=1)  # mistake: CrossEntropyLoss expects logits


model = Classifier()
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)

inputs = torch.randn(64, 32)
targets = torch.randint(0, 5, (64,))

for step in range(100):
    optimizer.zero_grad()
    probs = model(inputs)
    loss = criterion(probs, targets)  # softmax twice: gradients are much smaller than they should be
    loss.backward()
    optimizer.step()

print("final loss:", loss.item())
