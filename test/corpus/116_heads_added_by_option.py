import torch
import torch.nn as nn

# A recommender library's layers. The tower appends its last activation by an option: the arms of
# the if add one module each, so the sigmoid is never followed by the softmax (not hidden: no
# AL401), and the softmax is added without a dim (AL201). The prediction layer is the model's
# output head, named as the library names its layers: what it returns is a sigmoid's value as it
# is, an output, not a building block's hidden activation (no AL401); a block of Linear and ReLU
# layers ending in a softmax stays a block.


class Tower(nn.Module):
    def __init__(self, d_in, d_out, last_act="sigmoid"):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(d_in, 16), nn.ReLU(), nn.Linear(16, d_out))  # expect: relu hidden -
        if last_act == "sigmoid":
            self.mlp.add_module("last_act", nn.Sigmoid())  # expect: sigmoid output -
        elif last_act == "softmax":
            self.mlp.add_module("last_act", nn.Softmax())  # expect: softmax output -

    def forward(self, x):
        return self.mlp(x)


class PredictionLayer(nn.Module):
    def __init__(self, d, task="binary"):
        super().__init__()
        self.task = task
        self.fc = nn.Linear(d, 1)
        self.act = nn.Sigmoid()  # expect: sigmoid output -

    def forward(self, x):
        y = self.fc(x)
        if self.task == "binary":
            y = self.act(y)
        return y


class ScoreBlock(nn.Module):
    # a block of Linear and ReLU layers ending in a softmax (attention scores for the model that
    # builds it elsewhere): a building block, its softmax no output of its own
    def __init__(self, d):
        super().__init__()
        self.proj = nn.Sequential(nn.Linear(d, d), nn.ReLU(), nn.Linear(d, 1))  # expect: relu hidden -

    def forward(self, x):
        return torch.softmax(self.proj(x), dim=1)  # expect: softmax hidden -


tower = Tower(8, 1, last_act="sigmoid")
print(tower(torch.randn(4, 8)).shape)
