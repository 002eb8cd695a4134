// The autograd view's messages: what the view sends is validated by the host, what the host sends
// by the view; images must be our SVG data URIs, snippets are bounded.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadPython } from '../python/setup';
import { AUTOGRAD_PROTOCOL_VERSION, MAX_SNIPPET_CHARS, validateToAutogradHost, validateToAutogradView } from '../../../src/protocolAutograd';
import { autogradViewResult } from '../../../src/autograd/view';
import { english } from '../../../src/i18n';

before(loadPython);

test('the host refuses what the view must not send', () => {
  assert.deepEqual(validateToAutogradHost({ type: 'run', code: 'x = 1', seq: 3 }), { type: 'run', code: 'x = 1', seq: 3 });
  for (const bad of [null, [], 'run', { type: 'run', code: 5, seq: 1 }, { type: 'run', code: 'x', seq: 1.5 }, { type: 'run', code: 'x'.repeat(MAX_SNIPPET_CHARS + 1), seq: 1 }, { type: 'eval', code: 'x' }]) {
    assert.throws(() => validateToAutogradHost(bad), JSON.stringify(bad)?.slice(0, 40));
  }
});

test('the view takes the host\'s real results and refuses images that are not SVG data URIs', () => {
  const r = autogradViewResult('import torch\nx = torch.linspace(-2, 2, 5, requires_grad=True)\ntorch.tanh(x).sum().backward()\n', 1, 'light', english);
  assert.ok(r.graph?.uri);
  assert.equal(validateToAutogradView({ type: 'result', result: r }).type, 'result');
  const evil = { ...r, graph: { uri: 'javascript:alert(1)', text: [] } };
  assert.throws(() => validateToAutogradView({ type: 'result', result: evil }));
  const evil2 = { ...r, grads: [{ label: 'x', summary: 's', uri: 'data:text/html;base64,PHNjcmlwdD4=' }] };
  assert.throws(() => validateToAutogradView({ type: 'result', result: evil2 }));
  assert.throws(() => validateToAutogradView({ type: 'init', v: AUTOGRAD_PROTOCOL_VERSION + 1, strings: {}, examples: [], code: '' }));
  assert.deepEqual(validateToAutogradView({ type: 'setCode', code: 'x' }), { type: 'setCode', code: 'x' });
});

test('a broken variant: PyTorch\'s error at its line, the failed condition; hostile code ends as data', () => {
  const r = autogradViewResult('import torch\nx = torch.linspace(-2, 2, 5)\ntorch.tanh(x).sum().backward()\n', 2, 'dark', english);
  assert.deepEqual(r.events, [{ line: 3, severity: 'error', text: 'RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn' }]);
  assert.equal(r.conditions.find((c) => c.id === 'requiresGrad')!.ok, false);
  const t0 = performance.now();
  const h = autogradViewResult('import torch\ndef f(n):\n    return f(n)\nf(1)\nx = torch.zeros(100000000, requires_grad=True)\n', 3, 'dark', english);
  assert.ok(performance.now() - t0 < 2000);
  assert.ok(h.notes.length >= 1);
});
