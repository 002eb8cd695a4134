import torch
import torch.nn as nn

# A classifier head ending in ReLU then Dropout: the Dropout gives the ReLU's values on, so the
# ReLU is the output CrossEntropyLoss judges (AL107). A discriminator whose layers are chosen by
# `if`/`elif` on the image size with no `else`: every arm sets self.main, so forward reads one of
# them, and both end in Sigmoid before BCELoss (AL103 on each). Where a default is set before the
# `if`, an arm may not run: silent. A VAE's ConvDecoder nothing here builds: its last sigmoid is the
# reconstruction, not a hidden layer (no AL401).


class Head(nn.Module):
    def __init__(self, d=128, n_classes=10):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(d, 64),
            nn.ReLU(),  # expect: relu hidden CrossEntropyLoss
            nn.Dropout(0.1),
            nn.Linear(64, n_classes),
            nn.ReLU(),  # expect: relu output CrossEntropyLoss
            nn.Dropout(0.1),
        )

    def forward(self, x):
        return self.layers(x)


class Discriminator(nn.Module):
    def __init__(self, img_size=32):
        super().__init__()
        if img_size < 64:
            self.main = nn.Sequential(nn.Linear(784, 1), nn.Sigmoid())  # expect: sigmoid output BCELoss
        elif img_size >= 64:
            self.main = nn.Sequential(nn.Linear(3136, 1), nn.Sigmoid())  # expect: sigmoid output BCELoss

    def forward(self, x):
        return self.main(x)


class Critic(nn.Module):
    def __init__(self, img_size=32):
        super().__init__()
        self.main = nn.Linear(784, 1)
        if img_size < 64:
            self.main = nn.Sequential(nn.Linear(784, 1), nn.Sigmoid())  # expect: sigmoid output -
        elif img_size >= 64:
            self.main = nn.Sequential(nn.Linear(3136, 1), nn.Sigmoid())  # expect: sigmoid output -

    def forward(self, x):
        return self.main(x)


class ConvDecoder(nn.Module):
    def __init__(self, latent_dim=8):
        super().__init__()
        self.fc = nn.Sequential(nn.Linear(latent_dim, 16), nn.ReLU())  # expect: relu hidden -
        self.up = nn.ConvTranspose2d(1, 1, 3)

    def forward(self, z):
        h = self.fc(z).reshape(-1, 1, 4, 4)
        return torch.sigmoid(self.up(h))  # expect: sigmoid output -


class GAN(nn.Module):
    def __init__(self, img_size=32):
        super().__init__()
        self.discriminator = Discriminator(img_size=img_size)
        self.critic = Critic(img_size=img_size)

    def train_model(self, loader):
        adversarial_loss = torch.nn.BCELoss()
        for x, _ in loader:
            real = torch.ones(x.size(0), 1)
            adversarial_loss(self.discriminator(x), real).backward()
            adversarial_loss(self.critic(x), real).backward()


head = Head()
criterion = nn.CrossEntropyLoss()
for x, y in []:
    criterion(head(x), y).backward()
