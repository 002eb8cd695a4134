import torch
import torch.nn as nn

# Ratings from 1 to 5 predicted as `sigmoid * 4 + 1` (fastai's sigmoid_range): the code chose the
# range for its targets, so AL105 does not say the sigmoid bounds them to (0, 1); multiplying by
# 1.0 moves nothing, and AL105 stays. numpy's `axis=` is PyTorch's `dim=` for torch.softmax and
# sum; a device helper that returns its tensor is no activation; a REINFORCE loss written as a
# helper logs the picked, squeezed probabilities.

USE_GPU = False


def create_tensor(tensor):
    if USE_GPU:
        device = torch.device("cuda:0")
        tensor = tensor.to(device)
    return tensor


def softmax(X):
    X_exp = torch.exp(X)
    partition = X_exp.sum(axis=1, keepdim=True)
    return X_exp / partition


def loss_fn(preds, r):
    return -1 * torch.sum(r * torch.log(preds))


class RatingNet(nn.Module):
    def __init__(self, n_users, n_items, d=32):
        super().__init__()
        self.u = nn.Embedding(n_users, d)
        self.i = nn.Embedding(n_items, d)

    def forward(self, users, items):
        x = (self.u(users) * self.i(items)).sum(1)
        return torch.sigmoid(x) * 4 + 1  # expect: sigmoid output MSELoss


class UnitScaled(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 1)

    def forward(self, x):
        return torch.sigmoid(self.fc(x)) * 1.0  # expect: sigmoid output MSELoss


model, unit = RatingNet(10, 10), UnitScaled()
policy = nn.Linear(4, 2)
crit = nn.MSELoss()
for users, items, ratings, x, y, s, a, returns in []:
    crit(model(users, items), ratings).backward()
    crit(unit(x), y).backward()
    probs = torch.softmax(policy(s), axis=1)  # expect: softmax - -
    picked = probs.gather(1, a).squeeze()
    loss_fn(picked, returns).backward()
    scores = torch.log_softmax(policy(create_tensor(s)), axis=-1)  # expect: log_softmax - -
