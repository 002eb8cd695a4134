import torch
from torch import nn
from torch.nn import functional as F

# A regression loss is symmetric: `F.mse_loss(torch.ones(4, 1), net(x))` gives the labels the code writes
# first and the prediction second (a course's perceptron exercise). The prediction is judged as in the
# usual order (AL105 with its 0/1-label advice). Another model's output given first is no label: silent.


class P(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 1)

    def forward(self, x):
        return torch.sigmoid(self.fc(x))  # expect: sigmoid output mse_loss


class Q(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 1)

    def forward(self, x):
        return torch.tanh(self.fc(x))  # expect: tanh output -


net = P()
teacher = Q()
x = torch.randn(4, 10)
loss = F.mse_loss(torch.ones(4, 1), net(x))
loss.backward()
F.mse_loss(net(x).detach(), teacher(x)).backward()
