import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.distributions import Categorical

# Older RL code and many course notebooks call a model's forward by name (`self.policy.forward(state)`,
# `model.forward(x)`) instead of calling the module. The value is the same as `model(x)` gives
# (only the hooks are skipped), so what the forward returns is followed the same way.


class PolicyNetwork(nn.Module):
    def __init__(self, n_obs, n_act, hidden=64):
        super().__init__()
        self.l1 = nn.Linear(n_obs, hidden)
        self.l2 = nn.Linear(hidden, n_act)

    def forward(self, state):
        x = F.relu(self.l1(state))  # expect: relu hidden -
        return F.softmax(self.l2(x), dim=1)  # expect: softmax output -

    def log_probs(self, state):
        # the class's own forward, logged in another of its methods
        return torch.log(self.forward(state))


class Reinforce:
    def __init__(self, n_obs, n_act):
        self.policy_network = PolicyNetwork(n_obs, n_act)
        self.optimizer = torch.optim.Adam(self.policy_network.parameters(), lr=1e-3)

    def get_action(self, state):
        probs = self.policy_network.forward(state)
        a = Categorical(probs).sample()
        return a.item(), torch.log(probs.squeeze(0)[a])

    def update(self, log_probs, returns):
        loss = torch.stack([-lp * g for lp, g in zip(log_probs, returns)]).sum()
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = torch.relu(self.fc1(x))  # expect: relu hidden cross_entropy
        return F.log_softmax(self.fc2(x), dim=1)  # expect: log_softmax output cross_entropy


clf = Classifier()
for x, y in []:
    out = clf.forward(x)
    loss = F.cross_entropy(out, y)
    loss.backward()


class Sampler(nn.Module):
    # probabilities only sampled from: nothing to say
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 4)

    def forward(self, x):
        return F.softmax(self.fc(x), dim=-1)  # expect: softmax output -


sampler = Sampler()
for x in []:
    a = torch.multinomial(sampler.forward(x), 1)
