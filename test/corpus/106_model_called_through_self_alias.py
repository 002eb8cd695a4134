import torch
import torch.nn as nn
import torch.nn.functional as F

# A recommender that trains itself: its fit method calls the model through `net = self.train()`
# (Module.train gives the module back). The sigmoid output reaches BCE there (AL103). A name bound
# again before the call (`net = self.teacher`) is not the model.


class FM(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.lin = nn.Linear(d, 1)
        self.out = nn.Sigmoid()  # expect: sigmoid output binary_cross_entropy

    def forward(self, x):
        return self.out(self.lin(x))

    def fit(self, loader, lr):
        net = self.train()
        loss_func = F.binary_cross_entropy
        optim = torch.optim.SGD(self.parameters(), lr=lr)
        for x, y in loader:
            y_pred = net(x).squeeze()
            optim.zero_grad()
            loss = loss_func(y_pred, y)
            loss.backward()
            optim.step()


class Student(nn.Module):
    def __init__(self, d, teacher):
        super().__init__()
        self.lin = nn.Linear(d, 1)
        self.teacher = teacher

    def forward(self, x):
        return torch.tanh(self.lin(x))  # expect: tanh output -

    def distil(self, x):
        net = self.eval()
        net = self.teacher
        return F.mse_loss(torch.sigmoid(net(x)), x)  # expect: sigmoid - mse_loss
