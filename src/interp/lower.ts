// tree-sitter's Python tree → the interpreter's plain AST (ast.ts). Reading is bounded: a
// definition longer than MAX_SOURCE_CHARS or nested deeper than MAX_NESTING is not walked at
// all, so a generated million-term expression costs a comparison, not a walk.
import type { Node } from 'web-tree-sitter';
import type { Arg, At, BinOp, ClassDef, CmpOp, Expr, FunctionDef, ImportBinding, ModuleAst, Param, Stmt } from './ast';
import { defineLazy, settleLazy } from '../lazyAccessor';

/** Longest definition read (characters): hand-written activations are a few hundred. */
export const MAX_SOURCE_CHARS = 20_000;
/** Deepest nesting of expressions and blocks read. */
export const MAX_NESTING = 120;

export function atOf(n: Node): At {
  const s = n.startPosition;
  const e = n.endPosition;
  return { line: s.row, column: s.column, endLine: e.row, endColumn: e.column };
}

const BIN_OPS = new Set(['+', '-', '*', '/', '//', '%', '**', '@', '&', '|', '^', '<<', '>>']);

/**
 * Lets a class's method bodies be lowered when first read instead of with the class. Deciding
 * whether a class is an activation reads `forward` only, and evaluating one that cannot be built
 * (most models: `__init__` wants arguments, or builds layers the engine lacks) stops before the
 * other bodies are read; lowering them was most of AL601's cost on a tree of models. The nodes a
 * body is read from belong to a tree that may be freed meanwhile (src/python/versions.ts keeps a
 * few): then the top-level statement is parsed again on its own (same text, same tree).
 */
export interface LaterBodies {
  /** Whether the tree the statement was lowered from is still alive. */
  alive(): boolean;
  /** `read` on the top-level statement's node in a fresh parse of its text (the tree is freed after). */
  reread<T>(read: (statement: Node) => T): T;
  /** A body, once read, is read through (its statements are not each lowered when first read): a reader that runs every statement. */
  readonly whole?: boolean;
}

/** The function definition starting at `start` within `statement` (same text, another parse). */
function functionAt(statement: Node, start: number): Node {
  for (let n: Node | null = statement.namedDescendantForIndex(start); n; n = n.parent)
    if (n.type === 'function_definition' && n.startIndex === start) return n;
  throw new Error('Activation Lens: a method was not found again in its class');
}

class Lowerer {
  constructor(
    private readonly src: string,
    private readonly later?: LaterBodies,
    /** Every def's body waits to be read through `later`, not only a method's. */
    private readonly laterDefs = false,
    /** Calls' arguments lowered when read (laterArguments). */
    private readonly lazyArguments = false,
  ) {}

  private text(n: Node): string {
    return this.src.slice(n.startIndex, n.endIndex);
  }

  private unsupported(what: string, n: Node): { k: 'unsupported'; what: string; at: At } {
    return { k: 'unsupported', what, at: atOf(n) };
  }

  block(n: Node | null, depth: number): Stmt[] {
    if (!n) return [];
    const out: Stmt[] = [];
    for (const c of n.namedChildren) {
      if (!c || c.type === 'comment') continue;
      out.push(this.stmt(c, depth + 1));
    }
    return out;
  }

  stmt(n: Node, depth: number, method?: { short: boolean }): Stmt {
    if (depth > MAX_NESTING) return this.unsupported('a block nested too deeply', n);
    if (n.hasError) return this.unsupported('a syntax error', n);
    const at = atOf(n);
    switch (n.type) {
      case 'expression_statement': {
        const kids = n.namedChildren.filter((c): c is Node => !!c);
        if (kids.length !== 1) return { k: 'expr', e: this.tupleOf(kids, n, depth, at), at };
        const c = kids[0]!;
        if (c.type === 'assignment') return this.assignment(c, depth);
        if (c.type === 'augmented_assignment') {
          const op = c.childForFieldName('operator');
          const opText = op ? this.text(op).slice(0, -1) : '';
          const target = c.childForFieldName('left');
          const value = c.childForFieldName('right');
          if (!target || !value || !BIN_OPS.has(opText)) return this.unsupported('an augmented assignment', c);
          return { k: 'augassign', target: this.expr(target, depth), op: opText as BinOp, value: this.expr(value, depth), at };
        }
        return { k: 'expr', e: this.expr(c, depth), at };
      }
      case 'return_statement': {
        const kids = n.namedChildren.filter((c): c is Node => !!c);
        return { k: 'return', e: kids.length === 0 ? null : kids.length === 1 ? this.expr(kids[0]!, depth) : this.tupleOf(kids, n, depth, at), at };
      }
      case 'pass_statement':
        return { k: 'pass', at };
      case 'if_statement':
        return this.ifStatement(n, depth);
      case 'with_statement': {
        const items: Expr[] = [];
        const clause = n.namedChildren.find((c) => c?.type === 'with_clause');
        for (const item of clause?.namedChildren ?? []) {
          if (!item || item.type !== 'with_item') continue;
          const v = item.childForFieldName('value');
          // `with torch.no_grad() as g:` binds a name: not part of the subset
          if (!v || v.type === 'as_pattern') return this.unsupported('a with … as statement', item);
          items.push(this.expr(v, depth));
        }
        return { k: 'with', items, body: this.block(n.childForFieldName('body'), depth), at };
      }
      case 'function_definition':
        return { k: 'def', fn: this.functionDef(n, [], depth, method), at };
      case 'class_definition':
        return { k: 'class', cls: this.classDef(n, depth), at };
      case 'decorated_definition': {
        const def = n.childForFieldName('definition');
        const decorators = n.namedChildren.filter((c): c is Node => c?.type === 'decorator').map((d) => {
          const e = d.namedChildren.find((c) => c && c.type !== 'comment');
          return e ? this.expr(e, depth) : this.unsupported('a decorator', d);
        });
        if (def?.type === 'function_definition') return { k: 'def', fn: this.functionDef(def, decorators, depth, method), at };
        if (def?.type === 'class_definition') return { k: 'class', cls: this.classDef(def, depth), at };
        return this.unsupported('a decorated definition', n);
      }
      case 'import_statement':
      case 'import_from_statement':
        return { k: 'import', bindings: this.imports(n), at };
      case 'future_import_statement':
        return { k: 'pass', at };
      default:
        return this.unsupported(STATEMENT_NAMES[n.type] ?? `a ${n.type.replace(/_/g, ' ')}`, n);
    }
  }

  private assignment(n: Node, depth: number): Stmt {
    const at = atOf(n);
    const targets: Expr[] = [];
    let cur: Node | null = n;
    // a = b = value nests as assignment(left=a, right=assignment(left=b, right=value))
    while (cur && cur.type === 'assignment') {
      const left = cur.childForFieldName('left');
      const right = cur.childForFieldName('right');
      if (!left) return this.unsupported('an assignment', cur);
      if (!right) return { k: 'pass', at }; // `x: int` declares, binds nothing
      targets.push(this.target(left, depth));
      cur = right;
    }
    if (!cur) return this.unsupported('an assignment', n);
    return { k: 'assign', targets, value: this.expr(cur, depth), at };
  }

  private target(n: Node, depth: number): Expr {
    if (n.type === 'pattern_list' || n.type === 'tuple_pattern' || n.type === 'list_pattern')
      return { k: 'tuple', items: n.namedChildren.filter((c): c is Node => !!c).map((c) => this.target(c, depth + 1)), at: atOf(n) };
    return this.expr(n, depth);
  }

  private ifStatement(n: Node, depth: number): Stmt {
    const at = atOf(n);
    const test = this.expr(n.childForFieldName('condition')!, depth);
    const body = this.block(n.childForFieldName('consequence'), depth);
    const alternatives = n.childrenForFieldName('alternative').filter((c): c is Node => !!c);
    // elif chains become nested ifs, from the last clause back
    let orelse: Stmt[] = [];
    for (let i = alternatives.length - 1; i >= 0; i--) {
      const a = alternatives[i]!;
      if (a.type === 'else_clause') orelse = this.block(a.childForFieldName('body'), depth);
      else {
        const cond = a.childForFieldName('condition');
        if (!cond) return this.unsupported('an elif clause', a);
        orelse = [{ k: 'if', test: this.expr(cond, depth), body: this.block(a.childForFieldName('consequence'), depth), orelse, at: atOf(a) }];
      }
    }
    return { k: 'if', test, body, orelse, at };
  }

  /** `method`: a def directly in a class body; `short` when that class is no longer than MAX_SOURCE_CHARS. */
  functionDef(n: Node, decorators: Expr[], depth: number, method?: { short: boolean }): FunctionDef {
    const name = n.childForFieldName('name');
    const at = atOf(n);
    const nameAt = name ? atOf(name) : at;
    const fn: FunctionDef = { name: name ? this.text(name) : '', params: [], body: [], decorators, at, nameAt };
    const paramsNode = n.childForFieldName('parameters');
    if (paramsNode?.hasError) {
      fn.body = [this.unsupported('a syntax error', n)];
      return fn;
    }
    fn.params = this.params(paramsNode, depth);
    if (!method?.short && n.endIndex - n.startIndex > MAX_SOURCE_CHARS) {
      fn.body = [this.unsupported(`a definition longer than ${MAX_SOURCE_CHARS} characters`, n)];
      return fn;
    }
    // a function_definition is [async] def …: only its own first keyword can be async
    if (this.src.startsWith('async', n.startIndex)) fn.body = [this.unsupported('an async function', n)];
    else if ((method || this.laterDefs) && this.later) return laterFunction(fn.name, fn.params, decorators, at, nameAt, new LaterBody(n, this.src, this.later, depth));
    else fn.body = this.block(n.childForFieldName('body'), depth);
    return fn;
  }

  /** As block, its defs being methods of a class `short` or not (see functionDef). */
  private classBody(n: Node | null, depth: number, short: boolean): Stmt[] {
    if (!n) return [];
    const out: Stmt[] = [];
    const method = { short };
    for (const c of n.namedChildren) if (c && c.type !== 'comment') out.push(this.stmt(c, depth + 1, method));
    return out;
  }

  private classDef(n: Node, depth: number): ClassDef {
    const name = n.childForFieldName('name');
    const at = atOf(n);
    const bases: Expr[] = [];
    for (const b of n.childForFieldName('superclasses')?.namedChildren ?? []) {
      if (!b || b.type === 'comment') continue;
      bases.push(b.type === 'keyword_argument' ? this.unsupported('a metaclass or class keyword', b) : this.expr(b, depth));
    }
    const length = n.endIndex - n.startIndex;
    return {
      name: name ? this.text(name) : '',
      bases,
      body: length > MAX_SOURCE_CHARS * 5 ? [this.unsupported('a class too long to read', n)] : this.classBody(n.childForFieldName('body'), depth, length <= MAX_SOURCE_CHARS),
      at,
      nameAt: name ? atOf(name) : at,
    };
  }

  params(n: Node | null, depth: number): Param[] {
    const out: Param[] = [];
    if (!n) return out;
    let kwonly = false;
    for (const p of n.namedChildren) {
      if (!p || p.type === 'comment') continue;
      const at = atOf(p);
      switch (p.type) {
        case 'identifier':
          out.push({ name: this.text(p), kind: kwonly ? 'kwonly' : 'plain', at });
          break;
        case 'typed_parameter': {
          const inner = p.namedChildren.find((c) => c && c.type !== 'type');
          if (inner?.type === 'list_splat_pattern' || inner?.type === 'dictionary_splat_pattern') {
            const id = inner.namedChild(0);
            out.push({ name: id ? this.text(id) : '', kind: inner.type === 'list_splat_pattern' ? 'star' : 'kwstar', at });
            if (inner.type === 'list_splat_pattern') kwonly = true;
          } else out.push({ name: inner ? this.text(inner) : '', kind: kwonly ? 'kwonly' : 'plain', at });
          break;
        }
        case 'default_parameter':
        case 'typed_default_parameter': {
          const name = p.childForFieldName('name');
          const value = p.childForFieldName('value');
          out.push({ name: name ? this.text(name) : '', default: value ? this.expr(value, depth) : undefined, kind: kwonly ? 'kwonly' : 'plain', at });
          break;
        }
        case 'list_splat_pattern': {
          const id = p.namedChild(0);
          out.push({ name: id ? this.text(id) : '', kind: 'star', at });
          kwonly = true;
          break;
        }
        case 'dictionary_splat_pattern': {
          const id = p.namedChild(0);
          out.push({ name: id ? this.text(id) : '', kind: 'kwstar', at });
          break;
        }
        case 'keyword_separator':
          kwonly = true;
          break;
        case 'positional_separator':
          break;
        default:
          out.push({ name: '', kind: 'plain', at, default: this.unsupported(`a ${p.type.replace(/_/g, ' ')} parameter`, p) });
      }
    }
    return out;
  }

  private imports(n: Node): ImportBinding[] {
    const out: ImportBinding[] = [];
    const dotted = (d: Node) => d.namedChildren.filter((c) => c?.type === 'identifier').map((c) => this.text(c!)).join('.');
    if (n.type === 'import_statement') {
      for (const c of n.childrenForFieldName('name')) {
        if (!c) continue;
        if (c.type === 'aliased_import') {
          const name = c.childForFieldName('name');
          const alias = c.childForFieldName('alias');
          if (name && alias) out.push({ local: this.text(alias), target: dotted(name) });
        } else if (c.type === 'dotted_name') {
          const first = c.namedChild(0);
          if (first) out.push({ local: this.text(first), target: this.text(first) });
        }
      }
      return out;
    }
    const mod = n.childForFieldName('module_name');
    // relative imports are the user's own modules: nothing the interpreter knows
    const module = mod?.type === 'dotted_name' ? dotted(mod) : '.';
    for (const c of n.childrenForFieldName('name')) {
      if (!c) continue;
      const name = c.type === 'aliased_import' ? c.childForFieldName('name') : c;
      const alias = c.type === 'aliased_import' ? c.childForFieldName('alias') : c;
      if (name && alias) out.push({ local: this.text(alias), target: `${module}.${dotted(name) || this.text(name)}` });
    }
    return out;
  }

  /** `at`: n's position, where the caller read it already (each read is a call into the parser). */
  private tupleOf(kids: Node[], n: Node, depth: number, at: At = atOf(n)): Expr {
    return { k: 'tuple', items: kids.map((c) => this.expr(c, depth + 1)), at };
  }

  expr(n: Node, depth: number): Expr {
    if (depth > MAX_NESTING) return this.unsupported(`an expression nested more than ${MAX_NESTING} levels deep`, n);
    const at = atOf(n);
    const d = depth + 1;
    switch (n.type) {
      case 'identifier':
        return { k: 'name', id: this.text(n), at };
      case 'integer':
        return this.integer(n, at);
      case 'float': {
        const t = this.text(n).replace(/_/g, '');
        if (/j$/i.test(t)) return this.unsupported('a complex number', n);
        return { k: 'num', v: Number(t.endsWith('.') ? t + '0' : t.startsWith('.') ? '0' + t : t), at };
      }
      case 'true':
        return { k: 'const', v: true, at };
      case 'false':
        return { k: 'const', v: false, at };
      case 'none':
        return { k: 'const', v: null, at };
      case 'ellipsis':
        return { k: 'ellipsis', at };
      case 'string':
        return this.string(n, at);
      case 'concatenated_string': {
        let v = '';
        for (const c of n.namedChildren) {
          if (!c) continue;
          // only its text is kept: no position read for it
          const s = this.string(c, at);
          if (s.k !== 'str') return s;
          v += s.v;
        }
        return { k: 'str', v, at };
      }
      case 'parenthesized_expression': {
        const inner = n.namedChildren.find((c) => c && c.type !== 'comment');
        return inner ? this.expr(inner, d) : this.unsupported('empty parentheses', n);
      }
      case 'binary_operator': {
        const op = n.childForFieldName('operator');
        const l = n.childForFieldName('left');
        const r = n.childForFieldName('right');
        const opText = op ? this.text(op) : '';
        if (!l || !r || !BIN_OPS.has(opText)) return this.unsupported(`the operator ${opText}`, n);
        return { k: 'bin', op: opText as BinOp, l: this.expr(l, d), r: this.expr(r, d), at };
      }
      case 'unary_operator': {
        const op = n.childForFieldName('operator');
        const arg = n.childForFieldName('argument');
        const opText = op ? this.text(op) : '';
        if (!arg || (opText !== '-' && opText !== '+' && opText !== '~')) return this.unsupported(`the operator ${opText}`, n);
        return { k: 'unary', op: opText, e: this.expr(arg, d), at };
      }
      case 'not_operator': {
        const arg = n.childForFieldName('argument');
        return arg ? { k: 'unary', op: 'not', e: this.expr(arg, d), at } : this.unsupported('not', n);
      }
      case 'boolean_operator': {
        const op = n.childForFieldName('operator');
        const l = n.childForFieldName('left');
        const r = n.childForFieldName('right');
        const opText = op ? this.text(op) : '';
        if (!l || !r || (opText !== 'and' && opText !== 'or')) return this.unsupported(`the operator ${opText}`, n);
        return { k: 'bool', op: opText, l: this.expr(l, d), r: this.expr(r, d), at };
      }
      case 'comparison_operator':
        return this.comparison(n, d, at);
      case 'conditional_expression': {
        const kids = n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
        if (kids.length !== 3) return this.unsupported('a conditional expression', n);
        return { k: 'ifexp', body: this.expr(kids[0]!, d), test: this.expr(kids[1]!, d), orelse: this.expr(kids[2]!, d), at };
      }
      case 'call':
        return this.call(n, d, at);
      case 'attribute': {
        const obj = n.childForFieldName('object');
        const attr = n.childForFieldName('attribute');
        if (!obj || !attr) return this.unsupported('an attribute', n);
        return { k: 'attr', obj: this.expr(obj, d), name: this.text(attr), at, nameAt: atOf(attr) };
      }
      case 'subscript': {
        const obj = n.childForFieldName('value');
        const subs = n.childrenForFieldName('subscript').filter((c): c is Node => !!c);
        if (!obj || subs.length === 0) return this.unsupported('a subscript', n);
        const index = subs.length === 1 ? this.expr(subs[0]!, d) : this.tupleOf(subs, n, d, at);
        return { k: 'subscript', obj: this.expr(obj, d), index, at };
      }
      case 'slice': {
        // children: [lower] ':' [upper] [':' [step]]
        const parts: (Expr | null)[] = [null];
        for (const c of n.children) {
          if (!c) continue;
          if (c.type === ':') parts.push(null);
          else if (c.isNamed && c.type !== 'comment') parts[parts.length - 1] = this.expr(c, d);
        }
        return { k: 'slice', lower: parts[0] ?? null, upper: parts[1] ?? null, step: parts[2] ?? null, at };
      }
      case 'tuple':
      case 'expression_list':
        return this.tupleOf(n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment'), n, d, at);
      case 'list':
        return { k: 'list', items: n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment').map((c) => this.expr(c, d)), at };
      case 'dictionary': {
        // `self.config = {"name": self.name}` in a constructor: held, never read (a `**` spread is not lowered)
        const items: Expr[] = [];
        for (const c of n.namedChildren) {
          if (!c || c.type === 'comment') continue;
          const key = c.type === 'pair' ? c.childForFieldName('key') : null;
          const value = c.type === 'pair' ? c.childForFieldName('value') : null;
          if (!key || !value) return this.unsupported('a dict', n);
          items.push(this.expr(key, d), this.expr(value, d));
        }
        return { k: 'dict', items, at };
      }
      case 'lambda': {
        const body = n.childForFieldName('body');
        if (!body) return this.unsupported('a lambda', n);
        if (n.endIndex - n.startIndex > MAX_SOURCE_CHARS) return this.unsupported(`a definition longer than ${MAX_SOURCE_CHARS} characters`, n);
        return { k: 'lambda', params: this.params(n.childForFieldName('parameters'), d), body: this.expr(body, d), at };
      }
      case 'list_splat':
        return this.unsupported('*-unpacking', n);
      default:
        return this.unsupported(EXPRESSION_NAMES[n.type] ?? `a ${n.type.replace(/_/g, ' ')}`, n);
    }
  }

  private integer(n: Node, at: At): Expr {
    const t = this.text(n).replace(/_/g, '').toLowerCase();
    if (t.endsWith('j')) return this.unsupported('a complex number', n);
    if (t.length > 400) return this.unsupported('an integer literal too long', n);
    try {
      // Python ints are exact: `0o17` → BigInt('0o17'); decimal leading zeros are only `0`
      return { k: 'num', v: BigInt(t), at };
    } catch {
      return this.unsupported('an integer literal', n);
    }
  }

  private string(n: Node, at: At): Expr {
    if (n.type !== 'string') return this.unsupported('a string', n);
    let v = '';
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === 'interpolation') return this.unsupported('an f-string', n);
      if (c.type === 'string_content' || c.type === 'escape_sequence') v += this.text(c);
    }
    return { k: 'str', v, at };
  }

  private comparison(n: Node, d: number, at: At): Expr {
    const operands: Expr[] = [];
    const ops: CmpOp[] = [];
    let pending = '';
    for (const c of n.children) {
      if (!c || c.type === 'comment') continue;
      if (c.isNamed) {
        if (operands.length > 0) {
          ops.push(pending.trim().replace(/\s+/g, ' ') as CmpOp);
          pending = '';
        }
        operands.push(this.expr(c, d));
      } else pending += ' ' + this.text(c);
    }
    const valid = new Set(['<', '<=', '>', '>=', '==', '!=', 'is', 'is not', 'in', 'not in']);
    if (operands.length < 2 || ops.some((o) => !valid.has(o))) return this.unsupported('a comparison', n);
    return { k: 'cmp', ops, operands, at };
  }

  private call(n: Node, d: number, at: At): Expr {
    const fn = n.childForFieldName('function');
    const argsNode = n.childForFieldName('arguments');
    if (!fn || !argsNode) return this.unsupported('a call', n);
    if (argsNode.type === 'generator_expression') return this.unsupported('a generator expression', argsNode);
    const nodes = argsNode.namedChildren.filter((a): a is Node => !!a && a.type !== 'comment');
    // an accessor costs more than lowering a name or a number: only a call among them is worth the wait
    if (this.lazyArguments && nodes.some((a) => a.type === 'call')) return { k: 'call', fn: this.expr(fn, d), args: laterArguments(nodes, (a) => this.argument(a, d)), at };
    const args: Arg[] = [];
    for (const a of nodes) {
      const arg = this.argument(a, d);
      if ('k' in arg) return arg;
      args.push(arg);
    }
    return { k: 'call', fn: this.expr(fn, d), args, at };
  }

  /** One argument of a call, or why the call cannot be read (only where the tree has an error). */
  private argument(a: Node, d: number): Arg | (Expr & { k: 'unsupported' }) {
    if (a.type === 'keyword_argument') {
      const name = a.childForFieldName('name');
      const value = a.childForFieldName('value');
      if (!name || !value) return this.unsupported('a keyword argument', a);
      return { name: this.text(name), value: this.expr(value, d) };
    }
    if (a.type === 'list_splat' || a.type === 'dictionary_splat') {
      const inner = a.namedChildren.find((c) => c && c.type !== 'comment');
      if (!inner) return this.unsupported('an unpacked argument', a);
      return { star: a.type === 'list_splat' ? '*' : '**', value: this.expr(inner, d) };
    }
    return { value: this.expr(a, d) };
  }
}

/**
 * A call's arguments, each lowered when first read (an own enumerable accessor, replaced by its
 * value). For a reader that stops at the first argument it can decide on: `nn.Sequential(nn.Linear(…),
 * …)` fails at its first layer. The tree is error-free there (a malformed argument, which makes
 * the eager call unsupported, exists only in a tree with an error): such an argument reads as an
 * argument whose value is unsupported.
 */
function laterArguments(nodes: Node[], lower: (a: Node) => Arg | (Expr & { k: 'unsupported' })): Arg[] {
  const args: Arg[] = new Array(nodes.length);
  // lazy, without holding the file past its end: lazyAccessor.ts
  nodes.forEach((a, i) => {
    defineLazy(args, i, () => {
      const read = lower(a);
      const arg: Arg = 'k' in read ? { value: read } : read;
      settleLazy(args, i, arg);
      return arg;
    });
  });
  return args;
}

/** A method's body waiting to be lowered: the node while its tree lives, else where to find it again. */
class LaterBody {
  private node: Node | null;
  private readonly start: number;

  constructor(n: Node, private readonly src: string, private readonly later: LaterBodies, private readonly depth: number) {
    this.node = n;
    this.start = n.startIndex;
  }

  /**
   * The body as functionDef lowers it (once: the caller keeps it). Its statements too are lowered
   * when first read: a constructor the engine cannot run stops at its first layer, and the
   * statements after it are never looked at.
   */
  read(): Stmt[] {
    const node = this.node;
    this.node = null;
    if (!node || !this.later.alive()) return this.later.reread((s) => new Lowerer(this.src).block(this.blockIn(s), this.depth));
    if (this.later.whole) return new Lowerer(this.src).block(node.childForFieldName('body'), this.depth);
    const statements = this.statementsOf(node.childForFieldName('body'));
    const body: Stmt[] = new Array(statements.length);
    const lowerer = new Lowerer(this.src);
    statements.forEach((c, i) => {
      defineLazy(body, i, () => {
        const s = this.later.alive()
          ? lowerer.stmt(c, this.depth + 1)
          : this.later.reread((top) => new Lowerer(this.src).stmt(this.statementsOf(this.blockIn(top))[i]!, this.depth + 1));
        settleLazy(body, i, s);
        return s;
      });
    });
    return body;
  }

  /** The method's body block in another parse of its top-level statement. */
  private blockIn(statement: Node): Node | null {
    return functionAt(statement, this.start).childForFieldName('body');
  }

  /** What block() lowers of a body: its named children but comments. */
  private statementsOf(block: Node | null): Node[] {
    return block ? block.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') : [];
  }

  forget(): void {
    this.node = null;
  }

  /** Kept once seen: a statement outlives its tree in later versions of the file, where findIn asks again. */
  private returns: boolean | undefined;

  returnsAtTop(): boolean | undefined {
    if (this.returns !== undefined || !this.node || !this.later.alive()) return this.returns;
    return (this.returns = functionReturnsAtTop(this.node, this.depth));
  }
}

/**
 * Whether the function_definition `n`, lowered at `depth`, has `return <value>` among its own
 * statements, read from the tree; undefined where its body lies too deep to be lowered.
 */
export function functionReturnsAtTop(n: Node, depth: number): boolean | undefined {
  if (depth + 1 > MAX_NESTING) return undefined;
  const body = n.childForFieldName('body');
  // an error-free `return <something>` lowers to a return with a value (stmt's return_statement)
  return !!body?.namedChildren.some((c) => c?.type === 'return_statement' && c.namedChildCount > 0 && !c.hasError);
}

/** Methods whose body is not lowered yet. */
const laterOf = new WeakMap<FunctionDef, LaterBody>();

/**
 * Whether `fn`'s own statements (not those nested in an if or a with) include `return <value>`,
 * read from the tree without lowering the body; undefined when that is not known that way (the body
 * is lowered already, or its tree is gone): then read `fn.body`.
 */
export function returnsAtTop(fn: FunctionDef): boolean | undefined {
  return laterOf.get(fn)?.returnsAtTop();
}

/**
 * A FunctionDef whose `body` is an own enumerable accessor (walkers over the plain data see it like
 * any other property) lowered on first read, exactly as functionDef would have lowered it then.
 */
function laterFunction(name: string, params: Param[], decorators: Expr[], at: At, nameAt: At, later: LaterBody): FunctionDef {
  const settle = (body: Stmt[]) => {
    later.forget();
    settleLazy(fn, 'body', body);
    return body;
  };
  // lazy, without holding the file past its end: lazyAccessor.ts
  const fn = { name, params } as FunctionDef;
  defineLazy(fn, 'body', () => settle(later.read()), (body) => { settle(body as Stmt[]); });
  fn.decorators = decorators;
  fn.at = at;
  fn.nameAt = nameAt;
  laterOf.set(fn, later);
  return fn;
}

const STATEMENT_NAMES: Record<string, string> = {
  for_statement: 'a for loop',
  while_statement: 'a while loop',
  try_statement: 'a try statement',
  raise_statement: 'a raise statement',
  global_statement: 'a global statement',
  nonlocal_statement: 'a nonlocal statement',
  delete_statement: 'a del statement',
  assert_statement: 'an assert statement',
  match_statement: 'a match statement',
  break_statement: 'a break statement',
  continue_statement: 'a continue statement',
  print_statement: 'a print statement',
  exec_statement: 'an exec statement',
};

const EXPRESSION_NAMES: Record<string, string> = {
  list_comprehension: 'a list comprehension',
  dictionary_comprehension: 'a dict comprehension',
  set_comprehension: 'a set comprehension',
  generator_expression: 'a generator expression',
  set: 'a set',
  await: 'await',
  yield: 'yield',
  named_expression: 'an assignment expression (:=)',
};

/** Lowers a module (a file or a notebook cell) from its tree and the text it was parsed from. */
export function lowerModule(root: Node, source: string): ModuleAst {
  return { body: new Lowerer(source).block(root, 0) };
}

/**
 * Lowers one statement of the module (a child of the root) exactly as lowerModule lowers it there;
 * with `later`, a class's method bodies are lowered when first read.
 */
export function lowerModuleStatement(n: Node, source: string, later?: LaterBodies): Stmt {
  return new Lowerer(source, later).stmt(n, 1);
}

/**
 * Lowers pieces of a statement as lowerModuleStatement lowers them at the same depth (a statement
 * of the module is at depth 1, its class's members at 2, their bodies' statements at 3), for a
 * reader that needs only some of them (src/custom/classSketch.ts); with `lazyArguments`, each
 * call's arguments are lowered as read (laterArguments), for a tree without errors.
 */
export interface PieceLowerer {
  stmt(n: Node, depth: number): Stmt;
  /** A block's statements: each at depth + 1. */
  block(n: Node | null, depth: number): Stmt[];
  expr(n: Node, depth: number): Expr;
  params(n: Node | null, depth: number): Param[];
}

export function pieceLowerer(source: string, lazyArguments = false): PieceLowerer {
  return new Lowerer(source, undefined, false, lazyArguments);
}

/**
 * Lowers one statement (a `def`, a `class`, an assignment): for callers that already hold the node.
 * With `later`, the bodies of its defs are lowered when first read (a def whose decorator cannot
 * be evaluated is never followed into).
 */
export function lowerStatement(n: Node, source: string, later?: LaterBodies): Stmt {
  return new Lowerer(source, later, !!later).stmt(n, 0);
}

/** Lowers one expression (a `lambda`, a call). */
export function lowerExpression(n: Node, source: string): Expr {
  return new Lowerer(source).expr(n, 0);
}
