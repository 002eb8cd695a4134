// Python's scoping, as far as deciding whether a name still means what the import said:
// a name bound anywhere in a function (parameter, assignment, for target, def, with/except
// alias, walrus) is local to that whole function; class bodies do not reach into methods;
// lambdas and comprehensions are their own scopes.
import type { Node } from 'web-tree-sitter';
import type { Forest } from './forest';
import { isAsciiIdentPart } from './scan';

export type ScopeKind = 'module' | 'function' | 'class' | 'lambda' | 'comprehension';

export interface Scope {
  id: number;
  node: Node;
  kind: ScopeKind;
  /** Function or class name ('' otherwise). */
  readonly name: string;
  parent: Scope | null;
  start: number;
  end: number;
}

const SCOPE_KINDS: Record<string, ScopeKind> = {
  function_definition: 'function', class_definition: 'class', lambda: 'lambda',
  list_comprehension: 'comprehension', set_comprehension: 'comprehension', dictionary_comprehension: 'comprehension',
  generator_expression: 'comprehension',
};

/** Node types that open a scope (the `lambda` keyword's token has the lambda's type name too). */
const SCOPE_TYPES = Object.keys(SCOPE_KINDS);
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
/** The keyword every scope node holds as a token of its own (a comprehension: in each `for … in` clause). */
const SCOPE_KEYWORDS = /def|class|lambda|for/g;

/**
 * The scopes of the file, found on demand, one module statement at a time: the first question
 * about a position in a statement finds every scope node in it at once (by their keywords in the
 * statement's text, each confirmed by the tree; a statement holding a syntax error is walked), and
 * "which scope is this position in" is then answered in JS,
 * so a hover never walks the whole tree nor builds a JS object for a scope of another statement.
 * The same def or class is always the same Scope object.
 */
interface TopLevel { node: Node; end: number }

export class ScopeIndex {
  readonly module: Scope;
  private readonly byId = new Map<number, Scope>();
  private readonly tops = new Map<number, TopLevel>();

  constructor(private readonly forest: Forest, private readonly source: string) {
    // The module has no single node in a forest: its scope is known by id 0 (no node has it),
    // and its node, should anything ask, is the first run's root.
    this.module = new ModuleScope(forest);
  }

  /** Answers per position: the flow asks for the scope of the same nodes again and again. */
  private readonly atIndex = new Map<number, Scope>();

  /** The innermost scope whose node contains the position. */
  at(index: number): Scope {
    let s = this.atIndex.get(index);
    if (!s) this.atIndex.set(index, (s = this.find(index)));
    return s;
  }

  private find(index: number): Scope {
    // The first step, to the statement of the module holding the position, is a binary search
    // (a cursor at the root would step over every statement before it, one call each in C).
    const top = this.topLevelAt(index);
    if (!top || this.endOf(top) <= index) return this.module;
    const list = this.scopesIn(top);
    // The innermost scope holding the position is the last one starting at or before it, or one
    // of the scopes around that one (scopes nest: one starting later inside it would be later).
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.start <= index) lo = mid + 1; else hi = mid;
    }
    for (let s: Scope | null = lo > 0 ? list[lo - 1]! : null; s; s = s.parent) if (s.end > index) return s;
    return this.module;
  }

  /** The scopes in a module statement (itself included), in document order: outer before inner. */
  private readonly inside = new Map<number, Scope[]>();
  private scopesIn(top: TopLevel): Scope[] {
    let list = this.inside.get(top.node.id);
    if (list) return list;
    list = [];
    const open: Scope[] = [];
    for (const { node: n, kind, start, end } of this.scopeNodes(top)) {
      while (open.length > 0 && open[open.length - 1]!.end <= start) open.pop();
      const s = this.scopeFor(n, kind, open[open.length - 1] ?? this.module, start, end);
      list.push(s);
      open.push(s);
    }
    this.inside.set(top.node.id, list);
    return list;
  }

  /**
   * The scope nodes in a module statement (itself included), in document order (outer first
   * where two start together). Asking the parser for every node of those types walks the whole
   * statement (~50-90 µs for a model class); every scope node holds its keyword as a token of
   * its own, so the keywords in the statement's text, each confirmed by the tree, find them with
   * a few calls each. A statement holding a syntax error may hold a node whose keyword the parser
   * made up (a missing token has no text): it is walked.
   */
  private scopeNodes(top: TopLevel): Array<{ node: Node; kind: ScopeKind; start: number; end: number }> {
    const out: Array<{ node: Node; kind: ScopeKind; start: number; end: number }> = [];
    const add = (n: Node, kind: ScopeKind) => out.push({ node: n, kind, start: n.startIndex, end: n.id === top.node.id ? this.endOf(top) : n.endIndex });
    if (top.node.hasError) {
      for (const n of top.node.descendantsOfType(SCOPE_TYPES)) {
        const kind = n && SCOPE_KINDS[n.type];
        if (kind) add(n, kind);
      }
      return out;
    }
    const src = this.source;
    const from = top.node.startIndex;
    const seen = new Set<number>();
    const text = src.slice(from, this.endOf(top));
    SCOPE_KEYWORDS.lastIndex = 0;
    for (let m = SCOPE_KEYWORDS.exec(text); m; m = SCOPE_KEYWORDS.exec(text)) {
      const i = from + m.index;
      const kw = m[0];
      // A keyword is a whole word: one letter, digit or underscore more makes it another name, but a
      // number may end right before it (`[1for x in y]`); past ASCII, the tree decides.
      if (isAsciiIdentPart(src.charCodeAt(i + kw.length))) continue;
      if (i > 0 && isAsciiIdentPart(src.charCodeAt(i - 1))) {
        let j = i - 1;
        while (j > 0 && isAsciiIdentPart(src.charCodeAt(j - 1))) j--;
        const c = src.charCodeAt(j);
        if (c < 48 || c > 57) continue;
      }
      const token = top.node.descendantForIndex(i, i + kw.length);
      if (!token || token.type !== kw || token.startIndex !== i) continue; // in a string or a comment
      let n = token.parent;
      if (kw === 'for') {
        // `for … in` of a comprehension (a for statement opens no scope); a comprehension has one per clause.
        if (n?.type !== 'for_in_clause') continue;
        n = n.parent;
        if (!n || !COMPREHENSIONS.has(n.type) || seen.has(n.id)) continue;
        seen.add(n.id);
        add(n, 'comprehension');
      } else if (kw === 'lambda') {
        // The keyword's token has the lambda's type name: a scope of its own inside the lambda's.
        if (n?.type === 'lambda') add(n, 'lambda');
        add(token, 'lambda');
      } else if (n?.type === (kw === 'def' ? 'function_definition' : 'class_definition')) {
        add(n, kw === 'def' ? 'function' : 'class');
      }
    }
    return out.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  private scopeFor(node: Node, kind: ScopeKind, parent: Scope, start: number, end: number): Scope {
    let s = this.byId.get(node.id);
    if (!s) this.byId.set(node.id, (s = this.scope(node, kind, parent, start, end)));
    return s;
  }

  /**
   * The module's statement (or comment) starting last at or before `index` in its run of
   * statements, if any: a binary search over the run's statements, parsed on first use.
   */
  private topLevelAt(index: number): TopLevel | undefined {
    const node = this.forest.statementAt(index);
    if (!node) return undefined;
    let t = this.tops.get(node.id);
    if (!t) this.tops.set(node.id, (t = { node, end: -1 }));
    return t;
  }

  /** The module statement holding `index` ([start, end) of its node), if any. */
  statementHolding(index: number): { start: number; end: number } | undefined {
    const top = this.topLevelAt(index);
    if (!top) return undefined;
    const end = this.endOf(top);
    return index < end ? { start: top.node.startIndex, end } : undefined;
  }

  private endOf(t: TopLevel): number {
    if (t.end < 0) t.end = t.node.endIndex;
    return t.end;
  }

  private scope(node: Node, kind: ScopeKind, parent: Scope, start: number, end: number): Scope {
    return new NodeScope(node, kind, parent, start, end, this.source);
  }

  /**
   * The smallest node spanning [start, end). Asked of the module statement holding the range
   * when there is one: tree-sitter would otherwise walk the module's statements one by one
   * from the first, and reach the same node through that statement (siblings never overlap).
   */
  nodeAt(start: number, end: number): Node | null {
    if (end > start) {
      const top = this.topLevelAt(start);
      if (top) {
        // A node below the statement spans the range only if the statement does; the statement
        // itself comes back both when it is the answer and when the range runs past its end.
        const found = top.node.descendantForIndex(start, end);
        if (found && found.id !== top.node.id) return found;
        if (end <= this.endOf(top)) return found;
      }
    }
    return this.forest.descendantForIndex(start, end);
  }

  /**
   * Does the text around `index` parse without syntax errors (the whole tree, or the run of
   * statements holding it)? Asked of the parser once per tree or run.
   */
  cleanAt(index: number): boolean {
    const forest = this.forest;
    if (forest.wholeTree) return (this.clean ??= !forest.root(0).hasError);
    const k = forest.chunkAt(index);
    return (this.cleanRuns[k] ??= forest.errorIn(k, true) === false);
  }

  private clean: boolean | undefined;
  private readonly cleanRuns: Array<boolean | undefined> = [];

  /** A node's parent, asked of the parser once per node (tree-sitter finds it descending from the root). */
  parentOf(node: Node): Node | null {
    let p = this.parents.get(node.id);
    if (p === undefined) this.parents.set(node.id, (p = node.parent));
    return p;
  }

  private readonly parents = new Map<number, Node | null>();

  /** The scope a node is evaluated in (a def's or lambda's own node counts as inside it). */
  of(node: Node): Scope {
    return this.at(node.startIndex);
  }

  /** The scope around a def/class/lambda node, not the one it opens. */
  enclosing(node: Node): Scope {
    const s = this.at(node.startIndex);
    return s.node.id === node.id ? s.parent ?? this.module : s;
  }
}

/**
 * The module's scope. Its node, should anything ask, is the first run's root: a getter of the class
 * (one function for all), not one of an object literal, whose function V8 keeps in its old generation
 * where it would hold the forest past the file (lazyAccessor.ts).
 */
class ModuleScope implements Scope {
  readonly id = 0;
  readonly kind: ScopeKind = 'module';
  readonly name = '';
  readonly parent = null;
  readonly start = 0;
  readonly end = Number.POSITIVE_INFINITY;
  constructor(private readonly forest: Forest) {}
  get node(): Node { return this.forest.root(0); }
}

/** A def's, class's, lambda's or comprehension's scope; its name is read from the tree when first asked. */
class NodeScope implements Scope {
  readonly id: number;
  private known: string | undefined;
  constructor(readonly node: Node, readonly kind: ScopeKind, readonly parent: Scope, readonly start: number, readonly end: number, private readonly source: string) {
    this.id = node.id;
  }

  get name(): string {
    if (this.known === undefined) {
      const n = this.kind === 'function' || this.kind === 'class' ? this.node.childForFieldName('name') : null;
      this.known = n ? this.source.slice(n.startIndex, n.endIndex) : '';
    }
    return this.known;
  }
}

const PATTERN_CONTAINERS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression',
  'list_splat_pattern', 'list_splat', 'expression_list']);
const PARAM_WRAPPERS = new Set(['typed_parameter', 'list_splat_pattern', 'dictionary_splat_pattern']);


export type NameRole =
  | { kind: 'reference' }
  /** Bound by the file: the scope node whose locals it joins. */
  | { kind: 'binding'; scopeOf: Node }
  /** Not a variable at all here (keyword argument name, import clause, global/nonlocal). */
  | { kind: 'ignore' };

/**
 * How an identifier (not an attribute's member name) is used at this spot (`parentOf` and `fieldOf`
 * may answer from a memo; `isFieldOf`, whether a child is its parent's field, from positions).
 */
export function nameRole(leaf: Node, parentOf: (n: Node) => Node | null = (n) => n.parent,
  fieldOf: (n: Node, field: string) => Node | null = (n, field) => n.childForFieldName(field),
  isFieldOf?: (parent: Node, field: string, child: Node) => boolean): NameRole {
  const isField = isFieldOf ?? ((parent: Node, field: string, child: Node) => fieldOf(parent, field)?.id === child.id);
  const parent = parentOf(leaf);
  if (!parent) return { kind: 'reference' };
  switch (parent.type) {
    case 'keyword_argument':
      return isField(parent, 'name', leaf) ? { kind: 'ignore' } : { kind: 'reference' };
    case 'function_definition':
    case 'class_definition':
      // `def relu(x):` binds relu in the scope around the def.
      return isField(parent, 'name', leaf) ? { kind: 'binding', scopeOf: parent } : { kind: 'reference' };
    case 'dotted_name':
    case 'aliased_import':
    case 'import_statement':
    case 'import_from_statement':
    case 'global_statement':
    case 'nonlocal_statement':
      return { kind: 'ignore' };
    case 'as_pattern_target':
      return { kind: 'binding', scopeOf: parent };
    case 'named_expression':
      return isField(parent, 'name', leaf) ? { kind: 'binding', scopeOf: parent } : { kind: 'reference' };
    case 'default_parameter':
    case 'typed_default_parameter':
      if (!isField(parent, 'name', leaf)) return { kind: 'reference' };
      return paramBinding(parent, parentOf);
    case 'parameters':
    case 'lambda_parameters':
      return { kind: 'binding', scopeOf: parent };
  }
  if (PARAM_WRAPPERS.has(parent.type)) {
    const grand = parentOf(parent)?.type;
    if (grand === 'parameters' || grand === 'lambda_parameters' || grand === 'typed_parameter') return paramBinding(parent, parentOf);
  }
  // Assignment-like targets, possibly inside tuple/list patterns.
  let child: Node = leaf;
  let cur: Node | null = parent;
  for (let i = 0; cur && i < 50 && PATTERN_CONTAINERS.has(cur.type); i++) { child = cur; cur = parentOf(cur); }
  if (cur) {
    if ((cur.type === 'assignment' || cur.type === 'augmented_assignment') && isField(cur, 'left', child)) return { kind: 'binding', scopeOf: cur };
    if ((cur.type === 'for_statement' || cur.type === 'for_in_clause') && isField(cur, 'left', child)) return { kind: 'binding', scopeOf: cur };
    if (cur.type === 'as_pattern_target') return { kind: 'binding', scopeOf: cur };
  }
  return { kind: 'reference' };
}

function paramBinding(node: Node, parentOf: (n: Node) => Node | null): NameRole {
  let cur: Node | null = node;
  for (let i = 0; cur && i < 5; i++) {
    if (cur.type === 'parameters' || cur.type === 'lambda_parameters') return { kind: 'binding', scopeOf: cur };
    cur = parentOf(cur);
  }
  return { kind: 'reference' };
}
