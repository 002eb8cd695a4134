import torch
import torch.nn as nn
from torch.utils.data import DataLoader

# A tutorial that compares "one VGG block" with "three VGG blocks" on a binary task. The models
# are named after how many blocks they have, not because they are blocks: each flattens its
# feature maps into vectors and ends in a linear head, which a building block does not. The one
# the script does not build is still read as a model: its sigmoid is its output, not a hidden layer.


class VGG1Block(nn.Module):
    def __init__(self):
        super(VGG1Block, self).__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 32, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),  # expect: relu hidden -
            nn.MaxPool2d(kernel_size=2, stride=2),
        )
        self.classifier = nn.Sequential(
            nn.Linear(32 * 32 * 32, 64),
            nn.ReLU(inplace=True),  # expect: relu hidden -
            nn.Linear(64, 1),
            nn.Sigmoid(),  # expect: sigmoid output -
        )

    def forward(self, x):
        x = self.features(x)
        x = x.view(x.size(0), -1)
        return self.classifier(x)


class VGG3Block(nn.Module):
    def __init__(self):
        super().__init__()
        layers = []
        for c_in, c_out in [(3, 32), (32, 64), (64, 128)]:
            layers += [nn.Conv2d(c_in, c_out, 3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(2)]  # expect: relu hidden BCELoss
        self.features = nn.Sequential(*layers)
        self.head = nn.Linear(128 * 8 * 8, 1)

    def forward(self, x):
        x = torch.flatten(self.features(x), 1)
        return torch.sigmoid(self.head(x))  # expect: sigmoid output BCELoss


class GatedConvBlock(nn.Module):
    # a real building block (no flattening): its last sigmoid is a hidden activation wherever it is used
    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, padding=1)
        self.bn = nn.BatchNorm2d(c)

    def forward(self, x):
        return torch.sigmoid(self.bn(self.conv(x)))  # expect: sigmoid hidden -


def train(dataset, epochs=10):
    model = VGG3Block()
    loader = DataLoader(dataset, batch_size=64, shuffle=True)
    criterion = nn.BCELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.001, momentum=0.9)
    for epoch in range(epochs):
        running = 0.0
        for images, labels in loader:
            outputs = model(images)
            loss = criterion(outputs.squeeze(1), labels.float())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            running += loss.item()
        print(f"epoch {epoch + 1}: loss {running / len(loader):.4f}")
    return model
