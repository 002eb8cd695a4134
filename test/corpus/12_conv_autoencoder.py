import torch
import torch.nn as nn
import torch.nn.functional as F


class ConvAutoencoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 4, 3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)
        self.t_conv1 = nn.ConvTranspose2d(4, 16, 2, stride=2)
        self.t_conv2 = nn.ConvTranspose2d(16, 1, 2, stride=2)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))  # expect: relu hidden MSELoss
        x = self.pool(F.relu(self.conv2(x)))  # expect: relu hidden MSELoss
        x = F.relu(self.t_conv1(x))  # expect: relu hidden MSELoss
        x = torch.sigmoid(self.t_conv2(x))  # expect: sigmoid output MSELoss
        return x


model = ConvAutoencoder()
criterion = nn.MSELoss()
for images, _ in train_loader:
    outputs = model(images)
    loss = criterion(outputs, images)
    loss.backward()
