import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.distributions import Categorical

from rl_lib.approximation import Approximation


# The network is a plain module; a policy object that is no module wraps it and hands it to an
# imported base class. The softmax is the wrapped network's output (probabilities to sample from).
class PolicyHead(nn.Module):
    def __init__(self, body):
        super().__init__()
        self.body = body

    def forward(self, obs):
        scores = self.body(obs)
        probs = F.softmax(scores, dim=-1)  # expect: softmax output -
        return Categorical(probs)


class SoftmaxPolicy(Approximation):
    def __init__(self, body, optimizer, name="policy", **kwargs):
        head = PolicyHead(body)
        super().__init__(head, optimizer, name=name, **kwargs)


def make_policy(n_obs, n_act):
    body = nn.Sequential(nn.Linear(n_obs, 64), nn.Tanh(), nn.Linear(64, n_act))  # expect: tanh hidden -
    return SoftmaxPolicy(body, torch.optim.Adam(body.parameters(), lr=3e-4))
