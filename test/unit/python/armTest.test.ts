// The branches a model's output was built under, read with another file's call (armTest.ts): what
// each kind of argument decides, Python's comparison rules, the default, splats and str methods.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callTakes, evaluateArm, type ArmExpr, type ArmTest, type CallArgs } from '../../../src/python/armTest';

const extra: ArmExpr = { k: 'param', name: 'extra', index: 2, dflt: { value: null } };
const n: ArmExpr = { k: 'param', name: 'n_classes', index: 0, dflt: null };
const name: ArmExpr = { k: 'param', name: 'name', index: 0, dflt: null, fold: 'lower' };
const isNotNone: ArmExpr = { k: 'cmp', op: 'is not', a: extra, b: { k: 'lit', v: null } };
const one: ArmExpr = { k: 'cmp', op: '==', a: n, b: { k: 'lit', v: 1 } };
const lit = (value: string | number | boolean | null) => ({ value });
const call = (pos: CallArgs['pos'], kw: CallArgs['kw'] = {}, open?: true): CallArgs => (open ? { pos, kw, open } : { pos, kw });

test('a literal decides; a value read at run time, a splat or an unknown call does not', () => {
  const rows: Array<[ArmExpr, CallArgs | undefined, boolean | 'unknown']> = [
    [isNotNone, call([lit(32), lit(6)], { extra: lit(16) }), true], // Net(32, 6, extra=16)
    [isNotNone, call([lit(32), lit(6), lit(16)]), true], // by position
    [isNotNone, call([lit(32), lit(6)]), false], // the default, None
    [isNotNone, call([lit(32), lit(6)], { extra: null }), 'unknown'], // extra=args.extra
    [isNotNone, call([lit(32)], {}, true), 'unknown'], // Net(32, *rest)
    [isNotNone, undefined, 'unknown'], // a hand-off: the call is in another function
    [one, call([lit(1)]), true],
    [one, call([lit(true)]), true], // True == 1 in Python
    [one, call([lit(1.0)]), true],
    [one, call([], { n_classes: lit(10) }), false],
    [one, call([]), 'unknown'], // no default: the call fails in Python, nothing is claimed
    [{ k: 'not', a: one }, call([lit(10)]), true],
    [{ k: 'and', a: one, b: isNotNone }, call([lit(1), null, lit(4)]), true],
    [{ k: 'or', a: one, b: isNotNone }, call([lit(3)]), false],
    [{ k: 'truthy', a: extra }, call([lit(1), lit(2), lit(0)]), false], // 0 is falsy
    [{ k: 'cmp', op: 'in', a: n, b: { list: [1, 2] } }, call([lit(2)]), true],
    [{ k: 'cmp', op: 'is', a: n, b: { k: 'lit', v: 'x' } }, call([lit('x')]), 'unknown'], // `is` on a str: not the literal's to say
    [{ k: 'cmp', op: '==', a: name, b: { k: 'lit', v: 'gru' } }, call([lit('GRU')]), true], // name.lower() == 'gru'
    [{ k: 'cmp', op: '==', a: name, b: { k: 'lit', v: 'gru' } }, call([lit(3)]), 'unknown'], // not a str
  ];
  for (const [e, args, want] of rows) assert.equal(evaluateArm(e, args), want, JSON.stringify([e, args]));
});

test('callTakes: every branch taken; an unknown one only where the arms agree', () => {
  const first: ArmTest = { owner: 'Net', test: isNotNone, want: true };
  const otherwise: ArmTest = { owner: 'Net', test: isNotNone, want: false };
  assert.equal(callTakes([first], call([lit(32), lit(6)], { extra: lit(16) })), true);
  assert.equal(callTakes([otherwise], call([lit(32), lit(6)], { extra: lit(16) })), false);
  assert.equal(callTakes([otherwise], call([lit(32), lit(6)])), true);
  assert.equal(callTakes([first], call([], { extra: null })), false);
  assert.equal(callTakes([{ ...first, agree: true }], call([], { extra: null })), true);
  // an agreeing branch a literal rules out is still ruled out
  assert.equal(callTakes([{ ...otherwise, agree: true }], call([lit(32), lit(6), lit(16)])), false);
  assert.equal(callTakes([first, { owner: 'Net', test: one, want: false }], call([lit(10), lit(6), lit(16)])), true);
  assert.equal(callTakes([], undefined), true);
});
