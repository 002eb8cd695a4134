import torch
import torch.nn as nn
from torch.utils.data import DataLoader


# A script that moves everything to the device before training: the model by rebinding, the
# classifier's criterion the same way, the GAN's BCE where it is built.
class DigitNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Flatten(),
            nn.Linear(28 * 28, 128),
            nn.ReLU(),  # expect: relu hidden CrossEntropyLoss
            nn.Linear(128, 10),
            nn.Softmax(dim=1),  # expect: softmax output CrossEntropyLoss
        )

    def forward(self, x):
        return self.layers(x)


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
net = DigitNet()
net = net.to(device)
loss_fn = nn.CrossEntropyLoss()
loss_fn = loss_fn.to(device)
opt = torch.optim.Adam(net.parameters(), lr=1e-3)
for images, labels in DataLoader(train_set, batch_size=64, shuffle=True):
    images, labels = images.to(device), labels.to(device)
    outputs = net(images)
    loss = loss_fn(outputs, labels)
    opt.zero_grad()
    loss.backward()
    opt.step()

critic = nn.Sequential(nn.Linear(100, 64), nn.LeakyReLU(0.2), nn.Linear(64, 1), nn.Sigmoid()).to(device)  # expect: leaky_relu hidden BCELoss | sigmoid output BCELoss
adversarial = nn.BCELoss().to(device)
for real in DataLoader(codes, batch_size=32):
    real = real.to(device)
    d_loss = adversarial(critic(real), torch.ones(real.size(0), 1, device=device))
    d_loss.backward()
