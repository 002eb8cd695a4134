import torch
import torch.nn as nn
import torch.nn.functional as F


def double_conv(cin, cout):
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, padding=1),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),  # expect: relu hidden BCEWithLogitsLoss
        nn.Conv2d(cout, cout, 3, padding=1),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),  # expect: relu hidden BCEWithLogitsLoss
    )


class UNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.down1 = double_conv(3, 32)
        self.down2 = double_conv(32, 64)
        self.up = nn.ConvTranspose2d(64, 32, 2, stride=2)
        self.dec = double_conv(64, 32)
        self.out = nn.Conv2d(32, 1, 1)

    def forward(self, x):
        d1 = self.down1(x)
        d2 = self.down2(F.max_pool2d(d1, 2))
        u = torch.cat([self.up(d2), d1], dim=1)
        return self.out(self.dec(u))


model = UNet()
criterion = nn.BCEWithLogitsLoss()
for img, mask in loader:
    logits = model(img)
    loss = criterion(logits, mask)
    probs = torch.sigmoid(logits)  # expect: sigmoid - -
    dice = (2 * (probs * mask).sum()) / (probs.sum() + mask.sum())
