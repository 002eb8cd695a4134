import torch
import torch.nn as nn
import torch.nn.functional as F


# An actor-critic agent: the policy network returns action probabilities, which the agent samples
# from and whose log it takes for the policy-gradient step; the critic is a plain regressor.
class PolicyNet(nn.Module):
    def __init__(self, state_dim, hidden_dim, action_dim):
        super().__init__()
        self.fc1 = nn.Linear(state_dim, hidden_dim)
        self.fc2 = nn.Linear(hidden_dim, action_dim)

    def forward(self, x):
        x = F.relu(self.fc1(x))  # expect: relu hidden -
        return F.softmax(self.fc2(x), dim=1)  # expect: softmax output -


class ValueNet(nn.Module):
    def __init__(self, state_dim, hidden_dim):
        super().__init__()
        self.fc1 = nn.Linear(state_dim, hidden_dim)
        self.fc2 = nn.Linear(hidden_dim, 1)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))  # expect: relu hidden mse_loss


class ActorCritic:
    def __init__(self, state_dim, hidden_dim, action_dim, device):
        self.actor = PolicyNet(state_dim, hidden_dim, action_dim).to(device)
        self.critic = ValueNet(state_dim, hidden_dim).to(device)
        self.actor_opt = torch.optim.Adam(self.actor.parameters(), lr=1e-3)
        self.critic_opt = torch.optim.Adam(self.critic.parameters(), lr=1e-2)
        self.gamma = 0.98
        self.device = device

    def take_action(self, state):
        state = torch.tensor([state], dtype=torch.float).to(self.device)
        dist = torch.distributions.Categorical(self.actor(state))
        return dist.sample().item()

    def update(self, states, actions, rewards, next_states, dones):
        td_target = rewards + self.gamma * self.critic(next_states) * (1 - dones)
        td_delta = td_target - self.critic(states)
        log_probs = torch.log(self.actor(states).gather(1, actions))
        actor_loss = torch.mean(-log_probs * td_delta.detach())
        critic_loss = F.mse_loss(self.critic(states), td_target.detach())
        self.actor_opt.zero_grad()
        self.critic_opt.zero_grad()
        actor_loss.backward()
        critic_loss.backward()
        self.actor_opt.step()
        self.critic_opt.step()


# A GAN whose discriminator returns a probability, trained with the loss of the paper written out.
class Discriminator(nn.Module):
    def __init__(self, n_in):
        super().__init__()
        self.hidden = nn.Linear(n_in, 128)
        self.out = nn.Linear(128, 1)

    def forward(self, x):
        h = F.leaky_relu(self.hidden(x), 0.2)  # expect: leaky_relu hidden -
        return torch.sigmoid(self.out(h))  # expect: sigmoid output -


class Generator(nn.Module):
    def __init__(self, z_dim, n_out):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(z_dim, 128), nn.ReLU(), nn.Linear(128, n_out), nn.Tanh())  # expect: relu hidden - | tanh output -

    def forward(self, z):
        return self.net(z)


class GanTrainer:
    def __init__(self, z_dim=16, n=64):
        self.disc = Discriminator(n)
        self.gen = Generator(z_dim, n)
        self.z_dim = z_dim
        self.d_opt = torch.optim.Adam(self.disc.parameters(), lr=2e-4)

    def discriminator_step(self, real):
        fake = self.gen(torch.randn(real.size(0), self.z_dim)).detach()
        d_loss = -(torch.log(self.disc(real)) + torch.log(1 - self.disc(fake))).mean()
        self.d_opt.zero_grad()
        d_loss.backward()
        self.d_opt.step()
