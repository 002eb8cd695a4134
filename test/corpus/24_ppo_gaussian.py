import torch
import torch.nn as nn
import torch.nn.functional as F

from torch.distributions import Normal


class Actor(nn.Module):
    def __init__(self, obs, act):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(obs, 64), nn.Tanh(), nn.Linear(64, 64), nn.Tanh(), nn.Linear(64, act))  # expect: tanh hidden - | tanh hidden -
        self.log_std = nn.Parameter(torch.zeros(act))

    def forward(self, obs):
        mu = torch.tanh(self.net(obs))  # expect: tanh output -
        return Normal(mu, self.log_std.exp())


class Critic(nn.Module):
    def __init__(self, obs):
        super().__init__()
        self.v = nn.Sequential(nn.Linear(obs, 64), nn.ReLU(), nn.Linear(64, 1))  # expect: relu hidden mse_loss

    def forward(self, obs):
        return self.v(obs).squeeze(-1)


actor, critic = Actor(8, 2), Critic(8)
dist = actor(obs)
ratio = torch.exp(dist.log_prob(act).sum(-1) - old_logp)
pi_loss = -torch.min(ratio * adv, torch.clamp(ratio, 0.8, 1.2) * adv).mean()
v_loss = F.mse_loss(critic(obs), ret)
(pi_loss + v_loss).backward()
