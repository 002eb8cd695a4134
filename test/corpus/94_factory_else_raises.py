import sys

import torch
import torch.nn as nn

# A factory that builds the model by a name given at run time and raises for any other name: where
# the model is used, the arm that built it ran, so its sigmoid into BCELoss is AL103 (the name
# chooses nothing: before, the branch on it left the loss undecided).


class FM(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.fc = nn.Linear(d, 1)

    def forward(self, x):
        return torch.sigmoid(self.fc(x).squeeze(1))  # expect: sigmoid output BCELoss


def get_model(name, d):
    if name == "fm":
        return FM(d)
    else:
        raise ValueError("unknown model name: " + name)


model = get_model(sys.argv[1], 8)
criterion = nn.BCELoss()
for x, t in []:
    criterion(model(x), t).backward()
