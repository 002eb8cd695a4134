import torch
import torch.nn as nn
from torch.utils.data import DataLoader


# A tabular classifier trained by a small trainer class (no nn.Module): the model is built and
# called inside the trainer's methods, stored on `self`. Its output is still the model's output.
class ChurnScorer(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.fc_in = nn.Linear(n_features, 48)
        self.fc_mid = nn.Linear(48, 24)
        self.head = nn.Linear(24, 1)
        self.act = nn.ReLU()  # expect: relu hidden BCELoss
        self.drop = nn.Dropout(0.25)
        self.squash = nn.Sigmoid()  # expect: sigmoid output BCELoss

    def forward(self, x):
        x = self.drop(self.act(self.fc_in(x)))
        x = self.act(self.fc_mid(x))
        return self.squash(self.head(x))


class Trainer:
    def __init__(self, dataset, epochs=20):
        self.loader = DataLoader(dataset, batch_size=64, shuffle=True)
        self.epochs = epochs
        self.net = None

    def fit(self, n_features):
        self.net = ChurnScorer(n_features)
        loss_fn = nn.BCELoss()
        opt = torch.optim.Adam(self.net.parameters(), lr=3e-4)
        for _ in range(self.epochs):
            for xb, yb in self.loader:
                opt.zero_grad()
                loss = loss_fn(self.net(xb), yb)
                loss.backward()
                opt.step()

    @torch.no_grad()
    def predict(self, xb):
        return (self.net(xb) > 0.5).long()


# The same shape with a local model inside a method, and the logits kept for BCEWithLogitsLoss.
class Regressor(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(n, 32), nn.Tanh(), nn.Linear(32, 1))  # expect: tanh hidden mse_loss

    def forward(self, x):
        return self.body(x)


class Experiment:
    def run(self, loader, n):
        model = Regressor(n)
        opt = torch.optim.SGD(model.parameters(), lr=0.01)
        for xb, yb in loader:
            pred = model(xb)
            loss = nn.functional.mse_loss(pred, yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
