// The formula as the user wrote it, set in plain mathematical text: `0.5·x·(1 + tanh(√(2/π)·(x +
// 0.044715·x³)))`. Namespaces drop away (torch.tanh → tanh), methods read as functions
// (x.sigmoid() → sigmoid(x)), self.alpha reads as alpha, math.pi as π, small integer powers as
// superscripts. Text, never markup: the hover escapes it like anything else from the file.
import type { BinOp, Expr } from '../interp';
import type { FoundDefinition } from './find';

const SUPERSCRIPT: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻' };
const PREC: Record<BinOp, number> = { '|': 1, '^': 2, '&': 3, '<<': 4, '>>': 4, '+': 5, '-': 5, '*': 6, '/': 6, '//': 6, '%': 6, '@': 6, '**': 8 };
const SHOWN: Partial<Record<BinOp, string>> = { '*': '·', '-': '−', '@': '@' };
const MAX_CHARS = 400;

/** A literal as Python would print it, long integers shortened. */
export function num(v: number | bigint): string {
  if (typeof v === 'bigint') return v.toString().length > 20 ? v.toString().slice(0, 18) + '…' : v.toString();
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return v.toFixed(1).replace(/\.0$/, '');
  return String(v);
}

/** The last dotted part of a call target: torch.nn.functional.gelu → gelu. */
function callee(e: Expr): string | null {
  if (e.k === 'name') return e.id;
  if (e.k === 'attr') return e.name;
  return null;
}

/** `e` is the dotted name `path` (math.pi). */
export function isConstPath(e: Expr, path: string): boolean {
  const parts = path.split('.');
  let cur: Expr = e;
  for (let i = parts.length - 1; i > 0; i--) {
    if (cur.k !== 'attr' || cur.name !== parts[i]) return false;
    cur = cur.obj;
  }
  return cur.k === 'name' && cur.id === parts[0];
}

class Printer {
  private budget = 200;
  constructor(private readonly input: string) {}

  expr(e: Expr, outer = 0): string {
    if (--this.budget < 0) return '…';
    switch (e.k) {
      case 'name': return e.id === this.input ? 'x' : e.id;
      case 'num': return num(e.v);
      case 'str': return `'${e.v}'`;
      case 'const': return e.v === null ? 'None' : e.v ? 'True' : 'False';
      case 'attr':
        if (isConstPath(e, 'math.pi') || isConstPath(e, 'np.pi') || isConstPath(e, 'torch.pi')) return 'π';
        if (isConstPath(e, 'math.e')) return 'e';
        if (e.obj.k === 'name' && e.obj.id === 'self') return e.name;
        return `${this.expr(e.obj, 9)}.${e.name}`;
      case 'bin': {
        const p = PREC[e.op];
        if (e.op === '**' && e.r.k === 'num' && /^-?\d$/.test(num(e.r.v))) {
          const base = this.expr(e.l, 9);
          return base + [...num(e.r.v)].map((c) => SUPERSCRIPT[c]).join('');
        }
        // Python's ** binds to the right; the others to the left
        const l = this.expr(e.l, e.op === '**' ? p + 1 : p);
        const r = this.expr(e.r, e.op === '**' ? p : p + 1);
        const op = e.op === '**' ? '^' : SHOWN[e.op] ?? e.op;
        const s = e.op === '*' || e.op === '**' ? `${l}${op}${r}` : `${l} ${op} ${r}`;
        return p < outer ? `(${s})` : s;
      }
      case 'unary': {
        const s = (e.op === '-' ? '−' : e.op === 'not' ? 'not ' : e.op === '~' ? '~' : '') + this.expr(e.e, 7);
        return outer > 6 ? `(${s})` : s;
      }
      case 'bool': {
        const s = `${this.expr(e.l, 1)} ${e.op} ${this.expr(e.r, 1)}`;
        return outer > 0 ? `(${s})` : s;
      }
      case 'cmp': {
        const parts = [this.expr(e.operands[0]!, 5)];
        e.ops.forEach((op, i) => parts.push(op === '<=' ? '≤' : op === '>=' ? '≥' : op === '!=' ? '≠' : op, this.expr(e.operands[i + 1]!, 5)));
        const s = parts.join(' ');
        return outer > 0 ? `(${s})` : s;
      }
      case 'ifexp': {
        const s = `${this.expr(e.body, 1)} if ${this.expr(e.test, 1)} else ${this.expr(e.orelse, 1)}`;
        return outer > 0 ? `(${s})` : s;
      }
      case 'call': return this.call(e);
      case 'tuple': return `(${e.items.map((i) => this.expr(i)).join(', ')})`;
      case 'list': return `[${e.items.map((i) => this.expr(i)).join(', ')}]`;
      case 'lambda': return 'λ';
      case 'subscript': return `${this.expr(e.obj, 9)}[${this.expr(e.index)}]`;
      default: return '…';
    }
  }

  private call(e: Expr & { k: 'call' }): string {
    const name = callee(e.fn);
    const args = e.args.filter((a) => !(a.name === 'inplace'));
    const shown = args.map((a) => (a.name ? `${a.name}=${this.expr(a.value)}` : this.expr(a.value)));
    // a method on a value reads as a function of it: x.sigmoid() → sigmoid(x)
    if (e.fn.k === 'attr' && name && !isNamespace(e.fn.obj)) {
      const self = this.expr(e.fn.obj, 9);
      if (name === 'pow' && shown.length === 1) return this.expr({ k: 'bin', op: '**', l: e.fn.obj, r: args[0]!.value, at: e.at }, 9);
      return `${name}(${[self, ...shown].join(', ')})`;
    }
    if ((name === 'sqrt') && shown.length === 1) return `√(${shown[0]})`;
    if ((name === 'pow') && args.length === 2 && !args[0]!.name && !args[1]!.name) return this.expr({ k: 'bin', op: '**', l: args[0]!.value, r: args[1]!.value, at: e.at }, 9);
    if (name === 'abs' && shown.length === 1) return `|${shown[0]}|`;
    return `${name ?? this.expr(e.fn, 9)}(${shown.join(', ')})`;
  }
}

/** Module-like receivers (torch, F, nn.functional, math, np): calls on them are plain functions. */
function isNamespace(e: Expr): boolean {
  if (e.k === 'name') return /^(torch|F|nn|math|np|numpy|special|fn|functional|th)$/.test(e.id) || e.id.length <= 2 && /^[A-Z]/.test(e.id);
  if (e.k === 'attr') return isNamespace(e.obj);
  return false;
}

function clip(s: string): string {
  return s.length > MAX_CHARS ? s.slice(0, MAX_CHARS - 1) + '…' : s;
}

/**
 * `f(x) = …` lines for a definition: its local assignments in order (`a = exp(x)`), then what it
 * returns (several returns: each on its line).
 */
export function formulaLines(def: FoundDefinition): string[] {
  const p = new Printer(def.input);
  const lines = def.locals.slice(0, 6).map((l) => clip(`${l.name} = ${p.expr(l.value)}`));
  for (const r of def.returns.slice(0, 3)) lines.push(clip(`f(x) = ${p.expr(r)}`));
  return lines;
}
