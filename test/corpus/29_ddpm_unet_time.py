import torch
import torch.nn as nn
import torch.nn.functional as F

import math


def timestep_embedding(t, dim):
    half = dim // 2
    freqs = torch.exp(-math.log(10000) * torch.arange(half) / half)
    args = t[:, None].float() * freqs[None]
    return torch.cat([torch.cos(args), torch.sin(args)], dim=-1)


class ResBlock(nn.Module):
    def __init__(self, c, tdim):
        super().__init__()
        self.norm1 = nn.GroupNorm(8, c)
        self.conv1 = nn.Conv2d(c, c, 3, padding=1)
        self.time = nn.Sequential(nn.SiLU(), nn.Linear(tdim, c))  # expect: silu hidden mse_loss
        self.norm2 = nn.GroupNorm(8, c)
        self.conv2 = nn.Conv2d(c, c, 3, padding=1)

    def forward(self, x, temb):
        h = self.conv1(F.silu(self.norm1(x)))  # expect: silu hidden mse_loss
        h = h + self.time(temb)[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))  # expect: silu hidden mse_loss
        return x + h


class Denoiser(nn.Module):
    def __init__(self, c=32, tdim=128):
        super().__init__()
        self.tdim = tdim
        self.temb = nn.Sequential(nn.Linear(tdim, tdim), nn.SiLU(), nn.Linear(tdim, tdim))  # expect: silu hidden mse_loss
        self.inp = nn.Conv2d(3, c, 3, padding=1)
        self.res = ResBlock(c, tdim)
        self.out = nn.Conv2d(c, 3, 3, padding=1)

    def forward(self, x, t):
        temb = self.temb(timestep_embedding(t, self.tdim))
        return self.out(self.res(self.inp(x), temb))


model = Denoiser()
noise = torch.randn_like(x0)
loss = F.mse_loss(model(xt, t), noise)
