import torch
import torch.nn as nn
import torch.nn.functional as F


class NeRF(nn.Module):
    def __init__(self, d=8, w=256, in_ch=63):
        super().__init__()
        self.pts = nn.ModuleList([nn.Linear(in_ch, w)] + [nn.Linear(w, w) for _ in range(d - 1)])
        self.alpha = nn.Linear(w, 1)
        self.rgb = nn.Linear(w, 3)

    def forward(self, x):
        h = x
        for layer in self.pts:
            h = F.relu(layer(h))  # expect: relu hidden mse_loss
        sigma = F.relu(self.alpha(h))  # expect: relu output mse_loss
        rgb = torch.sigmoid(self.rgb(h))  # expect: sigmoid output mse_loss
        return torch.cat([rgb, sigma], -1)


model = NeRF()
raw = model(pts)
loss = F.mse_loss(raw[..., :3], target_rgb)
