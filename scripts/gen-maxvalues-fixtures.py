"""What PyTorch computes for the maximum AL303 accepts as subtracted first when it is read off the
pair torch.max returns (issue 15, real code, session 15): `torch.max(x, dim=d).values` is
`torch.max(x, dim=d)[0]`, and `exp(x - m) / exp(x - m).sum(d, keepdim=True)` with that maximum put
back in shape (`keepdim=True`, `[:, None]`, `.unsqueeze(d)`, or dim 0 broadcasting by itself) stays
finite for scores in the thousands, where the unshifted form is nan, and equals torch.softmax.
Writes test/fixtures/lint/max-values.json. Run with /usr/bin/python3 (python3-torch)."""
import json
import os

import torch

torch.manual_seed(0)
x = torch.randn(3, 4) * 3 + 1000.0
rows = []
for name, dim, shifted in [
    ("keepdim .values, dim -1", -1, lambda: torch.max(x, dim=-1, keepdim=True).values),
    ("pair .values, dim 0 (broadcasts by itself)", 0, lambda: torch.max(x, dim=0).values),
    ("[0] then [:, None], dim 1", 1, lambda: x.max(1)[0][:, None]),
    ("amax then unsqueeze(1).detach(), dim 1", 1, lambda: torch.amax(x, dim=1).unsqueeze(1).detach()),
]:
    m = shifted()
    e = torch.exp(x - m)
    p = e / e.sum(dim, keepdim=True)
    rows.append({
        "name": name,
        "finite": bool(torch.isfinite(p).all()),
        "maxDiffFromSoftmax": float((p - torch.softmax(x, dim=dim)).abs().max()),
    })
pair = torch.max(x, dim=1)
unshifted = torch.exp(x) / torch.exp(x).sum(1, keepdim=True)
out = {
    "torch": torch.__version__,
    "valuesIsFirst": bool(torch.equal(pair.values, pair[0])),
    "unshiftedAllNan": bool(torch.isnan(unshifted).all()),
    "rows": rows,
}
path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "lint", "max-values.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(json.dumps(out))
