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
  name: string;
  parent: Scope | null;
}

const SCOPE_KINDS: Record<string, ScopeKind> = {
  module: 'module', function_definition: 'function', class_definition: 'class', lambda: 'lambda',
  list_comprehension: 'comprehension', set_comprehension: 'comprehension', dictionary_comprehension: 'comprehension',
  generator_expression: 'comprehension',
};

/** Climbing is bounded: pathological nesting (generated or binary text) must not stall a hover. */
const MAX_CLIMB = 400;

export class Scopes {
  private readonly memo = new Map<number, Scope>();
  constructor(private readonly source: string) {}

  /** The scope a node is evaluated in (for a scope node itself: the scope it opens). */
  of(node: Node): Scope {
    let cur: Node | null = node;
    for (let i = 0; cur && i < MAX_CLIMB; i++) {
      const kind = SCOPE_KINDS[cur.type];
      if (kind) return this.scopeFor(cur, kind);
      cur = cur.parent;
    }
    return this.scopeFor(node.tree.rootNode, 'module');
  }

  /** The scope a node sits in, not counting the scope it opens itself. */
  enclosing(node: Node): Scope {
    const p = node.parent;
    return p ? this.of(p) : this.scopeFor(node.tree.rootNode, 'module');
  }

  private scopeFor(node: Node, kind: ScopeKind): Scope {
    const hit = this.memo.get(node.id);
    if (hit) return hit;
    const nameNode = kind === 'function' || kind === 'class' ? node.childForFieldName('name') : null;
    const scope: Scope = {
      id: node.id, node, kind,
      name: nameNode ? this.source.slice(nameNode.startIndex, nameNode.endIndex) : '',
      parent: kind === 'module' ? null : this.enclosing(node),
    };
    this.memo.set(node.id, scope);
    return scope;
  }
}

const PATTERN_CONTAINERS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression',
  'list_splat_pattern', 'list_splat', 'expression_list']);
const PARAM_WRAPPERS = new Set(['typed_parameter', 'list_splat_pattern', 'dictionary_splat_pattern']);

const isField = (parent: Node, field: string, child: Node) => parent.childForFieldName(field)?.id === child.id;

export type NameRole =
  | { kind: 'reference' }
  /** Bound by the file: the scope node whose locals it joins. */
  | { kind: 'binding'; scopeOf: Node; opensOwnScope: boolean }
  /** Not a variable at all here (keyword argument name, import clause, global/nonlocal). */
  | { kind: 'ignore' };

/** How an identifier (not an attribute's member name) is used at this spot. */
export function nameRole(leaf: Node): NameRole {
  const parent = leaf.parent;
  if (!parent) return { kind: 'reference' };
  switch (parent.type) {
    case 'keyword_argument':
      return isField(parent, 'name', leaf) ? { kind: 'ignore' } : { kind: 'reference' };
    case 'function_definition':
    case 'class_definition':
      // `def relu(x):` binds relu in the scope around the def.
      return isField(parent, 'name', leaf) ? { kind: 'binding', scopeOf: parent, opensOwnScope: false } : { kind: 'reference' };
    case 'dotted_name':
    case 'aliased_import':
    case 'import_statement':
    case 'import_from_statement':
    case 'global_statement':
    case 'nonlocal_statement':
      return { kind: 'ignore' };
    case 'as_pattern_target':
      return { kind: 'binding', scopeOf: parent, opensOwnScope: false };
    case 'named_expression':
      return isField(parent, 'name', leaf) ? { kind: 'binding', scopeOf: parent, opensOwnScope: false } : { kind: 'reference' };
    case 'default_parameter':
    case 'typed_default_parameter':
      if (!isField(parent, 'name', leaf)) return { kind: 'reference' };
      return paramBinding(parent);
    case 'parameters':
    case 'lambda_parameters':
      return { kind: 'binding', scopeOf: parent, opensOwnScope: true };
  }
  if (PARAM_WRAPPERS.has(parent.type) && (parent.parent?.type === 'parameters' || parent.parent?.type === 'lambda_parameters' || parent.parent?.type === 'typed_parameter')) {
    return paramBinding(parent);
  }
  // Assignment-like targets, possibly inside tuple/list patterns.
  let child: Node = leaf;
  let cur: Node | null = parent;
  for (let i = 0; cur && i < 50 && PATTERN_CONTAINERS.has(cur.type); i++) { child = cur; cur = cur.parent; }
  if (cur) {
    if ((cur.type === 'assignment' || cur.type === 'augmented_assignment') && isField(cur, 'left', child)) return { kind: 'binding', scopeOf: cur, opensOwnScope: false };
    if ((cur.type === 'for_statement' || cur.type === 'for_in_clause') && isField(cur, 'left', child)) return { kind: 'binding', scopeOf: cur, opensOwnScope: false };
    if (cur.type === 'as_pattern_target') return { kind: 'binding', scopeOf: cur, opensOwnScope: false };
  }
  return { kind: 'reference' };
}

function paramBinding(node: Node): NameRole {
  let cur: Node | null = node;
  for (let i = 0; cur && i < 5; i++) {
    if (cur.type === 'parameters' || cur.type === 'lambda_parameters') return { kind: 'binding', scopeOf: cur, opensOwnScope: true };
    cur = cur.parent;
  }
  return { kind: 'reference' };
}
