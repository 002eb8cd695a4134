import torch
import torch.nn as nn
import torch.nn.functional as F

from torch.distributions import Categorical


class ActorCritic(nn.Module):
    def __init__(self, n_in, n_out, hidden=128):
        super().__init__()
        self.critic = nn.Sequential(nn.Linear(n_in, hidden), nn.ReLU(), nn.Linear(hidden, 1))  # expect: relu hidden -
        self.actor = nn.Sequential(
            nn.Linear(n_in, hidden),
            nn.ReLU(),  # expect: relu hidden -
            nn.Linear(hidden, n_out),
            nn.Softmax(dim=1),  # expect: softmax output -
        )

    def forward(self, x):
        value = self.critic(x)
        probs = self.actor(x)
        return Categorical(probs), value


model = ActorCritic(4, 2)
dist, value = model(state)
action = dist.sample()
