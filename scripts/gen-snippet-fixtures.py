#!/usr/bin/env python3
"""Runs the softmax playground's snippet under real PyTorch for a few score lists, written with
integer literals (what the playground used to print) and with float literals, and records the
printout or the error text: test/fixtures/torch/snippets.json. Run with /usr/bin/python3."""
import contextlib, io, json, torch

def fmt(v, floats):
    if floats:
        return '[' + ', '.join(repr(float(x)) for x in v) + ']'
    return '[' + ', '.join(str(x) for x in v) + ']'

cases = []
for scores in ([1, 2, 3], [0.2, 0.02, 0.15, 0.15, 1.3, 0.5, 0.06, 1.1, 0.05, 3.75], [1000, 1001, 1002], [-2, 0, 5]):
    for floats in (False, True):
        code = f'scores = torch.tensor({fmt(scores, floats)})\nprobabilities = torch.softmax(scores, dim=0)\nprint(probabilities)'
        out = io.StringIO()
        try:
            with contextlib.redirect_stdout(out):
                exec(code, {'torch': torch})
            cases.append({'scores': scores, 'code': code, 'printout': out.getvalue().rstrip('\n')})
        except Exception as e:  # the point: what PyTorch says about Long scores
            cases.append({'scores': scores, 'code': code, 'error': str(e)})
with open('test/fixtures/torch/snippets.json', 'w') as f:
    json.dump({'torch': torch.__version__, 'cases': cases}, f, indent=1)
    f.write('\n')
