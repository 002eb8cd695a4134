import torch
import torch.nn as nn
import torch.nn.functional as F

# NLLLoss after log_softmax is CrossEntropyLoss written in two steps, so what comes before the
# log_softmax must be the raw class scores. A ReLU there zeroes every negative score (and its
# gradient), a sigmoid squeezes them into (0, 1): the same distortion AL107 reports before
# CrossEntropyLoss. A ReLU between layers, or log_softmax on a linear layer's scores, is fine.


class TitanicNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(7, 16)
        self.fc2 = nn.Linear(16, 2)

    def forward(self, x):
        x = F.relu(self.fc1(x))  # expect: relu hidden NLLLoss
        x = F.relu(self.fc2(x))  # expect: relu output NLLLoss
        return F.log_softmax(x, dim=1)  # expect: log_softmax output NLLLoss


class SquashedScores(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(20, 5)

    def forward(self, x):
        return F.log_softmax(torch.sigmoid(self.fc(x)), dim=-1)  # expect: log_softmax output nll_loss | sigmoid output nll_loss


class MnistNet(nn.Module):
    # the pytorch/examples shape: ReLU between layers, log_softmax on the last layer's scores
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.relu(self.fc1(x))  # expect: relu hidden nll_loss
        x = F.dropout(x, 0.25, self.training)
        return F.log_softmax(self.fc2(x), dim=1)  # expect: log_softmax output nll_loss


titanic, squashed, mnist = TitanicNet(), SquashedScores(), MnistNet()
criterion = nn.NLLLoss()
for x, y in []:
    criterion(titanic(x), y).backward()
for x, y in []:
    F.nll_loss(squashed(x), y).backward()
    F.nll_loss(mnist(x), y).backward()
