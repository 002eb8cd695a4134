import torch
import torch.nn as nn
import torch.nn.functional as F


class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(784, 512),
            nn.LeakyReLU(0.2),  # expect: leaky_relu hidden -
            nn.Linear(512, 1),
        )

    def forward(self, x):
        return self.net(x.view(x.size(0), -1))


class Generator(nn.Module):
    def __init__(self, z=64):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(z, 256),
            nn.ReLU(True),  # expect: relu hidden -
            nn.Linear(256, 784),
            nn.Tanh(),  # expect: tanh output -
        )

    def forward(self, z):
        return self.net(z).view(-1, 1, 28, 28)


G, D = Generator(), Critic()
for real in loader:
    fake = G(torch.randn(real.size(0), 64))
    d_loss = D(fake.detach()).mean() - D(real).mean()
    d_loss.backward()
