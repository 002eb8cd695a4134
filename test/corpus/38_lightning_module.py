import torch
import torch.nn as nn
import torch.nn.functional as F

import pytorch_lightning as pl


class LitClassifier(pl.LightningModule):
    def __init__(self, lr=1e-3):
        super().__init__()
        self.l1 = nn.Linear(28 * 28, 128)
        self.l2 = nn.Linear(128, 10)
        self.lr = lr

    def forward(self, x):
        x = torch.relu(self.l1(x.view(x.size(0), -1)))  # expect: relu hidden cross_entropy
        return torch.log_softmax(self.l2(x), dim=1)  # expect: log_softmax output cross_entropy

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = F.cross_entropy(self(x), y)
        self.log("train_loss", loss)
        return loss

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.lr)
