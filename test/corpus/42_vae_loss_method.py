import torch
import torch.nn as nn
import torch.nn.functional as F


# A VAE whose loss is a method taking *args, called on the instance (the PyTorch-VAE style).
class ConvVAE(nn.Module):
    def __init__(self, latent=16):
        super().__init__()
        layers = []
        for cin, cout in [(1, 16), (16, 32)]:
            layers += [nn.Conv2d(cin, cout, 3, 2, 1), nn.LeakyReLU()]  # expect: leaky_relu hidden BCELoss
        self.encoder = nn.Sequential(*layers)
        self.mu = nn.Linear(32 * 7 * 7, latent)
        self.logvar = nn.Linear(32 * 7 * 7, latent)
        self.expand = nn.Linear(latent, 32 * 7 * 7)
        layers = []
        layers += [nn.ConvTranspose2d(32, 16, 2, 2), nn.ReLU()]  # expect: relu hidden BCELoss
        layers += [nn.ConvTranspose2d(16, 1, 2, 2), nn.Sigmoid()]  # expect: sigmoid output BCELoss
        self.decoder = nn.Sequential(*layers)

    def encode(self, x):
        h = torch.flatten(self.encoder(x), 1)
        return [self.mu(h), self.logvar(h)]

    def forward(self, x):
        mu, logvar = self.encode(x)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        return self.decoder(self.expand(z).view(-1, 32, 7, 7)), mu, logvar

    def loss_function(self, *args, kld_weight=1.0):
        recon, x, mu, logvar = args[0], args[1], args[2], args[3]
        rec = nn.BCELoss(reduction="sum")(args[0], args[1])
        kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
        return rec + kld_weight * kld


vae = ConvVAE().to("cpu")
for x, _ in loader:
    out, mu, logvar = vae(x)
    loss = vae.loss_function(out, x, mu, logvar)
    loss.backward()
