import torch
import torch.nn as nn
import torch.nn.functional as F


# Distillation written through variables and a KLDivLoss object: the teacher's softmax is the
# target (what the student is compared with), so it has no loss of its own; the student's
# log_softmax is the input KLDivLoss wants.
kl = nn.KLDivLoss(reduction="batchmean")


def distill_step(student, teacher, x, y, T=3.0, alpha=0.7):
    with torch.no_grad():
        t_logits = teacher(x)
    s_logits = student(x)
    soft_t = F.softmax(t_logits / T, dim=1)  # expect: softmax - -
    log_s = F.log_softmax(s_logits / T, dim=1)  # expect: log_softmax - KLDivLoss
    soft = kl(log_s, soft_t) * T * T
    hard = F.cross_entropy(s_logits, y)
    return alpha * soft + (1 - alpha) * hard


def distill_keywords(s_logits, t_logits, T=2.0):
    return F.kl_div(input=F.log_softmax(s_logits / T, dim=-1), target=F.softmax(t_logits / T, dim=-1), reduction="batchmean")  # expect: log_softmax - kl_div | softmax - -


# A mistake the lint must still catch: the student's probabilities (not log-probabilities) as input.
def wrong_distill(s_logits, t_logits):
    q = torch.softmax(t_logits, dim=1)  # expect: softmax - -
    p = torch.softmax(s_logits, dim=1)  # expect: softmax - kl_div
    return F.kl_div(p, q, reduction="batchmean")


# The log is taken after the softmax: NLLLoss then gets log-probabilities (AL301, not AL102).
def nll_of_log(logits, y):
    probs = logits.softmax(dim=1)  # expect: softmax - -
    return F.nll_loss(torch.log(F.softmax(logits, dim=1)), y)  # expect: softmax - nll_loss


# The log taken on the way, with a floor against log(0): NLLLoss still gets log-probabilities.
def nll_with_floor(logits, y):
    probs = F.softmax(logits, dim=1)  # expect: softmax - nll_loss
    return F.nll_loss(torch.log(probs + 1e-8), y)


def nll_with_clamp(logits, y):
    return F.nll_loss(F.softmax(logits, dim=1).clamp(min=1e-7).log(), y)  # expect: softmax - nll_loss
