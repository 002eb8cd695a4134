import torch
import torch.nn as nn
import torch.nn.functional as F

# A click-through model ending in softmax, scored by an evaluation helper that takes the log of its
# output. The helper is called from the training step (with the step's own `model` parameter) and
# from the training driver (with the model it built): every call hands it a ClickNet, so the log is
# of softmax probabilities (AL301, named by the class). The training step's own log keeps an epsilon
# (silent), and a helper also handed a model of another class says nothing.


class ClickNet(nn.Module):
    def __init__(self, n_in):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(n_in, 32), nn.ReLU(), nn.Linear(32, 2))  # expect: relu hidden -

    def forward(self, x):
        return F.softmax(self.mlp(x), dim=-1)  # expect: softmax output -


class Scorer(nn.Module):
    def __init__(self, n_in):
        super().__init__()
        self.fc = nn.Linear(n_in, 2)

    def forward(self, x):
        return self.fc(x)


def evaluate(model, x, target):
    prob = model(x)
    return -torch.mean(torch.log(prob) * target)


def log_score(model, x):
    return torch.log(model(x)).mean()


def train_one_epoch(model, opt, x, target):
    opt.zero_grad()
    y_hat = model(x) + 1e-8
    loss = -torch.mean(torch.log(y_hat) * target)
    loss.backward()
    opt.step()
    print("val", evaluate(model, x, target).item())
    print("score", log_score(model, x).item())


def train():
    model = ClickNet(16)
    opt = torch.optim.Adam(model.parameters())
    x = torch.randn(8, 16)
    target = F.one_hot(torch.randint(0, 2, (8,)), 2).float()
    print("before", evaluate(model, x, target).item())
    for _ in range(3):
        train_one_epoch(model, opt, x, target)
    print(log_score(Scorer(16), x))


train()
