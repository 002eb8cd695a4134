import torch
import torch.nn as nn
import torch.nn.functional as F

# A denoising autoencoder: the model is given a noisy copy of the image and compared with the clean
# one, in [0, 1] like every input; the sigmoid suits it (silent, as for criterion(model(x), x)).
# A decoder built in a loop whose last round appends a sigmoid under a condition of the round:
# which rounds append it is not read, so no AL401 (it is the output here).


class DAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 784), nn.Sigmoid())  # expect: relu hidden MSELoss | sigmoid output MSELoss

    def forward(self, x):
        return self.net(x)


def build_decoder(dims):
    layers = []
    for i in range(len(dims) - 1, 0, -1):
        layers.append(nn.Linear(dims[i], dims[i - 1]))
        if i != 1:
            layers.append(nn.ReLU())  # expect: relu hidden mse_loss
        else:
            layers.append(nn.Sigmoid())  # expect: sigmoid - -
    return nn.Sequential(*layers)


class AE(nn.Module):
    def __init__(self, dims=(784, 256, 16)):
        super().__init__()
        self.enc = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 16))  # expect: relu hidden mse_loss
        self.dec = build_decoder(list(dims))

    def forward(self, x):
        return self.dec(self.enc(x))


class VAE(nn.Module):
    # the same decoder built by a method of the model (`elif i == 1:`): still not read as hidden
    def __init__(self, hidden_dims=(784, 256, 16)):
        super().__init__()
        self.hidden_dims = hidden_dims
        self.decoder = self.build_decoder()

    def build_decoder(self):
        dec_module = []
        for i in range(len(self.hidden_dims) - 1, 0, -1):
            dec_module.append(nn.Linear(self.hidden_dims[i], self.hidden_dims[i - 1]))
            if i != 1:
                dec_module.append(nn.ReLU())  # expect: relu hidden -
            elif i == 1:
                dec_module.append(nn.Sigmoid())  # expect: sigmoid - -
        return nn.Sequential(*dec_module)

    def forward(self, z):
        return self.decoder(z)


model = DAE()
criterion = nn.MSELoss()
opt = torch.optim.Adam(model.parameters())
for clean, _ in []:
    clean = clean.view(-1, 784)
    noisy = torch.clamp(clean + 0.5 * torch.randn_like(clean), 0., 1.)
    out = model(noisy)
    loss = criterion(out, clean)
    opt.zero_grad()
    loss.backward()
    opt.step()

# the noise added in one statement and clipped in the next (a course's exercise): the same
for images, _ in []:
    images = images.view(-1, 784)
    noisy_imgs = images + 0.5 * torch.randn(*images.shape)
    noisy_imgs = torch.clamp(noisy_imgs, 0., 1.)
    loss = criterion(model(noisy_imgs), images)
    loss.backward()

ae = AE()
x = torch.rand(32, 784)
F.mse_loss(ae(x), x).backward()
