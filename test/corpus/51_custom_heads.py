# Hand-written activations in a small tabular model zoo: a logistic head written out by hand,
# a squashing module, swish and a squared sigmoid, each trained with the loss of its task.
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def logistic(z):
    return 1.0 / (1.0 + torch.exp(-z))


def swish(x, beta=1.0):
    return x * torch.sigmoid(beta * x)  # expect: sigmoid hidden BCELoss gate


def squared_sigmoid(x):
    return torch.sigmoid(x) ** 2  # expect: sigmoid output cross_entropy


quick_gelu = lambda x: x * torch.sigmoid(1.702 * x)  # expect: sigmoid - -


class Squash(nn.Module):
    def forward(self, x):
        return torch.exp(x) / (1 + torch.exp(x))


class ScaledTanh(nn.Module):
    def __init__(self, scale=2.0):
        super().__init__()
        self.scale = scale

    def forward(self, x):
        return self.scale * torch.tanh(x / self.scale)  # expect: tanh output mse_loss


class ClickModel(nn.Module):
    def __init__(self, n_in, hidden=64):
        super().__init__()
        self.fc1 = nn.Linear(n_in, hidden)
        self.fc2 = nn.Linear(hidden, 1)

    def forward(self, x):
        h = swish(self.fc1(x))
        return logistic(self.fc2(h))


class ChurnModel(nn.Module):
    def __init__(self, n_in):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(n_in, 32), nn.ReLU(), nn.Linear(32, 1))  # expect: relu hidden BCEWithLogitsLoss
        self.out_act = Squash()

    def forward(self, x):
        return self.out_act(self.body(x))


class PriceModel(nn.Module):
    def __init__(self, n_in):
        super().__init__()
        self.fc1 = nn.Linear(n_in, 32)
        self.fc2 = nn.Linear(32, 1)
        self.bound = ScaledTanh()

    def forward(self, x):
        h = quick_gelu(self.fc1(x))
        return self.bound(self.fc2(h))


class TopicModel(nn.Module):
    def __init__(self, n_in, n_classes):
        super().__init__()
        self.fc = nn.Linear(n_in, n_classes)

    def forward(self, x):
        return squared_sigmoid(self.fc(x))


def train_click(x, y):
    model = ClickModel(x.shape[1])
    loss = nn.BCELoss()(model(x), y)
    loss.backward()
    return loss


def train_churn(x, y):
    model = ChurnModel(x.shape[1])
    crit = nn.BCEWithLogitsLoss()
    loss = crit(model(x), y)
    loss.backward()
    return loss


def train_price(x, y):
    model = PriceModel(x.shape[1])
    loss = F.mse_loss(model(x), y)
    loss.backward()
    return loss


def train_topic(x, y):
    model = TopicModel(x.shape[1], 5)
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    return loss


def score(x, w):
    # a probability for a report: no loss, no model
    return logistic(x @ w)
