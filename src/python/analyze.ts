// Source text → the activation uses in it, with their literal parameters, role and loss.
import type { Node, Tree } from 'web-tree-sitter';
import type { ActivationSpec, SpellingKind } from '../catalog';
import { evaluateLiteral } from './literals';
import { readImports, type ImportEnv } from './imports';
import { resolvePath, tensorMethodNames, canonicalPath } from './names';
import { scanIdentifiers } from './scan';
import { Scopes, nameRole, type Scope } from './scopes';
import { roleOf, RoleContext } from './roles';
import type { ActivationUse, ImportBinding, LiteralValue, LossUse, SourceRange } from './types';

/** Bounds on work per file: a pathological file yields partial results, never a frozen host. */
export const MAX_CANDIDATES = 50_000;
export const MAX_USES = 10_000;
const MAX_CHAIN = 32;

/** A use before roles and losses are known, still holding its tree nodes. */
export interface PendingUse {
  use: ActivationUse;
  /** The call, or the reference expression when it is not called. */
  expr: Node;
  scope: Scope;
}

export interface TreeAnalysis {
  pending: PendingUse[];
  losses: LossUse[];
  imports: ImportBinding[];
  capped: boolean;
}

export function rangeOf(node: Node): SourceRange {
  const s = node.startPosition;
  const e = node.endPosition;
  return { line: s.row, column: s.column, endLine: e.row, endColumn: e.column };
}

const text = (source: string, n: Node) => source.slice(n.startIndex, n.endIndex);

function calledBy(node: Node): Node | null {
  const p = node.parent;
  return p && p.type === 'call' && p.childForFieldName('function')?.id === node.id ? p : null;
}

/** Maps a call's literal arguments onto PyTorch's parameter names via the catalog's argument order. */
function readArguments(call: Node, source: string, spec: ActivationSpec, order: readonly string[], skipFirst: boolean): { params: Record<string, LiteralValue>; runtime: string[] } {
  const params: Record<string, LiteralValue> = {};
  const runtime: string[] = [];
  const known = new Set(spec.params.map((p) => p.name));
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list') return { params, runtime };
  const put = (name: string, value: Node) => {
    if (!known.has(name)) return;
    const lit = evaluateLiteral(value, source);
    if (lit.ok) params[name] = lit.value;
    else if (!lit.none && !runtime.includes(name)) runtime.push(name);
  };
  let position = skipFirst ? -1 : 0;
  for (const arg of args.namedChildren) {
    if (!arg || arg.type === 'comment') continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name');
      const value = arg.childForFieldName('value');
      if (name && value) put(text(source, name), value);
    } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') {
      // Which parameters these fill is only known at run time.
      for (const p of spec.params) if (!(p.name in params) && !runtime.includes(p.name)) runtime.push(p.name);
      if (arg.type === 'list_splat') position = Number.POSITIVE_INFINITY;
    } else {
      if (position >= 0 && position < order.length) put(order[position]!, arg);
      position++;
    }
  }
  return { params, runtime };
}

/** Which names are visible where: the import table plus the file's own rebindings. */
class Visibility {
  /** name → scope ids that bind it (module scope binding = rebound everywhere). */
  private readonly bound = new Map<string, Set<number>>();
  readonly moduleBound = new Set<string>();
  constructor(private readonly env: ImportEnv) {}

  addBinding(name: string, scope: Scope): void {
    if (scope.kind === 'module') this.moduleBound.add(name);
    let s = this.bound.get(name);
    if (!s) this.bound.set(name, (s = new Set()));
    s.add(scope.id);
  }

  /** Does `name`, used in `scope`, still refer to the PyTorch object the import bound? */
  isTorch(name: string, scope: Scope): boolean {
    if (!this.env.torch.has(name) || this.env.moduleShadowed.has(name) || this.moduleBound.has(name)) return false;
    const ids = this.bound.get(name);
    if (!ids) return true;
    for (let s: Scope | null = scope, first = true; s; s = s.parent, first = false) {
      if (s.kind === 'class' && !first) continue; // class bodies do not reach into their methods
      if (ids.has(s.id)) return false;
    }
    return true;
  }
}

/** `x`, `logits`, `self.fc(x)` as written when short and on one line; `(…)` otherwise. */
function receiverSpelling(receiver: Node, source: string): string {
  if (receiver.endIndex - receiver.startIndex <= 40) {
    const t = text(source, receiver);
    if (!/[\r\n#]/.test(t)) return t;
  }
  return '(…)';
}

/** The first identifier of `a.b.c`, or null when the receiver is anything else (a call, a subscript…). */
function chainRoot(node: Node): Node | null {
  let cur: Node | null = node;
  for (let i = 0; cur && i < MAX_CHAIN; i++) {
    if (cur.type === 'identifier') return cur;
    if (cur.type !== 'attribute') return null;
    cur = cur.childForFieldName('object');
  }
  return null;
}

export function analyzeTree(tree: Tree, source: string, env: ImportEnv): TreeAnalysis {
  const root = tree.rootNode;
  const imports = readImports(tree, source, env);
  const scopes = new Scopes(source);
  const visibility = new Visibility(env);
  const methods = tensorMethodNames();

  const interesting = new Set<string>([...env.torch.keys(), ...methods]);
  const { found, capped } = scanIdentifiers(source, interesting, MAX_CANDIDATES);

  const references: Array<{ leaf: Node; name: string; scope: Scope }> = [];
  const methodCalls: Array<{ leaf: Node; name: string; attribute: Node; call: Node }> = [];

  for (const occ of found) {
    const leaf = root.descendantForIndex(occ.start, occ.start + occ.name.length);
    if (!leaf || leaf.type !== 'identifier' || leaf.startIndex !== occ.start || leaf.endIndex !== occ.start + occ.name.length) continue;
    const parent = leaf.parent;
    if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === leaf.id) {
      if (!methods.has(occ.name)) continue;
      const call = calledBy(parent);
      if (call) methodCalls.push({ leaf, name: occ.name, attribute: parent, call });
      continue;
    }
    if (!env.torch.has(occ.name)) continue;
    const role = nameRole(leaf);
    if (role.kind === 'ignore') continue;
    if (role.kind === 'binding') {
      const at = role.scopeOf;
      const scope = at.type === 'function_definition' || at.type === 'class_definition' ? scopes.enclosing(at) : scopes.of(at);
      visibility.addBinding(occ.name, scope);
      continue;
    }
    references.push({ leaf, name: occ.name, scope: scopes.of(leaf) });
  }
  for (const name of visibility.moduleBound) env.moduleShadowed.add(name);

  const pending: PendingUse[] = [];
  const losses: LossUse[] = [];
  const roles = new RoleContext(source, scopes);

  const makeUse = (spec: ActivationSpec, kind: SpellingKind, name: string, canonical: string, spelling: string,
    nameNode: Node, expr: Node, call: Node | null, order: readonly string[], skipFirst: boolean, scope: Scope) => {
    if (pending.length >= MAX_USES) return;
    const { params, runtime } = call ? readArguments(call, source, spec, order, skipFirst) : { params: {}, runtime: [] };
    const deprecation = spec.spellings.deprecated?.[`${kind}.${name}`];
    const use: ActivationUse = {
      id: spec.id, spelling, canonical, kind, isCall: call !== null,
      inPlace: name.endsWith('_') && !name.startsWith('_') || params.inplace === true,
      range: rangeOf(nameNode), params, runtimeParams: runtime, role: null, loss: null,
    };
    if (call) use.callRange = rangeOf(call);
    if (deprecation) use.deprecation = deprecation;
    pending.push({ use, expr, scope });
  };

  for (const ref of references) {
    if (!visibility.isTorch(ref.name, ref.scope)) continue;
    // Climb `F` → `F.relu` → … as long as we are the object of an attribute.
    const parts = [ref.name];
    let chain: Node = ref.leaf;
    let last: Node = ref.leaf;
    for (let i = 0; i < MAX_CHAIN; i++) {
      const p = chain.parent;
      if (!p || p.type !== 'attribute' || p.childForFieldName('object')?.id !== chain.id) break;
      const attr = p.childForFieldName('attribute');
      if (!attr) break;
      parts.push(text(source, attr));
      chain = p;
      last = attr;
    }
    const path = [env.torch.get(ref.name)!, ...parts.slice(1)].join('.');
    const resolved = resolvePath(path);
    const call = calledBy(chain);
    if (resolved.what === 'loss') {
      losses.push({ name: resolved.name, line: last.startPosition.row, column: last.startPosition.column });
    } else if (resolved.what === 'sequential') {
      if (call) roles.addSequential(call);
    } else if (resolved.what === 'activation') {
      const { spec, kind, name, canonical } = resolved;
      const order = kind === 'module' ? spec.spellings.module?.args ?? [] : kind === 'tensorMethod' ? spec.spellings.methodArgs : spec.spellings.functionalArgs;
      // torch.Tensor.relu(x) takes the tensor first, like the functional forms.
      makeUse(spec, kind, name, canonical, parts.join('.'), last, call ?? chain, call, order, kind !== 'module', ref.scope);
    }
  }

  for (const m of methodCalls) {
    const receiver = m.attribute.childForFieldName('object');
    if (!receiver) continue;
    const rootName = chainRoot(receiver);
    if (rootName) {
      const name = text(source, rootName);
      // Modules are not tensors: np.tanh, math.tanh, jax.nn.relu, torch.relu (read above), a rebound F.
      if (env.torch.has(name) || env.other.has(name)) continue;
      if (receiver.type === 'identifier' && (name === 'self' || name === 'cls')) continue;
    }
    const spec = resolvePath('torch.Tensor.' + m.name);
    if (spec.what !== 'activation') continue;
    const order = spec.spec.spellings.methodArgs;
    if (!methodArityFits(m.call, source, order, spec.spec)) continue;
    makeUse(spec.spec, 'tensorMethod', m.name, canonicalPath('tensorMethod', m.name), `${receiverSpelling(receiver, source)}.${m.name}`,
      m.leaf, m.call, m.call, order, false, scopes.of(m.call));
  }

  for (const p of pending) p.use.role = roleOf(p, roles);
  pending.sort((a, b) => a.use.range.line - b.use.range.line || a.use.range.column - b.use.range.column);
  return { pending, losses, imports, capped };
}

/**
 * A method call is only a Tensor method if PyTorch's signature admits its arguments:
 * `self.relu(x)` (a submodule) or `obj.tanh(a, b)` are something else.
 */
function methodArityFits(call: Node, source: string, order: readonly string[], spec: ActivationSpec): boolean {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list') return false;
  const allowed = new Set([...order, ...spec.spellings.functionalArgs, ...spec.params.map((p) => p.name)]);
  let positional = 0;
  for (const arg of args.namedChildren) {
    if (!arg || arg.type === 'comment') continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name');
      if (!name || !allowed.has(text(source, name))) return false;
    } else if (arg.type !== 'dictionary_splat' && arg.type !== 'list_splat') positional++;
  }
  return positional <= order.length;
}
