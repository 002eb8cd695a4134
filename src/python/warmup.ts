// What the first hover on a large file would otherwise pay once per process, paid while the
// parser loads instead. Measured on the 10,000-line bench file (process CPU time, all threads):
// the first parse costs ~450 ms against ~85 ms for the next ones, for two reasons outside
// tree-sitter's algorithm:
//   - V8 compiles the runtime's and the grammar's wasm lazily and tiers hot functions up to
//     optimised code on background threads: the first parse runs (and waits on) that work.
//   - the wasm memory's pages are fresh: the first parse takes a page fault for each page its
//     tree touches.
// One parse of a small file exercising most of the grammar (strings, f-strings, indentation,
// comprehensions, decorators, numbers…) and one write per memory page move both into
// initPython. Nothing here is semantic: a failure is ignored.
//
// What is left: that one parse already uses up the tier-up budget of the parse loop
// (ts_parser_parse_wasm), the lexer and the external scanner, so V8 starts compiling them with
// TurboFan at once (--trace-wasm-compilation-times shows it with no further parse); those
// compiles take 0.3–1.5 s on a busy 2-core machine. Measured there, the first 10,000-line parse
// after the load costs ~10% more than the next ones when the cores are free (~80 against ~73 ms,
// right after the load or seconds later) and up to ~30% more right after the load when they are
// not (the background compiles compete with it): the parse itself, not its warming, is most of a
// first hover on such a file.
import type { Parser } from 'web-tree-sitter';

export const SAMPLE = `"""A model, a loop and most of Python's syntax."""
from __future__ import annotations
import math, os.path as osp
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn import functional as fn, ReLU  # comment
from typing import Optional, List


@torch.no_grad()
def evaluate(model: nn.Module, xs: List[torch.Tensor], *args, scale: float = 1e-3, **kw) -> float:
    total, n = 0.0, 0
    for i, x in enumerate(xs):
        y = model(x).softmax(dim=-1)
        total += float(y.max()) * scale ** 2 - 0x1F + 0o7 + 0b1 + 1_000 + .5j
        n += 1 if i % 2 == 0 else -1
    while n > 0 and not total:
        n -= 1
    return total / max(n, 1)


class Net(nn.Module):
    """Docstring with 'quotes' and \\"escapes\\"."""
    heads: int = 4

    def __init__(self, d_in=784, d_out=10, act=nn.GELU):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(d_in, 256), nn.ReLU(inplace=True), nn.Dropout(p=0.1),
                                  nn.LeakyReLU(negative_slope=0.01), nn.Linear(256, d_out))
        self.act = act()
        self.table = {k: v for k, v in zip("abc", range(3))}
        self.items = [i * i for i in range(10) if i & 1]
        self.pairs = {(a, b) for a in range(2) for b in range(2)}
        self.fn = lambda t, k=2: t[..., :k].clamp(min=-1.0, max=1.0)

    @property
    def name(self) -> str:
        return f"{type(self).__name__}[{self.heads!r:>4}] {'x' * 3}" + r'\\d+' + b'raw'.decode()

    def forward(self, x):
        try:
            h = F.relu(self.body(x)) + torch.tanh(x) @ x.T
        except (ValueError, RuntimeError) as e:
            raise RuntimeError("bad input") from e
        finally:
            pass
        with torch.autocast("cpu"), open(osp.join("a", "b")) as f:
            assert f is not None, 'never'
        h[0, 1:3] = x.sigmoid()[::2]
        if (n := len(h)) > 3:
            yield from (v for v in h)
        elif n <= 1:
            global G
        else:
            del h
        return F.log_softmax(self.act(h), dim=1)


def train(model, loader, opt=None, epochs: int = 3):
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
    for epoch in range(epochs):
        for batch, labels in loader:
            loss = criterion(model(batch), labels)
            opt.zero_grad(); loss.backward(); opt.step()
        print(f"epoch {epoch}: {loss.item():.4f}", end="\\n")
    match epochs:
        case 0 | 1:
            return None
        case [first, *rest]:
            return first
        case {"k": value}:
            return value
        case _:
            return ...
`;

/** The wasm memory web-tree-sitter should use: one we hold, so its pages can be touched after loading. */
export function newWasmMemory(): WebAssembly.Memory | undefined {
  try {
    // emscripten's defaults for web-tree-sitter: 32 MB initial, 2 GB maximum (in 64 KB pages).
    return new WebAssembly.Memory({ initial: 512, maximum: 32768 });
  } catch {
    return undefined;
  }
}

export function warmUp(parser: Parser, memory: WebAssembly.Memory | undefined): void {
  try {
    parser.parse(SAMPLE)?.delete();
  } catch {
    try { parser.reset(); } catch { /* nothing to undo */ }
  }
  try {
    // Reading a fresh page maps a shared zero page: only a write gives the memory its own page.
    if (memory) {
      const words = new Int32Array(memory.buffer);
      for (let i = 0; i < words.length; i += 1024) words[i] |= 0;
    }
  } catch { /* a detached or foreign buffer: nothing gained, nothing lost */ }
}
