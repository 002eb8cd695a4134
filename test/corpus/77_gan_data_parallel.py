import argparse

import torch
import torch.nn as nn
import torch.optim as optim

# An older DCGAN layout: each network's forward hands its layers to
# nn.parallel.data_parallel(self.main, input, gpu_ids), which calls them on the input (split over
# the GPUs when there are several). What the layers end in is what the network returns.
parser = argparse.ArgumentParser()
parser.add_argument("--ngpu", type=int, default=1)
parser.add_argument("--nz", type=int, default=100)
opt = parser.parse_args()
ngpu, nz = opt.ngpu, opt.nz


class Generator(nn.Module):
    def __init__(self, ngpu):
        super().__init__()
        self.ngpu = ngpu
        self.main = nn.Sequential(
            nn.ConvTranspose2d(nz, 256, 4, 1, 0, bias=False),
            nn.BatchNorm2d(256),
            nn.ReLU(True),  # expect: relu hidden BCELoss
            nn.ConvTranspose2d(256, 3, 4, 2, 1, bias=False),
            nn.Tanh(),  # expect: tanh output -
        )

    def forward(self, input):
        gpu_ids = None
        if input.is_cuda and self.ngpu > 1:
            gpu_ids = range(self.ngpu)
        return nn.parallel.data_parallel(self.main, input, gpu_ids)


class Discriminator(nn.Module):
    def __init__(self, ngpu):
        super().__init__()
        self.ngpu = ngpu
        self.main = nn.Sequential(
            nn.Conv2d(3, 64, 4, 2, 1, bias=False),
            nn.LeakyReLU(0.2, inplace=True),  # expect: leaky_relu hidden BCELoss
            nn.Conv2d(64, 1, 4, 1, 0, bias=False),
            nn.Sigmoid(),  # expect: sigmoid output BCELoss
        )

    def forward(self, input):
        gpu_ids = None
        if input.is_cuda and self.ngpu > 1:
            gpu_ids = range(self.ngpu)
        output = nn.parallel.data_parallel(self.main, input, gpu_ids)
        return output.view(-1, 1)


class Critic(nn.Module):
    # a WGAN-style critic with logits, trained with BCEWithLogitsLoss: nothing to say
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(nn.Conv2d(3, 64, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(64, 1, 4, 1, 0))  # expect: leaky_relu hidden BCEWithLogitsLoss

    def forward(self, x):
        return nn.parallel.data_parallel(self.main, x).view(-1)


netG = Generator(ngpu)
netD = Discriminator(ngpu)
critic = Critic()
criterion = nn.BCELoss()
logit_loss = nn.BCEWithLogitsLoss()
optimizerD = optim.Adam(netD.parameters(), lr=0.0002, betas=(0.5, 0.999))
optimizerG = optim.Adam(netG.parameters(), lr=0.0002, betas=(0.5, 0.999))

for real, _ in dataloader:
    batch = real.size(0)
    netD.zero_grad()
    label = torch.full((batch, 1), 1.0)
    errD_real = criterion(netD(real), label)
    errD_real.backward()
    noise = torch.randn(batch, nz, 1, 1)
    fake = netG(noise)
    label.fill_(0.0)
    errD_fake = criterion(netD(fake.detach()), label)
    errD_fake.backward()
    optimizerD.step()
    netG.zero_grad()
    label.fill_(1.0)
    errG = criterion(netD(fake), label)
    errG.backward()
    optimizerG.step()
    logit_loss(critic(real), torch.ones(batch)).backward()
