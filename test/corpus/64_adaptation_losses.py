import torch
import torch.nn as nn
import torch.nn.functional as F


# Losses for test-time adaptation, kept in one module next to a small scoring head. Nothing here
# builds the head or trains it: the adaptation script imports what it needs. The divergence and the
# BCE below judge a softmax or a sigmoid computed in their own call, which says nothing about what
# the head would be trained with.
class ConfidenceHead(nn.Module):
    def __init__(self, dim, n_classes):
        super().__init__()
        self.proj = nn.Linear(dim, n_classes)

    def forward(self, feats, labels):
        probs = self.proj(feats).softmax(1)  # expect: softmax output -
        return probs.gather(1, labels[:, None]).squeeze(1)


def entropy(logits):
    p = logits.softmax(1)  # expect: softmax - -
    return -(p * logits.log_softmax(1)).sum(1)  # expect: log_softmax - -


def teacher_agreement(student_logits, teacher_logits, T=2.0):
    q = F.softmax(teacher_logits / T, dim=-1)  # expect: softmax - -
    return F.kl_div(torch.softmax(student_logits / T, dim=-1), q, reduction="batchmean") * T * T  # expect: softmax - kl_div


def mask_bce(mask_logits, mask):
    return F.binary_cross_entropy(torch.sigmoid(mask_logits).flatten(1), mask.flatten(1))  # expect: sigmoid - binary_cross_entropy
