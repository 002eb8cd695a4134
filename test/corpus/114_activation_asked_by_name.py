import torch.nn as nn

# A small convolutional encoder whose block activation is asked for by name. The one encoder
# built here asks for "Sigmoid" (the helper upper-cases the name, as Python does), so that arm's
# sigmoid sits between convolutions: a hidden layer (AL401's hint). The leaky ReLU arm is never
# built here. The logits go into CrossEntropyLoss as they are: nothing else to say.


def make_act(kind, slope=0.1):
    if kind.upper() == "LEAKY":
        return nn.LeakyReLU(slope)  # expect: leaky_relu - -
    if kind.upper() == "SIGMOID":
        return nn.Sigmoid()  # expect: sigmoid hidden CrossEntropyLoss
    raise KeyError(kind)


def conv_block(c_in, c_out, kind):
    return nn.Sequential(nn.Conv2d(c_in, c_out, 3, padding=1), nn.BatchNorm2d(c_out), make_act(kind))


class Encoder(nn.Module):
    def __init__(self, n_classes=10, kind="leaky"):
        super().__init__()
        self.features = nn.Sequential(conv_block(3, 16, kind), conv_block(16, 32, kind), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.head = nn.Linear(32, n_classes)

    def forward(self, images):
        return self.head(self.features(images))


net = Encoder(kind="Sigmoid")
loss_fn = nn.CrossEntropyLoss()
for images, labels in []:
    loss_fn(net(images), labels).backward()
