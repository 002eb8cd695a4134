import torch
import torch.nn as nn
import torch.optim as optim

# A policy built by a factory function of the file, probed once and built again to train: the log
# of an action's probability is the log of the Sequential's softmax (AL301, no fix: the model's
# output). A factory whose network ends in LogSoftmax gives log-probabilities already (silent), and
# a name bound to two different constructions is not known (silent).


def create_policy(n_obs=4, n_actions=2):
    return nn.Sequential(
        nn.Linear(n_obs, 64),
        nn.ReLU(),  # expect: relu hidden -
        nn.Linear(64, n_actions),
        nn.Softmax(dim=-1),  # expect: softmax output -
    )


def create_log_policy(n_obs=4, n_actions=2):
    net = nn.Sequential(nn.Linear(n_obs, n_actions), nn.LogSoftmax(dim=-1))  # expect: log_softmax output -
    return net


policy = create_policy()
print(policy(torch.zeros(4)))

policy = create_policy()
optimizer = optim.Adam(policy.parameters(), lr=0.01)
for episode in range(10):
    obs = torch.randn(4)
    action_probs = policy(obs)
    action = torch.multinomial(action_probs, 1).item()
    log_prob = torch.log(action_probs[action])
    loss = -log_prob.sum()
    optimizer.zero_grad()
    loss.backward()

log_policy = create_log_policy()
for episode in range(10):
    log_probs = log_policy(torch.randn(4))
    (-log_probs[0]).backward()

other = create_policy()
other = create_log_policy()
p = other(torch.randn(4))
print(torch.log(p[0]))
