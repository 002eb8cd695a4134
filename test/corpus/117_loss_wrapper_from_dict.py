import torch
import torch.nn as nn

# A segmentation script whose losses are classes of its own wrapping PyTorch's, picked from a
# dict by name and moved to the device. The wrapper passes the prediction as it is to BCELoss,
# so the network's final sigmoid is judged by BCELoss (AL103), also when the wrapper is moved.
# The Dice loss reads probabilities on purpose: not a wrapper of one PyTorch loss.


class TinySegNet(nn.Module):
    def __init__(self, channels=3):
        super().__init__()
        self.enc = nn.Conv2d(channels, 16, 3, padding=1)
        self.act = nn.ReLU(inplace=True)  # expect: relu hidden BCELoss
        self.head = nn.Conv2d(16, 1, 1)
        self.out = nn.Sigmoid()  # expect: sigmoid output BCELoss

    def forward(self, x):
        return self.out(self.head(self.act(self.enc(x))))


class PixelBCE(nn.Module):
    def __init__(self):
        super().__init__()
        self.bce = nn.BCELoss()

    def forward(self, predict, target):
        return self.bce(predict, target)


class SoftDice(nn.Module):
    def forward(self, predict, target, eps=1.0):
        inter = (predict * target).sum()
        return 1 - (2 * inter + eps) / (predict.sum() + target.sum() + eps)


device = "cuda" if torch.cuda.is_available() else "cpu"
net = TinySegNet().to(device)
criteria = {"bce": PixelBCE(), "dice": SoftDice()}
criterion = criteria["bce"].to(device)
optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
for images, masks in []:
    images, masks = images.to(device), masks.to(device)
    loss = criterion(net(images), masks)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
