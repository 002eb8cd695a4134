import torch
import torch.nn as nn
import torch.nn.functional as F


# Focal losses compute the probability only to weight the loss on the logits: the sigmoid goes
# into the loss's weight (or into arithmetic on its result), never into its input.
class BinaryFocal(nn.Module):
    def __init__(self, gamma=2.0):
        super().__init__()
        self.gamma = gamma

    def forward(self, logits, y):
        p = logits.sigmoid()  # expect: sigmoid - -
        p_t = p * y + (1 - p) * (1 - y)
        w = (1 - p_t).pow(self.gamma).detach()
        return F.binary_cross_entropy_with_logits(logits, y, w)


def retina_focal(logits, y, alpha=0.25, gamma=2.0):
    prob = torch.sigmoid(logits)  # expect: sigmoid - -
    ce = F.binary_cross_entropy_with_logits(logits, y, reduction="none")
    p_t = prob * y + (1 - prob) * (1 - y)
    a_t = alpha * y + (1 - alpha) * (1 - y)
    return (a_t * ce * (1 - p_t) ** gamma).mean()


def weighted_bce(logits, y):
    conf = torch.sigmoid(logits.detach())  # expect: sigmoid - -
    return nn.BCEWithLogitsLoss(weight=conf)(logits, y)


# The mistake is still a mistake: the sigmoid as the input of the logits loss.
def double_sigmoid(logits, y, w):
    return F.binary_cross_entropy_with_logits(torch.sigmoid(logits), y, weight=w)  # expect: sigmoid - binary_cross_entropy_with_logits
