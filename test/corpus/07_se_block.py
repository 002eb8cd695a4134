import torch
import torch.nn as nn
import torch.nn.functional as F


class SqueezeExcite(nn.Module):
    def __init__(self, c, r=16):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Sequential(
            nn.Linear(c, c // r, bias=False),
            nn.ReLU(inplace=True),  # expect: relu hidden -
            nn.Linear(c // r, c, bias=False),
            nn.Sigmoid(),  # expect: sigmoid hidden - gate
        )

    def forward(self, x):
        b, c, _, _ = x.size()
        y = self.pool(x).view(b, c)
        y = self.fc(y).view(b, c, 1, 1)
        return x * y.expand_as(x)


class SEConv(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)
        self.se = SqueezeExcite(cout)
        self.act = nn.SiLU()  # expect: silu hidden -

    def forward(self, x):
        return self.act(self.se(self.conv(x)))


model = nn.Sequential(SEConv(3, 32), SEConv(32, 64), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10))
