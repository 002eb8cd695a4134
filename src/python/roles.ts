// Is this activation a hidden layer or the output layer? Read from the places PyTorch code
// says so: the last module of an nn.Sequential, what `forward` returns, a head named like one.
import type { Node } from 'web-tree-sitter';
import type { Role } from './types';
import { prevNonSpace, nextNonSpace, isIdentPart } from './scan';
import type { ScopeIndex, Scope } from './scopes';

const HEAD_WORDS = new Set(['out', 'output', 'outputs', 'head', 'heads', 'classifier', 'final', 'logits', 'logit', 'pred', 'preds',
  'predict', 'prediction', 'predictions', 'predictor', 'readout', 'decision']);
const HIDDEN_WORDS = new Set(['hidden', 'feature', 'features', 'encoder', 'backbone', 'trunk', 'stem', 'body', 'block', 'blocks',
  'embed', 'embedding', 'conv', 'convs', 'extractor', 'layer', 'inner', 'intermediate', 'mid', 'middle',
  'enc', 'latent', 'bottleneck', 'residual', 'unit', 'cell', 'stage', 'attention', 'attn', 'feedforward', 'ffn', 'sublayer', 'downsample', 'upsample']);


/** Words of an identifier: `fc_out` → fc, out; `outputLayer` → output, layer; `layer3` → layer. */
export function nameWords(name: string): string[] {
  return name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z]+/).filter(Boolean);
}
export const looksLikeHead = (name: string) => nameWords(name).some((w) => HEAD_WORDS.has(w));
export const looksHidden = (name: string) => nameWords(name).some((w) => HIDDEN_WORDS.has(w));

const MAX_FORWARD_CHARS = 200_000;
/** Tensor methods that change only the shape or layout: the values returned are the receiver's. */
const SHAPE_METHODS = new Set(['view', 'reshape', 'squeeze', 'unsqueeze', 'flatten', 'contiguous', 'permute', 'transpose', 'view_as', 'reshape_as',
  'expand', 'expand_as', 'clone', 'float', 'double', 'half', 'to', 'cpu', 'cuda', 't', 'mT']);

interface ForwardInfo {
  /** Ids of the call nodes whose value the function returns (directly or via the returned variable). */
  finals: Set<number>;
  /** `self.X` whose call result is returned. */
  outputAttrs: Set<string>;
  body: Node | null;
  /** `self.X` known to be called in forward (filled on demand). */
  called: Map<string, boolean>;
}

function downParens(node: Node): Node {
  let cur = node;
  for (let i = 0; i < 50 && cur.type === 'parenthesized_expression' && cur.namedChildCount >= 1; i++) cur = cur.namedChild(0)!;
  return cur;
}
interface Element { node: Node; type: string }
/** Named children but comments, with their types read once (each read is a call into the parser). */
function typedElements(node: Node): Element[] {
  const out: Element[] = [];
  for (const c of node.namedChildren) {
    if (!c) continue;
    const type = c.type;
    if (type !== 'comment') out.push({ node: c, type });
  }
  return out;
}
const elements = (node: Node) => typedElements(node).map((e) => e.node);
const positionalOf = (node: Node) => typedElements(node).filter((e) => e.type !== 'keyword_argument').map((e) => e.node);

/** Where the text names nn.Sequential; `verify` asks the tree whether it is called there (memoised). */
export interface SequentialProposal {
  start: number;
  verify: () => Node | null;
}

export class RoleContext {
  /** Proposed Sequential calls by where they start (a call starts where its function does). */
  private readonly proposals = new Map<number, Array<{ p: SequentialProposal; call?: Node | null }>>();
  private readonly order: Array<{ p: SequentialProposal; call?: Node | null }> = [];
  /** `nn.Sequential(*layers)`: variable name → whether `*layers` is the Sequential's last argument, and the call (once every proposal was checked). */
  private splatTable: Map<string, Array<{ call: Node; last: boolean }>> | undefined;
  private readonly forwards = new Map<number, ForwardInfo>();
  private readonly ends = new Map<number, Role>();
  private readonly methods = new Map<number, Node | null>();
  private readonly positionals = new Map<number, Node[]>();
  /** Parent look-ups descend from the root in tree-sitter: remember the ones made. */
  private readonly parents = new Map<number, Node | null>();

  constructor(private readonly source: string, private readonly scopes: ScopeIndex) {}

  /**
   * The node around `node` that holds the punctuation written just before it (`=`, `,`, `(`, `[`…):
   * its parent when `node` is an argument, element or assigned value. Callers check that `node`
   * is indeed a direct child. Cheaper than a parent look-up, which descends from the root.
   */
  parentOf(node: Node): Node | null {
    let p = this.parents.get(node.id);
    if (p !== undefined) return p;
    const i = prevNonSpace(this.source, node.startIndex);
    const c = i >= 0 ? this.source[i] : '';
    p = c === '=' || c === ',' || c === '(' || c === '[' || c === '{' ? this.scopes.nodeAt(i, node.endIndex) : this.scopes.parentOf(node);
    this.parents.set(node.id, p);
    return p;
  }

  /** Climbs out of parentheses: `(nn.ReLU())` is the argument, not `nn.ReLU()`. */
  upParens(node: Node): Node {
    let cur = node;
    for (let i = 0; i < 50; i++) {
      const p = this.parentOf(cur);
      if (p?.type !== 'parenthesized_expression' || p.namedChildCount !== 1 || p.namedChild(0)?.id !== cur.id) break;
      cur = p;
    }
    return cur;
  }

  /**
   * Could this expression be an argument, a list element or the value of an assignment? Only
   * then is its parent worth asking the tree for: after an operator, `return` or `:` it is not.
   */
  mayBeStored(expr: Node): boolean {
    const i = prevNonSpace(this.source, expr.startIndex);
    if (i < 0) return true;
    const c = this.source[i];
    return c === '=' || c === ',' || c === '(' || c === '[' || c === '{' || c === '\n' || c === '\r';
  }

  private text(n: Node): string {
    return this.source.slice(n.startIndex, n.endIndex);
  }

  /**
   * A place the text names nn.Sequential. It is checked against the tree only when a role needs
   * to know whether some call is a Sequential (a file may name many, a hover asks about one).
   */
  proposeSequential(p: SequentialProposal): void {
    const entry = { p };
    this.order.push(entry);
    const list = this.proposals.get(p.start);
    if (list) list.push(entry);
    else this.proposals.set(p.start, [entry]);
  }

  private checked(entry: { p: SequentialProposal; call?: Node | null }): Node | null {
    if (entry.call === undefined) entry.call = entry.p.verify();
    return entry.call;
  }

  private isSequential(call: Node): boolean {
    const list = this.proposals.get(call.startIndex);
    if (!list) return false;
    for (const entry of list) if (this.checked(entry)?.id === call.id) return true;
    return false;
  }

  /** The `*name` arguments of every Sequential (all proposals checked, in the file's order). */
  private splats(): Map<string, Array<{ call: Node; last: boolean }>> {
    if (this.splatTable) return this.splatTable;
    const table = new Map<string, Array<{ call: Node; last: boolean }>>();
    for (const entry of this.order) {
      const call = this.checked(entry);
      // Only `*name` arguments are remembered: without a `*` in its text a call has none, and its
      // arguments need not be read (a file has as many Sequentials as models).
      if (!call || !this.source.slice(call.startIndex, call.endIndex).includes('*')) continue;
      const args = call.childForFieldName('arguments');
      if (!args) continue;
      const positional = typedElements(args).filter((e) => e.type !== 'keyword_argument');
      positional.forEach(({ node: a, type }, i) => {
        const v = type === 'list_splat' ? a.namedChild(0) : null;
        if (v?.type !== 'identifier') return;
        const name = this.text(v);
        const list = table.get(name) ?? [];
        list.push({ call, last: i === positional.length - 1 });
        table.set(name, list);
      });
    }
    return (this.splatTable = table);
  }

  /** Role from nn.Sequential membership, or null when the node is not a Sequential's member. */
  sequentialRole(expr: Node, depth = 0): Role | null {
    if (depth > 8 || this.order.length === 0) return null;
    const node = this.upParens(expr);
    const parent = this.parentOf(node);
    if (!parent) return null;
    if (parent.type === 'argument_list') {
      const call = this.parentOf(parent);
      if (call && !this.isSequential(call)) return this.appendedRole(call, node, depth);
      if (!call) return null;
      const positional = this.positional(parent);
      if (!positional.some((a) => a.id === node.id)) return null;
      return positional[positional.length - 1]?.id === node.id ? this.sequenceEnd(call, depth) : 'hidden';
    }
    if (parent.type === 'list' || parent.type === 'tuple') {
      const items = this.positional(parent);
      if (!items.some((a) => a.id === node.id)) return null;
      const isLast = items[items.length - 1]?.id === node.id;
      const container = this.upParens(parent);
      const holder = this.parentOf(container);
      const args = holder?.type === 'list_splat' ? this.parentOf(holder) : null;
      if (holder && args?.type === 'argument_list') {
        const call = this.parentOf(args);
        if (!call || !this.isSequential(call)) return null;
        const positional = this.positional(args);
        return isLast && positional[positional.length - 1]?.id === holder.id ? this.sequenceEnd(call, depth) : 'hidden';
      }
      if (parent.type === 'tuple' && holder?.type === 'list') return this.orderedDictRole(holder, container, isLast, depth);
      if (holder?.type === 'assignment' && holder.childForFieldName('right')?.id === container.id) {
        const left = holder.childForFieldName('left');
        const uses = left?.type === 'identifier' ? this.splats().get(this.text(left)) : undefined;
        if (!uses) return null;
        const u = uses[0]!;
        return isLast && u.last ? this.sequenceEnd(u.call, depth) : 'hidden';
      }
    }
    return null;
  }

  /** `nn.Sequential(OrderedDict([('fc', nn.Linear(…)), ('act', nn.ReLU())]))`: named members. */
  private orderedDictRole(list: Node, pair: Node, isSecond: boolean, depth: number): Role | null {
    if (!isSecond) return null;
    const args = this.parentOf(this.upParens(list));
    const dict = args?.type === 'argument_list' ? this.parentOf(args) : null;
    const fn = dict?.type === 'call' ? dict.childForFieldName('function') : null;
    if (!dict || !fn || !this.text(fn).endsWith('OrderedDict')) return null;
    const seqArgs = this.parentOf(dict);
    const seq = seqArgs?.type === 'argument_list' ? this.parentOf(seqArgs) : null;
    if (!seq || !this.isSequential(seq)) return null;
    const pairs = this.positional(list);
    return pairs[pairs.length - 1]?.id === pair.id ? this.sequenceEnd(seq, depth) : 'hidden';
  }

  /**
   * `layers.append(nn.ReLU())` … `nn.Sequential(*layers)`: the module appended last (outside a
   * loop) ends the Sequential; the others, and anything appended in a loop, are hidden.
   */
  private appendedRole(call: Node, node: Node, depth: number): Role | null {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute') return null;
    const obj = fn.childForFieldName('object');
    const method = fn.childForFieldName('attribute');
    if (obj?.type !== 'identifier' || !method || this.text(method) !== 'append') return null;
    const name = this.text(obj);
    const target = this.splats().get(name)?.[0];
    if (!target || this.positional(call.childForFieldName('arguments')!)[0]?.id !== node.id) return null;
    // The last `name.append(` written before the Sequential, as the tree confirms it.
    let last = -1;
    for (let i = this.source.lastIndexOf(name + '.append(', target.call.startIndex); i >= 0; i = this.source.lastIndexOf(name + '.append(', i - 1)) {
      const n = this.scopes.nodeAt(i, i + name.length + 8);
      if (n?.type === 'call' && n.startIndex === i) { last = i; break; }
      if (i === 0) break;
    }
    if (last !== call.startIndex || !target.last) return 'hidden';
    for (let p = this.parentOf(call), i = 0; p && i < 64; p = this.parentOf(p), i++) {
      const t = p.type;
      if (t === 'for_statement' || t === 'while_statement') return 'hidden';
      if (t === 'function_definition' || t === 'module') break;
    }
    return this.sequenceEnd(target.call, depth);
  }

  /** Arguments but keyword ones, list or tuple items: computed once per container. */
  private positional(node: Node): Node[] {
    let p = this.positionals.get(node.id);
    if (!p) this.positionals.set(node.id, (p = positionalOf(node)));
    return p;
  }

  /** The last module of a Sequential is the model's output unless that Sequential is itself a part. */
  private sequenceEnd(call: Node, depth: number): Role {
    let r = this.ends.get(call.id);
    if (!r) this.ends.set(call.id, (r = this.sequenceEndOf(call, depth)));
    return r;
  }

  private sequenceEndOf(call: Node, depth: number): Role {
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
    // `return nn.Sequential(…)` from a function: a model if it builds one, a part if it builds blocks.
    const p = this.parentOf(this.upParens(call));
    if (p?.type === 'return_statement') {
      const fn = this.scopes.of(call);
      if (fn.kind === 'function' && fn.name !== 'forward') return this.returnedRole(fn);
    }
    return 'output';
  }

  private readonly partOf = new Map<number, boolean>();

  /**
   * The role of what a model's `forward` (or a function building a model) returns: the output,
   * unless the class or function is a building block of a bigger model: named like one (a
   * BasicBlock, an EncoderLayer, conv_block), or used as a part of another module (called in
   * another class's body, or inside an nn.Sequential). A head (Classifier) stays an output.
   */
  returnedRole(scope: Scope): Role {
    let owner: Scope | null = scope;
    while (owner && owner.kind !== 'class' && !(owner.kind === 'function' && owner.parent?.kind === 'module')) owner = owner.parent;
    if (!owner) return 'output';
    const name = owner.name;
    if (looksLikeHead(name)) return 'output';
    if (looksHidden(name)) return 'hidden';
    let part = this.partOf.get(owner.id);
    if (part === undefined) this.partOf.set(owner.id, (part = this.usedAsPart(owner)));
    return part ? 'hidden' : 'output';
  }

  /** Is `owner` (a class, or a module-level function) called inside another class, or as an argument of an nn.Sequential? */
  private usedAsPart(owner: Scope): boolean {
    const name = owner.name;
    if (!name) return false;
    const src = this.source;
    let checked = 0;
    for (let i = src.indexOf(name); i >= 0 && checked < 200; i = src.indexOf(name, i + name.length)) {
      if (i >= owner.start && i < owner.end) continue;
      const before = i > 0 ? src.charCodeAt(i - 1) : 32;
      if (isIdentPart(before) || before === 46 /* . */ || isIdentPart(src.charCodeAt(i + name.length))) continue;
      if (src.charCodeAt(nextNonSpace(src, i + name.length)) !== 40 /* ( */) continue;
      checked++;
      const id = this.scopes.nodeAt(i, i + name.length);
      if (id?.type !== 'identifier' || id.startIndex !== i) continue;
      const call = this.scopes.parentOf(id);
      if (call?.type !== 'call' || call.childForFieldName('function')?.id !== id.id) continue;
      for (let s: Scope | null = this.scopes.of(call); s; s = s.parent) if (s.kind === 'class' && s.id !== owner.id) return true;
      const args = this.parentOf(this.upParens(call));
      const outer = args?.type === 'argument_list' ? this.parentOf(args) : null;
      if (outer?.type === 'call' && this.isSequential(outer)) return true;
    }
    return false;
  }

  /** The name an expression is stored under: `self.out = …`, `head = …`, `act=…`. */
  targetOf(expr: Node): { name: string; selfAttr: boolean } | null {
    const node = this.upParens(expr);
    const p = this.parentOf(node);
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
    let forward = this.methods.get(cls.id);
    if (forward === undefined) this.methods.set(cls.id, (forward = findMethod(cls.node, 'forward', this.source)));
    if (!forward) return null;
    const info = this.forwardInfo(forward);
    if (info.outputAttrs.has(attr)) return this.returnedRole(cls);
    if (this.forwardCalls(info, attr)) return 'hidden';
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
    const body = fn.childForFieldName('body');
    const info: ForwardInfo = { finals: new Set(), outputAttrs: new Set(), body, called: new Map() };
    this.forwards.set(fn.id, info);
    if (!body || body.endIndex - body.startIndex > MAX_FORWARD_CHARS) return info;
    let assignments: Node[] | undefined;
    /** The value last assigned to `name` before `before`: `x = torch.softmax(x, 1)` then `return x`. */
    const lastAssigned = (name: string, before: number): Node | null => {
      assignments ??= body.descendantsOfType('assignment').filter((a): a is Node => !!a);
      let best: Node | null = null;
      for (const a of assignments) {
        if (a.startIndex >= before || (best && a.startIndex < best.startIndex)) continue;
        // `name =` or `name: T =` as written: only those are worth asking the tree about.
        const after = nextNonSpace(this.source, a.startIndex + name.length);
        if (!this.source.startsWith(name, a.startIndex) || (this.source[after] !== '=' && this.source[after] !== ':')) continue;
        if (a.childForFieldName('left')?.type === 'identifier') best = a;
      }
      return best?.childForFieldName('right') ?? null;
    };
    const collect = (e: Node, before: number, depth: number): void => {
      const v = downParens(e);
      if (v.type === 'expression_list' || v.type === 'tuple') { for (const item of elements(v)) collect(item, before, depth); return; }
      if (v.type === 'call') {
        info.finals.add(v.id);
        const attr = this.selfAttribute(v);
        if (attr) info.outputAttrs.add(attr);
        // `self.main(x).view(-1, 1).squeeze(1)`: methods that only reshape return the same values.
        const fn = v.childForFieldName('function');
        const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute') : null;
        const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
        if (receiver && method && SHAPE_METHODS.has(this.text(method)) && depth < 8) collect(receiver, before, depth + 1);
        return;
      }
      if (v.type === 'identifier' && depth < 4) {
        const value = lastAssigned(this.text(v), before);
        if (value) collect(value, value.startIndex, depth + 1);
      }
    };
    for (const r of body.descendantsOfType('return_statement')) {
      const value = r?.namedChild(0);
      if (r && value) collect(value, r.startIndex, 0);
    }
    return info;
  }

  /** Does forward call `self.<attr>(…)` anywhere? Found in its text, confirmed by the tree. */
  private forwardCalls(info: ForwardInfo, attr: string): boolean {
    const known = info.called.get(attr);
    if (known !== undefined) return known;
    let result = false;
    const body = info.body;
    if (body) {
      const end = body.endIndex;
      for (let i = this.source.indexOf(attr, body.startIndex); i >= 0 && i < end && !result; i = this.source.indexOf(attr, i + 1)) {
        const dot = prevNonSpace(this.source, i);
        const call = nextNonSpace(this.source, i + attr.length);
        if (this.source[dot] !== '.' || this.source[call] !== '(' || !this.source.startsWith('self', prevNonSpace(this.source, dot) - 3)) continue;
        const node = this.scopes.nodeAt(prevNonSpace(this.source, dot) - 3, call + 1);
        result = node?.type === 'call' && this.selfAttribute(node) === attr;
      }
    }
    info.called.set(attr, result);
    return result;
  }

  /** The calls `self.<attr>(…)` in the forward of the class around `scope` (at most 16). */
  selfCallsInForward(scope: Scope, attr: string): Node[] {
    let cls: Scope | null = scope;
    while (cls && cls.kind !== 'class') cls = cls.parent;
    if (!cls) return [];
    let forward = this.methods.get(cls.id);
    if (forward === undefined) this.methods.set(cls.id, (forward = findMethod(cls.node, 'forward', this.source)));
    const body = forward?.childForFieldName('body');
    if (!body) return [];
    const out: Node[] = [];
    const end = body.endIndex;
    for (let i = this.source.indexOf(attr, body.startIndex); i >= 0 && i < end && out.length < 16; i = this.source.indexOf(attr, i + 1)) {
      const dot = prevNonSpace(this.source, i);
      const paren = nextNonSpace(this.source, i + attr.length);
      if (this.source[dot] !== '.' || this.source[paren] !== '(' || !this.source.startsWith('self', prevNonSpace(this.source, dot) - 3)) continue;
      const node = this.scopes.nodeAt(prevNonSpace(this.source, dot) - 3, paren + 1);
      if (node?.type === 'call' && this.selfAttribute(node) === attr) out.push(node);
    }
    return out;
  }

  /** The nn.Sequential call `expr` is the last module of (its value is the Sequential's), if any. */
  sequentialAround(expr: Node): Node | null {
    const node = this.upParens(expr);
    const args = this.parentOf(node);
    const call = args?.type === 'argument_list' ? this.parentOf(args) : null;
    if (call?.type !== 'call' || !this.isSequential(call)) return null;
    const positional = this.positional(args!);
    return positional[positional.length - 1]?.id === node.id ? call : null;
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
    const type = child?.type;
    const def = type === 'decorated_definition' ? child!.childForFieldName('definition') : type === 'function_definition' ? child : null;
    if (!def) continue;
    const n = def.childForFieldName('name');
    if (n && source.slice(n.startIndex, n.endIndex) === name) return def;
  }
  return null;
}

/** The role of one activation use. */
export function roleOf(p: { expr: Node; scope: Scope }, ctx: RoleContext): Role | null {
  const stored = ctx.mayBeStored(p.expr);
  const seq = stored ? ctx.sequentialRole(p.expr) : null;
  if (seq) return seq;
  const target = stored ? ctx.targetOf(p.expr) : null;
  if (target) {
    if (looksLikeHead(target.name)) return 'output';
    if (looksHidden(target.name)) return 'hidden';
    if (target.selfAttr) {
      const r = ctx.attributeRole(p.scope, target.name);
      if (r) return r;
    }
  }
  const forward = ctx.forwardOf(p.scope);
  if (forward) return ctx.forwardInfo(forward).finals.has(p.expr.id) ? ctx.returnedRole(p.scope) : 'hidden';
  return null;
}
