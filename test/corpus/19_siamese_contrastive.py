import torch
import torch.nn as nn
import torch.nn.functional as F


class SiameseNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.cnn = nn.Sequential(
            nn.Conv2d(1, 32, 5), nn.PReLU(),  # expect: prelu hidden -
            nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 5), nn.PReLU(),  # expect: prelu hidden -
            nn.MaxPool2d(2),
            nn.Flatten(),
            nn.Linear(1024, 2),
        )

    def forward(self, a, b):
        return self.cnn(a), self.cnn(b)


class ContrastiveLoss(nn.Module):
    def __init__(self, margin=2.0):
        super().__init__()
        self.margin = margin

    def forward(self, o1, o2, label):
        d = F.pairwise_distance(o1, o2)
        return torch.mean((1 - label) * d.pow(2) + label * F.relu(self.margin - d).pow(2))  # expect: relu - -


net = SiameseNet()
criterion = ContrastiveLoss()
for x0, x1, label in loader:
    out1, out2 = net(x0, x1)
    loss = criterion(out1, out2, label)
    loss.backward()
