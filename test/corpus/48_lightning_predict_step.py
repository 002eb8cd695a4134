import torch
import torch.nn as nn
import torch.nn.functional as F
import lightning.pytorch as pl


# Hooks the framework calls (predict_step, validation_step) work on the model's own output
# (`self(x)`): what they compute is outside the model, so a softmax there is no layer.
class ReviewClassifier(pl.LightningModule):
    def __init__(self, vocab, dim=128, classes=3):
        super().__init__()
        self.emb = nn.EmbeddingBag(vocab, dim)
        self.hidden = nn.Linear(dim, dim)
        self.head = nn.Linear(dim, classes)

    def forward(self, tokens, offsets):
        h = F.gelu(self.hidden(self.emb(tokens, offsets)))  # expect: gelu hidden cross_entropy
        return self.head(h)

    def training_step(self, batch, batch_idx):
        tokens, offsets, y = batch
        loss = F.cross_entropy(self(tokens, offsets), y)
        self.log("train_loss", loss)
        return loss

    def validation_step(self, batch, batch_idx):
        tokens, offsets, y = batch
        probs = self(tokens, offsets).softmax(dim=-1)  # expect: softmax - -
        self.log("val_acc", (probs.argmax(-1) == y).float().mean())

    def predict_step(self, batch, batch_idx):
        tokens, offsets = batch
        logits = self(tokens, offsets)
        return {"logits": logits, "probs": torch.softmax(logits, dim=1)}  # expect: softmax - -

    def smooth(self, x):
        # A helper nothing in the file calls: its callers are elsewhere, and what it returns as it
        # is (no layer after it) may be a hidden layer's value or an output: no role is read.
        return torch.tanh(self.hidden(x))  # expect: tanh - -

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=2e-4)
