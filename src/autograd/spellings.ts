// Where a Python file speaks autograd: `.backward(`, `requires_grad=True`, `.requires_grad_()`,
// `.grad`, `.is_leaf`, `.detach()`, `.retain_grad()`, `torch.no_grad()`, `retain_graph=`.
// These are PyTorch's API names (attributes and keywords), not the user's variable names; what
// the values behind them are is the follower's business (follow.ts), never guessed here.
import type { Node } from 'web-tree-sitter';
import { rangeOf } from '../python/analyze';
import { isIdentPartAt, scanIdentifiers } from '../python/scan';
import type { SourceRange } from '../python/types';

export type AutogradKind =
  | 'backward'
  | 'requires_grad'
  | 'requires_grad_'
  | 'grad'
  | 'is_leaf'
  | 'detach'
  | 'retain_grad'
  | 'no_grad'
  | 'retain_graph';

export const AUTOGRAD_KINDS: readonly AutogradKind[] = [
  'backward', 'requires_grad', 'requires_grad_', 'grad', 'is_leaf', 'detach', 'retain_grad', 'no_grad', 'retain_graph',
];

export interface AutogradSpelling {
  kind: AutogradKind;
  /** The word itself (what a hover covers). */
  range: SourceRange;
  /** The call's or attribute's whole expression (`F.tanh(x).sum().backward()`, `x.grad`). */
  exprRange: SourceRange;
  /** `requires_grad=True` → true, `=False` → false; a non-literal value → undefined. */
  literal?: boolean;
  /** The spelling is written to (`x.requires_grad = True`, `x.grad = None`). */
  assigned?: boolean;
}

const NAMES: ReadonlySet<string> = new Set(AUTOGRAD_KINDS.concat(['detach_'] as never[]));
/** Far more than hand-written code holds; bounds the work on generated files. */
const MAX_SPELLINGS = 20_000;

const text = (source: string, n: Node) => source.slice(n.startIndex, n.endIndex);

/** The PyTorch path a dotted expression stands for through the file's torch imports (`th.no_grad` → 'torch.no_grad'), else null. */
export function torchPath(node: Node, source: string, torch: ReadonlyMap<string, string>): string | null {
  if (node.type === 'identifier') return torch.get(text(source, node)) ?? null;
  if (node.type !== 'attribute') return null;
  const obj = node.childForFieldName('object');
  const attr = node.childForFieldName('attribute');
  if (!obj || !attr) return null;
  const base = torchPath(obj, source, torch);
  return base ? `${base}.${text(source, attr)}` : null;
}

const NO_GRAD_PATHS = new Set(['torch.no_grad', 'torch.autograd.no_grad', 'torch.autograd.grad_mode.no_grad']);

function isCallee(node: Node): Node | null {
  const p = node.parent;
  return p && p.type === 'call' && p.childForFieldName('function')?.id === node.id ? p : null;
}

function literalBool(v: Node | null, source: string): boolean | undefined {
  if (!v) return undefined;
  if (v.type === 'true') return true;
  if (v.type === 'false') return false;
  const s = text(source, v);
  return s === 'True' ? true : s === 'False' ? false : undefined;
}

/** The autograd spelling an identifier node is part of, or null. */
export function classify(id: Node, source: string, torch: ReadonlyMap<string, string>): AutogradSpelling | null {
  const name = text(source, id);
  const parent = id.parent;
  if (!parent) return null;
  // Keyword arguments: requires_grad=…, retain_graph=…
  if (parent.type === 'keyword_argument' && parent.childForFieldName('name')?.id === id.id) {
    if (name !== 'requires_grad' && name !== 'retain_graph') return null;
    const call = parent.parent?.parent;
    return {
      kind: name as 'requires_grad' | 'retain_graph',
      range: rangeOf(id),
      exprRange: rangeOf(call && call.type === 'call' ? call : parent),
      literal: literalBool(parent.childForFieldName('value'), source),
    };
  }
  // torch.no_grad() / no_grad() (imported from torch), also as a decorator
  if (name === 'no_grad') {
    const callee = parent.type === 'attribute' && parent.childForFieldName('attribute')?.id === id.id ? parent : id;
    if (!NO_GRAD_PATHS.has(torchPath(callee, source, torch) ?? '')) return null;
    // `torch.no_grad()` is always called (also as a decorator); the bare name is an import or a reference.
    const call = isCallee(callee);
    return call ? { kind: 'no_grad', range: rangeOf(id), exprRange: rangeOf(call) } : null;
  }
  if (parent.type !== 'attribute' || parent.childForFieldName('attribute')?.id !== id.id) return null;
  const receiver = parent.childForFieldName('object');
  // torch.autograd.grad(...), torch.autograd.backward(...) are functions of torch, not a tensor's attributes.
  if (receiver && torchPath(receiver, source, torch) !== null && name !== 'backward') return null;
  const call = isCallee(parent);
  const assigned = parent.parent?.type === 'assignment' && parent.parent.childForFieldName('left')?.id === parent.id;
  const base = { range: rangeOf(id), exprRange: rangeOf(call ?? parent) };
  switch (name) {
    case 'backward':
    case 'requires_grad_':
    case 'retain_grad':
      return call ? { kind: name, ...base } : null;
    case 'detach':
    case 'detach_':
      return call ? { kind: 'detach', ...base } : null;
    case 'grad':
    case 'is_leaf':
      return call ? null : { kind: name, ...base, ...(assigned ? { assigned } : {}) };
    case 'requires_grad':
      if (call) return null;
      return assigned
        ? { kind: 'requires_grad', ...base, assigned, literal: literalBool(parent.parent!.childForFieldName('right'), source) }
        : { kind: 'requires_grad', ...base };
    default:
      return null;
  }
}

/** Every autograd spelling under `root`, in source order. */
export function findAutogradSpellings(root: Node, source: string, torch: ReadonlyMap<string, string>): AutogradSpelling[] {
  const out: AutogradSpelling[] = [];
  const { found } = scanIdentifiers(source, NAMES, MAX_SPELLINGS);
  for (const occ of found) {
    if (occ.start < root.startIndex || occ.start >= root.endIndex) continue;
    const id = root.descendantForIndex(occ.start, occ.start + occ.name.length);
    if (!id || id.type !== 'identifier' || id.startIndex !== occ.start) continue;
    const s = classify(id, source, torch);
    if (s) out.push(s);
  }
  return out;
}

/** The spelling whose word covers (line, column), if any. */
export function spellingAt(spellings: readonly AutogradSpelling[], line: number, column: number): AutogradSpelling | undefined {
  return spellings.find((s) => s.range.line === line && s.range.column <= column && column <= s.range.endColumn);
}

/**
 * Whether a spelling could cover `column` of a line whose text is `lineText`: only if the
 * identifier holding the column (or ending at it, as spellingAt counts the word's end) is one of
 * the spelled names. A hover anywhere else needs no reading of the file (the follower runs the
 * whole file: hundreds of ms on a large one, on the editor's thread).
 */
export function maySpellAt(lineText: string, column: number): boolean {
  const word = (at: number): string | undefined => {
    if (at < 0 || at >= lineText.length || !isIdentPartAt(lineText, at)) return undefined;
    let a = at;
    let b = at;
    while (a > 0 && isIdentPartAt(lineText, a - 1)) a--;
    while (b < lineText.length && isIdentPartAt(lineText, b)) b++;
    return lineText.slice(a, b);
  };
  return [word(column), word(column - 1)].some((w) => w !== undefined && NAMES.has(w));
}
