import torch
import torch.nn as nn
import torch.nn.functional as F

# Autoencoders end their decoder in Sigmoid (pixels from ToTensor, in [0, 1]) or Tanh (pixels
# normalised to [-1, 1]) and compare the output with the model's own input. The targets are the
# inputs, so they lie in that range: the bounded output is the usual choice, not a regression whose
# targets it cannot reach. A regression that compares the output with other targets is still told.


class DenseAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Sequential(nn.Linear(784, 64), nn.ReLU())  # expect: relu hidden MSELoss
        self.dec = nn.Sequential(nn.Linear(64, 784), nn.Sigmoid())  # expect: sigmoid output MSELoss

    def forward(self, x):
        return self.dec(self.enc(x))


ae = DenseAE()
criterion = nn.MSELoss()
opt = torch.optim.Adam(ae.parameters(), lr=1e-3)
for images, _ in []:
    images = images.view(images.size(0), -1)
    recon = ae(images)
    loss = criterion(recon, images.data)
    opt.zero_grad()
    loss.backward()
    opt.step()


class ConvAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.dec = nn.ConvTranspose2d(8, 3, 4, stride=2, padding=1)

    def forward(self, x):
        z = F.relu(self.enc(x))  # expect: relu hidden l1_loss
        return torch.tanh(self.dec(z)), z  # expect: tanh output l1_loss


conv_ae = ConvAE()
for batch in []:
    x = batch.to("cuda")
    out, code = conv_ae(x)
    F.l1_loss(out, x).backward()


class PriceModel(nn.Module):
    # a regression of other targets: the sigmoid caps every prediction below 1
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(13, 32)
        self.fc2 = nn.Linear(32, 1)

    def forward(self, x):
        return torch.sigmoid(self.fc2(F.relu(self.fc1(x))))  # expect: sigmoid output mse_loss | relu hidden mse_loss


reg = PriceModel()
for features, prices in []:
    F.mse_loss(reg(features), prices).backward()
