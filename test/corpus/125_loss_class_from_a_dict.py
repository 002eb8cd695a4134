import torch
from torch import nn

# A federated-learning trainer picks its loss class by name from a dict and builds it
# (`LOSS_MAPPING[name]()`). With the name written as a literal, or with a dict holding one loss,
# the loss is CrossEntropyLoss, and the classifier's softmax meets it (AL101). A dict of two losses
# looked up by a name read at run time says no single loss: the regressor's tanh stays unjudged.

LOSS_MAPPING = {"CrossEntropyLoss": nn.CrossEntropyLoss}
REGRESSION_LOSSES = {"mse": nn.MSELoss, "l1": nn.L1Loss}


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 3)

    def forward(self, x):
        return torch.softmax(self.fc(x), dim=1)  # expect: softmax output CrossEntropyLoss


class Regressor(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 1)

    def forward(self, x):
        return torch.tanh(self.fc(x))  # expect: tanh output -


def train(args, loader):
    clf = Classifier()
    reg = Regressor()
    criterion = LOSS_MAPPING["CrossEntropyLoss"]()
    regression = REGRESSION_LOSSES[args.loss]()
    for x, y, t in loader:
        criterion(clf(x), y).backward()
        regression(reg(x), t).backward()
