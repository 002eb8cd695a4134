import torch
import torch.nn as nn
import torch.nn.functional as F


# Which of the two classes fills the last slot is decided at run time (j < len - 2): both read as hidden.
def make_mlp(sizes, activation=nn.ReLU, output_activation=nn.Identity):  # expect: relu hidden mse_loss | identity hidden mse_loss
    layers = []
    for j in range(len(sizes) - 1):
        act = activation if j < len(sizes) - 2 else output_activation
        layers += [nn.Linear(sizes[j], sizes[j + 1]), act()]
    return nn.Sequential(*layers)


class QNetwork(nn.Module):
    def __init__(self, obs_dim, act_dim):
        super().__init__()
        self.q = make_mlp([obs_dim + act_dim, 256, 256, 1], activation=nn.ReLU)  # expect: relu hidden mse_loss

    def forward(self, obs, act):
        return self.q(torch.cat([obs, act], dim=-1)).squeeze(-1)


q = QNetwork(8, 2)
loss = F.mse_loss(q(o, a), target)
