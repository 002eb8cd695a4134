import torch
import torch.nn as nn
import torch.nn.functional as F
import pytorch_lightning as pl
from collections import OrderedDict

# Shapes of Lightning code: a discriminator's loss computed by the module's own helper inside
# `if optimizer_idx == 1:` (the branch that computes it is taken whenever the loss is: AL103); a
# head built from (name, module) pairs appended to a list made an OrderedDict, whose last pair is
# the output (AL103, not AL401); and a model whose output reaches two BCELoss calls (training and
# validation): AL103 with no fix, as renaming one would hand the other logits.


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.model = nn.Sequential(nn.Linear(784, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1), nn.Sigmoid())  # expect: leaky_relu hidden binary_cross_entropy | sigmoid - binary_cross_entropy

    def forward(self, img):
        return self.model(img.view(img.size(0), -1))


class GAN(pl.LightningModule):
    def __init__(self):
        super().__init__()
        self.discriminator = Discriminator()

    def adversarial_loss(self, y_hat, y):
        return F.binary_cross_entropy(y_hat, y)

    def training_step(self, batch, batch_idx, optimizer_idx):
        imgs, _ = batch
        valid = torch.ones(imgs.size(0), 1)
        if optimizer_idx == 1:
            return self.adversarial_loss(self.discriminator(imgs), valid)


class Head(nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()
        self.block = self.build(n_in, n_out)

    def build(self, n_in, n_out):
        layers = [("fc0", nn.Linear(n_in, 64)), ("act0", nn.ReLU())]  # expect: relu hidden BCELoss
        layers.append(("fc1", nn.Linear(64, n_out)))
        layers.append(("out", nn.Sigmoid()))  # expect: sigmoid output BCELoss
        return nn.Sequential(OrderedDict(layers))

    def forward(self, x):
        return self.block(x)


class Tagger(pl.LightningModule):
    def __init__(self):
        super().__init__()
        self.model = nn.Sequential(nn.Linear(64, 1), nn.Sigmoid())  # expect: sigmoid output BCELoss

    def forward(self, x):
        return self.model(x)

    def training_step(self, batch, batch_idx):
        x, y = batch
        return nn.BCELoss()(self(x), y)

    def validation_step(self, batch, batch_idx):
        x, y = batch
        return nn.BCELoss()(self(x), y)


head = Head(16, 5)
criterion = nn.BCELoss()
for x, y in []:
    criterion(head(x), y).backward()
