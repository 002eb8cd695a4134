// Every snippet of scripts/gen-custom-fixtures.py (53 definitions: the examples, lambdas,
// modules with parameters, a notebook, definitions using math), found and evaluated by the
// engine's interpreter, against PyTorch running the very same source: f and f′ (autograd of
// f(x).sum()) on two grids, in both dtypes.
// float64: 1e-12 relative. Where a value is a difference of nearly equal O(1) terms (Snake's
// f′ = 1 + sin 2αx ≈ 8e-5 at x = 4.7, tanh written with exp: its f′ ≈ 4e-5 near ±5.8) both
// sides are only good to an ulp of those terms, so 1e-15 of the run's largest |value| is allowed
// too: 5 of 13,780 values need it (worst 3.9e-12 relative, 1.4e-16 absolute); 12,752 are
// bit-identical to PyTorch's.
// float32: 4 ulp of the value plus 8 ulp of the run's largest |value| (each op rounds, PyTorch's
// SIMD and scalar kernels differ by an ulp, and cancellation amplifies it: Mish's and Snake's
// f′ near their zero crossings are 128 and 512 ulp of themselves, still a few ulp of the curve).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPython } from '../python/setup';
import { evaluateDefinition, findCustom, findCustomNotebook } from '../../../src/custom';

type Enc = number | string;
const dec = (v: Enc): number => (typeof v === 'number' ? v : v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : -0);
interface Run { from: number; to: number; points: number; x: Enc[]; y: Enc[]; dy: Enc[]; y_dtype: string }
interface Def { name: string; kind: string; source: string | null; notebook: string[] | null; results: Record<'float32' | 'float64', Run[]> }
const fixture = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/custom/definitions.json'), 'utf8')) as { definitions: Def[] };

before(loadPython);

test('the fixture holds at least 40 definitions', () => {
  assert.ok(fixture.definitions.length >= 40, String(fixture.definitions.length));
});

/** Largest |v| over the run: float32 rounding of intermediates is relative to values of this size. */
function scale(vs: number[]): number {
  let m = 0;
  for (const v of vs) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
  return Math.max(m, 1);
}

function close(got: number, want: number, dtype: 'float32' | 'float64', s: number): boolean {
  if (Number.isNaN(want)) return Number.isNaN(got);
  if (!Number.isFinite(want)) return got === want;
  const err = Math.abs(got - want);
  if (dtype === 'float64') return err <= Math.max(1e-12 * Math.abs(want), 1e-15 * s);
  // float32: each op rounds; PyTorch's SIMD and scalar kernels may differ by an ulp per op
  return err <= 2 ** -23 * (4 * Math.abs(want) + 8 * s);
}

for (const d of fixture.definitions) {
  test(`${d.name} (${d.kind}) matches PyTorch in float64 and float32`, () => {
    const file = d.notebook ? findCustomNotebook(d.notebook) : findCustom(d.source!);
    const def = file.definitions.find((x) => x.name === d.name);
    assert.ok(def, `${d.name} not found among ${file.definitions.map((x) => x.name).join(', ')}`);
    assert.equal(def.kind, d.kind);
    for (const dtype of ['float64', 'float32'] as const) {
      for (const run of d.results[dtype]) {
        const r = evaluateDefinition(file, def, { from: run.from, to: run.to, points: run.points, dtype });
        assert.ok(r.ok, r.ok ? '' : r.reason.message);
        const want = run.y.map(dec);
        const wantDy = run.dy.map(dec);
        const sy = scale(want);
        const sd = scale(wantDy);
        const bad: string[] = [];
        r.value.y.forEach((g, i) => { if (!close(g, want[i]!, dtype, sy)) bad.push(`y[${i}] x=${r.value.x[i]}: ${g} vs ${want[i]}`); });
        r.value.dy.forEach((g, i) => { if (!close(g, wantDy[i]!, dtype, sd)) bad.push(`dy[${i}] x=${r.value.x[i]}: ${g} vs ${wantDy[i]}`); });
        assert.deepEqual(bad.slice(0, 6), [], `${dtype} [${run.from}, ${run.to}] × ${run.points}: ${bad.length} mismatches`);
      }
    }
  });
}
