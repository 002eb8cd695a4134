// Equivalences of the fixture's definitions with catalog activations: the right one with the
// right fitted parameters where the curves are the same function, "close" (never equal) where
// they are not, nothing where nothing is near.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPython } from '../python/setup';
import { findCustom, findCustomNotebook, reportDefinition } from '../../../src/custom';

interface Def { name: string; source: string | null; notebook: string[] | null }
const defs = (JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/custom/definitions.json'), 'utf8')) as { definitions: Def[] }).definitions;

before(loadPython);

/** name → expected equivalent: catalog id and the parameters that must have been fitted. */
const EQUAL: Record<string, [string, Record<string, number | string>]> = {
  NewGELU: ['gelu', { approximate: 'tanh' }],
  gelu_erf: ['gelu', { approximate: 'none' }],
  gelu_erfc: ['gelu', { approximate: 'none' }],
  gelu_special: ['gelu', { approximate: 'none' }],
  swish: ['silu', {}],
  swish_beta: ['silu', {}],
  silu_method: ['silu', {}],
  Swish: ['silu', {}],
  hard_swish: ['hardswish', {}],
  HSwish: ['hardswish', {}],
  hard_sigmoid: ['hardsigmoid', {}],
  Mish: ['mish', {}],
  mish: ['mish', {}],
  leaky: ['leaky_relu', { negative_slope: 0.2 }],
  elu_manual: ['elu', { alpha: 1 }],
  elu_half: ['elu', { alpha: 0.5 }],
  relu_clamp: ['relu', {}],
  relu_maximum: ['relu', {}],
  relu_minimum: ['relu', {}],
  relu_where: ['relu', {}],
  softsign_manual: ['softsign', {}],
  softplus_manual: ['softplus', { beta: 1 }],
  tanh_exp: ['tanh', {}],
  sigmoid_manual: ['sigmoid', {}],
  logsigmoid_manual: ['logsigmoid', {}],
  tanhshrink_manual: ['tanhshrink', {}],
  hardtanh_clamp: ['hardtanh', { min_val: -1, max_val: 1 }],
  relu6_clamp: ['relu6', {}],
  relu6_hardtanh: ['relu6', {}],
  selu_manual: ['selu', {}],
  celu_manual: ['celu', { alpha: 2 }],
  PReLUish: ['prelu', { init: 0.25 }], // nn.PReLU's default, and its slope is learned as here
  leaky_maximum: ['leaky_relu', { negative_slope: 0.1 }],
  choose: ['relu', {}],
  threshold_manual: ['threshold', { threshold: 0.5, value: -1 }],
  notebook_swish: ['silu', {}],
};
/** name → catalog id it is close to (never equal). */
const CLOSE: Record<string, string> = { QuickGELU: 'gelu' };

for (const d of defs) {
  test(`${d.name}: ${EQUAL[d.name] ? `equals ${EQUAL[d.name]![0]}` : CLOSE[d.name] ? `close to ${CLOSE[d.name]}` : 'no false equivalence'}`, () => {
    const file = d.notebook ? findCustomNotebook(d.notebook) : findCustom(d.source!);
    const def = file.definitions.find((x) => x.name === d.name)!;
    const r = reportDefinition(file, def);
    assert.ok(r.evaluable, r.reason ?? '');
    const eq = EQUAL[d.name];
    if (eq) {
      assert.equal(r.match?.equivalent?.id, eq[0], JSON.stringify(r.match));
      for (const [k, v] of Object.entries(eq[1])) assert.equal(r.match!.equivalent!.params[k], v, `${k} of ${JSON.stringify(r.match!.equivalent)}`);
      assert.equal(r.match!.close, null);
      return;
    }
    assert.equal(r.match?.equivalent ?? null, null, `false equivalence: ${JSON.stringify(r.match?.equivalent)}`);
    if (CLOSE[d.name]) assert.equal(r.match?.close?.id, CLOSE[d.name], JSON.stringify(r.match));
  });
}

test('QuickGELU is close to GELU, about 0.02 apart on [−6, 6], and said so with the distance', () => {
  const d = defs.find((x) => x.name === 'QuickGELU')!;
  const file = findCustom(d.source!);
  const r = reportDefinition(file, file.definitions[0]!);
  const c = r.match!.close!;
  assert.ok(c.maxDiff > 0.015 && c.maxDiff < 0.025, String(c.maxDiff));
  assert.deepEqual(c.range, [-6, 6]);
});

test('a learned parameter is reported as learned, with its initial value as the parameter', () => {
  const d = defs.find((x) => x.name === 'Snake')!;
  const file = findCustom(d.source!);
  const r = reportDefinition(file, file.definitions[0]!);
  assert.deepEqual(r.learned, ['alpha']);
  assert.deepEqual(r.params, { alpha: 0.5 });
});

test('without the nearest built-in (the findings\' reports): the same equivalences for every definition, and no close one sought', () => {
  let equalCount = 0;
  for (const d of defs) {
    const file = d.notebook ? findCustomNotebook(d.notebook) : findCustom(d.source!);
    const def = file.definitions.find((x) => x.name === d.name)!;
    const full = reportDefinition(file, def);
    const equalOnly = reportDefinition(file, def, { close: false });
    assert.deepEqual(equalOnly.match?.equivalent ?? null, full.match?.equivalent ?? null, d.name);
    assert.equal(equalOnly.match?.close ?? null, null, d.name);
    if (full.match?.equivalent) equalCount++;
  }
  // the fixture's equal definitions were all read (QuickGELU, only close, has a close one in the full report)
  assert.equal(equalCount, Object.keys(EQUAL).length);
  const quick = defs.find((x) => x.name === 'QuickGELU')!;
  const file = findCustom(quick.source!);
  assert.equal(reportDefinition(file, file.definitions[0]!).match?.close?.id, 'gelu');
});
