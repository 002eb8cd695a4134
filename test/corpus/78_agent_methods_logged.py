import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.distributions import Categorical

# Policy-gradient agents keep their heads as methods of one module (`def pi(self, x)`, `def v(self, x)`)
# and take the log of what the policy method returns inside their own training method. A softmax
# returned there and logged later underflows to 0 as any softmax does; log_softmax (or the
# distribution's log_prob) gives the same log-probabilities without it.


class PPO(nn.Module):
    def __init__(self, n_obs=4, n_act=2):
        super().__init__()
        self.fc1 = nn.Linear(n_obs, 256)
        self.fc_pi = nn.Linear(256, n_act)
        self.fc_v = nn.Linear(256, 1)
        self.optimizer = torch.optim.Adam(self.parameters(), lr=0.0005)

    def pi(self, x, softmax_dim=0):
        x = F.relu(self.fc1(x))  # expect: relu hidden -
        x = self.fc_pi(x)
        prob = F.softmax(x, dim=softmax_dim)  # expect: softmax - -
        return prob

    def v(self, x):
        x = F.relu(self.fc1(x))  # expect: relu hidden smooth_l1_loss
        return self.fc_v(x)

    def train_net(self, s, a, old_prob_a, advantage, td_target, eps_clip=0.1):
        pi = self.pi(s, softmax_dim=1)
        pi_a = pi.gather(1, a)
        ratio = torch.exp(torch.log(pi_a) - torch.log(old_prob_a))
        surr1 = ratio * advantage
        surr2 = torch.clamp(ratio, 1 - eps_clip, 1 + eps_clip) * advantage
        loss = -torch.min(surr1, surr2) + F.smooth_l1_loss(self.v(s), td_target.detach())
        self.optimizer.zero_grad()
        loss.mean().backward()
        self.optimizer.step()


class Imitation(nn.Module):
    # the policy method returns log-probabilities, sampling goes through Categorical and the expert's
    # actions are fitted with NLLLoss: nothing to say
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def log_pi(self, x):
        return F.log_softmax(self.fc(x), dim=-1)  # expect: log_softmax - nll_loss

    def act(self, s):
        return Categorical(logits=self.log_pi(s)).sample()

    def loss(self, s, expert_a):
        return F.nll_loss(self.log_pi(s), expert_a)


class Discriminator(nn.Module):
    # a method returning a probability, logged in the class's own GAN loss
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(784, 1)

    def judge(self, x):
        return torch.sigmoid(self.fc(x))  # expect: sigmoid - -

    def d_loss(self, real, fake):
        return -(torch.log(self.judge(real)) + torch.log(1 - self.judge(fake))).mean()


D = Discriminator()
opt_d = torch.optim.Adam(D.parameters(), lr=2e-4)
for real, fake in []:
    opt_d.zero_grad()
    D.d_loss(real, fake).backward()
    opt_d.step()


class TwoWays(nn.Module):
    # two returns: which one the log takes is not read
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 3)

    def probs(self, x, hard=False):
        if hard:
            return F.one_hot(self.fc(x).argmax(-1), 3).float()
        return F.softmax(self.fc(x), dim=-1)  # expect: softmax - -

    def nll(self, x, y):
        return -torch.log(self.probs(x).gather(1, y)).mean()


agent = Imitation()
opt = torch.optim.Adam(agent.parameters(), lr=1e-3)
for s, a in []:
    opt.zero_grad()
    agent.loss(s, a).backward()
    opt.step()

clf = TwoWays()
for x, y in []:
    clf.nll(x, y).backward()
