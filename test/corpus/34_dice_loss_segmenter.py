import torch
import torch.nn as nn
import torch.nn.functional as F


class DiceLoss(nn.Module):
    def __init__(self, smooth=1.0):
        super().__init__()
        self.smooth = smooth

    def forward(self, logits, target):
        probs = torch.sigmoid(logits)  # expect: sigmoid - -
        inter = (probs * target).sum()
        return 1 - (2 * inter + self.smooth) / (probs.sum() + target.sum() + self.smooth)


class Segmenter(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(inplace=True))  # expect: relu hidden -
        self.head = nn.Conv2d(16, 1, 1)

    def forward(self, x):
        return self.head(self.enc(x))


model = Segmenter()
dice = DiceLoss()
for img, mask in loader:
    loss = dice(model(img), mask)
    loss.backward()
