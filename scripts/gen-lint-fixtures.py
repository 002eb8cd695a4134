"""PyTorch's own behaviour behind the lint rules' claims (AL1xx-AL3xx), recorded from the
installed PyTorch. Run with Debian's /usr/bin/python3 (python3-torch 1.13):

    /usr/bin/python3 scripts/gen-lint-fixtures.py

Writes test/fixtures/lint/torch-behaviour.json; test/unit/lint/torch-claims.test.ts checks that
the rule pages and messages say what this file records."""
import json
import math
import os
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
out = {"torch": torch.__version__}


def outcome(fn):
    """What a call does: its value, the warnings it raised, or the error it raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value = fn()
            r = {"ok": True}
            if isinstance(value, torch.Tensor):
                r["value"] = [None if math.isnan(v) else v for v in value.detach().reshape(-1).tolist()]
                r["shape"] = list(value.shape)
        except Exception as e:  # noqa: BLE001 - recording PyTorch's own error
            r = {"ok": False, "error": type(e).__name__, "message": str(e).split("\n")[0]}
    r["warnings"] = [str(w.message) for w in caught]
    return r


def fmt(v):
    """JSON has no inf/nan: keep them as strings."""
    if isinstance(v, float) and (math.isinf(v) or math.isnan(v)):
        return str(v)
    if isinstance(v, list):
        return [fmt(x) for x in v]
    if isinstance(v, dict):
        return {k: fmt(x) for k, x in v.items()}
    return v


# AL201: softmax without dim. Which spellings fail, which warn, and which dim the implicit rule picks.
x2 = torch.randn(2, 3)
out["AL201"] = {
    "torch.softmax(x)": outcome(lambda: torch.softmax(x2)),
    "x.softmax()": outcome(lambda: x2.softmax()),
    "torch.log_softmax(x)": outcome(lambda: torch.log_softmax(x2)),
    "x.log_softmax()": outcome(lambda: x2.log_softmax()),
    "F.softmax(x)": outcome(lambda: F.softmax(x2)),
    "F.log_softmax(x)": outcome(lambda: F.log_softmax(x2)),
    "F.softmin(x)": outcome(lambda: F.softmin(x2)),
    "nn.Softmax()(x)": outcome(lambda: nn.Softmax()(x2)),
}
implicit = {}
for ndim in range(0, 5):
    shape = [2] * ndim
    t = torch.arange(float(2 ** ndim)).reshape(shape) if ndim else torch.tensor(0.5)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = F.softmax(t)
    picked = None
    for d in range(max(ndim, 1)):
        ref = torch.softmax(t, d if ndim else 0)
        if torch.equal(ref, got):
            picked = d
            break
    implicit[str(ndim)] = picked
out["AL201"]["implicitDim"] = implicit

# AL202: F.tanh / F.sigmoid.
xs = torch.tensor([-1.0, 0.0, 2.0])
out["AL202"] = {
    "F.tanh(x)": outcome(lambda: F.tanh(xs)),
    "F.sigmoid(x)": outcome(lambda: F.sigmoid(xs)),
    "sameAsTorch": bool(torch.equal(F.tanh(xs), torch.tanh(xs)) and torch.equal(F.sigmoid(xs), torch.sigmoid(xs))),
}

# Float32 limits quoted by the pages.
f32 = torch.finfo(torch.float32)
out["float32"] = {
    "expOverflowAbove": math.log(f32.max),
    "expOf88.72": torch.exp(torch.tensor(88.72)).item(),
    "expOf88.73": torch.exp(torch.tensor(88.73)).item(),
    "smallestSubnormalLog": math.log(2.0 ** -149),
}

# AL301: log of a softmax underflows where log_softmax does not.
s = torch.tensor([0.0, 120.0])
out["AL301"] = {
    "scores": s.tolist(),
    "log(softmax)": outcome(lambda: torch.log(F.softmax(s, 0))),
    "log_softmax": outcome(lambda: F.log_softmax(s, 0)),
}

# AL302: log of a sigmoid.
z = torch.tensor([-120.0, 0.0, 5.0])
out["AL302"] = {
    "x": z.tolist(),
    "log(sigmoid)": outcome(lambda: torch.log(torch.sigmoid(z))),
    "logsigmoid": outcome(lambda: F.logsigmoid(z)),
}
# ... and of one minus a sigmoid, the other half of a hand-written BCE (session 16, real code):
# sigmoid rounds to 1 from about 16.6 on, where log(1 - sigmoid(x)) = log(sigmoid(-x)) is -inf.
zc = torch.tensor([20.0, 16.0, 0.0, -5.0])
grid = torch.arange(15.0, 18.0, 0.0001)
out["AL302"]["complement"] = {
    "x": zc.tolist(),
    "log(1 - sigmoid)": outcome(lambda: torch.log(1 - torch.sigmoid(zc))),
    "logsigmoid(-x)": outcome(lambda: F.logsigmoid(-zc)),
    "sigmoidIsOneFrom": grid[(torch.sigmoid(grid) == 1).nonzero()[0].item()].item(),
}

# AL303: hand-written softmax overflows.
big = torch.tensor([[1000.0, 1001.0, 1002.0]])
out["AL303"] = {
    "x": big.tolist(),
    "exp/sum": outcome(lambda: torch.exp(big) / torch.exp(big).sum(1, keepdim=True)),
    "softmax": outcome(lambda: torch.softmax(big, dim=1)),
}
small = torch.tensor([[0.5, -1.0, 2.0]])
out["AL303"]["equalWhereFinite"] = bool(torch.allclose(torch.exp(small) / torch.exp(small).sum(1, keepdim=True), torch.softmax(small, dim=1), rtol=1e-6, atol=0))


# AL304: hand-written sigmoid: the forward is fine, its gradient is not.
def hand_grad(v):
    t = torch.tensor([v], requires_grad=True)
    (1 / (1 + torch.exp(-t))).sum().backward()
    return t.grad.item()


def torch_grad(v):
    t = torch.tensor([v], requires_grad=True)
    torch.sigmoid(t).sum().backward()
    return t.grad.item()


out["AL304"] = {
    "x": -100.0,
    "hand": outcome(lambda: 1 / (1 + torch.exp(-torch.tensor([-100.0])))),
    "sigmoid": outcome(lambda: torch.sigmoid(torch.tensor([-100.0]))),
    "handGrad": hand_grad(-100.0),
    "sigmoidGrad": torch_grad(-100.0),
}
# ... and written exp(x) / (1 + exp(x)): the forward itself is inf / inf where exp(x) overflows.
big_x = torch.tensor([88.0, 89.0, 100.0])
out["AL304"]["overExp"] = {
    "x": big_x.tolist(),
    "exp/(1+exp)": outcome(lambda: torch.exp(big_x) / (1 + torch.exp(big_x))),
    "sigmoid": outcome(lambda: torch.sigmoid(big_x)),
}

# AL101: softmax before CrossEntropyLoss trains on a squashed loss.
logits = torch.tensor([[4.0, 0.0, 0.0]])
target = torch.tensor([0])
out["AL101"] = {
    "logits": logits.tolist(),
    "ce(logits)": F.cross_entropy(logits, target).item(),
    "ce(softmax(logits))": F.cross_entropy(F.softmax(logits, 1), target).item(),
    "ce(softmax) floor for 3 classes": F.cross_entropy(torch.tensor([[1.0, 0.0, 0.0]]), target).item(),
}

g = torch.Generator().manual_seed(0)
z45 = torch.randn(4, 5, generator=g)
y4 = torch.tensor([0, 1, 2, 3])
out["AL101"]["ce(log_softmax(z)) 4x5"] = F.cross_entropy(F.log_softmax(z45, 1), y4).item()
out["AL101"]["ce(z) 4x5"] = F.cross_entropy(z45, y4).item()

# AL102: NLLLoss on probabilities.
p = F.softmax(logits, 1)
out["AL102"] = {
    "nll(softmax)": F.nll_loss(p, target).item(),
    "nll(log_softmax)": F.nll_loss(F.log_softmax(logits, 1), target).item(),
}

# AL103/AL104: sigmoid + BCELoss saturates; sigmoid twice.
lg = torch.tensor([20.0])
y0 = torch.tensor([0.0])
out["AL103"] = {
    "logit": 20.0, "target": 0.0,
    "bce(sigmoid)": F.binary_cross_entropy(torch.sigmoid(lg), y0).item(),
    "bceWithLogits": F.binary_cross_entropy_with_logits(lg, y0).item(),
    "bce(sigmoid(200))": F.binary_cross_entropy(torch.sigmoid(torch.tensor([200.0])), y0).item(),
    "bceWithLogits(200)": F.binary_cross_entropy_with_logits(torch.tensor([200.0]), y0).item(),
}
y1 = torch.tensor([1.0])
# MultiLabelSoftMarginLoss is BCEWithLogitsLoss averaged over the classes: it applies sigmoid itself.
gm = torch.Generator().manual_seed(0)
ml_x = torch.randn(4, 3, generator=gm)
ml_y = torch.randint(0, 2, (4, 3), generator=gm).float()
out["multilabelSoftMargin"] = {
    "mlsm(x)": nn.MultiLabelSoftMarginLoss()(ml_x, ml_y).item(),
    "bceWithLogits(x)": nn.BCEWithLogitsLoss()(ml_x, ml_y).item(),
    "mlsm(sigmoid(20, 20, -20)), target [1, 1, 0]": nn.MultiLabelSoftMarginLoss()(torch.sigmoid(torch.tensor([[20.0, 20.0, -20.0]])), torch.tensor([[1.0, 1.0, 0.0]])).item(),
}
out["AL104"] = {
    "bceWithLogits(sigmoid(-20)), target 1": F.binary_cross_entropy_with_logits(torch.sigmoid(torch.tensor([-20.0])), y1).item(),
    "lowest reachable (sigmoid(+inf) = 1)": F.binary_cross_entropy_with_logits(torch.tensor([1.0]), y1).item(),
}

# AL108: softmax applied to probabilities again: they are squeezed toward uniform, and NLLLoss after
# log_softmax of probabilities can never go below log(e + C - 1) - 1 (one-hot probabilities, C classes).
two = torch.tensor([0.9, 0.1])
ten_onehot = torch.zeros(1, 10)
ten_onehot[0, 0] = 1.0
confident = F.softmax(torch.tensor([[8.0] + [0.0] * 9]), 1)
out["AL108"] = {
    "p": two.tolist(),
    "softmax(p)": F.softmax(two, 0).tolist(),
    "nll(log_softmax(onehot)) 10 classes": F.nll_loss(F.log_softmax(ten_onehot, 1), torch.tensor([0])).item(),
    "confident p[0] 10 classes": confident[0, 0].item(),
    "nll(log_softmax(confident)) 10 classes": F.nll_loss(F.log_softmax(confident, 1), torch.tensor([0])).item(),
    "nll(log_softmax(logits)) 10 classes": F.nll_loss(F.log_softmax(torch.tensor([[8.0] + [0.0] * 9]), 1), torch.tensor([0])).item(),
}

# AL109: the target of KLDivLoss in the other form than log_target says.
gs = torch.Generator().manual_seed(0)
s_logits = torch.randn(4, 5, generator=gs)
t_logits = torch.randn(4, 5, generator=gs)
ls, lt = F.log_softmax(s_logits, 1), F.log_softmax(t_logits, 1)
ps, pt = F.softmax(s_logits, 1), F.softmax(t_logits, 1)
out["AL109"] = {
    "kl(log p_s, log p_t)": F.kl_div(ls, lt, reduction="batchmean").item(),
    "kl(log p_s, log p_t, log_target=True)": F.kl_div(ls, lt, reduction="batchmean", log_target=True).item(),
    "kl(log p_s, p_t)": F.kl_div(ls, pt, reduction="batchmean").item(),
    "kl(log p_s, p_t, log_target=True)": F.kl_div(ls, pt, reduction="batchmean", log_target=True).item(),
    "kl(log p_s, p_s)": F.kl_div(ls, ps, reduction="batchmean").item(),
    "kl(log p_s, p_s, log_target=True)": F.kl_div(ls, ps, reduction="batchmean", log_target=True).item(),
}

# AL110: softmax into BCELoss: the outputs compete (they sum to 1), where BCELoss scores each alone.
one_channel = torch.tensor([[3.0], [-2.0]])
multi = torch.tensor([[1.0, 1.0, 0.0]])
out["AL110"] = {
    "softmax over one channel": F.softmax(one_channel, 1).flatten().tolist(),
    "bce(softmax one channel, target 0)": F.binary_cross_entropy(F.softmax(one_channel, 1), torch.zeros(2, 1)).item(),
    "best bce(softmax) for target [1, 1, 0]": F.binary_cross_entropy(torch.tensor([[0.5, 0.5, 0.0]]), multi).item(),
    "bce(sigmoid) for target [1, 1, 0], logits (8, 8, -8)": F.binary_cross_entropy(torch.sigmoid(torch.tensor([[8.0, 8.0, -8.0]])), multi).item(),
}

# AL111: NLLLoss on raw scores: it takes -score[target], so it falls as the scores grow.
raw = torch.tensor([[5.0, 0.0, 0.0]])
raw_big = torch.tensor([[50.0, 0.0, 0.0]])
out["AL111"] = {
    "nll(raw [5, 0, 0])": F.nll_loss(raw, torch.tensor([0])).item(),
    "nll(raw [50, 0, 0])": F.nll_loss(raw_big, torch.tensor([0])).item(),
    "nll(log_softmax [5, 0, 0])": F.nll_loss(F.log_softmax(raw, 1), torch.tensor([0])).item(),
}

path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "lint", "torch-behaviour.json")
with open(path, "w") as f:
    json.dump(fmt(out), f, indent=1)
    f.write("\n")
print("wrote", os.path.normpath(path))
