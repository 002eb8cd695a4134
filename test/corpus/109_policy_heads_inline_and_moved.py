import torch
import torch.nn as nn
import torch.nn.functional as F

# Two policy-gradient agents. The first policy builds its softmax module in the return itself,
# `nn.Softmax(dim=-1)(…)`; the agent takes the log of its probabilities for the log-probability and
# for the entropy bonus (AL301 twice, named by the model). The second actor is handed to the agent's
# constructor and moved there (`self.actor = actor.to(device)`, which returns the module itself):
# the agent's `torch.log(probs.gather(1, a))` is the log of that model's softmax (AL301).


class PolicyNetwork(nn.Module):
    def __init__(self, state_dim, action_dim, hidden_dim=64):
        super().__init__()
        self.fc1 = nn.Linear(state_dim, hidden_dim)
        self.fc2 = nn.Linear(hidden_dim, action_dim)

    def forward(self, x, temperature=1.0):
        x = torch.relu(self.fc1(x))  # expect: relu hidden -
        x = self.fc2(x)
        return nn.Softmax(dim=-1)(x / temperature)  # expect: softmax output -


class Reinforce:
    def __init__(self, state_dim, action_dim):
        self.policy_net = PolicyNetwork(state_dim, action_dim)
        self.optimizer = torch.optim.Adam(self.policy_net.parameters(), lr=1e-3)

    def learn(self, state, action, G):
        probs = self.policy_net(state)
        log_prob = torch.log(probs[action])
        entropy = -torch.sum(probs * torch.log(probs))
        loss = -log_prob * G - 0.01 * entropy
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()


class Actor(nn.Module):
    def __init__(self, dim_state, dim_action):
        super().__init__()
        self.fc = nn.Linear(dim_state, dim_action)

    def forward(self, x):
        x = self.fc(x)
        x = F.softmax(x, dim=1)  # expect: softmax output -
        return x


class ActorCritic:
    def __init__(self, actor, device="cpu"):
        self.actor = actor.to(device)
        self.optimizer = torch.optim.Adam(self.actor.parameters(), lr=1e-3)

    def train(self, s, a, delta):
        probs = self.actor(s)
        probs_a = probs.gather(1, a)
        loss = (-torch.log(probs_a) * delta.detach()).mean()
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()


agent = ActorCritic(actor=Actor(4, 2))
