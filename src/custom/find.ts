// Finding user-defined activations in a parsed file (or a notebook's cells): functions of one
// tensor (def or lambda; further parameters need defaults) and nn.Module subclasses whose
// forward(self, x) returns a value. What they compute is decided later, by evaluating them
// (evaluate.ts); here only the shape of the definition counts, never its name.
import { defineLazy } from '../lazyAccessor';
import { atOf, returnsAtTop, type At, type ClassDef, type Expr, type FunctionDef, type ModuleAst, type Param, type Stmt } from '../interp';
import type { SourceRange } from '../python/types';
import { lowerSourceIncrementally } from './lowerCache';
import { scanIdentifiers } from '../python/scan';
import type { CustomDefinition, CustomKind } from './types';
import { freshMemo, registerFileMemo } from '../python/fileMemos';

/** A lowered file and the definitions found in it; `cellOf` maps top-level statements to notebook cells. */
export interface CustomFile {
  module: ModuleAst;
  definitions: FoundDefinition[];
  /** Where the definitions' names are used (`NewGELU()`, `act_layer=swish`, `swish(x)`), by cell (0 for a file). */
  uses: CustomUse[];
  /** Per notebook cell: its source (for use search); a file is one "cell". */
  sources: string[];
  notebook: boolean;
}

export interface FoundDefinition extends CustomDefinition {
  /** The statement defining it. */
  stmt: Stmt;
  /** The expression(s) it returns, for the typeset formula (a lambda's body, a def's return values). */
  returns: Expr[];
  /** Assignments before the return, for the formula's where-clause. */
  locals: { name: string; value: Expr }[];
  /** The tensor parameter's name (x, input, z). */
  input: string;
}

export interface CustomUse {
  name: string;
  cell?: number;
  range: SourceRange;
}

function range(a: At): SourceRange {
  return { line: a.line, column: a.column, endLine: a.endLine, endColumn: a.endColumn };
}

/** One required positional parameter (the tensor), every other one with a default. */
function tensorParam(params: Param[], skipSelf: boolean): string | null {
  const ps = skipSelf ? params.slice(1) : params;
  if (skipSelf && (params.length === 0 || params[0]!.kind !== 'plain' || params[0]!.default)) return null;
  const required = ps.filter((p) => (p.kind === 'plain' || p.kind === 'kwonly') && !p.default);
  if (required.length !== 1 || ps[0] !== required[0] || required[0]!.kind !== 'plain') return null;
  return required[0]!.name;
}

function collectReturns(body: Stmt[], out: Expr[], locals: { name: string; value: Expr }[]): void {
  for (const s of body) {
    if (s.k === 'return' && s.e) out.push(s.e);
    else if (s.k === 'if') {
      collectReturns(s.body, out, locals);
      collectReturns(s.orelse, out, locals);
    } else if (s.k === 'with') collectReturns(s.body, out, locals);
    else if (s.k === 'assign' && s.targets.length === 1 && s.targets[0]!.k === 'name') locals.push({ name: s.targets[0]!.id, value: s.value });
  }
}

function literalDefaults(params: Param[]): Record<string, number | string | boolean> {
  const out: Record<string, number | string | boolean> = {};
  for (const p of params) {
    const v = p.default ? literal(p.default) : undefined;
    if (v !== undefined) out[p.name] = v;
  }
  return out;
}

/** The value of a literal default (numbers with a sign, strings, booleans); undefined otherwise. */
export function literal(e: Expr): number | string | boolean | undefined {
  if (e.k === 'num') return typeof e.v === 'bigint' ? Number(e.v) : e.v;
  if (e.k === 'str') return e.v;
  if (e.k === 'const' && typeof e.v === 'boolean') return e.v;
  if (e.k === 'unary' && (e.op === '-' || e.op === '+')) {
    const v = literal(e.e);
    return typeof v === 'number' ? (e.op === '-' ? -v : v) : undefined;
  }
  return undefined;
}

function fromFunction(fn: FunctionDef, stmt: Stmt, cell: number | undefined): FoundDefinition | null {
  const input = tensorParam(fn.params, false);
  if (!input) return null;
  const returns: Expr[] = [];
  const locals: { name: string; value: Expr }[] = [];
  collectReturns(fn.body, returns, locals);
  // `return x` alone passes its input through: nothing to plot (a loop or call before it still counts)
  const effects = fn.body.filter((b) => b.k !== 'pass' && !(b.k === 'expr' && b.e.k === 'str'));
  if (returns.length === 0 || (effects.length === 1 && returns.every((r) => passesThrough(r, input)))) return null;
  // `if USE_GPU: tensor = tensor.to(device)` then `return tensor`: a helper moving the tensor, whatever the flag
  if (returns.every((r) => passesThrough(r, input)) && onlyHandsOn(fn.body, input)) return null;
  return def(fn.name, 'function', fn.nameAt, fn.at, literalDefaults(fn.params.slice(1)), stmt, returns, locals, input, cell);
}

/**
 * Methods that return their tensor's values unchanged: a copy (`clone`), a conversion
 * (`contiguous`, `float`, `to`), or what autograd sees of it (`detach`, `requires_grad_`).
 */
const SAME_VALUES = new Set(['clone', 'detach', 'requires_grad_', 'contiguous', 'float', 'double', 'to', 'cpu', 'cuda']);

/**
 * `x`, or `x` through methods that keep its values (`x.clone().requires_grad_(True)`, fastai's
 * `mkgrad`): a helper that hands the tensor on — to autograd, a device, a dtype — not an
 * activation, though its curve is the identity.
 */
function passesThrough(e: Expr, input: string): boolean {
  for (let i = 0; i < 8; i++) {
    if (e.k === 'name') return e.id === input;
    if (e.k !== 'call' || e.fn.k !== 'attr' || !SAME_VALUES.has(e.fn.name)) return false;
    e = e.fn.obj;
  }
  return false;
}

/**
 * The body only binds, tests and returns, and binds the input only to itself through methods that
 * keep its values (`tensor = tensor.to(device)`, in any arm of an `if`): what it returns is its input.
 */
function onlyHandsOn(body: readonly Stmt[], input: string): boolean {
  for (const s of body) {
    if (s.k === 'if') { if (!onlyHandsOn(s.body, input) || !onlyHandsOn(s.orelse, input)) return false; }
    else if (s.k === 'assign') { if (s.targets.some((t) => t.k !== 'name' || (t.id === input && !passesThrough(s.value, input)))) return false; }
    else if (s.k !== 'return' && s.k !== 'pass' && !(s.k === 'expr' && s.e.k === 'str')) return false;
  }
  return true;
}

function def(name: string, kind: CustomKind, nameAt: At, at: At, params: CustomDefinition['params'], stmt: Stmt, returns: Expr[], locals: FoundDefinition['locals'], input: string, cell: number | undefined): FoundDefinition {
  const d: FoundDefinition = { name, kind, nameRange: range(nameAt), range: range(at), params, stmt, returns, locals, input };
  if (cell !== undefined) d.cell = cell;
  return d;
}

/** A class's `forward` and `__init__` (the last def of each name in its body) and forward's tensor parameter. */
export interface ClassCandidate {
  forward: FunctionDef;
  input: string;
  /** The definition's parameters: __init__'s literal defaults. */
  params: CustomDefinition['params'];
}

/**
 * What makes a class a candidate module, read from its bases and body statements (the method
 * bodies are not read): a base, and a forward(self, x). Null where it is none; a candidate is a
 * definition once forward returns a value.
 */
export function classCandidate(c: Pick<ClassDef, 'bases' | 'body'>): ClassCandidate | null {
  const methods = new Map<string, FunctionDef>();
  for (const s of c.body) if (s.k === 'def') methods.set(s.fn.name, s.fn);
  const forward = methods.get('forward');
  if (!forward || c.bases.length === 0) return null;
  const input = tensorParam(forward.params, true);
  if (!input) return null;
  const init = methods.get('__init__');
  // a module built with arguments nobody wrote down is evaluated with __init__'s defaults; a
  // required one is known only at run time (found, and not evaluable for that reason)
  return { forward, input, params: init ? literalDefaults(init.params.slice(1)) : {} };
}

function fromClass(stmt: Stmt & { k: 'class' }, cell: number | undefined): FoundDefinition | null {
  const c = stmt.cls;
  const candidate = classCandidate(c);
  if (!candidate) return null;
  const { forward, input, params } = candidate;
  // Most modules are models that cannot be built without arguments: what forward returns is read
  // only for one that evaluates (the formula, the fix), so a return seen in the tree decides here.
  if (returnsAtTop(forward)) return laterDef(c.name, range(c.nameAt), range(c.at), params, () => stmt, () => forward, input, cell);
  const { returns, locals } = returnsOf(forward);
  if (returns.length === 0) return null;
  return def(c.name, 'module', c.nameAt, c.at, params, stmt, returns, locals, input, cell);
}

/**
 * What a method returns and its locals, once per lowered method: a statement keeps its lowered form
 * in later versions of the file, where findIn asks again (never changed by the readers).
 */
const returned = new WeakMap<FunctionDef, Pick<FoundDefinition, 'returns' | 'locals'>>();
function returnsOf(fn: FunctionDef): Pick<FoundDefinition, 'returns' | 'locals'> {
  let r = returned.get(fn);
  if (!r) {
    r = { returns: [], locals: [] };
    collectReturns(fn.body, r.returns, r.locals);
    returned.set(fn, r);
  }
  return r;
}

/**
 * A module's definition whose `returns` and `locals` are read from `forward` when first asked for,
 * and its statement (with forward) when first asked for: own enumerable properties, as def() sets them.
 */
export function laterDef(name: string, nameRange: SourceRange, at: SourceRange, params: CustomDefinition['params'], stmt: () => Stmt, forward: () => FunctionDef, input: string, cell: number | undefined): FoundDefinition {
  // lazy, without holding the file past its end: lazyAccessor.ts
  const d = { name, kind: 'module', nameRange, range: at, params } as FoundDefinition;
  defineLazy(d, 'stmt', stmt);
  defineLazy(d, 'returns', () => returnsOf(forward()).returns);
  defineLazy(d, 'locals', () => returnsOf(forward()).locals);
  d.input = input;
  if (cell !== undefined) d.cell = cell;
  return d;
}

function fromAssign(stmt: Stmt & { k: 'assign' }, cell: number | undefined): FoundDefinition | null {
  const v = stmt.value;
  if (v.k !== 'lambda' || stmt.targets.length !== 1 || stmt.targets[0]!.k !== 'name') return null;
  const input = tensorParam(v.params, false);
  if (!input || passesThrough(v.body, input)) return null;
  const target = stmt.targets[0]!;
  return def(target.id, 'lambda', target.at, stmt.at, literalDefaults(v.params.slice(1)), stmt, [v.body], [], input, cell);
}

export function findIn(body: Stmt[], cell: number | undefined, out: FoundDefinition[]): void {
  for (const s of body) {
    const d = s.k === 'def' ? fromFunction(s.fn, s, cell) : s.k === 'class' ? fromClass(s, cell) : s.k === 'assign' ? fromAssign(s, cell) : null;
    if (d) out.push(d);
  }
}

/** Every `name` expression reading one of `names`, outside the definitions' own name positions. */
export function collectUses(body: Stmt[], names: { has(name: string): boolean }, cell: number | undefined, out: CustomUse[]): void {
  const visit = (v: unknown, depth: number): void => {
    if (depth > 200 || v === null || typeof v !== 'object' || out.length > 2000) return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const e = v as Expr;
    if (e.k === 'name' && names.has(e.id)) {
      const u: CustomUse = { name: e.id, range: range(e.at) };
      if (cell !== undefined) u.cell = cell;
      out.push(u);
      return;
    }
    for (const [k, val] of Object.entries(v)) if (k !== 'at' && k !== 'nameAt' && val && typeof val === 'object') visit(val, depth + 1);
  };
  visit(body, 0);
}

/**
 * Lowered cells by their text: the findings read a notebook cell with every cell before it, so an
 * unchanged earlier cell is lowered once, not once per later cell. The trees are plain data, never
 * changed after lowering. A text not seen before is lowered reusing the previous version's
 * statements (lowerCache.ts).
 */
let lowered = new Map<string, ModuleAst>();
const LOWERED_SIZE = 128;
const LOWERED_MAX_CHARS = 100_000;
registerFileMemo(() => { lowered = freshMemo(lowered); });

function lowerSource(source: string): ModuleAst {
  const hit = lowered.get(source);
  if (hit) return hit;
  const m = lowerSourceIncrementally(source);
  if (source.length > LOWERED_MAX_CHARS) return m;
  if (lowered.size >= LOWERED_SIZE) lowered.delete(lowered.keys().next().value!);
  lowered.set(source, m);
  return m;
}

/** Definitions in a Python file. The parser must be loaded (initPython). */
export function findCustom(source: string): CustomFile {
  const module = lowerSource(source);
  const definitions: FoundDefinition[] = [];
  findIn(module.body, undefined, definitions);
  const uses: CustomUse[] = [];
  const names = new Set(definitions.map((d) => d.name));
  collectUses(statementsNaming(module.body, source, names, definitions), names, undefined, uses);
  return { module, definitions, uses, sources: [source], notebook: false };
}

/**
 * The top-level statements whose text names a definition other than where a def or class names
 * itself: only they can hold a use. A file of 500 model classes has few; walking every lowered
 * statement for them was most of the work after an edit (bench `check`, second row).
 */
function statementsNaming(body: Stmt[], source: string, names: ReadonlySet<string>, definitions: FoundDefinition[]): Stmt[] {
  if (names.size === 0 || body.length === 0) return [];
  const { found, capped } = scanIdentifiers(source, names, 100_000);
  if (capped) return body;
  const selfNamed = new Set(definitions.filter((d) => d.stmt.k === 'def' || d.stmt.k === 'class').map((d) => d.stmt));
  // Statement i holds the lines after statement i-1 ends, through its own end (its decorators too).
  const counts = new Uint32Array(body.length);
  let line = 0;
  let lineStart = 0;
  let k = 0;
  for (const o of found) {
    for (let nl = source.indexOf('\n', lineStart); nl >= 0 && nl < o.start; nl = source.indexOf('\n', lineStart)) { line++; lineStart = nl + 1; }
    while (k < body.length - 1 && body[k]!.at.endLine < line) k++;
    counts[k]!++;
  }
  return body.filter((s, i) => counts[i]! > (selfNamed.has(s) ? 1 : 0));
}

/**
 * Definitions in a notebook's code cells. The cells form one module (a definition may use an
 * import or a constant from an earlier cell); positions stay within each cell.
 */
export function findCustomNotebook(cells: string[]): CustomFile {
  const body: Stmt[] = [];
  const definitions: FoundDefinition[] = [];
  const modules = cells.map((cell, i) => {
    const m = lowerSource(cell);
    findIn(m.body, i, definitions);
    body.push(...m.body);
    return m;
  });
  const names = new Set(definitions.map((d) => d.name));
  const uses: CustomUse[] = [];
  modules.forEach((m, i) => collectUses(m.body, names, i, uses));
  return { module: { body }, definitions, uses, sources: cells, notebook: true };
}

export { atOf };
