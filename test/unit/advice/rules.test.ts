// The advice table: role × loss × activation → the findings expected, plus every catalog
// advice key has a rule (and so a text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advise, ADVICE_KEYS, recommendedAlternative, lossKind } from '../../../src/advice';
import { ACTIVATIONS } from '../../../src/catalog';

type Row = [id: string, role: 'hidden' | 'output' | null, loss: string | null, expect: string[], absent?: string[], extra?: Record<string, unknown>];

const base = { spelling: 'x', params: {}, runtimeParams: [] as string[] };
const keys = (id: string, role: Row[1], loss: Row[2], extra: Record<string, unknown> = {}, fileLosses: string[] = []) =>
  advise({ use: { ...base, id, role, loss, ...extra } as never, fileLosses }).map((f) => f.key);

const TABLE: Row[] = [
  // The article, hidden layers.
  ['relu', 'hidden', null, ['hidden.relu-first', 'hidden.dead-relu'], ['hidden.avoid-sigmoid']],
  ['leaky_relu', 'hidden', null, ['hidden.leaky-relu-next'], ['hidden.dead-relu']],
  ['sigmoid', 'hidden', null, ['hidden.avoid-sigmoid'], ['output.sigmoid-binary']],
  ['tanh', 'hidden', null, ['hidden.tanh-ok'], ['hidden.avoid-sigmoid']],
  ['gelu', 'hidden', null, ['hidden.smooth-relu']],
  ['selu', 'hidden', null, ['hidden.selu-init']],
  ['softshrink', 'hidden', null, ['hidden.shrink-rare']],
  ['relu6', 'hidden', null, ['hidden.dead-relu']],
  // The article, output layers.
  ['sigmoid', 'output', null, ['output.sigmoid-binary'], ['hidden.avoid-sigmoid']],
  ['softmax', 'output', null, ['output.softmax-multiclass'], ['loss.double-softmax']],
  ['identity', 'output', 'nn.MSELoss', ['output.identity-regression'], ['output.regression-clipped']],
  ['relu', 'output', null, ['output.unusual'], ['hidden.relu-first', 'hidden.dead-relu']],
  // Made specific by the loss.
  ['softmax', 'output', 'nn.CrossEntropyLoss', ['loss.double-softmax'], ['output.softmax-multiclass']],
  ['softmax', null, 'F.cross_entropy', ['loss.double-softmax']],
  ['log_softmax', 'output', 'CrossEntropyLoss', ['loss.double-softmax'], ['loss.log-softmax-nll-ok']],
  ['log_softmax', 'output', 'nn.NLLLoss', ['loss.log-softmax-nll-ok'], ['loss.double-softmax', 'loss.nll-needs-log']],
  ['softmax', 'output', 'NLLLoss', ['loss.nll-needs-log'], ['loss.log-softmax-nll-ok']],
  ['softmax', 'output', 'nn.KLDivLoss', ['loss.kl-needs-log']],
  ['sigmoid', 'output', 'nn.BCELoss', ['loss.bce-with-logits'], ['output.sigmoid-binary']],
  ['sigmoid', 'output', 'F.binary_cross_entropy', ['loss.bce-with-logits']],
  ['sigmoid', 'output', 'BCEWithLogitsLoss', ['loss.double-sigmoid'], ['loss.bce-with-logits']],
  ['relu', 'output', 'nn.MSELoss', ['output.regression-clipped'], ['output.unusual']],
  ['sigmoid', 'output', 'F.mse_loss', ['output.regression-clipped']],
  ['tanh', 'output', 'nn.L1Loss', ['output.regression-clipped'], ['output.tanh-bounded']],
  // A bounded output (a GAN generator's images in [-1, 1]) is a choice, not unusual.
  ['tanh', 'output', null, ['output.tanh-bounded'], ['output.unusual']],
  ['tanh', 'output', 'nn.BCELoss', ['output.tanh-bounded'], ['output.unusual']],
  ['leaky_relu', 'output', 'nn.MSELoss', [], ['output.regression-clipped']],
  // An autoencoder's reconstruction (the loss compares the output with the model's own input): its targets lie in the inputs' range.
  ['sigmoid', 'output', 'nn.MSELoss', ['output.reconstruction-bounded'], ['output.regression-clipped', 'output.sigmoid-binary'], { reconstructs: true }],
  ['tanh', 'output', 'F.l1_loss', ['output.reconstruction-bounded'], ['output.regression-clipped'], { reconstructs: true }],
  ['identity', 'output', 'nn.MSELoss', [], ['output.reconstruction-bounded', 'output.regression-clipped'], { reconstructs: true }],
  ['sigmoid', 'output', 'nn.MSELoss', ['output.regression-clipped'], ['output.reconstruction-bounded']],
  // A generator's image, judged by another network too (Pix2Pix's L1 beside the discriminator's loss): in the data's range.
  ['tanh', 'output', 'nn.L1Loss', ['output.generated-bounded'], ['output.regression-clipped', 'output.reconstruction-bounded'], { generates: true }],
  ['tanh', 'output', 'nn.L1Loss', ['output.reconstruction-bounded'], ['output.regression-clipped', 'output.generated-bounded'], { generates: true, reconstructs: true }],
  ['relu', 'output', 'nn.CrossEntropyLoss', ['loss.logits-expected']],
  ['tanh', 'output', 'BCEWithLogitsLoss', ['loss.logits-expected']],
  // ReLU or sigmoid on the scores, then log_softmax into NLLLoss: CrossEntropyLoss on distorted logits (AL107)
  ['relu', 'output', 'nn.NLLLoss', ['loss.log-probs-from-distorted'], ['loss.logits-expected']],
  ['sigmoid', 'output', 'F.nll_loss', ['loss.log-probs-from-distorted']],
  ['log_softmax', 'output', 'nn.NLLLoss', [], ['loss.log-probs-from-distorted']],
  ['relu', 'hidden', 'nn.NLLLoss', [], ['loss.log-probs-from-distorted']],
  ['sigmoid', 'output', 'nn.NLLLoss', [], ['loss.log-probs-from-distorted'], { logTaken: true }],
  // Hidden softmax (attention) is not the classifier's softmax: no loss advice.
  ['softmax', 'hidden', 'nn.CrossEntropyLoss', [], ['loss.double-softmax', 'output.softmax-multiclass']],
  ['sigmoid', 'hidden', 'nn.BCELoss', ['hidden.avoid-sigmoid'], ['loss.bce-with-logits']],
  // A gate multiplies another value: the 0–1 range is wanted.
  ['sigmoid', 'hidden', null, ['hidden.gate'], ['hidden.avoid-sigmoid'], { gate: true }],
  // Spelling.
  ['softmax', 'output', null, ['output.softmax-dim']],
  ['softmax', 'output', null, [], ['output.softmax-dim'], { params: { dim: 1 } }],
  ['softmax', 'output', null, [], ['output.softmax-dim'], { runtimeParams: ['dim'] }],
  ['log_softmax', null, null, ['output.softmax-dim']],
  ['tanh', null, null, ['api.deprecated'], [], { deprecation: 'nn.functional.tanh is deprecated. Use torch.tanh instead.' }],
  ['sigmoid', null, null, ['api.deprecated'], [], { deprecation: 'nn.functional.sigmoid is deprecated. Use torch.sigmoid instead.' }],
  ['tanh', null, null, [], ['api.deprecated']],
  ['relu', 'hidden', null, ['note.inplace'], [], { params: { inplace: true } }],
  ['relu', 'hidden', null, ['note.inplace'], [], { inPlace: true }],
  ['relu', 'hidden', null, [], ['note.inplace'], { params: { inplace: false } }],
];

for (const [id, role, loss, expect, absent = [], extra = {}] of TABLE) {
  test(`${id} · ${role ?? 'no role'} · ${loss ?? 'no loss'}${Object.keys(extra).length ? ' · ' + JSON.stringify(extra) : ''}`, () => {
    const got = keys(id, role, loss, extra);
    for (const k of expect) assert.ok(got.includes(k), `expected ${k} in ${got.join(', ')}`);
    for (const k of absent) assert.ok(!got.includes(k), `did not expect ${k} in ${got.join(', ')}`);
  });
}

test('the file\'s losses count for a use at the output, not for an unlinked use with no role', () => {
  // a loss elsewhere in the file is not this value's loss: no loss advice without a linked loss
  assert.ok(!keys('softmax', 'output', null, { params: { dim: 1 } }, ['nn.CrossEntropyLoss']).includes('loss.double-softmax'));
  assert.ok(keys('softmax', 'output', 'nn.CrossEntropyLoss', { params: { dim: 1 } }).includes('loss.double-softmax'));
  assert.ok(!keys('softmax', null, null, { params: { dim: 1 } }, ['nn.CrossEntropyLoss']).includes('loss.double-softmax'));
});

test('warnings come before notes, each key once', () => {
  const f = advise({ use: { ...base, id: 'softmax', role: 'output', loss: 'nn.CrossEntropyLoss' } });
  const sev = f.map((x) => x.severity);
  assert.deepEqual(sev, [...sev].sort((a, b) => (a === b ? 0 : a === 'warning' ? -1 : 1)));
  assert.equal(new Set(f.map((x) => x.key)).size, f.length);
});

test('every advice key the catalog uses has a rule with a text', () => {
  for (const a of ACTIVATIONS) for (const k of a.advice) {
    assert.ok(ADVICE_KEYS.includes(k), `${a.id}: no rule for ${k}`);
  }
  // And each rule's text is non-empty for a use that triggers it.
  for (const a of ACTIVATIONS) for (const role of ['hidden', 'output', null] as const) {
    for (const f of advise({ use: { ...base, id: a.id, role, loss: null } })) assert.ok(f.message.length > 10, `${a.id} ${f.key}`);
  }
});

test('advice never echoes the loss as written in the file', () => {
  const hostile = 'nn.CrossEntropyLoss](command:evil)`<img src=x>';
  for (const f of advise({ use: { ...base, id: 'softmax', role: 'output', loss: hostile } })) {
    assert.ok(!f.message.includes('command:') && !f.message.includes('<img'), f.message);
  }
  assert.equal(lossKind(hostile), 'other');
});

test('losses fold to one kind whatever the spelling', () => {
  for (const s of ['CrossEntropyLoss', 'nn.CrossEntropyLoss', 'torch.nn.CrossEntropyLoss', 'cross_entropy', 'F.cross_entropy']) assert.equal(lossKind(s), 'cross_entropy', s);
  for (const s of ['BCEWithLogitsLoss', 'F.binary_cross_entropy_with_logits']) assert.equal(lossKind(s), 'bce_logits', s);
  for (const s of ['NLLLoss', 'F.nll_loss']) assert.equal(lossKind(s), 'nll', s);
  for (const s of ['MSELoss', 'F.mse_loss', 'nn.SmoothL1Loss', 'HuberLoss']) assert.equal(lossKind(s), 'regression', s);
  assert.equal(lossKind('MyLoss'), 'other');
  assert.equal(lossKind(null), null);
});

test('the recommended alternative follows the findings, then the article', () => {
  const f = advise({ use: { ...base, id: 'softmax', role: 'output', loss: 'nn.NLLLoss', params: { dim: 1 } } });
  assert.equal(recommendedAlternative('softmax', 'output', f), 'log_softmax');
  assert.equal(recommendedAlternative('relu', 'hidden', []), 'leaky_relu');
  assert.equal(recommendedAlternative('sigmoid', 'hidden', advise({ use: { ...base, id: 'sigmoid', role: 'hidden', loss: null } })), 'relu');
});
