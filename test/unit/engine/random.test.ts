// PyTorch 1.13's CPU generator, bit for bit: every stream in test/fixtures/lab/random.json was
// drawn by Debian's PyTorch (scripts/gen-lab-fixtures.py) right after torch.manual_seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { torch } from '../../../src/engine';
import type { DType } from '../../../src/engine';

interface Case {
  op: string;
  seed: number;
  dtype?: DType;
  shape?: number[];
  data: unknown;
  mean?: number;
  std?: number;
  from?: number;
  to?: number;
  low?: number;
  high?: number;
  n?: number;
}
const fixture = JSON.parse(readFileSync('test/fixtures/lab/random.json', 'utf8')) as { cases: Case[] };

function sameBits(got: ArrayLike<number>, want: number[], what: string): void {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++)
    if (!Object.is(got[i], want[i])) assert.fail(`${what}: element ${i} is ${got[i]}, PyTorch has ${want[i]}`);
}

// float64 normals go through glibc's log and sincos, which are not correctly rounded: these
// streams are bit for bit only because glibc-libm.ts repeats glibc's own arithmetic (a correctly
// rounded log/sin/cos differs in ~1 normal of 500). Counted, so the last test knows how many.
let float64Normals = 0;
function sameNormals(got: ArrayLike<number>, want: number[], what: string, dtype: DType | undefined): void {
  if (dtype === 'float64') float64Normals += want.length;
  sameBits(got, want, what);
}

function label(c: Case): string {
  return `${c.op} seed ${c.seed} ${c.dtype ?? ''} ${JSON.stringify(c.shape ?? c.n ?? '')}`;
}

for (const op of ['rand', 'randn']) {
  for (const dtype of ['float32', 'float64'] as const) {
    test(`${op} ${dtype}: PyTorch's numbers bit for bit (scalar path below 16 elements, vector path from 16)`, () => {
      const cases = fixture.cases.filter((c) => c.op === op && c.dtype === dtype);
      assert.ok(cases.length >= 50);
      for (const c of cases) {
        torch.manual_seed(c.seed);
        const t = (op === 'rand' ? torch.rand : torch.randn)(c.shape!, { dtype });
        if (op === 'rand') sameBits(t.data, c.data as number[], label(c));
        else sameNormals(t.data, c.data as number[], label(c), dtype);
      }
    });
  }
}

test('calls in sequence share one stream, and the scalar path\'s cached Box–Muller half carries over', () => {
  for (const c of fixture.cases.filter((x) => x.op === 'sequence')) {
    torch.manual_seed(c.seed);
    const o = { dtype: c.dtype! };
    const got = [torch.randn(3, o), torch.randn(20, o), torch.randn(1, o), torch.rand(5, o), torch.randn(2, 3, o)];
    (c.data as number[][]).forEach((w, i) => sameNormals(got[i].data, w, `${label(c)} call ${i}`, c.dtype));
  }
});

test('normal_(mean, std) and uniform_(from, to) on both paths and dtypes', () => {
  const cases = fixture.cases.filter((c) => c.op === 'normal_' || c.op === 'uniform_');
  assert.ok(cases.length >= 16);
  for (const c of cases) {
    torch.manual_seed(c.seed);
    const t = torch.zeros(c.shape!, { dtype: c.dtype });
    if (c.op === 'normal_') t.normal_(c.mean, c.std);
    else t.uniform_(c.from, c.to);
    const what = `${label(c)} ${c.mean ?? c.from} ${c.std ?? c.to}`;
    if (c.op === 'uniform_') sameBits(t.data, c.data as number[], what);
    else sameNormals(t.data, c.data as number[], what, c.dtype);
  }
});

test('randint (32- and 64-bit words) and randperm', () => {
  const cases = fixture.cases.filter((c) => c.op === 'randint' || c.op === 'randperm');
  assert.ok(cases.length >= 30);
  for (const c of cases) {
    torch.manual_seed(c.seed);
    const t = c.op === 'randint' ? torch.randint(c.low!, c.high!, c.shape!, { dtype: 'float64' }) : torch.randperm(c.n!, { dtype: 'float64' });
    sameBits(t.data, c.data as number[], `${label(c)} ${c.low ?? ''}..${c.high ?? ''}`);
  }
});

test('a private torch.Generator draws its own stream and leaves the default one alone', () => {
  const c = fixture.cases.find((x) => x.op === 'generator')!;
  torch.manual_seed(0);
  const before = torch.rand(4).data.slice();
  torch.manual_seed(0);
  const g = new torch.Generator().manual_seed(c.seed);
  const [a, b, p] = c.data as number[][];
  sameBits(torch.rand(5, { generator: g, dtype: 'float64' }).data, a, 'rand');
  sameNormals(torch.randn(17, { generator: g, dtype: 'float64' }).data, b, 'randn', 'float64');
  sameBits(torch.randperm(9, { generator: g, dtype: 'float64' }).data, p, 'randperm');
  sameBits(torch.rand(4).data, [...before], 'default generator untouched');
});

test('manual_seed refuses a seed that is not an integer', () => {
  assert.throws(() => torch.manual_seed(1.5), /integer seed/);
  assert.throws(() => torch.manual_seed(Number.NaN), /integer seed/);
});

test('the float64 normals held to PyTorch bit for bit above are many (both Box–Muller paths, 8,000+)', () => {
  assert.ok(float64Normals > 8000, `checked ${float64Normals}`);
});
