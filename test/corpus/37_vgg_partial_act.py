import torch
import torch.nn as nn
import torch.nn.functional as F

from functools import partial


def make_layers(cfg, act_layer):
    layers = []
    cin = 3
    for v in cfg:
        if v == "M":
            layers.append(nn.MaxPool2d(2))
        else:
            layers += [nn.Conv2d(cin, v, 3, padding=1), nn.BatchNorm2d(v), act_layer()]
            cin = v
    return nn.Sequential(*layers)


class VGG(nn.Module):
    def __init__(self, cfg=(64, "M", 128, "M"), num_classes=10):
        super().__init__()
        self.features = make_layers(cfg, partial(nn.LeakyReLU, negative_slope=0.1))  # expect: leaky_relu hidden CrossEntropyLoss
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(128 * 8 * 8, 256), nn.ReLU(True), nn.Dropout(), nn.Linear(256, num_classes))  # expect: relu hidden CrossEntropyLoss

    def forward(self, x):
        return self.classifier(self.features(x))


model = VGG()
criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
for x, y in loader:
    criterion(model(x), y).backward()
