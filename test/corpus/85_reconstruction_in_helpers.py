import torch
import torch.nn as nn
import torch.nn.functional as F

# The reconstruction term is often computed away from the training loop: a VAE's
# `loss_function(recon_x, x, mu, logvar)`, or a loss module whose forward takes the images and the
# reconstructions (a capsule network's margin + reconstruction loss). The comparison with the model's
# own input is read through the call that hands both in.


class VAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 400)
        self.mu = nn.Linear(400, 20)
        self.logvar = nn.Linear(400, 20)
        self.fc3 = nn.Linear(20, 400)
        self.fc4 = nn.Linear(400, 784)

    def forward(self, x):
        h = F.relu(self.fc1(x.view(-1, 784)))  # expect: relu hidden mse_loss
        mu, logvar = self.mu(h), self.logvar(h)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        return torch.sigmoid(self.fc4(F.relu(self.fc3(z)))), mu, logvar  # expect: sigmoid output mse_loss | relu hidden mse_loss


def loss_function(recon_x, x, mu, logvar):
    mse = F.mse_loss(recon_x, x.view(-1, 784), reduction="sum")
    kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return mse + kld


vae = VAE()
for data, _ in []:
    recon_batch, mu, logvar = vae(data)
    loss_function(recon_batch, data, mu, logvar).backward()


class CapsLikeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Linear(784, 160)
        self.decoder = nn.Sequential(nn.Linear(16, 512), nn.ReLU(), nn.Linear(512, 784), nn.Sigmoid())  # expect: relu hidden MSELoss | sigmoid output MSELoss

    def forward(self, x):
        caps = self.enc(x).view(-1, 10, 16)
        classes = caps.norm(dim=-1)
        return classes, self.decoder(caps[:, 0])


class CapsuleLoss(nn.Module):
    def __init__(self):
        super().__init__()
        self.reconstruction_loss = nn.MSELoss(reduction="sum")

    def forward(self, images, labels, classes, reconstructions):
        margin = (labels * F.relu(0.9 - classes) ** 2).sum()  # expect: relu - -
        images = images.view(reconstructions.size(0), -1)
        return margin + 0.0005 * self.reconstruction_loss(reconstructions, images)


net, criterion = CapsLikeNet(), CapsuleLoss()
for data, labels in []:
    classes, reconstructions = net(data)
    criterion(data, labels, classes, reconstructions).backward()
