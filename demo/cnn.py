"""LeNet-style CNN for 28x28 grayscale digits (MNIST-shaped input).

The functional API: F.relu and F.max_pool2d in forward, F.log_softmax on the logits,
and F.nll_loss, which expects log-probabilities.
"""
import torch
from torch import nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, num_classes: int = 10):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, kernel_size=3)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=3)
        self.dropout = nn.Dropout(0.25)
        self.fc1 = nn.Linear(64 * 12 * 12, 128)
        self.fc2 = nn.Linear(128, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = self.dropout(torch.flatten(x, 1))
        x = F.relu(self.fc1(x))
        return F.log_softmax(self.fc2(x), dim=1)


def train_step(model: Net, optimizer: torch.optim.Optimizer, images: torch.Tensor, targets: torch.Tensor) -> float:
    model.train()
    optimizer.zero_grad()
    loss = F.nll_loss(model(images), targets)
    loss.backward()
    optimizer.step()
    return loss.item()


if __name__ == "__main__":
    net = Net()
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
    images = torch.randn(8, 1, 28, 28)
    targets = torch.randint(0, 10, (8,))
    print("loss:", train_step(net, opt, images, targets))
