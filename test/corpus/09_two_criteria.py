import torch
import torch.nn as nn
import torch.nn.functional as F


class BinaryProbs(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(d, 16), nn.ReLU(), nn.Linear(16, 1), nn.Sigmoid())  # expect: relu hidden BCELoss | sigmoid output BCELoss
        self.criterion = nn.BCELoss()

    def forward(self, x):
        return self.net(x)

    def training_step(self, x, y):
        return self.criterion(self(x), y)


class BinaryLogits(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(d, 16), nn.ReLU(), nn.Linear(16, 1), nn.Sigmoid())  # expect: relu hidden BCEWithLogitsLoss | sigmoid output BCEWithLogitsLoss
        self.criterion = nn.BCEWithLogitsLoss()

    def forward(self, x):
        return self.net(x)

    def training_step(self, x, y):
        return self.criterion(self(x), y)
