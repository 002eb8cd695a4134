import numpy as np
import torch

# A popular course builds one Sigmoid module and applies it after every Linear, the last one into
# BCELoss. The same module is then both a hidden layer's activation (AL401's hint) and the output
# into BCELoss (AL103). Neither fix can be offered: replacing the module with ReLU would put ReLU
# before BCELoss, removing it would leave the hidden layers linear. The output needs a module of its own.

xy = np.zeros((10, 9), dtype=np.float32)
x_data = torch.from_numpy(xy[:, :-1])
y_data = torch.from_numpy(xy[:, [-1]])


class Model(torch.nn.Module):
    def __init__(self):
        super(Model, self).__init__()
        self.linear1 = torch.nn.Linear(8, 6)
        self.linear2 = torch.nn.Linear(6, 4)
        self.linear3 = torch.nn.Linear(4, 1)
        self.sigmoid = torch.nn.Sigmoid()  # expect: sigmoid output BCELoss

    def forward(self, x):
        x = self.sigmoid(self.linear1(x))
        x = self.sigmoid(self.linear2(x))
        x = self.sigmoid(self.linear3(x))
        return x


model = Model()
criterion = torch.nn.BCELoss(reduction="mean")
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for epoch in range(100):
    y_pred = model(x_data)
    loss = criterion(y_pred, y_data)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()


class Regressor(torch.nn.Module):
    # one ReLU module between the layers, a linear output: only hidden uses, nothing to say
    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(8, 16)
        self.fc2 = torch.nn.Linear(16, 16)
        self.out = torch.nn.Linear(16, 1)
        self.act = torch.nn.ReLU()  # expect: relu hidden MSELoss

    def forward(self, x):
        return self.out(self.act(self.fc2(self.act(self.fc1(x)))))


reg = Regressor()
mse = torch.nn.MSELoss()
for x, y in []:
    mse(reg(x), y).backward()
