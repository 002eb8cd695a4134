// The catalog against PyTorch itself: every spelling exists in torch 1.13 (test/fixtures/catalog/torch-api.json,
// written by scripts/gen-torch-api.py), argument order and defaults agree, and the stated properties agree with
// the engine's own numbers.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ACTIVATIONS, computeSeries, defaultParams, lookupSpelling, resolveParams, getActivation } from '../../../src/catalog';

type Sig = { params: Array<[string, unknown]> | null; doc_signature?: string | null };
const api = JSON.parse(readFileSync('test/fixtures/catalog/torch-api.json', 'utf8')) as {
  functional: Record<string, Sig>; torch: Record<string, Sig>; tensor: Record<string, Sig>; special: Record<string, unknown>;
  modules: Record<string, Sig>; deprecated: Record<string, string[]>;
};

/** Parameter names after `input` from a Python signature or, for builtins, the docstring's first line. */
function argNames(sig: Sig): string[] | null {
  if (sig.params) return sig.params.map(([n]) => n);
  const m = sig.doc_signature?.match(/\(([^)]*)\)/);
  if (!m) return null;
  return m[1].split(',').map((s) => s.trim().split(/\s*=/)[0]).filter((s) => s && s !== 'input' && s !== '*' && s !== 'out');
}

describe('catalog spellings exist in PyTorch', () => {
  for (const a of ACTIVATIONS) {
    test(a.id, () => {
      for (const n of a.spellings.functional) assert.ok(api.functional[n], `torch.nn.functional.${n}`);
      for (const n of a.spellings.torch) {
        if (n.startsWith('special.')) assert.ok(n.slice(8) in api.special, `torch.${n}`);
        else assert.ok(api.torch[n], `torch.${n}`);
      }
      for (const n of a.spellings.tensorMethods) assert.ok(api.tensor[n], `Tensor.${n}`);
      if (a.spellings.module) assert.ok(api.modules[a.spellings.module.name], `torch.nn.${a.spellings.module.name}`);
    });
  }
  test('every PyTorch activation name is in the catalog', () => {
    for (const n of Object.keys(api.functional)) assert.ok(lookupSpelling('functional', n), `F.${n} missing`);
    for (const n of Object.keys(api.tensor)) assert.ok(lookupSpelling('tensorMethod', n), `Tensor.${n} missing`);
    for (const n of Object.keys(api.modules)) assert.ok(lookupSpelling('module', n), `nn.${n} missing`);
  });
});

describe('catalog argument order and defaults match PyTorch', () => {
  for (const a of ACTIVATIONS) {
    const fname = a.spellings.functional[0];
    if (!fname) continue;
    test(a.id, () => {
      const names = argNames(api.functional[fname]);
      if (names) assert.deepEqual(a.spellings.functionalArgs, names, `F.${fname} positional order`);
      const mod = a.spellings.module;
      if (mod) {
        const margs = api.modules[mod.name].params!.map(([n]) => n);
        assert.deepEqual(mod.args, margs.slice(0, mod.args.length), `nn.${mod.name} args`);
        for (const [n, d] of api.modules[mod.name].params!) {
          const p = a.params.find((q) => q.name === n);
          if (p && p.name !== 'dim' && typeof d !== 'object') assert.equal(p.default, d, `nn.${mod.name}(${n}) default`);
        }
      }
      for (const [n, d] of api.functional[fname].params ?? []) {
        const p = a.params.find((q) => q.name === n);
        if (p && d !== null && p.name !== 'dim') assert.equal(p.default, d, `F.${fname}(${n}) default`);
      }
      for (const [key, text] of Object.entries(a.spellings.deprecated ?? {})) assert.deepEqual([text], api.deprecated[key]);
    });
  }
});

describe('catalog parameters', () => {
  test('UI ranges contain the default', () => {
    for (const a of ACTIVATIONS) for (const p of a.params) {
      if (p.kind === 'number') assert.ok(p.min <= p.default && p.default <= p.max, `${a.id}.${p.name}`);
      if (p.kind === 'enum') assert.ok(p.options.includes(p.default), `${a.id}.${p.name}`);
    }
  });
  test('resolveParams fills defaults and refuses bad kinds', () => {
    const leaky = getActivation('leaky_relu')!;
    assert.deepEqual(resolveParams(leaky, { negative_slope: 0.2 }).params, { negative_slope: 0.2, inplace: false });
    assert.match(resolveParams(leaky, { negative_slope: Number.NaN }).errors[0], /finite/);
    assert.match(resolveParams(leaky, { slope: 1 }).errors[0], /no parameter 'slope'/);
    assert.match(resolveParams(getActivation('gelu')!, { approximate: 'fast' }).errors[0], /'none', 'tanh'/);
  });
  test('ids are unique and each has formulas and docs', () => {
    assert.equal(new Set(ACTIVATIONS.map((a) => a.id)).size, ACTIVATIONS.length);
    for (const a of ACTIVATIONS) {
      assert.ok(a.formula.tex && a.formula.texDerivative && a.formula.text && a.formula.textDerivative, a.id);
      assert.match(a.docs, /^https:\/\/pytorch\.org\/docs\/stable\/generated\/torch\./);
    }
  });
});

describe('catalog properties agree with the engine', () => {
  for (const a of ACTIVATIONS) {
    test(a.id, () => {
      const s = computeSeries({ spec: a, params: defaultParams(a), min: -20, max: 20, points: 40001 });
      let maxSlope = 0, zeroRun = 0, longestZeroRun = 0, minY = Infinity;
      for (let i = 0; i < s.dy.length; i++) {
        maxSlope = Math.max(maxSlope, Math.abs(s.dy[i]));
        minY = Math.min(minY, s.y[i]);
      }
      // Dead zones are judged on the plot range: far out, float64 saturation (tanh(20) == 1) also gives exact zeros.
      const near = computeSeries({ spec: a, params: defaultParams(a), min: a.plotRange[0], max: a.plotRange[1], points: 4001 });
      for (let i = 0; i < near.dy.length; i++) {
        zeroRun = near.dy[i] === 0 ? zeroRun + 1 : 0;
        longestZeroRun = Math.max(longestZeroRun, zeroRun);
      }
      assert.ok(Math.abs(maxSlope - a.properties.maxSlope.value) < 2e-3, `${a.id}: max |f'| ${maxSlope} vs catalog ${a.properties.maxSlope.value}`);
      // "exactly zero gradient on an interval" (dead units) means many consecutive exact zeros, not one kink point.
      assert.equal(longestZeroRun > 10, a.properties.zeroGradientRegion, `${a.id}: longest run of f' == 0 is ${longestZeroRun}`);
      const m = a.properties.range.match(/^\[(-?\d+(?:\.\d+)?),/);
      if (m) assert.ok(Math.abs(minY - Number(m[1])) < 2e-3, `${a.id}: min f ${minY} vs range ${a.properties.range}`);
      if (a.properties.monotonic) {
        const dir = Math.sign(s.y[s.y.length - 1] - s.y[0]);
        for (let i = 1; i < s.y.length; i++) assert.ok(dir * (s.y[i] - s.y[i - 1]) >= -1e-12, `${a.id} not monotonic at ${s.x[i]}`);
      }
    });
  }
  test('series refuses absurd requests with clear errors', () => {
    const relu = getActivation('relu')!;
    const p = defaultParams(relu);
    assert.throws(() => computeSeries({ spec: relu, params: p, min: 1, max: 1, points: 10 }), /below its maximum/);
    assert.throws(() => computeSeries({ spec: relu, params: p, min: -Infinity, max: 1, points: 10 }), /finite/);
    assert.throws(() => computeSeries({ spec: relu, params: p, min: -1e7, max: 1, points: 10 }), /±1000000/);
    assert.throws(() => computeSeries({ spec: relu, params: p, min: -1, max: 1, points: 1e9 }), /points/);
    assert.throws(() => computeSeries({ spec: relu, params: p, min: -1, max: 1, points: 2.5 }), /points/);
  });
});
