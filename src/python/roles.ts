// Is this activation a hidden layer or the output layer? Read from the places PyTorch code
// says so: the last module of an nn.Sequential, what `forward` returns, a head named like one.
import type { Node } from 'web-tree-sitter';
import type { Role } from './types';
import type { Scopes, Scope } from './scopes';

const HEAD_WORDS = new Set(['out', 'output', 'outputs', 'head', 'heads', 'classifier', 'final', 'logits', 'logit', 'pred', 'preds',
  'predict', 'prediction', 'predictions', 'predictor', 'readout', 'decision']);
const HIDDEN_WORDS = new Set(['hidden', 'feature', 'features', 'encoder', 'backbone', 'trunk', 'stem', 'body', 'block', 'blocks',
  'embed', 'embedding', 'conv', 'convs', 'extractor', 'layer', 'inner', 'intermediate', 'mid', 'middle']);

/** Words of an identifier: `fc_out` → fc, out; `outputLayer` → output, layer; `layer3` → layer. */
export function nameWords(name: string): string[] {
  return name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z]+/).filter(Boolean);
}
export const looksLikeHead = (name: string) => nameWords(name).some((w) => HEAD_WORDS.has(w));
export const looksHidden = (name: string) => nameWords(name).some((w) => HIDDEN_WORDS.has(w));

const MAX_FORWARD_CHARS = 200_000;

interface ForwardInfo {
  /** Ids of the call nodes whose value the function returns (directly or via the returned variable). */
  finals: Set<number>;
  /** `self.X` whose call result is returned. */
  outputAttrs: Set<string>;
  /** `self.X` called anywhere in forward. */
  usedAttrs: Set<string>;
}

function upParens(node: Node): Node {
  let cur = node;
  for (let i = 0; i < 50 && cur.parent?.type === 'parenthesized_expression'; i++) cur = cur.parent;
  return cur;
}
function downParens(node: Node): Node {
  let cur = node;
  for (let i = 0; i < 50 && cur.type === 'parenthesized_expression' && cur.namedChildCount >= 1; i++) cur = cur.namedChild(0)!;
  return cur;
}
const elements = (node: Node) => node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');

export class RoleContext {
  private readonly sequentials = new Set<number>();
  /** `nn.Sequential(*layers)`: variable name → whether `*layers` is the Sequential's last argument, and the call. */
  private readonly splats = new Map<string, Array<{ call: Node; last: boolean }>>();
  private readonly forwards = new Map<number, ForwardInfo>();

  constructor(private readonly source: string, private readonly scopes: Scopes) {}

  private text(n: Node): string {
    return this.source.slice(n.startIndex, n.endIndex);
  }

  addSequential(call: Node): void {
    this.sequentials.add(call.id);
    const args = call.childForFieldName('arguments');
    if (!args) return;
    const positional = elements(args).filter((a) => a.type !== 'keyword_argument');
    positional.forEach((a, i) => {
      const v = a.type === 'list_splat' ? a.namedChild(0) : null;
      if (v?.type !== 'identifier') return;
      const name = this.text(v);
      const list = this.splats.get(name) ?? [];
      list.push({ call, last: i === positional.length - 1 });
      this.splats.set(name, list);
    });
  }

  /** Role from nn.Sequential membership, or null when the node is not a Sequential's member. */
  sequentialRole(expr: Node, depth = 0): Role | null {
    if (depth > 8 || this.sequentials.size === 0) return null;
    const node = upParens(expr);
    const parent = node.parent;
    if (!parent) return null;
    if (parent.type === 'argument_list') {
      const call = parent.parent;
      if (!call || !this.sequentials.has(call.id)) return null;
      const positional = elements(parent).filter((a) => a.type !== 'keyword_argument');
      return positional[positional.length - 1]?.id === node.id ? this.sequenceEnd(call, depth) : 'hidden';
    }
    if (parent.type === 'list' || parent.type === 'tuple') {
      const items = elements(parent);
      const isLast = items[items.length - 1]?.id === node.id;
      const container = upParens(parent);
      const holder = container.parent;
      if (holder?.type === 'list_splat' && holder.parent?.type === 'argument_list') {
        const call = holder.parent.parent;
        if (!call || !this.sequentials.has(call.id)) return null;
        const positional = elements(holder.parent).filter((a) => a.type !== 'keyword_argument');
        return isLast && positional[positional.length - 1]?.id === holder.id ? this.sequenceEnd(call, depth) : 'hidden';
      }
      if (holder?.type === 'assignment' && holder.childForFieldName('right')?.id === container.id) {
        const left = holder.childForFieldName('left');
        const uses = left?.type === 'identifier' ? this.splats.get(this.text(left)) : undefined;
        if (!uses) return null;
        const u = uses[0]!;
        return isLast && u.last ? this.sequenceEnd(u.call, depth) : 'hidden';
      }
    }
    return null;
  }

  /** The last module of a Sequential is the model's output unless that Sequential is itself a part. */
  private sequenceEnd(call: Node, depth: number): Role {
    const outer = this.sequentialRole(call, depth + 1);
    if (outer) return outer;
    const target = this.targetOf(call);
    if (target) {
      if (looksLikeHead(target.name)) return 'output';
      if (looksHidden(target.name)) return 'hidden';
      if (target.selfAttr) {
        const r = this.attributeRole(this.scopes.of(call), target.name);
        if (r) return r;
      }
    }
    return 'output';
  }

  /** The name an expression is stored under: `self.out = …`, `head = …`, `act=…`. */
  targetOf(expr: Node): { name: string; selfAttr: boolean } | null {
    const node = upParens(expr);
    const p = node.parent;
    if (!p) return null;
    if (p.type === 'assignment' && p.childForFieldName('right')?.id === node.id) {
      const left = p.childForFieldName('left');
      if (left?.type === 'identifier') return { name: this.text(left), selfAttr: false };
      if (left?.type === 'attribute') {
        const obj = left.childForFieldName('object');
        const attr = left.childForFieldName('attribute');
        if (attr) return { name: this.text(attr), selfAttr: obj?.type === 'identifier' && this.text(obj) === 'self' };
      }
      return null;
    }
    if (p.type === 'keyword_argument' && p.childForFieldName('value')?.id === node.id) {
      const name = p.childForFieldName('name');
      return name ? { name: this.text(name), selfAttr: false } : null;
    }
    return null;
  }

  /** `self.X` set in __init__: output if forward returns `self.X(…)`, hidden if forward calls it otherwise. */
  attributeRole(scope: Scope, attr: string): Role | null {
    let cls: Scope | null = scope;
    while (cls && cls.kind !== 'class') cls = cls.parent;
    if (!cls) return null;
    const forward = findMethod(cls.node, 'forward', this.source);
    if (!forward) return null;
    const info = this.forwardInfo(forward);
    if (info.outputAttrs.has(attr)) return 'output';
    if (info.usedAttrs.has(attr)) return 'hidden';
    return null;
  }

  /** The `forward` method a scope belongs to (lambdas, comprehensions and local functions included). */
  forwardOf(scope: Scope): Node | null {
    for (let s: Scope | null = scope; s && s.kind !== 'class' && s.kind !== 'module'; s = s.parent) {
      if (s.kind === 'function' && s.name === 'forward') return s.node;
    }
    return null;
  }

  forwardInfo(fn: Node): ForwardInfo {
    const hit = this.forwards.get(fn.id);
    if (hit) return hit;
    const info: ForwardInfo = { finals: new Set(), outputAttrs: new Set(), usedAttrs: new Set() };
    this.forwards.set(fn.id, info);
    const body = fn.childForFieldName('body');
    if (!body || body.endIndex - body.startIndex > MAX_FORWARD_CHARS) return info;
    const assigned = new Map<string, Array<{ at: number; value: Node }>>();
    const returns: Node[] = [];
    for (const n of body.descendantsOfType(['return_statement', 'assignment', 'call'])) {
      if (!n) continue;
      if (n.type === 'return_statement') returns.push(n);
      else if (n.type === 'assignment') {
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        if (left?.type === 'identifier' && right) {
          const name = this.text(left);
          const list = assigned.get(name) ?? [];
          list.push({ at: n.startIndex, value: right });
          assigned.set(name, list);
        }
      } else {
        const attr = this.selfAttribute(n);
        if (attr) info.usedAttrs.add(attr);
      }
    }
    const collect = (e: Node, before: number, depth: number): void => {
      const v = downParens(e);
      if (v.type === 'expression_list' || v.type === 'tuple') { for (const item of elements(v)) collect(item, before, depth); return; }
      if (v.type === 'call') {
        info.finals.add(v.id);
        const attr = this.selfAttribute(v);
        if (attr) info.outputAttrs.add(attr);
        return;
      }
      if (v.type === 'identifier' && depth < 4) {
        const list = assigned.get(this.text(v));
        let lastBefore: { at: number; value: Node } | undefined;
        for (const a of list ?? []) if (a.at < before && (!lastBefore || a.at > lastBefore.at)) lastBefore = a;
        if (lastBefore) collect(lastBefore.value, lastBefore.at, depth + 1);
      }
    };
    for (const r of returns) {
      const value = r.namedChild(0);
      if (value) collect(value, r.startIndex, 0);
    }
    return info;
  }

  private selfAttribute(call: Node): string | null {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute') return null;
    const obj = fn.childForFieldName('object');
    const attr = fn.childForFieldName('attribute');
    return obj?.type === 'identifier' && attr && this.text(obj) === 'self' ? this.text(attr) : null;
  }
}

function findMethod(cls: Node, name: string, source: string): Node | null {
  const body = cls.childForFieldName('body');
  if (!body) return null;
  for (const child of body.namedChildren) {
    const def = child?.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
    if (def?.type !== 'function_definition') continue;
    const n = def.childForFieldName('name');
    if (n && source.slice(n.startIndex, n.endIndex) === name) return def;
  }
  return null;
}

/** The role of one activation use. */
export function roleOf(p: { expr: Node; scope: Scope }, ctx: RoleContext): Role | null {
  const seq = ctx.sequentialRole(p.expr);
  if (seq) return seq;
  const target = ctx.targetOf(p.expr);
  if (target) {
    if (looksLikeHead(target.name)) return 'output';
    if (looksHidden(target.name)) return 'hidden';
    if (target.selfAttr) {
      const r = ctx.attributeRole(p.scope, target.name);
      if (r) return r;
    }
  }
  const forward = ctx.forwardOf(p.scope);
  if (forward) return ctx.forwardInfo(forward).finals.has(p.expr.id) ? 'output' : 'hidden';
  return null;
}
