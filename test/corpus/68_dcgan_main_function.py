"""A DCGAN on 64x64 images trained from a main() function: the models are built at its top, the
discriminator returns its sigmoid reshaped (the PyTorch example's view(-1, 1).squeeze(1)), and the
losses are the original paper's logs, written by hand in the loop far below."""
import argparse

import torch
import torch.nn as nn
import torch.optim as optim
import torchvision.utils as vutils
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

nz, ngf, ndf = 100, 64, 64


def weights_init(m):
    if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
        nn.init.normal_(m.weight, 0.0, 0.02)
    elif isinstance(m, nn.BatchNorm2d):
        nn.init.normal_(m.weight, 1.0, 0.02)
        nn.init.zeros_(m.bias)


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.ConvTranspose2d(nz, ngf * 8, 4, 1, 0, bias=False),
            nn.BatchNorm2d(ngf * 8),
            nn.ReLU(True),  # expect: relu hidden -
            nn.ConvTranspose2d(ngf * 8, ngf * 4, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ngf * 4),
            nn.ReLU(True),  # expect: relu hidden -
            nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ngf * 2),
            nn.ReLU(True),  # expect: relu hidden -
            nn.ConvTranspose2d(ngf * 2, 3, 4, 2, 1, bias=False),
            nn.Tanh(),  # expect: tanh output -
        )

    def forward(self, z):
        return self.main(z)


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(3, ndf, 4, 2, 1, bias=False),
            nn.LeakyReLU(0.2, inplace=True),  # expect: leaky_relu hidden -
            nn.Conv2d(ndf, ndf * 2, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ndf * 2),
            nn.LeakyReLU(0.2, inplace=True),  # expect: leaky_relu hidden -
            nn.Conv2d(ndf * 2, ndf * 4, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ndf * 4),
            nn.LeakyReLU(0.2, inplace=True),  # expect: leaky_relu hidden -
            nn.Conv2d(ndf * 4, 1, 4, 1, 0, bias=False),
            nn.Sigmoid(),  # expect: sigmoid output -
        )

    def forward(self, x):
        output = self.main(x)
        return output.view(-1, 1).squeeze(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dataroot", default="data")
    parser.add_argument("--epochs", type=int, default=25)
    parser.add_argument("--lr", type=float, default=2e-4)
    opt = parser.parse_args()
    device = "cuda" if torch.cuda.is_available() else "cpu"

    netG = Generator().to(device)
    netG.apply(weights_init)
    netD = Discriminator().to(device)
    netD.apply(weights_init)

    dataset = datasets.ImageFolder(
        opt.dataroot,
        transform=transforms.Compose([
            transforms.Resize(64),
            transforms.CenterCrop(64),
            transforms.ToTensor(),
            transforms.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5)),
        ]),
    )
    loader = DataLoader(dataset, batch_size=128, shuffle=True, num_workers=2)
    optimizerD = optim.Adam(netD.parameters(), lr=opt.lr, betas=(0.5, 0.999))
    optimizerG = optim.Adam(netG.parameters(), lr=opt.lr, betas=(0.5, 0.999))
    fixed_noise = torch.randn(64, nz, 1, 1, device=device)

    for epoch in range(opt.epochs):
        for i, (real, _) in enumerate(loader):
            real = real.to(device)
            noise = torch.randn(real.size(0), nz, 1, 1, device=device)
            fake = netG(noise)

            netD.zero_grad()
            errD = -torch.mean(torch.log(netD(real)) + torch.log(1 - netD(fake.detach())))
            errD.backward()
            optimizerD.step()

            netG.zero_grad()
            errG = -torch.mean(torch.log(netD(fake)))
            errG.backward()
            optimizerG.step()

            if i % 100 == 0:
                print(f"[{epoch}/{opt.epochs}][{i}/{len(loader)}] D {errD.item():.4f} G {errG.item():.4f}")
        with torch.no_grad():
            vutils.save_image(netG(fixed_noise).detach(), f"fake_{epoch:03d}.png", normalize=True)


if __name__ == "__main__":
    main()
