import copy

import torch
import torch.nn as nn
import torch.nn.functional as F

# Federated training in one script: a client trainer keeps its loss from __init__ and is handed
# the model in a method call on an instance (`local.train(net=...)`), as a trainer class often is.
# The classifier's softmax then reaches CrossEntropyLoss (AL101). The second client class trains a
# log-softmax model with NLLLoss, which expects it; its `evaluate` method only counts parameters.


class MLP(nn.Module):
    def __init__(self, dim_in=784, dim_hidden=200, dim_out=10):
        super().__init__()
        self.layer_input = nn.Linear(dim_in, dim_hidden)
        self.relu = nn.ReLU()  # expect: relu hidden CrossEntropyLoss
        self.layer_hidden = nn.Linear(dim_hidden, dim_out)
        self.softmax = nn.Softmax(dim=1)  # expect: softmax output CrossEntropyLoss

    def forward(self, x):
        x = x.view(-1, x.shape[1] * x.shape[-2] * x.shape[-1])
        x = self.relu(self.layer_input(x))
        return self.softmax(self.layer_hidden(x))


class SmallCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3)
        self.fc = nn.Linear(8 * 26 * 26, 10)

    def forward(self, x):
        x = F.relu(self.conv(x))  # expect: relu hidden NLLLoss
        return F.log_softmax(self.fc(x.flatten(1)), dim=1)  # expect: log_softmax output NLLLoss


class LocalUpdate(object):
    def __init__(self, loader, local_ep=1):
        self.loss_func = nn.CrossEntropyLoss()
        self.ldr_train = loader
        self.local_ep = local_ep

    def train(self, net, lr=0.01):
        net.train()
        optimizer = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.5)
        epoch_loss = []
        for _ in range(self.local_ep):
            for images, labels in self.ldr_train:
                net.zero_grad()
                log_probs = net(images)
                loss = self.loss_func(log_probs, labels)
                loss.backward()
                optimizer.step()
                epoch_loss.append(loss.item())
        return net.state_dict(), sum(epoch_loss) / max(len(epoch_loss), 1)


class NllClient:
    def __init__(self):
        self.criterion = nn.NLLLoss()

    def fit(self, model, loader):
        for x, y in loader:
            self.criterion(model(x), y).backward()

    def evaluate(self, model):
        return sum(p.numel() for p in model.parameters())


net_glob = MLP()
w_glob = None
for rnd in range(3):
    local = LocalUpdate(loader=[])
    w, loss = local.train(net=copy.deepcopy(net_glob).to("cpu"))
    w_glob = w

client = NllClient()
cnn = SmallCNN()
client.fit(cnn, [])
print(client.evaluate(cnn))
