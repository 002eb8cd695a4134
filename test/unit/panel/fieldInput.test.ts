// What a person types into the explorer's fields, read as they meant it; what is wrong said in
// their words and language, the same rule for both signs, and nothing the host would then fail on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readNumber, readNumberList, showNumberList } from '../../../src/fieldInput';
import { english, type Translate } from '../../../src/i18n';
import { ARTICLE_SCORES, MAX_ABS_SCORE, MAX_SCORES, validateSoftmaxInput } from '../../../src/protocol';
import { softmaxResult } from '../../../src/vscode/explorerData';

const scores = (raw: string, t: Translate = english) => readNumberList(raw, t('Scores'), t, { maxAbs: MAX_ABS_SCORE, maxCount: MAX_SCORES });
const error = (r: { ok: boolean; error?: string }) => { assert.equal(r.ok, false); return (r as { error: string }).error; };

test('a pasted Python list, a tuple, torch.tensor(...) and plain commas or spaces all read as the numbers', () => {
  for (const raw of ['[1, 2, 3]', '(1, 2, 3)', 'torch.tensor([1., 2., 3.])', '1,2,3', '1 2 3', ' 1,  2 ,3 ', '1.0, 2e0, +3']) {
    const r = scores(raw);
    assert.ok(r.ok, raw);
    assert.deepEqual(r.ok && r.value, [1, 2, 3], raw);
  }
  const art = scores(showNumberList(ARTICLE_SCORES));
  assert.deepEqual(art.ok && art.value, ARTICLE_SCORES, 'what the field shows reads back to the same scores');
});

test('too large is one rule for both signs, names the field and the value, and is refused before the engine sees it', () => {
  const big = error(scores('1e308, 1'));
  const small = error(scores('1, -1e308'));
  assert.equal(big, 'Scores: 1e308 is too large (at most ±1000000)');
  assert.equal(small, 'Scores: -1e308 is too large (at most ±1000000)');
  assert.match(error(scores('1e400')), /Scores: 1e400 is too large/);
  // The old path: accepted by the field, then the host's softmax overflowed float32 and the
  // webview refused the result as "probs must be a list of at most 64 numbers".
  assert.equal(validateSoftmaxInput({ scores: [1e308, 1], temperature: 1 }).ok, false);
  const edge = softmaxResult({ scores: [MAX_ABS_SCORE, -MAX_ABS_SCORE], temperature: 0.01 });
  assert.ok(edge.probs.every(Number.isFinite), 'the largest accepted scores at the smallest temperature stay finite');
});

test('an empty field, a word, too many numbers and a fraction where a whole number is needed say so plainly', () => {
  assert.equal(error(scores('')), 'Scores: the field is empty; type numbers separated by commas');
  assert.equal(error(scores('[]')), 'Scores: the field is empty; type numbers separated by commas');
  assert.equal(error(scores('1, two, 3')), 'Scores: "two" is not a number');
  assert.equal(error(scores(Array.from({ length: 65 }, () => '1').join(','))), 'Scores: 65 numbers is too many (at most 64)');
  assert.equal(error(readNumber('', 'Points', english)), 'Points: the field is empty; type a number');
  assert.equal(error(readNumber('2.5', 'Points', english, { integer: true })), 'Points: 2.5 is not a whole number');
  assert.equal(error(readNumber('1', 'Points', english, { integer: true, min: 2 })), 'Points: 1 is below the smallest allowed value, 2');
  assert.equal(error(readNumber('0x10', 'min_val', english)), 'min_val: "0x10" is not a number');
  for (const raw of ['1__0', '1_', 'NaN', 'Infinity', '--1']) assert.equal(readNumber(raw, 'x', english).ok, false, raw);
  const r = readNumber('1_000', 'x', english);
  assert.equal(r.ok && r.value, 1000);
});

test('in zh-cn every message is Chinese around the user\'s own values (no English words left)', () => {
  const zh: Record<string, string> = JSON.parse(readFileSync('l10n/bundle.l10n.zh-cn.json', 'utf8'));
  const t: Translate = (m, ...a) => (zh[m] ?? m).replace(/\{(\d+)\}/g, (_, i: string) => String(a[Number(i)]));
  const messages = [error(scores('', t)), error(scores('1, x', t)), error(scores('1e308', t)), error(readNumber('2.5', t('Points'), t, { integer: true })),
    error(readNumber('1', t('Points'), t, { min: 2 })), error(readNumber('9', t('Points'), t, { max: 2 })), error(scores(Array(65).fill('1').join(), t))];
  for (const m of messages) {
    assert.match(m, /^分数|^点数/, m);
    assert.doesNotMatch(m.replace(/"[^"]*"|“[^”]*”/g, ''), /[a-z]{3,}/i, m);
  }
});
