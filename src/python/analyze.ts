// Source text → the activation uses in it, with their literal parameters, role and loss.
import type { Node } from 'web-tree-sitter';
import type { Forest } from './forest';
import type { ActivationSpec, SpellingKind } from '../catalog';
import { evaluateLiteral } from './literals';
import { readImports, type ImportEnv } from './imports';
import { resolvePath, tensorMethodNames, canonicalPath, type Resolved } from './names';
import { isAsciiIdentPart, movedOccurrences, scanIdentifiers, scanIdentifiersIn, prevNonSpace, nextNonSpace, isDotAt, isIdentPartAt, tokenStartBefore, dottedNameAt, lastPartAt, type Occurrence } from './scan';
import { moduleLossNames, functionalLossNames, lossKind, isFunctionalLoss, isLossInputArg } from './losses';
import { PROBABILITY_OUT } from '../advice/rules';
import { ScopeIndex, nameRole, type Scope } from './scopes';
import { RoleContext, superInitCall } from './roles';
import { Flow, MODULE_SELF_METHODS, RESHAPE_METHODS, isValueKeepingModule, MAX_STEPS as MAX_FLOW_COST, type CallerLoss, type FactoryExport, type FlowHost, type GivenArgs, type HandOff, type HelperFeed, type InstanceFeed, type LossCall, type LossHit } from './flow';
import { needsFileLoss, lossAssumed, lossInModelCode } from './loss-attach';
import { setOutputEnds } from './ends';
import type { ActivationUse, ImportBinding, LiteralValue, LossUse, SourceRange } from './types';
import { Reads, carry, oldOffset, movedOffset, movedRow, textChange, unitAt, type TextChange } from './reads';
import { WordIndex } from './wordIndex';
import { carryRecord, recordKey, snapshot, useOf, type LossRecord, type PriorReading, type UseRecord } from './reuse';
export type { LossHit };

/** Bounds on work per file: a pathological file yields partial results, never a frozen host. */
export const MAX_CANDIDATES = 50_000;
export const MAX_USES = 10_000;

const clock = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const MAX_CHAIN = 32;
/** Activations that are gates when their value multiplies another (see flow.ts). */
export const GATES: ReadonlySet<string> = new Set(['sigmoid', 'hardsigmoid']);
/** The id judgeName is given for an activation the file defines itself (customRoles.ts). */
export const CUSTOM = 'custom';
/** Names of the arguments and parameters that hold an activation (`act_layer=`, `activation=`, `nonlinearity=`). */
const ACT_SLOT = /^(act|acts|act_layer|act_fn|act_func|activation|activation_fn|activation_layer|nonlinearity|non_linearity|nonlin|nl|final_act|out_act|output_activation|hidden_act|inner_act)$/i;
/** Layers with weights after which an activation sits, and their norms. */
const WEIGHTED = /^(Linear|LazyLinear|Bilinear|Conv[123]d|ConvTranspose[123]d|LazyConv[123]d|BatchNorm[123]d|LayerNorm|GroupNorm|InstanceNorm[123]d)$/;
/**
 * Receivers that spell a PyTorch module, not a tensor, where no import bound them (a snippet whose
 * imports live elsewhere): `F.softmax(x)` is the functional form, its first argument the input.
 */
const MODULE_RECEIVERS: ReadonlyMap<string, SpellingKind> = new Map([['F', 'functional'], ['functional', 'functional'], ['torch', 'torch']]);
/** Module paths a file may give a second name by assignment (`F = torch.nn.functional`). */
const ALIASABLE = new Set(['torch', 'torch.nn', 'torch.nn.functional', 'torch.special']);

/** A use before roles and losses are known, still holding its tree nodes. */
/** Torch functions of one tensor whose value is still the argument's, logged, clipped or reshaped (judgesOwnActivation). */
const KEEPS_VALUES = new Set(['log', 'clamp', 'clip', 'clamp_min', 'flatten', 'squeeze', 'unsqueeze', 'reshape', 'transpose', 'permute']);
/** Activations whose log has a stable form of its own (log_softmax, logsigmoid). */
const LOGGED = new Set(['softmax', 'softmin', 'sigmoid']);

export interface PendingUse {
  use: ActivationUse;
  /** Taken over from the previous version: whether its loss is the file's (else needsFileLoss says). */
  readonly open?: boolean;
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

/** Of two calls holding the same spot, is `a` inside `b`: it starts later, or as early and ends first (`F.relu(x).sigmoid()`)? */
export function innerCall(a: SourceRange, b: SourceRange): boolean {
  if (a.line !== b.line || a.column !== b.column) return a.line > b.line || (a.line === b.line && a.column > b.column);
  return a.endLine < b.endLine || (a.endLine === b.endLine && a.endColumn < b.endColumn);
}

export function rangeOf(node: Node): SourceRange {
  const s = node.startPosition;
  const e = node.endPosition;
  return { line: s.row, column: s.column, endLine: e.row, endColumn: e.column };
}

const text = (source: string, n: Node) => source.slice(n.startIndex, n.endIndex);

/** The call whose function is `node` (a call starts where its function does, and an argument list follows it). */
function calledBy(node: Node, source: string, scopes: ScopeIndex, end = node.endIndex): Node | null {
  const paren = nextNonSpace(source, end);
  const next = source.charCodeAt(paren);
  if (next === 40 /* ( */) {
    // The smallest node spanning the function and the opening parenthesis is the call.
    const call = scopes.nodeAt(node.startIndex, paren + 1);
    return call?.type === 'call' && call.startIndex === node.startIndex ? call : null;
  }
  if (next !== 10 && next !== 13 && next !== 35 /* # */) return null;
  const p = scopes.parentOf(node); // arguments on a later line, inside brackets
  return p && p.type === 'call' && p.startIndex === node.startIndex ? p : null;
}

/** `class MLP(nn.Sequential)`: the `super().__init__(*layers)` that builds it, standing for the Sequential. */
function sequentialBase(node: Node, source: string, scopes: ScopeIndex): Node | null {
  const list = scopes.parentOf(node);
  const cls = list?.type === 'argument_list' ? scopes.parentOf(list) : null;
  if (cls?.type !== 'class_definition' || cls.childForFieldName('superclasses')?.id !== list!.id) return null;
  return superInitCall(cls, source);
}

/**
 * Range of the identifier [start, end) inside `node`, without asking the tree: identifiers never
 * span lines, so it is the node's start position shifted along its line.
 */
function nameRangeIn(node: Node, source: string, start: number, end: number): SourceRange {
  const p = node.startPosition;
  const nl = source.indexOf('\n', node.startIndex);
  if (nl >= 0 && nl < start) {
    const lineStart = source.lastIndexOf('\n', start - 1) + 1;
    let line = p.row;
    for (let i = nl; i >= 0 && i < start; i = source.indexOf('\n', i + 1)) line++;
    return { line, column: start - lineStart, endLine: line, endColumn: end - lineStart };
  }
  const column = p.column + (start - node.startIndex);
  return { line: p.row, column, endLine: p.row, endColumn: column + (end - start) };
}

/**
 * Maps a call's literal arguments onto PyTorch's parameter names via the catalog's argument order.
 * `axisIsDim`: the call is one of PyTorch's C++ bindings (`torch.softmax`, a Tensor method), whose
 * argument parser takes numpy's `axis=` for `dim=` (`torch.softmax(x, axis=1)` runs; the Python
 * functions of torch.nn.functional refuse it).
 */
function readArguments(call: Node, source: string, spec: ActivationSpec, order: readonly string[], skip: number, axisIsDim = false): { params: Record<string, LiteralValue>; runtime: string[] } {
  const params: Record<string, LiteralValue> = {};
  const runtime: string[] = [];
  const known = new Set(spec.params.map((p) => p.name));
  const args = call.childForFieldName('arguments');
  if (!args || args.namedChildCount === 0 || args.type !== 'argument_list') return { params, runtime };
  const put = (name: string, value: Node) => {
    if (axisIsDim && name === 'axis') name = 'dim';
    if (!known.has(name)) return;
    const lit = evaluateLiteral(value, source);
    if (lit.ok) params[name] = lit.value;
    else if (!lit.none && !runtime.includes(name)) runtime.push(name);
  };
  let position = -skip;
  for (const arg of args.namedChildren) {
    const type = arg?.type; // each property read is a call into the parser: read once
    if (!arg || type === 'comment') continue;
    if (type === 'keyword_argument') {
      const name = arg.childForFieldName('name');
      const value = arg.childForFieldName('value');
      if (name && value) put(text(source, name), value);
    } else if (type === 'list_splat' || type === 'dictionary_splat') {
      // Which parameters these fill is only known at run time.
      for (const p of spec.params) if (!(p.name in params) && !runtime.includes(p.name)) runtime.push(p.name);
      if (type === 'list_splat') position = Number.POSITIVE_INFINITY;
    } else {
      if (position >= 0 && position < order.length) put(order[position]!, arg);
      position++;
    }
  }
  return { params, runtime };
}

/**
 * The `functools.partial(...)` call that `node` is the first argument of, if any: the
 * activation's parameters are then that call's (`partial(nn.GELU, approximate='tanh')`, timm's
 * `act_layer` idiom; `partial(F.leaky_relu, negative_slope=0.2)`).
 */
function partialOf(node: Node, source: string, scopes: ScopeIndex): Node | null {
  const args = scopes.parentOf(node);
  if (!args || args.type !== 'argument_list') return null;
  let first: Node | null = null;
  for (const a of args.namedChildren) {
    if (a && a.type !== 'comment') {
      first = a;
      break;
    }
  }
  if (!first || first.startIndex !== node.startIndex || first.endIndex !== node.endIndex) return null;
  const call = scopes.parentOf(args);
  const fn = call?.type === 'call' ? call.childForFieldName('function') : null;
  if (!fn) return null;
  const name = text(source, fn).replace(/\s+/g, '');
  return name === 'partial' || name === 'functools.partial' ? call : null;
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
  isTorch(name: string, where: Scope | (() => Scope)): boolean {
    if (!this.env.torch.has(name) || this.env.moduleShadowed.has(name) || this.moduleBound.has(name)) return false;
    const ids = this.bound.get(name);
    if (!ids) return true;
    // The scope is only looked up when some scope rebinds the name (rare).
    const scope = typeof where === 'function' ? where() : where;
    for (let s: Scope | null = scope, first = true; s; s = s.parent, first = false) {
      if (s.kind === 'class' && !first) continue; // class bodies do not reach into their methods
      if (ids.has(s.id)) return false;
    }
    return true;
  }
}

/**
 * `x`, `logits`, `self.fc(x)` as written when short, on one line and plain code (names, dots,
 * brackets, operators); `(…)` otherwise, so no string literal or markup from the file travels on.
 */
function receiverSpelling(receiver: Node, source: string): string {
  if (receiver.endIndex - receiver.startIndex <= 40) {
    const t = text(source, receiver);
    if (/^[\w.()[\], +\-*/@]+$/.test(t)) return t;
  }
  return '(…)';
}

const isDigit = (c: number) => c >= 48 && c <= 57;

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

/**
 * Where an activation may be used, found from the text and the import table before any per-use
 * work: the name's range and how it would resolve. Turning one into a use (asking the tree,
 * reading arguments, the role) is deferred, so a hover pays only for the spot under the cursor.
 * `seq` orders candidates proposed at the same spot as a whole-file reading would (round of
 * alias resolution, then the occurrence that proposed it).
 */
export type Candidate = { seq: number } & (
  | { kind: 'ref'; root: string; start: number; chainEnd: number; parts: string[]; resolved: Extract<Resolved, { what: 'activation' }>; nameStart: number; nameEnd: number; leaf?: Node }
  // `refind`: taken over from the previous version, whose tree is gone: its attribute is found again when needed
  | { kind: 'method'; name: string; nameStart: number; nameEnd: number; attribute?: Node; refind?: boolean });

/** A scan of the text for some names (scan.ts), kept for the next version to move rather than repeat. */
export interface Scan { names: ReadonlySet<string>; found: Occurrence[]; capped: boolean }

/** What reading one occurrence may tell about the whole file (as opposed to a candidate use). */
interface FileFacts {
  bindings: Array<{ name: string; start: number; scope: Scope }>;
  /**
   * Losses and Sequential calls. Losses are needed whole-file: checked against the tree when the
   * file is read. A Sequential only when a role asks about a call (`chain` is then null until
   * checked: the text proposes a dotted name there).
   */
  eager: Array<{ root: string; start: number; chain: Node | null; end: number; resolved: Resolved; nameStart: number; nameEnd: number }>;
  /** `F2 = torch.nn.functional` at module level: a new name for a PyTorch module, like an import. */
  aliases: Map<string, { path: string; start: number }>;
}

/**
 * Last parts of a dotted PyTorch name that can make it a loss, a Sequential or an alias of a
 * PyTorch module: only such names (and undotted ones) say anything about the whole file.
 */
let fileWideLeaves: { names: Set<string>; shapes: Set<number> } | undefined;
function FILE_WIDE_LEAVES(): { names: Set<string>; shapes: Set<number> } {
  if (fileWideLeaves) return fileWideLeaves;
  const names = new Set([...moduleLossNames(), ...functionalLossNames(), 'Sequential', ...[...ALIASABLE].map((p) => p.slice(p.lastIndexOf('.') + 1))]);
  // Length and first character of each: most last parts are ruled out without slicing them out.
  return (fileWideLeaves = { names, shapes: new Set([...names].map((n) => n.length * 65536 + n.charCodeAt(0))) });
}

/** Is this statement inside an `except` clause (of the same function or module)? */
function inExceptClause(node: Node, parentOf: (n: Node) => Node | null): boolean {
  for (let p = parentOf(node), i = 0; p && i < 16; p = parentOf(p), i++) {
    const t = p.type;
    if (t === 'except_clause' || t === 'except_group_clause') return true;
    if (t === 'function_definition' || t === 'class_definition' || t === 'module') return false;
  }
  return false;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

const isLineBreakContinued = (source: string, nl: number) =>
  source.charCodeAt(nl - 1) === 92 /* backslash */ || (source.charCodeAt(nl - 1) === 13 && source.charCodeAt(nl - 2) === 92);

/** One parsed file (or cell): its imports, scopes, bindings, losses and activation candidates. */
export class FileReader implements FlowHost {
  readonly imports: ImportBinding[];
  private readonly namesCapped: boolean;
  /**
   * Where the text names a loss, in the order a whole-file reading lists them; each is checked
   * against the tree (is it code, is the name still PyTorch's there) on first need.
   */
  private readonly lossSlots: Array<{ e: FileFacts['eager'][number]; name: string; checked?: LossUse | null; line?: number }> = [];
  private allLosses: LossUse[] | undefined;
  private names: string[] | undefined;
  readonly scopes: ScopeIndex;
  private readonly visibility: Visibility;
  readonly roles: RoleContext;
  private flow: Flow;
  private readonly methods: Set<string>;
  /** What each verified candidate came to, for the next version (reuse.ts). */
  readonly records = new Map<number, UseRecord>();
  /** What each place naming a loss came to, by where its name starts, for the next version. */
  readonly lossRecords = new Map<number, LossRecord>();
  /** What the file's names mean: the next version reuses verdicts only if it is the same. */
  readonly fingerprint: string;
  /** How the previous version maps onto this one, once asked (null: nothing is reused). */
  private change: TextChange | null | undefined;
  /** A verdict was taken over from the previous version. */
  private reusedAny = false;
  /** A verdict followed again depended on the order verdicts were computed in (reads.ts). */
  private orderDependent = false;
  /** Candidates taken over from the previous version, and read here (tests and the bench see reuse). */
  readonly counts = { reused: 0, read: 0 };
  /** Occurrences of the file's PyTorch names, by position (the first round: before any alias). */
  private readonly found: Occurrence[];
  /** found[i] was read already (its candidate, if any, is in `candidates`). */
  private readonly visited: Uint8Array;
  /**
   * Tensor method names that are not PyTorch names of the file: they can only propose a use, so
   * they are looked for on the lines a hover asks about, or in the whole text once every use is.
   */
  private readonly methodOnly: Set<string>;
  private methodsFound: { found: Occurrence[]; capped: boolean } | undefined;
  /** Starts of method-name occurrences read already. */
  private readonly methodsVisited = new Set<number>();
  /** Every occurrence was read, and `candidates` is sorted. */
  private complete = false;
  private readonly candidates: Candidate[] = [];
  /** Candidates by where their name starts (until `complete`). */
  private readonly byStart = new Map<number, Candidate[]>();
  private readonly verified = new Map<Candidate, PendingUse | null>();
  /** Where occurrences read after the constructor would put file facts: nowhere (see fileWide). */
  private readonly noFacts: FileFacts = { bindings: [], eager: [], aliases: new Map() };

  /**
   * `record`: keep what each verdict and loss read (`records`, `lossRecords`) for the next version
   * of the file; off where no next version will be read (a `check` without `--fix`).
   */
  constructor(private readonly forest: Forest, readonly source: string, private readonly env: ImportEnv, private prior?: PriorReading, private readonly record = true) {
    // Reusing what an earlier version found needs what it depended on, which only a recording reader keeps.
    if (!record) this.prior = undefined;
    this.imports = readImports(forest, source, env);
    const scopes = (this.scopes = new ScopeIndex(forest, source));
    const visibility = (this.visibility = new Visibility(env));
    const roles = (this.roles = new RoleContext(source, scopes));
    // (from a variable: a function written in place as a property's value is allocated old, lazyAccessor.ts)
    const keepsValues = (call: Node) => {
      const fn = call.childForFieldName('function');
      return isValueKeepingModule(fn ? this.torchPath(fn) : null);
    };
    roles.keepsValues = keepsValues;
    this.flow = new Flow(this, record);
    const methods = (this.methods = tensorMethodNames());
    this.methodOnly = new Set([...methods].filter((m) => !env.torch.has(m)));
    const { found, capped } = this.scanned('names', new Set(env.torch.keys()));
    this.namesCapped = capped;
    this.found = found;
    this.visited = new Uint8Array(found.length);

    // The text proposes, the tree decides. Only occurrences that may bind a name, be a loss, a
    // Sequential or an alias are read now; the others can only propose a use, and are read when
    // a hover asks for their spot or when every use is asked for.
    const facts: FileFacts = { bindings: [], eager: [], aliases: new Map() };
    for (let i = 0; i < found.length; i++) {
      if (!this.fileWide(found[i]!)) continue;
      this.visited[i] = 1;
      this.visit(found[i]!, found[i]!.start, facts);
    }
    const { bindings, eager, aliases } = facts;
    if (aliases.size > 0) {
      // New names for PyTorch modules change how later rounds read: read the whole first round
      // now, as it was (an alias of an alias included, a few rounds at most).
      this.readAll();
      for (let round = 1; round <= 3 && aliases.size > 0; round++) {
        const fresh = new Set<string>();
        for (const [name, { path }] of aliases) {
          if (env.torch.get(name) !== path) { env.torch.set(name, path); env.other.delete(name); fresh.add(name); }
        }
        const before = aliases.size;
        if (fresh.size > 0) for (const occ of scanIdentifiers(source, fresh, MAX_CANDIDATES).found) this.visit(occ, round * (source.length + 1) + occ.start, facts);
        if (aliases.size === before) break;
      }
      this.finish();
    }
    const aliasAt = new Set([...aliases.values()].map((a) => a.start));
    for (const b of bindings) if (!aliasAt.has(b.start)) visibility.addBinding(b.name, b.scope);
    for (const name of visibility.moduleBound) env.moduleShadowed.add(name);
    const sorted = (xs: Iterable<string>) => [...xs].sort();
    this.fingerprint = aliases.size > 0 || capped ? '' : JSON.stringify([sorted([...env.torch].map(([k, v]) => `${k}=${v}`)), sorted([...env.other].map(([k, v]) => `${k}=${v}`)), sorted(env.moduleShadowed)]);

    for (const e of eager) {
      if (e.resolved.what === 'loss') {
        this.lossSlots.push({ e, name: e.resolved.name });
      } else if (e.resolved.what === 'sequential') {
        roles.proposeSequential({
          start: e.start,
          verify: () => {
            const chain = e.chain ?? this.dottedNode(e.start, e.end);
            if (!chain || !visibility.isTorch(e.root, () => scopes.at(e.start))) return null;
            return calledBy(chain, source, scopes, e.end) ?? sequentialBase(chain, source, scopes);
          },
        });
      }
    }
    this.paths = new Map();
  }

  private checkLoss(slot: FileReader['lossSlots'][number]): LossUse | null {
    if (slot.checked !== undefined) return slot.checked;
    const { e } = slot;
    // What a loss's place says depends on its statement alone (and the file's names): unchanged, it is taken over.
    const ch = this.changeFromPrior(true);
    let old = ch ? this.prior!.losses.get(oldOffset(ch, e.nameStart)) : undefined;
    // an answer that read the rest of the file holds while nothing it read changed
    if (old?.reads && !carry(old.reads, ch!)) old = undefined;
    let loss: LossUse | null = null;
    let local = true;
    let reads: Reads | null = null;
    if (old !== undefined) {
      // what the answer read goes on with it (carried to this version's offsets above)
      reads = old.reads ?? null;
      if (old.loss) {
        const range = { line: movedRow(ch!, old.loss.range!.line), column: old.loss.range!.column, endLine: movedRow(ch!, old.loss.range!.endLine), endColumn: old.loss.range!.endColumn };
        loss = { name: old.loss.name, line: range.line, column: range.column, range };
        if (old.inModel) lossInModelCode.add(loss);
      }
    } else {
      const chain = e.chain ?? this.dottedNode(e.start, e.end) ?? null;
      if (chain && this.visibility.isTorch(e.root, () => this.scopes.at(e.start))) {
        const r = nameRangeIn(chain, this.source, e.nameStart, e.nameEnd);
        loss = { name: slot.name, line: r.line, column: r.column, range: r };
        const held = isFunctionalLoss(slot.name) ? { applied: this.flow.inModelCode(e.start), local: true } : this.flow.lossAppliedInModel(e.start);
        // `F.kl_div(torch.softmax(outputs, -1), q)`: what the loss judges is an activation's value
        // computed in the call itself, which the flow follows there; like a loss in a model's own
        // code it says nothing about a model the file never calls.
        // `F.mse_loss(self.critic(s), target)`: what it judges is the output of a model of the file,
        // which the flow follows there; it trains that model, and stands in for no other.
        // Whether the value is a model of the file's output reads the rest of the file (where the
        // class is, what the names hold): what it read is kept, and the answer taken over only
        // while none of it changed (as the module's below).
        const own = !held.applied && isFunctionalLoss(slot.name) && this.judgesOwnActivation(chain, slot.name);
        const asked = !held.applied && !own && isFunctionalLoss(slot.name);
        if (asked || (!held.applied && !isFunctionalLoss(slot.name))) reads = this.record ? new Reads() : null;
        if (held.applied || own || (asked && this.readingInto(reads, () => this.judgesModelOfFile(chain, slot.name)))) lossInModelCode.add(loss);
        // `self.mse = nn.MSELoss()` … `self.mse(self.critic(s), target)`: the module's every call
        // judges a model of the file, as the functional form above
        else if (!isFunctionalLoss(slot.name) && this.readingInto(reads, () => this.moduleJudgesModelsOfFile(chain, slot.name))) lossInModelCode.add(loss);
        local = held.local;
      }
    }
    if (local && this.record) this.lossRecords.set(e.nameStart, reads ? { loss, inModel: !!loss && lossInModelCode.has(loss), reads } : { loss, inModel: !!loss && lossInModelCode.has(loss) });
    // `loss_func = nn.NLLLoss()` and, the very next statement, `loss_func = nn.CrossEntropyLoss()`: the
    // first module is never read, so it trains nothing and stands in for no model's loss. It depends
    // on the next statement, so it is read afresh each time (never kept in the record above).
    if (loss && !lossInModelCode.has(loss) && !isFunctionalLoss(slot.name) && this.overwrittenUnread(e.chain ?? this.dottedNode(e.start, e.end) ?? null)) lossInModelCode.add(loss);
    return (slot.checked = loss);
  }

  /**
   * The module built by the call of `chain` (or a `.to(device)` of it) is bound to a name (`c`,
   * `self.c`) by a statement whose next statement in the same block binds that name again without
   * reading it: the module is never read.
   */
  private overwrittenUnread(chain: Node | null): boolean {
    const built = chain ? this.moduleBuilt(chain) : null;
    const bound = built ? this.boundName(built.parent, built) : null;
    if (!bound) return false;
    const statement = built!.parent!.parent!;
    let next: Node | null = statement.nextNamedSibling;
    while (next?.type === 'comment') next = next.nextNamedSibling;
    // a top-level statement's tree may end with it (the file parsed in runs of statements): the next
    // one is found from the text, past blank lines, comments and a `;`
    if (!next && statement.parent?.type === 'module') next = this.statementAfter(statement.endIndex);
    const assignment = next?.type === 'expression_statement' && next.namedChildCount === 1 ? next.namedChild(0) : null;
    const right = assignment?.type === 'assignment' ? assignment.childForFieldName('right') : null;
    if (!right || this.boundName(assignment, right) !== bound) return false;
    // the new value must not read the old one (`c = c.to(device)`, `c = Wrapper(c)`)
    const word = bound.slice(bound.lastIndexOf('.') + 1);
    if (!word) return false; // a broken `self. = …`: no name to look for (an empty one is found everywhere, for ever)
    const src = this.source;
    for (let i = src.indexOf(word, right.startIndex); i >= 0 && i < right.endIndex; i = src.indexOf(word, i + word.length)) {
      if (!((i > 0 && isIdentPartAt(src, i - 1)) || isIdentPartAt(src, i + word.length))) return false;
    }
    return true;
  }

  /** The top-level statement starting first at or after `from`, past blank lines, comments and a `;`. */
  private statementAfter(from: number): Node | null {
    const src = this.source;
    let i = from;
    for (;;) {
      while (i < src.length && ' \t\r\n\f;'.includes(src[i]!)) i++;
      if (src[i] !== '#') break;
      while (i < src.length && src[i] !== '\n') i++;
    }
    if (i >= src.length) return null;
    let n: Node | null = this.scopes.nodeAt(i, i + 1) ?? null;
    while (n && n.parent && n.parent.type !== 'module') n = n.parent;
    return n && n.startIndex === i && n.type !== 'comment' ? n : null;
  }

  /** The module built by the call of `chain`, through methods giving it back (`nn.MSELoss().to(device)`): the outermost call; null where `chain` is not called. */
  private moduleBuilt(chain: Node): Node | null {
    let built: Node | null = chain.parent;
    if (built?.type !== 'call' || built.childForFieldName('function')?.id !== chain.id) return null;
    for (let i = 0; i < 4; i++) {
      const up: Node | null = built.parent?.type === 'attribute' ? built.parent.parent : null;
      const m = built.parent?.childForFieldName('attribute');
      if (up?.type !== 'call' || !m || !MODULE_SELF_METHODS.has(text(this.source, m))) break;
      built = up;
    }
    return built;
  }

  /** The name an assignment statement `assignment` binds `value` to: `c` or `self.c`, or null (a tuple, a subscript, a chained or annotated-only assignment). */
  private boundName(assignment: Node | null, value: Node): string | null {
    if (assignment?.type !== 'assignment' || assignment.childForFieldName('right')?.id !== value.id) return null;
    if (assignment.parent?.type !== 'expression_statement') return null;
    const left = assignment.childForFieldName('left');
    if (left?.type === 'identifier') return text(this.source, left);
    if (left?.type === 'attribute' && left.childForFieldName('object')?.type === 'identifier' && text(this.source, left.childForFieldName('object')!) === 'self') {
      const a = left.childForFieldName('attribute');
      return a ? `self.${text(this.source, a)}` : null;
    }
    return null;
  }

  /**
   * The functional loss whose name is `chain` is called here, and every argument it judges (its
   * input, not the target: isLossInputArg) passes `test`; false with none, or with `*args`/`**kwargs`.
   */
  private judgesOnly(chain: Node, name: string, test: (value: Node) => boolean): boolean {
    const call = chain.parent;
    if (call?.type !== 'call' || call.childForFieldName('function')?.id !== chain.id) return false;
    return this.judgesOnlyCall(call, name, test);
  }

  /** The loss `name` called by `call` (the function or the module): every argument it judges passes `test`. */
  private judgesOnlyCall(call: Node, name: string, test: (value: Node) => boolean): boolean {
    const list = call.childForFieldName('arguments');
    if (list?.type !== 'argument_list') return false;
    let judged = 0;
    let position = 0;
    for (const a of list.namedChildren) {
      if (!a || a.type === 'comment') continue;
      if (a.type === 'list_splat' || a.type === 'dictionary_splat') return false;
      const keyword = a.type === 'keyword_argument' ? a.childForFieldName('name') : null;
      const input = keyword ? isLossInputArg(name, null, text(this.source, keyword)) : isLossInputArg(name, position++, null);
      if (!input) continue;
      const value = keyword ? a.childForFieldName('value') : a;
      if (!value || !test(value)) return false;
      judged++;
    }
    return judged > 0;
  }

  /**
   * `ask` recording into `reads` what the flow stands on and looks up, and the names the answer's own
   * look-ups read (`outputs` bound earlier, the mentions of the name a module is held by): a change
   * writing one of them where it looked makes the answer read again.
   */
  private readingInto(reads: Reads | null, ask: () => boolean): boolean {
    if (!reads) return ask();
    this.wordsOf = reads;
    try {
      return this.flow.recordingInto(reads, ask);
    } finally {
      this.wordsOf = null;
    }
  }

  /** While readingInto records: the reads the names looked up go into. */
  private wordsOf: Reads | null = null;

  /** What it judges is computed by an activation in the argument itself: `torch.softmax(s, -1)`, `torch.sigmoid(p).view(-1)`, `s.softmax(1).log()`, `torch.log(p.sigmoid())`. */
  private judgesOwnActivation(chain: Node, name: string): boolean {
    return this.judgesOnly(chain, name, (value) => this.activationComputed(value));
  }

  /** What it judges is the output of a model of the file, reshaped or cast on the way (`self.critic(s).squeeze(-1)`). */
  private judgesModelOfFile(chain: Node, name: string): boolean {
    return this.judgesOnly(chain, name, (value) => this.modelOutput(value));
  }

  /**
   * The loss module built at `chain` (`self.mse = nn.MSELoss()`, `criterion = nn.MSELoss().to(device)`)
   * is held by one name and only called, every call judging the output of a model of the file
   * (`self.mse(self.critic(s), target)`): a critic's loss, which stands in for no other model's. A
   * `self.<name>` is read in its class; a plain name must be bound once in the file. Any other
   * mention of the name (handed to a function, returned, bound again), or no call: false.
   */
  private moduleJudgesModelsOfFile(chain: Node, name: string): boolean {
    const built = this.moduleBuilt(chain);
    const held = built ? this.boundName(built.parent, built) : null;
    if (!held) return false;
    const left = built!.parent!.childForFieldName('left')!;
    let from = 0;
    let to = this.source.length;
    if (left.type !== 'identifier') {
      // `self.<name>`: read in its class
      let cls: Node | null = left.parent;
      while (cls && cls.type !== 'class_definition') cls = cls.parent;
      if (!cls) return false;
      from = cls.startIndex;
      to = cls.endIndex;
    }
    // the name's mentions: its last word as a token (after `self .` for an attribute), not in a comment or string
    const word = held.slice(held.lastIndexOf('.') + 1);
    if (!word) return false; // a broken `self. = …`: no name to look for
    this.wordsOf?.word(word, from, to);
    let root: Node = chain;
    while (root.parent) root = root.parent;
    const calls: Node[] = [];
    const src = this.source;
    for (let i = src.indexOf(word, from); i >= 0 && i < to; i = src.indexOf(word, i + word.length)) {
      if ((i > 0 && isIdentPartAt(src, i - 1)) || isIdentPartAt(src, i + word.length)) continue;
      let start = i;
      if (held !== word) {
        const dot = prevNonSpace(src, i);
        if (!isDotAt(src, dot)) continue;
        const self = prevNonSpace(src, dot) - 3;
        if (self < 0 || src.slice(self, self + 4) !== 'self' || (self > 0 && isIdentPartAt(src, self - 1))) continue;
        start = self;
      } else if (isDotAt(src, prevNonSpace(src, i))) continue;
      if (start === left.startIndex) continue;
      const end = i + word.length;
      // through the forest: a mention in another run of statements than the loss's is in another tree
      const at = this.scopes.nodeAt(start, end) ?? root.descendantForIndex(start, end);
      if (at?.type === 'comment' || at?.type === 'string_content' || at?.type === 'string') continue;
      let node: Node | null = at;
      while (node && !(node.startIndex === start && node.endIndex === end && (node.type === 'identifier' || node.type === 'attribute'))) node = node.parent;
      const call = node?.parent;
      if (!node || call?.type !== 'call' || call.childForFieldName('function')?.id !== node.id) return false;
      // what it judges is a call at all (`self.critic(s)`, not `outputs`): read before any flow
      if (!this.judgesOnlyCall(call, name, (value) => this.modelOutput(value, true))) return false;
      calls.push(call);
    }
    return calls.length > 0 && calls.every((call) => this.judgesOnlyCall(call, name, (value) => this.modelOutput(value)));
  }

  /** `value` is the output of a model of the file, reshaped or cast on the way (`shape`: a call of a name or a `self.<name>`, whatever it holds). */
  private modelOutput(value: Node, shape = false, depth = 0): boolean {
    let n: Node | null = value;
    for (let i = 0; n && i < 4; i++) {
      if (n.type === 'parenthesized_expression') { n = n.namedChild(0); continue; }
      // `outputs = model(images)` … `criterion(outputs.squeeze(1), y)`: the value the name was last given before
      if (n.type === 'identifier' && depth < 2) { this.wordsOf?.word(text(this.source, n), 0, this.source.length); const v = this.lastValueBefore(n); return !!v && this.modelOutput(v, shape, depth + 1); }
      const fn: Node | null = n.type === 'call' ? n.childForFieldName('function') : null;
      const m = fn?.type === 'attribute' ? text(this.source, fn.childForFieldName('attribute') ?? fn) : '';
      if (!fn || !(RESHAPE_METHODS.has(m) || MODULE_SELF_METHODS.has(m) || m === 'contiguous')) break;
      n = fn.childForFieldName('object');
    }
    if (n?.type !== 'call') return false;
    if (!shape) return this.flow.callsModelOfFile(n);
    const f = n.childForFieldName('function');
    if (f?.type === 'attribute') return f.childForFieldName('object')?.type === 'identifier';
    if (f?.type !== 'identifier') return false;
    // a parameter (`def train(model, …)`) holds whatever its callers give: no model of this file read here
    const called = text(this.source, f);
    for (let p: Node | null = n.parent; p; p = p.parent) {
      if (p.type !== 'function_definition' && p.type !== 'lambda') continue;
      const params = p.childForFieldName('parameters');
      return !params || !params.descendantsOfType('identifier').some((i) => i?.text === called);
    }
    return true;
  }

  /**
   * The value a plain `name = value` gave the name last before `use`, in the function (or module)
   * around it, or null (no such binding, or the name is bound otherwise there: a loop target, a
   * starred or nested target, an augmented assignment). For `name, other = value`: the value unpacked.
   */
  private lastValueBefore(use: Node): Node | null {
    const name = text(this.source, use);
    let scope: Node | null = use.parent;
    while (scope && scope.type !== 'function_definition' && scope.type !== 'lambda' && scope.type !== 'module') scope = scope.parent;
    if (!scope || scope.type === 'lambda') return null;
    let found: Node | null = null;
    for (const a of this.bindersIn(scope)) {
      if (!a || a.startIndex >= use.startIndex) continue;
      const left = a.type === 'with_item' ? null : a.childForFieldName(a.type === 'named_expression' ? 'name' : 'left');
      if (a.type === 'with_item') { if (a.descendantsOfType('as_pattern_target').some((t) => !!t && text(this.source, t) === name)) return null; continue; }
      if (!left) continue;
      if (left.type === 'identifier') {
        if (text(this.source, left) !== name) continue;
        if (a.type !== 'assignment') return null;
        found = a.childForFieldName('right');
      } else if (a.type === 'assignment' && (left.type === 'pattern_list' || left.type === 'tuple_pattern') && left.namedChildren.some((t) => t?.type === 'identifier' && text(this.source, t) === name)) {
        // `probs, value = model(state)`: one of the values the call returns (a starred or nested target: not read)
        if (!left.namedChildren.every((t) => t?.type === 'identifier' || t?.type === 'comment')) return null;
        found = a.childForFieldName('right');
      } else if (left.descendantsOfType('identifier').some((i) => !!i && text(this.source, i) === name && i.parent?.type !== 'attribute')) return null;
    }
    return found;
  }

  /**
   * The statements and expressions that may bind a name in `scope` (lastValueBefore's), in order:
   * walked once per scope, not once per value asked about (a module-level training loop calling
   * its loss module on each batch asked for the whole file's each time).
   */
  private bindersIn(scope: Node): readonly (Node | null)[] {
    const kept = this.binders.get(scope.id);
    if (kept && kept.start === scope.startIndex && kept.end === scope.endIndex) return kept.nodes;
    const nodes = scope.descendantsOfType(['assignment', 'augmented_assignment', 'for_statement', 'with_item', 'named_expression']);
    this.binders.set(scope.id, { start: scope.startIndex, end: scope.endIndex, nodes });
    return nodes;
  }

  private readonly binders = new Map<number, { start: number; end: number; nodes: readonly (Node | null)[] }>();

  /** `expr` is an activation's value, reshaped, cast or logged on the way (the method chain, a torch function's first argument). */
  private activationComputed(expr: Node): boolean {
    let n: Node | null = expr;
    for (let i = 0; n && i < 8; i++) {
      if (n.type === 'parenthesized_expression') { n = n.namedChild(0); continue; }
      if (n.type !== 'call') return false;
      const fn = n.childForFieldName('function');
      if (!fn) return false;
      const path = this.torchPath(fn);
      if (path) {
        if (resolvePath(path).what === 'activation') return true;
        if (!KEEPS_VALUES.has(path.slice(path.lastIndexOf('.') + 1))) return false;
        n = n.childForFieldName('arguments')?.namedChild(0) ?? null; // `torch.log(p)`, `torch.clamp(p, eps)`
        continue;
      }
      if (fn.type !== 'attribute') return false;
      const attr = fn.childForFieldName('attribute');
      if (attr && tensorMethodNames().has(text(this.source, attr))) return true; // `s.softmax(1)`
      n = fn.childForFieldName('object'); // `.view(-1)`, `.to(dtype)`, `.log()`
    }
    return false;
  }

  /** Every loss of the file, in source order (each one checked against the tree). */
  get losses(): LossUse[] {
    return (this.allLosses ??= this.lossSlots.map((s) => this.checkLoss(s)).filter((l): l is LossUse => l !== null));
  }

  /**
   * The names of the file's losses, each once, in the order they first appear: `losses` without
   * checking every place (only until each name is confirmed once).
   */
  lossNames(): string[] {
    if (this.names) return this.names;
    const seen = new Set<string>();
    for (const slot of this.lossSlots) if (!seen.has(slot.name) && this.checkLoss(slot)) seen.add(slot.name);
    return (this.names = [...seen]);
  }

  /**
   * Sets `use.loss` as lossAttacher would from every loss of the file: with one kind of loss in the
   * file, or for an output layer, the nearest loss (the earlier one on a tie). Places are checked
   * from the nearest outwards, and only until one is a loss.
   */
  attachLoss(use: ActivationUse, open?: boolean): void {
    if (!(open ?? needsFileLoss.has(use))) return; // the flow said which loss, or that there is none
    // The kinds of loss the file trains with outside its models' own code (as lossAttacher counts them).
    const kinds = new Set<string>();
    const seen = new Set<string>();
    for (const slot of this.lossSlots) {
      if (seen.has(slot.name)) continue;
      const l = this.checkLoss(slot);
      if (l && !lossInModelCode.has(l)) { seen.add(slot.name); kinds.add(lossKind(slot.name)); }
    }
    if (kinds.size === 0) return;
    if (kinds.size !== 1 && use.role !== 'output') return;
    const line = use.range.line;
    const lineOf = (slot: FileReader['lossSlots'][number]) => (slot.line ??= this.rowOf(slot.e.nameStart));
    const order = this.lossSlots.map((slot, i) => ({ slot, i, d: Math.abs(lineOf(slot) - line) })).sort((a, b) => a.d - b.d || a.i - b.i);
    for (const { slot } of order) {
      const loss = this.checkLoss(slot);
      if (loss && !lossInModelCode.has(loss)) { use.loss = loss.name; if (loss.range) use.lossRange = loss.range; lossAssumed.add(use); return; }
    }
  }

  /**
   * torchPath's answers by node, once the constructor has read the imports, aliases and bindings
   * they depend on: the flow asks about the same callees for every value passing them.
   */
  private paths: Map<number, string | null> | undefined;

  /** The PyTorch path a dotted name means here (`F.linear` → torch.nn.functional.linear), or null. */
  torchPath(fn: Node): string | null {
    const paths = this.paths;
    if (!paths) return this.pathOf(fn);
    let path = paths.get(fn.id);
    if (path === undefined) paths.set(fn.id, (path = this.pathOf(fn)));
    return path;
  }

  private pathOf(fn: Node): string | null {
    const type = fn.type;
    if (type !== 'identifier' && type !== 'attribute') return null;
    const { source } = this;
    // A chain starts with its root: where the text there is a plain ASCII name, that name is the
    // root's (the dotted name must then run to the chain's end, which a call or a subscript on the
    // way stops short of), without asking the tree for each link of the chain.
    let start = fn.startIndex;
    let end = start;
    while (end < source.length && isAsciiIdentPart(source.charCodeAt(end))) end++;
    if (type === 'identifier' || end === start || isDigit(source.charCodeAt(start)) || source.charCodeAt(end) > 127) {
      const root = chainRoot(fn);
      if (!root) return null;
      start = root.startIndex;
      end = root.endIndex;
    }
    const rootName = source.slice(start, end);
    if (!this.env.torch.has(rootName) || !this.visibility.isTorch(rootName, () => this.scopes.at(start))) return null;
    const dotted = dottedNameAt(source, start, end, MAX_CHAIN);
    if (dotted.lastEnd !== fn.endIndex) return null;
    return [this.env.torch.get(rootName)!, ...dotted.parts.slice(1)].join('.');
  }

  /** `F.cross_entropy`, `nn.CrossEntropyLoss`, `cross_entropy` (imported): the loss such a name means here, and where its name is written. */
  lossNamed(fn: Node): LossHit | null {
    const path = this.torchPath(fn);
    if (!path) return null;
    const resolved = resolvePath(path);
    if (resolved.what !== 'loss') return null;
    const last = fn.type === 'attribute' ? fn.childForFieldName('attribute') ?? fn : fn;
    const hit: LossHit = { name: resolved.name, range: rangeOf(last) };
    // `nn.KLDivLoss(reduction="batchmean", log_target=True)`, `F.kl_div(p, q, log_target=True)`: the target is read as log-probabilities (AL109)
    if (lossKind(resolved.name) === 'KLDivLoss' && this.logTargetGiven(fn)) hit.logTarget = true;
    return hit;
  }

  /** The call of `fn` (a KL loss built or called) gives `log_target=True`. */
  private logTargetGiven(fn: Node): boolean {
    const call = fn.parent;
    if (call?.type !== 'call' || call.childForFieldName('function')?.id !== fn.id) return false;
    for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
      if (a?.type !== 'keyword_argument') continue;
      const name = a.childForFieldName('name');
      const value = a.childForFieldName('value');
      if (name && value && this.source.slice(name.startIndex, name.endIndex) === 'log_target') return value.type === 'true';
    }
    return false;
  }

  /** The dotted path a name imported from outside PyTorch means here (`models.resnet18` → torchvision.models.resnet18), or null. */
  foreignPath(fn: Node): string | null {
    if (fn.type !== 'identifier' && fn.type !== 'attribute') return null;
    const root = chainRoot(fn);
    if (!root) return null;
    const name = this.source.slice(root.startIndex, root.endIndex);
    const target = this.env.other.get(name);
    if (target === undefined || !this.isForeign(name)) return null;
    const dotted = dottedNameAt(this.source, root.startIndex, root.endIndex, MAX_CHAIN);
    if (dotted.lastEnd !== fn.endIndex) return null;
    return [target, ...dotted.parts.slice(1)].join('.');
  }

  importsForeign(path: RegExp): boolean {
    for (const target of this.env.other.values()) if (path.test(target)) return true;
    return false;
  }

  isForeign(name: string): boolean {
    return this.env.other.has(name) && !this.env.torch.has(name);
  }

  bindsAny(paths: ReadonlySet<string>): boolean {
    for (const p of this.env.torch.values()) if (paths.has(p)) return true;
    return false;
  }

  private lineStarts: number[] | undefined;
  /** Row of an offset, from the text (rows count '\n', as the tree's positions do). */
  private rowOf(index: number): number {
    return unitAt((this.lineStarts ??= lineStartsOf(this.source)), index);
  }

  /**
   * Could reading this occurrence bind a name, find a loss, a Sequential or an alias? Otherwise
   * it can at most propose a use (a member after a dot, a dotted name ending in anything else).
   * Errs on the side of yes: `visit` decides.
   */
  private fileWide(occ: Occurrence): boolean {
    const { source } = this;
    if (isDotAt(source, prevNonSpace(source, occ.start))) return false;
    if (!this.env.torch.has(occ.name)) return false;
    const last = lastPartAt(source, occ.start, occ.start + occ.name.length, MAX_CHAIN);
    if (last === occ.start) return true;
    let end = last + 1;
    while (end < source.length && isIdentPartAt(source, end)) end++;
    const leaves = FILE_WIDE_LEAVES();
    return leaves.shapes.has((end - last) * 65536 + source.charCodeAt(last)) && leaves.names.has(source.slice(last, end));
  }

  /** Reads one occurrence: proposes a candidate use, or records what it says about the file. */
  private visit(occ: Occurrence, seq: number, facts: FileFacts): void {
    const { source, scopes, env, methods, parentOf } = this;
    const { bindings, eager } = facts;

    // Where the text alone proves there is nothing to report (a member that is never called, a
    // module's member, a dotted name PyTorch does not define as an activation or loss) the tree
    // is never consulted.
    const end = occ.start + occ.name.length;
    const before = prevNonSpace(source, occ.start);
    if (isDotAt(source, before)) {
      // `<receiver>.name`: only ever a Tensor method call.
      if (!methods.has(occ.name) || source.charCodeAt(nextNonSpace(source, end)) !== 40 /* ( */) return;
      const recvEnd = prevNonSpace(source, before) + 1;
      const recvStart = tokenStartBefore(source, recvEnd);
      if (recvStart >= 0 && !isDotAt(source, prevNonSpace(source, recvStart))) {
        const receiver = source.slice(recvStart, recvEnd);
        if (env.torch.has(receiver) || env.other.has(receiver) || receiver === 'self' || receiver === 'cls') return;
      }
      this.addCandidate({ seq, kind: 'method', name: occ.name, nameStart: occ.start, nameEnd: end });
      return;
    }
    if (!env.torch.has(occ.name)) return;
    const dotted = dottedNameAt(source, occ.start, end, MAX_CHAIN);
    if (dotted.parts.length > 1) {
      // `F.relu`, `torch.nn.Softmax`: a reference (never a binding), resolved from the import table.
      const path = [env.torch.get(occ.name)!, ...dotted.parts.slice(1)].join('.');
      const resolved = resolvePath(path);
      if (resolved.what === 'other') { this.tryAlias(occ, path, dotted.lastEnd, facts); return; }
      if (resolved.what === 'activation') {
        this.addCandidate({ seq, kind: 'ref', root: occ.name, start: occ.start, chainEnd: dotted.lastEnd, parts: dotted.parts, resolved, nameStart: dotted.lastStart, nameEnd: dotted.lastEnd });
        return;
      }
      // Sequentials and losses are checked against the tree when something asks about them.
      const chain = resolved.what === 'sequential' || resolved.what === 'loss' ? null : this.dottedNode(occ.start, dotted.lastEnd);
      if (chain === undefined) return;
      eager.push({ root: occ.name, start: occ.start, chain, end: dotted.lastEnd, resolved, nameStart: dotted.lastStart, nameEnd: dotted.lastEnd });
      return;
    }
    const leaf = scopes.nodeAt(occ.start, end);
    if (!leaf || leaf.type !== 'identifier' || leaf.startIndex !== occ.start || leaf.endIndex !== end) return;
    const parent = parentOf(leaf);
    if (parent?.type === 'attribute' && parent.endIndex === end && parent.startIndex !== occ.start) {
      // A member written across lines inside brackets (`x\n.relu()`).
      if (methods.has(occ.name)) this.addCandidate({ seq, kind: 'method', name: occ.name, nameStart: occ.start, nameEnd: end, attribute: parent });
      return;
    }
    if (parent?.type === 'attribute') return; // `relu\n.x` across lines: not worth guessing
    const role = nameRole(leaf, parentOf);
    if (role.kind === 'ignore') return;
    if (role.kind === 'binding') {
      const at = role.scopeOf;
      // `except ImportError: F = None` is the fallback for when the import failed: where the
      // import worked (the only case PyTorch code runs in), the name is still PyTorch's.
      if (inExceptClause(at, parentOf)) return;
      const scope = at.type === 'function_definition' || at.type === 'class_definition' ? scopes.enclosing(at) : scopes.of(at);
      bindings.push({ name: occ.name, start: occ.start, scope });
      return;
    }
    const path = env.torch.get(occ.name)!;
    const resolved = resolvePath(path);
    if (resolved.what === 'other') { this.tryAlias(occ, path, end, facts); return; }
    if (resolved.what === 'activation') {
      this.addCandidate({ seq, kind: 'ref', root: occ.name, start: occ.start, chainEnd: end, parts: [occ.name], resolved, nameStart: occ.start, nameEnd: end, leaf });
    } else {
      eager.push({ root: occ.name, start: occ.start, chain: leaf, end, resolved, nameStart: occ.start, nameEnd: end });
    }
  }

  /** Made once: `visit` runs for thousands of occurrences. */
  private readonly parentOf = (n: Node) => this.scopes.parentOf(n);

  /** `F2 = torch.nn.functional` at module level: records F2 as a new name for the module. */
  private tryAlias(occ: Occurrence, path: string, chainEnd: number, facts: FileFacts): void {
    const { source, scopes } = this;
    if (!ALIASABLE.has(path)) return;
    const eq = prevNonSpace(source, occ.start);
    if (source[eq] !== '=' || '=!<>:+-*/%&|^@'.includes(source[eq - 1] ?? '')) return;
    const nameEnd = prevNonSpace(source, eq) + 1;
    const nameStart = tokenStartBefore(source, nameEnd);
    if (nameStart < 0 || scopes.at(nameStart).kind !== 'module') return;
    const lineStart = prevNonSpace(source, nameStart);
    if (lineStart >= 0 && source[lineStart] !== '\n' && source[lineStart] !== ';') return;
    const assignment = scopes.nodeAt(nameStart, chainEnd);
    if (assignment?.type !== 'assignment' || assignment.startIndex !== nameStart) return;
    facts.aliases.set(source.slice(nameStart, nameEnd), { path, start: nameStart });
  }

  /**
   * The smallest node spanning the whole dotted name [start, end) is that attribute, unless the
   * text lied (inside a string or a comment there is no attribute node): undefined then.
   */
  private dottedNode(start: number, end: number): Node | undefined {
    const chain = this.scopes.nodeAt(start, end);
    if (!chain || chain.type !== 'attribute' || chain.startIndex !== start || chain.endIndex !== end) return undefined;
    return chain;
  }

  private addCandidate(c: Candidate): void {
    this.candidates.push(c);
    if (this.complete) return;
    const list = this.byStart.get(c.nameStart);
    if (list) list.push(c);
    else this.byStart.set(c.nameStart, [c]);
  }

  /** The scans of this text, for the next version (and the candidates once all are known: `reusable`). */
  readonly scans: { names?: Scan; methods?: Scan } = {};

  /** `scanIdentifiers` of this text, or the previous version's scan moved by the edit (scan.ts). */
  private scanned(kind: 'names' | 'methods', names: ReadonlySet<string>): { found: Occurrence[]; capped: boolean } {
    const old = this.prior?.scans?.[kind];
    let r: { found: Occurrence[]; capped: boolean } | undefined;
    if (old && !old.capped && old.names.size === names.size && [...names].every((n) => old.names.has(n))) {
      const found = movedOccurrences(old.found, this.prior!.text, this.source, names);
      if (found.length <= MAX_CANDIDATES) r = { found, capped: false };
    }
    r ??= scanIdentifiers(this.source, names, MAX_CANDIDATES);
    this.scans[kind] = { names, ...r };
    return r;
  }

  /** Every candidate, once all are known and the file's names read in one round (what the next version may take over). */
  get reusable(): readonly Candidate[] | undefined {
    return this.complete && this.fingerprint ? this.candidates : undefined;
  }

  /**
   * Reads every occurrence as readAll does, taking over the previous version's candidates outside
   * the statements the edit changed: what an occurrence proposes depends on its own statement's
   * text and tree and on the file's names, all unchanged there (changeFromPrior). Only the
   * occurrences in the changed statements are read. False when nothing can be taken over.
   */
  private takeOverCandidates(): boolean {
    const old = this.prior?.candidates;
    if (!old || this.complete) return false;
    const ch = this.changeFromPrior(true);
    if (!ch) return false;
    const from = ch.start;
    const to = ch.oldEnd + ch.delta;
    const methods = this.allMethodOccurrences().found;
    // What this version read already (the constructor's file-wide occurrences, a hover's line) proposed its own candidates.
    const read = new Set<number>(this.methodsVisited);
    for (let i = 0; i < this.found.length; i++) if (this.visited[i]) read.add(this.found[i]!.start);
    for (const c of old) {
      if ((c.seq >= ch.start && c.seq < ch.oldEnd) || (c.nameStart >= ch.start && c.nameStart < ch.oldEnd)) continue;
      const seq = movedOffset(ch, c.seq);
      if (read.has(seq)) continue;
      const nameStart = movedOffset(ch, c.nameStart);
      const nameEnd = movedOffset(ch, c.nameEnd);
      this.addCandidate(c.kind === 'ref'
        ? { seq, kind: 'ref', root: c.root, start: movedOffset(ch, c.start), chainEnd: movedOffset(ch, c.chainEnd), parts: c.parts, resolved: c.resolved, nameStart, nameEnd }
        : { seq, kind: 'method', name: c.name, nameStart, nameEnd, ...((c.attribute || c.refind) && { refind: true }) });
    }
    const inside = (x: number) => x >= from && x < to;
    for (let i = 0; i < this.found.length; i++) {
      if (this.visited[i]) continue;
      this.visited[i] = 1;
      if (inside(this.found[i]!.start)) this.visit(this.found[i]!, this.found[i]!.start, this.noFacts);
    }
    for (const occ of methods) {
      if (this.methodsVisited.has(occ.start)) continue;
      this.methodsVisited.add(occ.start);
      if (inside(occ.start)) this.visit(occ, occ.start, this.noFacts);
    }
    return true;
  }

  /** Reads every occurrence not read yet (first round). */
  private readAll(): void {
    if (this.takeOverCandidates()) return;
    for (let i = 0; i < this.found.length; i++) {
      if (this.visited[i]) continue;
      this.visited[i] = 1;
      this.visit(this.found[i]!, this.found[i]!.start, this.noFacts);
    }
    for (const occ of this.allMethodOccurrences().found) {
      if (this.methodsVisited.has(occ.start)) continue;
      this.methodsVisited.add(occ.start);
      this.visit(occ, occ.start, this.noFacts);
    }
  }

  private allMethodOccurrences(): { found: Occurrence[]; capped: boolean } {
    return (this.methodsFound ??= this.scanned('methods', this.methodOnly));
  }

  /** Did the file hold more candidates than are read (MAX_CANDIDATES)? Looks through the whole text. */
  get capped(): boolean {
    return this.namesCapped || this.allMethodOccurrences().capped;
  }

  /** All candidates are known: sort them as the whole-file reading orders them. */
  private finish(): void {
    this.complete = true;
    this.byStart.clear();
    this.candidates.sort((a, b) => a.nameStart - b.nameStart || a.seq - b.seq);
  }

  private warmed = 0;
  private warmedUses = 0;

  /**
   * What all() does, a slice of about `sliceMs` at a time: true once every candidate is verified.
   * A caller on the editor's only thread (the findings of a large file) yields between slices so a
   * hover is not kept waiting for the whole file; all() then only collects what is memoised.
   */
  warm(sliceMs: number): boolean {
    const t0 = clock();
    if (!this.complete) { this.readAll(); this.finish(); }
    this.changeFromPrior(true);
    while (this.warmed < this.candidates.length && this.warmedUses < MAX_USES) {
      if (this.use(this.candidates[this.warmed++]!)) this.warmedUses++;
      if (clock() - t0 > sliceMs) break;
    }
    return this.warmed >= this.candidates.length || this.warmedUses >= MAX_USES;
  }

  /** Every use in the file, in source order (at most MAX_USES). */
  all(defer = false): PendingUse[] {
    const out = this.collect(defer);
    if (!this.reusedAny || !this.orderDependent) return out;
    // A verdict followed again met a recursion guard or the step budget: what it found may hang
    // on what was computed before it, which differs when others were taken over. Read anew.
    this.prior = undefined;
    this.change = null;
    this.reusedAny = false;
    this.verified.clear();
    this.records.clear();
    this.counts.reused = this.counts.read = 0;
    this.flow = new Flow(this, this.record);
    return this.collect();
  }

  private collect(defer = false): PendingUse[] {
    if (!this.complete) { this.readAll(); this.finish(); }
    this.changeFromPrior(true);
    const out: PendingUse[] = [];
    for (let i = 0; i < this.candidates.length && out.length < MAX_USES; i++) {
      const p = this.use(this.candidates[i]!, defer);
      if (p) out.push(p);
    }
    out.sort((a, b) => a.use.range.line - b.use.range.line || a.use.range.column - b.use.range.column);
    return out;
  }

  /**
   * The use whose name covers `offset` (end included), if any: of the candidates proposed at that
   * name, the last one that is a use (as in the whole-file list). Before every occurrence was
   * read, only those that may propose this name are: the ones on its logical line, up to it
   * (a dotted name never spans a line break but an escaped one).
   */
  at(offset: number): PendingUse | undefined {
    const { source } = this;
    let start = offset;
    if (!(start < source.length && isIdentPartAt(source, start))) start--;
    if (start < 0 || !isIdentPartAt(source, start)) return undefined;
    while (start > 0 && isIdentPartAt(source, start - 1)) start--;
    let here: Candidate[];
    if (this.complete) {
      let lo = 0;
      let hi = this.candidates.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.candidates[mid]!.nameStart < start) lo = mid + 1; else hi = mid;
      }
      here = [];
      for (let i = lo; i < this.candidates.length && this.candidates[i]!.nameStart === start; i++) here.push(this.candidates[i]!);
    } else {
      this.readLineUpTo(start);
      here = [...(this.byStart.get(start) ?? [])].sort((a, b) => a.seq - b.seq);
    }
    for (let k = here.length - 1; k >= 0; k--) {
      const c = here[k]!;
      if (offset > c.nameEnd) return undefined;
      const p = this.use(c);
      if (p) return p;
    }
    return undefined;
  }

  /**
   * The innermost use whose call (or dotted name) holds `offset` though its name does not: the
   * cursor on `x` in `F.relu(x)` or on the `F`. Asks the tree for the node there and climbs
   * through the calls and dotted names around it.
   */
  covering(offset: number): PendingUse | undefined {
    if (offset < 0 || offset > this.source.length) return undefined;
    // The end of a call counts (VS Code puts the cursor after its `)`): climb from the character before it too.
    let best: PendingUse | undefined;
    for (const at of offset > 0 ? [offset, offset - 1] : [offset]) {
      let node = this.scopes.nodeAt(at, Math.min(at + 1, this.source.length));
      for (let i = 0; node && i < 24; node = this.scopes.parentOf(node), i++) {
        const t = node.type;
        if (t === 'module' || t === 'block' || t.endsWith('_statement') || t === 'function_definition' || t === 'class_definition') break;
        const fn = t === 'call' ? node.childForFieldName('function') : t === 'attribute' ? node : null;
        const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute') : fn?.type === 'identifier' ? fn : null;
        if (!name) continue;
        const p = this.at(name.startIndex);
        const call = p?.expr.type === 'call' ? p.expr : null;
        if (!p || !call || !p.use.callRange || call.startIndex > offset || offset > call.endIndex) continue;
        if (!best || innerCall(p.use.callRange, best.use.callRange!)) best = p;
      }
    }
    return best;
  }

  /** Reads the occurrences of the logical line of `index`, up to `index`. */
  private readLineUpTo(index: number): void {
    const { source, found } = this;
    let nl = source.lastIndexOf('\n', index - 1);
    while (nl > 0 && isLineBreakContinued(source, nl)) nl = source.lastIndexOf('\n', nl - 1);
    const lineStart = nl + 1;
    let lo = 0;
    let hi = found.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (found[mid]!.start < lineStart) lo = mid + 1; else hi = mid;
    }
    for (let i = lo; i < found.length && found[i]!.start <= index; i++) {
      if (this.visited[i]) continue;
      this.visited[i] = 1;
      this.visit(found[i]!, found[i]!.start, this.noFacts);
    }
    // Method names on the line, up to the identifier holding `index`.
    let end = index;
    while (end < source.length && isIdentPartAt(source, end)) end++;
    const methods = this.methodsFound ? this.methodsFound.found.filter((o) => o.start >= lineStart && o.start <= index)
      : scanIdentifiersIn(source, this.methodOnly, lineStart, end);
    for (const occ of methods) {
      if (occ.start > index || this.methodsVisited.has(occ.start)) continue;
      this.methodsVisited.add(occ.start);
      this.visit(occ, occ.start, this.noFacts);
    }
  }

  private use(c: Candidate, defer = false): PendingUse | null {
    let p = this.verified.get(c);
    if (p && !defer && this.unjudged.has(p)) this.settle(p);
    if (p === undefined) {
      p = this.reused(c);
      if (p === undefined) {
        this.counts.read++;
        p = c.kind === 'ref' ? this.reference(c) : this.method(c);
        let reads: Reads | null = this.record ? new Reads() : null;
        if (p) {
          if (p.use.id === 'identity' && !this.identityInSlot(p.expr)) p = null;
          else if (defer && !this.record) this.unjudged.add(p);
          else {
            this.judge(p);
            if (reads) reads = this.flow.lastReads;
            if (reads && (reads.tainted || reads.cost > MAX_FLOW_COST)) { this.orderDependent = true; reads = null; }
          }
        }
        // What the candidate's own statement says (its spelling, arguments, the names in scope there).
        if (reads) {
          const units = this.statements;
          const i = unitAt(units, c.nameStart);
          reads.unit(units[i]!, i + 1 < units.length ? units[i + 1]! : this.source.length);
        }
        if (this.record) {
          this.records.set(recordKey(c.kind, c.seq), {
            nameStart: c.nameStart, use: p ? snapshot(p.use) : null, open: !!p && needsFileLoss.has(p.use),
            exprStart: p?.expr.startIndex ?? 0, exprEnd: p?.expr.endIndex ?? 0, exprType: p?.expr.type ?? '', reads,
          });
        }
      }
      this.verified.set(c, p);
    }
    return p;
  }

  /**
   * How the previous version maps onto this one, or null when nothing of it may be reused. Where
   * every use is read (`all`), the runs the edit changed are parsed to see whether statements
   * beside the edit kept their subtrees; a hover parses no more than it needs (its runs whole).
   */
  private changeFromPrior(parse = false): TextChange | null {
    if (this.change !== undefined) return this.change;
    const prior = this.prior;
    this.change = null;
    if (!prior || !this.fingerprint || prior.fingerprint !== this.fingerprint || this.forest.size < 2 || prior.runs.length < 2) return null;
    const forest = this.forest;
    return (this.change = textChange(
      { text: prior.text, statements: prior.statements, runs: prior.runs, errors: (k) => prior.runErrors[k] },
      { text: this.source, statements: forest.statementStarts, runs: forest.chunks, errors: (k) => forest.errorIn(k, parse) },
    ));
  }

  private words: WordIndex | undefined;
  /** The previous version's word index moved by the edit when there is one (read only where asked), else this text's own. */
  wordIndex(): WordIndex {
    if (this.words) return this.words;
    const ch = this.changeFromPrior();
    return (this.words = (ch && this.prior?.words?.moved(ch, this.source)) || WordIndex.of(this.source));
  }

  /** Where each top-level statement starts (the units verdicts read: reads.ts). */
  get statements(): readonly number[] {
    return this.forest.statementStarts;
  }

  /** The previous version's answer for this candidate, moved by the edit, if nothing it read changed; undefined otherwise. */
  private reused(c: Candidate): PendingUse | null | undefined {
    const ch = this.changeFromPrior();
    if (!ch) return undefined;
    const seq = oldOffset(ch, c.seq);
    const nameStart = oldOffset(ch, c.nameStart);
    if (seq < 0 || nameStart < 0) return undefined;
    const key = recordKey(c.kind, seq);
    const rec = this.prior!.records.get(key);
    if (!rec || rec.nameStart !== nameStart || !carryRecord(rec, ch, MAX_FLOW_COST)) return undefined;
    rec.nameStart = c.nameStart;
    rec.exprStart = movedOffset(ch, rec.exprStart);
    rec.exprEnd = movedOffset(ch, rec.exprEnd);
    this.records.set(recordKey(c.kind, c.seq), rec);
    this.reusedAny = true;
    this.counts.reused++;
    const use = useOf(rec);
    return use && new TakenOver(use, this, rec.exprStart, rec.exprEnd, rec.exprType, rec.open);
  }

  /** The node of that type spanning exactly [start, end) (the smallest such, else the smallest spanning it). */
  nodeSpanning(start: number, end: number, type: string): Node {
    let n = this.scopes.nodeAt(start, end)!;
    for (let p: Node | null = n, i = 0; p && p.startIndex === start && p.endIndex === end && i < 16; p = this.scopes.parentOf(p), i++) {
      if (p.type === type) { n = p; break; }
    }
    return n;
  }

  /** Uses read with their role left to be found (`all(true)`, a reader that records nothing): `settle` finds it. */
  private readonly unjudged = new Set<PendingUse>();

  /** Has this use's role been found (it always has, unless `all(true)` left it)? */
  judged(p: PendingUse): boolean {
    return !this.unjudged.has(p);
  }

  /**
   * Finds the role, loss and gate `all(true)` left to be found. `unlessHidden`: not where the value
   * turns out to be inside a model (false then, and the use stays to be judged): a reader that
   * needs only a model's outputs.
   */
  settle(p: PendingUse, unlessHidden = false): boolean {
    if (!this.unjudged.delete(p)) return true;
    if (this.judge(p, unlessHidden)) return true;
    this.unjudged.add(p);
    return false;
  }

  /** Role, loss and gate from where the value goes (flow.ts); false when asked `unlessHidden` and hidden. */
  private judge(p: PendingUse, unlessHidden = false): boolean {
    const { use } = p;
    const what = use.kind === 'module' ? (use.isCall ? 'module' : 'class') : use.isCall ? 'value' : 'fn';
    const v = this.flow.verdict(p.expr, what, unlessHidden);
    if (!v) return false;
    use.role = v.role;
    if (v.loss) { use.loss = v.loss.name; use.lossRange = v.loss.range; }
    if (v.loss?.reconstruction && use.role === 'output') use.reconstructs = true;
    if (v.loss?.generated && use.role === 'output') use.generates = true;
    if (v.loss?.rescaled && use.role === 'output') use.rescaled = true;
    if (v.loss?.binaryTargets && use.role === 'output') use.binaryTargets = true;
    if (v.more && v.loss) use.moreLosses = true;
    if (v.shared) use.shared = true;
    if (v.onward) use.onward = true;
    if (v.again && PROBABILITY_OUT.has(use.id)) use.softmaxAgain = true;
    else if (v.again) use.normalizedAfter = true;
    if (v.loss?.picked) use.picked = true;
    if (v.thresholded) use.thresholded = true;
    if ((v.logged || v.normed) && v.loss) use.lossLogged = true;
    if (v.klTarget && use.isCall) {
      if (use.id === 'log_softmax' && !v.klTarget.logTarget) use.klTarget = 'log-probabilities';
      else if (PROBABILITY_OUT.has(use.id) && v.klTarget.logTarget) use.klTarget = 'probabilities';
    }
    // A gate as its id says (sigmoid, hard sigmoid); an activation of the file's own (judgeName's
    // CUSTOM) is told it multiplies another value, and its caller weighs that by what it equals.
    if (v.gate && use.role !== 'output' && (GATES.has(use.id) || use.id === CUSTOM)) use.gate = true;
    if (v.open && use.role !== null) needsFileLoss.add(use);
    if (v.ends.length) setOutputEnds(use, v.ends);
    if (LOGGED.has(use.id) && (v.logged || (use.isCall && use.kind !== 'module' && this.logOf(p.expr)))) use.logTaken = true;
    // any output the loss gets only through its log (`mse(torch.log(out), torch.log(price))`): what
    // the loss compares is the log, whose range is not the activation's (AL105)
    else if (v.logged && use.role === 'output') use.logTaken = true;
    return true;
  }

  /** The file's model factories building the imported name `local` (flow.ts factoryExports). */
  factoryExports(local: string): FactoryExport[] {
    return this.flow.factoryExports(local);
  }

  /** Where the instances of the imported name `local` go (flow.ts instanceFeeds). */
  instanceFeeds(local: string): InstanceFeed[] {
    return this.flow.instanceFeeds(local);
  }

  /** The outputs of the imported name's models handed to imported functions (flow.ts helperFeeds). */
  helperFeeds(local: string): HelperFeed[] {
    return this.flow.helperFeeds(local);
  }

  /** Where the instances of the imported name `local` are handed to other imported functions (flow.ts handOffs). */
  handOffs(local: string): HandOff[] {
    return this.flow.handOffs(local);
  }

  /** The file's own model classes handed to functions it imports from `imported` (flow.ts ownHandOffs). */
  ownHandOffs(imported: ReadonlySet<string>): HandOff[] {
    return this.flow.ownHandOffs(imported);
  }

  /** The models the file's classes hand to the imported base classes `locals` by an attribute (flow.ts baseHandOffs). */
  baseHandOffs(locals: ReadonlySet<string>): HandOff[] {
    return this.flow.baseHandOffs(locals);
  }

  /** The losses the parameter `arg` of the module-level function `fn` reaches when it holds a model (flow.ts paramFeeds). */
  paramFeeds(fn: string, arg: number | string, given?: GivenArgs, losses?: readonly CallerLoss[], handOffs?: HandOff[], asClass = false, asValue = false): InstanceFeed[] {
    return this.flow.paramFeeds(fn, arg, given, losses, handOffs, asClass, asValue);
  }

  /** The losses calls of the imported name `local` give as arguments (flow.ts lossCalls). */
  lossCalls(local: string): LossCall[] {
    return this.flow.lossCalls(local);
  }

  /** The loss the module-level function `fn` builds and returns, or null (flow.ts returnedLoss). */
  returnedLoss(fn: string): LossHit | null {
    return this.flow.returnedLoss(fn);
  }

  /** `torch.log(<expr>)` or `<expr>.log()`: the log of this very value is taken. */
  private logOf(expr: Node): boolean {
    const node = this.roles.upParens(expr);
    const p = this.scopes.parentOf(node);
    if (p?.type === 'attribute') {
      const call = this.scopes.parentOf(p);
      return p.childForFieldName('object')?.id === node.id && text(this.source, p.childForFieldName('attribute') ?? p) === 'log'
        && call?.type === 'call' && call.childForFieldName('function')?.id === p.id;
    }
    if (p?.type !== 'argument_list' || this.roles.positional(p)[0]?.id !== node.id) return false;
    const fn = this.scopes.parentOf(p)?.childForFieldName('function');
    return !!fn && this.torchPath(fn) === 'torch.log';
  }

  /**
   * Role and loss of a name the reading does not propose as a use: a user-defined activation's
   * class or function at [start, end), called (`QuickGELU()`, `swish(x)`) or passed as a value
   * (`act_layer=NewGELU`), followed by the same flow as a built-in's use. `id` only labels it.
   */
  judgeName(start: number, end: number, module: boolean, id: string): ActivationUse | null {
    const name = this.scopes.nodeAt(start, end);
    if (!name || name.type !== 'identifier' || name.startIndex !== start || name.endIndex !== end) return null;
    const call = calledBy(name, this.source, this.scopes);
    const kind: SpellingKind = module ? 'module' : 'functional';
    const use: ActivationUse = {
      id, spelling: text(this.source, name), canonical: text(this.source, name), kind, isCall: call !== null,
      inPlace: false, range: rangeOf(name), params: {}, runtimeParams: [], role: null, loss: null,
    };
    if (call) use.callRange = rangeOf(call);
    this.judge({ use, expr: call ?? name, scope: this.scopes.at(start) });
    this.attachLoss(use);
    return use;
  }

  /**
   * nn.Identity is an activation only where it fills an activation's slot: the other choice of
   * an activation (`nn.GELU() if … else nn.Identity()`), an `act_layer=`/`activation=` argument,
   * or a Sequential position after a Linear/Conv (or its norm) that no activation follows. Elsewhere
   * it stands in for a norm, a projection, a pooling or a head.
   */
  private identityInSlot(expr: Node): boolean {
    const node = this.roles.upParens(expr);
    const parent = this.roles.parentOf(node);
    if (!parent) return false;
    const isActivation = (n: Node | null): boolean => {
      if (!n) return false;
      const fn = n.type === 'call' ? n.childForFieldName('function') : n;
      if (!fn) return false;
      const path = this.torchPath(fn);
      if (path) { const r = resolvePath(path); return r.what === 'activation' && r.spec.id !== 'identity'; }
      // `act_layer()`, `self.act_fn`: a parameter or attribute holding one.
      const last = fn.type === 'attribute' ? fn.childForFieldName('attribute') : fn;
      return !!last && ACT_SLOT.test(text(this.source, last));
    };
    switch (parent.type) {
      case 'conditional_expression': {
        const branches = [parent.namedChild(0), parent.namedChild(2)];
        return branches.some((b) => b && b.id !== node.id && isActivation(this.roles.upParens(b) === b ? b : b));
      }
      case 'keyword_argument':
      case 'default_parameter':
      case 'typed_default_parameter': {
        const name = parent.childForFieldName('name');
        return !!name && ACT_SLOT.test(text(this.source, name));
      }
      case 'argument_list': {
        const call = this.roles.parentOf(parent);
        if (!call || !this.roles.isSequential(call)) return false;
        const items = this.roles.positional(parent);
        const i = items.findIndex((a) => a.id === node.id);
        if (i <= 0) return false;
        const prev = items[i - 1]!;
        const prevFn = prev.type === 'call' ? prev.childForFieldName('function') : null;
        const prevPath = prevFn ? this.torchPath(prevFn) : null;
        if (!prevPath || !WEIGHTED.test(prevPath.slice(prevPath.lastIndexOf('.') + 1))) return false;
        return !items.slice(i + 1).some((n) => isActivation(n));
      }
      default:
        return false;
    }
  }

  private reference(c: Extract<Candidate, { kind: 'ref' }>): PendingUse | null {
    const { source, scopes } = this;
    const scope = scopes.at(c.start);
    if (!this.visibility.isTorch(c.root, scope)) return null;
    let chain = c.leaf ?? null;
    if (!chain) {
      // a name alone (taken over from the previous version without its node) is an identifier, a dotted one an attribute
      chain = scopes.nodeAt(c.start, c.chainEnd);
      if (!chain || chain.type !== (c.parts.length === 1 ? 'identifier' : 'attribute') || chain.startIndex !== c.start || chain.endIndex !== c.chainEnd) return null;
    }
    const call = calledBy(chain, source, scopes, c.chainEnd);
    const { spec, kind, name, canonical } = c.resolved;
    const order = kind === 'module' ? spec.spellings.module?.args ?? [] : kind === 'tensorMethod' ? spec.spellings.methodArgs : spec.spellings.functionalArgs;
    // torch.Tensor.relu(x) takes the tensor first, like the functional forms.
    const use = this.makeUse(spec, kind, name, canonical, c.parts.join('.'), nameRangeIn(chain, source, c.nameStart, c.nameEnd), call ?? chain, call, order, kind !== 'module' ? 1 : 0, scope);
    if (!call) {
      // partial(F.leaky_relu, negative_slope=0.2): the partial's arguments after the function
      // (and, for a function, after its tensor) are the activation's
      const partial = partialOf(chain, source, scopes);
      if (partial) {
        const { params, runtime } = readArguments(partial, source, spec, order, kind === 'module' ? 1 : 2);
        use.use.params = params;
        use.use.runtimeParams = runtime;
        if (params.inplace === true) use.use.inPlace = true;
      }
    }
    return use;
  }

  private method(c: Extract<Candidate, { kind: 'method' }>): PendingUse | null {
    const { source, scopes, env } = this;
    let attribute = c.attribute ?? null;
    if (!attribute && c.refind) {
      const leaf = scopes.nodeAt(c.nameStart, c.nameEnd);
      attribute = leaf ? this.parentOf(leaf) : null;
      if (!attribute) return null;
    }
    let call: Node | null;
    if (attribute) {
      call = calledBy(attribute, source, scopes, c.nameEnd);
    } else {
      // The smallest node spanning the name and the `(` after it is the call; its function must
      // be an attribute ending with the name (not a string or a comment that looks like one).
      call = scopes.nodeAt(c.nameStart, nextNonSpace(source, c.nameEnd) + 1);
      if (call?.type !== 'call') return null;
      attribute = call.childForFieldName('function');
      if (attribute?.type !== 'attribute' || attribute.endIndex !== c.nameEnd) return null;
    }
    if (!call) return null;
    const receiver = attribute.childForFieldName('object');
    if (!receiver) return null;
    const rootName = chainRoot(receiver);
    if (rootName) {
      const name = text(source, rootName);
      // Modules are not tensors: np.tanh, math.tanh, jax.nn.relu, torch.relu (a reference), a rebound F.
      if (env.torch.has(name) || env.other.has(name)) return null;
      if (receiver.type === 'identifier' && (name === 'self' || name === 'cls')) return null;
    }
    const resolved = resolvePath('torch.Tensor.' + c.name);
    if (resolved.what !== 'activation') return null;
    const order = resolved.spec.spellings.methodArgs;
    if (!methodArityFits(call, source, order, resolved.spec)) return null;
    // `F.softmax(x3)` / `torch.nn.functional.softmax(x3)` with nothing imported (the reader keeps
    // what a method call would be, as for any receiver): its arguments are the functional form's,
    // the input first — read as a tensor's method, the input would pass for the dim.
    const last = receiver.type === 'attribute' ? receiver.childForFieldName('attribute') : receiver.type === 'identifier' ? receiver : null;
    const asModule = last ? MODULE_RECEIVERS.get(text(source, last)) : undefined;
    if (asModule) {
      const r = resolvePath(canonicalPath(asModule, c.name));
      if (r.what !== 'activation') return null;
      return this.makeUse(r.spec, r.kind, r.name, r.canonical, `${receiverSpelling(receiver, source)}.${c.name}`,
        nameRangeIn(call, source, c.nameStart, c.nameEnd), call, call, r.spec.spellings.functionalArgs, 1, scopes.of(call));
    }
    return this.makeUse(resolved.spec, 'tensorMethod', c.name, canonicalPath('tensorMethod', c.name), `${receiverSpelling(receiver, source)}.${c.name}`,
      nameRangeIn(call, source, c.nameStart, c.nameEnd), call, call, order, 0, scopes.of(call));
  }

  private makeUse(spec: ActivationSpec, kind: SpellingKind, name: string, canonical: string, spelling: string,
    nameRange: SourceRange, expr: Node, call: Node | null, order: readonly string[], skip: number, scope: Scope): PendingUse {
    const axisIsDim = canonical.startsWith('torch.') && !canonical.startsWith('torch.nn.');
    const { params, runtime } = call ? readArguments(call, this.source, spec, order, skip, axisIsDim) : { params: {}, runtime: [] };
    const deprecation = spec.spellings.deprecated?.[`${kind}.${name}`];
    const use: ActivationUse = {
      id: spec.id, spelling, canonical, kind, isCall: call !== null,
      inPlace: name.endsWith('_') && !name.startsWith('_') || params.inplace === true,
      range: nameRange, params, runtimeParams: runtime, role: null, loss: null,
    };
    if (call) use.callRange = rangeOf(call);
    if (deprecation) use.deprecation = deprecation;
    return { use, expr, scope };
  }
}

/** A use taken over from the previous version: its nodes are found only if asked for (a hover's `covering`), as most never are. */
class TakenOver implements PendingUse {
  private node: Node | undefined;
  private inScope: Scope | undefined;
  constructor(readonly use: ActivationUse, private readonly reader: FileReader, private readonly start: number, private readonly end: number, private readonly type: string, readonly open: boolean) {}
  get expr(): Node {
    return (this.node ??= this.reader.nodeSpanning(this.start, this.end, this.type));
  }
  get scope(): Scope {
    return (this.inScope ??= this.reader.scopes.at(this.start));
  }
}

/** Every use of a parsed file, with imports and losses (roles set, losses not yet attached). */
export function analyzeTree(forest: Forest, source: string, env: ImportEnv): TreeAnalysis {
  const reader = new FileReader(forest, source, env);
  return { pending: reader.all(), losses: reader.losses, imports: reader.imports, capped: reader.capped };
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
    const type = arg?.type;
    if (!arg || type === 'comment') continue;
    if (type === 'keyword_argument') {
      const name = arg.childForFieldName('name');
      if (!name || !allowed.has(text(source, name))) return false;
    } else if (type !== 'dictionary_splat' && type !== 'list_splat') positional++;
  }
  return positional <= order.length;
}
