"""What PyTorch computes for the hand-written softmax Udacity's intro notebook teaches,
`torch.exp(x) / torch.sum(torch.exp(x), dim=1).view(-1, 1)` (issue 15, real code, session 15): for 2-D
input, `.view(-1, 1)` / `.reshape(-1, 1)` of the sum over dim 1 (or -1) is the kept-dim sum, so the
quotient is torch.softmax(x, dim=1); for 3-D input the column does not broadcast (an error) or, where it
does, is not the softmax — hence AL303's fix there is unsafe. Writes test/fixtures/lint/column-view.json.
Run with /usr/bin/python3 (python3-torch)."""
import json
import os

import torch

torch.manual_seed(0)
x = torch.randn(64, 10) * 3
e = torch.exp(x)
ref = torch.softmax(x, dim=1)
rows = {
    "sum(1).view(-1, 1)": float((e / e.sum(1).view(-1, 1) - ref).abs().max()),
    "sum(dim=1).reshape(-1, 1)": float((e / e.sum(dim=1).reshape(-1, 1) - ref).abs().max()),
    "sum(-1).view(-1, 1)": float((e / e.sum(-1).view(-1, 1) - ref).abs().max()),
}
x3 = torch.randn(2, 3, 4)
e3 = torch.exp(x3)
try:
    e3 / e3.sum(1).view(-1, 1)
    three_d = "ran"
except RuntimeError as err:
    three_d = "RuntimeError: " + str(err).split("\n")[0]
# a 3-D shape where the column does broadcast: (2, 16, 8) summed over dim 1 is (2, 8), a column of 16 rows
x4 = torch.randn(2, 16, 8)
e4 = torch.exp(x4)
odd = e4 / e4.sum(1).view(-1, 1)
out = {
    "torch": torch.__version__,
    "twoD": rows,
    "threeD": three_d,
    "broadcastsButDiffers": float((odd - torch.softmax(x4, dim=1)).abs().max()),
}
path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "lint", "column-view.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(json.dumps(out))
