import torch
import torch.nn as nn
import torch.nn.functional as F


class GatedAttention(nn.Module):
    def __init__(self, dim, heads=8):
        super().__init__()
        self.heads = heads
        self.scale = (dim // heads) ** -0.5
        self.to_qkv = nn.Linear(dim, dim * 3, bias=False)
        self.to_gates = nn.Sequential(nn.Linear(dim, heads), nn.Sigmoid())  # expect: sigmoid hidden - gate
        self.to_out = nn.Linear(dim, dim)

    def forward(self, x):
        q, k, v = self.to_qkv(x).chunk(3, dim=-1)
        attn = (q @ k.transpose(-1, -2)) * self.scale
        attn = attn.softmax(dim=-1)  # expect: softmax hidden -
        out = attn @ v
        gates = self.to_gates(x)
        out = out * gates
        return self.to_out(out)


class FeedForward(nn.Module):
    def __init__(self, dim, mult=4, last=False):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(dim, dim * mult),
            nn.GELU() if not last else nn.Identity(),  # expect: gelu hidden - | identity hidden -
            nn.Linear(dim * mult, dim),
        )

    def forward(self, x):
        return self.net(x)


class Transformer(nn.Module):
    def __init__(self, dim, depth):
        super().__init__()
        self.layers = nn.ModuleList([nn.ModuleList([GatedAttention(dim), FeedForward(dim, last=i == depth - 1)]) for i in range(depth)])
        self.norm = nn.LayerNorm(dim)
        self.to_latent = nn.Identity()

    def forward(self, x):
        for attn, ff in self.layers:
            x = attn(x) + x
            x = ff(x) + x
        return self.to_latent(self.norm(x))
