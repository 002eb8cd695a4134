// Expression patterns behind the AL3xx rules, read from the same syntax tree the hover's analysis
// parsed (the cache hands it over per document version; nothing is parsed a second time). The
// text is first searched for the two names that matter, `log` and `exp`; only the runs of the
// file holding one of them are looked at in the tree. Output is plain data with offsets: which
// callee names a pattern relies on is kept as written, and resolved against the file's imports
// later (lint.ts), so `th.exp` counts when `import torch as th` and `np.exp` never does.
import type { Node } from 'web-tree-sitter';
import { isIdentPart, scanIdentifiers } from '../python/scan';
import { MODULE_SELF_METHODS, RESHAPE_METHODS, SAME_VALUES_METHODS } from '../python/flow';

export interface Span { start: number; end: number }

/**
 * `torch.log(inner)` / `inner.log()`: the inner call is matched against the analysis' activation uses.
 * `viaName`: the log is of a name (`p = F.softmax(x, 1)` … `torch.log(p)`) and `inner` is the call
 * that name was last given; found, but not rewritten (the name may be read elsewhere too).
 */
export interface LogOfCall {
  kind: 'log'; span: Span; inner: Span; callee: string | null; viaName?: boolean;
  /** The inner call is a module instance's (`sm(x)`, `self.softmax(h)`): the call that built it (`nn.Softmax(dim=1)`). */
  built?: Span;
  /**
   * That instance is a model of the file (`self.actor = PolicyNet(4, 2).to(device)`) whose forward
   * has one return, of a call (`return F.softmax(self.fc2(x), dim=1)`): that call, and the class's name.
   */
  returned?: Span;
  /** What `returned` spans builds the module the forward ends with (`nn.Softmax(dim=1)` last in `self.fc = nn.Sequential(…)`). */
  returnedModule?: boolean;
  model?: string;
  /** `returned` is what a method of the class the log is in returns (`self.pi(s)`: `model` is `PPO.pi`), not a forward. */
  method?: boolean;
  /**
   * The inner call is of a function of the module (`def net(X): return softmax(X @ W + b)`, the
   * from-scratch models of courses): `model` names it; `returned` is the call it returns, or
   * `returnedHand` the expression, where that is written by hand (`X_exp / partition`, through
   * its own `def softmax(X)`), for the rule to match against the hand-written softmax or sigmoid.
   */
  function?: boolean;
  returnedHand?: Span;
  /**
   * The instance is built by calling a name no class of this tree has (`PolicyNet`, or dotted,
   * `nets.PolicyNet`): in a notebook, an earlier cell's class may (cellClasses); an imported
   * one, the class another file defines (importedModels.ts).
   */
  modelClass?: string;
  /** The log of one minus the inner call's value (`torch.log(1 - p)`, `(1 - p).log()`): the other half of a hand-written BCE. */
  complement?: boolean;
  /**
   * A notebook cell's top: `name` (the log's argument, or the module instance it calls when
   * `module`) is bound by none of the statements before the log in this cell; the last `window`
   * statements of the cells before may bind it (cellTail, resolved in cached.ts).
   */
  earlier?: { name: string; window: number; module: boolean };
  /** Functional picks on the way (`torch.gather(p, 1, y)`, as written): the rule checks each means torch.gather. */
  gathers?: string[];
}

/** A statement of a cell's last few at module level: the name it plainly assigns, every name it may bind, its text. */
export interface TailStatement { assign: { name: string; value: Span; call: boolean } | null; binds: string[]; text: string }
/** A cell's last statements at module level, last first; `complete` when they are all the cell has. */
export interface CellTail { statements: TailStatement[]; complete: boolean }
/** `exp(x) / exp(x).sum(d, keepdim=True)` and `torch.sum(exp(x), d, keepdim=True)`. */
export interface HandSoftmax {
  kind: 'softmax'; span: Span; x: string; dim: string; dimLiteral: boolean; callees: string[];
  /** Written through a variable (`e = exp(x)` … `e / e.sum(d, keepdim=True)`): found, but not rewritten (x may have changed between). */
  viaName?: boolean;
  /** Its log written out, `x - exp(x).sum(d, keepdim=True).log()`: torch.log_softmax is the built-in. */
  log?: boolean;
  /** The sum over dim 1 made a column, `.view(-1, 1)`: the softmax only for 2-D input, so the fix is unsafe. */
  columnView?: boolean;
  /**
   * `exp(x) / exp(x).sum()`: normalised over all elements (dim is ''). torch.softmax over one dim
   * equals it only for 1-D input: found, not rewritten.
   */
  allElements?: boolean;
}
/** `1 / (1 + exp(-x))`. */
export interface HandSigmoid {
  kind: 'sigmoid'; span: Span; x: string; callees: string[];
  /** Written in the forward or backward of a class: its bases as written (a torch.autograd.Function's are differentiated by hand). */
  bases?: string[];
  /** Written `exp(x) / (1 + exp(x))`: for x above ~88.7 (float32) the forward itself is inf / inf = nan. */
  overExp?: true;
}
export type PatternMatch = LogOfCall | HandSoftmax | HandSigmoid;

/** What the visitor needs of a parsed document: the python layer's Forest has it. */
export interface SyntaxSource { descendantForIndex(start: number, end?: number): Node | null }

const NAMES = new Set(['log', 'exp']);
/** A file with more candidates than this is generated code: the rest are not looked at. */
const MAX_CANDIDATES = 20000;

const span = (n: Node): Span => ({ start: n.startIndex, end: n.endIndex });
const same = (a: Node | null | undefined, b: Node | null | undefined) => !!a && !!b && a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;

function unwrap(n: Node | null | undefined): Node | null {
  let c = n ?? null;
  while (c && c.type === 'parenthesized_expression') c = c.namedChildren.find((k) => k && k.type !== 'comment') ?? null;
  return c;
}

/** The node's parent, looking through parentheses around it. */
function outer(n: Node): Node | null {
  let p = n.parent;
  while (p && p.type === 'parenthesized_expression') p = p.parent;
  return p;
}

function positional(call: Node): Node[] | null {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list') return null;
  const out: Node[] = [];
  for (const a of args.namedChildren) {
    if (!a || a.type === 'comment' || a.type === 'keyword_argument') continue;
    if (a.type === 'list_splat' || a.type === 'dictionary_splat') return null;
    out.push(a);
  }
  return out;
}

function keyword(call: Node, name: string): Node | null {
  const args = call.childForFieldName('arguments');
  for (const a of args?.namedChildren ?? []) {
    if (a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === name) return a.childForFieldName('value');
  }
  return null;
}

const dotted = (n: Node | null): boolean => !!n && (n.type === 'identifier' || (n.type === 'attribute' && dotted(n.childForFieldName('object'))));

interface NamedCall { call: Node; x: Node; callee: string | null }

/**
 * The call around the identifier `name` at `id`: `callee(x)` (callee as written, a dotted name)
 * or the method form `x.name()` (callee null).
 */
function namedCall(id: Node): NamedCall | null {
  const p = id.parent;
  if (!p) return null;
  if (p.type === 'call' && same(p.childForFieldName('function'), id)) {
    const args = positional(p);
    return args?.length === 1 && !p.childForFieldName('arguments')?.namedChildren.some((a) => a?.type === 'keyword_argument') ? { call: p, x: args[0]!, callee: id.text } : null;
  }
  if (p.type !== 'attribute' || !same(p.childForFieldName('attribute'), id)) return null;
  const call = p.parent;
  if (!call || call.type !== 'call' || !same(call.childForFieldName('function'), p)) return null;
  const args = positional(call);
  if (!args) return null;
  const object = p.childForFieldName('object')!;
  if (args.length === 0 && !call.childForFieldName('arguments')?.namedChildren.some((a) => a?.type === 'keyword_argument')) return { call, x: object, callee: null };
  if (args.length === 1 && dotted(object) && !call.childForFieldName('arguments')?.namedChildren.some((a) => a?.type === 'keyword_argument')) return { call, x: args[0]!, callee: p.text };
  return null;
}

function expCall(n: Node | null): NamedCall | null {
  const c = unwrap(n);
  if (!c || c.type !== 'call') return null;
  const f = c.childForFieldName('function');
  const id = f?.type === 'identifier' ? f : f?.type === 'attribute' ? f.childForFieldName('attribute') : null;
  return id?.text === 'exp' ? namedCall(id) : null;
}

const norm = (s: string) => s.replace(/\s+/g, '');
const isOne = (n: Node | null) => !!n && ((n.type === 'integer' && n.text === '1') || (n.type === 'float' && Number(n.text) === 1));
const op = (n: Node) => n.childForFieldName('operator')?.type;

function literalInt(n: Node | null): boolean {
  if (!n) return false;
  if (n.type === 'integer') return true;
  return n.type === 'unary_operator' && op(n) === '-' && n.childForFieldName('argument')?.type === 'integer';
}

function handSoftmax(e: NamedCall): HandSoftmax | null {
  const div = outer(e.call);
  if (!div || div.type !== 'binary_operator' || op(div) !== '/' || !same(unwrap(div.childForFieldName('left')), e.call)) return null;
  const kept = peelUnsqueeze(unwrap(div.childForFieldName('right')));
  const right = kept.sum;
  if (!right || right.type !== 'call') return null;
  const f = right.childForFieldName('function');
  if (f?.type !== 'attribute' || f.childForFieldName('attribute')?.text !== 'sum') return null;
  const args = positional(right);
  if (!args) return null;
  let denominator: NamedCall | null;
  let rest: Node[];
  const callees = [e.callee];
  const method = expCall(f.childForFieldName('object'));
  if (method) { denominator = method; rest = args; } else {
    // torch.sum(exp(x), d, keepdim=True)
    if (!dotted(f.childForFieldName('object')) || args.length < 1) return null;
    denominator = expCall(args[0]!);
    rest = args.slice(1);
    callees.push(f.text);
  }
  if (!denominator || norm(denominator.x.text) !== norm(e.x.text) || maxShifted(e.x, e.call)) return null;
  callees.push(denominator.callee);
  const dim = rest[0] ?? dimKeyword(right);
  const keep = rest[1] ?? keepdimKeyword(right);
  const named = callees.filter((c): c is string => c !== null);
  // `.sum()` of every element, nothing around it: the softmax of the flattened input (the
  // textbook's `def softmax(x): return torch.exp(x) / torch.exp(x).sum()`), the same overflow.
  if (!dim && !keep && rest.length === 0 && !kept.dim && !kept.column && !right.childForFieldName('arguments')?.namedChildren.some((a) => a?.type === 'keyword_argument')) {
    return { kind: 'softmax', span: span(div), x: e.x.text, dim: '', dimLiteral: false, callees: named, allElements: true };
  }
  if (!dim || !keepsDim(keep, dim, kept.dim, kept.column) || rest.length > 2) return null;
  return { kind: 'softmax', span: span(div), x: e.x.text, dim: dim.text, dimLiteral: literalInt(dim), callees: named, ...(kept.column ? { columnView: true } : {}) };
}

/** `dim=` or PyTorch's numpy-style alias `axis=` (`X_exp.sum(axis=1, keepdim=True)` in d2l's notebooks), which it accepts alike. */
const dimKeyword = (call: Node) => keyword(call, 'dim') ?? keyword(call, 'axis');

/** `keepdim=` or PyTorch's numpy-style alias `keepdims=` (the textbook's spelling), which it accepts alike. */
const keepdimKeyword = (call: Node) => keyword(call, 'keepdim') ?? keyword(call, 'keepdims');

/**
 * `s.unsqueeze(d)` around a sum: the sum and the `d`. `v.sum(d).unsqueeze(d)` has the shape and
 * values of `v.sum(d, keepdim=True)` for every `d` (a negative one counts from the end both times).
 * `s.view(-1, 1)` / `s.reshape(-1, 1)` (Udacity's `torch.sum(torch.exp(x), dim=1).view(-1, 1)`):
 * a column, which is the kept-dim sum over dim 1 of 2-D input only (`column`).
 */
function peelUnsqueeze(n: Node | null): { sum: Node | null; dim: Node | null; column?: boolean } {
  if (n?.type !== 'call') return { sum: n, dim: null };
  const f = n.childForFieldName('function');
  const method = f?.type === 'attribute' ? f.childForFieldName('attribute')?.text : undefined;
  if (method === 'view' || method === 'reshape') {
    const args = positional(n);
    const column = args?.length === 2 && norm(args[0]!.text) === '-1' && args[1]!.text === '1';
    return column ? { sum: unwrap(f!.childForFieldName('object')), dim: null, column: true } : { sum: n, dim: null };
  }
  if (method !== 'unsqueeze') return { sum: n, dim: null };
  const args = positional(n);
  const d = args?.length === 1 ? args[0]! : args?.length === 0 ? dimKeyword(n) : null;
  return d ? { sum: unwrap(f!.childForFieldName('object')), dim: d } : { sum: null, dim: null };
}

/**
 * The sum keeps its dimension: `keepdim=True`, or no keepdim (or False) and unsqueezed back at the
 * same literal dim — or made a column after a sum over dim 1 (or -1) of what must then be 2-D input.
 */
function keepsDim(keep: Node | null, dim: Node, unsqueezed: Node | null, column = false): boolean {
  if (column) return (!keep || keep.type === 'false') && (norm(dim.text) === '1' || norm(dim.text) === '-1');
  if (!unsqueezed) return keep?.type === 'true';
  return (!keep || keep.type === 'false') && literalInt(dim) && norm(unsqueezed.text) === norm(dim.text);
}

/** `v.sum(d, keepdim=True)` or `torch.sum(v, d, keepdim=True)` with `isV(v)`: the dim and the callees written. */
function sumOf(around: Node | null, isV: (v: Node | null) => boolean): { dim: Node; callees: string[]; column?: boolean } | null {
  const kept = peelUnsqueeze(around);
  return keptSum(kept.sum, kept.dim, isV, kept.column);
}

/** `right` is `v.sum(d, keepdim=True)` / `torch.sum(v, d, keepdim=True)`, or without keepdim when `unsqueezed` at the same literal dim. */
function keptSum(right: Node | null, unsqueezed: Node | null, isV: (v: Node | null) => boolean, column = false): { dim: Node; callees: string[]; column?: boolean } | null {
  if (!right || right.type !== 'call') return null;
  const f = right.childForFieldName('function');
  if (f?.type !== 'attribute' || f.childForFieldName('attribute')?.text !== 'sum') return null;
  const args = positional(right);
  if (!args) return null;
  let rest = args;
  const callees: string[] = [];
  if (!isV(unwrap(f.childForFieldName('object')))) {
    if (!dotted(f.childForFieldName('object')) || args.length < 1 || !isV(unwrap(args[0]!))) return null;
    rest = args.slice(1);
    callees.push(f.text);
  }
  const dim = rest[0] ?? dimKeyword(right);
  const keep = rest[1] ?? keepdimKeyword(right);
  return dim && keepsDim(keep, dim, unsqueezed, column) && rest.length <= 2 ? { dim, callees, ...(column ? { column } : {}) } : null;
}

/** The call `n` is the one argument or the object of: `n.name()` / `callee(n)` (callee dotted, written as `callee`). */
function callAround(n: Node, name: string): { call: Node; callee: string | null } | null {
  const p = outer(n);
  if (p?.type === 'attribute' && same(unwrap(p.childForFieldName('object')), n) && p.childForFieldName('attribute')?.text === name) {
    const call = p.parent;
    return call?.type === 'call' && same(call.childForFieldName('function'), p) ? { call, callee: null } : null;
  }
  const call = p?.type === 'argument_list' ? p.parent : null;
  const f = call?.type === 'call' ? call.childForFieldName('function') : null;
  if (!f || !dotted(f) || (f.type === 'attribute' ? f.childForFieldName('attribute')?.text : f.text) !== name) return null;
  const args = positional(call!);
  return args && args.length >= 1 && same(unwrap(args[0]!), n) ? { call: call!, callee: f.text } : null;
}

/**
 * log_softmax written out: `x - x.exp().sum(d, keepdim=True).log()`, `x - torch.log(torch.sum(torch.exp(x), d, keepdim=True))`,
 * and the PyTorch tutorial's `x - x.exp().sum(d).log().unsqueeze(d)` (the log of a sum put back in
 * shape is the log of the kept-dim sum). Not when the maximum was subtracted first, as in AL303.
 */
function handLogSoftmax(e: NamedCall): HandSoftmax | null {
  const sum = callAround(e.call, 'sum');
  if (!sum) return null;
  const log = callAround(sum.call, 'log');
  if (!log || (log.callee === null && positional(log.call)?.length !== 0) || (log.callee !== null && positional(log.call)?.length !== 1)) return null;
  const unsq = peelUnsqueeze(outer(log.call)?.type === 'attribute' ? outer(log.call)!.parent : null);
  const whole = (unsq.dim || unsq.column) && unsq.sum && same(unsq.sum, log.call) ? outer(log.call)!.parent! : log.call;
  const minus = outer(whole);
  if (minus?.type !== 'binary_operator' || op(minus) !== '-' || !same(unwrap(minus.childForFieldName('right')), whole)) return null;
  const left = unwrap(minus.childForFieldName('left'));
  if (!left || norm(left.text) !== norm(unwrap(e.x)?.text ?? "") || maxShifted(e.x, e.call)) return null;
  const kept = keptSum(sum.call, same(whole, log.call) ? null : unsq.dim, (v) => same(v, e.call), !same(whole, log.call) && !!unsq.column);
  if (!kept) return null;
  const callees = [e.callee, ...kept.callees, log.callee].filter((c): c is string => c !== null);
  return { kind: 'softmax', log: true, span: span(minus), x: e.x.text, dim: kept.dim.text, dimLiteral: literalInt(kept.dim), callees, ...(kept.column ? { columnView: true } : {}) };
}

/** The statement holding `n` (a child of a block or of the module). */
function statementOf(n: Node): Node | null {
  let c: Node | null = n;
  for (let i = 0; c && i < 64; i++, c = c.parent) if (c.parent && (c.parent.type === 'block' || c.parent.type === 'module')) return c;
  return null;
}

/** The value `name` was last given in the statements just before the one holding `at`. */
function lastAssigned(name: string, at: Node): Node | null {
  let prev = statementOf(at)?.previousNamedSibling ?? null;
  for (let i = 0; prev && i < 8; i++, prev = prev.previousNamedSibling) {
    const a = prev.type === 'expression_statement' ? prev.namedChild(0) : null;
    const left = a?.type === 'assignment' ? unwrap(a.childForFieldName('left')) : null;
    if (!left) continue;
    // `m = …`, or one name of `(m, i) = x.max(…)`: the value it came from.
    const names = left.type === 'identifier' ? [left] : ['pattern_list', 'tuple_pattern'].includes(left.type) ? left.namedChildren : [];
    if (names.some((n) => n?.type === 'identifier' && n.text === name)) return unwrap(a!.childForFieldName('right'));
  }
  return null;
}

/**
 * `x - x.max(dim, keepdim=True)` (directly or through variables, the maximum itself in one too:
 * `m = x.amax(…)`, `z = x - m`): the largest score is 0, so exp cannot overflow — a softmax
 * written out, but not the unstable one AL303 is about.
 */
function maxShifted(x: Node | null, at: Node): boolean {
  let v = unwrap(x);
  if (v?.type === 'identifier') v = lastAssigned(v.text, at);
  let r = v?.type === 'binary_operator' && op(v) === '-' ? maxHolder(unwrap(v.childForFieldName('right'))) : null;
  if (r?.type === 'identifier') r = lastAssigned(r.text, v!);
  return !!r && /\b(max|amax|logsumexp)\s*\(/.test(r.text);
}

/**
 * The value a subtracted maximum was read from: `c.values` and `c[0]` of the pair
 * `c = torch.max(x, dim=d)` returns, `m[:, None]` or `m.unsqueeze(1)` put back in shape,
 * `m.detach()` — each holds the maximum of `c` or `m`, so that is where it was bound.
 */
function maxHolder(r: Node | null): Node | null {
  for (let i = 0; r && i < 4; i++) {
    if (r.type === 'attribute' && r.childForFieldName('attribute')?.text === 'values') r = unwrap(r.childForFieldName('object'));
    else if (r.type === 'subscript') r = unwrap(r.childForFieldName('value'));
    else if (r.type === 'call' && /^(unsqueeze|detach)$/.test(r.childForFieldName('function')?.childForFieldName('attribute')?.text ?? '')) {
      r = unwrap(r.childForFieldName('function')!.childForFieldName('object'));
    } else break;
  }
  return r;
}

/** Where a name is bound, and the part of the node naming it (null: the whole node is read). */
const BINDERS: Record<string, string | null> = {
  assignment: 'left', augmented_assignment: 'left', for_statement: 'left', for_in_clause: 'left',
  named_expression: 'name', as_pattern: 'alias', delete_statement: null, global_statement: null,
  nonlocal_statement: null, import_statement: null, import_from_statement: null,
  function_definition: 'name', class_definition: 'name',
};
const BINDER_TYPES = Object.keys(BINDERS);

/**
 * What a binding node binds, as names: an import only its own names (`from model import Pointer`
 * binds `Pointer`, not `model`; `import a.b` binds `a`; `as c` binds `c`); a star import, what it
 * may (any name it writes, as any other node without a field: conservative).
 */
function bindingNode(b: Node): Node | Node[] | null {
  if (b.type === 'import_statement' || b.type === 'import_from_statement') {
    if (b.namedChildren.some((k) => k?.type === 'wildcard_import')) return b;
    const out: Node[] = [];
    for (const n of b.childrenForFieldName('name')) {
      const bound = n?.type === 'aliased_import' ? n.childForFieldName('alias') : n?.type === 'dotted_name' ? n.namedChild(0) : n;
      if (bound) out.push(bound);
    }
    return out;
  }
  const field = BINDERS[b.type];
  return field ? b.childForFieldName(field) : b;
}
const holdsBound = (n: Node | Node[] | null, name: string): boolean => (Array.isArray(n) ? n.some((k) => holdsName(k, name)) : holdsName(n, name));

const holdsName = (n: Node | null, name: string) =>
  !!n && (n.type === 'identifier' ? n.text === name : n.descendantsOfType('identifier').some((i) => i?.text === name));

/**
 * Might the statement bind `name` again? Any binding form counts (`name = …`, `name, i = …`,
 * `for name in …`, `with … as name`, `(name := …)`, `del name`, an import or a def of it): a
 * finding through a name is silent rather than read off a value the name may no longer hold.
 */
function rebinds(stmt: Node, name: string): boolean {
  const nodes = BINDER_TYPES.includes(stmt.type) ? [stmt, ...stmt.descendantsOfType(BINDER_TYPES)] : stmt.descendantsOfType(BINDER_TYPES);
  for (const b of nodes) {
    if (!b) continue;
    if (holdsBound(bindingNode(b), name)) return true;
  }
  return false;
}

/**
 * Is `name`, read at `id`, a parameter of a lambda or a comprehension's variable between `id` and
 * its statement? Then it is not the name the statements before bound.
 */
function shadowed(id: Node, name: string): boolean {
  const stop = statementOf(id);
  for (let n = id.parent; n && n !== stop; n = n.parent) {
    if (n.type === 'lambda' && holdsName(n.childForFieldName('parameters'), name)) return true;
    if (['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression'].includes(n.type)
      && n.namedChildren.some((c) => c?.type === 'for_in_clause' && holdsName(c.childForFieldName('left'), name))) return true;
  }
  return false;
}

/** `left = right` as a whole statement: the bound identifier's name and the value, else null. */
function plainAssignment(stmt: Node): { name: string; value: Node | null } | null {
  const a = stmt.type === 'expression_statement' ? stmt.namedChild(0) : null;
  const left = a?.type === 'assignment' ? a.childForFieldName('left') : null;
  return left?.type === 'identifier' ? { name: left.text, value: unwrap(a!.childForFieldName('right')) } : null;
}

/**
 * `e = exp(x)` and, a few statements later in the same block with `e` unchanged,
 * `e / e.sum(d, keepdim=True)` — or `e / s` with `s = e.sum(d, keepdim=True)` bound in between
 * (the textbook `partition = X_exp.sum(1, keepdim=True)`).
 */
function handSoftmaxViaName(e: NamedCall): HandSoftmax | null {
  const asg = outer(e.call);
  if (!asg || asg.type !== 'assignment' || !same(unwrap(asg.childForFieldName('right')), e.call)) return null;
  const left = asg.childForFieldName('left');
  const stmt = asg.parent;
  if (left?.type !== 'identifier' || stmt?.type !== 'expression_statement') return null;
  const name = left.text;
  if (maxShifted(e.x, e.call)) return null;
  const isName = (v: Node | null) => v?.type === 'identifier' && v.text === name;
  // the exponential written out again over the same input (`torch.exp(X) / partition`), while no
  // statement since binds a name that input reads
  const xNames = e.x.type === 'identifier' ? [e.x.text] : [...new Set(e.x.descendantsOfType('identifier').map((n) => n?.text ?? ''))];
  let xChanged = false;
  const isNumerator = (v: Node | null) => isName(v) || (!xChanged && v?.type === 'call' && v.text === e.call.text);
  /** Names bound to a kept-dim sum of `e` in the statements read so far. */
  const sums = new Map<string, { dim: Node; callees: string[]; column?: boolean }>();
  const found = (div: Node, sum: { dim: Node; callees: string[]; column?: boolean }): HandSoftmax =>
    ({ kind: 'softmax', span: span(div), x: e.x.text, dim: sum.dim.text, dimLiteral: literalInt(sum.dim), callees: [...(e.callee ? [e.callee] : []), ...sum.callees], viaName: true, ...(sum.column ? { columnView: true } : {}) });
  let next = stmt.nextNamedSibling;
  for (let i = 0; next && i < 6; i++, next = next.nextNamedSibling) {
    for (const div of next.descendantsOfType('binary_operator')) {
      if (!div || op(div) !== '/' || !isNumerator(unwrap(div.childForFieldName('left')))) continue;
      const right = unwrap(div.childForFieldName('right'));
      const sum = right?.type === 'identifier' ? sums.get(right.text) : sumOf(right, isName);
      if (sum) return found(div, sum);
    }
    if (rebinds(next, name)) return null;
    if (xNames.some((n) => n && rebinds(next!, n))) xChanged = true;
    for (const s of [...sums.keys()]) if (rebinds(next, s)) sums.delete(s);
    const bound = plainAssignment(next);
    const sum = bound && sumOf(bound.value, isName);
    if (bound && sum) sums.set(bound.name, sum);
  }
  return null;
}

/**
 * The `y` of an exponent that is minus it: `-y`, or a product or quotient whose first factor carries
 * the minus (`-1.7 * (a - b) * c`, `-z / t`: Python reads `(-1.7) * …`, which IEEE arithmetic gives
 * as exactly `-(1.7 * …)`), as its text.
 */
function negated(x: Node | null): string | null {
  if (!x) return null;
  if (x.type === 'unary_operator' && op(x) === '-') return x.childForFieldName('argument')?.text ?? null;
  let lead: Node | null = x;
  while (lead?.type === 'binary_operator' && PRODUCT_OPS.has(op(lead) ?? '')) lead = lead.childForFieldName('left');
  if (!lead || lead.id === x.id || lead.type !== 'unary_operator' || op(lead) !== '-') return null;
  const arg = lead.childForFieldName('argument');
  return arg ? x.text.slice(arg.startIndex - x.startIndex) : null;
}
/** Operators that keep a sign taken out of their left operand: (-a) op b == -(a op b). */
const PRODUCT_OPS = new Set(['*', '/', '@']);

function handSigmoid(e: NamedCall): HandSigmoid | null {
  const yText = negated(unwrap(e.x));
  if (yText === null) return null;
  const plus = outer(e.call);
  if (!plus || plus.type !== 'binary_operator' || op(plus) !== '+') return null;
  const l = unwrap(plus.childForFieldName('left'));
  const r = unwrap(plus.childForFieldName('right'));
  if (!((isOne(l) && same(r, e.call)) || (isOne(r) && same(l, e.call)))) return null;
  const div = outer(plus);
  if (!div || div.type !== 'binary_operator' || op(div) !== '/' || !isOne(unwrap(div.childForFieldName('left'))) || !same(unwrap(div.childForFieldName('right')), plus)) return null;
  const bases = basesAround(div);
  return { kind: 'sigmoid', span: span(div), x: yText, callees: e.callee ? [e.callee] : [], ...(bases ? { bases } : {}) };
}

/**
 * `torch.exp(x) / (1 + torch.exp(x))` (either order of the sum; the two exps written alike): the
 * sigmoid of x, whose forward is nan where exp(x) overflows (x above ~88.7 in float32), seen in a
 * real REINFORCE agent's Bernoulli policy.
 */
function handSigmoidOverExp(e: NamedCall): HandSigmoid | null {
  const div = outer(e.call);
  if (!div || div.type !== 'binary_operator' || op(div) !== '/' || !same(unwrap(div.childForFieldName('left')), e.call)) return null;
  const plus = unwrap(div.childForFieldName('right'));
  if (!plus || plus.type !== 'binary_operator' || op(plus) !== '+') return null;
  const l = unwrap(plus.childForFieldName('left'));
  const r = unwrap(plus.childForFieldName('right'));
  const alike = (n: Node | null) => !!n && n.type === 'call' && n.text === e.call.text;
  if (!((isOne(l) && alike(r)) || (isOne(r) && alike(l)))) return null;
  const x = unwrap(e.x);
  if (!x) return null;
  const bases = basesAround(div);
  return { kind: 'sigmoid', span: span(div), x: x.text, callees: e.callee ? [e.callee] : [], overExp: true, ...(bases ? { bases } : {}) };
}

/** The bases, as written, of the class whose `forward` or `backward` holds `n` (no def or lambda between); else undefined. */
function basesAround(n: Node): string[] | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'lambda') return undefined;
    if (p.type !== 'function_definition') continue;
    const name = p.childForFieldName('name')?.text;
    if (name !== 'forward' && name !== 'backward') return undefined;
    let cls: Node | null = p.parent?.type === 'decorated_definition' ? p.parent.parent : p.parent;
    cls = cls?.type === 'block' ? cls.parent : null;
    if (cls?.type !== 'class_definition') return undefined;
    return cls.childForFieldName('superclasses')?.namedChildren.filter((k): k is Node => !!k && k.type !== 'keyword_argument' && k.type !== 'comment').map((k) => k.text) ?? [];
  }
  return undefined;
}

function logOf(id: Node): LogOfCall | null {
  const c = namedCall(id);
  if (!c) return null;
  let inner = unwrap(c.x);
  let at: Node = c.call;
  let viaName = false;
  // `log(1 - p)`: what is subtracted from one is followed as the value itself is.
  let complement = false;
  if (inner?.type === 'binary_operator' && op(inner) === '-' && isOne(unwrap(inner.childForFieldName('left')))) {
    complement = true;
    inner = unwrap(inner.childForFieldName('right'));
  }
  // Through up to six steps of names, picked entries, reshapes and helper parameters: `p = F.softmax(s, 1)`,
  // `q = p.gather(1, y)`, `torch.log(q)` is still the log of softmax probabilities.
  let earlier: LogOfCall['earlier'];
  const gathers: string[] = [];
  // `probs, value = model(s)`: one of the values the model's forward returns (forwardReturn)
  let unpacked: Unpacked | undefined;
  for (let i = 0; inner && i < 6; i++) {
    const named = inner.type === 'identifier';
    if (named && shadowed(inner, inner.text)) return null;
    const top = { window: 0 };
    const bound = named ? boundBefore(inner.text, at, top) : null;
    if (bound?.unpacked) {
      inner = bound.value;
      unpacked = bound.unpacked;
      viaName = true;
      break;
    }
    // `def mask_nll_loss(prediction, …): -torch.log(torch.gather(prediction, 1, y))`, a function of
    // the module each of whose calls gives the parameter the same value (`mask_nll_loss(out, …)`
    // after `out, h = self.decoder(x, h)`): that value, read where the first call is.
    const given = named && !bound && top.window === 0 ? passedArgument(inner.text, at) : null;
    if (given) {
      at = given.call;
      inner = given.arg;
      viaName = true;
      continue;
    }
    const next = named ? bound?.value ?? null : pickedFrom(inner, gathers);
    if (!next) {
      if (named && top.window > 0) earlier = { name: inner.text, window: top.window, module: false };
      break;
    }
    // a name's value is read where it was bound: a further name is looked up from there
    at = named ? next : inner;
    inner = next;
    viaName = true;
  }
  if (!inner) return null;
  const tail = { ...(complement ? { complement } : {}), ...(gathers.length ? { gathers } : {}) };
  if (earlier) return { kind: 'log', span: span(c.call), inner: span(inner), callee: c.callee, viaName: true, earlier, ...tail };
  if (inner.type !== 'call') return null;
  const top = { window: 0, name: '' };
  const found = instanceBuilt(inner, top);
  const built = found ? madeByFactory(found) : null;
  if (!built && top.window > 0) earlier = { name: top.name, window: top.window, module: true };
  const own = built ? null : ownMethodReturn(inner, unpacked);
  const model: ReturnType<typeof forwardReturn> = built ? (unpacked ? null : sequentialLast(built)) ?? forwardReturn(built, unpacked) : own;
  const fn = built || own ? null : functionReturn(inner, unpacked);
  // one of several values: only what a forward, method or function of this file returns there is known
  if (unpacked && !model?.call && !fn) return null;
  return {
    kind: 'log', span: span(c.call), inner: span(inner), callee: c.callee, ...(viaName ? { viaName } : {}), ...(built ? { built: span(built) } : {}),
    ...(model?.call ? { returned: span(model.call.node), ...(model.call.module ? { returnedModule: true } : {}), model: model.name, ...(own ? { method: true } : {}) } : model?.elsewhere ? { modelClass: model.name } : {}),
    ...(fn ? { ...(fn.value.type === 'call' ? { returned: span(fn.value) } : { returnedHand: span(fn.value) }), model: fn.name, function: true } : {}),
    ...(earlier ? { earlier } : {}), ...tail,
  };
}

/**
 * `self.pi(s, softmax_dim=1)` in a method of the class that defines `def pi(self, x, …)` (and sets no
 * `self.pi`): what that method returns, as for a forward (a PPO agent's policy head), named
 * `Class.pi`. Else null.
 */
function ownMethodReturn(call: Node, unpacked?: Unpacked): { call: Returned; name: string } | null {
  const f = call.childForFieldName('function');
  const object = f?.type === 'attribute' ? f.childForFieldName('object') : null;
  const method = f?.type === 'attribute' ? f.childForFieldName('attribute')?.text : undefined;
  if (object?.type !== 'identifier' || object.text !== 'self' || !method) return null;
  let cls: Node | null = call.parent;
  while (cls && cls.type !== 'class_definition') cls = cls.parent;
  const name = cls?.childForFieldName('name')?.text;
  if (!cls || !name) return null;
  const returned = returnOfMethod(cls, method, unpacked);
  return returned && !returned.module ? { call: returned, name: `${name}.${method}` } : null;
}

/** A def or class statement itself, through its decorators. */
const definitionOf = (s: Node | null): Node | null => (s?.type === 'decorated_definition' ? s.childForFieldName('definition') : s);

/** The classes a module (a file, a notebook cell) defines at its top level, in order. */
function topClasses(root: Node | null): Node[] {
  const out: Node[] = [];
  for (const s of root?.namedChildren ?? []) {
    const d = definitionOf(s);
    if (d?.type === 'class_definition') out.push(d);
  }
  return out;
}

/**
 * `built` constructs a class of the file's top level (`PolicyNet(4, 2)`, also `PolicyNet(…).to(device)`)
 * whose forward has exactly one return of its own, returning a call: that call and the class's
 * name, else null. The log of the instance's output is then the log of what that call gives.
 */
function forwardReturn(built: Node, unpacked?: Unpacked): { call?: Returned; name: string; elsewhere?: boolean } | null {
  const ctor = constructorOf(built);
  const callee = ctor?.type === 'call' ? ctor.childForFieldName('function') : null;
  // `nets.PolicyNet(…)`: a class of an imported module, whose file `check` and the editor may read (importedModels.ts)
  if (callee?.type === 'attribute' && /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$/.test(callee.text)) return { name: callee.text, elsewhere: true };
  if (callee?.type !== 'identifier') return null;
  let root: Node | null = callee;
  while (root?.parent) root = root.parent;
  // once per class name and tree in a reading (findPatterns): a file's thousands of logs list its classes once
  const key = `class:${root?.startIndex}:${root?.endIndex}:${callee.text}${unpacked ? `:${unpacked.element}/${unpacked.count}` : ''}`;
  const known = instancesRead?.get(key) as ReturnType<typeof forwardReturn> | undefined;
  if (known !== undefined) return known;
  const named = topClasses(root).filter((d) => d.childForFieldName('name')?.text === callee.text);
  const cls = named[0];
  const call = named.length === 1 ? returnOfMethod(cls!, 'forward', unpacked) : null;
  // defined twice: which one is built is not read here
  const out = named.length > 1 ? null : !cls ? { name: callee.text, elsewhere: true } : call ? { call, name: callee.text } : null;
  instancesRead?.set(key, out);
  return out;
}

/**
 * `built` constructs an `nn.Sequential` of modules written in place (`D = nn.Sequential(nn.Linear(784, 1),
 * nn.Sigmoid())`, also `.to(device)`): its output is its last module's, the call building that module
 * (named by the Sequential as written). `nn.Sequential(*layers)` or an OrderedDict: null.
 */
function sequentialLast(built: Node): { call: Returned; name: string } | null {
  const ctor = constructorOf(built);
  const callee = ctor?.type === 'call' ? ctor.childForFieldName('function') : null;
  if (!callee || !/^([A-Za-z_]\w*\.)*Sequential$/.test(callee.text)) return null;
  if (callee.type === 'identifier') {
    // `from torch.nn import Sequential`, unless the file defines a class of that name itself
    let root: Node | null = callee;
    while (root?.parent) root = root.parent;
    if (topClasses(root).some((d) => d.childForFieldName('name')?.text === callee.text)) return null;
  }
  const args = ctor!.childForFieldName('arguments')?.namedChildren.filter((k): k is Node => !!k && k.type !== 'comment') ?? [];
  if (args.some((a) => a.type !== 'call')) return null;
  const last = unwrap(args[args.length - 1]);
  return last?.type === 'call' ? { call: { node: last, module: true }, name: callee.text } : null;
}

/**
 * `policy = create_policy()` with `def create_policy(): return nn.Sequential(…)`, one function of
 * the module's top level by that name (and no class): the construction its only return gives (also
 * through a name its body assigns last before the return), read as if built in place. Else `built`.
 */
function madeByFactory(built: Node): Node {
  const ctor = constructorOf(built);
  const callee = ctor?.type === 'call' ? ctor.childForFieldName('function') : null;
  if (callee?.type !== 'identifier') return built;
  let root: Node | null = callee;
  while (root?.parent) root = root.parent;
  const defs: Node[] = [];
  for (const s of root?.namedChildren ?? []) {
    const d = definitionOf(s);
    const name = d?.type === 'function_definition' || d?.type === 'class_definition' ? d.childForFieldName('name')?.text : undefined;
    if (name === callee.text) defs.push(d!);
  }
  if (defs.length !== 1 || defs[0]!.type !== 'function_definition') return built;
  const returned = returnOfFunction(defs[0]!);
  return returned && !returned.module ? returned.node : built;
}

/** What a forward returns: a call (`F.softmax(h, 1)`), or the call building the module it ends with (`module`). */
interface Returned { node: Node; module: boolean }
/** Which of the values a call's result is unpacked into a name takes (`probs, value = model(s)`: 0 of 2). */
interface Unpacked { element: number; count: number }

/**
 * What a class's forward (or another of its methods) returns through its only return of its own: the call returned, also
 * through a name the forward's body assigns it to last before (`x = self.fc(x)` … `return x`); and
 * where that call is of `self.<attr>` the class sets once to `nn.Sequential(…)`, the call building
 * its last module. Else null.
 */
function returnOfMethod(cls: Node, method = 'forward', unpacked?: Unpacked): Returned | null {
  let forward: Node | null = null;
  for (const s of cls.childForFieldName('body')?.namedChildren ?? []) {
    const d = definitionOf(s);
    if (d?.type === 'function_definition' && d.childForFieldName('name')?.text === method) forward = d;
  }
  return forward ? returnOfFunction(forward, unpacked) : null;
}

/**
 * `net(X)` calling the one function of the module's top level by that name (no class, nothing else
 * binding it, no parameter of a function around the call taking its place): what that function
 * returns through its only return, followed on through functions of the module it returns the call
 * of (`def net(X): return softmax(X @ W + b)` with `def softmax(X): … return X_exp / partition`, up
 * to three), with the name of the first. A call returned is matched against the activation uses, an
 * expression against the hand-written softmax and sigmoid (patternRules.ts). Else null.
 */
function functionReturn(call: Node, unpacked?: Unpacked): { value: Node; name: string } | null {
  let name: string | null = null;
  let value: Node | null = call;
  for (let i = 0; value?.type === 'call' && i < 3; i++) {
    const def = moduleFunction(value);
    if (!def) break;
    name ??= def.childForFieldName('name')!.text;
    value = returnedValue(def, i === 0 ? unpacked : undefined);
  }
  return name && value && value.id !== call.id ? { value, name } : null;
}

/** The function definition a call of a plain name calls, when it is one of the module's top level as functionReturn reads it. */
function moduleFunction(call: Node): Node | null {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'identifier' || shadowed(callee, callee.text)) return null;
  let name = callee.text;
  let root: Node | null = callee;
  let param: Node | null = null;
  for (let p = callee.parent; p; p = p.parent) {
    if ((p.type === 'function_definition' || p.type === 'lambda') && holdsName(p.childForFieldName('parameters'), name)) {
      // `def train_epoch(net, data, loss): … net(X)` where every call of train_epoch gives `net` the
      // same function of the module (`train_epoch(net, data, cross_entropy)`): that function
      if (param || p.type === 'lambda') return null;
      param = p;
    }
    root = p;
  }
  if (root?.type !== 'module') return null;
  // (through up to three helpers handing it on: d2l's train_ch3 → train_epoch_ch3)
  for (let hop = 0; param; hop++) {
    const fnName = param.childForFieldName('name')?.text;
    const top = param.parent?.type === 'decorated_definition' ? param.parent.parent : param.parent;
    if (hop >= 3 || !fnName || top?.type !== 'module' || reboundInBody(param, name)) return null;
    const given = argumentsGiven(root, fnName, param, name, 0);
    if (!given?.length || given.some((g) => g.arg.type !== 'identifier' || g.arg.text !== given[0]!.arg.text)) return null;
    name = given[0]!.arg.text;
    // the name given is a parameter of the function making every call (one function): on to its callers
    const around = given.map((g) => moduleFunctionAround(g.call));
    const holds = around.map((a) => !!a && holdsName(a.fn.childForFieldName('parameters'), name));
    if (holds.some((h) => h !== holds[0]) || (holds[0] && around.some((a) => a!.fn.id !== around[0]!.fn.id))) return null;
    param = holds[0] ? around[0]!.fn : null;
  }
  return topFunction(root, name);
}

/** The one binding of `name` in the module, where it is a def of its top level. */
function topFunction(root: Node, name: string): Node | null {
  const binders = bindersOf(root).get(name) ?? [];
  const def = binders.length === 1 && binders[0]!.type === 'function_definition' ? binders[0]! : null;
  const top = def?.parent?.type === 'decorated_definition' ? def.parent.parent : def?.parent;
  return def && top?.type === 'module' ? def : null;
}

/** The function's body binds its parameter `name` again somewhere (a statement, a nested def or class). */
function reboundInBody(fn: Node, name: string): boolean {
  const body = fn.childForFieldName('body');
  if (!body) return true;
  return body.descendantsOfType(BINDER_TYPES).some((b) => !!b && holdsBound(bindingNode(b), name));
}

/** What a function returns through its only return of its own, as returnOfMethod reads a method. */
function returnOfFunction(forward: Node, unpacked?: Unpacked): Returned | null {
  let value = returnedValue(forward, unpacked);
  if (value?.type !== 'call') return null;
  value = concatenated(value, forward) ?? value;
  // `self.<attr>(…)` with `self.<attr>` set once in the class (instanceBuilt reads the class the
  // call is in, this one): `nn.Sequential(…, last)` ends with the call building `last`;
  // `return self.softmax(h)` with `self.softmax = nn.Softmax(dim=1)` is that module's
  const held = value.childForFieldName('function')?.type === 'attribute' ? instanceBuilt(value) : null;
  // `return nn.Softmax(dim=-1)(x)`: the module built and called in place is the one that returns
  const inPlace = unwrap(value.childForFieldName('function'));
  if (!held && inPlace?.type === 'call') return { node: inPlace, module: true };
  if (!held) return { node: value, module: false };
  if (!/(^|\.)Sequential$/.test(held.childForFieldName('function')?.text ?? '')) return { node: held, module: true };
  const args = held.childForFieldName('arguments')?.namedChildren.filter((k) => k && k.type !== 'comment') ?? [];
  const last = unwrap(args[args.length - 1]);
  return last?.type === 'call' ? { node: last, module: true } : null;
}

/**
 * `return torch.cat(outputs, dim=1)` (or `stack`) of a list the function fills in a loop,
 * `outputs = []` … `outputs.append(a.unsqueeze(1))` with `a = torch.softmax(u, dim=1)` just before
 * (a decoder's steps, a pointer network's attention): the call each element is, as the rule reads
 * one returned value (every element is one). Only with one `append` of the list in the function
 * and the list made empty there; else null.
 */
function concatenated(call: Node, fn: Node): Node | null {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'attribute' || !/^(cat|stack|concat)$/.test(callee.childForFieldName('attribute')?.text ?? '')) return null;
  const list = unwrap(positional(call)?.[0] ?? keyword(call, 'tensors'));
  if (list?.type !== 'identifier') return null;
  const name = list.text;
  const body = fn.childForFieldName('body');
  if (!body) return null;
  let appended: Node | null = null;
  let emptied = false;
  for (const c of body.descendantsOfType(['call', 'assignment'])) {
    if (!c) continue;
    if (c.type === 'assignment') {
      const right = c.childForFieldName('right');
      if (c.childForFieldName('left')?.text === name && right?.type === 'list' && right.namedChildCount === 0) emptied = true;
      continue;
    }
    const f = c.childForFieldName('function');
    if (f?.type !== 'attribute' || f.childForFieldName('object')?.text !== name) continue;
    const method = f.childForFieldName('attribute')?.text;
    if (method === 'append') {
      if (appended) return null;
      appended = c;
    } else if (method === 'extend' || method === 'insert') return null;
  }
  const element = appended && emptied ? positional(appended) : null;
  let value = element?.length === 1 ? reshapedFrom(unwrap(element[0]!)) : null;
  if (value?.type === 'identifier') {
    // the name's last plain assignment before the append, in the same block
    const stmt = statementOf(appended!);
    const wanted = value.text;
    value = null;
    for (let s = stmt?.previousNamedSibling ?? null; s; s = s.previousNamedSibling) {
      const a = plainAssignment(s);
      if (a?.name === wanted) { value = reshapedFrom(a.value ? unwrap(a.value) : null); break; }
      if (boundNames(s).includes(wanted)) return null;
    }
  }
  return value?.type === 'call' ? value : null;
}

/** The value a function returns through its only return of its own (also through a name its body assigns last before it), reshapes taken off; else null. */
function returnedValue(forward: Node, unpacked?: Unpacked): Node | null {
  const body = forward.childForFieldName('body');
  if (!body) return null;
  const own = body.descendantsOfType('return_statement').filter((r) => {
    for (let p = r?.parent ?? null; p && p.id !== forward!.id; p = p.parent) if (p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') return false;
    return true;
  });
  const ret = own.length === 1 ? own[0]! : null;
  let value = ret ? unwrap(ret.namedChildren.find((k) => k && k.type !== 'comment')) : null;
  if (unpacked) {
    // `return probs, value` (or a written tuple) with as many values as the caller unpacks
    const items = value?.type === 'expression_list' || value?.type === 'tuple' ? value.namedChildren.filter((k): k is Node => !!k && k.type !== 'comment') : [];
    value = items.length === unpacked.count && !items.some((k) => k.type === 'list_splat') ? unwrap(items[unpacked.element]) : null;
  } else if (value?.type === 'expression_list' || value?.type === 'tuple') return null;
  value = reshapedFrom(value);
  if (value?.type === 'identifier' && ret!.parent?.id === body.id) {
    // the name's last plain assignment among the statements before the return, at the body's top
    const name = value.text;
    value = null;
    for (let s = ret!.previousNamedSibling; s; s = s.previousNamedSibling) {
      const a = plainAssignment(s);
      if (a?.name === name) { value = reshapedFrom(a.value ? unwrap(a.value) : null); break; }
      if (boundNames(s).includes(name)) return null;
    }
  }
  return value;
}

/** A notebook cell's top-level classes that define forward: the one call each returns (null: none, or more than one return). */
export interface CellClass { name: string; returned: Span | null; module?: boolean }

/** The cell's top-level classes holding `forward`, for logs in later cells of their instances' outputs. Never throws. */
export function cellClasses(tree: SyntaxSource, text: string): CellClass[] {
  if (!/\bclass\b/.test(text) || !text.includes('forward')) return [];
  try {
    let root = tree.descendantForIndex(0, 0);
    while (root?.parent) root = root.parent;
    const out: CellClass[] = [];
    for (const d of topClasses(root)) {
      const name = d.childForFieldName('name')?.text;
      if (!name) continue;
      const call = returnOfMethod(d);
      out.push({ name, returned: call ? span(call.node) : null, ...(call?.module ? { module: true } : {}) });
    }
    return out;
  } catch {
    return [];
  }
}


/**
 * What `n` reshapes (`output.view(-1, 1).squeeze(1)` is `output`'s values: the DCGAN example's
 * discriminator returns its sigmoid so), else `n` itself.
 */
function reshapedFrom(n: Node | null): Node | null {
  for (let i = 0; n?.type === 'call' && i < 8; i++) {
    const f = n.childForFieldName('function');
    if (f?.type !== 'attribute' || !RESHAPE_METHODS.has(f.childForFieldName('attribute')?.text ?? '')) break;
    n = unwrap(f.childForFieldName('object'));
  }
  return n;
}

/**
 * `v[…]`, `v.gather(…)`, `torch.gather(v, 1, y)`, `v.squeeze(1)`, `v.cpu()`: entries picked from `v`, or `v`
 * reshaped or moved, each still one of its values. The functional gather (its input first, three arguments
 * or `input=`) adds its callee as written to `gathers`, for the rule to resolve through the imports.
 */
function pickedFrom(n: Node, gathers: string[]): Node | null {
  if (n.type === 'subscript') return unwrap(n.childForFieldName('value'));
  if (n.type !== 'call') return null;
  const f = n.childForFieldName('function');
  if (f?.type === 'attribute' && f.childForFieldName('attribute')?.text === 'gather' && dotted(f.childForFieldName('object'))) {
    const args = positional(n);
    const input = args?.length === 3 ? args[0]! : args?.length === 0 ? keyword(n, 'input') : null;
    if (input) { gathers.push(f.text); return unwrap(input); }
  }
  // also moved or cast (`prediction.cpu()`, `.to(device)`, `.float()`): the same values
  return f?.type === 'attribute' && (f.childForFieldName('attribute')?.text === 'gather' || SAME_VALUES_METHODS.has(f.childForFieldName('attribute')?.text ?? '')) ? unwrap(f.childForFieldName('object')) : null;
}

/**
 * `f(…)` where `f` is a module instance built by one call: built right there (`nn.Softmax(dim=1)(x)`), a name given it a few statements
 * before in the same block (`sm = nn.Softmax(dim=1)`), a name the module binds once and nothing
 * else in the file binds (`D = Discriminator()` at the top of a GAN script, read in its training
 * loop or a function: moduleInstance), or `self.<attr>` assigned exactly once in
 * the enclosing class (`self.softmax = nn.Softmax(dim=1)` in `__init__`). That call, else null.
 */
function instanceBuilt(call: Node, top?: { window: number; name: string }): Node | null {
  const f = calledModule(call);
  if (f?.type === 'call') return f;
  if (f?.type === 'identifier') {
    const bound = boundCall(f.text, call, top);
    if (top) top.name = f.text;
    if (bound) return bound.type === 'call' ? bound : null;
    return functionInstance(f.text, call) ?? moduleInstance(f.text, call) ?? passedInstance(f.text, call);
  }
  const object = f?.type === 'attribute' ? f.childForFieldName('object') : null;
  if (object?.type !== 'identifier' || object.text !== 'self') return null;
  let cls: Node | null = call.parent;
  while (cls && cls.type !== 'class_definition') cls = cls.parent;
  const body = cls?.childForFieldName('body');
  if (!body) return null;
  const target = norm(f!.text);
  let value: Node | null = null;
  let at: Node | null = null;
  let n = 0;
  for (const a of body.descendantsOfType(['assignment', 'augmented_assignment'])) {
    const left = a?.childForFieldName('left');
    if (!left || norm(left.text) !== target) continue;
    if (++n > 1 || a!.type !== 'assignment') return null;
    value = unwrap(a!.childForFieldName('right'));
    at = a;
  }
  // `self.actor = actor.to(device)`: the module itself (these methods return it)
  const held = value ? constructorOf(value) : null;
  if (held?.type === 'identifier') value = held;
  if (value?.type === 'call') return value;
  // `self.policy = policy`, a parameter of `__init__`: what the file's constructions give it
  return value?.type === 'identifier' && at && cls ? initParamInstance(at, value.text, cls) : null;
}

/** What a call calls: its function, or for `model.forward(x)` (`self.net.forward(s)`) the module whose forward it names. */
function calledModule(call: Node): Node | null {
  const f = call.childForFieldName('function');
  if (f?.type !== 'attribute' || f.childForFieldName('attribute')?.text !== 'forward') return f;
  const object = unwrap(f.childForFieldName('object'));
  return object && object.text !== 'self' ? object : f;
}

/** `name = name.to(device)`, `name = name.cuda()`: the same module given back, bound to its name again. */
function sameModuleAgain(stmt: Node, name: string): boolean {
  const a = plainAssignment(stmt);
  let v = a?.name === name ? a.value : null;
  for (let i = 0; v?.type === 'call' && i < 4; i++) {
    const fn = v.childForFieldName('function');
    if (fn?.type !== 'attribute' || !MODULE_SELF_METHODS.has(fn.childForFieldName('attribute')?.text ?? '')) return false;
    v = unwrap(fn.childForFieldName('object'));
    if (v?.type === 'identifier') return v.text === name;
  }
  return false;
}

/**
 * The call `name` holds where `at` reads it, when the module binds `name` once, to a call, outside
 * any function or class (`D = Discriminator().to(device)`, also under `if __name__ == "__main__":`),
 * and nothing else in the file binds it (a parameter or local of a function around `at`, a second
 * assignment, a loop variable, an import: then null) — but `D = D.to(device)`, the same module given back.
 */
function moduleInstance(name: string, at: Node): Node | null {
  let root: Node | null = at;
  for (let p = at.parent; p; p = p.parent) {
    if ((p.type === 'function_definition' || p.type === 'lambda') && holdsName(p.childForFieldName('parameters'), name)) return null;
    root = p;
  }
  if (root?.type !== 'module') return null;
  // once per name and tree in a reading (findPatterns): a generated file's thousands of logs read the tree once
  const key = `${root.startIndex}:${root.endIndex}:${name}`;
  const known = instancesRead?.get(key) as Node | null | undefined;
  if (known !== undefined) return known;
  const value = moduleBinding(root, name);
  instancesRead?.set(key, value);
  return value;
}

/**
 * The call `name` holds where `at` reads it, when the function around `at` binds `name` once, to a
 * call, in a statement of its own before `at` (`D = Discriminator().to(device)` at the start of
 * `main()`, or in its `if`, read in its training loop however far below), and nothing else in that
 * function binds it: not a parameter, a second assignment, a loop or comprehension variable, a
 * `global`/`nonlocal`, nor anything in a def, class or lambda inside it — but `D = D.to(device)`,
 * the same module given back. As moduleInstance reads the module's top level.
 */
function functionInstance(name: string, at: Node): Node | null {
  let fn: Node | null = null;
  let root: Node | null = at;
  for (let p = at.parent; p; p = p.parent) {
    if (!fn && (p.type === 'lambda' || p.type === 'class_definition')) return null;
    if (!fn && p.type === 'function_definition') fn = p;
    root = p;
  }
  const body = fn?.childForFieldName('body');
  if (!fn || !body || root?.type !== 'module' || holdsName(fn.childForFieldName('parameters'), name)) return null;
  let value: Node | null = null;
  let end = -1;
  for (const b of bindersOf(root).get(name) ?? []) {
    if (b.startIndex < body.startIndex || b.endIndex > body.endIndex) continue;
    const stmt = b.type === 'assignment' ? b.parent : null;
    if (stmt?.type !== 'expression_statement' || !ownStatement(stmt, body)) return null;
    if (sameModuleAgain(stmt, name)) continue;
    const a = plainAssignment(stmt);
    if (a?.name !== name || value || a.value?.type !== 'call') return null;
    value = a.value;
    end = stmt.endIndex;
  }
  return value && end <= at.startIndex ? value : null;
}

/**
 * `stmt` is a statement of the function whose body is `body`, at its top or in its own `if`, loop,
 * `with` or `try` blocks, not in a def, class or lambda inside it: with the one binding of a name
 * there, every read of the name that does not fail sees that binding's value
 * (`if args.model == "GAN": D = Discriminator() else: raise ValueError(…)`).
 */
function ownStatement(stmt: Node, body: Node): boolean {
  for (let p = stmt.parent; p; p = p.parent) {
    if (p.id === body.id) return true;
    if (p.type === 'function_definition' || p.type === 'class_definition' || p.type === 'lambda' || p.type === 'decorated_definition') return false;
  }
  return false;
}

/** Per findPatterns call: moduleInstance's and forwardReturn's answers by tree and name. */
let instancesRead: Map<string, unknown> | null = null;

/** Every binding form of the tree by the names it binds (as rebinds reads them): one pass per tree in a reading. */
function bindersOf(root: Node): Map<string, Node[]> {
  const key = `binders:${root.startIndex}:${root.endIndex}`;
  let m = instancesRead?.get(key) as Map<string, Node[]> | undefined;
  if (m) return m;
  m = new Map();
  for (const b of root.descendantsOfType(BINDER_TYPES)) {
    if (!b) continue;
    const bound = bindingNode(b);
    const names = [...new Set((Array.isArray(bound) ? bound : bound ? [bound] : []).flatMap((n) => (n.type === 'identifier' ? [n.text] : n.descendantsOfType('identifier').map((i) => i?.text ?? ''))))];
    for (const id of names) {
      if (!id) continue;
      const list = m.get(id);
      if (list) list.push(b); else m.set(id, [b]);
    }
  }
  instancesRead?.set(key, m);
  return m;
}

function moduleBinding(root: Node, name: string): Node | null {
  let value: Node | null = null;
  for (const b of bindersOf(root).get(name) ?? []) {
    const stmt = b.type === 'assignment' ? b.parent : null;
    if (stmt?.type === 'expression_statement' && atModuleScope(stmt)) {
      if (sameModuleAgain(stmt, name)) continue;
      const a = plainAssignment(stmt);
      if (a?.name === name && !value && a.value?.type === 'call') { value = a.value; continue; }
      // bound again to the same construction (`policy = create_policy()` once to probe, once to train)
      if (a?.name === name && value && a.value?.type === 'call' && a.value.text === value.text) continue;
    }
    return null;
  }
  // a parameter of a function elsewhere is that function's own: only those around `at` count (above)
  return value;
}

/** The function of the module's top level around `at` (no lambda or class between), with its name and the module. */
function moduleFunctionAround(at: Node): { fn: Node; name: string; top: Node } | null {
  let fn: Node | null = null;
  for (let p = at.parent; p; p = p.parent) {
    if (p.type === 'lambda' || p.type === 'class_definition') return null;
    if (p.type === 'function_definition') { fn = p; break; }
  }
  const name = fn?.childForFieldName('name')?.text;
  const top = fn?.parent?.type === 'decorated_definition' ? fn.parent.parent : fn?.parent;
  return fn && name && top?.type === 'module' ? { fn, name, top } : null;
}

/**
 * `def train(G, D, epochs): … torch.log(D(x))` with every call of `train` in the file giving that
 * parameter a model built by the same class (`train(G, Discriminator())`, or `D = Discriminator()`
 * bound as boundCall / moduleInstance read it where `train` is called): the call building the
 * first. Only for a function of the module's top level that nothing else binds; a call leaving the
 * parameter to its default, giving it through `*args`/`**kwargs`, or building another class: null.
 */
function passedInstance(name: string, at: Node): Node | null {
  const around = moduleFunctionAround(at);
  return around ? givenByEveryCall(around.top, around.name, around.fn, name, 0) : null;
}

/**
 * The value every call of the module-level function around `at` gives its parameter `name`, when
 * each call writes the same expression there (`mask_nll_loss(decoder_output, target[t], mask[t])`
 * in both branches of a training step): the first call and its argument. Null where `name` is no
 * parameter of a function of the module's top level, the module binds the function more than
 * once, nothing calls it, or a call leaves the parameter to its default or spreads arguments.
 */
function passedArgument(name: string, at: Node): { call: Node; arg: Node } | null {
  const around = moduleFunctionAround(at);
  const all = around ? argumentsGiven(around.top, around.name, around.fn, name, 0) : null;
  // a call given numbers written out (d2l's check of its cross entropy on two hand-typed rows of
  // probabilities) computes nothing from a model: the other calls say what the parameter holds
  const given = all?.filter((g) => !writtenData(g.arg, g.call));
  if (!given?.length || given.some((g) => g.arg.text !== given[0]!.arg.text)) return null;
  return given[0]!;
}

/** Numbers written out: a list or tuple literal, `torch.tensor([[0.1, 0.9]])`, or a name just bound to one. */
function writtenData(arg: Node, call: Node): boolean {
  const literal = (n: Node | null): boolean => {
    if (!n) return false;
    if (n.type === 'list' || n.type === 'tuple' || n.type === 'integer' || n.type === 'float') return true;
    if (n.type !== 'call' || !/(^|\.)(tensor|Tensor|FloatTensor|LongTensor|as_tensor|array)$/.test(n.childForFieldName('function')?.text ?? '')) return false;
    const first = n.childForFieldName('arguments')?.namedChildren.find((k) => !!k && k.type !== 'comment') ?? null;
    return !!first && (first.type === 'list' || first.type === 'tuple');
  };
  if (literal(arg)) return true;
  return arg.type === 'identifier' && literal(boundCall(arg.text, call));
}

/**
 * `self.policy = policy` in `__init__(self, policy)` of a class of the module's top level, every
 * construction of the class in the file giving that parameter a model of the same class
 * (`Agent(PolicyNet())`): the call building the first (as passedInstance reads a function's calls).
 */
function initParamInstance(assignment: Node, name: string, cls: Node): Node | null {
  let fn: Node | null = null;
  for (let p = assignment.parent; p && p.id !== cls.id; p = p.parent) {
    if (p.type === 'lambda' || p.type === 'class_definition') return null;
    if (p.type === 'function_definition') { fn = p; break; }
  }
  const clsName = cls.childForFieldName('name')?.text;
  const top = cls.parent?.type === 'decorated_definition' ? cls.parent.parent : cls.parent;
  if (!fn || fn.childForFieldName('name')?.text !== '__init__' || !clsName || top?.type !== 'module') return null;
  // the method's own class, not a nested one's
  let owner: Node | null = fn.parent;
  while (owner && owner.type !== 'class_definition') owner = owner.parent;
  if (owner?.id !== cls.id) return null;
  return givenByEveryCall(top, clsName, fn, name, 1);
}

/**
 * What each call of `callee` in the module gives the parameter `name` of `fn` (`skip` leading
 * parameters the call does not give: `self`), unwrapped, with the call; null where the module binds
 * `callee` more than once, `name` is no parameter, or a call leaves it to its default or gives
 * `*args` / `**kwargs`.
 */
function argumentsGiven(root: Node, callee: string, fn: Node, name: string, skip: number): Array<{ call: Node; arg: Node }> | null {
  const params = fn.childForFieldName('parameters');
  if (!params) return null;
  // the parameter's place: positional index (until a `*` / `*args`), and its name as a keyword
  let index = -1;
  let positional = -skip;
  let keywordOnly = false;
  for (const p of params.namedChildren) {
    if (!p || p.type === 'comment') continue;
    if (p.type === 'list_splat_pattern' || p.type === 'keyword_separator' || p.type === 'dictionary_splat_pattern') { keywordOnly = true; continue; }
    const id = p.type === 'identifier' ? p : p.childForFieldName('name') ?? p.namedChild(0);
    if (id?.text === name) { index = keywordOnly ? -2 : positional; break; }
    if (!keywordOnly) positional++;
  }
  if (index === -1 || (index < 0 && index !== -2)) return null;
  if ((bindersOf(root).get(callee) ?? []).length !== 1) return null;
  const out: Array<{ call: Node; arg: Node }> = [];
  for (const c of [...(callsOf(root).get(callee) ?? []), ...callsThroughParameters(root, callee)]) {
    const args = c.childForFieldName('arguments')?.namedChildren.filter((k): k is Node => !!k && k.type !== 'comment') ?? [];
    if (args.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) return null;
    const kw = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name);
    const arg = unwrap(kw ? kw.childForFieldName('value') : index >= 0 ? args.filter((a) => a.type !== 'keyword_argument')[index] ?? null : null);
    if (!arg) return null;
    out.push({ call: c, arg });
  }
  return out;
}

/**
 * What every call of `callee` in the module gives the parameter `name` of `fn` (argumentsGiven): a
 * model built by one class each time, the first such call; null where a call gives another class,
 * where argumentsGiven says null, or where nothing calls it.
 */
function givenByEveryCall(root: Node, callee: string, fn: Node, name: string, skip: number, hop = 0): Node | null {
  let first: Node | null = null;
  let cls = '';
  for (const { call: c, arg } of argumentsGiven(root, callee, fn, name, skip) ?? []) {
    const built = arg.type === 'call' ? arg : arg.type === 'identifier' ? (() => {
      const b = boundCall(arg.text, c);
      if (b) return b.type === 'call' ? b : null;
      // the caller's own parameter, handed on (`train_one_epoch(model, …)` calling `evaluate(model, …)`):
      // what every call of that function gives it (up to three functions up)
      const around = skip === 0 && hop < 2 ? moduleFunctionAround(c) : null;
      if (around && holdsName(around.fn.childForFieldName('parameters'), arg.text) && !reboundInBody(around.fn, arg.text)) return givenByEveryCall(root, around.name, around.fn, arg.text, 0, hop + 1);
      return functionInstance(arg.text, c) ?? moduleInstance(arg.text, c);
    })() : null;
    const maker = built ? makerOf(built) : '';
    if (!built || !maker || (cls && maker !== cls)) return null;
    cls = maker;
    first ??= built;
  }
  return first;
}

/** The callee building the module a call gives (`Discriminator` for `Discriminator(784).to(device)`), as written. */
function makerOf(built: Node): string {
  const ctor = constructorOf(built);
  return ctor?.type === 'call' ? ctor.childForFieldName('function')?.text ?? '' : '';
}

/** The construction a module comes from, through methods giving the module back (`Net(…).to(device)` is `Net(…)`). */
function constructorOf(built: Node): Node | null {
  let ctor: Node | null = built;
  for (let i = 0; ctor?.type === 'call' && i < 4; i++) {
    const f = ctor.childForFieldName('function');
    if (f?.type !== 'attribute' || !MODULE_SELF_METHODS.has(f.childForFieldName('attribute')?.text ?? '')) break;
    ctor = unwrap(f.childForFieldName('object'));
  }
  return ctor;
}

/**
 * Calls of the module's function `callee` made through a parameter of another function of the
 * module's top level it is handed to (`train_epoch(net, data, cross_entropy)` and, in
 * `def train_epoch(net, data, loss)`, `loss(y_hat, y)`): the calls of that parameter in the
 * function's own body (none where the body binds it again), the d2l course's higher-order helpers.
 */
function callsThroughParameters(root: Node, callee: string, scope: Node = root, hop = 0, seen = new Set<string>()): Node[] {
  const out: Node[] = [];
  for (const id of identifiersNamed(scope, callee)) {
    const a = id.parent?.type === 'keyword_argument' && id.parent.childForFieldName('value')?.id === id.id ? id.parent : id;
    const list = a.parent;
    const call = list?.type === 'argument_list' ? list.parent : null;
    const fn = call?.type === 'call' ? call.childForFieldName('function') : null;
    if (fn?.type !== 'identifier' || fn.text === callee) continue;
    const def = topFunction(root, fn.text);
    if (!def) continue;
    // the parameter it fills: by keyword, else by position (before any `*`)
    let param: string | null = null;
    if (a.type === 'keyword_argument') param = a.childForFieldName('name')?.text ?? null;
    else {
      const args = list!.namedChildren.filter((k): k is Node => !!k && k.type !== 'comment');
      const k = args.filter((x) => x.type !== 'keyword_argument').findIndex((x) => x.id === id.id);
      if (args.some((x) => x.type === 'list_splat' || x.type === 'dictionary_splat') || k < 0) continue;
      const params = (def.childForFieldName('parameters')?.namedChildren ?? []).filter((q): q is Node => !!q && q.type !== 'comment');
      let i = 0;
      for (const q of params) {
        if (q.type === 'list_splat_pattern' || q.type === 'keyword_separator' || q.type === 'dictionary_splat_pattern') break;
        if (i++ === k) { param = (q.type === 'identifier' ? q : q.childForFieldName('name') ?? q.namedChild(0))?.text ?? null; break; }
      }
    }
    if (!param || seen.has(`${def.id}:${param}`) || reboundInBody(def, param)) continue;
    seen.add(`${def.id}:${param}`);
    for (const c of def.descendantsOfType('call')) {
      const f = c?.childForFieldName('function');
      if (!c || f?.type !== 'identifier' || f.text !== param) continue;
      // in the function's own body, not a nested def or lambda's
      let own = true;
      for (let p = c.parent; p && p.id !== def.id; p = p.parent) if (p.type === 'function_definition' || p.type === 'lambda') { own = false; break; }
      if (own) out.push(c);
    }
    // handed on again to another helper (`train_ch3(…, loss, …)` calling `train_epoch_ch3(net, train_iter, loss, updater)`)
    const body = def.childForFieldName('body');
    if (body && hop < 2) out.push(...callsThroughParameters(root, param, body, hop + 1, seen));
  }
  return out;
}

/** The identifiers `name` of the tree, found by the word in its text (no walk of every node). */
function identifiersNamed(root: Node, name: string): Node[] {
  const text = root.text;
  const out: Node[] = [];
  for (let i = text.indexOf(name); i >= 0 && out.length < 64; i = text.indexOf(name, i + 1)) {
    if ((i > 0 && isIdentPart(text.charCodeAt(i - 1))) || isIdentPart(text.charCodeAt(i + name.length))) continue;
    const n = root.descendantForIndex(root.startIndex + i, root.startIndex + i + name.length);
    if (n?.type === 'identifier' && n.startIndex === root.startIndex + i) out.push(n);
  }
  return out;
}

/** Every call of a plain name in the tree (`train(…)`), by that name: one pass per tree in a reading. */
function callsOf(root: Node): Map<string, Node[]> {
  const key = `calls:${root.startIndex}:${root.endIndex}`;
  let m = instancesRead?.get(key) as Map<string, Node[]> | undefined;
  if (m) return m;
  m = new Map();
  for (const c of root.descendantsOfType('call')) {
    const f = c?.childForFieldName('function');
    if (!c || f?.type !== 'identifier') continue;
    const list = m.get(f.text);
    if (list) list.push(c); else m.set(f.text, [c]);
  }
  instancesRead?.set(key, m);
  return m;
}

/** Not inside a function, lambda or class: a name the statement binds is the module's. */
function atModuleScope(stmt: Node): boolean {
  for (let p = stmt.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'class_definition' || p.type === 'lambda') return false;
  return true;
}

/**
 * The value `name` was given by `name = …` in one of the few statements just before the one
 * holding `at`, in the same block, with nothing between binding it again or changing it in place
 * (`name.add_(…)`, `name[i] = …`): then `name` at `at` is that value.
 */
function boundCall(name: string, at: Node, top?: { window: number }): Node | null {
  const b = boundBefore(name, at, top);
  return b && !b.unpacked ? b.value : null;
}

/**
 * What the few statements before `at` bind `name` to: `name = value`, or one of the values of a call
 * unpacked (`probs, value = model(s)`: `unpacked` says which of how many; a starred target, `a, *rest
 * = …`, binds nothing known). Null where one of them binds it otherwise or changes it in place, or none does.
 */
function boundBefore(name: string, at: Node, top?: { window: number }): { value: Node | null; unpacked?: Unpacked } | null {
  const touched = touchedIn(name);
  const stmt = statementOf(at);
  let prev = stmt?.previousNamedSibling ?? null;
  let i = 0;
  // (comments are no statements: they neither count toward the window nor end it)
  for (; prev && i < 8; prev = prev.previousNamedSibling) {
    if (prev.type === 'comment') continue;
    i++;
    const a = plainAssignment(prev);
    if (a?.name === name) return { value: a.value };
    const pair = prev.type === 'expression_statement' ? prev.namedChild(0) : null;
    const left = pair?.type === 'assignment' ? pair.childForFieldName('left') : null;
    if (left && (left.type === 'pattern_list' || left.type === 'tuple_pattern')) {
      const targets = left.namedChildren.filter((k): k is Node => !!k && k.type !== 'comment');
      const element = targets.findIndex((t) => t.type === 'identifier' && t.text === name);
      if (element >= 0) {
        const value = unwrap(pair!.childForFieldName('right'));
        return targets.every((t) => t.type === 'identifier') && value?.type === 'call' ? { value, unpacked: { element, count: targets.length } } : null;
      }
    }
    if (rebinds(prev, name) || touched.test(prev.text)) return null;
  }
  // Ran out of statements at a notebook cell's (module's) top: the cells before may bind it.
  if (top && !prev && i < 8 && stmt?.parent?.type === 'module') top.window = 8 - i;
  return null;
}

/**
 * `name[i] = …`, `name[i] += …`, `name.clamp_(…)`, `name.data.clamp_(…)`: the statement (its text)
 * changes `name` in place. Reading an element (`torch.log(name[0])`, `name[i] == y`) does not.
 */
export function touchedIn(name: string): { test(text: string): boolean } {
  const method = new RegExp(`\\b${name}\\s*(\\.\\s*\\w+\\s*)*\\.\\s*\\w+_\\s*\\(`);
  const subscript = new RegExp(`\\b${name}\\s*\\[`, 'g');
  return { test: (text) => method.test(text) || subscriptAssigned(text, subscript) };
}

/** Is one of `at`'s matches (`name[`) an element assigned: its brackets closed, then `=` (not `==`) or an augmented `+=`? */
function subscriptAssigned(text: string, at: RegExp): boolean {
  at.lastIndex = 0;
  for (let m = at.exec(text); m; m = at.exec(text)) {
    if (m.index > 0 && text[m.index - 1] === '.') continue; // `self.name[…]` is another name
    let i = m.index + m[0].length;
    let depth = 1;
    for (;;) {
      for (; i < text.length && depth > 0; i++) {
        const c = text[i];
        if (c === '[' || c === '(' || c === '{') depth++;
        else if (c === ']' || c === ')' || c === '}') depth--;
      }
      if (depth > 0) return true; // unclosed: not known, taken as changed
      while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
      if (text[i] !== '[') break;
      i++; // `name[i][j] = …`
      depth = 1;
    }
    const rest = text.slice(i, i + 4);
    if (/^(=(?!=)|(\*\*|\/\/|>>|<<|[-+*\/%@&|^])=)/.test(rest)) return true;
  }
  return false;
}

/** Every name a statement may bind (as rebinds reads them). */
function boundNames(stmt: Node): string[] {
  const out = new Set<string>();
  const nodes = BINDER_TYPES.includes(stmt.type) ? [stmt, ...stmt.descendantsOfType(BINDER_TYPES)] : stmt.descendantsOfType(BINDER_TYPES);
  for (const b of nodes) {
    if (!b) continue;
    const bound = bindingNode(b);
    for (const n of Array.isArray(bound) ? bound : bound ? [bound] : []) {
      if (n.type === 'identifier') out.add(n.text);
      else for (const id of n.descendantsOfType('identifier')) if (id) out.add(id.text);
    }
  }
  return [...out];
}

/** A cell's last statements at module level (at most 8, as boundCall looks back), for the cells after it. Never throws. */
export function cellTail(tree: SyntaxSource, text: string): CellTail {
  const none: CellTail = { statements: [], complete: false };
  try {
    let end = text.length;
    while (end > 0 && /\s/.test(text[end - 1]!)) end--;
    if (end === 0) return { statements: [], complete: true };
    let last = tree.descendantForIndex(end - 1, end);
    while (last && last.parent && last.parent.type !== 'module') last = last.parent;
    if (!last || last.parent?.type !== 'module') return none;
    const statements: TailStatement[] = [];
    let prev: Node | null = last;
    for (; prev && statements.length < 8; prev = prev.previousNamedSibling) {
      if (prev.type === 'comment') continue;
      // a long statement (a class, a training loop) is not read: the look back stops there
      if (prev.endIndex - prev.startIndex > 4000) { statements.push({ assign: null, binds: [], text: '' }); break; }
      const a = plainAssignment(prev);
      statements.push({
        assign: a ? { name: a.name, value: a.value ? span(a.value) : { start: 0, end: 0 }, call: a.value?.type === 'call' } : null,
        binds: boundNames(prev),
        text: prev.text,
      });
    }
    return { statements, complete: !prev };
  } catch {
    return none;
  }
}

/** Every AL3xx candidate in the document, by position. Never throws. */
export function findPatterns(tree: SyntaxSource, text: string): PatternMatch[] {
  const out: PatternMatch[] = [];
  const { found } = scanIdentifiers(text, NAMES, MAX_CANDIDATES);
  instancesRead = new Map();
  try {
    findIn(tree, found, out);
  } finally {
    instancesRead = null;
  }
  return out;
}

function findIn(tree: SyntaxSource, found: ReturnType<typeof scanIdentifiers>['found'], out: PatternMatch[]): void {
  for (const o of found) {
    let id: Node | null;
    try {
      id = tree.descendantForIndex(o.start, o.start + o.name.length);
    } catch {
      continue;
    }
    if (!id || id.type !== 'identifier' || id.startIndex !== o.start) continue;
    try {
      if (o.name === 'log') {
        const m = logOf(id);
        if (m) out.push(m);
        continue;
      }
      const e = namedCall(id);
      if (!e) continue;
      const m = handSoftmax(e) ?? handSigmoid(e) ?? handSigmoidOverExp(e) ?? handLogSoftmax(e) ?? handSoftmaxViaName(e);
      if (m) out.push(m);
    } catch {
      // A tree we do not understand yields no pattern, never an error.
    }
  }
}
