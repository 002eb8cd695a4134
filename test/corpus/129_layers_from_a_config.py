import torch
import torch.nn as nn

# A network built from a config list: each entry appends a Linear and, under a condition on the
# entry, its activation to a Sequential. Which rounds append the sigmoid (a hidden layer, or the
# output the BCELoss below reads) is not read from the text, so the sigmoid gets no role: no AL401
# hint that would call the output a hidden layer, and no AL103 either. The ReLU appended in the
# same loop is as unknown. A classifier that appends its layers without a condition is read as
# before: each round's ReLU sits between layers.


class ConfigNet(nn.Module):
    def __init__(self, layers):
        super().__init__()
        self.seq = nn.Sequential()
        for spec in layers:
            self.seq.append(nn.Linear(spec["in"], spec["out"]))
            if spec["act"] == "relu":
                self.seq.append(nn.ReLU())  # expect: relu - -
            elif spec["act"] == "sigmoid":
                self.seq.append(nn.Sigmoid())  # expect: sigmoid - -

    def forward(self, x):
        return self.seq(x)


class Stacked(nn.Module):
    def __init__(self, widths):
        super().__init__()
        self.body = nn.Sequential()
        for a, b in zip(widths, widths[1:]):
            self.body.append(nn.Linear(a, b))
            self.body.append(nn.ReLU())  # expect: relu hidden BCEWithLogitsLoss
        self.head = nn.Linear(widths[-1], 1)

    def forward(self, x):
        return self.head(self.body(x))


net = ConfigNet([{"in": 8, "out": 16, "act": "relu"}, {"in": 16, "out": 1, "act": "sigmoid"}])
criterion = nn.BCELoss()
opt = torch.optim.Adam(net.parameters())
for x, y in []:
    opt.zero_grad()
    criterion(net(x), y).backward()
    opt.step()

stacked = Stacked([8, 32, 32])
for x, y in []:
    nn.BCEWithLogitsLoss()(stacked(x), y).backward()
