import torch
import torch.nn as nn

# A sigmoid trained with MSELoss against 0/1 labels the file writes is a binary classification with
# a regression loss (AL105, the BCEWithLogitsLoss advice): its range fits the labels, its gradient
# does not. Real-valued targets keep the range advice (AL105), as does a tanh, whose range leaves
# 1 out.

x = torch.randn(10, 4)
y = torch.tensor([[1.0], [0.0], [0.0], [1.0], [1.0], [1.0], [0.0], [0.0], [1.0], [0.0]])
scores = torch.tensor([[0.3], [0.7], [0.1], [0.9]])

clf = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1), nn.Sigmoid())  # expect: relu hidden MSELoss | sigmoid output MSELoss
criterion = nn.MSELoss()
for epoch in range(10):
    criterion(clf(x), y).backward()

reg = nn.Sequential(nn.Linear(4, 1), nn.Sigmoid())  # expect: sigmoid output mse_loss
for epoch in range(10):
    nn.functional.mse_loss(reg(x[:4]), scores).backward()

disc = nn.Sequential(nn.Linear(4, 1), nn.Tanh())  # expect: tanh output mse_loss
real = torch.ones(10, 1)
for epoch in range(10):
    nn.functional.mse_loss(disc(x), real).backward()
