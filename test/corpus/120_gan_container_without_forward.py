import torch
from torch import nn

# A course's GAN written as one nn.Module with no forward of its own: it holds the discriminator
# and the generator as Sequentials and trains both in its methods. It is a trainer of its modules,
# not a model whose parts they are. The discriminator's hidden sigmoid is AL401's; its output
# sigmoid meets MSELoss against labels written as torch.full(…, 1) and torch.full(…, 0): 0/1
# labels (AL105). The generator's output reaches the loss only through the discriminator. The
# base class below has no forward either, but its subclass calls what it builds: a model.


class GanModel(nn.Module):
    def __init__(self, noise=16):
        super().__init__()
        self.disc = nn.Sequential(
            nn.Flatten(),
            nn.Linear(784, 200),
            nn.Sigmoid(),  # expect: sigmoid hidden MSELoss
            nn.Linear(200, 1),
            nn.Sigmoid(),  # expect: sigmoid output MSELoss
        )
        self.gen = nn.Sequential(
            nn.Linear(noise, 200),
            nn.ReLU(),  # expect: relu hidden MSELoss
            nn.Linear(200, 784),
            nn.Sigmoid(),  # expect: sigmoid output -
        )
        self.noise = noise
        self.loss = nn.MSELoss()
        self.d_opt = torch.optim.SGD(self.disc.parameters(), lr=0.01)
        self.g_opt = torch.optim.SGD(self.gen.parameters(), lr=0.01)

    def train_epoch(self, loader):
        for imgs, _ in loader:
            n = imgs.size(0)
            fake = self.gen(torch.rand(n, self.noise)).detach()
            real_tags = torch.full((n, 1), 1, dtype=torch.float)
            fake_tags = torch.full((n, 1), 0, dtype=torch.float)
            d_loss = self.loss(self.disc(imgs), real_tags) + self.loss(self.disc(fake), fake_tags)
            self.d_opt.zero_grad()
            d_loss.backward()
            self.d_opt.step()
            g_loss = self.loss(self.disc(self.gen(torch.rand(n, self.noise))), real_tags)
            self.g_opt.zero_grad()
            g_loss.backward()
            self.g_opt.step()


class Backbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Linear(32, 64), nn.ReLU())  # expect: relu - cross_entropy

    def train_features(self, x, y):
        nn.functional.cross_entropy(self.features(x)[:, :10], y).backward()


class Classifier(Backbone):
    def __init__(self):
        super().__init__()
        self.head = nn.Linear(64, 10)

    def forward(self, x):
        return self.head(self.features(x))


gan = GanModel()
gan.train_epoch([])
