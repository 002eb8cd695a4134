// The shapes PyTorch code builds models from, as the flow (flow.ts) needs them: where a module
// sits in an nn.Sequential, what an expression is stored under, a class's methods; and the few
// name tie-breaks allowed where the flow ends in code the file does not have.
import type { Node } from 'web-tree-sitter';
import type { Role } from './types';
import { prevNonSpace } from './scan';
import type { ScopeIndex, Scope } from './scopes';

/**
 * Words that may break a tie where the flow ends in code the file does not have (a Sequential
 * handed to an imported trainer, a keyword argument of an imported builder): never more.
 */
const HEAD_WORDS = new Set(['out', 'output', 'outputs', 'head', 'heads', 'classifier', 'final', 'logits', 'logit', 'pred', 'preds',
  'predict', 'prediction', 'predictions', 'predictor', 'readout', 'decision', 'prob', 'probs']);
const HIDDEN_WORDS = new Set(['hidden', 'feature', 'features', 'encoder', 'backbone', 'trunk', 'stem', 'body', 'block', 'blocks',
  'embed', 'embedding', 'conv', 'convs', 'extractor', 'layer', 'layers', 'inner', 'intermediate', 'mid', 'middle',
  'enc', 'latent', 'bottleneck', 'residual', 'unit', 'cell', 'stage', 'attention', 'attn', 'feedforward', 'ffn', 'sublayer', 'downsample', 'upsample', 'act', 'activation']);
/** Last words of a class or function name that make it a building block when nothing in the file uses it. */
const BLOCK_WORDS = new Set(['block', 'layer', 'cell', 'unit', 'stage', 'stem', 'bottleneck', 'attention', 'ffn', 'feedforward', 'encoder', 'bn', 'sublayer', 'residual']);

/** Words of an identifier: `fc_out` → fc, out; `outputLayer` → output, layer; `layer3` → layer. */
export function nameWords(name: string): readonly string[] {
  let words = wordsOfName.get(name);
  if (!words) {
    // The same few names (a class's, a keyword's) are asked about again and again: kept, within bounds.
    if (wordsOfName.size >= 4096) wordsOfName.clear();
    wordsOfName.set(name, (words = name.replace(/([a-z])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase().split(/[^a-z]+/).filter(Boolean)));
  }
  return words;
}
const wordsOfName = new Map<string, string[]>();
/** The tie-break a name gives, if any. */
export function nameTie(name: string): Role | null {
  const words = nameWords(name);
  if (words.some((w) => HEAD_WORDS.has(w))) return 'output';
  if (words.some((w) => HIDDEN_WORDS.has(w))) return 'hidden';
  return null;
}
/**
 * Last words naming a whole model or a whole half of one: `ConvNet`, `ConvDiscriminator`,
 * `ConvDecoder` (a VAE's decoder: its last activation is the reconstruction) are no blocks for the
 * `conv` in them.
 */
const MODEL_WORDS = new Set(['net', 'network', 'model', 'discriminator', 'classifier', 'generator', 'critic', 'autoencoder', 'vae', 'gan',
  'regressor', 'detector', 'segmenter', 'cnn', 'mlp', 'encoder', 'decoder']);
/** `BasicBlock`, `EncoderLayer`, `conv_bn`: a building block, when nothing in the file says what it is. */
export function looksLikeBlock(name: string): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1];
  return !!last && (BLOCK_WORDS.has(last) || (!MODEL_WORDS.has(last) && (words.includes('conv') || words.includes('block'))));
}
/**
 * Code that flattens a batch of feature maps into vectors (`x.view(x.size(0), -1)`, `.view(-1, 16 * 5 * 5)`,
 * `torch.flatten(x, 1)`, `x.flatten(1)`, `nn.Flatten()`): what a whole classifier does before its
 * linear head, and a building block does not. A class named `VGG1Block` (a model of one VGG block)
 * that flattens is a model, whatever its name says.
 */
export function flattensToVectors(text: string): boolean {
  return FLATTENS.test(text);
}
const ARG = String.raw`[^,()]+(?:\([^()]*\))?`;
const FLATTENS = new RegExp(String.raw`\.(?:view|reshape)\(\s*(?:-1\s*,\s*${ARG}|${ARG}\s*,\s*-1)\s*\)|\bflatten\(\s*(?:[A-Za-z_][\w.]*\s*,\s*)?(?:start_dim\s*=\s*)?1\s*\)|\bFlatten\(\s*\)`);
/** `FocalLoss`, `DistillCriterion`: loss code, when nothing in the file calls it. */
export function looksLikeLoss(name: string): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1];
  return last === 'loss' || last === 'criterion' || last === 'objective';
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
const positionalOf = (node: Node) => typedElements(node).filter((e) => e.type !== 'keyword_argument').map((e) => e.node);

/** Where the text names nn.Sequential; `verify` asks the tree whether it is called there (memoised). */
export interface SequentialProposal {
  start: number;
  verify: () => Node | null;
}

/** Where a module sits in an nn.Sequential (sequentialSlot). */
export interface SequentialSlot { call: Node; last: boolean; lastRound?: boolean; unknown?: boolean }

export class RoleContext {
  /** Proposed Sequential calls by where they start (a call starts where its function does). */
  private readonly proposals = new Map<number, Array<{ p: SequentialProposal; call?: Node | null }>>();
  private readonly order: Array<{ p: SequentialProposal; call?: Node | null }> = [];
  /** `nn.Sequential(*layers)`: variable name → whether `*layers` is the Sequential's last argument, and the call (once every proposal was checked). */
  private splatTable: Map<string, Array<{ call: Node; last: boolean }>> | undefined;
  private readonly positionals = new Map<number, Node[]>();
  /** Parent look-ups descend from the root in tree-sitter: remember the ones made. */
  private readonly parents = new Map<number, Node | null>();

  /**
   * Is the call a module that gives its input's values on (`nn.Dropout(0.1)`, `nn.Identity()`):
   * after the last activation of a Sequential it leaves that activation's values the Sequential's.
   * Set by the file's reader (it knows the imports).
   */
  keepsValues?: (call: Node) => boolean;

  /**
   * Told of each name whose Sequentials and list additions are looked up file-wide (`*layers`,
   * `layers.append(`): what the flow reads through a role (reads.ts).
   */
  onWord?: (name: string) => void;

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

  isSequential(call: Node): boolean {
    // `super().__init__(…)` of a subclass is proposed where its base `nn.Sequential` is written.
    if (this.source.startsWith('super', call.startIndex)) return this.order.some((entry) => this.checked(entry)?.id === call.id);
    const list = this.proposals.get(call.startIndex);
    if (!list) return false;
    for (const entry of list) if (this.checked(entry)?.id === call.id) return true;
    return false;
  }

  /** The `*name` arguments of every Sequential (all proposals checked, in the file's order). */
  private splats(): Map<string, Array<{ call: Node; last: boolean; pairs?: true }>> {
    if (this.splatTable) return this.splatTable;
    const table = new Map<string, Array<{ call: Node; last: boolean; pairs?: true }>>();
    for (const entry of this.order) {
      const call = this.checked(entry);
      // Only `*name` arguments are remembered: without a `*` in its text a call has none, and its
      // arguments need not be read (a file has as many Sequentials as models).
      const text = call ? this.source.slice(call.startIndex, call.endIndex) : '';
      const args = call?.childForFieldName('arguments');
      if (!call || !args) continue;
      // `nn.Sequential(OrderedDict(layers))`: `layers` holds (name, module) pairs, in order
      if (text.includes('OrderedDict(')) {
        const only = typedElements(args).filter((e) => e.type !== 'keyword_argument');
        const dict = only.length === 1 && only[0]!.node.type === 'call' ? only[0]!.node : null;
        const fn = dict?.childForFieldName('function');
        const inner = dict && fn && this.text(fn).endsWith('OrderedDict') ? typedElements(dict.childForFieldName('arguments')!).filter((e) => e.type !== 'keyword_argument') : [];
        if (inner.length === 1 && inner[0]!.node.type === 'identifier') {
          const name = this.text(inner[0]!.node);
          table.set(name, [...(table.get(name) ?? []), { call, last: true, pairs: true }]);
        }
        continue;
      }
      if (!text.includes('*')) continue;
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

  /**
   * The nn.Sequential `expr` is a member of, and whether it is the last member (its value is then
   * the Sequential's), or appended last in a loop (`lastRound`: a member between others, and the
   * last round's the last member); null when it is not a member of one. Positional arguments, a starred list
   * (written in place or as a variable), an OrderedDict's pairs and `layers.append(…)` count;
   * `unknown` where it is appended under a condition of a loop's round (its place is not read).
   */
  sequentialSlot(expr: Node): SequentialSlot | null {
    if (this.order.length === 0) return null;
    const node = this.upParens(expr);
    const parent = this.parentOf(node);
    if (!parent) return null;
    if (parent.type === 'argument_list') {
      const call = this.parentOf(parent);
      if (!call) return null;
      if (!this.isSequential(call)) return this.appendedSlot(call, node);
      const positional = this.positional(parent);
      if (!positional.some((a) => a.id === node.id)) return null;
      return { call, last: positional[positional.length - 1]?.id === node.id || this.lastBut(positional)?.id === node.id };
    }
    if (parent.type === 'list' || parent.type === 'tuple') {
      const items = this.positional(parent);
      if (!items.some((a) => a.id === node.id)) return null;
      const isLast = items[items.length - 1]?.id === node.id || this.lastBut(items)?.id === node.id;
      const container = this.upParens(parent);
      const holder = this.parentOf(container);
      const args = holder?.type === 'list_splat' ? this.parentOf(holder) : null;
      if (holder && args?.type === 'argument_list') {
        const call = this.parentOf(args);
        if (!call || !this.isSequential(call)) return null;
        const positional = this.positional(args);
        return { call, last: isLast && positional[positional.length - 1]?.id === holder.id };
      }
      if (parent.type === 'tuple' && holder?.type === 'list') return this.orderedDictSlot(holder, container, isLast) ?? this.pairListSlot(holder, container, isLast);
      // `layers.append(("out", nn.Sigmoid()))` … `nn.Sequential(OrderedDict(layers))`
      if (parent.type === 'tuple' && holder?.type === 'argument_list') {
        const append = this.parentOf(holder);
        return append?.type === 'call' && isLast && items.length === 2 ? this.appendedSlot(append, container, true) : null;
      }
      if ((holder?.type === 'assignment' || holder?.type === 'augmented_assignment') && holder.childForFieldName('right')?.id === container.id) {
        const left = holder.childForFieldName('left');
        const name = left?.type === 'identifier' ? this.text(left) : '';
        const u = name ? this.splatFor(name, holder) : undefined;
        if (!u) return null;
        // `layers += [nn.Linear(a, b), act()]` in a loop: each round's modules come before the next round's;
        // and more added to the list before the Sequential come after these.
        const last = isLast && u.last && !(holder.type === 'augmented_assignment' && this.inLoop(holder)) && !this.addedBetween(name, holder.endIndex, u.call.startIndex);
        return { call: u.call, last };
      }
    }
    return null;
  }

  /**
   * The last of a Sequential's members but the modules after it that give their input's values on
   * (`nn.Sequential(nn.Linear(128, 10), nn.ReLU(), nn.Dropout(0.1))`: the ReLU's values are the output).
   */
  private lastBut(members: readonly Node[]): Node | undefined {
    let i = members.length - 1;
    const keeps = this.keepsValues;
    if (keeps) while (i > 0 && members[i]!.type === 'call' && keeps(members[i]!)) i--;
    return members[i];
  }

  /** `nn.Sequential(OrderedDict([('fc', nn.Linear(…)), ('act', nn.ReLU())]))`: named members. */
  private orderedDictSlot(list: Node, pair: Node, isSecond: boolean): { call: Node; last: boolean } | null {
    if (!isSecond) return null;
    const args = this.parentOf(this.upParens(list));
    const dict = args?.type === 'argument_list' ? this.parentOf(args) : null;
    const fn = dict?.type === 'call' ? dict.childForFieldName('function') : null;
    if (!dict || !fn || !this.text(fn).endsWith('OrderedDict')) return null;
    const seqArgs = this.parentOf(dict);
    const seq = seqArgs?.type === 'argument_list' ? this.parentOf(seqArgs) : null;
    if (!seq || !this.isSequential(seq)) return null;
    const pairs = this.positional(list);
    return { call: seq, last: pairs[pairs.length - 1]?.id === pair.id };
  }

  /**
   * `layers = [("fc0", nn.Linear(…)), ("act0", nn.ReLU())]` … `nn.Sequential(OrderedDict(layers))`: a
   * pair of the list the Sequential's OrderedDict is made of (as the list branch of sequentialSlot reads `*layers`).
   */
  private pairListSlot(list: Node, pair: Node, isSecond: boolean): { call: Node; last: boolean } | null {
    if (!isSecond) return null;
    const container = this.upParens(list);
    const holder = this.parentOf(container);
    if (holder?.type !== 'assignment' || holder.childForFieldName('right')?.id !== container.id) return null;
    const left = holder.childForFieldName('left');
    const name = left?.type === 'identifier' ? this.text(left) : '';
    const u = name ? this.splatFor(name, holder, true) : undefined;
    if (!u) return null;
    const pairs = this.positional(list);
    return { call: u.call, last: pairs[pairs.length - 1]?.id === pair.id && u.last && !this.addedBetween(name, holder.endIndex, u.call.startIndex) };
  }

  /**
   * `layers.append(nn.ReLU())` … `nn.Sequential(*layers)`: the module appended last (outside a
   * loop) ends the Sequential; the others come before others, and one appended last in a loop
   * (`lastRound`) both comes before others and, in the last round, ends it.
   */
  private appendedSlot(call: Node, node: Node, pairs = false): SequentialSlot | null {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute') return null;
    const obj = fn.childForFieldName('object');
    const method = fn.childForFieldName('attribute');
    if (obj?.type !== 'identifier' || !method || this.text(method) !== 'append') return null;
    const name = this.text(obj);
    const target = this.splatFor(name, call, pairs);
    if (!target || this.positional(call.childForFieldName('arguments')!)[0]?.id !== node.id) return null;
    // The last `name.append(` written before the Sequential, as the tree confirms it.
    let last = -1;
    for (let i = this.source.lastIndexOf(name + '.append(', target.call.startIndex); i >= 0; i = this.source.lastIndexOf(name + '.append(', i - 1)) {
      const n = this.scopes.nodeAt(i, i + name.length + 8);
      if (n?.type === 'call' && n.startIndex === i) { last = i; break; }
      if (i === 0) break;
    }
    if (last !== call.startIndex || !target.last) return { call: target.call, last: false };
    let branch = false;
    for (let p = this.parentOf(call), i = 0; p && i < 64; p = this.parentOf(p), i++) {
      const t = p.type;
      // appended last in a loop, under a condition of the round (`if i != 1: ….append(nn.ReLU())
      // else: ….append(nn.Sigmoid())`, a decoder's last layer): which rounds append it is not read,
      // so neither where it sits
      if ((t === 'for_statement' || t === 'while_statement') && branch) return { call: target.call, last: false, unknown: true };
      // appended last, in a loop: each round's module comes before the next one's, and the last round's ends the Sequential
      if (t === 'for_statement' || t === 'while_statement') return { call: target.call, last: false, lastRound: true };
      if (t === 'if_statement' || t === 'elif_clause' || t === 'else_clause') branch = true;
      if (t === 'function_definition' || t === 'module') break;
    }
    return { call: target.call, last: true };
  }

  /** The Sequential that takes `*name` after `at`, in the same function (a file reuses `layers` in every class). */
  private splatFor(name: string, at: Node, pairs = false): { call: Node; last: boolean } | undefined {
    this.onWord?.(name);
    // a list of modules is starred into a Sequential, a list of (name, module) pairs made an OrderedDict
    const uses = this.splats().get(name)?.filter((u) => !!u.pairs === pairs);
    if (!uses) return undefined;
    const scope = this.scopes.of(at);
    return uses.find((u) => u.call.startIndex > at.startIndex && this.scopes.of(u.call) === scope) ?? uses.find((u) => u.call.startIndex > at.startIndex);
  }

  /** Is anything added to list `name` (`+=`, `.append(`, `.extend(`) in [from, to)? Found in the text. */
  private addedBetween(name: string, from: number, to: number): boolean {
    this.onWord?.(name);
    const re = new RegExp(`(^|[^\\w.])${name}\\s*(\\+=|\\.append\\(|\\.extend\\()`, 'g');
    re.lastIndex = from;
    const m = re.exec(this.source);
    return !!m && m.index < to;
  }

  private inLoop(node: Node): boolean {
    for (let p = this.parentOf(node), i = 0; p && i < 64; p = this.parentOf(p), i++) {
      const t = p.type;
      if (t === 'for_statement' || t === 'while_statement') return true;
      if (t === 'function_definition' || t === 'module') return false;
    }
    return false;
  }

  /** Arguments but keyword ones, list or tuple items: computed once per container. */
  positional(node: Node): Node[] {
    let p = this.positionals.get(node.id);
    if (!p) this.positionals.set(node.id, (p = positionalOf(node)));
    return p;
  }

}

/**
 * `super().__init__(…)` (or `super(Cls, self).__init__(…)`) in the class's own `__init__`: where
 * a subclass of nn.Sequential hands its members over, so that call stands for the Sequential.
 */
export function superInitCall(cls: Node, source: string): Node | null {
  const body = findMethod(cls, '__init__', source)?.childForFieldName('body');
  if (!body) return null;
  const text = (n: Node) => source.slice(n.startIndex, n.endIndex);
  for (const call of body.descendantsOfType('call')) {
    const fn = call?.childForFieldName('function');
    const attr = fn?.type === 'attribute' ? fn.childForFieldName('attribute') : null;
    const obj = attr ? fn!.childForFieldName('object') : null;
    const callee = obj?.type === 'call' ? obj.childForFieldName('function') : null;
    if (attr && text(attr) === '__init__' && callee && text(callee) === 'super') return call;
  }
  return null;
}

export function findMethod(cls: Node, name: string, source: string): Node | null {
  for (const [n, def] of methodsOf(cls, source)) if (n === name) return def;
  return null;
}

/** The class's methods by name: the first `def` of each name in its body (what findMethod finds). */
export function methodTable(cls: Node, source: string): Map<string, Node> {
  const table = new Map<string, Node>();
  for (const [n, def] of methodsOf(cls, source)) if (!table.has(n)) table.set(n, def);
  return table;
}

function* methodsOf(cls: Node, source: string): Generator<[string, Node]> {
  const body = cls.childForFieldName('body');
  if (!body) return;
  for (const child of body.namedChildren) {
    const type = child?.type;
    const def = type === 'decorated_definition' ? child!.childForFieldName('definition') : type === 'function_definition' ? child : null;
    if (!def) continue;
    const n = def.childForFieldName('name');
    if (n) yield [source.slice(n.startIndex, n.endIndex), def];
  }
}

