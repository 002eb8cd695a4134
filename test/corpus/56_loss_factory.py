import torch
import torch.nn as nn
import torch.nn.functional as F


# Losses picked by name from a config: the factory hands back a PyTorch loss or one of the file's
# own, and the training script that calls it lives elsewhere.
def make_criterion(cfg):
    if cfg.loss == "ce":
        return nn.CrossEntropyLoss(label_smoothing=cfg.smoothing)
    if cfg.loss == "smooth":
        return SmoothTargetsCE(cfg.num_classes, cfg.smoothing)
    if cfg.loss == "poly":
        return PolyOneCE(cfg.num_classes, cfg.epsilon)
    return TemperedCE(cfg.t)


class SmoothTargetsCE(nn.Module):
    def __init__(self, num_classes, smoothing=0.1):
        super().__init__()
        self.num_classes = num_classes
        self.smoothing = smoothing

    def forward(self, logits, target):
        logp = logits.log_softmax(dim=-1)  # expect: log_softmax - -
        with torch.no_grad():
            soft = torch.full_like(logp, self.smoothing / (self.num_classes - 1))
            soft.scatter_(1, target.unsqueeze(1), 1.0 - self.smoothing)
        return torch.mean(torch.sum(-soft * logp, dim=-1))


class PolyOneCE(nn.Module):
    """Cross-entropy plus a polynomial term; the CE part is the smoothed loss above."""

    def __init__(self, num_classes, epsilon=1.0):
        super().__init__()
        self.base = SmoothTargetsCE(num_classes, 0.0)
        self.epsilon = epsilon

    def forward(self, logits, target):
        ce = self.base(logits, target)
        pt = F.softmax(logits, dim=1).gather(1, target.unsqueeze(1)).squeeze(1)  # expect: softmax - -
        poly = ce + self.epsilon * (1 - pt)
        poly = poly.mean()
        return poly


class _Normaliser(torch.autograd.Function):
    """Log-partition of tempered logits, with a gradient written by hand."""

    @staticmethod
    def forward(ctx, logits, t):
        shifted = logits - logits.max(dim=-1, keepdim=True).values
        z = torch.relu(1.0 + (1.0 - t) * shifted).pow(1.0 / (1.0 - t)).sum(-1, keepdim=True)  # expect: relu - -
        ctx.save_for_backward(logits, z)
        ctx.t = t
        return z

    @staticmethod
    def backward(ctx, grad):
        logits, z = ctx.saved_tensors
        w = torch.softmax(logits * ctx.t, dim=-1)  # expect: softmax - -
        return grad * w, None


def tempered_probs(logits, t):
    if t == 1.0:
        return torch.softmax(logits, dim=-1)  # expect: softmax - -
    return logits.sub(_Normaliser.apply(logits, t).log()).exp()


class TemperedCE(nn.Module):
    def __init__(self, t=1.5):
        super().__init__()
        self.t = t

    def forward(self, logits, target):
        probs = tempered_probs(logits, self.t)
        picked = probs.gather(1, target.unsqueeze(1)).clamp_min(1e-7)
        return -picked.log().mean()
