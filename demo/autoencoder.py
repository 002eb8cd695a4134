"""Autoencoder: MNIST-sized images squeezed to 32 numbers and rebuilt.

The decoder ends in nn.Sigmoid and the loss is mean squared error, yet this is no regression with
a bounded output: MSELoss compares the reconstruction with the model's own input, whose pixels lie
in [0, 1] (what torchvision's ToTensor gives). Hover the Sigmoid: the advice says so, and nothing is
reported in the Problems panel.
"""
import torch
from torch import nn


class Autoencoder(nn.Module):
    def __init__(self, code: int = 32):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(28 * 28, 128), nn.ReLU(), nn.Linear(128, code))
        self.decoder = nn.Sequential(nn.Linear(code, 128), nn.ReLU(), nn.Linear(128, 28 * 28), nn.Sigmoid())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.decoder(self.encoder(x))


images = torch.rand(64, 28 * 28)  # stand-in for a batch of ToTensor() pixels in [0, 1]

model = Autoencoder()
criterion = nn.MSELoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

for step in range(200):
    recon = model(images)
    loss = criterion(recon, images)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

print(f"reconstruction MSE: {loss.item():.4f}")
