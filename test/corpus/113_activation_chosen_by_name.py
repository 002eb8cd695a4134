import torch
import torch.nn as nn

# A CTR-style library: the hidden activation of its MLP picked by name through a helper. The
# helper's arms are built only where a construction asks for them: the one tower here keeps the
# default "relu", so the sigmoid and tanh arms are never built and have no role (no AL401 on a
# sigmoid nothing asks for). The model's own sigmoid is its output, into BCELoss (AL103).


def act_func(activation):
    if activation.lower() == "relu":
        return nn.ReLU()  # expect: relu hidden BCELoss
    elif activation.lower() == "sigmoid":
        return nn.Sigmoid()  # expect: sigmoid - -
    elif activation.lower() == "tanh":
        return nn.Tanh()  # expect: tanh - -
    raise ValueError(activation)


class MLP(nn.Module):
    def __init__(self, units, activation="relu", dropout=0.0):
        super().__init__()
        self.dnn = nn.Sequential()
        for i in range(len(units) - 1):
            self.dnn.add_module(f"linear_{i}", nn.Linear(units[i], units[i + 1]))
            self.dnn.add_module(f"act_{i}", act_func(activation))
        if dropout > 0:
            self.dnn.add_module("dropout", nn.Dropout(dropout))

    def forward(self, x):
        return self.dnn(x)


class DeepCTR(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.tower = MLP([n_features, 64, 32])
        self.out = nn.Linear(32, 1)

    def forward(self, x):
        return torch.sigmoid(self.out(self.tower(x)))  # expect: sigmoid output BCELoss


model = DeepCTR(40)
criterion = nn.BCELoss()
for x, y in []:
    loss = criterion(model(x).squeeze(1), y)
    loss.backward()
