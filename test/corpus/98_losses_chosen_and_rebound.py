import torch
import torch.nn as nn
import torch.nn.functional as F

# A loss chosen by a conditional expression, and a loss module whose name the loss value takes
# over (`loss = loss(out, y)`). Both arms of `BCEWithLogitsLoss() if n_classes == 1 else
# CrossEntropyLoss()` expect raw logits, so a sigmoid before either is wrong whichever runs (AL107,
# named by the else arm); arms expecting different inputs leave the loss unknown (silent). The
# right side of `loss = loss(out, y)` still reads the module (AL101).


class SegNet(nn.Module):
    def __init__(self, n_classes=3):
        super().__init__()
        self.n_classes = n_classes
        self.conv = nn.Conv2d(3, n_classes, 1)

    def forward(self, x):
        return torch.sigmoid(self.conv(x))  # expect: sigmoid output CrossEntropyLoss


class Tagger(nn.Module):
    def __init__(self, n_tags):
        super().__init__()
        self.fc = nn.Linear(32, n_tags)

    def forward(self, x):
        return torch.sigmoid(self.fc(x))  # expect: sigmoid output -


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(32, 5)

    def forward(self, x):
        return F.softmax(self.fc(x), dim=1)  # expect: softmax output CrossEntropyLoss


def train_seg(loader, n_classes=3):
    model = SegNet(n_classes)
    criterion = nn.BCEWithLogitsLoss() if model.n_classes == 1 else nn.CrossEntropyLoss()
    for x, y in loader:
        criterion(model(x), y).backward()


def train_tagger(loader, multi_label):
    model = Tagger(10)
    criterion = nn.BCELoss() if multi_label else nn.CrossEntropyLoss()
    for x, y in loader:
        criterion(model(x), y).backward()


def train_classifier(loader):
    model = Classifier()
    loss = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for x, y in loader:
        opt.zero_grad()
        out = model(x)
        loss = loss(out, y)
        loss.backward()
        opt.step()
