#!/usr/bin/python3
"""Writes test/fixtures/lab/glibc-libm.json: glibc's own log, sin, cos, pow and fma on chosen inputs.

Python's math.log/sin/cos are glibc's (on an x86-64 CPU with FMA, its __log_fma, __sin_fma,
__cos_fma: the ones Debian's PyTorch calls in its float64 Box–Muller; math.pow, __pow_fma, what
Python's `beta ** step` in Adam calls); fma is glibc's, through
ctypes. Inputs: the Box–Muller domains (log of 1 − u on (0, 1], sin and cos of 2π·u on [0, 2π)),
the rest of each function's range, and the hard cases: inputs where glibc's result is not the
correctly rounded one (found against the decimal module at 60 digits), which a correctly
rounded implementation would get "wrong". fma: random, cancelling and halfway cases, where a
product rounded before the addition would differ. Values are IEEE bit patterns in hex.
Run with /usr/bin/python3 (Debian 12, glibc 2.36).
"""
import ctypes, json, math, os, random, struct
from decimal import Decimal, getcontext

getcontext().prec = 60
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'lab', 'glibc-libm.json')
libm = ctypes.CDLL('libm.so.6')
libm.fma.restype = ctypes.c_double
libm.fma.argtypes = [ctypes.c_double] * 3
rng = random.Random(20261205)


def hx(x):
    return '%016x' % struct.unpack('<Q', struct.pack('<d', x))[0]


def u53():
    return rng.getrandbits(53) * 2.0 ** -53


def bits_double(lo, hi):
    return struct.unpack('<d', struct.pack('<Q', rng.randrange(lo, hi)))[0]


def cr_log(x):
    return float(Decimal(x).ln())


def dec_sin_cos(x):
    d = Decimal(x)
    d2 = d * d
    s = term = d
    c = cterm = Decimal(1)
    k = 1
    while abs(term) > Decimal(10) ** -70 or abs(cterm) > Decimal(10) ** -70:
        cterm = -cterm * d2 / ((2 * k - 1) * (2 * k))
        term = -term * d2 / ((2 * k) * (2 * k + 1))
        c += cterm
        s += term
        k += 1
    return float(s), float(c)


def hard(fn, cr, draw, want):
    found = []
    while len(found) < want:
        x = draw()
        if fn(x) != cr(x):
            found.append(x)
    return found


cases = {'log': [], 'sin': [], 'cos': []}
# log: the Box–Muller domain (1 − u, 53-bit u), the region near 1 that has its own polynomial,
# subnormals, the whole positive range, and the specials
logs = [1 - u53() for _ in range(600)]
logs += [1 + (u53() - 0.5) * 0.14 for _ in range(150)]
logs += [1 - u53() * 2.0 ** -rng.randrange(1, 50) for _ in range(100)]
logs += [bits_double(1, 1 << 52) for _ in range(50)]
logs += [bits_double(1 << 52, 0x7ff0000000000000) for _ in range(200)]
logs += [1.0, 2.0 ** -1074, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 0.5, 2.0, math.e, 1 - 2.0 ** -53,
         1 + 2.0 ** -52, 0.9375, 1.064453125, 0.0, -0.0, -1.0, math.inf]
logs += hard(math.log, cr_log, lambda: 1 - u53(), 150)
for x in logs:
    try:
        y = math.log(x)
    except ValueError:
        y = -math.inf if x == 0 else math.nan
    cases['log'].append([hx(x), hx(y)])

# sin/cos: 2π·u, then the rest of |x| < 105414350 (glibc's own reduction) including the small
# and the 0.855–2.43 bands that take their own paths
trig = [2 * math.pi * u53() for _ in range(600)]
trig += [(u53() - 0.5) * 6 for _ in range(150)]
trig += [math.ldexp(u53(), -rng.randrange(0, 40)) * rng.choice([1, -1]) for _ in range(100)]
trig += [(u53() - 0.5) * 2.1e8 for _ in range(100)]
trig += [0.0, -0.0, 2.0 ** -27, 2.0 ** -26, 0.126, -0.126, 0.85546875, 2.426265, math.pi / 2, math.pi, 2 * math.pi,
         105414349.0, -105414349.0]
sin_hard = hard(math.sin, lambda x: dec_sin_cos(x)[0], lambda: 2 * math.pi * u53(), 100)
cos_hard = hard(math.cos, lambda x: dec_sin_cos(x)[1], lambda: 2 * math.pi * u53(), 100)
for x in trig + sin_hard:
    cases['sin'].append([hx(x), hx(math.sin(x))])
for x in trig + cos_hard:
    cases['cos'].append([hx(x), hx(math.cos(x))])

# pow on its main path (x > 0, |y·ln x| < 512): Adam's β^t (whole t), real exponents, and powers
# where glibc is not correctly rounded
pows = [[rng.choice([u53(), 1 - u53() * 0.2]), float(rng.randrange(1, 5000))] for _ in range(500)]
pows += [[u53() * 20, (u53() - 0.5) * 40] for _ in range(300)]
pows = [[x, y] for x, y in pows if x > 0 and abs(y * math.log(x)) < 500]


def cr_pow(x, y):
    return float(Decimal(x) ** (int(y) if y.is_integer() else Decimal(y)))


while len(pows) < 900:
    x, y = 1 - u53() * 0.5, float(rng.randrange(1, 3000))
    if abs(y * math.log(x)) < 500 and math.pow(x, y) != cr_pow(x, y):
        pows.append([x, y])
cases['pow'] = [[hx(x), hx(y), hx(math.pow(x, y))] for x, y in pows]

# fma: random operands, c cancelling most of a·b, and sums that land on (or next to) a halfway
# point of the product's rounding, where round(round(a·b) + c) differs
fmas = []


def mant(bits_):
    return rng.getrandbits(bits_) | (1 << (bits_ - 1))


for _ in range(400):
    fmas.append([math.ldexp(mant(53), rng.randrange(-80, 40)) * rng.choice([1, -1]) for _ in range(3)])
for _ in range(400):
    a = math.ldexp(mant(53), -52) * rng.choice([1, -1])
    b = math.ldexp(mant(53), -52 - rng.randrange(0, 8))
    p = a * b
    e = math.frexp(p)[1]
    pick = rng.randrange(5)
    if pick == 0:
        c = -p
    elif pick == 1:
        c = -p + math.ldexp(rng.randrange(-4, 5), e - 53)
    elif pick == 2:
        c = math.ldexp(1.0, e - 54 - rng.randrange(3)) * rng.choice([1, -1])
    elif pick == 3:
        c = math.ldexp(mant(53), e - 52 - rng.randrange(40, 110)) * rng.choice([1, -1])
    else:
        c = math.ldexp(mant(53), e - 52 + rng.randrange(-3, 4))
    fmas.append([a, b, c])
for _ in range(200):
    a = math.ldexp(mant(rng.randrange(1, 54)), -rng.randrange(0, 60))
    b = math.ldexp(mant(rng.randrange(1, 54)), -rng.randrange(0, 60)) * rng.choice([1, -1])
    fmas.append([a, b, math.ldexp(rng.getrandbits(53), math.frexp(a * b)[1] - rng.randrange(53, 110))])
fmas += [[1e308, 10.0, -1e308 * 10 + 1e300], [2.0 ** -600, 2.0 ** -600, 2.0 ** -1074], [2.0 ** -537, 2.0 ** -537, -0.0],
         [-0.0, 1.0, -0.0], [0.0, -1.0, 0.0], [3.0, 2.0 ** -1074, 2.0 ** -1073], [math.inf, 0.0, 1.0],
         [1.7976931348623157e308, 1.0000000000000002, -1.7976931348623157e308]]
rounded_first = 0
for a, b, c in fmas:
    r = libm.fma(a, b, c)
    if not math.isnan(r) and r != a * b + c:
        rounded_first += 1
cases['fma'] = [[hx(a), hx(b), hx(c), hx(libm.fma(a, b, c))] for a, b, c in fmas]

with open(OUT, 'w') as f:
    json.dump({'note': 'glibc 2.36 log/sin/cos/pow (x86-64 FMA variants) and fma; [input..., result] as IEEE bit patterns in hex',
               'fmaDifferFromTwoRoundings': rounded_first, 'cases': cases}, f, separators=(',', ':'))
    f.write('\n')
print('wrote', OUT, {k: len(v) for k, v in cases.items()}, 'fma cases where rounding the product first differs:', rounded_first)
