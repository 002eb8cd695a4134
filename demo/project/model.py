"""The digit classifier of a small project: the model lives here, its training in train.py.

Activation Lens reads the two files together. train.py feeds this model's output to
nn.CrossEntropyLoss, which applies log_softmax itself, so the softmax at the end of `forward`
is applied twice: open the Problems panel to see the finding and where the loss is.
"""
import torch
import torch.nn.functional as F
from torch import nn


class DigitNet(nn.Module):
    def __init__(self, hidden: int = 128, num_classes: int = 10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 16, kernel_size=3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(16, 32, kernel_size=3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
        )
        self.fc1 = nn.Linear(32 * 7 * 7, hidden)
        self.fc2 = nn.Linear(hidden, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.flatten(self.features(x), 1)
        x = F.relu(self.fc1(x))
        return F.softmax(self.fc2(x), dim=1)  # mistake: train.py's CrossEntropyLoss expects logits
