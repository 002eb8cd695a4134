import torch
import torch.nn as nn
import torch.nn.functional as F

# A deep ensemble: five members kept in a list, trained in a loop that pairs each with its
# optimizer (`zip(models, opts)`) or numbers it (`enumerate`). Each member's softmax meets
# CrossEntropyLoss (AL101). The ModuleList of sigmoid members below is built and never called
# here (its members are run elsewhere): no role, so no hint that its sigmoid is a hidden layer.


class Member(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 3)

    def forward(self, x):
        return F.softmax(self.fc(x), dim=1)  # expect: softmax output CrossEntropyLoss


class Scorer(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 1)

    def forward(self, x):
        return torch.sigmoid(self.fc(x))  # expect: sigmoid - -


models = [Member() for _ in range(5)]
opts = [torch.optim.Adam(m.parameters()) for m in models]
crit = nn.CrossEntropyLoss()
for x, y in []:
    for model, opt in zip(models, opts):
        opt.zero_grad()
        crit(model(x), y).backward()
        opt.step()
    for i, model in enumerate(models):
        print(i, model(x).argmax(1))

scorers = nn.ModuleList([Scorer() for _ in range(5)])
