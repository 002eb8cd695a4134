import torch
import torch.nn as nn
import torch.nn.functional as F


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(256, 120)
        self.fc2 = nn.Linear(120, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)  # expect: relu hidden nll_loss
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)  # expect: relu hidden nll_loss
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))  # expect: relu hidden nll_loss
        x = self.fc2(x)
        output = F.log_softmax(x, dim=1)  # expect: log_softmax output nll_loss
        return output


def train(model, loader, optimizer):
    model.train()
    for data, target in loader:
        optimizer.zero_grad()
        loss = F.nll_loss(model(data), target)
        loss.backward()
        optimizer.step()


def test(model, loader):
    correct = 0
    with torch.no_grad():
        for data, target in loader:
            pred = model(data).argmax(dim=1, keepdim=True)
            correct += pred.eq(target.view_as(pred)).sum().item()
    return correct


model = LeNet()
train(model, train_loader, torch.optim.SGD(model.parameters(), lr=0.01))
