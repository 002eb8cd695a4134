import torch
import torch.nn as nn

# Losses the caller injects: a LightningModule-style class keeps the criterion its constructor is
# given, and a training function takes `loss_fn` as a parameter. Nothing in this file says which
# loss they are, so the sigmoid the value goes through before them is the model's output, not a
# hidden layer (no AL401), and no loss rule can speak (silent). A module injected the same way and
# called with the one tensor is a layer: the sigmoid before it is hidden (AL401).


class Regressor(nn.Module):
    def __init__(self, criterion, lr=1e-3):
        super().__init__()
        self.criterion = criterion
        self.lr = lr
        self.fc = nn.Linear(6, 1)

    def forward(self, x):
        x = torch.sigmoid(self.fc(x))  # expect: sigmoid output -
        return x

    def training_step(self, batch, batch_idx):
        x, y = batch
        y_hat = self.forward(x)
        return self.criterion(y_hat, y)


def fit(net, loss_fn, loader, opt):
    for x, y in loader:
        opt.zero_grad()
        h = torch.sigmoid(net(x))  # expect: sigmoid - -
        loss_fn(h, y).backward()
        opt.step()


class Wrapped(nn.Module):
    def __init__(self, block):
        super().__init__()
        self.fc = nn.Linear(8, 8)
        self.block = block

    def forward(self, x):
        return self.block(torch.sigmoid(self.fc(x)))  # expect: sigmoid hidden -
