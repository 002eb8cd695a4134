import torch.nn as nn

# A classifier head built from blocks in a loop: every block ends in ReLU and Dropout, and the
# last round's block ends the head, so its ReLU clips the logits CrossEntropyLoss is given (AL107,
# with no fix: the one ReLU of the helper is also every hidden block's). A head whose loop is
# followed by a Linear keeps its ReLUs hidden (silent).


def block(d_in, d_out, p=0.1):
    return nn.Sequential(nn.Linear(d_in, d_out), nn.ReLU(), nn.Dropout(p))  # expect: relu output CrossEntropyLoss


class ClassifierHead(nn.Module):
    def __init__(self, dims):
        super().__init__()
        layers = []
        for i in range(1, len(dims)):
            layers.append(block(dims[i - 1], dims[i]))
        self.layers = nn.Sequential(*layers)

    def forward(self, x):
        return self.layers(x)


class MLP(nn.Module):
    def __init__(self, dims, n_classes):
        super().__init__()
        layers = []
        for d_in, d_out in zip(dims, dims[1:]):
            layers.append(nn.Linear(d_in, d_out))
            layers.append(nn.ReLU())  # expect: relu hidden CrossEntropyLoss
        layers.append(nn.Linear(dims[-1], n_classes))
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)


head = ClassifierHead([64, 128, 10])
mlp = MLP([64, 32], 10)
criterion = nn.CrossEntropyLoss()
for x, y in []:
    criterion(head(x), y).backward()
    criterion(mlp(x), y).backward()


# One ReLU module called after every Linear, the last time at the output: the same in `check` as in
# the editor (AL107, no fix).
class SharedAct(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(8, 16)
        self.fc2 = nn.Linear(16, 3)
        self.act = nn.ReLU()  # expect: relu output CrossEntropyLoss

    def forward(self, x):
        x = self.act(self.fc1(x))
        return self.act(self.fc2(x))


shared = SharedAct()
for x, y in []:
    criterion(shared(x), y).backward()
