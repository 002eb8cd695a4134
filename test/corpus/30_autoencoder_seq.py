import torch
import torch.nn as nn
import torch.nn.functional as F


class AutoEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Linear(784, 128), nn.ReLU(),  # expect: relu hidden MSELoss
            nn.Linear(128, 32), nn.ReLU(),  # expect: relu hidden MSELoss
        )
        self.decoder = nn.Sequential(
            nn.Linear(32, 128), nn.ReLU(),  # expect: relu hidden MSELoss
            nn.Linear(128, 784), nn.Sigmoid(),  # expect: sigmoid output MSELoss
        )

    def forward(self, x):
        encoded = self.encoder(x)
        decoded = self.decoder(encoded)
        return encoded, decoded


autoencoder = AutoEncoder()
loss_func = nn.MSELoss()
for x in loader:
    encoded, decoded = autoencoder(x)
    loss = loss_func(decoded, x)
    loss.backward()
