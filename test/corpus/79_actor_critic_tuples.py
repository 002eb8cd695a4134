import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.distributions import Categorical

# Actor-critic networks return the policy and the value together (`return probs, value`), and the
# update unpacks them (`probs, value = model(state)`) before taking the log of the chosen action's
# probability. A softmax logged so underflows to 0 as any softmax does; the log_softmax of the
# logits (or Categorical(logits=…).log_prob) gives the same log-probabilities without it.


class ActorCritic(nn.Module):
    def __init__(self, n_obs, n_act):
        super().__init__()
        self.body = nn.Linear(n_obs, 128)
        self.actor = nn.Linear(128, n_act)
        self.critic = nn.Linear(128, 1)

    def forward(self, x):
        h = F.relu(self.body(x))  # expect: relu hidden smooth_l1_loss
        probs = F.softmax(self.actor(h), dim=-1)  # expect: softmax output -
        value = self.critic(h)
        return probs, value


model = ActorCritic(4, 2)
optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)


def finish_episode(states, actions, returns):
    for state, action, ret in zip(states, actions, returns):
        probs, value = model(state)
        log_prob = torch.log(probs[action])
        advantage = ret - value.item()
        loss = -log_prob * advantage + F.smooth_l1_loss(value, torch.tensor([ret]))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


class TwoHeads(nn.Module):
    # the value first, the policy second, returned in place
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 64)
        self.pi = nn.Linear(64, 3)
        self.v = nn.Linear(64, 1)

    def forward(self, x):
        h = torch.tanh(self.fc(x))  # expect: tanh hidden -
        return self.v(h), F.softmax(self.pi(h), dim=1)  # expect: softmax output -


class A2C:
    def __init__(self):
        self.net = TwoHeads()
        self.opt = torch.optim.RMSprop(self.net.parameters(), lr=7e-4)

    def update(self, obs, actions, returns):
        values, probs = self.net(obs)
        logp = probs.gather(1, actions).log()
        loss = -(logp * (returns - values.detach())).mean() + (returns - values).pow(2).mean()
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()

    def entropy_of(self, obs):
        # only the value is logged here, which is no softmax: nothing to say
        values, probs = self.net(obs)
        return torch.log(values.abs() + 1e-8)


class LogitsActorCritic(nn.Module):
    # logits returned with the value, the log taken by the distribution: nothing to say
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 32)
        self.pi = nn.Linear(32, 2)
        self.v = nn.Linear(32, 1)

    def forward(self, x):
        h = F.relu(self.fc(x))  # expect: relu hidden -
        return self.pi(h), self.v(h)


net = LogitsActorCritic()
for s, a in []:
    logits, v = net(s)
    dist = Categorical(logits=logits)
    loss = -dist.log_prob(a).mean() + v.pow(2).mean()
    loss.backward()


class Sampler(nn.Module):
    # probabilities returned with the hidden state, used only to sample and in Categorical(probs=…)
    def __init__(self):
        super().__init__()
        self.rnn = nn.GRUCell(4, 16)
        self.out = nn.Linear(16, 5)

    def forward(self, x, h):
        h = self.rnn(x, h)
        return F.softmax(self.out(h), dim=-1), h  # expect: softmax output -


sampler = Sampler()
for x, h in []:
    p, h = sampler(x, h)
    a = Categorical(probs=p).sample()
    rest = sampler(x, h)
    first, *others = rest
