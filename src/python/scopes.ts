// Python's scoping, as far as deciding whether a name still means what the import said:
// a name bound anywhere in a function (parameter, assignment, for target, def, with/except
// alias, walrus) is local to that whole function; class bodies do not reach into methods;
// lambdas and comprehensions are their own scopes.
import type { Node } from 'web-tree-sitter';

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

/**
 * Every scope of the file, found in one pass of the parser's own tree walk and nested by their
 * ranges, so that "which scope is this position in" is a binary search rather than a climb
 * through the tree (parent look-ups are costly in tree-sitter: they descend from the root).
 */
export class ScopeIndex {
  readonly module: Scope;
  private readonly sorted: Scope[] = [];

  constructor(root: Node, source: string) {
    this.module = { id: root.id, node: root, kind: 'module', name: '', parent: null, start: 0, end: Number.POSITIVE_INFINITY };
    const nodes = root.descendantsOfType(Object.keys(SCOPE_KINDS));
    const stack: Scope[] = [this.module];
    for (const node of nodes) {
      if (!node) continue;
      const start = node.startIndex;
      const end = node.endIndex;
      while (stack.length > 1 && stack[stack.length - 1]!.end <= start) stack.pop();
      const kind = SCOPE_KINDS[node.type]!;
      let name: string | undefined;
      const scope: Scope = {
        id: node.id, node, kind, parent: stack[stack.length - 1]!, start, end,
        get name() {
          if (name === undefined) {
            const n = kind === 'function' || kind === 'class' ? node.childForFieldName('name') : null;
            name = n ? source.slice(n.startIndex, n.endIndex) : '';
          }
          return name;
        },
      };
      this.sorted.push(scope);
      stack.push(scope);
    }
  }

  /** The innermost scope whose node contains the position. */
  at(index: number): Scope {
    let lo = 0;
    let hi = this.sorted.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]!.start <= index) { best = mid; lo = mid + 1; } else hi = mid - 1;
    }
    for (let s: Scope | null = best >= 0 ? this.sorted[best]! : this.module; s; s = s.parent) {
      if (s.start <= index && index < s.end) return s;
    }
    return this.module;
  }

  /** The smallest node spanning [start, end). */
  nodeAt(start: number, end: number): Node | null {
    return this.module.node.descendantForIndex(start, end);
  }

  /** A node's parent (kept here so callers have one place to ask). */
  parentOf(node: Node): Node | null {
    return node.parent;
  }

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

const PATTERN_CONTAINERS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression',
  'list_splat_pattern', 'list_splat', 'expression_list']);
const PARAM_WRAPPERS = new Set(['typed_parameter', 'list_splat_pattern', 'dictionary_splat_pattern']);

const isField = (parent: Node, field: string, child: Node) => parent.childForFieldName(field)?.id === child.id;

export type NameRole =
  | { kind: 'reference' }
  /** Bound by the file: the scope node whose locals it joins. */
  | { kind: 'binding'; scopeOf: Node }
  /** Not a variable at all here (keyword argument name, import clause, global/nonlocal). */
  | { kind: 'ignore' };

/** How an identifier (not an attribute's member name) is used at this spot. */
export function nameRole(leaf: Node, parentOf: (n: Node) => Node | null = (n) => n.parent): NameRole {
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
