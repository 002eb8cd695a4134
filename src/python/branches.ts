// What a branch's condition says when the values of the parameters it reads are known (flow.ts
// follows an activation's value only down the branches its call sites take). Python's own rules
// for the few kinds of condition code chooses a path by: a flag (`if return_probs:`), a name
// compared with a literal (`if act == "softmax":`, `kind in ("a", "b")`), a test for None, and
// `not`/`and`/`or` of those. Anything else is not known.
import type { Node } from 'web-tree-sitter';
import { evaluateLiteral, MAX_LITERAL_CHARS } from './literals';

/** A Python value written as a literal: str, int or float, bool, None. */
export type PyValue = string | number | boolean | null;

/** A str method without arguments a test applies to a parameter (`name.lower() == "gru"`). */
export type StringFold = 'lower' | 'upper' | 'strip' | 'casefold';
export const STRING_FOLDS: ReadonlySet<string> = new Set<StringFold>(['lower', 'upper', 'strip', 'casefold']);

/** The str method applied to a literal, as Python does on ASCII text; unknown for anything else. */
export function foldString(v: { value: PyValue }, fold: StringFold): { value: PyValue } | 'unknown' {
  if (typeof v.value !== 'string' || !/^[\x20-\x7e]*$/.test(v.value)) return 'unknown';
  return { value: fold === 'upper' ? v.value.toUpperCase() : fold === 'strip' ? v.value.trim() : v.value.toLowerCase() };
}

/**
 * A condition's answer: true, false, `unknown` (no telling from the file), or `pending` (it reads
 * a parameter whose call has not been reached yet: a later call site may still say).
 */
export type Tri = true | false | 'unknown' | 'pending';

/** An operand's value; `unknown` and `pending` as for Tri. */
export type Operand = { value: PyValue } | 'unknown' | 'pending';

/**
 * The value a literal expression is (`"softmax"`, `-1`, `True`, `None`), or null when it is no
 * literal: literals.ts's reading, with a string taken only where `==` against it can be decided
 * (no f/b prefix, no escape, not cut short).
 */
export function literalOf(n: Node | null, source: string): { value: PyValue } | null {
  for (let i = 0; n && i < 8 && n.type === 'parenthesized_expression'; i++) n = n.namedChild(0);
  if (!n) return null;
  if (n.type === 'string') {
    for (const c of n.children) {
      if (!c || c.type === 'string_end') continue;
      if (c.type === 'string_start') { if (/[fFbB]/.test(source.slice(c.startIndex, c.endIndex))) return null; continue; }
      if (c.type !== 'string_content' || c.namedChildCount > 0 || source.slice(c.startIndex, c.endIndex).includes('\\')) return null;
    }
    if (n.endIndex - n.startIndex > MAX_LITERAL_CHARS) return null;
  }
  const l = evaluateLiteral(n, source);
  return l.ok ? { value: l.value } : l.none ? { value: null } : null;
}

/** Python's truth value of a literal. */
export function truthy(v: PyValue): boolean {
  return !(v === null || v === false || v === 0 || v === '');
}

const numeric = (v: PyValue): v is number | boolean => typeof v === 'number' || typeof v === 'boolean';

/** `a == b` in Python, for literals (True == 1). */
function equal(a: PyValue, b: PyValue): boolean {
  if (numeric(a) && numeric(b)) return Number(a) === Number(b);
  return a === b;
}

/** One comparison of two known values; `unknown` where Python's answer is not the literal's (`is` on a str). */
export function compare(op: string, a: PyValue, b: PyValue | PyValue[]): boolean | 'unknown' {
  if (Array.isArray(b)) {
    if (op === 'in') return b.some((x) => equal(a, x));
    if (op === 'not in') return !b.some((x) => equal(a, x));
    return 'unknown';
  }
  switch (op) {
    case '==': return equal(a, b);
    case '!=': return !equal(a, b);
    case 'is':
    case 'is not': {
      // Identity is defined for the singletons: None, True, False.
      const single = (v: PyValue) => v === null || typeof v === 'boolean';
      if (!single(a) && !single(b)) return 'unknown';
      return (a === b) === (op === 'is');
    }
    case '<': case '>': case '<=': case '>=': {
      const x = numeric(a) ? Number(a) : a;
      const y = numeric(b) ? Number(b) : b;
      if (x === null || y === null || typeof x !== typeof y) return 'unknown';
      return op === '<' ? x! < y! : op === '>' ? x! > y! : op === '<=' ? x! <= y! : x! >= y!;
    }
    default:
      return 'unknown';
  }
}

export function not(a: Tri): Tri {
  return a === true ? false : a === false ? true : a;
}

/** Kleene's `and`, with `pending` above `unknown` (a pending operand may still turn false). */
export function and(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  if (a === 'pending' || b === 'pending') return 'pending';
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return true;
}

export function or(a: Tri, b: Tri): Tri {
  return not(and(not(a), not(b)));
}

/**
 * What `cond` is, given what each name in it holds: `lookup` answers for an identifier or an
 * attribute (a parameter, or a flag a parameter set: its value, `unknown` or `pending`), or null
 * for one that is not (then the condition reads something the call sites do not choose: unknown).
 */
export function evaluate(cond: Node | null, source: string, lookup: (id: Node) => Operand | null, depth = 0): Tri {
  if (!cond || depth > 16) return 'unknown';
  switch (cond.type) {
    case 'parenthesized_expression':
      return evaluate(cond.namedChild(0), source, lookup, depth + 1);
    case 'not_operator':
      return not(evaluate(cond.childForFieldName('argument'), source, lookup, depth + 1));
    case 'boolean_operator': {
      const op = cond.childForFieldName('operator');
      const l = evaluate(cond.childForFieldName('left'), source, lookup, depth + 1);
      const r = evaluate(cond.childForFieldName('right'), source, lookup, depth + 1);
      const o = op ? source.slice(op.startIndex, op.endIndex) : '';
      return o === 'and' ? and(l, r) : o === 'or' ? or(l, r) : 'unknown';
    }
    case 'comparison_operator': {
      const operands = cond.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
      if (operands.length !== 2) return 'unknown'; // chained: `0 < p < 1`
      const [left, right] = operands as [Node, Node];
      const op = source.slice(left.endIndex, right.startIndex).trim().replace(/\s+/g, ' ');
      const a = operand(left, source, lookup);
      let b: PyValue | PyValue[] | 'unknown' | 'pending';
      if ((op === 'in' || op === 'not in') && (right.type === 'tuple' || right.type === 'list' || right.type === 'set')) {
        const items: PyValue[] = [];
        b = items;
        for (const c of right.namedChildren) {
          if (!c || c.type === 'comment') continue;
          const lit = literalOf(c, source);
          if (!lit) { b = 'unknown'; break; }
          items.push(lit.value);
        }
      } else {
        const o = operand(right, source, lookup);
        b = typeof o === 'string' ? o : o.value;
      }
      if (a === 'pending' || b === 'pending') return a === 'unknown' || b === 'unknown' ? 'unknown' : 'pending';
      if (a === 'unknown' || b === 'unknown') return 'unknown';
      return compare(op, a.value, b);
    }
    default: {
      const o = operand(cond, source, lookup);
      return typeof o === 'string' ? o : truthy(o.value);
    }
  }
}

function operand(n: Node, source: string, lookup: (id: Node) => Operand | null): Operand {
  const lit = literalOf(n, source);
  if (lit) return lit;
  if (n.type === 'identifier' || n.type === 'attribute') return lookup(n) ?? 'unknown';
  // `name.lower()`, `.upper()`, `.strip()`, `.casefold()` of a str the call sites give
  const fn = n.type === 'call' && n.childForFieldName('arguments')?.namedChildCount === 0 ? n.childForFieldName('function') : null;
  const obj = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
  const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute') : null;
  const m = method ? source.slice(method.startIndex, method.endIndex) : '';
  if (obj && (obj.type === 'identifier' || obj.type === 'attribute') && STRING_FOLDS.has(m)) {
    const v = lookup(obj) ?? 'unknown';
    return typeof v === 'string' ? v : foldString(v, m as StringFold);
  }
  return 'unknown';
}
