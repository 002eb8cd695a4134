import torch
import torch.nn as nn
import torch.nn.functional as F

from functools import partial


class Mlp(nn.Module):
    def __init__(self, dim, hidden, act_layer=nn.GELU, drop=0.0):  # expect: gelu hidden -
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.act = act_layer()
        self.drop = nn.Dropout(drop)
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x):
        x = self.fc1(x)
        x = self.act(x)
        x = self.drop(x)
        return self.fc2(x)


class Block(nn.Module):
    def __init__(self, dim, act_layer=nn.GELU, norm_layer=nn.LayerNorm):  # expect: gelu hidden -
        super().__init__()
        self.norm = norm_layer(dim)
        self.mlp = Mlp(dim, dim * 4, act_layer=act_layer)

    def forward(self, x):
        return x + self.mlp(self.norm(x))


class VisionTransformer(nn.Module):
    def __init__(self, dim=192, depth=4, num_classes=10):
        super().__init__()
        act = partial(nn.GELU, approximate="tanh")  # expect: gelu hidden -
        self.blocks = nn.Sequential(*[Block(dim, act_layer=act) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, num_classes) if num_classes > 0 else nn.Identity()

    def forward(self, x):
        x = self.norm(self.blocks(x))
        return self.head(x[:, 0])
