// `custom` and `eval` through the CLI's entry point (src/cli.ts main), on files written here.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli';

let dir = '';
before(() => { dir = mkdtempSync(join(tmpdir(), 'activation-lens-custom-')); });
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err, get lines() { return out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>); } };
}

function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const ACTS = `import math
import torch
import torch.nn as nn
import torch.nn.functional as F


class NewGELU(nn.Module):
    def forward(self, x):
        return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


class Snake(nn.Module):
    def __init__(self, alpha=0.5):
        super().__init__()
        self.alpha = nn.Parameter(torch.tensor(alpha))

    def forward(self, x):
        return x + torch.sin(self.alpha * x) ** 2 / self.alpha


def swish(x, beta=1.0):
    return x * torch.sigmoid(beta * x)


leaky = lambda x, slope=0.2: torch.where(x > 0, x, slope * x)
quick = lambda x: x * torch.sigmoid(1.702 * x)


def centre(x):
    return x - x.mean()


def looped(x):
    for _ in range(2):
        x = torch.tanh(x)
    return x


def train(model, data):
    for batch in data:
        model(batch)
`;

test('custom: one JSON line per definition, 1-based positions, equivalences, reasons', async () => {
  const file = write('acts.py', ACTS);
  const r = await run('custom', file);
  assert.equal(r.code, 0, r.err);
  const by = Object.fromEntries(r.lines.map((l) => [l.name, l]));
  assert.deepEqual(Object.keys(by), ['NewGELU', 'Snake', 'swish', 'leaky', 'quick', 'centre', 'looped']);
  assert.deepEqual(
    { ...by.NewGELU, file: undefined },
    { file: undefined, line: 7, column: 7, name: 'NewGELU', kind: 'module', evaluable: true, reason: null, params: {}, learned: [], equivalent: { id: 'gelu', params: { approximate: 'tanh' } }, close: null },
  );
  assert.deepEqual([by.Snake.params, by.Snake.learned, by.Snake.equivalent], [{ alpha: 0.5 }, ['alpha'], null]);
  assert.deepEqual([by.swish.line, by.swish.column, by.swish.kind, by.swish.params, by.swish.equivalent], [21, 5, 'function', { beta: 1 }, { id: 'silu', params: {} }]);
  assert.deepEqual([by.leaky.kind, by.leaky.params, by.leaky.equivalent], ['lambda', { slope: 0.2 }, { id: 'leaky_relu', params: { negative_slope: 0.2 } }]);
  assert.equal(by.quick.equivalent, null);
  assert.equal(by.quick.close.id, 'gelu');
  assert.ok(by.quick.close.maxDiff > 0.015 && by.quick.close.maxDiff < 0.025);
  assert.deepEqual([by.centre.evaluable, by.centre.reason], [false, 'not evaluable: x.mean(), which combines elements (not an activation) at line 30']);
  assert.deepEqual([by.looped.evaluable, by.looped.reason], [false, 'not evaluable: a for loop at line 34']);
});

test('custom: notebooks give the cell (1-based among all cells) and lines within it', async () => {
  const nb = {
    cells: [
      { cell_type: 'markdown', source: ['# Swish'] },
      { cell_type: 'code', source: ['import torch\n', 'import torch.nn.functional as F\n'] },
      { cell_type: 'code', source: ['\n', 'def swish(x):\n', '    return x * F.sigmoid(x)\n'] },
    ],
  };
  const r = await run('custom', write('nb.ipynb', JSON.stringify(nb)));
  assert.equal(r.code, 0, r.err);
  assert.equal(r.lines.length, 1);
  assert.deepEqual([r.lines[0]!.cell, r.lines[0]!.line, r.lines[0]!.column, r.lines[0]!.equivalent], [3, 2, 5, { id: 'silu', params: {} }]);
});

test('custom: an unreadable file is an error for that file only', async () => {
  const good = write('good.py', 'import torch\nf = lambda x: torch.tanh(x)\n');
  const r = await run('custom', join(dir, 'missing.py'), good);
  assert.equal(r.code, 1);
  assert.match(r.err, /cannot read .*missing\.py: no such file/);
  assert.equal(r.lines.length, 1);
  assert.equal(r.lines[0]!.equivalent.id, 'tanh');
});

test('custom: bad usage exits 2', async () => {
  assert.equal((await run('custom')).code, 2);
  assert.equal((await run('custom', '--nope', 'a.py')).code, 2);
  const h = await run('custom', '--help');
  assert.equal(h.code, 0);
  assert.match(h.out, /Usage: activation-lens custom FILE/);
});

interface Enc { results: Record<'float32' | 'float64', { from: number; to: number; points: number; x: (number | string)[]; y: (number | string)[]; dy: (number | string)[] }[]>; name: string; source: string | null }
const fixture = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/custom/definitions.json'), 'utf8')) as { definitions: Enc[] };

test("eval: x, y and dy are what PyTorch's autograd gives for the same code, kinks included", async () => {
  for (const name of ['relu_maximum', 'leaky_maximum', 'relu6_clamp', 'Snake', 'NewGELU']) {
    const d = fixture.definitions.find((x) => x.name === name)!;
    const file = write(`${name}.py`, d.source!);
    for (const dtype of ['float64', 'float32'] as const) {
      const want = d.results[dtype][1]!; // the integer grid: -4, -3, …, 4 (kinks at 0 and ties)
      const r = await run('eval', file, name, '--from', String(want.from), '--to', String(want.to), '--points', String(want.points), '--dtype', dtype);
      assert.equal(r.code, 0, r.err);
      const got = r.lines[0]!;
      assert.deepEqual(got.x, want.x);
      const near = (a: number[], b: (number | string)[]) => a.every((v, i) => Math.abs(v - (b[i] as number)) <= (dtype === 'float64' ? 1e-12 : 1e-6) * Math.max(1, Math.abs(b[i] as number)));
      assert.ok(near(got.y, want.y), `${name} ${dtype} y: ${got.y} vs ${want.y}`);
      assert.ok(near(got.dy, want.dy), `${name} ${dtype} dy: ${got.dy} vs ${want.dy}`);
    }
  }
});

test('eval: --param, float32 by default, and the maximum tie splitting the gradient at 0', async () => {
  const file = write('acts2.py', ACTS);
  const r = await run('eval', file, 'leaky', '--from', '-1', '--to', '1', '--points', '3', '--param', 'slope=0.5');
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(r.lines[0], { x: [-1, 0, 1], y: [-0.5, 0, 1], dy: [0.5, 0.5, 1] });
  const m = await run('eval', write('max.py', 'import torch\nf = lambda x: torch.maximum(x, torch.zeros_like(x))\n'), 'f', '--from=-1', '--to=1', '--points=3');
  assert.deepEqual(m.lines[0], { x: [-1, 0, 1], y: [0, 0, 1], dy: [0, 0.5, 1] });
});

test('eval: a definition that cannot be evaluated, a missing name and bad options', async () => {
  const file = write('acts3.py', ACTS);
  const r = await run('eval', file, 'looped');
  assert.equal(r.code, 1);
  assert.match(r.err, /looped: not evaluable: a for loop at line 34/);
  const m = await run('eval', file, 'nothing');
  assert.equal(m.code, 1);
  assert.match(m.err, /defines no activation 'nothing' \(it defines: NewGELU, Snake, swish, leaky, quick, centre, looped\)/);
  for (const bad of [['--points', '1'], ['--dtype', 'float16'], ['--from', '2', '--to', '1'], ['--param', 'nokey'], ['--bogus']])
    assert.equal((await run('eval', file, 'swish', ...bad)).code, 2, bad.join(' '));
  assert.equal((await run('eval', file)).code, 2);
});
