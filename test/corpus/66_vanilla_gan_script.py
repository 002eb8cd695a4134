"""A vanilla GAN on flattened MNIST digits, written as one script: the models are built once at
module level, the discriminator's loss is the textbook log(D(x)) + log(1 - D(G(z))) by hand."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

latent_dim = 100
device = "cuda" if torch.cuda.is_available() else "cpu"


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.model = nn.Sequential(
            nn.Linear(latent_dim, 256),
            nn.LeakyReLU(0.2),  # expect: leaky_relu hidden -
            nn.Linear(256, 512),
            nn.LeakyReLU(0.2),  # expect: leaky_relu hidden -
            nn.Linear(512, 784),
            nn.Tanh(),  # expect: tanh output -
        )

    def forward(self, z):
        return self.model(z)


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.model = nn.Sequential(
            nn.Linear(784, 512),
            nn.LeakyReLU(0.2),  # expect: leaky_relu hidden -
            nn.Linear(512, 256),
            nn.LeakyReLU(0.2),  # expect: leaky_relu hidden -
            nn.Linear(256, 1),
            nn.Sigmoid(),  # expect: sigmoid output -
        )

    def forward(self, img):
        return self.model(img.view(img.size(0), -1))


generator = Generator().to(device)
discriminator = Discriminator()
discriminator = discriminator.to(device)
opt_g = torch.optim.Adam(generator.parameters(), lr=2e-4, betas=(0.5, 0.999))
opt_d = torch.optim.Adam(discriminator.parameters(), lr=2e-4, betas=(0.5, 0.999))

loader = DataLoader(
    datasets.MNIST("data", train=True, download=True, transform=transforms.Compose([transforms.ToTensor(), transforms.Normalize([0.5], [0.5])])),
    batch_size=64,
    shuffle=True,
)


def discriminator_loss(real_imgs, fake_imgs):
    real_score = discriminator(real_imgs)
    fake_score = discriminator(fake_imgs.detach())
    return -torch.mean(torch.log(real_score) + torch.log(1.0 - fake_score))


for epoch in range(20):
    for imgs, _ in loader:
        real = imgs.to(device)
        z = torch.randn(imgs.size(0), latent_dim, device=device)
        fake = generator(z)

        opt_d.zero_grad()
        d_loss = discriminator_loss(real, fake)
        d_loss.backward()
        opt_d.step()

        opt_g.zero_grad()
        g_loss = -torch.mean(torch.log(discriminator(fake)))
        g_loss.backward()
        opt_g.step()
    print(f"epoch {epoch}: d_loss {d_loss.item():.3f} g_loss {g_loss.item():.3f}")
