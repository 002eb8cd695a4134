import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.autograd import Variable

# A relation network scores each (query, class) pair with a sigmoid and fits the scores to one-hot
# rows with MSELoss, the labels written by scattering ones into zeros (wrapped in a Variable, as
# PyTorch 0.3 code does) or by F.one_hot: 0/1 labels, so AL105 gives its binary-classification
# advice. The regressor fits real-valued targets: AL105's range advice.


class RelationNetwork(nn.Module):
    def __init__(self, d=64, h=8):
        super().__init__()
        self.fc1 = nn.Linear(d, h)
        self.fc2 = nn.Linear(h, 1)

    def forward(self, x):
        out = F.relu(self.fc1(x))  # expect: relu hidden MSELoss
        return torch.sigmoid(self.fc2(out))  # expect: sigmoid output MSELoss


class Scorer(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(16, 5)

    def forward(self, x):
        return torch.sigmoid(self.fc(x))  # expect: sigmoid output MSELoss


class Regressor(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(16, 1)

    def forward(self, x):
        return torch.tanh(self.fc(x))  # expect: tanh output MSELoss


relation = RelationNetwork()
scorer = Scorer()
regressor = Regressor()
mse = nn.MSELoss()
for pairs, labels, feats, y, prices in []:
    relations = relation(pairs).view(-1, 5)
    one_hot_labels = Variable(torch.zeros(labels.size(0), 5).scatter_(1, labels.view(-1, 1), 1))
    mse(relations, one_hot_labels).backward()
    mse(scorer(feats), F.one_hot(y, num_classes=5).float()).backward()
    mse(regressor(feats), prices).backward()
