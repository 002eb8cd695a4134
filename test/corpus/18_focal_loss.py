import torch
import torch.nn as nn
import torch.nn.functional as F


class FocalLoss(nn.Module):
    def __init__(self, gamma=2.0):
        super().__init__()
        self.gamma = gamma

    def forward(self, logits, targets):
        p = torch.sigmoid(logits)  # expect: sigmoid - -
        ce = F.binary_cross_entropy_with_logits(logits, targets, reduction="none")
        p_t = p * targets + (1 - p) * (1 - targets)
        return (ce * (1 - p_t) ** self.gamma).mean()


class Detector(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Sequential(nn.Conv2d(3, 16, 3), nn.ReLU(), nn.Conv2d(16, 9, 1))  # expect: relu hidden binary_cross_entropy_with_logits

    def forward(self, x):
        return self.backbone(x)


model = Detector()
loss_fn = FocalLoss()
loss = loss_fn(model(images), targets)
loss.backward()
