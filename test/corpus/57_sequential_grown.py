import torch
import torch.nn as nn


# Sequentials grown after they are built: `.append(…)` (PyTorch 1.11+) and `.add_module(name, …)`,
# the last module added being the Sequential's output.
class Tabular(nn.Module):
    def __init__(self, n_in, widths, act="gelu"):
        super().__init__()
        self.net = nn.Sequential()
        d = n_in
        for i, w in enumerate(widths):
            self.net.add_module(f"fc{i}", nn.Linear(d, w))
            self.net.add_module(f"act{i}", nn.GELU())  # expect: gelu hidden BCELoss
            d = w
        self.net.append(nn.Linear(d, 1))
        self.net.append(nn.Sigmoid())  # expect: sigmoid output BCELoss

    def forward(self, x):
        return self.net(x).squeeze(-1)


class Digits(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 16, 3), nn.ReLU())  # expect: relu hidden CrossEntropyLoss
        self.features.append(nn.MaxPool2d(2))
        self.head = nn.Sequential()
        self.head.add_module("flat", nn.Flatten())
        self.head.add_module("fc", nn.Linear(16 * 13 * 13, 10))
        self.head.add_module("probs", nn.Softmax(dim=1))  # expect: softmax output CrossEntropyLoss

    def forward(self, x):
        return self.head(self.features(x))


class SwishFn(torch.autograd.Function):
    """Memory-saving swish: keeps only the input for backward."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * torch.sigmoid(x)  # expect: sigmoid hidden BCELoss gate

    @staticmethod
    def backward(ctx, grad_out):
        (x,) = ctx.saved_tensors
        s = torch.sigmoid(x)  # expect: sigmoid - -
        return grad_out * (s * (1 + x * (1 - s)))


class LowMemSwish(nn.Module):
    def forward(self, x):
        return SwishFn.apply(x)


tab = nn.Sequential(nn.Linear(12, 32), LowMemSwish(), nn.Linear(32, 1), nn.Sigmoid())  # expect: sigmoid output BCELoss

bce, ce = nn.BCELoss(), nn.CrossEntropyLoss()
model, digits = Tabular(12, [64, 32]), Digits()
for x, y, img, label in loader:
    loss = bce(model(x), y) + bce(tab(x).squeeze(-1), y) + ce(digits(img), label)
    loss.backward()
