import torch
import torch.nn as nn

# Image-to-image GANs end their generator in Tanh (images normalised to [-1, 1]) and train it with a
# discriminator's loss plus an L1 term against the real image (Pix2Pix), or against the input after a
# round trip through a second generator (CycleGAN's cycle). The output is an image another network
# judges, in the data's range: the bounded output is the convention, not a regression's limit.


class UNetGenerator(nn.Module):
    def __init__(self):
        super().__init__()
        self.down = nn.Sequential(nn.Conv2d(3, 64, 4, 2, 1), nn.LeakyReLU(0.2))  # expect: leaky_relu hidden BCEWithLogitsLoss
        self.up = nn.Sequential(nn.ConvTranspose2d(64, 3, 4, 2, 1), nn.Tanh())  # expect: tanh output L1Loss

    def forward(self, x):
        return self.up(self.down(x))


class PatchDiscriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(6, 64, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(64, 1, 4, 1, 1))  # expect: leaky_relu hidden BCEWithLogitsLoss

    def forward(self, x, y):
        return self.net(torch.cat([x, y], dim=1))


gen, disc = UNetGenerator(), PatchDiscriminator()
bce, l1 = nn.BCEWithLogitsLoss(), nn.L1Loss()
opt_g = torch.optim.Adam(gen.parameters(), lr=2e-4, betas=(0.5, 0.999))
for x, y in []:
    y_fake = gen(x)
    d_fake = disc(x, y_fake)
    g_loss = bce(d_fake, torch.ones_like(d_fake)) + 100 * l1(y_fake, y)
    opt_g.zero_grad()
    g_loss.backward()
    opt_g.step()


class ResnetGenerator(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 32, 7, padding=3), nn.ReLU(), nn.Conv2d(32, 3, 7, padding=3), nn.Tanh())  # expect: relu hidden L1Loss | tanh output L1Loss

    def forward(self, x):
        return self.body(x)


g_ab, g_ba = ResnetGenerator(), ResnetGenerator()
cycle_loss = nn.L1Loss()
for real_a in []:
    fake_b = g_ab(real_a)
    rec_a = g_ba(fake_b)
    (10.0 * cycle_loss(rec_a, real_a)).backward()
