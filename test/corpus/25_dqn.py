import torch
import torch.nn as nn
import torch.nn.functional as F

import random


class DQN(nn.Module):
    def __init__(self, n_obs, n_actions):
        super().__init__()
        self.layer1 = nn.Linear(n_obs, 128)
        self.layer2 = nn.Linear(128, 128)
        self.layer3 = nn.Linear(128, n_actions)

    def forward(self, x):
        x = F.relu(self.layer1(x))  # expect: relu hidden SmoothL1Loss
        x = F.relu(self.layer2(x))  # expect: relu hidden SmoothL1Loss
        return self.layer3(x)


policy_net = DQN(4, 2)
target_net = DQN(4, 2)
criterion = nn.SmoothL1Loss()


def select_action(state, eps):
    if random.random() > eps:
        with torch.no_grad():
            return policy_net(state).max(1).indices.view(1, 1)
    return torch.tensor([[random.randrange(2)]])


def optimize(batch_state, batch_action, expected):
    q = policy_net(batch_state).gather(1, batch_action)
    loss = criterion(q, expected.unsqueeze(1))
    loss.backward()
