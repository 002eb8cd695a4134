// A user-defined activation's formula typeset from its parsed expression (never from its text):
// `/` as a fraction, `**` and pow as superscripts, sqrt as a radical, abs as bars, where/if-else as
// cases, Greek parameter names as letters (self.alpha → α), the tensor argument as x, function
// names upright with their namespaces dropped (torch.tanh → tanh, x.sigmoid() → σ(x)). Output is an
// SVG (see mathBoxes.ts); the plain-text lines of src/custom/formula.ts stay its alt text.
import type { BinOp, Expr } from '../interp';
import type { FoundDefinition } from '../custom';
import { isConstPath, num } from '../custom/formula';
import { cases, equations, fenced, fraction, radical, row, space, superscript, text, toSvg, type Box, type TypesetSvg } from './mathBoxes';

const GREEK: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', eps: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', iota: 'ι', kappa: 'κ',
  lambda: 'λ', lambd: 'λ', lamb: 'λ', lam: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', chi: 'χ',
  psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Sigma: 'Σ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
};
const FUNCTION_NAMES: Record<string, string> = { sigmoid: 'σ' };
const PREC: Partial<Record<BinOp, number>> = { '+': 5, '-': 5, '*': 6, '@': 6, '//': 6, '%': 6, '/': 7, '**': 8 };
const SHOWN: Partial<Record<BinOp, string>> = { '-': '−', '@': '@', '//': '//', '%': 'mod' };
const CMP: Record<string, string> = { '<=': '≤', '>=': '≥', '!=': '≠', '==': '=' };
/** Module-like receivers: calls on them are plain functions (torch.tanh, F.gelu, math.sqrt). */
const NAMESPACE = /^(torch|F|nn|math|np|numpy|special|fn|functional|th)$/;
const MAX_NODES = 300;
const MAX_WIDTH = 1600;

function isNamespace(e: Expr): boolean {
  if (e.k === 'name') return NAMESPACE.test(e.id);
  return e.k === 'attr' && isNamespace(e.obj);
}

class Setter {
  private nodes = 0;
  constructor(private readonly input: string) {}

  /** A variable: the input as x, Greek names as letters, one letter italic, longer names upright. */
  name(id: string, size: number): Box {
    if (id === this.input) return text('x', size, true);
    const greek = GREEK[id];
    if (greek) return text(greek, size, true);
    return text(id, size, id.length === 1);
  }

  expr(e: Expr, size: number, outer = 0): Box {
    if (++this.nodes > MAX_NODES) throw new Error('too large to typeset');
    switch (e.k) {
      case 'name': return this.name(e.id, size);
      case 'num': return text(num(e.v), size);
      case 'str': return text(`'${e.v.slice(0, 40)}'`, size);
      case 'const': return text(e.v === null ? 'None' : e.v ? 'True' : 'False', size);
      case 'attr':
        if (isConstPath(e, 'math.pi') || isConstPath(e, 'np.pi') || isConstPath(e, 'torch.pi') || isConstPath(e, 'numpy.pi')) return text('π', size, true);
        if (isConstPath(e, 'math.e')) return text('e', size, true);
        if (isConstPath(e, 'math.inf') || isConstPath(e, 'torch.inf')) return text('∞', size);
        if (e.obj.k === 'name' && e.obj.id === 'self') return this.name(e.name, size);
        return text(e.name, size);
      case 'bin': return this.bin(e, size, outer);
      case 'unary': {
        const inner = this.expr(e.e, size, 7);
        const b = row([text(e.op === '-' ? '−' : e.op === 'not' ? 'not ' : e.op === '~' ? '~' : '+', size), inner]);
        return outer > 6 ? fenced(b, size) : b;
      }
      case 'bool': {
        const b = row([this.expr(e.l, size, 1), space(0.3 * size), text(e.op, size), space(0.3 * size), this.expr(e.r, size, 1)]);
        return outer > 0 ? fenced(b, size) : b;
      }
      case 'cmp': {
        const parts: Box[] = [this.expr(e.operands[0]!, size, 5)];
        e.ops.forEach((op, i) => parts.push(space(0.25 * size), text(CMP[op] ?? op, size), space(0.25 * size), this.expr(e.operands[i + 1]!, size, 5)));
        const b = row(parts);
        return outer > 0 ? fenced(b, size) : b;
      }
      case 'ifexp': return this.cases(e.body, e.test, e.orelse, size);
      case 'call': return this.call(e, size);
      default: throw new Error(`cannot typeset ${e.k}`);
    }
  }

  private bin(e: Expr & { k: 'bin' }, size: number, outer: number): Box {
    const p = PREC[e.op];
    if (p === undefined) throw new Error(`cannot typeset ${e.op}`);
    let b: Box;
    if (e.op === '/') b = fraction(this.expr(e.l, size * (size > 12 ? 0.9 : 1)), this.expr(e.r, size * (size > 12 ? 0.9 : 1)), size);
    else if (e.op === '**') return this.power(e.l, e.r, size);
    else if (e.op === '*') {
      const l = this.expr(e.l, size, p), r = this.expr(e.r, size, p + 1);
      // 0.5x, x·2, 2·3: a dot only where juxtaposed digits would read as one number
      const fencedRight = e.r.k === 'bin' && (PREC[e.r.op] ?? 0) < p + 1;
      const digitRight = e.r.k === 'num' || (e.r.k === 'unary' && e.r.e.k === 'num') || (e.r.k === 'bin' && !fencedRight && leftmostNum(e.r));
      b = row(digitRight ? [l, text('·', size), r] : [l, space(0.12 * size), r]);
    } else {
      const l = this.expr(e.l, size, p), r = this.expr(e.r, size, p + 1);
      b = row([l, space(0.22 * size), text(SHOWN[e.op] ?? e.op, size), space(0.22 * size), r]);
    }
    return p < outer ? fenced(b, size) : b;
  }

  private power(base: Expr, exp: Expr, size: number): Box {
    const simple = base.k === 'name' || base.k === 'num' || base.k === 'attr' || base.k === 'call';
    const b = this.expr(base, size, 9);
    return superscript(simple ? b : fenced(b, size), this.expr(exp, size * 0.72), size);
  }

  private cases(value: Expr, test: Expr, otherwise: Expr, size: number): Box {
    const cond = (c: Expr) => row([text('if', size), space(0.3 * size), this.expr(c, size)]);
    return cases([[this.expr(value, size), cond(test)], [this.expr(otherwise, size), text('otherwise', size)]], size);
  }

  private call(e: Expr & { k: 'call' }, size: number): Box {
    const args = e.args.filter((a) => a.name !== 'inplace');
    const name = e.fn.k === 'attr' ? e.fn.name : e.fn.k === 'name' ? e.fn.id : null;
    if (!name) throw new Error('cannot typeset a computed function');
    const method = e.fn.k === 'attr' && !isNamespace(e.fn.obj) && !(e.fn.obj.k === 'name' && e.fn.obj.id === 'self');
    // a method on a value reads as a function of it: x.sigmoid() → σ(x), x.pow(3) → x³
    const values: Array<{ name?: string; value: Expr }> = method ? [{ value: (e.fn as Expr & { k: 'attr' }).obj }, ...args] : args;
    const plain = values.every((a) => !a.name);
    if (name === 'sqrt' && values.length === 1 && plain) return radical(this.expr(values[0]!.value, size), size);
    if ((name === 'pow' || name === 'float_power') && values.length === 2 && plain) return this.power(values[0]!.value, values[1]!.value, size);
    if ((name === 'abs' || name === 'absolute') && values.length === 1 && plain) return fenced(this.expr(values[0]!.value, size), size, '|');
    if (name === 'where' && values.length === 3 && plain) return this.cases(values[1]!.value, values[0]!.value, values[2]!.value, size);
    if (name === 'exp' && values.length === 1 && plain && isShort(values[0]!.value)) return superscript(text('e', size, true), this.expr(values[0]!.value, size * 0.72), size);
    const parts: Box[] = [];
    values.forEach((a, i) => {
      if (i) parts.push(text(', ', size));
      if (a.name) parts.push(text(`${a.name}=`, size));
      parts.push(this.expr(a.value, size));
    });
    return row([text(FUNCTION_NAMES[name] ?? name, size, false), fenced(row(parts), size)]);
  }
}

function leftmostNum(e: Expr): boolean {
  let cur = e;
  while (cur.k === 'bin') cur = cur.l;
  return cur.k === 'num';
}

/** e^(…) only for a short exponent (e^(−x), e^(2x)); a long one stays exp(…) to stay readable. */
function isShort(e: Expr): boolean {
  const size = (x: Expr): number => (x.k === 'bin' ? size(x.l) + size(x.r) + 1 : x.k === 'unary' ? size(x.e) + 1 : x.k === 'name' || x.k === 'num' || x.k === 'attr' ? 1 : 10);
  return size(e) <= 3;
}

/**
 * The definition's `f(x) = …` (after its local assignments, aligned at `=`) as an SVG in `ink`,
 * on a `card` when given; null when it holds something not typeset (it is then shown as text).
 */
export function typesetDefinition(def: FoundDefinition, ink: string, card?: string, size = 15): TypesetSvg | null {
  try {
    const s = new Setter(def.input);
    const lines: Array<[Box, Box]> = def.locals.slice(0, 6).map((l) => [s.name(l.name, size), s.expr(l.value, size)]);
    const f = row([text('f', size, true), text('(', size), text('x', size, true), text(')', size)]);
    for (const r of def.returns.slice(0, 3)) lines.push([f, s.expr(r, size)]);
    if (!lines.length) return null;
    const box = equations(lines, size);
    if (box.w > MAX_WIDTH) return null;
    return toSvg(box, ink, card);
  } catch {
    return null;
  }
}
