import torch
import torch.nn as nn
import torch.nn.functional as F


class MDN(nn.Module):
    def __init__(self, d_in, k):
        super().__init__()
        self.hidden = nn.Sequential(nn.Linear(d_in, 64), nn.Tanh())  # expect: tanh hidden -
        self.pi = nn.Linear(64, k)
        self.mu = nn.Linear(64, k)
        self.sigma = nn.Linear(64, k)

    def forward(self, x):
        h = self.hidden(x)
        pi = F.softmax(self.pi(h), dim=-1)  # expect: softmax output -
        sigma = F.softplus(self.sigma(h)) + 1e-4  # expect: softplus output -
        return pi, self.mu(h), sigma


def mdn_nll(pi, mu, sigma, y):
    dist = torch.distributions.Normal(mu, sigma)
    return -torch.logsumexp(torch.log(pi) + dist.log_prob(y.unsqueeze(-1)), dim=-1).mean()


model = MDN(1, 5)
pi, mu, sigma = model(x)
loss = mdn_nll(pi, mu, sigma, y)
loss.backward()
