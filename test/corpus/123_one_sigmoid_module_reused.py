import torch

# A course's XOR network: one nn.Sigmoid() object is placed after every Linear of the Sequential,
# between layers and at the output, and BCELoss judges the output. Its output use is AL103 (with
# no fix: removing it would remove the hidden ones too) and its hidden uses are AL401's. The
# second network builds a fresh Sigmoid for its output only: AL103 alone, with its fix.

X = torch.FloatTensor([[0, 0], [0, 1], [1, 0], [1, 1]])
Y = torch.FloatTensor([[0], [1], [1], [0]])

linear1 = torch.nn.Linear(2, 10)
linear2 = torch.nn.Linear(10, 10)
linear3 = torch.nn.Linear(10, 1)
sigmoid = torch.nn.Sigmoid()  # expect: sigmoid output BCELoss
model = torch.nn.Sequential(linear1, sigmoid, linear2, sigmoid, linear3, sigmoid)

relu = torch.nn.ReLU()  # expect: relu hidden BCELoss
other = torch.nn.Sequential(torch.nn.Linear(2, 8), relu, torch.nn.Linear(8, 8), relu, torch.nn.Linear(8, 1), torch.nn.Sigmoid())  # expect: sigmoid output BCELoss

criterion = torch.nn.BCELoss()
optimizer = torch.optim.SGD(list(model.parameters()) + list(other.parameters()), lr=1)
for step in range(100):
    optimizer.zero_grad()
    cost = criterion(model(X), Y) + criterion(other(X), Y)
    cost.backward()
    optimizer.step()
