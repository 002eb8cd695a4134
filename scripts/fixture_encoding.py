"""How the fixture generators write PyTorch's numbers into JSON, shared by every gen-*.py script.

JSON numbers by repr (what json.dump writes for a float), and the values JSON has no number for as
strings: "nan", "inf", "-inf", and "-0" for negative zero (the engine's tests check the sign).
"""
import math


def enc(v):
    v = float(v)
    if math.isnan(v):
        return 'nan'
    if math.isinf(v):
        return 'inf' if v > 0 else '-inf'
    if v == 0:
        return '-0' if math.copysign(1.0, v) < 0 else 0
    return v


def enc_list(t):
    """A tensor's values, flattened in row-major order."""
    return [enc(v) for v in t.detach().reshape(-1).tolist()]
