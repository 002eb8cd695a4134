"""Regression: fit y = sin(x) with a tanh hidden layer and an identity (linear) output.

For regression the output layer has no activation; the loss is mean squared error.
"""
import math

import torch
from torch import nn


class Regressor(nn.Module):
    def __init__(self, hidden: int = 32):
        super().__init__()
        self.hidden = nn.Linear(1, hidden)
        self.out = nn.Linear(hidden, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = torch.tanh(self.hidden(x))
        return self.out(h)  # identity output


x = torch.linspace(-math.pi, math.pi, 200).unsqueeze(1)
y = torch.sin(x) + 0.05 * torch.randn_like(x)

model = Regressor()
loss_fn = nn.MSELoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)

for epoch in range(500):
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()

print(f"MSE after training: {loss.item():.5f}")
