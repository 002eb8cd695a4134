import torch
import torch.nn as nn
import torch.nn.functional as F


# The generator's image reaches BCELoss only through the discriminator: it feeds no loss itself.
class Gen(nn.Module):
    def __init__(self, nz=100, ngf=64):
        super().__init__()
        self.main = nn.Sequential(
            nn.ConvTranspose2d(nz, ngf * 4, 4, 1, 0, bias=False),
            nn.BatchNorm2d(ngf * 4),
            nn.ReLU(True),  # expect: relu hidden BCELoss
            nn.ConvTranspose2d(ngf * 4, 3, 4, 2, 1, bias=False),
            nn.Tanh(),  # expect: tanh output -
        )

    def forward(self, z):
        return self.main(z)


class Disc(nn.Module):
    def __init__(self, ndf=64):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(3, ndf, 4, 2, 1, bias=False),
            nn.LeakyReLU(0.2, inplace=True),  # expect: leaky_relu hidden BCELoss
            nn.Conv2d(ndf, 1, 4, 1, 0, bias=False),
            nn.Sigmoid(),  # expect: sigmoid output BCELoss
        )

    def forward(self, x):
        return self.main(x).view(-1, 1).squeeze(1)


netG = Gen()
netD = Disc()
criterion = nn.BCELoss()
for real in loader:
    fake = netG(torch.randn(64, 100, 1, 1))
    errD = criterion(netD(real), torch.ones(64)) + criterion(netD(fake.detach()), torch.zeros(64))
    errG = criterion(netD(fake), torch.ones(64))
