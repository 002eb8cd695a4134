"""What PyTorch computes for the hand-written log_softmax spellings AL303 rewrites to
torch.log_softmax (issue 15, real code, session 15): `x - x.exp().sum(d, keepdim=True).log()`,
`x - torch.log(torch.sum(torch.exp(x), d, keepdim=True))` and the PyTorch tutorial's
`x - x.exp().sum(d).log().unsqueeze(d)`, for 1-4-D input and every dim; and what they give for
scores of 1000 (exp overflows) and -1000 (exp underflows), where torch.log_softmax stays finite.
Writes test/fixtures/lint/hand-logsoftmax.json. Run with /usr/bin/python3 (python3-torch)."""
import json
import os

import torch

torch.manual_seed(0)
forms = {
    "method keepdim": lambda x, d: x - x.exp().sum(d, keepdim=True).log(),
    "torch.log(torch.sum(..., keepdim=True))": lambda x, d: x - torch.log(torch.sum(torch.exp(x), d, keepdim=True)),
    "sum(d).log().unsqueeze(d)": lambda x, d: x - x.exp().sum(d).log().unsqueeze(d),
}
rows = []
for shape in [(5,), (3, 4), (2, 3, 4), (2, 3, 2, 5)]:
    x = torch.randn(*shape) * 3
    for d in range(-len(shape), len(shape)):
        ref = torch.log_softmax(x, dim=d)
        for name, f in forms.items():
            y = f(x, d)
            rows.append({"shape": list(shape), "dim": d, "form": name,
                         "sameShape": list(y.shape) == list(ref.shape),
                         "maxDiff": float((y - ref).abs().max())})
def js(values):
    """JSON has no infinities: those are written as the strings Python prints ('inf', '-inf')."""
    return [v if abs(v) != float("inf") else str(v) for v in values]


big = torch.tensor([[1000.0, 1001.0, 1002.0]])
small = -big
out = {
    "torch": torch.__version__,
    "rows": rows,
    "large": {"handWritten": js(big.sub(big.exp().sum(1, keepdim=True).log()).tolist()[0]),
              "logSoftmax": torch.log_softmax(big, dim=1).tolist()[0]},
    "small": {"handWritten": js(small.sub(small.exp().sum(1, keepdim=True).log()).tolist()[0]),
              "logSoftmax": torch.log_softmax(small, dim=1).tolist()[0]},
}
path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "lint", "hand-logsoftmax.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1, allow_nan=False)
    f.write("\n")
print(len(rows), "rows", out["large"], out["small"])
