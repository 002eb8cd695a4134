import copy

import torch
import torch.nn as nn
import torch.nn.functional as F

# FedAvg as tutorials write it: the clients' models are deep copies of the global model kept in a
# list (built by a comprehension, or appended in a loop) and trained by a function that picks its
# model by index or iterates the list. The global MLP's softmax then meets cross_entropy (AL101).
# The trainer class below documents a parameter with a comment inside its parameter list; the
# comment is no parameter, and the model it is given still meets its CrossEntropyLoss (AL107 on the
# CNN's final ReLU).


class MLP(nn.Module):
    def __init__(self, n_in=784, n_out=10):
        super().__init__()
        self.fc1 = nn.Linear(n_in, 200)
        self.fc2 = nn.Linear(200, n_out)

    def forward(self, x):
        x = F.relu(self.fc1(x))  # expect: relu hidden cross_entropy
        return F.softmax(self.fc2(x), dim=1)  # expect: softmax output cross_entropy


class SmallCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3)
        self.fc = nn.Linear(4 * 26 * 26, 10)

    def forward(self, x):
        y = self.fc(torch.flatten(self.conv(x), 1))
        return F.relu(y)  # expect: relu output CrossEntropyLoss


def train_local_models(models, loader):
    for i, (x, y) in enumerate(loader):
        model = models[i % len(models)]
        loss = F.cross_entropy(model(x), y)
        loss.backward()


def local_rounds(clients, loader):
    for net in clients:
        for x, y in loader:
            F.cross_entropy(net(x), y).backward()


class Trainer:
    def __init__(
            self,
            device,  # the device the model is trained on
            model,
            lr=0.01):
        self.model = model.to(device)
        self.loss_function = nn.CrossEntropyLoss()
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=lr)

    def train_epoch(self, loader):
        for x, y in loader:
            self.optimizer.zero_grad()
            self.loss_function(self.model(x), y).backward()
            self.optimizer.step()


global_model = MLP()
models = [copy.deepcopy(global_model) for _ in range(10)]
train_local_models(models, [])

clients = []
for _ in range(4):
    clients.append(copy.deepcopy(global_model))
local_rounds(clients, [])

trainer = Trainer("cpu", SmallCNN())
trainer.train_epoch([])
