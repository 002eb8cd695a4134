"""Binary classifier: a small MLP on tabular features.

Hidden layers use ReLU; the output layer is a single Sigmoid unit, trained with BCELoss.
"""
import torch
from torch import nn

torch.manual_seed(0)

model = nn.Sequential(
    nn.Linear(20, 64),
    nn.ReLU(),
    nn.Linear(64, 32),
    nn.ReLU(),
    nn.Linear(32, 1),
    nn.Sigmoid(),
)
loss_fn = nn.BCELoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

# Synthetic data: the label is whether the first five features sum to a positive number.
features = torch.randn(512, 20)
labels = (features[:, :5].sum(dim=1, keepdim=True) > 0).float()

for epoch in range(20):
    optimizer.zero_grad()
    probs = model(features)
    loss = loss_fn(probs, labels)
    loss.backward()
    optimizer.step()
    if epoch % 5 == 0:
        accuracy = ((probs > 0.5).float() == labels).float().mean()
        print(f"epoch {epoch:2d}  loss {loss.item():.4f}  accuracy {accuracy.item():.2%}")
