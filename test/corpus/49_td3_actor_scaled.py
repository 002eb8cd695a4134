import math
import torch
import torch.nn as nn
import torch.nn.functional as F


# A TD3/DDPG actor scales its tanh by the action bound kept on the module: a setting from the
# constructor, not a value computed from the state, so the tanh is the output, not a gate.
class BoundedActor(nn.Module):
    def __init__(self, state_dim, action_dim, action_bound):
        super().__init__()
        self.fc1 = nn.Linear(state_dim, 256)
        self.fc2 = nn.Linear(256, 256)
        self.mu = nn.Linear(256, action_dim)
        self.action_bound = action_bound
        self.log_std = nn.Parameter(torch.zeros(action_dim))

    def forward(self, s):
        h = F.relu(self.fc1(s))  # expect: relu hidden -
        h = F.relu(self.fc2(h))  # expect: relu hidden -
        return self.action_bound * torch.tanh(self.mu(h))  # expect: tanh output -


class TwinCritic(nn.Module):
    def __init__(self, state_dim, action_dim):
        super().__init__()
        self.q1 = nn.Sequential(nn.Linear(state_dim + action_dim, 256), nn.ReLU(), nn.Linear(256, 1))  # expect: relu hidden mse_loss
        self.q2 = nn.Sequential(nn.Linear(state_dim + action_dim, 256), nn.ReLU(), nn.Linear(256, 1))  # expect: relu hidden mse_loss

    def forward(self, s, a):
        sa = torch.cat([s, a], dim=1)
        return self.q1(sa), self.q2(sa)


# A recurrent cell whose state is kept on the module and changed in forward: multiplying by it
# makes the sigmoid a gate (the state is a value of the run, not a setting).
class LeakyCell(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.inp = nn.Linear(d, d)
        self.h = None

    def forward(self, x):
        if self.h is None:
            self.h = torch.zeros_like(x)
        out = torch.sigmoid(self.inp(x)) * self.h + x  # expect: sigmoid hidden - gate
        self.h = out.detach()
        return out * math.pi


actor, critic = BoundedActor(17, 6, 1.0), TwinCritic(17, 6)
for s, a, target_q in replay:
    q1, q2 = critic(s, a)
    critic_loss = F.mse_loss(q1, target_q) + F.mse_loss(q2, target_q)
    critic_loss.backward()
    actor_loss = -critic(s, actor(s))[0].mean()
    actor_loss.backward()
