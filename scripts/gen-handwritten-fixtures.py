"""What PyTorch computes for the hand-written softmax spellings AL303 rewrites (issue 15, real code):
`exp(x) / exp(x).sum(d).unsqueeze(d)` against `exp(x) / exp(x).sum(d, keepdim=True)` and
`torch.softmax(x, dim=d)`, and the numpy-style `keepdims=True` against `keepdim=True`, for 1-4-D input and every dim, negative ones included. Writes
test/fixtures/lint/handwritten-softmax.json. Run with /usr/bin/python3 (python3-torch)."""
import json
import os

import torch

torch.manual_seed(0)
rows = []
for shape in [(5,), (3, 4), (2, 3, 4), (2, 3, 2, 5)]:
    x = torch.randn(*shape) * 3
    for d in range(-len(shape), len(shape)):
        e = torch.exp(x)
        unsq = e / e.sum(d).unsqueeze(d)
        kept = e / e.sum(d, keepdim=True)
        keepdims = e / e.sum(d, keepdims=True)
        ref = torch.softmax(x, dim=d)
        rows.append({
            "shape": list(shape), "dim": d,
            "sameShape": list(unsq.shape) == list(kept.shape) == list(ref.shape),
            "unsqueezeVsKeepdim": float((unsq - kept).abs().max()),
            "unsqueezeVsSoftmax": float((unsq - ref).abs().max()),
            "keepdimsVsKeepdim": float((keepdims - kept).abs().max()) if keepdims.shape == kept.shape else None,
        })
# A sum unsqueezed at another dim is not the softmax (square input, so it still broadcasts).
x = torch.randn(3, 3)
e = torch.exp(x)
mixed = e / e.sum(1).unsqueeze(0)
rows_other = {"shape": [3, 3], "sumDim": 1, "unsqueezeDim": 0,
              "maxDiffFromSoftmaxDim1": float((mixed - torch.softmax(x, dim=1)).abs().max())}
out = {"torch": torch.__version__, "rows": rows, "otherDim": rows_other}
path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "lint", "handwritten-softmax.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(len(rows), "rows")
