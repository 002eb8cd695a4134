// What the rules and their pages say about PyTorch, checked against what PyTorch did
// (test/fixtures/lint/torch-behaviour.json, written by scripts/gen-lint-fixtures.py under
// /usr/bin/python3 with python3-torch).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { advise, softmaxWithoutDimFails } from '../../../src/advice';

const root = join(__dirname, '../../..');
const fx = JSON.parse(readFileSync(join(root, 'test/fixtures/lint/torch-behaviour.json'), 'utf8'));
const page = (code: string) => readFileSync(join(root, 'docs/rules', `${code}.md`), 'utf8');
const r4 = (v: number) => v.toFixed(4);

test('AL201: the spellings that fail are the ones PyTorch refuses; the others warn with its text', () => {
  const canonical: Record<string, string> = {
    'torch.softmax(x)': 'torch.softmax', 'x.softmax()': 'torch.Tensor.softmax', 'torch.log_softmax(x)': 'torch.log_softmax', 'x.log_softmax()': 'torch.Tensor.log_softmax',
    'F.softmax(x)': 'torch.nn.functional.softmax', 'F.log_softmax(x)': 'torch.nn.functional.log_softmax', 'F.softmin(x)': 'torch.nn.functional.softmin', 'nn.Softmax()(x)': 'torch.nn.Softmax',
  };
  for (const [call, path] of Object.entries(canonical)) {
    const o = fx.AL201[call];
    assert.equal(softmaxWithoutDimFails(path), !o.ok, call);
    if (!o.ok) {
      assert.equal(o.error, 'TypeError');
      const id = path.includes('log_softmax') ? 'log_softmax' : 'softmax';
      const msg = advise({ use: { id, role: null, loss: null, params: {}, runtimeParams: [], spelling: call, canonical: path } }).find((f) => f.code === 'AL201')!.message;
      assert.ok(o.message.startsWith(`${id}() received an invalid combination of arguments`));
      assert.ok(msg.includes(`${id}() received an invalid combination of arguments`), msg);
    } else {
      const id = call.includes('log_softmax') ? 'log_softmax' : call.includes('softmin') ? 'softmin' : 'softmax';
      const msg = advise({ use: { id, role: null, loss: null, params: {}, runtimeParams: [], spelling: call, canonical: path } }).find((f) => f.code === 'AL201')!.message;
      assert.ok(msg.startsWith(o.warnings[0]), `${msg} should start with PyTorch's warning ${o.warnings[0]}`);
    }
  }
});

test('AL201: the implicit dim for 0–4-D input is what the message and the page say', () => {
  assert.deepEqual(fx.AL201.implicitDim, { 0: 0, 1: 0, 2: 1, 3: 0, 4: 1 });
  const msg = advise({ use: { id: 'softmax', role: null, loss: null, params: {}, runtimeParams: [], spelling: 'F.softmax', canonical: 'torch.nn.functional.softmax' } }).find((f) => f.code === 'AL201')!.message;
  assert.match(msg, /dim=0 for 0-, 1- and 3-D input and dim=1 for 2- and 4-D input/);
  assert.match(page('AL201'), /dim=0 for 0-, 1- and 3-D input, dim=1\s+for 2- and 4-D input/);
});

test('AL202: the warning texts PyTorch prints are the ones the page quotes; the values are the same', () => {
  for (const k of ['F.tanh(x)', 'F.sigmoid(x)']) for (const w of fx.AL202[k].warnings) assert.ok(page('AL202').includes(w), w);
  assert.equal(fx.AL202.sameAsTorch, true);
  // The message names only the version whose behaviour was recorded, not a release we could not check.
  assert.match(fx.torch, /^1\.13\./);
  const msg = advise({ use: { id: 'tanh', role: null, loss: null, params: {}, runtimeParams: [], spelling: 'F.tanh', deprecation: fx.AL202['F.tanh(x)'].warnings[0] } }).find((f) => f.code === 'AL202')!.message;
  assert.match(msg, /PyTorch 1\.13 warns on every call/);
  assert.doesNotMatch(msg + page('AL202'), /PyTorch 2\.0 (removed|dropped)/);
});

test('float32 exp overflow at 88.72 and the AL3xx numbers', () => {
  assert.equal(fx.float32.expOverflowAbove.toFixed(2), '88.72');
  assert.equal(fx.float32['expOf88.73'], 'inf');
  assert.ok(Number.isFinite(fx.float32['expOf88.72']));
  assert.equal(fx.float32.smallestSubnormalLog.toFixed(2), '-103.28');
  assert.match(page('AL303'), /88\.72/);
  assert.deepEqual(fx.AL301['log(softmax)'].value, ['-inf', 0]);
  assert.deepEqual(fx.AL301.log_softmax.value, [-120, 0]);
  assert.match(page('AL301'), /`\[-inf, 0\]`, `log_softmax` = `\[-120, 0\]`/);
  assert.equal(fx.AL302['log(sigmoid)'].value[0], '-inf');
  assert.equal(fx.AL302.logsigmoid.value[0], -120);
  // log(1 - sigmoid): sigmoid rounds to 1 from 16.6356 on; at 16 already -15.9424, at 20 -inf (message and page quote these).
  const comp = fx.AL302.complement;
  assert.equal(comp.sigmoidIsOneFrom.toFixed(4), '16.6356');
  assert.deepEqual([comp['log(1 - sigmoid)'].value[0], r4(comp['log(1 - sigmoid)'].value[1]), comp['logsigmoid(-x)'].value[0], comp['logsigmoid(-x)'].value[1]], ['-inf', '-15.9424', -20, -16]);
  for (const i of [2, 3]) assert.ok(Math.abs(comp['log(1 - sigmoid)'].value[i] - comp['logsigmoid(-x)'].value[i]) < 1e-6, 'equal where sigmoid does not round');
  assert.ok(page('AL302').includes('16.6356') && page('AL302').includes('−15.9424 at x = 16'));
  assert.deepEqual(fx.AL303['exp/sum'].value, [null, null, null]);
  assert.match(page('AL303'), new RegExp(fx.AL303.softmax.value.map(r4).join(', ')));
  assert.equal(fx.AL303.equalWhereFinite, true);
  assert.equal(fx.AL304.handGrad, 'nan');
  assert.equal(fx.AL304.sigmoidGrad, 0);
});

test('the loss pages quote PyTorch\'s numbers', () => {
  for (const v of [fx.AL101['ce(logits)'], fx.AL101['ce(softmax(logits))'], fx.AL101['ce(softmax) floor for 3 classes']]) assert.ok(page('AL101').includes(r4(v)), r4(v));
  assert.equal(fx.AL101['ce(log_softmax(z)) 4x5'], fx.AL101['ce(z) 4x5'], 'log_softmax before CrossEntropyLoss leaves the loss unchanged');
  assert.ok(page('AL101').includes(`measured ${r4(fx.AL101['ce(z) 4x5'])} both ways`));
  // and the finding says so: a softmax in front changes the loss, a log_softmax only repeats it
  const al101 = (id: string) => advise({ use: { id, role: 'output', loss: 'nn.CrossEntropyLoss', params: { dim: 1 }, runtimeParams: [], spelling: `F.${id}`, canonical: `torch.nn.functional.${id}` } }).find((f) => f.code === 'AL101')!.message;
  assert.notEqual(fx.AL101['ce(softmax(logits))'], fx.AL101['ce(logits)']);
  assert.match(al101('softmax'), /softmax is applied twice/);
  assert.doesNotMatch(al101('log_softmax'), /softmax is applied twice/);
  assert.match(al101('log_softmax'), /computed twice \(the loss is the same/);
  for (const v of [fx.AL102['nll(softmax)'], fx.AL102['nll(log_softmax)']]) assert.ok(page('AL102').includes(r4(v).replace('-', '−')), r4(v));
  assert.ok(page('AL103').includes(`= ${fx.AL103['bce(sigmoid)'].toFixed(1)}`) && page('AL103').includes(`= ${fx.AL103.bceWithLogits.toFixed(1)}`));
  for (const v of [fx.AL104['bceWithLogits(sigmoid(-20)), target 1'], fx.AL104['lowest reachable (sigmoid(+inf) = 1)']]) assert.ok(page('AL104').includes(r4(v)), r4(v));
});

test('AL303: exp(x) / exp(x).sum(d).unsqueeze(d) is torch.softmax(x, dim=d) and sum(d, keepdims=True) is sum(d, keepdim=True), for 1–4-D input and every dim; unsqueezed at another dim it is not', () => {
  const hw = JSON.parse(readFileSync(join(root, 'test/fixtures/lint/handwritten-softmax.json'), 'utf8'));
  assert.equal(hw.rows.length, 1 + 1 + 2 + 2 + 3 + 3 + 4 + 4);
  for (const r of hw.rows) {
    assert.ok(r.sameShape, JSON.stringify(r));
    assert.equal(r.unsqueezeVsKeepdim, 0, JSON.stringify(r));
    assert.ok(r.unsqueezeVsSoftmax < 1e-6, JSON.stringify(r));
    assert.equal(r.keepdimsVsKeepdim, 0, JSON.stringify(r));
  }
  assert.ok(hw.otherDim.maxDiffFromSoftmaxDim1 > 0.01);
});

test('AL303 silent on a maximum read off torch.max\'s pair: .values is [0], and each shifted spelling the rows accept is finite and torch.softmax where the unshifted form is nan', () => {
  const mv = JSON.parse(readFileSync(join(root, 'test/fixtures/lint/max-values.json'), 'utf8'));
  assert.equal(mv.valuesIsFirst, true);
  assert.equal(mv.unshiftedAllNan, true);
  assert.equal(mv.rows.length, 4);
  for (const r of mv.rows) {
    assert.equal(r.finite, true, r.name);
    assert.ok(r.maxDiffFromSoftmax < 1e-6, r.name);
  }
});

test('AL303 on log_softmax written out: the three spellings equal torch.log_softmax for 1–4-D input and every dim, and give ±inf where it stays finite', () => {
  const hl = JSON.parse(readFileSync(join(root, 'test/fixtures/lint/hand-logsoftmax.json'), 'utf8'));
  assert.equal(hl.rows.length, 3 * 2 * (1 + 2 + 3 + 4));
  for (const r of hl.rows) {
    assert.ok(r.sameShape, JSON.stringify(r));
    assert.ok(r.maxDiff < 1e-5, JSON.stringify(r));
  }
  assert.deepEqual(hl.large.handWritten, ['-inf', '-inf', '-inf']);
  assert.deepEqual(hl.small.handWritten, ['inf', 'inf', 'inf']);
  for (const v of [...hl.large.logSoftmax, ...hl.small.logSoftmax]) assert.ok(Number.isFinite(v) && v < 0);
  assert.ok(page('AL303').includes(`${hl.large.logSoftmax.map((v: number) => v.toFixed(4)).join(', ')}`));
});

test('AL303 on Udacity\'s torch.sum(torch.exp(x), dim=1).view(-1, 1): the softmax for 2-D input; for 3-D input an error or another value, so the fix is unsafe', () => {
  const cv = JSON.parse(readFileSync(join(root, 'test/fixtures/lint/column-view.json'), 'utf8'));
  for (const [form, diff] of Object.entries(cv.twoD)) assert.ok((diff as number) < 1e-6, form);
  assert.match(cv.threeD, /^RuntimeError: The size of tensor a \(3\) must match the size of tensor b \(8\)/);
  assert.ok(cv.broadcastsButDiffers > 0.1);
});

test('AL108: the page and the message quote what softmax of probabilities did in PyTorch', () => {
  const a = fx.AL108;
  assert.deepEqual(a['softmax(p)'].map((v: number) => v.toFixed(2)), ['0.69', '0.31']);
  const floor = r4(a['nll(log_softmax(onehot)) 10 classes']);
  assert.equal(floor, '1.4612');
  const msg = advise({ use: { id: 'softmax', role: 'output', loss: 'nn.NLLLoss', params: { dim: 1 }, runtimeParams: [], spelling: 'F.softmax', softmaxAgain: true } }).find((f) => f.code === 'AL108')!.message;
  assert.ok(msg.includes('[0.69, 0.31]') && msg.includes(floor), msg);
  const p = page('AL108');
  for (const v of [floor, r4(a['confident p[0] 10 classes']), r4(a['nll(log_softmax(confident)) 10 classes']), r4(a['nll(log_softmax(logits)) 10 classes'])]) assert.ok(p.includes(v), v);
  // the second softmax is no rounding: a confident model's loss stays at the floor
  assert.ok(a['nll(log_softmax(confident)) 10 classes'] > a['nll(log_softmax(onehot)) 10 classes']);
});

test('AL109: log-probabilities as KLDivLoss\'s target give NaN without log_target=True; probabilities with it are no divergence', () => {
  const k = fx.AL109;
  assert.equal(k['kl(log p_s, log p_t)'], 'nan');
  assert.equal(r4(k['kl(log p_s, log p_t, log_target=True)']), r4(k['kl(log p_s, p_t)']));
  assert.ok(Math.abs(k['kl(log p_s, p_s)']) < 1e-6);
  assert.ok(k['kl(log p_s, p_s, log_target=True)'] > 1);
  const p = page('AL109');
  for (const v of [r4(k['kl(log p_s, p_t)']), r4(k['kl(log p_s, p_t, log_target=True)']), r4(k['kl(log p_s, p_s, log_target=True)'])]) assert.ok(p.includes(v), v);
  const say = (id: string, klTarget: 'log-probabilities' | 'probabilities') => advise({ use: { id, role: null, loss: 'F.kl_div', params: { dim: 1 }, runtimeParams: [], spelling: `F.${id}`, klTarget } }).find((f) => f.code === 'AL109')?.message ?? '';
  assert.match(say('log_softmax', 'log-probabilities'), /NaN/);
  assert.match(say('softmax', 'probabilities'), /log_target=True/);
});

test('AL110: softmax over one channel is 1, and multi-label targets stay out of its reach; the page and message quote PyTorch', () => {
  const b = fx.AL110;
  assert.deepEqual(b['softmax over one channel'], [1, 1]);
  assert.equal(b['bce(softmax one channel, target 0)'], 100);
  const best = r4(b['best bce(softmax) for target [1, 1, 0]']);
  assert.equal(best, '0.4621');
  const p = page('AL110');
  for (const v of [best, r4(b['bce(sigmoid) for target [1, 1, 0], logits (8, 8, -8)']), '100']) assert.ok(p.includes(v), v);
  const msg = advise({ use: { id: 'softmax', role: 'output', loss: 'nn.BCELoss', params: { dim: 1 }, runtimeParams: [], spelling: 'nn.Softmax' } }).find((f) => f.code === 'AL110')!.message;
  assert.ok(msg.includes(best), msg);
});

test('AL304 on exp(x) / (1 + exp(x)): PyTorch gives nan from x = 89 on in float32, torch.sigmoid 1; the message says so', () => {
  const o = fx.AL304.overExp;
  assert.deepEqual(o.x, [88, 89, 100]);
  assert.deepEqual(o['exp/(1+exp)'].value, [1, null, null]); // null: nan in the fixture
  assert.deepEqual(o.sigmoid.value, [1, 1, 1]);
  assert.match(page('AL304'), /exp\(x\) \/ \(1 \+ exp\(x\)\)/);
});

test('AL111: NLLLoss of raw scores is minus the right class\'s score, unbounded below; the page quotes PyTorch', () => {
  const n = fx.AL111;
  assert.equal(n['nll(raw [5, 0, 0])'], -5);
  assert.equal(n['nll(raw [50, 0, 0])'], -50);
  assert.ok(n['nll(log_softmax [5, 0, 0])'] > 0);
  const p = page('AL111');
  for (const v of ['-5.0000', '-50.0000', r4(n['nll(log_softmax [5, 0, 0])'])]) assert.ok(p.includes(v), v);
});

test('MultiLabelSoftMarginLoss is BCEWithLogitsLoss averaged over classes (so AL104 holds before it): the same value in PyTorch', () => {
  const m = fx.multilabelSoftMargin;
  assert.equal(r4(m['mlsm(x)']), r4(m['bceWithLogits(x)']));
  assert.ok(m['mlsm(sigmoid(20, 20, -20)), target [1, 1, 0]'] > 0.4, 'a sigmoid before it keeps the loss far from 0');
  assert.match(page('AL104'), /MultiLabelSoftMarginLoss/);
});
