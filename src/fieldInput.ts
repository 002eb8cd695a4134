// What a person typed into one of the explorer's fields, read as they meant it, and what is wrong
// with it said in their words ("Scores: 1e308 is too large (at most ±1000000)"), never in the
// protocol's ("probs must be a list of at most 64 numbers"). Pure: the webview reads its fields
// with it; the protocol re-checks the values it produces.
import type { Translate } from './i18n';

export type Read<T> = { ok: true; value: T } | { ok: false; error: string };

export interface NumberRule {
  /** The largest magnitude accepted (both signs refused by the same rule). */
  maxAbs?: number;
  min?: number;
  max?: number;
  integer?: boolean;
}

// A Python or JavaScript number as people write it: 1, -2.5, .5, 1., 1e-3, +3, 1_000.
const NUMBER = /^[-+]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(e[-+]?\d+)?$/i;

/** The value of one number as typed, with `what` (the field's label) in the message. */
export function readNumber(raw: string, what: string, t: Translate, rule: NumberRule = {}): Read<number> {
  const s = raw.trim();
  if (s === '') return { ok: false, error: t('{0}: the field is empty; type a number', what) };
  if (!NUMBER.test(s) || /__|_$|_\.|\._/.test(s)) return { ok: false, error: t('{0}: "{1}" is not a number', what, s.slice(0, 40)) };
  return checkNumber(Number(s.replace(/_/g, '')), s, what, t, rule);
}

function checkNumber(v: number, typed: string, what: string, t: Translate, rule: NumberRule): Read<number> {
  const shown = typed.slice(0, 40);
  if (!Number.isFinite(v) || (rule.maxAbs !== undefined && Math.abs(v) > rule.maxAbs)) {
    return { ok: false, error: rule.maxAbs === undefined ? t('{0}: {1} is too large', what, shown) : t('{0}: {1} is too large (at most ±{2})', what, shown, rule.maxAbs) };
  }
  if (rule.integer && !Number.isInteger(v)) return { ok: false, error: t('{0}: {1} is not a whole number', what, shown) };
  if (rule.min !== undefined && v < rule.min) return { ok: false, error: t('{0}: {1} is below the smallest allowed value, {2}', what, shown, rule.min) };
  if (rule.max !== undefined && v > rule.max) return { ok: false, error: t('{0}: {1} is above the largest allowed value, {2}', what, shown, rule.max) };
  return { ok: true, value: v };
}

/**
 * A list of numbers as typed: separated by commas and/or spaces, optionally in Python's brackets
 * (`[1, 2, 3]`, `(1, 2, 3)`, `torch.tensor([1., 2.])` pasted from code).
 */
export function readNumberList(raw: string, what: string, t: Translate, rule: NumberRule & { maxCount: number }): Read<number[]> {
  let s = raw.trim();
  const call = /^(?:torch\.)?tensor\(\s*([\s\S]*?)\s*\)$/.exec(s);
  if (call) s = call[1];
  const bracket = /^[[(]([\s\S]*)[\])]$/.exec(s);
  if (bracket) s = bracket[1];
  const parts = s.split(/[,\s]+/).filter((p) => p !== '');
  if (!parts.length) return { ok: false, error: t('{0}: the field is empty; type numbers separated by commas', what) };
  if (parts.length > rule.maxCount) return { ok: false, error: t('{0}: {1} numbers is too many (at most {2})', what, parts.length, rule.maxCount) };
  const out: number[] = [];
  for (const p of parts) {
    const r = readNumber(p, what, t, rule);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return { ok: true, value: out };
}

/** The numbers as the field shows them again: what `readNumberList` reads back to the same values. */
export function showNumberList(values: readonly number[]): string {
  return values.map((v) => String(v)).join(', ');
}
