import torch
import torch.nn as nn
from torchvision import models


# Several backbones compared on one task, as benchmarking notebooks do: the models are built into a
# dict or a list and trained in turn by a loop, with the one loss of the script.
class MobileHead(nn.Module):
    def __init__(self):
        super().__init__()
        self.model = models.mobilenet_v3_small(weights="DEFAULT")
        self.model.classifier[3] = nn.Sequential(nn.Linear(1024, 1), nn.Sigmoid())  # expect: sigmoid output BCEWithLogitsLoss

    def forward(self, x):
        return self.model(x)


class SmallCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten())  # expect: relu hidden BCEWithLogitsLoss
        self.head = nn.Linear(8, 1)

    def forward(self, x):
        return self.head(self.features(x))


class TinyMlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Flatten(), nn.Linear(3 * 32 * 32, 10), nn.Softmax(dim=1))  # expect: softmax output CrossEntropyLoss

    def forward(self, x):
        return self.net(x)


def train_model(model, loader, criterion, optimizer, epochs=1):
    for _ in range(epochs):
        for images, labels in loader:
            optimizer.zero_grad()
            loss = criterion(model(images).squeeze(1), labels.float())
            loss.backward()
            optimizer.step()
    return model


def compare(loader):
    criterion = nn.BCEWithLogitsLoss()
    candidates = {"mobilenet": MobileHead(), "cnn": SmallCnn()}
    results = {}
    for name, model in candidates.items():
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        results[name] = train_model(model, loader, criterion, optimizer)
    return results


def multiclass(loader):
    criterion = nn.CrossEntropyLoss()
    for net in [TinyMlp()]:
        opt = torch.optim.SGD(net.parameters(), lr=0.1)
        for x, y in loader:
            opt.zero_grad()
            criterion(net(x), y).backward()
            opt.step()


def stack_of_layers(x):
    # layers listed to build one model: its hidden layers, not models of their own
    layers = [nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1)]  # expect: tanh hidden -
    model = nn.Sequential(*layers)
    return model(x)
