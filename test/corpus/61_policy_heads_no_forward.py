import gym
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.distributions import Categorical


# Actor-critic nets written as named heads with no forward: the training code calls the heads on
# the instance it builds (and hands that instance to its functions), and the policy-gradient loss
# is written by hand. What a head returns goes where those calls go.
class PolicyValueNet(nn.Module):
    def __init__(self, obs_dim, n_actions, width=128):
        super().__init__()
        self.body = nn.Linear(obs_dim, width)
        self.policy_head = nn.Linear(width, n_actions)
        self.value_head = nn.Linear(width, 1)

    def policy(self, obs, dim=-1):
        h = torch.tanh(self.body(obs))  # expect: tanh hidden -
        return F.softmax(self.policy_head(h), dim=dim)  # expect: softmax - -

    def value(self, obs):
        h = torch.tanh(self.body(obs))  # expect: tanh hidden huber_loss
        return self.value_head(h).squeeze(-1)


# A critic of state and action, held twice by an agent module that has no forward either: its
# hidden layer feeds the critic's output layer, whatever the agent then does with the values.
class StateActionCritic(nn.Module):
    def __init__(self, obs_dim, act_dim, width=64):
        super().__init__()
        self.inp = nn.Linear(obs_dim + act_dim, width)
        self.out = nn.Linear(width, 1)

    def forward(self, obs, act):
        h = F.elu(self.inp(torch.cat([obs, act], dim=-1)))  # expect: elu hidden -
        return self.out(h)


class ClippedDoubleQ(nn.Module):
    def __init__(self, obs_dim, act_dim):
        super().__init__()
        self.first = StateActionCritic(obs_dim, act_dim)
        self.second = StateActionCritic(obs_dim, act_dim)

    def td_step(self, opt, obs, act, target):
        q = torch.min(self.first(obs, act), self.second(obs, act))
        loss = ((q - target) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        return loss.item()


def collect(net, env, steps):
    obs, batch = env.reset(), []
    for _ in range(steps):
        probs = net.policy(torch.as_tensor(obs, dtype=torch.float32))
        action = Categorical(probs).sample().item()
        nxt, reward, done, _ = env.step(action)
        batch.append((obs, action, reward))
        obs = env.reset() if done else nxt
    return batch


def update(net, opt, obs, actions, returns):
    probs = net.policy(obs, dim=1)
    logp = torch.log(probs.gather(1, actions[:, None]).squeeze(1) + 1e-8)
    values = net.value(obs)
    advantage = (returns - values).detach()
    loss = -(logp * advantage).mean() + F.huber_loss(values, returns)
    opt.zero_grad()
    loss.backward()
    opt.step()


env = gym.make("CartPole-v1")
net = PolicyValueNet(4, 2)
opt = torch.optim.Adam(net.parameters(), lr=3e-4)
for it in range(200):
    batch = collect(net, env, 256)
    obs = torch.tensor([b[0] for b in batch], dtype=torch.float32)
    actions = torch.tensor([b[1] for b in batch])
    returns = torch.tensor([b[2] for b in batch], dtype=torch.float32)
    update(net, opt, obs, actions, returns)
