import torch
import torch.nn as nn
from torch.autograd import Function

# A sigmoid module the model builds but never calls (its call in forward commented out) is no layer
# of it (silent), where a block whose modules the class calls through self.children() keeps its
# sigmoid hidden (AL401). torch.compile gives back the same model: its softmax still reaches
# CrossEntropyLoss (AL101). A hand-written sigmoid in a torch.autograd.Function's forward is not
# differentiated by autograd (silent), where one in a module's forward is (AL304).


class SampleCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(1, 128, 3)
        self.fc = nn.Linear(128, 50)
        self.activation = nn.Sigmoid()  # expect: sigmoid - -

    def forward(self, x):
        out = self.conv(x).mean(-1)
        logit = self.fc(out)
        # logit = self.activation(logit)
        return logit


class Stack(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(8, 8)
        self.act1 = nn.Sigmoid()  # expect: sigmoid hidden CrossEntropyLoss
        self.fc2 = nn.Linear(8, 2)

    def forward(self, x):
        for layer in self.children():
            x = layer(x)
        return x


class MySigmoid(Function):
    @staticmethod
    def forward(ctx, x):
        y = 1 / (1 + torch.exp(-x))
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, g):
        (y,) = ctx.saved_tensors
        return g * y * (1 - y)


class Gate(nn.Module):
    def forward(self, x):
        return x * (1 / (1 + torch.exp(-x)))


model = SampleCNN()
criterion = nn.BCEWithLogitsLoss()
for x, y in []:
    criterion(model(x), y).backward()

clf = nn.Sequential(nn.Linear(8, 3), nn.Softmax(dim=1))  # expect: softmax output CrossEntropyLoss
clf = torch.compile(clf, mode="reduce-overhead")
ce = nn.CrossEntropyLoss()
for x, y in []:
    ce(clf(x), y).backward()
