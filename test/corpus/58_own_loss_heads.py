import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn import BCEWithLogitsLoss, CrossEntropyLoss


# Heads that compute their training loss in their own forward, on the logits, and hand the
# probabilities back for inference: the activation never meets the loss.
class RewardCritic(nn.Module):
    def __init__(self, encoder, hidden):
        super().__init__()
        self.encoder = encoder
        self.score = nn.Linear(hidden, 1)

    def forward(self, input_ids, attention_mask, labels=None):
        h = self.encoder(input_ids, attention_mask=attention_mask)[0][:, 0]
        logits = self.score(h)
        probs = torch.sigmoid(logits)  # expect: sigmoid output -
        if labels is not None:
            loss_fct = BCEWithLogitsLoss()
            return loss_fct(logits, labels.float().unsqueeze(1)), probs
        return probs


class IntentHead(nn.Module):
    def __init__(self, hidden, n_intents, weights=None):
        super().__init__()
        self.pre = nn.Linear(hidden, hidden)
        self.cls = nn.Linear(hidden, n_intents)
        self.criterion = CrossEntropyLoss(weight=weights)

    def forward(self, pooled, intent=None):
        logits = self.cls(F.gelu(self.pre(pooled)))  # expect: gelu hidden CrossEntropyLoss
        out = {"logits": logits, "probs": logits.softmax(-1)}  # expect: softmax output -
        if intent is not None:
            out["loss"] = self.criterion(logits, intent)
        return out


# A model that only holds its loss for a trainer the file does not have: that loss is its own.
class SpanScorer(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.proj = nn.Linear(hidden, 2)
        self.loss = nn.SmoothL1Loss()

    def forward(self, h):
        return torch.sigmoid(self.proj(h))  # expect: sigmoid output SmoothL1Loss
