// Where an activation's value goes, and what that makes it (see /docs of the team: value-flow).
// The value is followed through the file's own code: local variables, reshapes, torch.cat,
// residual sums, helper methods and functions, the modules and Sequentials that hold it and the
// classes that build them, until it reaches a model's output, another layer, a product (a gate),
// a loss call, or nothing. Names are asked only where the flow ends in code the file does not
// have. Work is proportional to the scopes a value passes through; per-class answers are kept.
import type { Node } from 'web-tree-sitter';
import { nameRole, type Scope, type ScopeIndex } from './scopes';
import { flattensToVectors, methodTable, looksLikeBlock, looksLikeLoss, nameTie, superInitCall, type RoleContext } from './roles';
import { isIdentPartAt, isIdentStartAt, isDotAt, prevNonSpace, nextCodeChar, nextNonSpace } from './scan';
import { WORD_CAP, type WordIndex } from './wordIndex';
import type { Role, SourceRange } from './types';
import { isLossInputArg, isModuleLoss } from './losses';
import { lossExpects, lossKind } from '../advice/losses';
import { Reads, unitAt } from './reads';
import { callTakes, type ArmExpr, type ArmTest, type CallArgs } from './armTest';
import { evaluate, literalOf, STRING_FOLDS, type Operand, type PyValue, type StringFold, type Tri } from './branches';
import { ACTIVATIONS, lookupSpelling, type ActivationSpec } from '../catalog';
import { resolvePath } from './names';
import { evaluateLiteral } from './literals';
import { headOfModel, isHead, isHeadOfSome, torchvisionBuilder } from './torchvision';

/** Libraries whose objects score predictions (a value called into one is measured, not computed on). */
const METRICS = /^(torchmetrics|sklearn\.metrics|ignite\.metrics)(\.|$)/;

/** An occurrence of a name looked at (its step spent) but not asked of the tree: its text said it does not matter. */
const UNASKED = 0;
const AUTOGRAD_FUNCTION = new Set(['torch.autograd.Function', 'torch.autograd.function.Function']);

export interface LossHit {
  name: string;
  range: SourceRange;
  /** A regression loss comparing the value with the input of the model that computed it (an autoencoder's reconstruction). */
  reconstruction?: boolean;
  /** A regression loss on a value that also reaches a loss through another network (a GAN generator's image: its L1 term beside the discriminator's loss). */
  generated?: boolean;
  /** A regression loss on the value scaled or shifted by constants on the way (`torch.sigmoid(x) * 4 + 1` for 1–5 ratings): a range the code chose. */
  rescaled?: boolean;
  /** A regression loss whose targets the file writes as 0/1 labels (`torch.tensor([[1.0], [0.0]])`, `torch.ones(n, 1)`): a binary classification. */
  binaryTargets?: boolean;
  /** The value was normalized again by softmax or log_softmax on the way (AL108: probabilities softmaxed twice). */
  again?: boolean;
  /** A KL divergence built or called with `log_target=True`: its target is read as log-probabilities (AL109). */
  logTarget?: boolean;
  /** The loss gets some elements of the value, picked by an index (`probs[:, 1]`): one class's probability, not the whole distribution (AL110). */
  picked?: boolean;
}

/** What the flow needs from the file reader: PyTorch names as the file's imports resolve them. */
export interface FlowHost {
  readonly source: string;
  readonly scopes: ScopeIndex;
  readonly roles: RoleContext;
  /** The PyTorch path a dotted name means here (`torch.nn.functional.linear`), or null. */
  torchPath(expr: Node): string | null;
  /** The loss `expr` names (`F.nll_loss`, `nn.NLLLoss`), or null. */
  lossNamed(expr: Node): LossHit | null;
  /** A module the file imports that is not PyTorch's (numpy, matplotlib…). */
  isForeign(name: string): boolean;
  /** The dotted path a name imported from outside PyTorch means (`models.resnet18` → torchvision.models.resnet18), or null. */
  foreignPath(expr: Node): string | null;
  /** Does some import from outside PyTorch bind a path this matches? */
  importsForeign(path: RegExp): boolean;
  /** Does some name of the file mean one of these PyTorch paths? */
  bindsAny(paths: ReadonlySet<string>): boolean;
  /** Where each top-level statement starts (0 first; forest.ts). */
  readonly statements: readonly number[];
  /** Where the text has each word not after a dot (wordIndex.ts). */
  wordIndex(): WordIndex;
}

/**
 * A name another file may import whose value, called, gives the activation's value unchanged: a
 * module-level class whose forward returns it, a factory function returning such a model, or a
 * module-level variable holding one. `logged`: its log was taken on the way.
 */
export interface OutputEnd {
  name: string;
  logged: boolean;
  /** The name holds the model itself (`model = Net()` at module level): calling it gives the output. Else calling it builds one. */
  instance?: boolean;
  /** The value is this element of the tuple the class's forward returns (`return recon, mu`): only what a caller unpacks there gets it. */
  slot?: number;
  /** Scaled or shifted by constants on the way (`torch.sigmoid(x) * 4 + 1`): a regression loss of another file compares a range the code chose. */
  rescaled?: true;
  /** Put through softmax or log_softmax on the way (`return F.log_softmax(F.relu(x), 1)`): what another file's loss gets is normalized again (AL107, AL108). */
  again?: true;
  /**
   * The value is the input of a call of this parameter of `name` (a module-level function, or a
   * class's constructor, whose body or methods call it): `criterion(torch.sigmoid(model(x)), y)` in
   * `def train_model(model, criterion, …)`. The loss a call of `name` in another file gives that
   * parameter (by its name, or its position among the arguments a call gives) judges it.
   */
  param?: { name: string; index: number };
  /**
   * The branches on the building call's parameters the value was made under: an `if` on the
   * constructor's arguments around the head (`if extra is not None: self.fc = …`), a model
   * factory's arm (`if name == "gru": return GRUNet()`). A call of `name` in another file is one of
   * this end where its arguments take them (armTest.ts callTakes): literals decide, a value read at
   * run time takes only branches whichever way of which the value meets the loss (`agree`).
   */
  arms?: ArmTest[];
}

/** A model factory of the file building an imported class (Flow.factoryExports): the function, the class's attributes from the imported name, its branches. */
export interface FactoryExport { fn: string; path: string[]; arms: ArmTest[] }

/** Where an instance of an imported class (or a factory's result), called, goes: a loss it feeds with no layer between. */
export interface InstanceFeed {
  /** The attributes between the imported name and the call (`M.Net(…)`: ['Net']; `Net(…)`: []). */
  path: string[];
  loss: LossHit;
  /** Its log was taken on the way to a loss. */
  logged: boolean;
  /** Followed as a model the name holds (its call gives the output), not as one its call builds. */
  instance?: boolean;
  /** The loss is an argument of the other file's call that handed the model over (its range is in that file). */
  inCaller?: boolean;
  /** The loss gets this element of the tuple the call returns (`recon, mu = vae(x)`): it trains an end of the same slot only. */
  slot?: number;
  /** What the call building the model gives its parameters (OutputEnd.arms); absent for a model the name holds. */
  args?: CallArgs;
}

/**
 * The output of an imported model handed, as it is, to a function the file imports (`loss =
 * link_loss(model(u, v), model(u, w))` with `link_loss` from a losses file of the set): what that
 * function applies its parameter to is the output's loss (join.ts, paramFeeds `asValue`).
 */
export interface HelperFeed {
  path: string[];
  callee: string[];
  arg: number | string;
  logged: boolean;
  instance?: boolean;
  slot?: number;
  args?: CallArgs;
}

/** An instance of an imported name handed to a function the file imports too (`train(net, loader)`): where its loss is, that file says. */
export interface HandOff {
  /** The attributes between the imported name and the call that builds the instance. */
  path: string[];
  /** The callee as written, dotted (`train`, `T.fit`). */
  callee: string[];
  /**
   * The positional index it fills, or the keyword; or `self.<attr>` (SELF_ATTR): the attribute a
   * subclass of the imported class `callee` sets to the model, which that class's methods call.
   */
  arg: number | string;
  /** The model is not an imported name's instance but one of the file's own classes, by name (`self.model = GMF(config)` in a subclass of an imported trainer). */
  model?: string;
  /** The arguments the call gives (absent when it spreads some): the callee's defaults hold for the others. */
  given?: GivenArgs;
  /** A method called on an instance of `callee`, a class (`local.train(net)` with `local = LocalUpdate(…)`): `arg` counts after `self`. */
  method?: string;
  /** The class itself is handed over, not an instance (`Trainer(MLP, …)`): the callee builds it. */
  cls?: true;
  /** The call's other arguments that are losses (`train(net, loader, nn.BCELoss())`), where the callee may apply them. */
  losses?: CallerLoss[];
  /** Arguments that are what a function the file imports returns (`train(net, get_criterion())`): a loss, if that function's file builds one. */
  factories?: CallerFactory[];
}

/** An argument (positional index or keyword) given the result of an imported function's call, as written (`get_criterion`, `L.make`). */
export interface CallerFactory {
  arg: number | string;
  callee: string[];
}

/** A call of an imported name (`train_model(…)`, `tm.train_model(…)`: the attributes after it) that gives losses as arguments. */
export interface LossCall {
  path: string[];
  losses: CallerLoss[];
  /** A method called on an instance of the name (`net.train_model(loader, loss_fn=…)` with `net = Net()`): its arguments count after `self`. */
  method?: string;
}

/** A loss given as an argument (positional index or keyword) of the call of a function of another file. */
export interface CallerLoss {
  arg: number | string;
  loss: LossHit;
}

/** How many arguments a call gives by position, and its keywords. */
export interface GivenArgs {
  positional: number;
  keywords: string[];
}

export interface Verdict {
  role: Role | null;
  loss: LossHit | null;
  gate: boolean;
  /** The flow ended where the file does not say (a model never called in it): the file's loss may be assumed. */
  open: boolean;
  /** The value reached its loss through a log (`torch.log(p + 1e-8)`): the loss gets log-probabilities. */
  logged: boolean;
  /** Names other files may import that give this value unchanged (see OutputEnd). */
  ends: OutputEnd[];
  /** The value reaches other losses than `loss` too, named at other places: a fix renaming `loss` alone would leave them. */
  more?: true;
  /** A module applied once whose value reaches the loss at the output and, through more computation, something else too: a fix would change that as well. */
  onward?: true;
  /** One module instance called both between layers and at the model's output (`self.sigmoid` after every layer): role output, hidden too. */
  shared?: boolean;
  /** The value went into softmax or log_softmax again before a loss or `.backward()` took it. */
  again?: boolean;
  /** The value is the target of a KL divergence (no layer, log or exp between): whether that loss reads its target as log-probabilities (AL109). */
  klTarget?: { logTarget: boolean };
  /** An output that is also compared with a threshold or rounded (`(out > 0.5).float()`): a fix removing its activation leaves that code reading logits. */
  thresholded?: boolean;
  /** Its loss got it through a softmax or log_softmax, layers between or not (AL111 reads it of hidden activations). */
  normed?: boolean;
}

/** What following one value found. */
interface Facts {
  output: boolean;
  hidden: boolean;
  /** The module is applied in several places: built once per round of a loop (a block appended in it), read at the output in the last. */
  many?: boolean;
  gate: boolean;
  lossCode: boolean;
  losses: LossHit[];
  /** Losses the value went into with no layer between (what an output feeds). */
  direct: LossHit[];
  open: boolean;
  /** Reached `.backward()` without a PyTorch loss in between: what was followed is a loss. */
  backward: boolean;
  /** Reached a loss module of the file (`FocalLoss()(…)`): a loss, without PyTorch's name. */
  custom: boolean;
  tie: Role | null;
  /** Returns of a helper being followed into: whether each had passed a layer. */
  rets: boolean[];
  /** A loss was reached after a log of the value. */
  logged: boolean;
  /** A loss or `.backward()` was reached after softmax or log_softmax was applied to the value again. */
  again?: boolean;
  /** The value reached the target of a KL divergence as it is (Verdict.klTarget). */
  klTarget?: { logTarget: boolean };
  /** The value, with no layer between, is also compared or rounded (`out > 0.5`, `out.round()`): code that reads its range besides the loss. */
  thresholded?: boolean;
  /** A loss was reached after a softmax or log_softmax of the value, layers between or not (St.normed). */
  normed?: boolean;
  /** The value was followed from code that runs only in eval mode (`if not self.training:`). */
  evalOnly: boolean;
  /** Made on the first end found (most values never reach one). */
  ends?: OutputEnd[];
  /**
   * A conditional reading's ends down branches no call of the file is known to take: a loss (or
   * the file's, `loss` null) with the branches it needs (`conj`: Term keys). They count where
   * their branches together cover every case (`if p: return A` … `return B`, both giving it).
   */
  maybe?: Array<{ conj: string[]; loss: LossHit | null; direct: boolean; logged: boolean }>;
  /** The walk looked for the calls of a name defined twice: a conditional reading may differ. */
  branchy?: boolean;
  /** The functions the walk stood in: one with a branch on its arguments makes a conditional reading worth its walk. */
  fns?: Scope[];
}

/**
 * A branch the value's path goes down whose condition reads parameters of `def`
 * (`if return_probs:`, `nn.Softmax(1) if act == "softmax" else nn.Identity()`).
 */
interface Term {
  def: Node;
  test: Node;
  /** The path needs the condition true (the consequence) or false (an elif, an else, after `if …: return`). */
  want: boolean;
  /** Where the branch's code is: a loss inside it runs on that branch only, and needs it taken. */
  from: number;
  to: number;
  /** The if statement or conditional expression the branch is an arm of. */
  choice: Node;
}

/** A call the path went through: `def`'s parameters are what `call` passes them (`method`: `self` is not passed). */
interface Passed { def: Node; call: Node; method: boolean }

/**
 * The branches on arguments a value's path went down, in a conditional reading (Flow.verdict):
 * each stays pending until the path reaches a call of its function (going in or coming out),
 * whose arguments, or the parameter's default, say whether that call takes it.
 */
interface Cond {
  terms: Term[];
  /** Branches whose call the path went through without saying what it passes (`model(x, probs=args.p)`). */
  unknown: Term[];
  calls: Passed[];
}

interface St {
  /** The value passed through another layer (or was multiplied into one) since the activation. */
  layer: boolean;
  /** Helper functions entered, innermost last, with the call that entered each. */
  calls: Array<{ fn: number; call: Node }>;
  /** The value is this element of a returned tuple (`return recon, mu`): unpacking takes that one. */
  slot?: number;
  /** Its log was taken on the way (`torch.log`, `.log()`). */
  logged?: boolean;
  /** Softmax or log_softmax was applied to it on the way, with no layer between. */
  again?: boolean;
  /** Its exp was taken on the way (`log_probs.exp()`): log-probabilities made probabilities again. */
  exped?: boolean;
  /** Indexed on the way by more than slices (`probs[:, 1]`, `p[range(n), y]`): some of its elements, not all. */
  picked?: boolean;
  /** Put through softmax or log_softmax on the way, layers between or not (`F.log_softmax(model(x), 1)` after a hidden ReLU). */
  normed?: boolean;
  /** Scaled or shifted by a constant on the way (`* 4 + 1`, `/ 2`, `- 0.5`): a regression loss then compares a range the code chose. */
  rescaled?: boolean;
  /** Computed only when the model is not training: no loss ever sees it. */
  evalOnly?: boolean;
  /**
   * The difference of the value and another one (`x - prototypes`): squared or made absolute it is
   * a distance (`torch.pow(x - y, 2).sum(2)` of a prototypical network), where the value ends, as at
   * `torch.cdist` (STOP_FUNCTIONS).
   */
  diff?: boolean;
  /**
   * Not the one output a caller of the model gets (returned under a branch on an argument, held
   * in a dict, chosen by a constructor argument): no end for other files (see OutputEnd).
   */
  noEnd?: boolean;
  /** The branches on the building call's arguments the value was made under (OutputEnd.arms). */
  arms?: ArmTest[];
  /** Read conditionally (see Cond): the branches on arguments the path is under. */
  cond?: Cond;
  /** The activation the path started at: the arms of `if flag:` around it choose a loss bound in arms of the same test (armBound). */
  origin?: Node;
  /** The forward of the model whose instance the path carries: its branches are read with the arguments of the instance's next call. */
  fwd?: Node;
  /**
   * Functions of the file the model was handed to (`train(model, loader, crit)`), innermost last,
   * with the call: a parameter there (`crit`) holds what that call passed (paramValue).
   */
  entered?: ReadonlyArray<{ fn: number; call: Node }>;
}

const empty = (): Facts => ({ output: false, hidden: false, gate: false, lossCode: false, losses: [], direct: [], open: false, backward: false, custom: false, tie: null, rets: [], logged: false, evalOnly: false });

const sameHit = (a: LossHit, b: LossHit) => a.name === b.name && a.range.line === b.range.line && a.range.column === b.range.column;

/**
 * The losses an output goes into with no layer between; a regression one marked `generated` where
 * the same value also reaches a loss through another network: the output is data another network
 * judges (a GAN generator's image, its L1 term beside the discriminator's loss; a super-resolution
 * output through a perceptual loss's network), whose range is the data's.
 */
function directHits(f: Facts): LossHit[] {
  if (f.losses.length <= f.direct.length || !f.losses.some((l) => !f.direct.some((d) => sameHit(d, l)))) return f.direct;
  return f.direct.map((d) => (isRegression(d.name) && !d.reconstruction ? { ...d, generated: true } : d));
}

/** `1`, `1.0`, `0`, `0.0`: a constant that moves no range (`x * 1.0`, `x + 0`). */
function isUnitConstant(n: Node, source: string): boolean {
  return /^(0|1)(\.0*)?$/.test(source.slice(n.startIndex, n.endIndex).trim());
}

function merge(into: Facts, f: Facts): void {
  into.output ||= f.output;
  into.hidden ||= f.hidden;
  into.gate ||= f.gate;
  if (f.many) into.many = true;
  into.lossCode ||= f.lossCode;
  into.open ||= f.open;
  into.backward ||= f.backward;
  into.custom ||= f.custom;
  into.logged ||= f.logged;
  if (f.again) into.again = true;
  if (f.klTarget) into.klTarget ??= f.klTarget;
  if (f.thresholded) into.thresholded = true;
  if (f.normed) into.normed = true;
  into.evalOnly ||= f.evalOnly;
  if (f.maybe) (into.maybe ??= []).push(...f.maybe);
  if (f.branchy) into.branchy = true;
  if (f.fns) for (const s of f.fns) stoodIn(into, s);
  into.tie ??= f.tie;
  const same = (a: LossHit, b: LossHit) => a.name === b.name && a.range.line === b.range.line && a.range.column === b.range.column;
  for (const l of f.losses) if (!into.losses.some((m) => same(m, l))) into.losses.push(l);
  for (const l of f.direct) if (!into.direct.some((m) => same(m, l))) into.direct.push(l);
  if (f.ends) for (const e of f.ends) if (!into.ends?.some((m) => sameEnd(m, e))) (into.ends ??= []).push(e);
}

const NO_ENDS: OutputEnd[] = [];

/** Two losses expecting the same kind of input (eitherLoss): the same loss, or known losses alike (an unknown one only stands for itself). */
const expectsAlike = (a: string, b: string): boolean => a === b || (lossExpects(a) !== null && lossExpects(a) === lossExpects(b));

const sameEnd = (a: OutputEnd, b: OutputEnd): boolean => a.name === b.name && a.slot === b.slot && a.param?.name === b.param?.name;

/** The walk stands in the function `fn` (Facts.fns). */
function stoodIn(f: Facts, fn: Scope): void {
  const fns = (f.fns ??= []);
  if (fns[fns.length - 1] !== fn && !fns.includes(fn)) fns.push(fn);
}

/**
 * Whether verdicts record their ends (the names another file may import the value through). Only
 * a join across files reads them: `check` turns them off for its first reading of each file, where
 * no other file's loss is known yet, and on when it reads a model file again with those losses
 * (finding that a return is chosen by an argument walks the tree for every use).
 */
let endsWanted = true;
export function wantOutputEnds(on: boolean): void {
  endsWanted = on;
}

/** The value leaves the file's reach unchanged through `name` (see OutputEnd), as the element `slot` of a returned tuple if given. */
function endAt(f: Facts, name: string, st: St, slot?: number, instance = false, param?: OutputEnd['param'], more?: ArmTest[]): void {
  if (!endsWanted || st.layer || st.evalOnly || st.noEnd || !name || f.ends?.some((e) => e.name === name && e.slot === slot && e.param?.name === param?.name)) return;
  const arms = st.arms && more ? [...st.arms, ...more] : st.arms ?? more;
  // a model the name holds was built in its own file, with arguments this end does not carry; and
  // branches on another maker's arguments (a head class built inside this model) its call chose here
  if (arms?.length && (instance || arms.some((a) => a.owner !== name))) return;
  const end: OutputEnd = instance ? { name, logged: !!st.logged, instance } : { name, logged: !!st.logged };
  if (slot !== undefined) end.slot = slot;
  if (param) end.param = param;
  if (arms?.length) end.arms = arms;
  if (st.rescaled) end.rescaled = true;
  if (st.again) end.again = true;
  (f.ends ??= []).push(end);
}

/** A convolution in a class's text (`nn.Conv2d`, `ConvTranspose1d`, `F.conv3d`): it works on feature maps, as blocks do. */
const CONVOLUTION = /\b(?:Conv(?:Transpose)?[123]d|conv(?:_transpose)?[123]d)\b/;
/** What ends a model's output head: a sigmoid or one of the softmax family (the catalog's). */
const isHeadActivation = (spec: ActivationSpec): boolean => spec.family === 'softmax' || spec.id === 'sigmoid';
/** A call through a dot (`F.gelu(x)`, `torch.tanh(`, `x.relu()`, `nn.ReLU(` where modules count) of one of the catalog's activations `pick` takes: its spellings, as one pattern. */
function catalogCalls(pick: (a: ActivationSpec) => boolean, modules: boolean): RegExp {
  const names = new Set<string>();
  for (const a of ACTIVATIONS) {
    if (a.id === 'identity' || !pick(a)) continue;
    const s = a.spellings;
    for (const n of [...s.functional, ...s.torch.filter((t) => !t.includes('.')), ...s.tensorMethods, ...(modules && s.module ? [s.module.name] : [])]) names.add(n);
  }
  return new RegExp(`\\.\\s*(?:${[...names].sort((x, y) => y.length - x.length).join('|')})\\s*\\(`);
}
let hiddenCalls: RegExp | undefined;
/**
 * A call of any other catalog activation in a class's text, through a dot (`nn.ReLU()`, `F.gelu(x)`,
 * `x.tanh()`): a hidden layer's nonlinearity, a block's, not a head's that only ends the model.
 */
const hiddenNonlinearity = (): RegExp => (hiddenCalls ??= catalogCalls((a) => !isHeadActivation(a), true));
let appliedCalls: RegExp | undefined;
/** A catalog activation called through a dot (`F.relu(`, `torch.sigmoid(`, `x.softmax(`): applied, not built as a module. */
const appliedActivation = (): RegExp => (appliedCalls ??= catalogCalls(() => true, false));

/** Tensor methods whose result still carries the value (shape, dtype, device, arithmetic, reductions). */
/** Softmax and log_softmax, as a method or function the value goes into (`probs.log_softmax(1)`, `F.softmax(p, 1)`). */
const NORMALIZERS = new Set(['softmax', 'log_softmax']);
/** The state after the value went into softmax or log_softmax: normalized (St.normed), and again right after the activation where no layer was between (St.again). */
const normalized = (st: St): St => (st.normed && (st.layer || st.again) ? st : { ...st, normed: true, ...(st.layer ? {} : { again: true }) });
/** Methods reading a value against a threshold (`out.gt(0.5)`, `out.round()`): its range matters there. */
const THRESHOLD_METHODS = new Set(['gt', 'lt', 'ge', 'le', 'round', 'round_']);
const STOP_METHODS = new Set(['argmax', 'argmin', 'item', 'tolist', 'numpy', 'multinomial', 'topk', 'eq', 'ne', 'gt', 'lt', 'ge', 'le', 'size', 'dim', 'numel', 'sort', 'argsort', 'all', 'any', 'bool', 'long', 'int', 'nonzero', 'sign', 'norm', 'dist']);
/** A torch.distributions object sampled from or scored: no tensor has these methods, and no layer follows them. */
const DISTRIBUTION_ENDS = new Set(['sample', 'rsample', 'sample_n', 'log_prob', 'entropy', 'cdf', 'icdf', 'perplexity']);
const PRODUCT_METHODS = new Set(['mul', 'mul_', 'multiply', 'addcmul', 'addcmul_']);
const LAYER_METHODS = new Set(['matmul', 'mm', 'bmm', '__matmul__']);
/** Of a difference of two values (St.diff), a distance: the value ends there. */
const DISTANCE_OF_DIFFERENCE = new Set(['pow', 'pow_', 'square', 'abs', 'abs_']);
/** Tensor methods giving the same values in another shape (`p.gather(1, a).squeeze(1)`, `critic(s).view(-1)`). */
export const RESHAPE_METHODS: ReadonlySet<string> = new Set(['squeeze', 'unsqueeze', 'view', 'reshape', 'flatten']);
/** The name read where the text does not say which of a module's names is taken (`getattr(models, args.arch)`): any. */
export const ANY_NAME = '*';
/** How a HandOff's `arg` names an attribute of `self` (never a keyword: a keyword has no dot). */
export const SELF_ATTR = 'self.';
/** HandOff.arg of a subclass's instance called on itself in the methods of its imported base class (`self(x)`). */
export const SELF_CALLS = 'self()';
/** Module methods that give back the module itself (`net.to(device)`, `net.eval()`). */
export const MODULE_SELF_METHODS = new Set(['to', 'cuda', 'cpu', 'train', 'eval', 'float', 'double', 'half', 'requires_grad_', 'apply', 'to_empty', 'type', 'share_memory']);
/** Module methods whose result is no output of the module (its parameters, its state, its parts). */
const MODULE_STATE_METHODS = new Set(['parameters', 'named_parameters', 'buffers', 'named_buffers', 'state_dict', 'load_state_dict', 'zero_grad', 'modules', 'named_modules', 'children', 'named_children', 'register_buffer', 'register_parameter', 'add_module', 'extra_repr']);
/** Losses comparing a prediction with a target value by value (AL105's): the advice's table of loss kinds says which. */
const isRegression = (loss: string) => lossKind(loss) === 'regression';
/** Methods giving a tensor's values again: reshaped, or cast, moved or detached. */
export const SAME_VALUES_METHODS = new Set([...RESHAPE_METHODS, 'view_as', 'reshape_as', 'float', 'double', 'half', 'to', 'cuda', 'cpu', 'detach', 'contiguous', 'clone', 'type']);
/** torch functions that are layers: a value passed in comes out transformed by weights. */
const LAYER_FUNCTIONS = new Set(['linear', 'bilinear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d', 'matmul', 'mm', 'bmm', 'einsum', 'embedding', 'baddbmm', 'addmm', 'scaled_dot_product_attention', 'multi_head_attention_forward', 'tensordot']);
const PRODUCT_FUNCTIONS = new Set(['mul', 'multiply', 'addcmul']);
/**
 * Functions where the value ends: indices, samples, tests; and distances and similarities between
 * values (`-torch.cdist(q, prototypes)` into CrossEntropyLoss compares a network's embeddings: the
 * loss judges the distances, not the activation that ended the embedding).
 */
const STOP_FUNCTIONS = new Set(['argmax', 'argmin', 'multinomial', 'topk', 'eq', 'isnan', 'isfinite', 'sort', 'argsort', 'bernoulli', 'save', 'numel',
  'norm', 'vector_norm', 'cdist', 'pairwise_distance', 'cosine_similarity', 'dist']);
/** Built-ins and printing: nothing flows on. */
const SINKS = new Set(['print', 'len', 'str', 'repr', 'float', 'int', 'bool', 'isinstance', 'type', 'id', 'hash', 'format', 'round', 'abs', 'range', 'enumerate']);
/** Modules whose output is their input's values, some zeroed or rearranged: no weights, so no layer. */
const VALUE_KEEPING_MODULES = new Set(['Dropout', 'Dropout1d', 'Dropout2d', 'Dropout3d', 'AlphaDropout', 'FeatureAlphaDropout', 'Identity', 'Flatten', 'Unflatten']);
/** Is the PyTorch path one of VALUE_KEEPING_MODULES (`torch.nn.Dropout`)? */
export const isValueKeepingModule = (path: string | null): boolean => !!path && path.startsWith('torch.nn.') && VALUE_KEEPING_MODULES.has(path.slice(path.lastIndexOf('.') + 1));
/** `nn.parallel.data_parallel(module, inputs, device_ids)`: the module applied to the inputs (the 2017 DCGAN example's forward). */
const APPLIERS = new Set(['torch.nn.parallel.data_parallel', 'torch.nn.parallel.data_parallel.data_parallel']);
/** Modules that run the module they wrap on several devices: what they return is what it returns. */
const WRAPPERS = new Set(['torch.compile', 'torch.nn.DataParallel', 'torch.nn.parallel.DataParallel', 'torch.nn.parallel.DistributedDataParallel', 'torch.nn.parallel.data_parallel.DataParallel', 'torch.nn.parallel.distributed.DistributedDataParallel']);
/** Python's copies of an object: a model's copy computes what the model does. */
const COPIES = new Set(['copy.deepcopy', 'copy.copy']);
/** Containers of modules that are not Sequentials: their members are parts of the module that holds them. */
const MODULE_CONTAINERS = new Set(['ModuleList', 'ModuleDict', 'ParameterList', 'ParameterDict']);
/** `self.name` written plainly (anything else is read from the tree). */
const SELF_MEMBER = /^self[ \t]*\.[ \t]*([A-Za-z_][A-Za-z0-9_]*)$/;

/** Fields that are their node's first child (Flow.is). */
function isFirstField(type: string, field: string): boolean {
  switch (field) {
    case 'function': return type === 'call';
    case 'object': return type === 'attribute';
    case 'left': return type === 'assignment' || type === 'augmented_assignment' || type === 'binary_operator';
    case 'value': return type === 'subscript';
    case 'name': return type === 'keyword_argument' || type === 'named_expression' || type === 'default_parameter' || type === 'typed_default_parameter';
    default: return false;
  }
}

/** Characters before a `=` that make it a comparison, an augmented assignment or a walrus. */
const ASSIGN_NOT_AFTER = '=!<>+-*/%&|^@:';

/** Steps one verdict may take; one that could take more is never reused (reads.ts). */
export const MAX_STEPS = 4000;
/** The most elements of an unpacked call of an imported instance followed one by one (instanceFeeds). */
const MAX_UNPACKED = 8;
/**
 * Steps all the imported names of one file may take together (instanceFeeds, handOffs): a file
 * that builds hundreds of imported models costs a few verdicts, not one per call site. Sites past
 * it are not followed (their losses go unsaid: no finding, never a wrong one).
 */
const FEED_STEPS = 2 * MAX_STEPS;

/** A memoised answer and what computing it read (counted as read by every verdict that uses it). */
interface Memo<T> { value: T; reads: Reads }
/** What memoised answers read where nothing is recorded (never added to: no verdict records). */
const NOTHING_READ = new Reads();

export class Flow {
  private readonly classMemo = new Map<string, Memo<Facts>>();
  private readonly busy = new Set<string>();
  private readonly defs = new Map<string, Memo<Node | null>>();
  private readonly modelClass = new Map<number, boolean>();
  private steps = 0;
  /** What is left of FEED_STEPS for this file's imported names. */
  private feedSteps = FEED_STEPS;
  /** What the verdict (or memoised answer) being computed has read so far. */
  private rec: Reads | null = null;
  /** What the last verdict read (reads.ts): lets the next version of the file reuse it. */
  lastReads: Reads = new Reads();

  /** `record`: keep what each answer read (reads.ts), for a next version of the file to reuse it; off when none will come. */
  constructor(private readonly h: FlowHost, private readonly record = true) {
    // Not `h.roles.onWord = (name) => …`: V8 allocates a function written as the value assigned to
    // a property in the old generation (its guess that such functions live long), and from there
    // this one would hold the whole file's reader through every young collection after the file
    // is done, to be copied twice and promoted (see lazyAccessor.ts). A class field's is young.
    h.roles.onWord = this.wordRead;
  }

  private readonly wordRead = (name: string): void => { this.rec?.word(name, 0, this.h.source.length); };

  /** The flow stands on `n`: its statement is read. */
  private touch(n: Node): void {
    if (this.rec) this.touchAt(n.startIndex);
  }

  private touchAt(x: number): void {
    const r = this.rec;
    if (!r) return;
    if (x >= r.lo && x < r.hi) return;
    const units = this.h.statements;
    const i = unitAt(units, x);
    r.unit(units[i]!, i + 1 < units.length ? units[i + 1]! : this.h.source.length);
  }

  /** Every statement holding an offset in [from, to] is read. */
  private touchSpan(from: number, to: number): void {
    const r = this.rec;
    if (!r || (from >= r.lo && to < r.hi)) return;
    const units = this.h.statements;
    for (let i = unitAt(units, from); i < units.length && units[i]! <= to; i++) r.unit(units[i]!, i + 1 < units.length ? units[i + 1]! : this.h.source.length);
  }

  /** Computes a memoised answer with its own reads, which also count for the caller. */
  private memoised<T>(compute: () => T): Memo<T> {
    this.memoDepth++;
    const outer = this.rec;
    const reads = this.record ? (this.rec = new Reads()) : NOTHING_READ;
    try {
      return { value: compute(), reads };
    } finally {
      this.memoDepth--;
      if (this.record) {
        this.rec = outer;
        outer?.add(reads);
      }
    }
  }

  private hit<T>(m: Memo<T>): T {
    this.rec?.add(m.reads);
    return m.value;
  }

  /**
   * What the activation at `expr` is: `value` for a call that computes it (`F.relu(x)`,
   * `x.sigmoid()`), `module` for a module built (`nn.ReLU()`), `class` for a module class or
   * `fn` for a function passed as a value (`act_layer=nn.GELU`, `activation=F.relu`).
   */
  verdict(expr: Node, what: 'value' | 'module' | 'class' | 'fn'): Verdict;
  /**
   * With `unlessHidden`, for a reader that needs the verdict only where the value may be a model's
   * output: null as soon as the value is found inside a model (hidden stays hidden: the role can
   * then be nothing else), before the rest of where it goes is followed.
   */
  verdict(expr: Node, what: 'value' | 'module' | 'class' | 'fn', unlessHidden: boolean): Verdict | null;
  verdict(expr: Node, what: 'value' | 'module' | 'class' | 'fn', unlessHidden = false): Verdict | null {
    this.steps = 0;
    const f = empty();
    const st: St = { layer: false, calls: [], origin: expr };
    const outer = this.rec;
    const reads = (this.rec = this.record ? new Reads() : null);
    if (reads) this.lastReads = reads;
    this.touch(expr);
    if (endsWanted && this.underArgumentBranch(expr)) {
      // an end other files read with their call's arguments where the branches can be written down
      const arms = this.armsAt(this.termsAt(expr), expr);
      if (arms === null) st.noEnd = true;
      else if (arms.length) st.arms = arms;
    }
    // Not while recording: what an answer read must be all it would have read.
    // (not for a module held as `self.act = nn.ReLU()` and called more than once in its class: one
    // instance between layers and at the output is `shared`, found only by following it whole)
    this.watched = unlessHidden && !reads && !(what === 'module' && this.calledAgain(expr)) ? f : null;
    let whole = true;
    try {
      if (what === 'value') this.value(expr, st, f);
      else this.object(expr, what, st, f, false);
    } catch (e) {
      if (!(e instanceof Budget)) throw e;
      f.open = true;
      whole = false;
      if (reads) reads.tainted = true;
    } finally {
      this.rec = outer;
      this.watched = null;
    }
    // (a module found at the output before it was found hidden is `shared` below: a block appended in a loop)
    if (unlessHidden && !reads && f.hidden && !(what === 'module' && f.output && directHits(f).length > 0)) return null;
    let role: Role | null = null;
    if (f.output && !f.hidden) role = 'output';
    else if (f.hidden) role = 'hidden';
    else if (f.output) role = 'output';
    // one module called between layers and again at the output (a course's `self.sigmoid` after
    // every Linear, the last one into BCELoss): its output is judged by the loss it reaches
    // (a module applied at several places: in every round of a loop, or `self.act` called after every
    // layer; one application whose value reaches both a loss and a layer-like path is not one)
    const both = what === 'module' && role === 'hidden' && f.output && directHits(f).length > 0;
    const shared = both && (!!f.many || this.calledAgain(expr));
    // applied once, its value reaching the loss and, through more computation, something else too
    const onward = both && !shared;
    if (both) role = 'output';
    let open = f.open;
    const tied = role === null && !f.lossCode && !!f.tie;
    if (tied) { role = f.tie; open = true; }
    if (f.lossCode && !f.output) role = null;
    // An output feeds the loss it goes into itself (a generator's image reaches BCELoss only through the discriminator).
    let loss: LossHit | null = role === 'output' ? directHits(f)[0] ?? null : f.losses[0] ?? null;
    let hits = role === 'output' ? directHits(f) : f.losses;
    open = open && f.losses.length === 0 && !f.evalOnly;
    let logged = f.logged;
    // A loss is claimed for this value (its own, or the file's): which loss, the paths a call of
    // the file is known to take say (a conditional reading). Only here: most values claim none,
    // and a value's role is where it sits whichever branch builds it.
    // Hidden only down a branch on arguments that no call of the file takes (`elif activation ==
    // 'sigmoid': return nn.Sigmoid()` in a helper every construction here calls with 'relu'): this
    // file never builds it, so it has no role here.
    if (whole && role === 'hidden' && this.underArgumentBranch(expr)) {
      const g = this.conditionally(expr, what, reads);
      if (g && !g.hidden && !g.output && !g.open && !g.tie && !g.lossCode && g.losses.length === 0 && !g.maybe?.length) { role = null; loss = null; hits = []; open = false; }
    }
    if (whole && role !== 'hidden' && (loss || (open && role !== null)) && (f.branchy || f.fns?.some((fn) => this.choosesIn(fn)))) {
      const g = this.conditionally(expr, what, reads);
      if (g) {
        const unsure = settleMaybe(g);
        loss = role === 'output' ? directHits(g)[0] ?? null : g.losses[0] ?? null;
        hits = role === 'output' ? directHits(g) : g.losses;
        open = (tied || g.open) && g.losses.length === 0 && !g.evalOnly && !unsure;
        logged = g.logged;
      }
    }
    const v: Verdict = shared ? { role, loss, gate: f.gate, open, logged, ends: f.ends ?? NO_ENDS, shared } : { role, loss, gate: f.gate, open, logged, ends: f.ends ?? NO_ENDS };
    if (onward) v.onward = true;
    if (f.again) v.again = true;
    if (f.klTarget) v.klTarget = f.klTarget;
    if (f.thresholded && v.role === 'output') v.thresholded = true;
    if (f.normed) v.normed = true;
    // the value also reaches a loss named elsewhere (a validation_step's BCELoss beside the training_step's)
    if (loss && hits.some((h) => h.range.line !== loss!.range.line || h.range.column !== loss!.range.column)) v.more = true;
    return v;
  }

  /**
   * Follows the value again, down only the branches on arguments its calls are known to take
   * (Cond): what it reaches then, or null if the step budget ran out.
   */
  private conditionally(expr: Node, what: 'value' | 'module' | 'class' | 'fn', reads: Reads | null): Facts | null {
    this.steps = 0;
    const g = empty();
    const outer = this.rec;
    this.rec = reads;
    this.sig = this.sigOf(expr);
    try {
      const st: St = { layer: false, calls: [], cond: { terms: [], unknown: [], calls: [] }, origin: expr };
      if (what === 'value') this.value(expr, st, g);
      else this.object(expr, what, st, g, false);
      return g;
    } catch (e) {
      if (!(e instanceof Budget)) throw e;
      if (reads) reads.tainted = true;
      return null;
    } finally {
      this.rec = outer;
      this.sig = null;
    }
  }

  /**
   * Where the instances of an imported name go: each call of `local` (or of `local.a.b`, a class
   * of an imported module) builds an object, followed as a model built in this file is, to the
   * losses its output feeds with no layer between. Nothing where the file binds the name itself.
   */
  instanceFeeds(local: string): InstanceFeed[] {
    const out: InstanceFeed[] = [];
    const helpers: HelperFeed[] = [];
    this.helperFeedsBy.set(local, helpers);
    const outer = this.rec;
    this.rec = null;
    try {
      this.steps = 0;
      // `import model` … `model = model.NeuMF(…)`: the module's name rebound to what it builds; until
      // then (that call included) the name is the module's
      const until = this.rebuiltFrom(local);
      if (until === null && this.bindsItself(local)) return out;
      const sites = this.importedCalls(local).filter((s) => until === null || s.call.startIndex < until);
      // Each call either builds a model (a class, a factory) or runs one the name holds (a
      // module-level model): followed both ways, the model file's end says which one it is.
      for (const { call, path } of sites) {
        // `net.to(device)`, `net.eval()` of an imported instance: the same module, followed as the name's instance.
        if (path.length && path.every((m) => MODULE_SELF_METHODS.has(m))) {
          this.sameInstanceFeeds(call, out);
          continue;
        }
        for (const instance of [false, true]) {
          // Followed whole, then, where a call of the instance is unpacked (`recon, mu = vae(x)`),
          // once per element: what a tuple's element feeds trains only the end of that slot.
          this.unpacked = 0;
          const slots: Array<number | undefined> = [undefined];
          for (let i = 0; i < slots.length; i++) {
            const slot = slots[i];
            if (this.feedSteps <= 0) return out;
            const f = empty();
            const st: St = slot === undefined ? { layer: false, calls: [] } : { layer: false, calls: [], slot };
            this.startFeed();
            this.valueHanded = [];
            try {
              if (instance) {
                if (slot === undefined) this.noteUnpacked(call);
                this.value(call, st, f);
              } else this.object(call, 'module', st, f, true);
            } catch (e) {
              if (!(e instanceof Budget)) throw e;
            } finally {
              this.endFeed();
            }
            const args = instance ? undefined : this.callArgs(call);
            for (const h of this.valueHanded) {
              if (helpers.length >= 16 || helpers.some((o) => o.callee.join('.') === h.callee.join('.') && o.arg === h.arg && o.slot === slot && !!o.instance === instance && JSON.stringify(o.path) === JSON.stringify(path))) continue;
              const hf: HelperFeed = { path, ...h };
              if (instance) hf.instance = true;
              if (slot !== undefined) hf.slot = slot;
              if (args) hf.args = args;
              helpers.push(hf);
            }
            this.valueHanded = null;
            for (const loss of directHits(f)) {
              const feed: InstanceFeed = instance ? { path, loss, logged: f.logged, instance } : { path, loss, logged: f.logged };
              if (slot !== undefined) feed.slot = slot;
              if (args) feed.args = args;
              out.push(feed);
            }
            if (slot === undefined) for (let k = 0; k < Math.min(this.unpacked, MAX_UNPACKED); k++) slots.push(k);
          }
        }
      }
      // `train(model, criterion, loader)` with `from net import model`, a module-level instance: the
      // instance handed to a function of the file (or bound to another name) is followed as itself.
      for (const { node, path } of this.handedOn(local)) if (until === null || node.startIndex < until) this.sameInstanceFeeds(node, out, path);
    } catch (e) {
      if (!(e instanceof Budget)) throw e;
    } finally {
      this.rec = outer;
    }
    return out;
  }

  /** What `call` gives its parameters: literals, values read at run time (null), splats (armTest.ts CallArgs). */
  private callArgs(call: Node): CallArgs | undefined {
    const list = call.type === 'call' ? this.field(call, 'arguments') : null;
    if (list?.type !== 'argument_list') return undefined;
    const out: CallArgs = { pos: [], kw: {} };
    for (const a of list.namedChildren) {
      if (!a || a.type === 'comment') continue;
      if (a.type === 'keyword_argument') {
        const name = this.field(a, 'name');
        if (name) out.kw[this.text(name)] = literalOf(this.field(a, 'value'), this.h.source);
      } else if (a.type === 'list_splat' || a.type === 'dictionary_splat') out.open = true;
      else if (!out.open) out.pos.push(literalOf(a, this.h.source));
    }
    return out;
  }

  /**
   * The file's model factories that build the imported name `local` (`from .mlp import MLP` …
   * `def get_model(name): if name == "mlp": return MLP(784, 10)`): each module-level function
   * returning such a construction (as it is, moved, or through one name every arm binds), with the
   * branches on its arguments the construction is under (armsAt). A function whose branch cannot be
   * written down is left out.
   */
  factoryExports(local: string): FactoryExport[] {
    const out: FactoryExport[] = [];
    const outer = this.rec;
    this.rec = null;
    try {
      this.steps = 0;
      if (this.bindsItself(local)) return out;
      for (const { call, path } of this.importedCalls(local)) {
        const def = this.defOf(call);
        const holder = def ? this.parent(def) : null;
        const name = def ? this.field(def, 'name') : null;
        if (!def || !name || (holder?.type !== 'module' && !(holder?.type === 'decorated_definition' && this.parent(holder)?.type === 'module'))) continue;
        if (!this.returnedByDef(call, def)) continue;
        const arms = this.armsAt(this.termsAt(call));
        if (!arms) continue;
        const fn = this.text(name);
        if (!out.some((o) => o.fn === fn && o.path.join('.') === path.join('.') && JSON.stringify(o.arms) === JSON.stringify(arms))) out.push({ fn, path, arms });
      }
    } catch (e) {
      if (!(e instanceof Budget)) throw e;
    } finally {
      this.rec = outer;
    }
    return out;
  }

  /** Does `def` return what `call` builds: `return Net(…)`, `return Net(…).to(d)`, or `net = Net(…)` … `return net` (`net.to(d)`)? */
  private returnedByDef(call: Node, def: Node): boolean {
    let v: Node = call;
    for (let p = this.parent(v), i = 0; p && i < 4; p = this.parent(v), i++) {
      const fn = p.type === 'attribute' && this.is(p, 'object', v) ? p : null;
      const moved = fn ? this.parent(fn) : null;
      if (!fn || moved?.type !== 'call' || !MODULE_SELF_METHODS.has(this.member(fn) ?? '')) break;
      v = moved;
    }
    const p = this.parent(v);
    if (p?.type === 'return_statement') return this.defOf(p)?.id === def.id;
    if (p?.type !== 'assignment' || !this.is(p, 'right', v)) return false;
    const left = this.field(p, 'left');
    if (left?.type !== 'identifier') return false;
    const held = this.text(left);
    const body = this.field(def, 'body');
    for (const r of body?.descendantsOfType('return_statement') ?? []) {
      if (!r || this.defOf(r)?.id !== def.id) continue;
      let e = r.namedChild(0);
      for (let i = 0; e && i < 4 && this.movedModule(e); i++) e = this.movedModule(e);
      if (e?.type === 'identifier' && this.text(e) === held) return true;
    }
    return false;
  }

  /**
   * Reads of the imported name, or of an attribute of it (`arch.model` of an imported module), that
   * hand it on as it is: an argument of a call, a value assigned to another name.
   */
  private handedOn(local: string): Array<{ node: Node; path: string[] }> {
    const out: Array<{ node: Node; path: string[] }> = [];
    this.importedReads(local, (cur, path) => {
      const p = this.parent(cur);
      const handed = p?.type === 'argument_list' || (p?.type === 'keyword_argument' && this.field(p, 'value')?.id === cur.id) || (p?.type === 'assignment' && this.field(p, 'right')?.id === cur.id);
      if (handed) out.push({ node: cur, path });
      return out.length < 16;
    });
    return out;
  }

  /**
   * Each read of the imported name the file does not bind again where it is read, as the chain of
   * attributes read from it (`name.a.b`: that node, path ['a', 'b']), until `visit` says stop.
   */
  private importedReads(local: string, visit: (cur: Node, path: string[]) => boolean): void {
    for (const n of this.names(local, 0, this.h.source.length)) {
      if (!this.isRead(n) || this.bindsLocally(n, local)) continue;
      const path: string[] = [];
      let cur = n;
      // `getattr(models, "LeNet")`: the attribute named; `getattr(models, args.arch)`: any ('*')
      const got = this.gotAttribute(n);
      if (got) { path.push(got.name); cur = got.call; }
      for (let p = this.parent(cur); p?.type === 'attribute' && this.is(p, 'object', cur) && path.length < 8; p = this.parent(cur)) {
        path.push(this.member(p) ?? '');
        cur = p;
      }
      if (!visit(cur, path)) return;
    }
  }

  /**
   * `getattr(n, "name")` or `getattr(n, expr)` (Python's builtin, two arguments, `n` first): that
   * call, and the attribute's name, or '*' where the text does not say which (a value read at run
   * time, `getattr(models, args.model_name)`: any name the module has).
   */
  private gotAttribute(n: Node): { call: Node; name: string } | null {
    const args = this.parent(n);
    const call = args?.type === 'argument_list' ? this.parent(args) : null;
    const fn = call?.type === 'call' ? this.field(call, 'function') : null;
    if (fn?.type !== 'identifier' || this.text(fn) !== 'getattr' || this.moduleDef('getattr', 'function_definition')) return null;
    const given = args!.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    if (given.length !== 2 || given[0]!.id !== n.id || given[1]!.type === 'keyword_argument' || given[1]!.type === 'list_splat') return null;
    const lit = given[1]!.type === 'string' ? evaluateLiteral(given[1]!, this.h.source) : null;
    const literal = lit?.ok && typeof lit.value === 'string' ? lit.value : null;
    return { call: call!, name: literal !== null && /^[A-Za-z_]\w*$/.test(literal) ? literal : ANY_NAME };
  }

  /** The losses the module a call of one of MODULE_SELF_METHODS gives back feeds (instanceFeeds): as the imported instance's. */
  private sameInstanceFeeds(call: Node, out: InstanceFeed[], path: string[] = []): void {
    if (this.feedSteps <= 0) return;
    const f = empty();
    this.startFeed();
    try {
      this.object(call, 'module', { layer: false, calls: [] }, f, true);
    } catch (e) {
      if (!(e instanceof Budget)) throw e;
    } finally {
      this.endFeed();
    }
    for (const loss of directHits(f)) out.push({ path, loss, logged: f.logged, instance: true });
  }

  /** One call site of an imported name is followed: at most MAX_STEPS, and no more than the file has left. */
  private startFeed(): void {
    this.steps = MAX_STEPS - Math.min(MAX_STEPS, this.feedSteps);
    this.feedFrom = this.steps;
    this.feeding = true;
  }

  private feedFrom = 0;
  private feeding = false;

  private endFeed(): void {
    this.feeding = false;
    this.feedSteps -= Math.max(1, this.steps - this.feedFrom);
  }

  /** Does the file assign `name` outside any function (`Net = …`, `Net, x = …`), rebinding an import of it? */
  private boundAtModuleLevel(name: string): boolean {
    for (const n of this.names(name, 0, this.h.source.length)) {
      if (this.assignedTo(n) && this.functionScope(this.h.scopes.of(n)).kind === 'module') return true;
    }
    return false;
  }

  /**
   * Where the file's first top-level binding of the imported `local` ends, when every such binding is
   * `local = local.<name>(…)` (a module's name rebound to an instance of one of its classes, `model =
   * model.NeuMF(…)`) and it defines no class or function of that name; else null.
   */
  private rebuiltFrom(local: string): number | null {
    if (this.moduleDef(local, 'class_definition') || this.moduleDef(local, 'function_definition')) return null;
    let first: number | null = null;
    for (const n of this.names(local, 0, this.h.source.length)) {
      if (!this.assignedTo(n) || this.functionScope(this.h.scopes.of(n)).kind !== 'module') continue;
      const asg = this.parent(n);
      let right = asg?.type === 'assignment' && this.is(asg, 'left', n) ? this.field(asg, 'right') : null;
      // `model = model.TitanicModel().to(device)`: the module given back by `.to`, `.cuda()`
      for (let i = 0; right?.type === 'call' && i < 4; i++) {
        const f = this.field(right, 'function');
        const attr = f?.type === 'attribute' ? this.field(f, 'attribute') : null;
        const obj = f?.type === 'attribute' ? this.field(f, 'object') : null;
        if (!attr || obj?.type !== 'call' || !MODULE_SELF_METHODS.has(this.text(attr))) break;
        right = obj;
      }
      const fn = right?.type === 'call' ? this.field(right, 'function') : null;
      const parts = fn && fn.type === 'attribute' ? dottedParts(fn, this.h.source) : null;
      if (!parts || parts[0] !== local) return null;
      if (first === null) first = asg!.endIndex;
    }
    return first;
  }

  /** Whether the file binds `local` itself at its top level (a class, a def, an assignment): then no import gives its value. */
  private bindsItself(local: string): boolean {
    return !!this.moduleDef(local, 'class_definition') || !!this.moduleDef(local, 'function_definition') || this.boundAtModuleLevel(local);
  }

  /** While handOffs follows an instance: the imported functions it was handed to. */
  private handed: HandOff[] | null = null;

  /**
   * The models the file's classes hand to an imported base class by an attribute (HandOff.model):
   * `class GMFEngine(Engine): def __init__(self, config): self.model = GMF(config)` with `Engine`
   * imported (`locals`) and `GMF` a class of the file; the base's methods call `self.model(…)` into
   * the loss (paramFeeds reads them there). Read from the text's shape alone: no value is followed.
   */
  baseHandOffs(locals: ReadonlySet<string>): HandOff[] {
    const out: HandOff[] = [];
    for (const name of this.topLevelClassNames()) {
      const cls = this.moduleDef(name, 'class_definition');
      if (!cls) continue;
      const bases = (this.field(cls, 'superclasses')?.namedChildren ?? []).flatMap((b) => {
        const parts = b && (b.type === 'identifier' || b.type === 'attribute') ? dottedParts(b, this.h.source) : null;
        return parts && locals.has(parts[0]!) ? [parts] : [];
      });
      if (!bases.length) continue;
      const body = this.field(cls, 'body');
      if (!body) continue;
      // A model (its own forward) whose imported base class calls it on itself in a method (`out =
      // self(images)` … `F.cross_entropy(out, labels)` in a `training_step` it inherits): that base's
      // loss is its output's (paramFeeds SELF_CALLS), as inheritedSelfCalls reads a base of the file.
      if (this.method(cls, 'forward')) {
        // (the methods it defines itself, named after SELF_CALLS: the base's of those names are not what runs)
        const arg = SELF_CALLS + [...this.methodsOf(cls).keys()].join(',');
        for (const callee of bases) {
          if (!out.some((h) => h.model === name && h.arg === arg && h.callee.join('.') === callee.join('.'))) out.push({ path: [], callee, arg, model: name });
        }
      }
      for (const n of this.names('self', body.startIndex, body.endIndex)) {
        const attr = this.parent(n);
        const asg = attr?.type === 'attribute' && this.is(attr, 'object', n) ? this.parent(attr) : null;
        if (asg?.type !== 'assignment' || !this.is(asg, 'left', attr!)) continue;
        const right = this.field(asg, 'right');
        const ctor = right?.type === 'call' ? this.field(right, 'function') : null;
        if (ctor?.type !== 'identifier' || !this.moduleDef(this.text(ctor), 'class_definition')) continue;
        const held = this.member(attr!);
        if (!held) continue;
        for (const callee of bases) {
          if (!out.some((h) => h.model === this.text(ctor) && h.arg === SELF_ATTR + held && h.callee.join('.') === callee.join('.'))) {
            out.push({ path: [], callee, arg: SELF_ATTR + held, model: this.text(ctor) });
          }
        }
      }
    }
    return out;
  }

  /** Where the instances of the imported name `local` are handed to other imported functions (see HandOff). */
  handOffs(local: string): HandOff[] {
    const out: HandOff[] = [];
    try {
      this.eachImportedCall(local, (call, path) => {
        if (this.feedSteps <= 0) return false;
        for (const h of this.handedFrom(call, 'module')) out.push({ ...h, path });
        return true;
      });
      // `Trainer(MLP, in_features=8)`: the class itself handed to code of another file, which builds it
      this.eachImported(local, (l) => this.importedArguments(l), (node, path) => {
        if (this.feedSteps <= 0) return false;
        for (const h of this.handedFrom(node, 'class')) if (h.cls) out.push({ ...h, path });
        return true;
      });
    } finally {
      this.handed = null;
    }
    return out;
  }

  /**
   * The file's own model classes (a `forward` of their own) handed to a function the file imports, as an instance (`train(Net(), …)`)
   * or as the class itself (`process(Net, x, y)`): HandOff.model names the class. The model file
   * trains its model with another file's code: that code's loss is the model's (join.ts).
   * `imported` are the names the file imports from files of the set: nothing else can take it.
   */
  ownHandOffs(imported: ReadonlySet<string>): HandOff[] {
    const out: HandOff[] = [];
    if (imported.size === 0) return out;
    for (const name of this.topLevelClassNames()) {
      const cls = this.moduleDef(name, 'class_definition');
      if (!cls || !this.method(cls, 'forward')) continue;
      const outer = this.rec;
      this.rec = null;
      try {
        this.steps = 0;
        const sites: Array<{ node: Node; what: 'module' | 'class' }> = [];
        for (const n of this.names(name, cls.endIndex, this.h.source.length)) {
          if (!this.isRead(n) || this.bindsLocally(n, name)) continue;
          const p = this.parent(n);
          if (p?.type === 'call' && this.is(p, 'function', n)) sites.push({ node: p, what: 'module' });
          else {
            const q = p?.type === 'keyword_argument' && this.field(p, 'value')?.id === n.id ? this.parent(p) : p;
            if (q?.type === 'argument_list' && this.parent(q)?.type === 'call') sites.push({ node: n, what: 'class' });
          }
          if (sites.length >= 16) break;
        }
        for (const { node, what } of sites) {
          if (this.feedSteps <= 0) break;
          for (const h of this.handedFrom(node, what)) {
            if (what === 'class' && !h.cls) continue;
            // only code of another file of the set takes it (what the file imports from them)
            if (!imported.has(h.callee[0]!)) continue;
            if (!out.some((o) => o.model === name && o.arg === h.arg && o.callee.join('.') === h.callee.join('.') && o.method === h.method && JSON.stringify(o.losses ?? null) === JSON.stringify(h.losses ?? null))) out.push({ ...h, model: name });
          }
        }
      } catch (e) {
        if (!(e instanceof Budget)) throw e;
      } finally {
        this.rec = outer;
        this.handed = null;
      }
    }
    return out;
  }

  /** The names of the classes the file defines at its top level (read from the text: `class Name(` or `class Name:`). */
  private topLevelClassNames(): Set<string> {
    const out = new Set<string>();
    for (const m of this.h.source.matchAll(/^class[ \t]+([A-Za-z_]\w*)[ \t]*[(:]/gm)) out.add(m[1]!);
    return out;
  }

  /** The outputs of the imported name's models handed to imported functions (HelperFeed), found while instanceFeeds follows them. */
  helperFeeds(local: string): HelperFeed[] {
    if (!this.helperFeedsBy.has(local)) this.instanceFeeds(local);
    return this.helperFeedsBy.get(local) ?? [];
  }

  private readonly helperFeedsBy = new Map<string, HelperFeed[]>();
  /** While instanceFeeds follows an output: the imported functions it was handed to as it is. */
  private valueHanded: Array<{ callee: string[]; arg: number | string; logged: boolean }> | null = null;

  /** Where `node` (an instance, or the class itself) is handed to code the file does not have, followed with a fresh feed budget. */
  private handedFrom(node: Node, what: 'module' | 'class'): HandOff[] {
    this.handed = [];
    this.startFeed();
    try {
      this.object(node, what, { layer: false, calls: [] }, empty(), true);
    } catch (e) {
      if (!(e instanceof Budget)) throw e;
    } finally {
      this.endFeed();
    }
    return this.handed;
  }

  /** The reads of the imported name that are arguments of a call (`Trainer(MLP, …)`, `fit(model_cls=MLP)`). */
  private importedArguments(local: string): Array<{ node: Node; path: string[] }> {
    const out: Array<{ node: Node; path: string[] }> = [];
    this.importedReads(local, (cur, path) => {
      const p = this.parent(cur);
      const q = p?.type === 'keyword_argument' && this.field(p, 'value')?.id === cur.id ? this.parent(p) : p;
      if (q?.type === 'argument_list' && this.parent(q)?.type === 'call') out.push({ node: cur, path });
      return out.length < 16;
    });
    return out;
  }

  /**
   * `visit` for each call of the imported name `local` (none where the file binds the name itself),
   * not recording, with a fresh step budget, until it says stop; the budget spent ends the walk.
   */
  private eachImportedCall(local: string, visit: (call: Node, path: string[]) => boolean): void {
    this.eachImported(local, (l) => this.importedCalls(l).map(({ call, path }) => ({ node: call, path })), visit);
  }

  /** `visit` for each site `sites` finds of the imported name `local`, as eachImportedCall does for its calls. */
  private eachImported(local: string, sites: (local: string) => Array<{ node: Node; path: string[] }>, visit: (node: Node, path: string[]) => boolean): void {
    const outer = this.rec;
    this.rec = null;
    try {
      this.steps = 0;
      if (this.bindsItself(local)) return;
      for (const { node, path } of sites(local)) if (!visit(node, path)) break;
    } catch (e) {
      if (!(e instanceof Budget)) throw e;
    } finally {
      this.rec = outer;
    }
  }

  /**
   * The losses calls of the imported name `local` give as arguments (`train_model(model, criterion,
   * …)` with `criterion = nn.BCELoss()`, `Trainer(net, nn.BCELoss())`), with the attributes between
   * the name and the call (`tm.train_model`: ['train_model']): the function's file judges what it
   * applies those parameters to (OutputEnd.param).
   */
  lossCalls(local: string): LossCall[] {
    const out: LossCall[] = [];
    this.eachImportedCall(local, (call, path) => {
      // `net.fit(…)` of an instance is no call of the function the name imports
      if (path.length && MODULE_SELF_METHODS.has(path[path.length - 1]!)) return true;
      const losses = this.lossArguments(call, call);
      if (losses.length) out.push({ path, losses });
      // `net = Net()` … `net.train_model(loader, loss_fn=nn.CrossEntropyLoss())`: a method of the
      // imported class, on the instance the call builds (LossCall.method; `path` empty: the class itself)
      if (path.length === 0) for (const m of this.instanceMethodLossCalls(call)) if (!out.some((o) => o.method === m.method && JSON.stringify(o.losses) === JSON.stringify(m.losses))) out.push(m);
      return true;
    });
    return out;
  }

  /** The calls of methods on the instance `ctor` (a constructor's call) is bound to, as `name = ctor` (through `.to(device)`), giving losses. */
  private instanceMethodLossCalls(ctor: Node): LossCall[] {
    let built: Node = ctor;
    for (let p = this.parent(built); p?.type === 'attribute' && this.is(p, 'object', built); p = this.parent(built)) {
      const up = this.parent(p);
      if (up?.type !== 'call' || !MODULE_SELF_METHODS.has(this.member(p) ?? '')) break;
      built = up;
    }
    const asg = this.parent(built);
    const left = asg?.type === 'assignment' && this.is(asg, 'right', built) ? this.field(asg, 'left') : null;
    if (left?.type !== 'identifier') return [];
    const name = this.text(left);
    const scope = this.functionScope(this.h.scopes.of(asg!));
    const out: LossCall[] = [];
    const st: St = { layer: false, calls: [] };
    for (const n of this.names(name, asg!.endIndex, scope.end)) {
      const attr = this.parent(n);
      const call = attr?.type === 'attribute' && this.is(attr, 'object', n) ? this.parent(attr) : null;
      const method = attr ? this.member(attr) : null;
      if (call?.type !== 'call' || !this.is(call, 'function', attr!) || !method || MODULE_SELF_METHODS.has(method)) continue;
      // the name still holds this instance there
      let v = this.boundValue(n, call, st, 0);
      for (let i = 0; v?.type === 'call' && v.id !== built.id && v.id !== ctor.id && i < 4; i++) {
        const f = this.field(v, 'function');
        v = f?.type === 'attribute' && MODULE_SELF_METHODS.has(this.member(f) ?? '') ? this.field(f, 'object') : null;
      }
      if (v?.id !== ctor.id && v?.id !== built.id) continue;
      const losses = this.lossArguments(call, call);
      if (losses.length) out.push({ path: [], method, losses });
      if (out.length >= 8) break;
    }
    return out;
  }

  /**
   * The losses a module-level function's parameter reaches when it holds a model (`def train(model,
   * loader): … criterion(model(x), y)`): `arg` is the positional index or the keyword it is given by.
   */
  paramFeeds(fn: string, arg: number | string, given?: GivenArgs, losses?: readonly CallerLoss[], handOffs?: HandOff[], asClass = false, asValue = false): InstanceFeed[] {
    const out: InstanceFeed[] = [];
    const outer = this.rec;
    this.rec = null;
    // The function hands the model on to a function it imports (`discriminator_loss(netD, …, criterion)`): where, when asked.
    this.handed = handOffs ? [] : null;
    try {
      this.steps = 0;
      const f = empty();
      if (typeof arg === 'string' && arg.startsWith(SELF_CALLS)) {
        // A subclass of the class, built in another file, called on itself in the class's methods
        // (but those the subclass defines again, listed after SELF_CALLS).
        const own = new Set(arg.slice(SELF_CALLS.length).split(',').filter(Boolean));
        const def = this.moduleDef(fn, 'class_definition');
        const cls = def ? this.h.scopes.of(def) : null;
        if (!def || cls?.kind !== 'class' || cls.node.id !== def.id) return out;
        for (const c of [...this.selfInstanceCalls(cls), ...this.selfCalls(cls, 'forward'), ...this.inheritedSelfCalls(cls)].slice(0, 16)) {
          const m = this.enclosingDef(c);
          const name = m ? this.field(m, 'name') : null;
          if (name && own.has(this.text(name))) continue;
          this.value(c, { layer: false, calls: [] }, f);
        }
      } else if (typeof arg === 'string' && arg.startsWith(SELF_ATTR)) {
        // A subclass of the class sets the model as an attribute its methods call (HandOff.arg).
        const def = this.moduleDef(fn, 'class_definition');
        const cls = def ? this.h.scopes.of(def) : null;
        if (!def || cls?.kind !== 'class' || cls.node.id !== def.id) return out;
        for (const n of this.selfAttrs(cls, arg.slice(SELF_ATTR.length))) if (!this.isAssignedTo(n)) this.object(n, 'module', { layer: false, calls: [] }, f, true);
      } else {
        // A class of the file is given it by its constructor: the parameters of its `__init__` after
        // `self`; or a method of it, on an instance (`Class.method`: HandOff.method).
        const dot = fn.indexOf('.');
        let def = dot < 0 ? this.moduleDef(fn, 'function_definition') : null;
        const cls = def ? null : this.moduleDef(dot < 0 ? fn : fn.slice(0, dot), 'class_definition');
        if (cls) def = this.method(cls, dot < 0 ? '__init__' : fn.slice(dot + 1));
        const method = !!cls && !!def && !this.isStatic(def);
        this.feedCall = def ? { def: def.id, given, losses: losses ?? [], method } : null;
        const names = def ? this.paramNames(def).slice(method ? 1 : 0) : [];
        const param = typeof arg === 'string' ? (names.includes(arg) ? arg : null) : names[arg] ?? null;
        const body = def ? this.field(def, 'body') : null;
        if (!param || param === '*' || !body) return out;
        // Followed whole (as values where a model's output was handed to a loss helper: HelperFeed),
        // then, where a call of the model is unpacked (`out, aux = model(x)`), once per
        // element: what a tuple's element feeds trains only the end of that slot (as instanceFeeds).
        this.unpacked = 0;
        const slots: Array<number | undefined> = [undefined];
        for (let i = 0; i < slots.length; i++) {
          const slot = slots[i];
          const g = slot === undefined ? f : empty();
          const st: St = slot === undefined ? { layer: false, calls: [] } : { layer: false, calls: [], slot };
          for (const n of this.names(param, body.startIndex, body.endIndex)) {
            if (!this.isRead(n)) continue;
            if (asValue) { this.value(n, st, g); continue; }
            // the model called where the function unpacks its output (`out, aux = model(x)`)
            const c = slot === undefined && !asClass ? this.parent(n) : null;
            if (c?.type === 'call' && this.is(c, 'function', n)) this.countUnpacked(c);
            this.object(n, asClass ? 'class' : 'module', st, g, true);
          }
          if (slot === undefined) { if (!asValue) for (let k = 0; k < Math.min(this.unpacked, MAX_UNPACKED); k++) slots.push(k); }
          else this.feedsOf(g, out, slot);
        }
      }
      this.feedsOf(f, out);
    } catch (e) {
      if (!(e instanceof Budget)) throw e;
    } finally {
      if (handOffs && this.handed) handOffs.push(...this.handed);
      this.handed = null;
      this.rec = outer;
      this.feedCall = null;
    }
    return out;
  }

  /** The losses `f` reached directly, as paramFeeds gives them (the element of a tuple the loss got, if one). */
  private feedsOf(f: Facts, out: InstanceFeed[], slot?: number): void {
    const hits = directHits(f);
    f.direct.forEach((hit, i) => {
      const loss = hits[i] ?? hit;
      const feed: InstanceFeed = this.callerHits.has(hit) ? { path: [], loss, logged: f.logged, inCaller: true } : { path: [], loss, logged: f.logged };
      if (slot !== undefined) feed.slot = slot;
      out.push(feed);
    });
  }

  /** While paramFeeds follows a function another file calls: that function and what its call gives. */
  private feedCall: { def: number; given: GivenArgs | undefined; losses: readonly CallerLoss[]; method: boolean } | null = null;
  /** Losses of the calling file given to paramFeeds (see InstanceFeed.inCaller). */
  private readonly callerHits = new WeakSet<LossHit>();

  /**
   * The arguments of `call` besides `arg` that are losses (as written, bound to a name, or the loss
   * the other file's call gave a parameter of the function paramFeeds follows) and where they go;
   * with `factories`, also those that are the result of a call of a function the file does not
   * define (`get_criterion()`, imported: its file may build a loss).
   */
  private lossArguments(call: Node, arg: Node, factories?: CallerFactory[]): CallerLoss[] {
    const out: CallerLoss[] = [];
    let i = 0;
    for (const a of this.field(call, 'arguments')?.namedChildren ?? []) {
      if (!a || a.type === 'comment') continue;
      const keyword = a.type === 'keyword_argument' ? this.text(this.field(a, 'name') ?? a) : null;
      const index = keyword === null ? i++ : null;
      if (a.id === arg.id || (keyword !== null && this.field(a, 'value')?.id === arg.id)) continue;
      const written = keyword !== null ? this.field(a, 'value') : a;
      if (!written) continue;
      const v = written.type === 'identifier' ? this.boundValue(written, call, { layer: false, calls: [] }, 0) : written;
      const hit = v ? this.lossOfValue(v) : written.type === 'identifier' && this.feedCall ? this.callerLoss(written, call) : null;
      if (hit?.name) out.push({ arg: keyword ?? index!, loss: hit as LossHit });
      else if (!hit && factories && v?.type === 'call') {
        const fn = this.field(v, 'function');
        const callee = fn ? dottedParts(fn, this.h.source) : null;
        if (fn && callee && !this.bindsItself(callee[0]!) && !this.h.torchPath(fn)) factories.push({ arg: keyword ?? index!, callee });
      }
    }
    return out;
  }

  /**
   * The value is the input of a call of a loss the caller injects: `criterion(preds, y)` in `def
   * train_model(model, criterion, …)` of a module other files call, or `self.loss_fn(p, y)` with
   * `self.loss_fn = loss_fn` kept from the constructor's parameter, the file's own code giving that
   * parameter nothing the flow knows. Called with the value first and a second positional argument
   * (a target), it is no layer of the model (a layer takes the one tensor): the value ends there,
   * its loss unknown in this file; where another file's call gives that parameter a loss, the end
   * (OutputEnd.param) lets it judge the value when the file is read again with it.
   */
  private intoInjected(fn: Node, call: Node, arg: Node, st: St, f: Facts): boolean {
    if (st.layer || st.evalOnly || this.positionalArguments(call, arg) < 2) return false;
    const at = this.injectedParam(fn, call);
    if (!at) return false;
    if (endsWanted) endAt(f, at.owner, st, undefined, false, at.param);
    return true;
  }

  /** The module-level function or class whose parameter (name and position in a call) the callee holds, as intoInjected reads it; else null. */
  private injectedParam(fn: Node, call: Node): { owner: string; param: { name: string; index: number } } | null {
    if (fn.type === 'identifier') {
      const scope = this.functionScope(this.h.scopes.of(call));
      const name = this.text(fn);
      if (scope.kind !== 'function' || this.isStatic(scope.node)) return null;
      // a method of a class of the module's top level (`def train_model(self, loader, loss_fn)`): the
      // caller's instance gives its parameters after `self` (`net.train_model(loader, loss_fn=…)`)
      const cls = scope.parent?.kind === 'class' && scope.parent.parent?.kind === 'module' ? scope.parent : null;
      if (scope.parent?.kind !== 'module' && !cls) return null;
      const index = this.paramNames(scope.node).indexOf(name);
      if (index < (cls ? 1 : 0) || this.lastAssignment(name, scope.start, call.startIndex, scope.end)) return null;
      if (cls) return this.onlyModuleBinding(cls.name, cls.node) && this.method(cls.node, scope.name)?.id === scope.node.id ? { owner: `${cls.name}.${scope.name}`, param: { name, index: index - 1 } } : null;
      return this.onlyModuleBinding(scope.name, scope.node) ? { owner: scope.name, param: { name, index } } : null;
    }
    const member = fn.type === 'attribute' ? this.selfMember(fn) : null;
    const cls = member !== null ? this.classOf(this.h.scopes.of(call)) : null;
    if (member === null || !cls || cls.parent?.kind !== 'module') return null;
    // every `self.<member> = …` of the class is `= <param>` in one method, the parameter unbound
    // before: `__init__` (the constructor's argument), or the very method the call is in
    // (`def train_model(self, loader, loss_fn): self.loss_fn = loss_fn` … `self.loss_fn(out, y)`)
    let param: string | null = null;
    let holder: Node | null = null;
    for (const n of this.selfAttrs(cls, member)) {
      const p = this.parent(n);
      if (p?.type !== 'assignment' || !this.is(p, 'left', n)) continue;
      const right = this.field(p, 'right');
      const at = this.functionScope(this.h.scopes.of(p));
      if (right?.type !== 'identifier' || at.kind !== 'function' || at.parent?.node.id !== cls.node.id || (holder && at.node.id !== holder.id)) return null;
      const name = this.text(right);
      if ((param !== null && param !== name) || this.lastAssignment(name, at.start, p.startIndex, p.startIndex)) return null;
      param = name;
      holder = at.node;
    }
    if (!holder || !this.onlyModuleBinding(cls.name, cls.node) || this.isStatic(holder)) return null;
    const name = this.text(this.field(holder, 'name')!);
    if (this.method(cls.node, name)?.id !== holder.id) return null;
    const index = this.paramNames(holder).indexOf(param!);
    if (index < 1) return null;
    if (name === '__init__') return { owner: cls.name, param: { name: param!, index: index - 1 } };
    // a method's own parameter: read only in that method, after it was kept
    const inside = this.functionScope(this.h.scopes.of(call));
    return inside.node.id === holder.id ? { owner: `${cls.name}.${name}`, param: { name: param!, index: index - 1 } } : null;
  }

  /** How many arguments `call` gives by position when `arg` is the first of them, else 0. */
  private positionalArguments(call: Node, arg: Node): number {
    let n = 0;
    for (const a of this.field(call, 'arguments')?.namedChildren ?? []) {
      if (!a || a.type === 'comment') continue;
      if (n === 0 && a.id !== arg.id) return 0;
      if (a.type === 'keyword_argument' || a.type === 'list_splat' || a.type === 'dictionary_splat') break;
      n++;
    }
    return n;
  }

  /**
   * The loss the other file's call gives the parameter `fn` reads (`loss_fn(…)` in the function
   * paramFeeds follows, or `self.loss_fn(…)` kept from its `__init__`), or null.
   */
  private callerLoss(fn: Node, call: Node, st?: St, depth = 0): LossHit | null {
    const feed = this.feedCall;
    if (!feed || !feed.losses.length) return null;
    // `def step(net, crit, x, y): crit(net(x), y)` entered from `step(net, crit, x, y)` in the function
    // the other file calls: the parameter holds what that call passed, read there (`epoch(net, crit)`)
    if (st?.entered && depth < 3 && fn.type === 'identifier') {
      const scope = this.functionScope(this.h.scopes.of(fn));
      const name = this.text(fn);
      if (scope.kind === 'function' && scope.node.id !== feed.def && this.paramNames(scope.node).includes(name) && !this.lastAssignment(name, scope.start, call.startIndex, scope.end)) {
        const entered = [...st.entered].reverse().find((c) => c.fn === scope.node.id);
        const a = entered ? this.argumentFor(scope.node, entered.call, name, scope.parent?.kind === 'class') : null;
        return a?.type === 'identifier' ? this.callerLoss(a, entered!.call, st, depth + 1) : null;
      }
    }
    let param: Node | null = null;
    if (fn.type === 'identifier') param = fn;
    else if (fn.type === 'attribute') {
      const member = this.selfMember(fn);
      const cls = member !== null ? this.classOf(this.h.scopes.of(call)) : null;
      for (const n of cls && member !== null ? this.selfAttrs(cls, member) : []) {
        const p = this.parent(n);
        const right = p?.type === 'assignment' && this.is(p, 'left', n) ? this.field(p, 'right') : null;
        if (right) { param = right.type === 'identifier' ? right : null; break; }
      }
    }
    if (!param) return null;
    const scope = this.functionScope(this.h.scopes.of(param));
    if (scope.kind !== 'function' || scope.node.id !== feed.def) return null;
    const name = this.text(param);
    if (fn.type === 'identifier' && this.lastAssignment(name, scope.start, call.startIndex, scope.end)) return null;
    const names = this.paramNames(scope.node).slice(feed.method ? 1 : 0);
    const index = names.indexOf(name);
    if (index < 0) return null;
    const hit = feed.losses.find((l) => l.arg === name || l.arg === index)?.loss;
    if (!hit) return null;
    this.callerHits.add(hit);
    return hit;
  }

  /** The arguments `call` gives, or undefined when it spreads some (`f(*a)`, `f(**kw)`). */
  private givenArgs(call: Node): GivenArgs | undefined {
    if (this.givesUnnamed(call)) return undefined;
    let positional = 0;
    const keywords: string[] = [];
    for (const a of this.field(call, 'arguments')?.namedChildren ?? []) {
      if (!a || a.type === 'comment') continue;
      if (a.type === 'keyword_argument') { const n = this.field(a, 'name'); if (n) keywords.push(this.text(n)); } else positional++;
    }
    return { positional, keywords };
  }

  /** The calls of an imported name, or of `name.a.b`, with the attributes between (instanceFeeds, handOffs). */
  private importedCalls(local: string): Array<{ call: Node; path: string[] }> {
    const sites: Array<{ call: Node; path: string[] }> = [];
    this.importedReads(local, (cur, path) => {
      const call = this.parent(cur);
      if (call?.type === 'call' && this.is(call, 'function', cur)) sites.push({ call, path });
      return sites.length < 32;
    });
    return sites;
  }

  /** The facts of a verdict asked `unlessHidden` (see halted). */
  private watched: Facts | null = null;
  /** Memoised answers being computed (each must be computed whole: it is kept for other verdicts). */
  private memoDepth = 0;

  /**
   * A verdict asked `unlessHidden` found its value hidden, and no memoised answer is being
   * computed: the walk returns from where it stands instead of following on (returning, not
   * throwing: unwinding the flow's deep recursion through baseline frames costs more than the
   * walk it saves).
   */
  private halted(): boolean {
    return this.watched !== null && this.watched.hidden && this.memoDepth === 0;
  }

  private tick(): void {
    if (this.rec) this.rec.cost++;
    if (++this.steps > MAX_STEPS) throw new Budget();
  }

  private text(n: Node): string {
    return this.h.source.slice(n.startIndex, n.endIndex);
  }

  /**
   * A node's child in a field, asked of the parser once per node and field: the flow checks the
   * same parents' fields again and again (is this the right side? the callee?), and each ask is a
   * call into wasm and a new Node.
   */
  private readonly fieldMemo = new Map<string, Map<number, Node | null>>();
  /** The two memos as nameRole takes them (made once, not per name asked about). */
  private readonly parentFn = (n: Node) => this.parent(n);
  private readonly fieldFn = (n: Node, name: string) => this.field(n, name);
  private readonly isFn = (p: Node, name: string, child: Node) => this.is(p, name, child);
  private field(n: Node | null | undefined, name: string): Node | null {
    if (!n) return null;
    let byNode = this.fieldMemo.get(name);
    if (!byNode) this.fieldMemo.set(name, (byNode = new Map()));
    let c = byNode.get(n.id);
    if (c === undefined) byNode.set(n.id, (c = n.childForFieldName(name)));
    return c;
  }

  /**
   * Is `child`, a child of `p`, p's field `name`? A field that is its node's first child (the left
   * side, a callee, an attribute's object…) starts where its node does: in a statement without
   * syntax errors (where no node is missing, so none is empty) that is read from the positions
   * instead of asking the parser for the field. `child` must be a direct child of `p`.
   */
  private is(p: Node, name: string, child: Node): boolean {
    if (isFirstField(p.type, name) && this.h.scopes.cleanAt(p.startIndex)) return child.startIndex === p.startIndex;
    return this.field(p, name)?.id === child.id;
  }

  /** The name after the dot of an attribute (`m` of `x.m`): its last token, in a statement without syntax errors. */
  private member(a: Node): string | null {
    if (this.h.scopes.cleanAt(a.startIndex)) {
      const src = this.h.source;
      const end = a.endIndex;
      let k = end;
      while (k > a.startIndex && isIdentPartAt(src, k - 1)) k--;
      if (k < end) return src.slice(k, end);
    }
    const n = this.field(a, 'attribute');
    return n ? this.text(n) : null;
  }

  /** `self.<name>` (an attribute whose object is the name `self`): the member's name, else null. */
  private selfMember(a: Node): string | null {
    if (this.h.scopes.cleanAt(a.startIndex)) {
      const m = SELF_MEMBER.exec(this.text(a));
      if (m) return m[1]!;
      const src = this.h.source;
      if (!src.startsWith('self', a.startIndex) || isIdentPartAt(src, a.startIndex + 4)) return null;
    }
    const obj = this.field(a, 'object');
    const attr = this.field(a, 'attribute');
    return obj?.type === 'identifier' && this.text(obj) === 'self' && attr ? this.text(attr) : null;
  }

  /** A node's parent (asked of the parser once per node: ScopeIndex.parentOf). */
  private parent(n: Node): Node | null {
    if (this.rec) this.touchAt(n.startIndex);
    return this.h.scopes.parentOf(n);
  }

  // ── values ───────────────────────────────────────────────────────────────────────────────

  /** Follows a tensor value computed at `node` to wherever it goes. */
  private value(node: Node, st: St, f: Facts): void {
    let cur = node;
    let slot = st.slot;
    st = { layer: st.layer, calls: st.calls, logged: st.logged, again: st.again, exped: st.exped, picked: st.picked, normed: st.normed, rescaled: st.rescaled, evalOnly: st.evalOnly, noEnd: st.noEnd, arms: st.arms, cond: st.cond, entered: st.entered, origin: st.origin, diff: st.diff };
    if (!st.evalOnly && this.evalOnly(node)) { st.evalOnly = true; f.evalOnly = true; }
    this.standsIn(node, f);
    if (st.cond) {
      const taken = this.branchesAt(node, st);
      if (!taken) return;
      st = taken;
    }
    for (let i = 0; i < 64; i++) {
      this.tick();
      if (this.halted()) return;
      const p = this.parent(cur);
      if (!p) return;
      const kept = slot;
      slot = undefined;
      switch (p.type) {
        case 'parenthesized_expression':
          slot = kept;
          cur = p;
          continue;
        case 'tuple':
        case 'expression_list':
          slot = p.type === 'expression_list' || this.parent(p)?.type === 'return_statement' ? elementIndex(p, cur) : undefined;
          cur = p;
          continue;
        case 'list':
        case 'list_comprehension':
        case 'generator_expression':
        case 'list_splat':
        case 'unary_operator':
        case 'dictionary':
        case 'set':
          cur = p;
          continue;
        case 'pair':
          if (this.field(p, 'value')?.id !== cur.id) return;
          // `return {'logits': l, 'probs': F.softmax(l, 1)}`: a caller picks one value by its key.
          st = { ...st, noEnd: true };
          cur = p;
          continue;
        case 'subscript': {
          if (!this.is(p, 'value', cur)) return;
          // `model(x)[0]` of a returned tuple: the value goes on only where the index is its own slot.
          const i = kept !== undefined ? this.literalIndex(p) : undefined;
          if (i !== undefined && i !== kept) return;
          // `probs[:, 1]`: one class's probability (not a tuple's slot)
          if (i === undefined && !st.picked && this.picksElements(p, cur)) st = { ...st, picked: true };
          cur = p;
          continue;
        }
        case 'conditional_expression':
          if (p.namedChild(1)?.id === cur.id) return; // the condition
          cur = p;
          continue;
        case 'keyword_argument':
          if (this.field(p, 'value')?.id !== cur.id) return;
          cur = p;
          continue;
        case 'binary_operator': {
          const op = this.field(p, 'operator');
          const o = op ? this.text(op) : '';
          const other = o === '*' || o === '/' || o === '+' || o === '-' ? (this.is(p, 'left', cur) ? this.field(p, 'right') : this.field(p, 'left')) : null;
          // a short operand only, but for `*` (whose constant it always asked): a long sum of terms is no constant
          const constant = !!other && (o === '*' || other.endIndex - other.startIndex <= 64) && isConstant(other, this.h.source, (a) => this.isSetting(a), (id) => this.isConstantName(id));
          // `(x - y) ** 2`, `diff * diff`: a distance (St.diff)
          if (st.diff && ((o === '**' && this.is(p, 'left', cur)) || (o === '*' && other && this.text(other) === this.text(cur)))) return;
          if (o === '-' && other && !constant) st = { ...st, diff: true };
          if (o === '*') {
            if (other && !constant) {
              if (!st.layer) { this.product(p, st, f); return; }
              st = { ...st, layer: true };
            }
          } else if (o === '@') st = { ...st, layer: true };
          // `torch.sigmoid(x) * 4 + 1`: the range moved where the code wanted it
          if (constant && !st.rescaled && !isUnitConstant(other!, this.h.source)) st = { ...st, rescaled: true };
          cur = p;
          continue;
        }
        case 'attribute': {
          if (!this.is(p, 'object', cur)) return;
          const m = this.member(p) ?? '';
          const call = this.parent(p);
          if (call?.type !== 'call' || !this.is(call, 'function', p)) {
            if (m === 'data' || m === 'T' || m === 'mT' || m === 'real') { cur = p; continue; }
            return; // .shape, .grad
          }
          if (m === 'backward') { if (!st.layer) { f.backward = true; if (st.again) f.again = true; } return; }
          if (m === 'log' || m === 'log_') st = { ...st, logged: true };
          if (m === 'exp' || m === 'exp_') st = { ...st, exped: true };
          if (NORMALIZERS.has(m)) st = normalized(st);
          if (THRESHOLD_METHODS.has(m) && !st.layer) { f.thresholded = true; return; }
          if (STOP_METHODS.has(m) || DISTRIBUTION_ENDS.has(m)) return;
          if (st.diff && DISTANCE_OF_DIFFERENCE.has(m)) return;
          if (m === 'append' || m === 'extend' || m === 'add_') {
            // `outs.append(h)`: the list (or sum) carries the value from here.
            const obj = this.field(p, 'object');
            if (obj?.type === 'identifier') this.usesOfName(obj, call, st, (n) => this.value(n, st, f));
            return;
          }
          if (PRODUCT_METHODS.has(m)) {
            if (!st.layer) { this.product(call, st, f); return; }
            st = { ...st, layer: true };
          } else if (LAYER_METHODS.has(m)) st = { ...st, layer: true };
          cur = call;
          continue;
        }
        case 'argument_list': {
          const call = this.parent(p);
          if (call?.type !== 'call') return;
          const next = this.intoCall(call, cur, st, f);
          if (!next) return;
          st = next;
          cur = call;
          continue;
        }
        case 'assignment':
        case 'augmented_assignment': {
          if (this.field(p, 'right')?.id !== cur.id) return;
          const left = this.field(p, 'left');
          if (!left) return;
          // `context *= beta` with `beta = torch.sigmoid(…)`: a product as `context * beta` is (a gate)
          if (p.type === 'augmented_assignment' && left.type === 'identifier' && this.text(this.field(p, 'operator') ?? p) === '*=') {
            const g = empty();
            const through: St = { ...st, layer: true };
            this.usesOfName(left, p, through, (n) => this.value(n, through, g));
            if (!st.layer && (g.hidden || g.output || g.rets.length > 0 || g.open) && !g.lossCode) f.gate = true;
            merge(f, g);
            f.rets.push(...g.rets);
            return;
          }
          if (left.type === 'identifier') {
            // `out = model(x)` of a returned tuple: the name holds the tuple, its reads still pick by the slot.
            const held = kept !== undefined && p.type === 'assignment' ? { ...st, slot: kept } : st;
            this.usesOfName(left, p, held, (n) => this.value(n, held, f));
          } else if (left.type === 'pattern_list' || left.type === 'tuple_pattern' || left.type === 'tuple' || left.type === 'list_pattern') {
            const names = left.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
            const picked = kept !== undefined && kept < names.length ? [names[kept]!] : names;
            for (const c of picked) if (c.type === 'identifier') this.usesOfName(c, p, st, (n) => this.value(n, st, f));
          }
          return;
        }
        case 'return_statement':
        case 'yield':
          this.returned(this.h.scopes.of(p), { ...st, slot: kept, noEnd: st.noEnd || (endsWanted && this.returnsByArgument(p)) }, f);
          return;
        case 'for_in_clause':
        case 'for_statement': {
          // `[pool(i) for i in x]`, `for h in hs:`: the loop variable holds the values.
          if (this.field(p, 'right')?.id !== cur.id) return;
          const left = this.field(p, 'left');
          const holder = p.type === 'for_in_clause' ? this.parent(p) : this.field(p, 'body');
          if (left?.type !== 'identifier' || !holder) return;
          for (const n of this.names(this.text(left), holder.startIndex, holder.endIndex)) {
            if (n.id !== left.id && this.isRead(n)) this.value(n, st, f);
          }
          return;
        }
        case 'lambda':
          return;
        case 'comparison_operator':
          // `(out > 0.5).float()`: an accuracy or a prediction reads the activation's range (not
          // `preds == labels`, an exact match of what argmax gave)
          if (!st.layer && p.children.some((c) => !!c && (c.type === '>' || c.type === '<' || c.type === '>=' || c.type === '<='))) f.thresholded = true;
          return;
        default:
          return;
      }
    }
  }

  /** The value is an argument of `call`: the state it continues with from the call's result, or null if it ends there. */
  private intoCall(call: Node, arg: Node, st: St, f: Facts): St | null {
    const fn = this.field(call, 'function');
    if (!fn) return null;
    // `crit(out, y)` with `crit = WrappedCE()`: an instance of a class of the file that builds no
    // layers, whose forward takes the value on (to `self.inner = nn.CrossEntropyLoss()`, or to
    // `F.cross_entropy` in a focal loss). Where it reaches PyTorch's loss there, that loss judges
    // it; else the call is read as before (a loss of the file with no PyTorch name, a module).
    const fwd = this.heldModuleForward(fn, call, st);
    if (fwd) {
      const inner = empty();
      const out = this.intoHelper(fwd, call, arg, st, inner, true);
      if (inner.losses.length || inner.maybe?.length) { merge(f, inner); return out; }
    }
    let loss = this.lossOfCall(call, st);
    if (loss) {
      if (st.evalOnly) return null; // computed only in eval mode: the loss never sees it
      // a target or weight: compared or scaled with, not judged; but a regression loss is symmetric, and
      // `F.mse_loss(torch.ones(4, 1), net(x))` gives the labels the code writes first: the value is the prediction
      if (loss.name && !this.isInput(loss.name, arg) && !(isRegression(loss.name) && this.labelsFirst(call, arg, loss.name))) {
        // the target of a KL divergence as it is: probabilities, or log-probabilities with log_target=True (AL109)
        if (lossKind(loss.name) === 'kl_div' && !st.layer && !st.logged && !st.exped && !st.rescaled && this.isKlTarget(arg)) f.klTarget ??= { logTarget: !!(loss as LossHit).logTarget };
        return null;
      }
      // an autoencoder's reconstruction: compared with what the model was given
      if (loss.name && isRegression(loss.name) && this.comparesWithInput(call, arg, loss.name, st)) {
        const marked = { ...(loss as LossHit), reconstruction: true };
        if (this.callerHits.has(loss as LossHit)) this.callerHits.add(marked);
        loss = marked;
      }
      // 0/1 labels written in the file (`y = torch.tensor([[1.0], [0.0], …])`): a binary classification
      if (loss.name && isRegression(loss.name) && !(loss as LossHit).reconstruction && this.binaryTargets(call, arg, loss.name)) {
        const marked = { ...(loss as LossHit), binaryTargets: true };
        if (this.callerHits.has(loss as LossHit)) this.callerHits.add(marked);
        loss = marked;
      }
      if (loss.name && st.rescaled && isRegression(loss.name)) {
        const marked = { ...(loss as LossHit), rescaled: true };
        if (this.callerHits.has(loss as LossHit)) this.callerHits.add(marked);
        loss = marked;
      }
      // what another file reads of the loss its model's output reaches (join.ts Feed.again)
      if (loss.name && st.again && !st.layer) {
        const marked = { ...(loss as LossHit), again: true };
        if (this.callerHits.has(loss as LossHit)) this.callerHits.add(marked);
        loss = marked;
      }
      if (loss.name && st.picked) {
        const marked = { ...(loss as LossHit), picked: true };
        if (this.callerHits.has(loss as LossHit)) this.callerHits.add(marked);
        loss = marked;
      }
      const needs = loss.name && st.cond ? this.undecided(st, call) : NO_TERMS;
      if (needs.length) { (f.maybe ??= []).push({ conj: needs, loss: loss as LossHit, direct: !st.layer, logged: !!st.logged }); return null; } // down a branch no call here is known to take
      if (loss.name) { f.losses.push(loss as LossHit); if (!st.layer) f.direct.push(loss as LossHit); if (st.logged) f.logged = true; }
      else f.custom = true; // a loss module of the file
      if (st.again && !st.layer) f.again = true;
      if (st.normed) f.normed = true;
      if (!st.layer && this.inModel(this.h.scopes.of(call))) f.lossCode = true;
      return null;
    }
    const path = this.h.torchPath(fn);
    if (path) {
      // `Categorical(probs=p)`, `Bernoulli(p)`: the distribution carries the value (returned by a
      // forward it is the model's output) until it is sampled from or scored (DISTRIBUTION_ENDS).
      // What reached it through a layer was hidden in the network that computed it.
      if (path.startsWith('torch.distributions.')) {
        if (st.layer) f.hidden = true;
        return st;
      }
      const last = path.slice(path.lastIndexOf('.') + 1);
      if (STOP_FUNCTIONS.has(last)) return null;
      if (st.diff && DISTANCE_OF_DIFFERENCE.has(last)) return null;
      if (last === 'log') return { ...st, logged: true };
      if (last === 'exp') return { ...st, exped: true };
      // `torch.round(out)`: a prediction read against 0.5 (Facts.thresholded)
      if (last === 'round' && !st.layer) { f.thresholded = true; return null; }
      // `F.log_softmax(probs, 1)`: softmax applied to the value again (its input, not its dim)
      if (NORMALIZERS.has(last) && this.isFirstArgument(call, arg)) return normalized(st);
      if (PRODUCT_FUNCTIONS.has(last)) {
        if (!st.layer) { this.product(call, st, f); return null; }
        return { ...st, layer: true };
      }
      if (LAYER_FUNCTIONS.has(last) || /^torch\.nn\.[A-Z]/.test(path)) return { ...st, layer: true };
      return st; // torch.cat, F.dropout, torch.flatten, torch.log…
    }
    // `self.accuracy(torch.sigmoid(y_hat), y)` with `self.accuracy = Accuracy(task="binary")` from
    // torchmetrics: a metric, where the value ends (not a layer of the model)
    if (this.metricModule(fn, call, st)) return null;
    if (fn.type === 'identifier') {
      const name = this.text(fn);
      if (SINKS.has(name)) return null;
      if (name === 'sum' || name === 'max' || name === 'min') return st; // `sum([f(x) for f in fns])`: the branches added
      if (this.h.isForeign(name)) {
        // an imported function given the output as it is (a loss helper of another file: HelperFeed)
        if (this.valueHanded && !st.layer && !st.evalOnly && this.valueHanded.length < 16) {
          // (the argument as the walk up reaches it: a keyword argument whole, else the value itself)
          const keyword = arg.type === 'keyword_argument' ? this.text(this.field(arg, 'name') ?? arg) : null;
          const index = keyword ?? positionalIndex(call, arg);
          if (index !== null) this.valueHanded.push({ callee: [name], arg: index, logged: !!st.logged });
        }
        return st; // `rearrange(x, …)` from einops: the same values, reshaped
      }
      const def = this.moduleDef(name, 'function_definition');
      if (def) return this.intoHelper(def, call, arg, st, f, false);
      if (this.moduleDef(name, 'class_definition')) return null; // a tensor handed to a constructor
      if (this.keepsValues(fn, call, st)) return st;
      if (this.intoInjected(fn, call, arg, st, f)) return null;
      return { ...st, layer: true }; // a module held in a variable, or code the file does not have
    }
    if (fn.type === 'attribute') {
      const obj = this.field(fn, 'object');
      const attr = this.field(fn, 'attribute');
      if (obj?.type === 'identifier' && attr) {
        const o = this.text(obj);
        if (this.h.isForeign(o)) return null;
        // `outs.append(F.log_softmax(h, -1))` … `torch.stack(outs, dim=1)`: the list holds the value from here
        const a = this.text(attr);
        if ((a === 'append' || a === 'extend' || a === 'insert') && o !== 'self' && this.is(call, 'arguments', this.parent(arg) ?? arg)) {
          this.usesOfName(obj, call, st, (n) => this.value(n, st, f));
          return null;
        }
        if (o === 'self') {
          const cls = this.classOf(this.h.scopes.of(call));
          const method = cls ? this.method(cls.node, this.text(attr)) : null;
          if (method) return this.intoHelper(method, call, arg, st, f, true);
          if (!this.keepsValues(fn, call, st) && this.intoInjected(fn, call, arg, st, f)) return null;
        } else {
          // `model.loss_function(recon, x, mu, logvar)` on an instance of a class of the file.
          const cls = this.instanceClass(obj, call, st);
          const method = cls ? this.method(cls, this.text(attr)) : null;
          if (method) return this.intoHelper(method, call, arg, st, f, true);
        }
      }
      if (this.keepsValues(fn, call, st)) return st;
      return { ...st, layer: true }; // a sub-module, `model.encode(x)`, `blocks[i](x)`
    }
    return { ...st, layer: true };
  }

  /** Does the file import a metrics library (torchmetrics, sklearn.metrics, ignite.metrics)? Asked once. */
  private metricsImported: boolean | undefined;

  /** Is the callee (a name or `self.<name>`) bound to a metric object of such a library (`Accuracy(task="binary")`)? */
  private metricModule(fn: Node, call: Node, st: St): boolean {
    this.metricsImported ??= this.h.importsForeign(METRICS);
    if (!this.metricsImported || (fn.type !== 'identifier' && fn.type !== 'attribute')) return false;
    const bound = this.unmoved(this.boundValue(fn, call, st, 0));
    const ctor = bound?.type === 'call' ? this.field(bound, 'function') : null;
    const path = ctor ? this.h.foreignPath(ctor) : null;
    return !!path && METRICS.test(path);
  }

  /**
   * The forward (or `__call__`) of the class of the file whose instance the callee holds (`crit`
   * bound to `WrappedCE()`, `self.crit` to `WrappedCE()` in `__init__`), when that class builds no
   * layers of its own: a model's forward is not followed into (its output is the model's, judged
   * where it is used).
   */
  private heldModuleForward(fn: Node, call: Node, st: St): Node | null {
    if (fn.type !== 'identifier' && fn.type !== 'attribute') return null;
    if (fn.type === 'identifier' && (SINKS.has(this.text(fn)) || this.moduleDef(this.text(fn), 'function_definition') || this.moduleDef(this.text(fn), 'class_definition'))) return null;
    const bound = this.boundValue(fn, call, st, 0);
    const ctor = bound?.type === 'call' ? this.field(bound, 'function') : null;
    if (ctor?.type !== 'identifier') return null;
    const cls = this.moduleDef(this.text(ctor), 'class_definition');
    if (!cls) return null;
    this.touch(cls); // what the class builds and its forward decide: an edit there is read again
    return this.layerlessForward(cls);
  }

  /** The forward (or `__call__`) of a class of the file that builds no layers of its own (a loss wrapper, not a model). */
  private layerlessForward(cls: Node): Node | null {
    const scope = this.h.scopes.of(cls);
    if (scope.kind !== 'class' || scope.node.id !== cls.id || this.hasLayers(scope)) return null;
    return this.method(cls, 'forward') ?? this.method(cls, '__call__');
  }

  /**
   * The argument of the loss `call` that the value which came in as `arg` is compared with: `target=`,
   * else the first positional argument in the other slot than the value's (its target, or for the
   * value given second, labelsFirst, the labels given first); null where arguments are spread.
   */
  private targetArgument(call: Node, arg: Node, loss: string): Node | null {
    let target: Node | null = null;
    const input = this.isInput(loss, arg);
    for (const a of this.field(call, 'arguments')?.namedChildren ?? []) {
      if (!a || a.type === 'comment' || a.id === arg.id) continue;
      if (a.type === 'list_splat' || a.type === 'dictionary_splat') return null;
      if (a.type === 'keyword_argument') {
        const k = this.field(a, 'name');
        if (k && this.text(k) === 'target') target = this.field(a, 'value');
      } else if (!target && this.isInput(loss, a) !== input) target = a;
    }
    return target;
  }

  /**
   * The regression loss `call` is given `arg` second and, first, labels the code writes (writtenLabels):
   * `torch.ones(…)`, `torch.zeros_like(…)`, `torch.full(…)` or `torch.tensor([…])` of literal numbers
   * (`F.mse_loss(torch.ones(4, 1), net(x))`: the same loss as the other way round).
   */
  /** A subscript of `value` indexing by more than slices (`[:, 1]`, `[range(n), y]`, `[0]`): it picks elements. */
  private picksElements(sub: Node, value: Node): boolean {
    for (const c of sub.namedChildren) {
      if (!c || c.id === value.id || c.type === 'comment') continue;
      if (c.type !== 'slice' && c.type !== 'ellipsis' && c.type !== 'none') return true;
    }
    return false;
  }

  /** `arg` is the target of a KL divergence's call: its second positional argument, or `target=`. */
  private isKlTarget(arg: Node): boolean {
    if (arg.type === 'keyword_argument') return this.text(this.field(arg, 'name') ?? arg) === 'target';
    const list = this.parent(arg);
    return !!list && elementIndex(list, arg) === 1;
  }

  /** `arg` is what `call` takes as its input: its first positional argument, or `input=`. */
  private isFirstArgument(call: Node, arg: Node): boolean {
    if (arg.type === 'keyword_argument') return this.text(this.field(arg, 'name') ?? arg) === 'input';
    const list = this.field(call, 'arguments');
    const first = list?.namedChildren.find((c): c is Node => !!c && c.type !== 'comment');
    return first?.id === arg.id;
  }

  private labelsFirst(call: Node, arg: Node, loss: string): boolean {
    if (arg.type === 'keyword_argument') return false;
    const list = this.parent(arg);
    const positional = list?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') ?? [];
    if (positional.length !== 2 || positional[1]!.id !== arg.id || positional[0]!.type === 'keyword_argument' || !this.isInput(loss, positional[0]!)) return false;
    const labels = this.writtenLabels(positional[0]!, call);
    if (!labels) return false;
    if (!labels.literal) return true;
    return labels.data?.type === 'list' && /^[\s\d.eE+\-\[\],]+$/.test(this.text(labels.data));
  }

  /**
   * Labels the code writes where `v` (an argument of `call`) reads them, directly or through the name
   * bound to it, `y.float()`, `y.view(-1, 1)` or `y.to(device)` on the way: `torch.ones` / `zeros`
   * (`_like`) / `full`, named, or `torch.tensor` (`Tensor`, `FloatTensor`, `as_tensor`) of `data`,
   * its first argument (`literal`); else null.
   */
  private writtenLabels(v: Node | null, call: Node): { name: string; literal?: true; data?: Node | null } | null {
    for (let i = 0; v && i < 6; i++) {
      if (v.type === 'parenthesized_expression') { v = v.namedChild(0); continue; }
      const fn = v.type === 'call' ? this.field(v, 'function') : null;
      if (fn?.type === 'attribute' && !this.h.torchPath(fn) && SAME_VALUES_METHODS.has(this.member(fn) ?? '')) { v = this.field(fn, 'object'); continue; }
      // `Variable(t)` (PyTorch before 0.4): the tensor itself
      if (fn && /(^|\.)Variable$/.test(this.h.torchPath(fn) ?? '')) { v = this.field(v, 'arguments')?.namedChildren.find((c) => !!c && c.type !== 'comment') ?? null; continue; }
      // `torch.zeros(n, C).scatter_(1, y, 1)`: one-hot rows of the zeros, 0/1 when the value scattered is
      if (fn?.type === 'attribute' && !this.h.torchPath(fn) && (this.member(fn) === 'scatter_' || this.member(fn) === 'scatter')) {
        const given = this.field(v, 'arguments')?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') ?? [];
        const src = given.find((a) => a.type === 'keyword_argument' && /^(value|src)$/.test(this.text(this.field(a, 'name') ?? a)));
        const filled = src ? this.field(src, 'value') : given.filter((a) => a.type !== 'keyword_argument')[2] ?? null;
        if (!filled || !/^(1|1\.0*)$/.test(this.text(filled))) return null;
        v = this.field(fn, 'object');
        continue;
      }
      if (v.type === 'identifier') { v = this.boundValue(v, call, { layer: false, calls: [] }, 0); continue; }
      break;
    }
    const fn = v?.type === 'call' ? this.field(v, 'function') : null;
    const path = fn ? this.h.torchPath(fn) : null;
    const name = path ? path.slice(path.lastIndexOf('.') + 1) : '';
    if (['ones', 'zeros', 'ones_like', 'zeros_like', 'one_hot', 'eye'].includes(name)) return { name };
    // `torch.full((n, 1), 1)`, `torch.full_like(x, 0.0)`: the fill value written
    if (name === 'full' || name === 'full_like') {
      const args = this.field(v!, 'arguments')?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') ?? [];
      const kw = args.find((a) => a.type === 'keyword_argument' && this.text(this.field(a, 'name') ?? a) === 'fill_value');
      return { name, data: kw ? this.field(kw, 'value') : args.filter((a) => a.type !== 'keyword_argument')[1] ?? null };
    }
    if (!['tensor', 'Tensor', 'FloatTensor', 'as_tensor'].includes(name)) return null;
    return { name, literal: true, data: this.field(v!, 'arguments')?.namedChildren.find((c) => !!c && c.type !== 'comment') ?? null };
  }

  /**
   * The regression loss `call` compares the value that came in as `arg` with targets the file writes
   * as 0/1 labels: a literal list of only 0s and 1s given to `torch.tensor` (`Tensor`, `FloatTensor`,
   * `as_tensor`), or `torch.ones`/`zeros` (`_like`), directly or through the name bound to it.
   */
  private binaryTargets(call: Node, arg: Node, loss: string): boolean {
    const labels = this.writtenLabels(this.targetArgument(call, arg, loss), call);
    if (!labels) return false;
    // ones and zeros are 0/1 labels; `torch.full(…, 1)` too, `torch.full(…, 0.9)` (smoothed) is not
    if (labels.name === 'full' || labels.name === 'full_like') return !!labels.data && /^(0|1)(\.0*)?$|^\.0+$/.test(this.text(labels.data));
    if (!labels.literal) return true;
    const first = labels.data;
    if (first?.type !== 'list') return false;
    const numbers = this.text(first).match(/[^\s\[\],]+/g) ?? [];
    return numbers.length > 1 && numbers.every((t) => /^(0|1)(\.0*)?$|^\.0+$/.test(t)) && numbers.some((t) => /^1/.test(t)) && numbers.some((t) => /^0|^\./.test(t));
  }

  /**
   * Does the regression loss `call` compare the value that came in as `arg` with the input of the
   * model that computed it: `criterion(model(x), x)`, `out = autoencoder(images)` then
   * `criterion(out, images)`, also `img.data`, `x.view(-1, 784)` or `.to(device)` on either side?
   * An autoencoder's reconstruction, whose targets lie in the inputs' range.
   */
  private comparesWithInput(call: Node, arg: Node, loss: string, st: St): boolean {
    const target = this.targetArgument(call, arg, loss);
    const plain = (n: Node | null): Node | null => {
      for (let i = 0; n && i < 8; i++) {
        if (n.type === 'parenthesized_expression') { n = n.namedChild(0); continue; }
        if (n.type === 'attribute' && this.member(n) === 'data') { n = this.field(n, 'object'); continue; }
        const fn = n.type === 'call' ? this.field(n, 'function') : null;
        if (fn?.type !== 'attribute' || !SAME_VALUES_METHODS.has(this.member(fn) ?? '')) break;
        n = this.field(fn, 'object');
      }
      return n;
    };
    // a parameter of the helper or loss module the flow entered (`def loss_function(recon_x, x, …)`,
    // `CapsuleLoss.forward(self, images, …, reconstructions)`): the argument of the call that entered
    // it, read where that call is
    const outward = (n: Node | null, at: Node): [Node | null, Node] => {
      for (let i = 0; n?.type === 'identifier' && i < 4; i++) {
        const scope = this.functionScope(this.h.scopes.of(n));
        const name = this.text(n);
        if (scope.kind !== 'function') break;
        // `images = images.view(n, -1)` in the helper: what it was given, reshaped
        const local = this.lastAssignment(name, scope.start, at.startIndex, scope.end);
        const assignment = local ? this.parent(local) : null;
        if (local && assignment && assignment.startIndex < at.startIndex) { n = plain(local); at = assignment; continue; }
        if (!this.paramNames(scope.node).includes(name)) break;
        const entered = [...st.calls].reverse().find((c) => c.fn === scope.node.id);
        const a = entered ? this.argumentFor(scope.node, entered.call, name, scope.parent?.kind === 'class') : null;
        if (!a) break;
        n = plain(a);
        at = entered!.call;
      }
      return [n, at];
    };
    const [want] = outward(plain(target), call);
    if (!want) return false;
    const given = this.text(want);
    // `noisy = torch.clamp(clean + 0.5 * torch.randn_like(clean), 0., 1.)`, `model(noisy)`: an input the
    // code computes from the target (a denoising or masked autoencoder's), read through its name's
    // bindings (up to three, each reading the one before)
    const word = want.type === 'identifier' ? new RegExp(`(^|[^\\w.])${given}(?![\\w])`) : null;
    const fromTarget = (a: Node, at: Node): boolean => {
      if (!word) return false;
      let p = plain(a);
      for (let i = 0; p && i < 3; i++) {
        const v = p.type === 'identifier' ? this.boundValue(p, at, st, 0) : p;
        if (!v || v.type === 'identifier') return false;
        if (word.test(this.text(v))) return true;
        // `noisy = np.clip(noisy, 0., 1.)` after `noisy = images + noise`: the name's earlier value,
        // looked up where this one reads it
        if (p.type !== 'identifier') return false;
        const name = this.text(p);
        const again: Node | null = v.descendantsOfType('identifier').find((n) => !!n && this.text(n) === name) ?? null;
        if (!again) return false;
        p = again;
        at = again;
      }
      return false;
    };
    // the model's call, or a chain of them (`g_ba(g_ab(a))`, a CycleGAN's cycle: `fake_b = g_ab(real_a)`,
    // `rec_a = g_ba(fake_b)`, then `l1(rec_a, real_a)`), whose first input is the target
    const fed = (n: Node | null, from: Node, depth: number): boolean => {
      let [v, at] = outward(plain(n), from);
      if (v?.type === 'identifier' && depth > 0) v = plain(this.boundValue(v, at, st, 0) ?? this.unpackedCall(v, at));
      const fn = v?.type === 'call' ? this.field(v, 'function') : null;
      if (!fn || this.h.torchPath(fn)) return false;
      return !!this.field(v!, 'arguments')?.namedChildren.some((a) => !!a && a.type !== 'keyword_argument' && a.type !== 'comment'
        && (this.text(plain(a) ?? a) === given || fromTarget(a, at) || (depth < 3 && fed(a, at, depth + 1))));
    };
    return fed(arg.type === 'keyword_argument' ? this.field(arg, 'value') : arg, call, 1);
  }

  /** The call a name was last unpacked from before `at`, in its function (`encoded, decoded = autoencoder(x)`), else null. */
  private unpackedCall(name: Node, at: Node): Node | null {
    const scope = this.functionScope(this.h.scopes.of(at));
    let last: Node | null = null;
    for (const n of this.names(this.text(name), scope.kind === 'module' ? 0 : scope.start, at.startIndex)) {
      const p = this.parent(n);
      const asg = p?.type === 'pattern_list' || p?.type === 'tuple_pattern' ? this.parent(p) : null;
      if (asg?.type === 'assignment' && this.is(asg, 'left', p!)) {
        const right = this.field(asg, 'right');
        last = right?.type === 'call' ? right : null;
      } else if (this.assignedTo(n)) last = null;
    }
    return last;
  }

  /** `arg` (a child of a loss call's argument list) is what the loss judges, not its target (`F.kl_div(log_p, q)`) or weight. */
  private isInput(loss: string, arg: Node): boolean {
    if (arg.type === 'keyword_argument') {
      const name = this.field(arg, 'name');
      return isLossInputArg(loss, null, name ? this.text(name) : '');
    }
    const list = this.parent(arg);
    if (!list || list.namedChildren.some((c) => c?.type === 'list_splat' || c?.type === 'dictionary_splat')) return true;
    return isLossInputArg(loss, elementIndex(list, arg) ?? null, null);
  }

  /** `self.drop(x)` with `self.drop = nn.Dropout(p)`: a module that passes the values on (zeroed or reshaped), no layer. */
  private keepsValues(fn: Node, call: Node, st: St): boolean {
    const bound = this.boundValue(fn, call, st, 0);
    const ctor = bound?.type === 'call' ? this.field(bound, 'function') : null;
    return isValueKeepingModule(ctor ? this.h.torchPath(ctor) : null);
  }

  /** Follows an argument into a helper of the file; the state the call's result carries on with, or null. */
  private intoHelper(def: Node, call: Node, arg: Node, st: St, f: Facts, method: boolean): St | null {
    if (st.calls.length > 6 || st.calls.some((c) => c.fn === def.id)) return { ...st, layer: true };
    const param = this.paramFor(def, arg, method);
    const star = param ? null : this.starSlot(def, arg, method);
    if (!param && !star) return { ...st, layer: true };
    const inner = empty();
    let inSt: St | null = { layer: st.layer, calls: [...st.calls, { fn: def.id, call }], logged: st.logged, again: st.again, exped: st.exped, picked: st.picked, normed: st.normed, rescaled: st.rescaled, evalOnly: st.evalOnly, noEnd: st.noEnd, arms: st.arms, cond: st.cond, fwd: st.fwd, origin: st.origin, diff: st.diff };
    if (st.cond) inSt = this.passed(inSt, def, call, method);
    if (!inSt) return null;
    const body = this.field(def, 'body');
    if (body && param) for (const n of this.names(param, body.startIndex, body.endIndex)) if (this.isRead(n)) this.value(n, inSt, inner);
    if (body && star) {
      // `def loss_function(self, *args)` … `recons = args[0]`: the element the argument fills.
      for (const n of this.names(star.name, body.startIndex, body.endIndex)) {
        const sub = this.parent(n);
        const index = sub?.type === 'subscript' && this.is(sub, 'value', n) ? this.field(sub, 'subscript') : null;
        if (sub && index?.type === 'integer' && Number(this.text(index)) === star.index) this.value(sub, inSt, inner);
      }
    }
    const rets = inner.rets;
    inner.rets = [];
    merge(f, inner);
    if (rets.length === 0) return null;
    return { ...st, layer: rets.every((l) => l) };
  }

  /** A value reaches `return` in `scope`. */
  private returned(scope: Scope, st: St, f: Facts): void {
    let fnScope: Scope | null = scope;
    while (fnScope && fnScope.kind !== 'function') {
      if (fnScope.kind === 'lambda' || fnScope.kind === 'class' || fnScope.kind === 'module') { this.opened(st, f); return; }
      fnScope = fnScope.parent;
    }
    if (!fnScope) { this.opened(st, f); return; }
    const top = st.calls[st.calls.length - 1];
    if (top && top.fn === fnScope.id) { f.rets.push(st.layer); return; }
    const cls = fnScope.parent?.kind === 'class' ? fnScope.parent : null;
    const name = fnScope.name;
    if (cls) {
      if (this.isAutogradFunction(cls)) {
        // A custom autograd Function: what forward returns is what `Cls.apply(…)` gives where it
        // is called; what backward returns is a gradient, which goes nowhere in the file.
        if (name === 'forward') for (const c of this.applyCalls(cls)) this.value(c, { ...st, calls: [] }, f);
        return;
      }
      // A model's method returning a value that passed a layer on the way: the value is inside that model.
      if (st.layer && this.inModel(cls)) f.hidden = true;
      if (name === 'forward' || name === '__call__') { merge(f, this.classOutput(cls, st.layer, st.slot, st.logged, st.evalOnly, st.noEnd, st.cond, st.rescaled, st.arms, this.headActivation(st), st.again)); return; }
      const calls = [...this.selfCalls(cls, name), ...this.instanceCalls(cls, name)];
      if (calls.length === 0) {
        // A method of a model that the file never calls (a generator's `sample()`, a VAE's
        // `decode(z)`): its callers are elsewhere. A value that passed a layer on the way is inside
        // the model (above); one it returns as it is, it gives those callers: whether that is a
        // hidden layer's or an output's is not known here.
        this.opened(st, f);
        return;
      }
      for (const c of calls) {
        const out = this.passed(st, fnScope.node, c, true);
        if (out) this.value(c, out, f);
      }
      return;
    }
    if (fnScope.parent?.kind !== 'module') { this.opened(st, f); return; }
    const sites = this.liveSites(name, fnScope.node, st, f);
    if (!sites) return; // defined again before anything calls it: what it returns goes nowhere
    if (sites.length === 0) {
      // A loss function of the file nothing here calls (a focal loss): its values are loss code.
      if (this.returnsLoss(fnScope.node)) f.lossCode = true;
      else this.opened(st, f);
      return;
    }
    for (const c of sites) {
      const out = this.passed(st, fnScope.node, c, false);
      if (out) this.value(c, out, f);
    }
  }

  // ── modules, classes and functions as objects ───────────────────────────────────────────

  /**
   * Follows an object: a module built at `node` (`what` = module: calling it gives its output),
   * a module class (calling it builds one) or a function (calling it gives its output).
   * `via` says the object is a container or a model class, not the activation module alone.
   */
  private object(node: Node, what: 'module' | 'class' | 'fn', st: St, f: Facts, via: boolean): void {
    let cur = node;
    let keyword: string | null = null;
    this.standsIn(node, f);
    if (st.cond) {
      const taken = this.branchesAt(node, st);
      if (!taken) return;
      st = taken;
    }
    for (let i = 0; i < 32; i++) {
      this.tick();
      if (this.halted()) return;
      const p = this.parent(cur);
      if (!p) return;
      switch (p.type) {
        case 'list_comprehension':
          // `models = [copy.deepcopy(global_model) for _ in range(n)]`: models held in a list, each
          // trained where the list is indexed or iterated (a ModuleList's members stay parts)
          if (what === 'module' && via && this.field(p, 'body')?.id === cur.id && this.parent(p)?.type === 'assignment' && this.is(this.parent(p)!, 'right', p) && !this.inModel(this.h.scopes.of(p))) {
            this.heldInContainer(p, st, f);
            return;
          }
          cur = p;
          continue;
        case 'parenthesized_expression':
        case 'generator_expression':
        case 'list_splat':
          cur = p;
          continue;
        case 'conditional_expression':
          if (p.namedChild(1)?.id === cur.id) return;
          cur = p;
          continue;
        case 'call':
          if (!this.is(p, 'function', cur)) return;
          if (what === 'class') { this.object(p, 'module', st, f, via); return; }
          this.instanceCalled(p, st, f);
          return;
        case 'attribute': {
          if (!this.is(p, 'object', cur)) return;
          const call = this.parent(p);
          const name = what === 'module' && call?.type === 'call' ? this.member(p) : null;
          if (name !== null && MODULE_SELF_METHODS.has(name)) { cur = call!; continue; }
          if (name === 'forward') { this.instanceCalled(call!, st, f); return; }
          return;
        }
        case 'keyword_argument':
          if (this.field(p, 'value')?.id !== cur.id) return;
          keyword = this.text(this.field(p, 'name') ?? p);
          cur = p;
          continue;
        case 'argument_list':
        case 'list':
        case 'tuple': {
          const slot = this.h.roles.sequentialSlot(cur.type === 'keyword_argument' ? cur : cur);
          if (slot?.unknown) return; // appended in the rounds a condition picks: where it sits is not read
          if (slot) {
            // `for …: layers.append(block(d_in, d_out))` … `nn.Sequential(*layers)`: the last round's
            // block ends it, the others come before layers (the output first: a verdict asked unless
            // hidden stops once the value is found hidden)
            if (slot.lastRound) { f.many = true; this.sequential(slot.call, st, f); }
            this.sequential(slot.call, slot.last ? st : { ...st, layer: true }, f);
            return;
          }
          if (p.type !== 'argument_list') {
            // A list of modules: a ModuleList's (or a list later made one) members are parts. A part
            // whose forward returns the value as one element of a tuple (`return z, log_det` of a
            // normalizing flow's step) is read by code that unpacks it: what that element becomes there is not known.
            if (this.inModel(this.h.scopes.of(p))) { if (st.slot === undefined) this.partOfModel(this.h.scopes.of(p), f); }
            // Models listed to be trained in turn (`for net in [A(), B()]`, `nets = [...]`).
            else if (p.type === 'list' && what === 'module' && via) this.heldInContainer(p, st, f);
            return;
          }
          const call = this.parent(p);
          if (call?.type !== 'call') return;
          this.objectArgument(call, cur, keyword, what, st, f, via);
          return;
        }
        case 'pair': {
          // `models = {"resnet": ResNetClassifier(), …}`, then `for name, model in models.items():`
          const dict = this.parent(p);
          if (this.field(p, 'value')?.id !== cur.id || dict?.type !== 'dictionary' || what !== 'module' || !via) return;
          if (!this.inModel(this.h.scopes.of(p))) this.heldInContainer(dict, st, f);
          return;
        }
        case 'assignment': {
          if (this.field(p, 'right')?.id !== cur.id) return;
          const left = this.field(p, 'left');
          if (!left) return;
          this.stored(left, p, what, st, f, via);
          return;
        }
        case 'expression_list': {
          const asg = this.parent(p);
          // `return net, optimizer` in a builder of the module level: the name the caller unpacks there
          // (`net, optimizer = build_model_and_optimizer(args)`)
          if (asg?.type === 'return_statement') {
            const scope = this.h.scopes.of(asg);
            const i = elementIndex(p, cur);
            if (what !== 'module' || i === undefined || scope.kind !== 'function' || scope.parent?.kind !== 'module') return;
            for (const s of this.liveSites(scope.name, scope.node, st, f) ?? []) {
              const at = this.parent(s);
              const names = at?.type === 'assignment' && this.is(at, 'right', s) ? this.field(at, 'left') : null;
              if (names?.type !== 'pattern_list' && names?.type !== 'tuple_pattern') continue;
              const target = names.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment')[i];
              if (target?.type === 'identifier') this.stored(target, at!, what, st, f, via);
            }
            return;
          }
          // `G, D = Generator(), Critic()`: each to its own name.
          const left = asg?.type === 'assignment' && this.field(asg, 'right')?.id === p.id ? this.field(asg, 'left') : null;
          const i = elementIndex(p, cur);
          const target = left && i !== undefined ? left.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment')[i] : undefined;
          if (target && asg) this.stored(target, asg, what, st, f, via);
          return;
        }
        case 'lambda': {
          // `ff_block = lambda: PreNorm(dim, FeedForward(dim))`: each call of the lambda builds one.
          if (this.field(p, 'body')?.id !== cur.id) return;
          const asg = this.parent(p);
          const left = asg?.type === 'assignment' && this.field(asg, 'right')?.id === p.id ? this.field(asg, 'left') : null;
          if (left?.type !== 'identifier' || !asg) return;
          this.usesOfName(left, asg, st, (n) => {
            const c = this.parent(n);
            if (c?.type === 'call' && this.is(c, 'function', n)) this.object(c, what, st, f, via);
          });
          return;
        }
        case 'default_parameter':
        case 'typed_default_parameter': {
          const name = this.field(p, 'name');
          const fn = this.enclosingDef(p);
          const body = this.field(fn, 'body');
          if (!name || !body) return;
          let any = false;
          for (const n of this.names(this.text(name), body.startIndex, body.endIndex)) {
            if (!this.isRead(n)) continue;
            any = true;
            this.object(n, what, st, f, via);
          }
          if (!any) this.tieBy(this.text(name), st, f);
          return;
        }
        case 'return_statement': {
          const scope = this.h.scopes.of(p);
          if (scope.kind !== 'function') return;
          const cls = scope.parent?.kind === 'class' ? scope.parent : null;
          if (endsWanted && what === 'module' && via && scope.parent?.kind === 'module' && !this.returnsByArgument(p) && this.onlyModuleBinding(scope.name, scope.node)) { const arms = this.armsAt(this.termsAt(p)); if (arms) endAt(f, scope.name, st, undefined, false, undefined, arms); }
          const sites = cls ? this.selfCalls(cls, scope.name) : scope.parent?.kind === 'module' ? this.liveSites(scope.name, scope.node, st, f) : [];
          if (!sites) return; // defined again before anything calls it
          if (sites.length === 0) {
            // `def get_loss(name): … return nn.CrossEntropyLoss() … return LabelSmoothLoss()`: what
            // the factory returns beside a PyTorch loss module is a loss too, not an outermost model.
            if (!cls && this.returnsLossModule(scope.node)) { f.lossCode = true; return; }
            if (looksLikeBlock(scope.name) && !flattensToVectors(this.text(scope.node))) { this.partOfModel(scope, f, true); return; }
            this.root(st, f, true, via);
            return;
          }
          for (const s of sites) {
            const out = this.passed(st, scope.node, s, !!cls);
            if (out) this.object(s, 'module', out, f, true);
          }
          return;
        }
        default:
          return;
      }
    }
  }

  /**
   * While instanceFeeds follows an imported instance whole: the most names a call of it was
   * unpacked into (`recon, mu, logvar = vae(x)`), for the walks per tuple element after it.
   */
  private unpacked = 0;

  /** A subscript's one index when it is a non-negative integer literal (`out[1]`). */
  private literalIndex(sub: Node): number | undefined {
    const index = this.field(sub, 'subscript');
    if (index?.type !== 'integer' || sub.namedChildren.filter((c) => !!c && c.type !== 'comment').length !== 2) return undefined;
    const n = Number(this.text(index));
    return Number.isSafeInteger(n) ? n : undefined;
  }

  /**
   * `a, b = call` or `call[1]` (parentheses aside), or the same of a name the call is bound to
   * (`out = call` … `out[0]`): the call's tuple unpacked or indexed, noted while following an
   * imported instance whole.
   */
  private noteUnpacked(call: Node): void {
    if (this.feeding) this.countUnpacked(call);
  }

  /** How many elements a call's value is unpacked into (`out, aux = model(x)`, or through the name it is bound to), as `this.unpacked`. */
  private countUnpacked(call: Node): void {
    const asg = this.unpackedAt(call);
    if (asg?.type !== 'assignment') return;
    const left = this.field(asg, 'left');
    if (left?.type === 'identifier') this.usesOfName(left, asg, { layer: false, calls: [] }, (n) => { this.unpackedAt(n); });
  }

  /** Notes how many elements `node`'s value is unpacked into or indexed at; else the assignment binding it whole, if one. */
  private unpackedAt(node: Node): Node | null {
    let cur = node;
    let p = this.parent(cur);
    while (p?.type === 'parenthesized_expression') { cur = p; p = this.parent(cur); }
    if (p?.type === 'subscript' && this.is(p, 'value', cur)) {
      const i = this.literalIndex(p);
      if (i !== undefined && i + 1 > this.unpacked) this.unpacked = i + 1;
      return null;
    }
    if (p?.type !== 'assignment' || this.field(p, 'right')?.id !== cur.id) return null;
    const left = this.field(p, 'left');
    if (!left) return null;
    if (left.type === 'identifier') return p;
    if (left.type !== 'pattern_list' && left.type !== 'tuple_pattern' && left.type !== 'tuple' && left.type !== 'list_pattern') return null;
    const n = left.namedChildren.filter((c) => !!c && c.type !== 'comment').length;
    if (n > this.unpacked) this.unpacked = n;
    return null;
  }

  /** A module the path carries is called at `call`: its output goes on from there (read conditionally, a model's forward takes the branches the call's arguments choose). */
  private instanceCalled(call: Node, st: St, f: Facts): void {
    if (st.slot === undefined) this.noteUnpacked(call);
    const fwd = st.fwd;
    if (!fwd) { this.value(call, st, f); return; }
    const out = this.passed({ ...st, fwd: undefined }, fwd, call, true);
    if (out) this.value(call, out, f);
  }

  /** An object passed to a call that is not an nn.Sequential. */
  private objectArgument(call: Node, arg: Node, keyword: string | null, what: 'module' | 'class' | 'fn', st: St, f: Facts, via: boolean): void {
    const fn = this.field(call, 'function');
    if (!fn) return;
    const path = this.h.torchPath(fn);
    if (path) {
      const last = path.slice(path.lastIndexOf('.') + 1);
      if (MODULE_CONTAINERS.has(last)) {
        const calls = this.containerCalls(call);
        const scope = this.h.scopes.of(call);
        if (calls.length > 0) for (const c of calls) this.instanceCalled(c, st, f);
        // `models = nn.ModuleList([Net() for _ in range(5)])` outside any model: models held in a
        // container, each trained where it is indexed or iterated (nothing calls them here: no role)
        else if (!this.inModel(scope) && what === 'module' && via && this.parent(call)?.type === 'assignment' && this.is(this.parent(call)!, 'right', call)) this.heldInContainer(call, st, f);
        else this.partOfModel(scope, f, true);
      } else if (WRAPPERS.has(path) && what === 'module' && !keyword && this.h.roles.positional(call.childForFieldName('arguments')!)[0]?.id === arg.id) {
        // `nn.DataParallel(model)`: the wrapper's output is the model's.
        this.object(call, 'module', st, f, via);
      } else if (APPLIERS.has(path) && what === 'module' && (keyword === 'module' || (!keyword && this.h.roles.positional(call.childForFieldName('arguments')!)[0]?.id === arg.id))) {
        // `nn.parallel.data_parallel(self.main, input, gpu_ids)`: the module called on the input
        this.instanceCalled(call, st, f);
      }
      return;
    }
    // `copy.deepcopy(net)`: a copy of the model, with its layers and activations (a client's copy
    // in federated training, a teacher's EMA): what it returns, called, gives the same output.
    if (what === 'module' && !keyword && COPIES.has(this.h.foreignPath(fn) ?? '') && this.h.roles.positional(call.childForFieldName('arguments')!)[0]?.id === arg.id) {
      this.object(call, 'module', st, f, via);
      return;
    }
    // `models.append(copy.deepcopy(global_model))` with `models = []` outside any model: a list of
    // models, each trained where the list is indexed or iterated (heldInContainer)
    if (what === 'module' && via && !keyword && fn.type === 'attribute' && (this.member(fn) === 'append' || this.member(fn) === 'insert')) {
      const obj = this.field(fn, 'object');
      const list = obj?.type === 'identifier' && this.text(obj) !== 'self' ? this.boundValue(obj, call, st, 0) : null;
      if (list?.type === 'list' && this.parent(list)?.type === 'assignment' && !this.inModel(this.h.scopes.of(call))) {
        this.heldInContainer(list, st, f);
        return;
      }
    }
    const added = this.addedToSequential(call, fn, arg, keyword, st);
    if (added?.unknown) return;
    if (added) {
      this.sequential(added.call, added.last ? st : { ...st, layer: true }, f);
      return;
    }
    const callee = fn.type === 'identifier' ? this.text(fn) : null;
    if (callee === 'partial' || (fn.type === 'attribute' && this.text(fn).replace(/\s+/g, '') === 'functools.partial')) {
      this.object(call, what, st, f, via);
      return;
    }
    // A class or function of the file: the argument becomes its parameter.
    const cls = callee ? this.moduleDef(callee, 'class_definition') : null;
    let def = cls ? this.method(cls, '__init__') : callee ? this.moduleDef(callee, 'function_definition') : null;
    // A method of a class of the file, on an instance of it (`trainer.fit(net, loader)`,
    // `Trainer().fit(net)`, `self.train_epoch(self.model)`): the argument becomes its parameter
    // (after `self`), and `self.<attr>` there is read in that class (a loss built in __init__).
    let method = !!cls;
    if (!def && fn.type === 'attribute') {
      const m = this.methodCalled(fn, call, st);
      if (m) { def = m; method = !this.isStatic(m); }
    }
    if (cls && !def && !keyword && this.derivesSequential(cls)) {
      // `class Net(nn.Sequential)` with methods of its own but nn.Sequential's constructor: a member.
      const positional = this.h.roles.positional(call.childForFieldName('arguments')!);
      const out = positional[positional.length - 1]?.id === arg.id ? st : { ...st, layer: true };
      this.object(call, 'module', out, f, true);
      // `self(x)` in its own methods (a `fit` that trains it): the instance called on itself.
      const scope = this.h.scopes.of(cls);
      for (const c of this.selfInstanceCalls(scope.node.id === cls.id ? scope : this.h.scopes.of(cls.childForFieldName('body') ?? cls))) this.value(c, out, f);
      return;
    }
    if (def) {
      const param = this.paramFor(def, arg, method);
      const body = this.field(def, 'body');
      if (param && body) {
        // In a conditional reading, the call that enters the function says which of its branches run;
        // a function's parameters hold what this call passed (a training helper called with two
        // models and two losses trains each with its own).
        const handed: St = cls || !callee || (st.entered?.length ?? 0) > 6 || this.handedAgain(def, callee, call, arg, param) ? st
          : { ...st, entered: [...(st.entered ?? []), { fn: def.id, call }] };
        const inSt = this.passed(handed, def, call, method);
        let any = false;
        for (const n of this.names(param, body.startIndex, body.endIndex)) {
          if (!this.isRead(n)) continue;
          any = true;
          if (inSt) this.object(n, what, inSt, f, via);
        }
        // `train_model(Net(), loader)` outside any model: the model itself, as `net = Net()` there is
        // (stored), handed to a function or a trainer's method that is no part of a model
        if (any && inSt && via && what === 'module' && !cls && !this.inModel(this.h.scopes.of(call)) && !this.inModel(this.h.scopes.of(body))) this.root(inSt, f, false, via);
        if (any) return;
      }
    }
    // Code the file does not have: an imported function given the model (instanceFeeds asks).
    if (this.handed && (what === 'module' || what === 'class') && !st.layer) {
      // `local.train(net)` with `local = LocalUpdate(loader)` (or `LocalUpdate(loader).train(net)`),
      // a class the file imports: its method `train`, on the instance (HandOff.method)
      const made = fn.type === 'attribute' ? this.instanceMade(fn, call, st) : null;
      const callee = made ? made.ctor : dottedParts(fn, this.h.source);
      const index = keyword ?? positionalIndex(call, arg);
      if (callee && index !== null) {
        const given = this.givenArgs(call);
        const factories: CallerFactory[] = [];
        const losses = given ? this.lossArguments(call, arg, factories) : [];
        const h: HandOff = given ? { path: [], callee, arg: index, given } : { path: [], callee, arg: index };
        if (made) h.method = made.method;
        if (what === 'class') h.cls = true;
        if (losses.length) h.losses = losses;
        if (factories.length) h.factories = factories;
        this.handed.push(h);
      }
    }
    // Code the file does not have: the keyword may break the tie; built inside a module it is a part.
    if (keyword) {
      const t = nameTie(keyword);
      if (t) { if (t === 'hidden' || !st.layer) f.tie ??= t; else f.tie ??= 'hidden'; return; }
    }
    const scope = this.h.scopes.of(call);
    if (this.inModel(scope)) this.partOfModel(scope, f);
    // A model handed on by a class that is no module (a policy or trainer wrapping it): the outermost model.
    else if (this.classOf(scope)) { if (via) this.root(st, f, true, via); else this.partOfModel(scope, f); }
  }

  /**
   * Does another call of the module-level function `def` (named `callee`) hand it the same object
   * as `arg` at `call` (the same name bound by the same assignment, or one not known)? Then the
   * calls' arguments for its other parameters are read together (paramValue), as before: one model
   * trained with two losses keeps neither.
   */
  private handedAgain(def: Node, callee: string, call: Node, arg: Node, param: string | null): boolean {
    if (!param) return true;
    const here = arg.type === 'identifier' ? this.boundValue(arg, call, { layer: false, calls: [] }, 1) : arg;
    for (const c of this.callSites(callee, def)) {
      if (c.id === call.id) continue;
      const a = this.argumentFor(def, c, param, false);
      if (!a) continue;
      if (a.id === arg.id) return true;
      if (a.type !== 'identifier' || arg.type !== 'identifier' || this.text(a) !== this.text(arg)) continue;
      const there = this.boundValue(a, c, { layer: false, calls: [] }, 1);
      if (!here || !there || here.id === there.id) return true;
    }
    return false;
  }

  /** Is one of the class's bases torch.nn.Sequential? */
  private derivesSequential(cls: Node): boolean {
    const bases = cls.childForFieldName('superclasses');
    return !!bases && this.h.roles.positional(bases).some((b) => this.h.torchPath(b) === 'torch.nn.Sequential');
  }

  /**
   * The output of a Sequential whose member the value is: where the Sequential goes, or, for the
   * `super().__init__(*layers)` of a subclass of nn.Sequential, where the subclass's instances go.
   */
  private sequential(call: Node, st: St, f: Facts): void {
    const fn = call.childForFieldName('function');
    const obj = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
    const cls = obj?.type === 'call' && this.text(obj.childForFieldName('function') ?? obj) === 'super' ? this.classOf(this.h.scopes.of(call)) : null;
    if (cls) merge(f, this.classOutput(cls, st.layer, undefined, st.logged, st.evalOnly, st.noEnd, st.cond, st.rescaled, st.arms, this.headActivation(st), st.again));
    else this.object(call, 'module', st, f, true);
  }

  /**
   * `self.mlp.append(nn.Sigmoid())`, `net.add_module('act', nn.ReLU())` on a name bound to an
   * nn.Sequential: a member of it, the last one when nothing is added to it after this call (in
   * the same function) and the call is not in a loop (a later round adds more).
   */
  private addedToSequential(call: Node, fn: Node, arg: Node, keyword: string | null, st: St): { call: Node; last: boolean; unknown?: boolean } | null {
    if (fn.type !== 'attribute') return null;
    const method = this.text(fn.childForFieldName('attribute') ?? fn);
    const args = call.childForFieldName('arguments');
    if (!args) return null;
    const positional = this.h.roles.positional(args);
    const slot = method === 'append' ? positional[0]?.id === arg.id && !keyword : method === 'add_module' ? (keyword ? keyword === 'module' : positional[1]?.id === arg.id) : false;
    const obj = fn.childForFieldName('object');
    if (!slot || !obj) return null;
    // `self.add_module(…)` in a subclass of nn.Sequential: the instance itself.
    const cls = obj.type === 'identifier' && this.text(obj) === 'self' ? this.classOf(this.h.scopes.of(call)) : null;
    const bound = cls ? superInitCall(cls.node, this.h.source) : this.boundValue(obj, call, st, 0);
    if (bound?.type !== 'call' || !this.h.roles.isSequential(bound)) return null;
    const def = this.enclosingDef(call);
    const end = def ? def.endIndex : this.h.source.length;
    const objText = this.text(obj);
    let rest = this.h.source.slice(call.endIndex, end);
    // the other arms of an if the call is in add instead of it, not after it (`if last_act ==
    // 'sigmoid': add_module(…, nn.Sigmoid())` `elif …: add_module(…, nn.Softmax(dim=1))`)
    for (let cur: Node = call, p = this.parent(call), i = 0; p && p.id !== def?.id && i < 64; cur = p, p = this.parent(p), i++) {
      if (p.type !== 'if_statement') continue;
      for (const k of p.namedChildren) {
        if ((k?.type !== 'elif_clause' && k?.type !== 'else_clause') || k.startIndex < cur.endIndex) continue;
        const a = k.startIndex - call.endIndex;
        const b = k.endIndex - call.endIndex;
        rest = rest.slice(0, a) + ' '.repeat(b - a) + rest.slice(b);
      }
    }
    const more = new RegExp(`(^|[^\\w.])${objText.replace(/[.]/g, '\\.')}\\s*\\.\\s*(append|add_module|extend|insert)\\s*\\(`).test(rest);
    let inLoop = false;
    let branch = false;
    for (let p = this.parent(call), i = 0; p && i < 64 && p.id !== def?.id; p = this.parent(p), i++) {
      if (p.type === 'for_statement' || p.type === 'while_statement') { inLoop = true; break; }
      if (p.type === 'if_statement' || p.type === 'elif_clause' || p.type === 'else_clause') branch = true;
    }
    // added in a loop under a condition of the round (`for spec in layers: … if spec["act"] ==
    // "sigmoid": self.seq.append(nn.Sigmoid())`, a config's last layer): which rounds add it, and so
    // where it sits, is not read (as for `layers.append` before `nn.Sequential(*layers)`, roles.ts)
    if (inLoop && branch) return { call: bound, last: false, unknown: true };
    return { call: bound, last: !more && !inLoop };
  }

  /**
   * Where the members of a ModuleList stored as `self.X` are called: `for blk in self.X: x = blk(x)`,
   * `self.X[i](x)`, `for f, g in zip(self.X, self.Y)`. Each call's value is a member's output.
   */
  private containerCalls(container: Node): Node[] {
    const asg = this.parent(this.h.roles.upParens(container));
    const left = asg?.type === 'assignment' && this.field(asg, 'right')?.id === container.id ? this.field(asg, 'left') : null;
    const attr = left?.type === 'attribute' && this.text(this.field(left, 'object') ?? left) === 'self' ? this.field(left, 'attribute') : null;
    const cls = attr ? this.classOf(this.h.scopes.of(container)) : null;
    if (!attr || !cls) return [];
    const out: Node[] = [];
    for (const n of this.selfAttrs(cls, this.text(attr))) {
      let p = this.parent(n);
      if (p?.type === 'subscript' && this.is(p, 'value', n)) {
        const c = this.parent(p);
        if (c?.type === 'call' && this.is(c, 'function', p)) out.push(c);
        continue;
      }
      let zipIndex: number | undefined;
      if (p?.type === 'argument_list') {
        // zip(self.H, self.T): the loop's targets in the same order
        const z = this.parent(p);
        zipIndex = elementIndex(p, n);
        p = z ? this.parent(z) : null;
      }
      if (p?.type !== 'for_statement' && p?.type !== 'for_in_clause') continue;
      const target = this.field(p, 'left');
      const names = target?.type === 'identifier' ? [target] : (target?.namedChildren ?? []).filter((c): c is Node => !!c && c.type === 'identifier');
      const loopVar = zipIndex !== undefined ? names[zipIndex] : names[0];
      // A loop's body, or the whole comprehension a `for … in` clause belongs to.
      const body = p.type === 'for_statement' ? this.field(p, 'body') : this.parent(p);
      if (!loopVar || !body) continue;
      for (const v of this.names(this.text(loopVar), body.startIndex, body.endIndex)) {
        const c = this.parent(v);
        if (c?.type === 'call' && this.is(c, 'function', v)) out.push(c);
      }
    }
    return out;
  }

  /** An object assigned to `left`. */
  private stored(left: Node, assignment: Node, what: 'module' | 'class' | 'fn', st: St, f: Facts, via: boolean): void {
    if (left.type === 'subscript') { this.storedAsHead(left, assignment, what, st, f, via); return; }
    if (left.type === 'attribute') {
      const name = this.selfMember(left);
      if (name === null) { this.storedAsHead(left, assignment, what, st, f, via); return; }
      const cls = this.classOf(this.h.scopes.of(assignment));
      if (!cls) return;
      let any = false;
      // `self.net = self.net.double()`: the read on the right is where the value came from, not a
      // use of it — the module is the same one, its uses are the other reads (following it would
      // come back here without end).
      const right = this.field(assignment, 'right');
      for (const n of this.selfAttrs(cls, name)) {
        if (n.id === left.id) continue;
        if (this.isAssignedTo(n)) continue;
        if (right && n.startIndex >= right.startIndex && n.endIndex <= right.endIndex) continue;
        if (what !== 'module' || !this.inertModuleUse(n)) any = true;
        this.object(n, what, st, f, via);
      }
      // A trainer (a class that is no module) holding the model: the model is the outermost module.
      if (via && !this.inModel(cls)) { this.root(st, f, !any, via); return; }
      if (!any) {
        // Never read anywhere (`self.activation = nn.Sigmoid()` whose call in forward is commented
        // out): no layer of the model, nothing to judge. Else never used by the class itself (a
        // head a trainer calls, a module iterated by code the file does not have): its name ties it.
        if (what === 'module' && this.neverRead(cls, left, name)) return;
        const t = nameTie(name);
        if (t) f.tie ??= st.layer ? 'hidden' : t;
      }
      return;
    }
    if (left.type !== 'identifier') return;
    const scope = this.h.scopes.of(assignment);
    if (what === 'module' && via && scope.kind === 'module') endAt(f, this.text(left), st, undefined, true);
    // Built at module level or in a method of a class that is no module (a trainer): not a part of another model.
    const inModule = !this.inModel(scope);
    let used = false;
    const rebound = this.usesOfName(left, assignment, st, (n) => { if (what !== 'module' || !this.inertModuleUse(n)) used = true; this.object(n, what, st, f, via); });
    // Rebound before any read (a notebook's next cell builds `model` anew): this model is dropped,
    // not trained by code the file does not have, so it takes no loss of the file's.
    if (inModule && via) this.root(st, f, !used && !rebound, via);
    else if (!used) this.tieBy(this.text(left), st, f);
  }

  /**
   * A read of a module that cannot hand its output on: `model.parameters()` (an optimizer built on
   * them), `model.state_dict()`, `model.train()` or `model.to(device)` as a statement of its own,
   * `print(model)`, or the name alone as a statement (a notebook cell's last line, which displays
   * it). A model read only so is trained by code the file does not have (its loss may be the
   * file's), as one never read is.
   */
  private inertModuleUse(n: Node): boolean {
    const p = this.parent(n);
    if (p?.type === 'expression_statement') return true;
    if (p?.type === 'attribute' && this.is(p, 'object', n)) {
      const call = this.parent(p);
      if (call?.type !== 'call' || !this.is(call, 'function', p)) return false;
      const member = this.member(p) ?? '';
      if (MODULE_STATE_METHODS.has(member)) return true;
      return MODULE_SELF_METHODS.has(member) && this.parent(call)?.type === 'expression_statement';
    }
    const call = p?.type === 'argument_list' ? this.parent(p) : null;
    const fn = call?.type === 'call' ? this.field(call, 'function') : null;
    return fn?.type === 'identifier' && this.text(fn) === 'print';
  }

  /**
   * `model.fc = nn.Sequential(nn.Linear(512, 1), nn.Sigmoid())`, `model.classifier[6] = …`: a module
   * stored as the head of a model the name holds, the module whose result that model's forward
   * returns: a torchvision classifier (torchvision.ts) or a model class of the file whose forward
   * returns `self.<attr>(…)`. Its output is then the model's wherever the model is called after.
   */
  private storedAsHead(left: Node, assignment: Node, what: 'module' | 'class' | 'fn', st: St, f: Facts, via: boolean): void {
    if (what !== 'module') return;
    let cur: Node | null = left;
    let index: number | 'last' | undefined;
    if (cur.type === 'subscript') {
      const sub = this.field(cur, 'subscript');
      index = sub && this.text(sub).replace(/\s+/g, '') === '-1' ? 'last' : this.literalIndex(cur);
      if (index === undefined) return;
      cur = this.field(cur, 'value');
    }
    const path: string[] = [];
    let holder: Node | null = null;
    while (cur?.type === 'attribute' && path.length < 4) {
      const attr = this.field(cur, 'attribute');
      if (!attr) return;
      path.unshift(this.text(attr));
      holder = cur;
      cur = this.field(cur, 'object');
    }
    if (cur?.type !== 'identifier' || path.length === 0) return;
    // `self.backbone.fc = …` in a wrapper module: the model `self.backbone` holds
    const own = this.text(cur) === 'self';
    if (own && path.length < 2) return;
    // `models.resnet18(weights=…).to(device)`: the model the builder gave
    const bound = this.unmoved(this.boundValue(own ? holder! : cur, assignment, st, 0));
    // `models.vgg13(…) if arch == "vgg13" else models.vgg16(…)`: each arm builds a model with that head
    const built = bound?.type === 'conditional_expression' ? [bound.namedChild(0), bound.namedChild(2)] : [bound];
    const builds = (b: Node | null | undefined) => {
      const ctor = b?.type === 'call' ? this.field(b, 'function') : null;
      return !!ctor && this.buildsWithHead(b!, ctor, own ? path.slice(1) : path, index, st);
    };
    if (!built.every(builds)) return;
    if (this.headReplacedAgain(assignment, cur, path)) return;
    if (own) {
      const cls = this.classOf(this.h.scopes.of(assignment));
      if (!cls) return;
      let any = false;
      for (const n of this.selfAttrs(cls, path[0]!)) {
        if (this.isAssignedTo(n) || (n.startIndex >= assignment.startIndex && n.endIndex <= assignment.endIndex)) continue;
        any = true;
        this.object(n, what, st, f, via);
      }
      if (via && !this.inModel(cls)) this.root(st, f, !any, via);
      return;
    }
    // `model = models.resnet50(…)` … `model.fc = nn.Sequential(…)` at module level: another file's
    // `from model import model` (or `*`) calls the model that head ends, as with a name bound to a module
    if (via && this.h.scopes.of(assignment).kind === 'module') endAt(f, this.text(cur), st, undefined, true);
    let used = false;
    const rebound = this.usesOfName(cur, assignment, st, (n) => { if (!this.inertModuleUse(n)) used = true; this.object(n, what, st, f, via); });
    // the model itself, not a part of another (as `stored` says of a name bound to a module)
    if (via && !this.inModel(this.h.scopes.of(assignment))) this.root(st, f, !used && !rebound, via);
  }

  /**
   * `model.classifier[6] = nn.Sequential(…, nn.Softmax(dim=1))` and, in the same block after it,
   * `model.classifier[6] = nn.Linear(…)` or `model.classifier = …`: the first head is dropped
   * before anything calls the model with it.
   */
  private headReplacedAgain(assignment: Node, obj: Node, path: readonly string[]): boolean {
    const stmt = this.parent(assignment);
    if (stmt?.type !== 'expression_statement') return false;
    const squash = (t: string) => t.replace(/\s+/g, '');
    const left = this.field(assignment, 'left');
    const mine = left ? squash(this.text(left)) : '';
    const prefixes = new Set<string>([mine]);
    for (let k = 1; k <= path.length; k++) prefixes.add(squash(`${this.text(obj)}.${path.slice(0, k).join('.')}`));
    let next = stmt.nextNamedSibling;
    for (let i = 0; next && i < 64; i++, next = next.nextNamedSibling) {
      this.touch(next);
      const e = next.type === 'expression_statement' ? next.namedChild(0) : null;
      const l = e?.type === 'assignment' ? this.field(e, 'left') : null;
      if (l && prefixes.has(squash(this.text(l)))) return true;
    }
    return false;
  }

  /** Does the call `built` (of `ctor`) build a model whose head is at `path` (`[index]`)? */
  private buildsWithHead(built: Node, ctor: Node, path: readonly string[], index: number | 'last' | undefined, st: St): boolean {
    const foreign = this.h.foreignPath(ctor);
    let name = foreign ? torchvisionBuilder(foreign) : null;
    const args = (call: Node) => this.field(call, 'arguments')?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') ?? [];
    // `torchvision.models.get_model("resnet18", weights=…)`, `torch.hub.load("pytorch/vision", "resnet18")`
    const literalArg = (call: Node, i: number): string | null => {
      const v = literalOf(args(call)[i] ?? null, this.h.source)?.value;
      return typeof v === 'string' ? v : null;
    };
    const headIn = (n: string) => { const head = headOfModel(n); return !!head && isHead(head, path, index); };
    // A builder the run chooses (`get_model(args.arch)`, `models.__dict__[args.arch]`,
    // `getattr(models, name)`): some torchvision classifier, so the head is where one has it.
    if (name === 'get_model') return (name = literalArg(built, 0)) ? headIn(name) : args(built).length > 0 && isHeadOfSome(path, index);
    if (!foreign && this.h.torchPath(ctor) === 'torch.hub.load' && /^pytorch\/vision(:[\w.]+)?$/.test(literalArg(built, 0) ?? '')) {
      return (name = literalArg(built, 1)) ? headIn(name) : args(built).length > 1 && isHeadOfSome(path, index);
    }
    if (name) return headIn(name);
    if (ctor.type === 'subscript') {
      const table = this.field(ctor, 'value');
      if (!table) return false;
      if (this.h.foreignPath(table) === 'torchvision.models.__dict__') return isHeadOfSome(path, index);
      // `archs = {"r18": models.resnet18, "r50": models.resnet50}` then `archs[args.arch](…)`: every builder it holds
      const pairs = this.dictPairs(table.type === 'identifier' ? this.boundValue(table, built, st, 0) : null);
      if (!pairs?.length) return false;
      return pairs.map((p) => this.field(p, 'value')).every((v) => {
        const dotted = v ? this.h.foreignPath(v) : null;
        const n = dotted ? torchvisionBuilder(dotted) : null;
        return !!n && headIn(n);
      });
    }
    if (ctor.type === 'call') {
      const fn = this.field(ctor, 'function');
      const [of, key] = args(ctor);
      if (fn?.type !== 'identifier' || this.text(fn) !== 'getattr' || !of || this.h.foreignPath(of) !== 'torchvision.models') return false;
      return (name = literalArg(ctor, 1)) ? headIn(name) : !!key && isHeadOfSome(path, index);
    }
    if (ctor.type !== 'identifier' || index !== undefined || path.length !== 1) return false;
    const def = this.moduleDef(this.text(ctor), 'class_definition');
    if (!def) return false;
    const cls = this.h.scopes.of(def);
    return cls.kind === 'class' && cls.node.id === def.id && this.forwardReturnsSubmodule(cls) === path[0];
  }

  /**
   * Models held in a list or dict outside any model, to be trained in turn: the loop variable that
   * takes each (`for net in nets:`, `for name, model in models.items():`, `for model in
   * models.values():`, the list or dict written in the loop's header or bound to a name first) and
   * an item read by key (`models["resnet"]`) are the model. Each is a model itself, not a part.
   */
  private heldInContainer(container: Node, st: St, f: Facts): void {
    const dict = container.type === 'dictionary';
    const fromLoop = (loop: Node | null, via: Node, element?: number): boolean => {
      if (loop?.type !== 'for_statement' || !this.is(loop, 'right', via)) return false;
      let left = this.field(loop, 'left');
      // `for model, opt in zip(models, opts)`, `for i, model in enumerate(models)`: the container's element of the pair
      if (element !== undefined) left = left?.type === 'pattern_list' || left?.type === 'tuple_pattern' ? left.namedChildren.filter((c) => !!c && c.type !== 'comment')[element] ?? null : null;
      if (dict) {
        // `.items()`: the second of the pair; `.values()`: the value; iterating a dict gives its keys
        const member = via.type === 'call' ? this.member(this.field(via, 'function') ?? via) : null;
        if (member === 'items' && (left?.type === 'pattern_list' || left?.type === 'tuple_pattern')) left = left.namedChildren.filter((c) => !!c && c.type !== 'comment')[1] ?? null;
        else if (member !== 'values') return false;
      }
      const body = this.field(loop, 'body');
      if (left?.type !== 'identifier' || !body) return false;
      let any = false;
      for (const n of this.names(this.text(left), body.startIndex, body.endIndex)) {
        if (!this.isRead(n)) continue;
        any = true;
        this.object(n, 'module', st, f, true);
      }
      return any;
    };
    const direct = this.parent(container);
    let used = fromLoop(direct, container);
    if (!used && direct?.type === 'assignment' && this.is(direct, 'right', container)) {
      const name = this.field(direct, 'left');
      if (name?.type === 'identifier') {
        this.usesOfName(name, direct, st, (n) => {
          const p = this.parent(n);
          if (p?.type === 'subscript' && this.is(p, 'value', n)) { used = true; this.object(p, 'module', st, f, true); return; }
          if (p?.type === 'for_statement') { used = fromLoop(p, n) || used; return; }
          // handed to a function of the file (`train_local_models(models, loader)`): its parameter
          // indexed (`models[idx]`) or iterated there
          if (!dict && p?.type === 'argument_list' && this.parent(p)?.type === 'call') {
            const handed = this.parent(p)!;
            const fn = this.field(handed, 'function');
            const pairing = fn?.type === 'identifier' && (this.text(fn) === 'zip' || this.text(fn) === 'enumerate') && !this.moduleDef(this.text(fn), 'function_definition') ? this.text(fn) : null;
            if (pairing) {
              const given = p.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
              const at = given.findIndex((c) => c.id === n.id);
              if (at >= 0 && (pairing === 'zip' || at === 0)) used = fromLoop(this.parent(handed), handed, pairing === 'zip' ? at : 1) || used;
              return;
            }
            const def = fn?.type === 'identifier' ? this.moduleDef(this.text(fn), 'function_definition') : fn?.type === 'attribute' ? this.methodCalled(fn, handed, st) : null;
            const param = def ? this.paramFor(def, n, fn?.type === 'attribute' && !this.isStatic(def)) : null;
            const body = def ? this.field(def, 'body') : null;
            if (!param || !body) return;
            for (const r of this.names(param, body.startIndex, body.endIndex)) {
              if (!this.isRead(r)) continue;
              const q = this.parent(r);
              if (q?.type === 'subscript' && this.is(q, 'value', r)) { used = true; this.object(q, 'module', st, f, true); }
              else if (q?.type === 'for_statement') used = fromLoop(q, r) || used;
            }
            return;
          }
          const call = p?.type === 'attribute' ? this.parent(p) : null;
          if (call?.type === 'call' && this.is(call, 'function', p!)) used = fromLoop(this.parent(call), call) || used;
        });
      }
    }
    if (used) this.root(st, f, false, true);
  }

  /** A model (not a part of one) is reached: its output is the activation's role unless a layer came between. */
  private root(st: St, f: Facts, open: boolean, via: boolean): void {
    if (!via) return;
    if (st.layer) f.hidden = true;
    else f.output = true;
    if (open) this.opened(st, f);
  }

  /**
   * The class has its forward, and the file writes the member `name` of `self` only where `left` sets it: no other occurrence of
   * the word (a read, a string naming it for getattr), and the class reaches none of its modules
   * indirectly (`self.children()`, `self.modules()`, `self._modules`, `getattr`, `__dict__`).
   */
  private neverRead(cls: Scope, left: Node, name: string): boolean {
    // a class without its forward here (a snippet, a forward inherited) may read it there
    if (!this.method(cls.node, 'forward')) return false;
    const src = this.h.source;
    if (!name) return false; // a broken statement's empty name: nothing to look for
    const at = left.endIndex - name.length;
    for (let i = src.indexOf(name); i >= 0; i = src.indexOf(name, i + name.length)) {
      if (i === at || isIdentPartAt(src, i - 1) || isIdentPartAt(src, i + name.length)) continue;
      // in a comment (`# logit = self.activation(logit)`, a call taken out): not read
      const before = src.slice(src.lastIndexOf('\n', i) + 1, i);
      const hash = before.indexOf('#');
      if (hash >= 0 && !/['"]/.test(before.slice(0, hash))) continue;
      return false;
    }
    return !/\b(children|named_children|modules|named_modules|_modules|getattr|__dict__|vars)\b/.test(src.slice(cls.start, cls.end));
  }

  /** The flow ends where the file does not say (its loss may be assumed); down a branch not known to be taken, only maybe. */
  private opened(st: St, f: Facts): void {
    const needs = st.cond ? this.undecided(st) : NO_TERMS;
    if (needs.length) (f.maybe ??= []).push({ conj: needs, loss: null, direct: false, logged: false });
    else f.open = true;
  }

  private tieBy(name: string, st: St, f: Facts): void {
    const t = nameTie(name);
    if (t) f.tie ??= st.layer ? 'hidden' : t;
  }

  /** A part of the model around `scope` (a ModuleList member, a block nothing calls): hidden, training with that model's loss. */
  private partOfModel(scope: Scope, f: Facts, always = false): void {
    const cls = this.classOf(scope);
    if (cls) merge(f, this.classOutput(cls, true));
    else if (always) { f.hidden = true; f.open = true; }
  }

  /**
   * The activation's own value is multiplied into another value at `product`. It is a gate when
   * the product goes on into the model (a layer, a return, a model's output), not when it only
   * feeds a metric or a loss's arithmetic (`(probs * mask).sum()`, a focal loss's `p * t`).
   */
  private product(product: Node, st: St, f: Facts): void {
    const g = empty();
    this.value(product, { ...st, layer: true }, g);
    if ((g.hidden || g.output || g.rets.length > 0 || g.open) && !g.lossCode) f.gate = true;
    merge(f, g);
    f.rets.push(...g.rets);
  }

  /** What follows from a class's forward returning the value: memoised per class, layer state and tuple slot. */
  private classOutput(cls: Scope, layer: boolean, slot?: number, logged = false, evalOnly = false, noEnd = false, cond?: Cond, rescaled = false, arms?: ArmTest[], headValue = false, again = false): Facts {
    // (whether the value is a head's counts only for a class named like a block: the others keep one memo)
    const head = headValue && looksLikeBlock(cls.name);
    // (`again`: the forward returned the value through a softmax or log_softmax, `F.log_softmax(F.relu(x), 1)`)
    const base = `${cls.id}:${layer ? 1 : 0}:${slot ?? ''}:${logged ? 1 : 0}:${evalOnly ? 1 : 0}:${noEnd ? 1 : 0}${rescaled ? ':r' : ''}${head ? ':h' : ''}${again ? ':a' : ''}${arms ? `:${JSON.stringify(arms)}` : ''}`;
    const key = cond ? `${base}:${condKey(cond)}` : base;
    const hit = this.classMemo.get(key);
    if (hit) return this.hit(hit);
    if (this.halted()) return empty();
    if (this.busy.has(base)) {
      if (this.rec) this.rec.tainted = true;
      return empty();
    }
    const m = this.memoised(() => this.classOutputOf(cls, base, layer, slot, logged, evalOnly, noEnd, cond, rescaled, arms, head, again));
    this.classMemo.set(key, m);
    return m.value;
  }

  private classOutputOf(cls: Scope, key: string, layer: boolean, slot: number | undefined, logged: boolean, evalOnly: boolean, noEnd: boolean, cond: Cond | undefined, rescaled: boolean, arms: ArmTest[] | undefined, head: boolean, again: boolean): Facts {
    this.touch(cls.node);
    this.busy.add(key);
    const f = empty();
    try {
      if (this.isLossClass(cls)) {
        f.lossCode = true;
      } else {
        const st: St = cond ? { layer, calls: [], slot, logged, evalOnly, noEnd, cond } : { layer, calls: [], slot, logged, evalOnly, noEnd };
        if (rescaled) st.rescaled = true;
        if (arms) st.arms = arms;
        if (again) st.again = true;
        // Read conditionally, only the constructions that build this class (not one defined again later).
        const live = this.liveSites(cls.name, cls.node, st, f);
        const sites = live ?? [];
        // Defined again before anything builds it: no instance, no output.
        // `self(x)`, `self.forward(x)` or `self.__call__(x)` in the class's own methods: the model called on itself.
        const own = live ? [...this.selfInstanceCalls(cls), ...this.selfCalls(cls, 'forward'), ...this.selfCalls(cls, '__call__'), ...this.inheritedSelfCalls(cls)] : [];
        if (cls.parent?.kind === 'module' && this.onlyModuleBinding(cls.name, cls.node)) endAt(f, cls.name, st, slot);
        if (live && sites.length === 0) {
          // (a class of no convolution and no hidden nonlinearity returning a sigmoid's or softmax's value as
          // it is, `PredictionLayer`, `OutputLayer`: an output head, whatever its name; a `GatedConvBlock`,
          // or a block of Linear and ReLU layers ending in a softmax, stays a block)
          if (own.length === 0 && looksLikeBlock(cls.name) && !flattensToVectors(this.text(cls.node)) && !(head && !CONVOLUTION.test(this.text(cls.node)) && !hiddenNonlinearity().test(this.text(cls.node)))) { f.hidden = true; f.open = true; }
          // A model that computes its loss in its own forward (`return loss_fct(logits, y), probs`):
          // the flow saw what that loss judges, so no other loss of the file trains this output.
          else {
            const open = own.length === 0 && !this.forwardAppliesLoss(cls);
            // A model whose own method judges what it is given (`def risk(self, Y, output): return
            // F.cross_entropy(output, Y)`), called by code the file does not have with its output.
            const judged = open && slot === undefined ? this.ownLossMethods(cls, st) : null;
            if (judged) merge(f, judged);
            this.root(st, f, open && !judged, true);
          }
        }
        // Read conditionally: a construction's arguments choose the branches of __init__, and the
        // instance's calls those of forward.
        const init = cond ? this.method(cls.node, '__init__') : null;
        const fwd = cond ? this.method(cls.node, 'forward') ?? this.method(cls.node, '__call__') ?? undefined : undefined;
        for (const s of sites) {
          const built = init ? this.passed(st, init, s, true) : st;
          if (built) this.object(s, 'module', this.armsBuilt(fwd ? { ...built, fwd } : built, cls.name, s), f, true);
        }
        // `self(x)` / `self.forward(x)` in the class's own training step: the model called on itself,
        // its result the model's output (wherever the class is built: in a list, a dict, elsewhere).
        for (const c of own) {
          const out = fwd ? this.passed(st, fwd, c, true) : st;
          if (out) this.value(c, out, f);
        }
        if (own.length > 0) this.root(st, f, false, true);
      }
    } finally {
      this.busy.delete(key);
    }
    f.rets = [];
    return f;
  }

  /**
   * What the methods of a model class (not its forward or constructor) do with a parameter they
   * hand straight to a PyTorch loss as its prediction: `def risk(self, Y, output): return
   * F.cross_entropy(output, Y)`, a model's own loss method its callers give its output. Followed
   * as the model's output would be; null where no method's parameter reaches a loss directly.
   */
  private ownLossMethods(cls: Scope, st: St): Facts | null {
    let out: Facts | null = null;
    for (const [name, def] of this.methodsOf(cls.node)) {
      if (name === 'forward' || name.startsWith('__')) continue;
      const body = this.field(def, 'body');
      if (!body) continue;
      for (const param of this.paramNames(def).slice(1)) {
        if (param === '*') continue;
        // read as the output itself is given (a hidden layer's value takes the same loss, not directly)
        const g = empty();
        for (const n of this.names(param, body.startIndex, body.endIndex)) if (this.isRead(n)) this.value(n, { ...st, layer: false }, g);
        if (g.direct.length === 0) continue;
        const hits = { ...empty(), losses: g.direct, direct: st.layer ? [] : g.direct, logged: g.logged };
        merge((out ??= empty()), hits);
      }
    }
    return out;
  }

  /** Does the class's forward call a loss (PyTorch's, or one bound where it is called)? */
  private forwardAppliesLoss(cls: Scope): boolean {
    const fwd = this.method(cls.node, 'forward');
    if (!fwd) return false;
    for (const call of fwd.descendantsOfType('call')) {
      this.tick();
      if (call && this.lossOfCall(call, { layer: false, calls: [] })) return true;
    }
    return false;
  }

  /** A class's answer, or `probing` while it is being computed (a class reached again answers no). */
  private readonly lossClasses = new Map<number, Memo<boolean> | 'probing'>();
  /**
   * Is the class a loss of the file: what its instances return reaches `.backward()` with no
   * PyTorch loss or layer between (or, used nowhere, it is named or derived like one)?
   */
  private isLossClass(cls: Scope): boolean {
    return this.probed(this.lossClasses, cls.id, false, () => this.isLossClassOf(cls));
  }

  /**
   * A memoised answer per node id, computed once; asked again while it is being computed (a class
   * reached from itself, a factory returning its own call) it answers `cycle`, and the verdict
   * asking is not kept. Stopped by the step budget, it is computed again when asked again.
   */
  private probed<T>(memo: Map<number, Memo<T> | 'probing'>, id: number, cycle: T, compute: () => T): T {
    const known = memo.get(id);
    if (known === 'probing') {
      if (this.rec) this.rec.tainted = true;
      return cycle;
    }
    if (known) return this.hit(known);
    if (this.halted()) return cycle;
    memo.set(id, 'probing');
    try {
      const m = this.memoised(compute);
      memo.set(id, m);
      return m.value;
    } finally {
      if (memo.get(id) === 'probing') memo.delete(id);
    }
  }

  private isLossClassOf(cls: Scope): boolean {
    this.touch(cls.node);
    let r: boolean;
    const sites = this.callSites(cls.name, cls.node);
    if (sites.length === 0) r = this.lossByShape(cls);
    else {
      const probe = empty();
      for (const s of sites) this.object(s, 'module', { layer: false, calls: [] }, probe, true);
      // What its instances return reaches `.backward()`, or is what a loss of the file returns
      // (a label-smoothing loss held by a Taylor cross-entropy); or the flow ends in code the file
      // does not have (a `get_loss(name)` factory nothing here calls), where only its shape says.
      const unknown = !probe.hidden && !probe.output && !probe.backward && !probe.lossCode && !probe.gate;
      r = probe.losses.length === 0 && !probe.custom && !this.hasLayers(cls) && (probe.backward || probe.lossCode || (unknown && this.reducesLikeLoss(cls)));
    }
    return r;
  }

  /** Named or derived like a loss, or a forward without layers that reduces to one number. */
  private lossByShape(cls: Scope): boolean {
    return looksLikeLoss(cls.name) || this.reducesLikeLoss(cls);
  }

  /** Derived from PyTorch's loss bases, or a forward without layers that reduces to one number. */
  private reducesLikeLoss(cls: Scope): boolean {
    return /\b_?(Weighted)?Loss\b/.test(this.superclasses(cls)) || (!this.hasLayers(cls) && this.reducesToNumber(cls));
  }

  /**
   * Does every `return` of its forward give one number (`loss.mean()`, `torch.mean(…)`, a PyTorch
   * loss, scaled or summed)? That is what a loss computes and a model does not.
   */
  private reducesToNumber(cls: Scope): boolean {
    const fwd = this.method(cls.node, 'forward') ?? this.method(cls.node, '__call__');
    return !!fwd && this.returnsLoss(fwd);
  }

  /** Does some `return` of the function give a PyTorch loss module it builds (`return nn.BCEWithLogitsLoss(…)`)? */
  private returnsLossModule(fn: Node): boolean {
    const rets = fn.childForFieldName('body')?.descendantsOfType('return_statement') ?? [];
    return rets.some((r) => {
      const e = r?.namedChild(0);
      const callee = e?.type === 'call' ? e.childForFieldName('function') : null;
      const hit = callee ? this.h.lossNamed(callee) : null;
      return !!hit && isModuleLoss(hit.name);
    });
  }

  /** Every `return` of the function gives a loss: one number, or what a PyTorch loss computed (scaled, reduced later). */
  private returnsLoss(fn: Node): boolean {
    const rets = this.field(fn, 'body')?.descendantsOfType('return_statement') ?? [];
    return rets.length > 0 && rets.every((r) => { const e = r?.namedChild(0); return !!e && this.isNumber(e, 0, fn); });
  }

  private isNumber(e: Node, depth: number, fn: Node): boolean {
    if (depth > 8) return false;
    if (e.type === 'parenthesized_expression') { const inner = e.namedChild(0); return !!inner && this.isNumber(inner, depth + 1, fn); }
    if (e.type === 'binary_operator') {
      const l = this.field(e, 'left');
      const r = this.field(e, 'right');
      return (!!l && this.isNumber(l, depth + 1, fn)) || (!!r && this.isNumber(r, depth + 1, fn));
    }
    if (e.type === 'identifier') {
      // `loss = ce * (1 - p_t) ** gamma` … `return loss`: what the name was given in this function.
      const name = this.text(e);
      return fn.descendantsOfType('assignment').some((a) => {
        const left = this.field(a, 'left');
        const right = this.field(a, 'right');
        return left?.type === 'identifier' && this.text(left) === name && !!right && right.id !== e.id && this.isNumber(right, depth + 1, fn);
      });
    }
    if (e.type !== 'call') return false;
    const callee = this.field(e, 'function');
    const args = (this.field(e, 'arguments')?.namedChildren ?? []).filter((a) => a && a.type !== 'comment');
    if (!callee) return false;
    if (this.h.lossNamed(callee)) return true;
    if (callee.type === 'attribute') {
      const m = this.text(this.field(callee, 'attribute') ?? callee);
      if ((m === 'mean' || m === 'sum') && args.length === 0) return true;
    }
    const path = this.h.torchPath(callee);
    return (path === 'torch.mean' || path === 'torch.sum') && args.length === 1 && args[0]!.type !== 'keyword_argument';
  }

  /** Does the class build layers of its own (a WGAN critic is trained on its raw output, yet is a model)? */
  private hasLayers(cls: Scope, depth = 0): boolean {
    const init = this.method(cls.node, '__init__');
    const body = this.field(init, 'body');
    if (!body) return false;
    for (const fn of this.assignedCallees(body)) {
      const path = this.h.torchPath(fn);
      if (path) {
        if (/^torch\.nn\.[A-Z]/.test(path) && !this.h.lossNamed(fn)) return true;
        continue;
      }
      const def = fn.type === 'identifier' ? this.moduleDef(this.text(fn), 'class_definition') : null;
      if (!def) continue;
      // a class of the file building no layers itself (`self.dice = DiceLoss()` beside
      // `self.bce = nn.BCEWithLogitsLoss()` in a combined loss) is none either
      const inner = this.h.scopes.of(def);
      if (depth >= 2 || inner.kind !== 'class' || inner.node.id !== def.id || inner.node.id === cls.node.id) return true;
      this.touch(def);
      if (this.hasLayers(inner, depth + 1)) return true;
    }
    return false;
  }

  /**
   * The callees of `name = callee(…)` in a block (nested blocks included), in order: each
   * assignment whose right side is a call of a name or a dotted name. Asking the parser for every
   * assignment walks the whole block (a model's `__init__`, for each class the flow reaches);
   * such an assignment is instead found by its `=` in the text, the name and its `(` after it, and
   * confirmed by the tree, so a caller that stops at the first one asks about a few nodes. A block
   * holding a syntax error (a made-up `=` has no text) is walked.
   */
  private *assignedCallees(block: Node): Generator<Node> {
    if (block.hasError) {
      for (const a of block.descendantsOfType('assignment')) {
        const right = this.field(a, 'right');
        const fn = right?.type === 'call' ? this.field(right, 'function') : null;
        if (fn) yield fn;
      }
      return;
    }
    const src = this.h.source;
    const end = block.endIndex;
    for (let i = src.indexOf('=', block.startIndex); i >= 0 && i < end; i = src.indexOf('=', i + 1)) {
      if (src.charCodeAt(i + 1) === 61 /* = */) { i++; continue; } // `==`
      if (ASSIGN_NOT_AFTER.includes(src[i - 1]!)) continue; // `<=`, `+=`, `:=`…
      const start = nextNonSpace(src, i + 1);
      if (!isIdentStartAt(src, start)) continue;
      let j = start;
      while (j < end && (isIdentPartAt(src, j) || src.charCodeAt(j) === 46 /* . */)) j = nextNonSpace(src, j + 1);
      if (src.charCodeAt(j) !== 40 /* ( */) continue;
      const call = this.h.scopes.nodeAt(start, j + 1);
      if (call?.type !== 'call' || call.startIndex !== start) continue;
      const a = this.h.scopes.parentOf(call);
      if (a?.type !== 'assignment' || this.field(a, 'right')?.id !== call.id) continue;
      const fn = this.field(call, 'function');
      if (fn) yield fn;
    }
  }

  /**
   * A name holding a number: bound to one where it is read (`scale = 0.5`, `SCALE = 2 ** -0.5` at
   * module level), or, bound nowhere in the file (`from config import SCALE`), written in capitals.
   * A local computed from the input (`A_V = self.attention_V(x)`) is a value, whatever its case.
   */
  private isConstantName(id: Node): boolean {
    const name = this.text(id);
    const fn = this.functionScope(this.h.scopes.of(id));
    let bound: Node | null = null;
    if (fn.kind === 'function') {
      if (this.paramNames(fn.node).includes(name)) return false;
      bound = this.lastAssignment(name, fn.start, id.startIndex, fn.end);
    }
    bound ??= this.lastAssignment(name, 0, id.startIndex, Number.POSITIVE_INFINITY, true);
    if (!bound) return /^[A-Z_][A-Z0-9_]*$/.test(name);
    return bound.id !== id.id && isConstant(bound, this.h.source, () => false, (n) => n.id !== id.id && /^[A-Z_][A-Z0-9_]*$/.test(this.text(n)));
  }

  /**
   * `self.max_action` set only in `__init__` (a constructor argument, a literal, a parameter or
   * buffer), or `math.pi` of an imported module: a setting, not a value computed from the input.
   */
  private isSetting(n: Node): boolean {
    const obj = this.field(n, 'object');
    const attr = this.field(n, 'attribute');
    if (obj?.type !== 'identifier' || !attr) return false;
    const o = this.text(obj);
    if (o !== 'self') return this.h.isForeign(o);
    const cls = this.classOf(this.h.scopes.of(n));
    if (!cls) return false;
    for (const a of this.selfAttrs(cls, this.text(attr))) {
      if (!this.isAssignedTo(a)) continue;
      const def = this.enclosingDef(a);
      const name = this.field(def, 'name');
      if (!name || this.text(name) !== '__init__') return false;
    }
    return true;
  }

  /** The `self.<attr>` every `return` of the class's forward gives the result of as it is (`return self.net(x)`), or null. */
  private forwardReturnsSubmodule(cls: Scope): string | null {
    const fwd = this.method(cls.node, 'forward');
    const rets = fwd ? this.field(fwd, 'body')?.descendantsOfType('return_statement') ?? [] : [];
    let attr: string | null = null;
    for (const r of rets) {
      if (!r || this.defOf(r)?.id !== fwd!.id) continue;
      let e = r.namedChild(0);
      while (e?.type === 'parenthesized_expression') e = e.namedChild(0);
      const callee = e?.type === 'call' ? this.field(e, 'function') : null;
      const obj = callee?.type === 'attribute' ? this.field(callee, 'object') : null;
      const name = obj?.type === 'identifier' && this.text(obj) === 'self' ? this.field(callee!, 'attribute') : null;
      if (!name || (attr !== null && attr !== this.text(name))) return null;
      attr = this.text(name);
    }
    return attr === 'forward' || attr === '__call__' ? null : attr;
  }

  /**
   * `self(images)` in a base class of the file that the class derives from (a course's
   * `ImageClassificationBase.training_step` with `F.cross_entropy(self(images), labels)`): on an
   * instance of this class the call runs this class's forward. Bases two levels up at most; none
   * where this class defines the method making the call itself (it overrides the base's).
   */
  private inheritedSelfCalls(cls: Scope, depth = 0): Node[] {
    if (depth > 2) return [];
    const out: Node[] = [];
    const bases = this.field(cls.node, 'superclasses')?.namedChildren ?? [];
    for (const b of bases) {
      if (b?.type !== 'identifier') continue;
      const def = this.moduleDef(this.text(b), 'class_definition');
      if (!def || def.id === cls.node.id) continue;
      const base = this.h.scopes.of(def);
      if (base.kind !== 'class' || base.node.id !== def.id) continue;
      for (const c of [...this.selfInstanceCalls(base), ...this.selfCalls(base, 'forward'), ...this.inheritedSelfCalls(base, depth + 1)]) {
        const m = this.enclosingDef(c);
        const name = m ? this.field(m, 'name') : null;
        if (name && this.method(cls.node, this.text(name))) continue;
        out.push(c);
      }
      if (out.length >= 16) break;
    }
    return out;
  }

  /**
   * Calls `self(…)` in the class's methods; also through a local name the method binds to the model
   * itself, `net = self.train()` (or `= self`, `= self.to(device)`: Module methods that give the
   * module back) and then calls, `net(x)`, while that binding is the name's last.
   */
  private selfInstanceCalls(cls: Scope): Node[] {
    const out: Node[] = [];
    const src = this.h.source;
    // called (`self(`), or the right side of an assignment (`= self`): the text says which to look at
    const wanted = (i: number) => src.charCodeAt(nextCodeChar(src, i + 4)) === 40 /* ( */ || src.charCodeAt(prevNonSpace(src, i)) === 61 /* = */;
    for (const n of this.names('self', cls.start, cls.end, wanted)) {
      const c = this.parent(n);
      if (c?.type === 'call' && this.is(c, 'function', n)) { out.push(c); if (out.length >= 16) break; continue; }
      // `self`, `self.train()`, `self.to(device).train()`: the same module, given back
      let v: Node = n;
      for (let i = 0; i < 4; i++) {
        const a = this.parent(v);
        const call = a?.type === 'attribute' && this.is(a, 'object', v) ? this.parent(a) : null;
        if (!call || call.type !== 'call' || !MODULE_SELF_METHODS.has(this.member(a!) ?? '')) break;
        v = call;
      }
      const asg = this.parent(v);
      const left = asg?.type === 'assignment' && this.is(asg, 'right', v) ? this.field(asg, 'left') : null;
      if (left?.type !== 'identifier') continue;
      const name = this.text(left);
      const scope = this.functionScope(this.h.scopes.of(asg!));
      if (scope.kind !== 'function') continue;
      for (const m of this.names(name, asg!.endIndex, scope.end, (i) => src.charCodeAt(nextCodeChar(src, i + name.length)) === 40 /* ( */)) {
        const call = this.parent(m);
        if (call?.type !== 'call' || !this.is(call, 'function', m) || this.functionScope(this.h.scopes.of(call)) !== scope) continue;
        if (this.lastAssignment(name, scope.start, call.startIndex, scope.end)?.id !== v.id) continue;
        out.push(call);
        if (out.length >= 16) return out;
      }
    }
    return out;
  }

  private superclasses(cls: Scope): string {
    const s = this.field(cls.node, 'superclasses');
    return s ? this.text(s) : '';
  }

  // ── losses ───────────────────────────────────────────────────────────────────────────────

  /** The loss a call computes: PyTorch's loss function or module, or one bound to the callee where it is called; `{name: ''}` for a loss module of the file. */
  private lossOfCall(call: Node, st: St): LossHit | { name: ''; range?: undefined } | null {
    this.armedTest = null;
    const fn = this.field(call, 'function');
    if (!fn) return null;
    const direct = this.h.lossNamed(fn);
    if (direct) return direct;
    if (fn.type === 'call') {
      const inner = this.field(fn, 'function');
      return inner ? this.h.lossNamed(inner) : null;
    }
    // `LOSSES["ce"](out, y)`: the loss the dict holds under that key
    if (fn.type === 'subscript') { const item = this.dictItem(fn, call, st); return item ? this.lossOfValue(item) : null; }
    let bound = this.boundValue(fn, call, st, 0);
    if (bound?.type === 'subscript') bound = this.dictItem(bound, call, st);
    if (bound && st.origin && fn.type === 'identifier') bound = this.armBound(this.text(fn), bound, st.origin) ?? bound;
    // `crit = crit.to(device)` (or `.cuda()`): the module the name held before, moved.
    for (let i = 0; bound && i < 4; i++) {
      const obj = this.movedModule(bound);
      // `criteria["bce"].to(device)`: the dict's item, moved
      if (obj?.type === 'subscript') { bound = this.dictItem(obj, call, st); continue; }
      if (obj?.type !== 'identifier') break;
      const asg = this.parent(bound);
      bound = this.boundValue(obj, asg?.type === 'assignment' && this.is(asg, 'right', bound) ? asg : bound, st, 0);
    }
    return bound ? this.lossOfValue(bound) : this.feedCall ? this.callerLoss(fn, call, st) : null;
  }

  /**
   * `if sigmoid_output: model.fc = nn.Sequential(…, nn.Sigmoid())` … `if sigmoid_output: loss_fn =
   * nn.BCELoss() else: loss_fn = nn.CrossEntropyLoss()`: where the loss's name is bound (`bound`,
   * the last binding before its call) in an arm of `if <test>:` and the activation sits in the other
   * arm of an `if` on the same test in the same function, the binding in the activation's arm.
   * Null where nothing says so (the binding stands).
   */
  private armBound(name: string, bound: Node, origin: Node): Node | null {
    const asg = this.parent(bound);
    if (asg?.type !== 'assignment') return null;
    const theirs = this.armsAround(asg);
    if (theirs.length === 0) return null;
    const mine = this.armsAround(origin);
    for (const a of theirs) {
      const m = mine.find((x) => x.fn === a.fn && x.test === a.test);
      if (!m || m.want === a.want) continue;
      // `binary = not binary` between the two: the tests no longer say the same
      if (this.testRebound(a.test, Math.min(a.stmt.startIndex, m.stmt.startIndex), Math.max(a.stmt.endIndex, m.stmt.endIndex))) return null;
      const other = a.want ? this.field(a.stmt.namedChildren.find((c) => c?.type === 'else_clause') ?? null, 'body') : this.field(a.stmt, 'consequence');
      if (!other) return null;
      this.touch(other);
      let found: Node | null = null;
      for (const st of other.namedChildren) {
        const e = st?.type === 'expression_statement' ? st.namedChild(0) : null;
        const left = e?.type === 'assignment' ? this.field(e, 'left') : null;
        if (left?.type === 'identifier' && this.text(left) === name) found = this.field(e, 'right');
      }
      if (found) this.armedTest = a.test;
      return found;
    }
    return null;
  }

  /** Is the name (`binary`) or attribute (`args.binary`, or `args` itself) that `test` reads bound anywhere in [from, to)? */
  private testRebound(test: string, from: number, to: number): boolean {
    const parts = test.split('.');
    for (const n of this.names(parts[0]!, from, to)) {
      if (nameRole(n, this.parentFn, this.fieldFn, this.isFn).kind === 'binding') return true;
      let cur = n;
      for (let k = 1; k < parts.length; k++) {
        const p = this.parent(cur);
        if (p?.type !== 'attribute' || !this.is(p, 'object', cur)) break;
        const attr = this.field(p, 'attribute');
        if (!attr || this.text(attr) !== parts[k]) break;
        cur = p;
        if (k === parts.length - 1 && this.isAssignedTo(cur)) return true;
      }
    }
    return false;
  }

  /** The arms of `if <name>:` / `if not <name>:` (a name or attribute; an `if` with no `elif`) around `node` in its function. */
  private armsAround(node: Node): Array<{ test: string; want: boolean; fn: number; stmt: Node }> {
    const out: Array<{ test: string; want: boolean; fn: number; stmt: Node }> = [];
    const fn = this.functionScope(this.h.scopes.of(node)).id;
    let cur = node;
    for (let i = 0; i < 32; i++) {
      const p = this.parent(cur);
      if (!p || p.type === 'function_definition' || p.type === 'class_definition' || p.type === 'lambda' || p.type === 'module') break;
      if (p.type === 'block') {
        const q = this.parent(p);
        const ifs = q?.type === 'if_statement' ? q : q?.type === 'else_clause' ? this.parent(q) : null;
        if (ifs?.type === 'if_statement' && !ifs.namedChildren.some((c) => c?.type === 'elif_clause')) {
          const test = this.flagTest(this.field(ifs, 'condition'));
          if (test) out.push({ test: test.name, want: (q!.type === 'if_statement') !== test.negated, fn, stmt: ifs });
        }
      }
      cur = p;
    }
    return out;
  }

  /** The module a chain of MODULE_SELF_METHODS calls starts from (`Net().to(device).eval()` → `Net()`), at most four deep. */
  private unmoved(v: Node | null): Node | null {
    for (let i = 0; v && i < 4; i++) {
      const moved = this.movedModule(v);
      if (!moved) break;
      v = moved;
    }
    return v;
  }

  /** `m.to(device)`, `nn.BCELoss().cuda()`: a call of one of MODULE_SELF_METHODS gives back the module it is called on (its object). */
  private movedModule(v: Node): Node | null {
    if (v.type !== 'call') return null;
    const fn = this.field(v, 'function');
    const name = fn?.type === 'attribute' ? this.field(fn, 'attribute') : null;
    return name && MODULE_SELF_METHODS.has(this.text(name)) ? this.field(fn, 'object') : null;
  }

  /**
   * `LOSSES["ce"]`, where `LOSSES = {"ce": nn.CrossEntropyLoss(), "nll": nn.NLLLoss()}` (a dict
   * written in place or bound to the name): the value under that literal key. A key the run chooses
   * (`LOSSES[args.loss]`) gives a value only when every value in the dict is the same loss.
   */
  private dictItem(sub: Node, at: Node, st: St): Node | null {
    const table = this.field(sub, 'value');
    const pairs = this.dictPairs(table?.type === 'dictionary' ? table : table?.type === 'identifier' ? this.boundValue(table, at, st, 0) : null);
    if (!pairs) return null;
    const key = literalOf(this.field(sub, 'subscript'), this.h.source)?.value;
    if (typeof key === 'string' || typeof key === 'number') {
      for (const p of pairs) if (literalOf(this.field(p, 'key'), this.h.source)?.value === key) return this.field(p, 'value');
      return null;
    }
    const values = pairs.map((p) => this.field(p, 'value'));
    const names = values.map((v) => (v ? this.lossOfValue(v)?.name : undefined));
    return values.length > 0 && names.every((n) => !!n && n === names[0]) ? values[0]! : null;
  }

  /** The `key: value` pairs of a dict written in place, or null for anything else or a dict that also spreads another (`**base`). */
  private dictPairs(dict: Node | null): Node[] | null {
    if (dict?.type !== 'dictionary') return null;
    const entries = dict.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    return entries.every((c) => c.type === 'pair') ? entries : null;
  }

  private lossOfValue(v: Node): LossHit | { name: '' } | null {
    const named = this.h.lossNamed(v);
    if (named) return named;
    if (v.type === 'conditional_expression') return this.eitherLoss(v);
    if (v.type !== 'call') return null;
    const moved = this.movedModule(v);
    if (moved && moved.type !== 'identifier') return this.lossOfValue(moved); // `nn.CrossEntropyLoss().to(device)`
    const fn = this.field(v, 'function');
    if (!fn) return null;
    const inner = this.h.lossNamed(fn);
    if (inner) return inner;
    // `LOSS_MAPPING["CrossEntropyLoss"]()` with `LOSS_MAPPING = {"CrossEntropyLoss": nn.CrossEntropyLoss}`: the class the dict holds, built
    if (fn.type === 'subscript') {
      const item = this.dictItem(fn, v, { layer: false, calls: [] });
      return item ? this.h.lossNamed(item) : null;
    }
    if (fn.type === 'identifier') {
      const cls = this.moduleDef(this.text(fn), 'class_definition');
      if (cls) {
        const name = this.field(cls, 'name');
        const sup = this.field(cls, 'superclasses');
        if ((name && looksLikeLoss(this.text(name))) || (sup && /Loss\b/.test(this.text(sup)))) return { name: '' };
        // a class of the file wrapping one PyTorch loss (`BinaryCrossEntropy` whose forward is
        // `return self.loss_fn(predict, target)`), reached through a dict or moved: that loss
        const wrapped = this.wrappedLoss(cls);
        if (wrapped) return wrapped;
      }
      // `criterion = get_criterion()`: a function of the file that builds the loss it returns.
      const def = cls ? null : this.moduleDef(this.text(fn), 'function_definition');
      if (def) return this.factoryLoss(def);
    }
    return null;
  }

  /**
   * `nn.BCEWithLogitsLoss() if n_classes == 1 else nn.CrossEntropyLoss()`: whichever arm runs, a loss
   * expecting the same kind of input (raw logits here), so what reaches it is judged by that: the
   * `else` arm's loss names it (as the last of an if/else statement's bindings does). Arms expecting
   * different inputs (logits or probabilities) leave the loss unknown.
   */
  private eitherLoss(v: Node): LossHit | null {
    const arms = v.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    if (arms.length !== 3) return null;
    const a = this.lossOfValue(arms[0]!);
    const b = this.lossOfValue(arms[2]!);
    if (!a?.name || !b?.name) return null;
    return expectsAlike(a.name, b.name) ? (b as LossHit) : null;
  }

  /**
   * The PyTorch loss calling the module-level `name` gives, for a file that imports it: a function
   * building and returning one (factoryLoss), or a class wrapping one (wrappedLoss); null if none.
   */
  returnedLoss(name: string): LossHit | null {
    const outer = this.rec;
    this.rec = null;
    try {
      this.steps = 0;
      const def = this.moduleDef(name, 'function_definition');
      if (def) return this.factoryLoss(def);
      const cls = this.moduleDef(name, 'class_definition');
      return cls ? this.wrappedLoss(cls) : null;
    } catch (e) {
      if (!(e instanceof Budget)) throw e;
      return null;
    } finally {
      this.rec = outer;
    }
  }

  /**
   * The PyTorch loss a class of the file wraps, as its instance is called (`crit = WrappedCE()` …
   * `crit(model(x), y)`): a class building no layers whose forward takes its first argument, as
   * it is, to one PyTorch loss as that loss's input (`self.inner = nn.CrossEntropyLoss()` …
   * `return self.inner(pred, target)`). The file importing it then reads an instance as that loss,
   * as the file defining it follows the value into the forward (intoCall). Null where the forward
   * logs the value first (a wrapper taking probabilities), scales or passes it through anything on
   * the way, reaches two losses, a loss only down a branch, or none.
   */
  private wrappedLoss(cls: Node): LossHit | null {
    const fwd = this.layerlessForward(cls);
    const body = fwd ? this.field(fwd, 'body') : null;
    const params = fwd ? this.field(fwd, 'parameters')?.namedChildren.filter((c) => c?.type !== 'comment') ?? [] : [];
    // the first argument a call passes: the parameter after self, a plain one
    const first = params[1];
    if (!fwd || !body || first?.type !== 'identifier') return null;
    const f = empty();
    const st: St = { layer: false, calls: [{ fn: fwd.id, call: fwd }] };
    for (const n of this.names(this.text(first), body.startIndex, body.endIndex)) if (this.isRead(n)) this.value(n, st, f);
    const loss = f.losses[0];
    if (!loss?.name || f.maybe?.length || f.logged || f.custom || f.backward) return null;
    if (f.losses.some((l) => l.name !== loss.name) || f.direct.length !== f.losses.length) return null;
    return loss;
  }

  private readonly factories = new Map<number, Memo<LossHit | null> | 'probing'>();
  /**
   * The PyTorch loss a module-level function builds and returns (`def get_criterion(): return
   * nn.BCELoss()`, or a name it bound to one: `crit = nn.BCELoss(…)` … `return crit`), when every
   * `return` of its own gives the same loss; null when one gives something else, another loss, or
   * nothing (a factory choosing by its argument is not known here).
   */
  private factoryLoss(def: Node): LossHit | null {
    return this.probed(this.factories, def.id, null, () => this.factoryLossOf(def));
  }

  private factoryLossOf(def: Node): LossHit | null {
    this.touch(def);
    const body = this.field(def, 'body');
    if (!body) return null;
    let found: LossHit | null = null;
    for (const r of body.descendantsOfType('return_statement')) {
      if (!r || this.defOf(r)?.id !== def.id) continue;
      this.tick();
      let e = r.namedChild(0);
      if (e?.type === 'identifier') e = this.lastAssignment(this.text(e), def.startIndex, r.startIndex, def.endIndex);
      const hit = e ? this.lossOfValue(e) : null;
      if (!hit?.name || (found && found.name !== hit.name)) return null;
      found ??= hit as LossHit;
    }
    return found;
  }

  /**
   * The expression bound to a callee where it is called: `crit` → the assignment live there (in
   * the function, else at module level: the last one before, as a notebook run top to bottom
   * sees it), `self.crit` → the class's own `self.crit = …`, a parameter → what the call that
   * entered the function passed.
   */
  private boundValue(fn: Node, at: Node, st: St, depth: number): Node | null {
    if (depth > 3) return null;
    if (fn.type === 'attribute') {
      const member = this.selfMember(fn);
      if (member === null) return null;
      const cls = this.classOf(this.h.scopes.of(at));
      if (!cls) return null;
      for (const n of this.selfAttrs(cls, member)) {
        const p = this.parent(n);
        if (p?.type === 'assignment' && this.is(p, 'left', n)) return this.heldBy(this.field(p, 'right'), p, depth);
      }
      return null;
    }
    if (fn.type !== 'identifier') return null;
    const name = this.text(fn);
    const scope = this.h.scopes.of(at);
    let fnScope: Scope | null = scope;
    while (fnScope && fnScope.kind !== 'function' && fnScope.kind !== 'module') fnScope = fnScope.parent;
    if (fnScope && fnScope.kind === 'function') {
      const local = this.lastAssignment(name, fnScope.start, at.startIndex, fnScope.end);
      if (local) return local;
      const def = fnScope.node;
      const params = this.field(def, 'parameters');
      if (params && this.paramNames(def).includes(name)) return this.paramValue(fnScope, name, st, depth);
      // a free name of a nested function (`def fit(): crit = nn.BCELoss()` … `def step(): crit(out, y)`):
      // what the enclosing function binds it to, as the closure reads it (an assignment of its own
      // scope only; a nested function's own binding is not the enclosing one's)
      for (let enc = fnScope.parent; enc && enc.kind !== 'module'; enc = enc.parent) {
        if (enc.kind !== 'function') break;
        const outer = this.lastAssignment(name, enc.start, at.startIndex, enc.end);
        if (outer) return this.functionScope(this.h.scopes.of(outer)) === enc ? outer : null;
        if (this.paramNames(enc.node).includes(name)) return this.paramValue(enc, name, st, depth);
      }
    }
    return this.lastAssignment(name, 0, at.startIndex, Number.POSITIVE_INFINITY, true);
  }

  /**
   * `self.crit = crit` in a method: what the parameter it reads holds (see paramValue); any other
   * right side is the value itself.
   */
  private heldBy(right: Node | null, assignment: Node, depth: number): Node | null {
    if (right?.type !== 'identifier') return right;
    const scope = this.functionScope(this.h.scopes.of(assignment));
    if (scope.kind !== 'function' || !this.paramNames(scope.node).includes(this.text(right))) return right;
    return this.boundValue(right, assignment, { layer: false, calls: [] }, depth + 1);
  }

  /**
   * What the parameter `name` of the function `fnScope` holds: the argument of the call that
   * entered it, else of each of its calls in the file (a module-level function's calls, the
   * constructions of a module-level class for its `__init__`); the parameter's default where a call
   * does not give it, or where the file never calls the function. Null when the calls disagree
   * (two losses, a loss and something else): the value is not known there.
   */
  private paramValue(fnScope: Scope, name: string, st: St, depth: number): Node | null {
    const def = fnScope.node;
    const method = fnScope.parent?.kind === 'class';
    const entered = [...st.calls].reverse().find((c) => c.fn === def.id) ?? [...(st.entered ?? [])].reverse().find((c) => c.fn === def.id);
    const owner = fnScope.parent;
    const calls = entered ? [entered.call]
      : owner?.kind === 'module' ? this.callSites(fnScope.name, def)
      : method && fnScope.name === '__init__' && owner?.parent?.kind === 'module' ? this.callSites(owner.name, owner.node)
      // Another method of a module-level class (a model's own `fit(self, optimizer, loss_fn, …)`):
      // its calls `self.fit(…)` in the class and `net.fit(…)` on an instance the file builds.
      : method && owner?.parent?.kind === 'module' && !this.isStatic(def) ? [...this.selfCalls(owner, fnScope.name), ...this.instanceCalls(owner, fnScope.name)]
      : [];
    const fallback = this.defaultValue(def, name);
    let found: Node | null = null;
    let key = '';
    for (const c of calls) {
      const a = this.argumentFor(def, c, name, method);
      const v = !a ? (this.givesUnnamed(c) ? null : fallback) : a.type === 'identifier' ? this.boundValue(a, c, { layer: false, calls: [] }, depth + 1) : a;
      if (!v) continue;
      const loss = this.lossOfValue(v);
      const k = loss ? `loss:${loss.name}` : `node:${v.id}`;
      if (found && k !== key) return null;
      if (!found) { found = v; key = k; }
    }
    if (calls.length) return found;
    // Called nowhere in the file (a training loop of a module other files call): its default, unless
    // the other file's call, followed here, gives the argument (or may: it spreads some).
    const feed = this.feedCall;
    if (feed && feed.def === def.id) {
      const given = feed.given;
      if (!given || given.keywords.includes(name) || this.paramNames(def).indexOf(name) - (feed.method ? 1 : 0) < given.positional) return null;
    }
    return fallback;
  }

  /** Does the call spread arguments (`f(*args)`, `f(**kw)`): then which parameter each fills is not known. */
  private givesUnnamed(call: Node): boolean {
    const args = this.field(call, 'arguments');
    return !!args?.namedChildren.some((a) => a?.type === 'list_splat' || a?.type === 'dictionary_splat');
  }

  /**
   * The parameter's default as the value it holds: `loss_fn=CE` with `CE = nn.CrossEntropyLoss()` at
   * the module's top level before the def (a default is evaluated where the def runs) is that call.
   * Only for a def of the module's top level or of a class there; else the default as written.
   */
  private defaultValue(def: Node, name: string): Node | null {
    const v = this.parameterDefault(def, name);
    if (v?.type !== 'identifier') return v;
    const own = this.h.scopes.of(def);
    for (let s: Scope | null = own.node.id === def.id ? own.parent : own; s && s.kind !== 'module'; s = s.parent) if (s.kind !== 'class') return v;
    const bound = this.lastAssignment(this.text(v), 0, def.startIndex, def.startIndex, true);
    return bound?.type === 'call' ? bound : v;
  }

  /** The default value of the parameter `name` of `def` (`criterion=nn.NLLLoss()`), or null. */
  private parameterDefault(def: Node, name: string): Node | null {
    const params = this.field(def, 'parameters');
    if (!params) return null;
    for (const p of params.namedChildren) {
      if (p?.type !== 'default_parameter' && p?.type !== 'typed_default_parameter') continue;
      const n = this.field(p, 'name');
      if (n && this.text(n) === name) return this.field(p, 'value');
    }
    return null;
  }

  /** The right side of the last `name = …` in [from, before) (module level only when `moduleLevel`); else the first one after, up to `end`. */
  private lastAssignment(name: string, from: number, before: number, end: number, moduleLevel = false): Node | null {
    const stop = Math.min(end, this.h.source.length);
    let found: Array<{ at: number; right: Node }> | undefined;
    // Not recording, the assignments of a name in a scope are looked for once (a loop of hundreds
    // of `crit(model(x), y)` asks for `crit` at each); recording, each answer reads the names itself.
    const key = this.rec ? '' : `${name}:${from}:${stop}:${moduleLevel ? 1 : 0}`;
    if (key) found = this.assignments.get(key);
    if (!found) {
      found = [];
      for (const n of this.names(name, from, stop)) {
        const right = this.assignedTo(n);
        if (!right) continue;
        if (moduleLevel && this.h.scopes.of(right).kind !== 'module') continue;
        found.push({ at: n.startIndex, right });
      }
      if (key) this.assignments.set(key, found);
    } else if (this.feeding) for (let i = 0; i < found.length; i++) this.tick();
    let last: Node | null = null;
    for (const a of found) {
      // `loss = loss(out, y)`: the right side is read before the name is bound again
      if (a.at < before && a.right.startIndex <= before && before < a.right.endIndex) continue;
      if (a.at < before) last = a.right; else return last ?? a.right;
    }
    return last;
  }

  /** lastAssignment's finds while not recording, by name and scope. */
  private readonly assignments = new Map<string, Array<{ at: number; right: Node }>>();

  /** What `name = …` gives the name at `n`, also as one of several (`bce, ce = nn.BCELoss(), nn.CrossEntropyLoss()`). */
  private assignedTo(n: Node): Node | null {
    const p = this.parent(n);
    if (p?.type === 'assignment') return this.is(p, 'left', n) ? this.field(p, 'right') : null;
    if (p?.type !== 'pattern_list' && p?.type !== 'tuple_pattern') return null;
    const asg = this.parent(p);
    const right = asg?.type === 'assignment' && this.is(asg, 'left', p) ? this.field(asg, 'right') : null;
    if (right?.type !== 'expression_list' && right?.type !== 'tuple') return null;
    const i = elementIndex(p, n);
    const values = right.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    const names = p.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    return i !== undefined && values.length === names.length ? values[i] ?? null : null;
  }

  // ── where names are used ─────────────────────────────────────────────────────────────────

  /**
   * Reads of the variable `left` binds at `binding`, in its scope, after it, until a rebinding in
   * the same or an outer block (whose own right side still reads the old value). At module level,
   * reads inside functions count wherever they are written. True when such a rebinding ends them
   * (the value is dropped there, not kept for code the file does not have).
   */
  private usesOfName(left: Node, binding: Node, st: St, each: (n: Node) => void): boolean {
    const name = this.text(left);
    const scope = this.functionScope(this.h.scopes.of(binding));
    const src = this.h.source;
    const blocks = new Set<number>();
    for (let b: Node | null = this.parent(binding), i = 0; b && i < 64; b = this.parent(b), i++) blocks.add(b.id);
    const bindingHolder = this.parent(binding);
    const topLevel = (bindingHolder ? this.parent(bindingHolder) : null)?.type === 'module';
    const end = scope.kind === 'module' ? src.length : Math.min(scope.end, src.length);
    const start = scope.kind === 'module' ? 0 : scope.start;
    let stopAt = Number.POSITIVE_INFINITY;
    let count = 0;
    // Rebindings in a block nested below the binding's (a loop's body): the reads after one in
    // that block (or deeper) get its value, on every pass (`for …: h = torch.sigmoid(z); bce(h, y)`).
    let shadows: Array<{ from: number; to: number }> | undefined;
    for (const n of this.names(name, start, end)) {
      if (n.startIndex > stopAt || this.halted()) break;
      if (n.id === left.id) continue;
      if (n.startIndex < binding.startIndex) {
        // Before the binding: only reads in functions (module level) see it, when they run later;
        // a comprehension or a class body runs where it is written.
        if (scope.kind !== 'module' || !this.runsLater(this.h.scopes.of(n))) continue;
        if (this.bindsLocally(n, name)) continue;
      }
      const role = nameRole(n, this.parentFn, this.fieldFn, this.isFn);
      if (role.kind === 'binding') {
        if (n.startIndex < binding.endIndex) continue;
        const stmt = role.scopeOf;
        if (stmt.type === 'assignment' || stmt.type === 'augmented_assignment') {
          const holder = this.parent(stmt);
          const block = holder ? this.parent(holder) : null;
          // Module level both: the same block, though a file read in runs gives each run its own root.
          const sameTop = block?.type === 'module' && topLevel;
          if (holder && blocks.has(block?.id ?? -1) || (holder && blocks.has(holder.id)) || sameTop) stopAt = Math.min(stopAt, stmt.endIndex);
          else if (stmt.type === 'assignment' && block?.type === 'block' && n.startIndex > binding.endIndex) (shadows ??= []).push({ from: stmt.endIndex, to: block.endIndex });
          if (stmt.type === 'augmented_assignment' && n.startIndex > binding.startIndex) each(n);
        } else if (n.startIndex > binding.endIndex && this.h.scopes.of(n) === this.h.scopes.of(binding)) stopAt = Math.min(stopAt, n.startIndex);
        continue;
      }
      if (role.kind !== 'reference') continue;
      if (n.startIndex >= binding.startIndex && n.startIndex < binding.endIndex) continue;
      if (shadows?.some((s) => n.startIndex >= s.from && n.startIndex < s.to)) continue;
      if (++count > 64) break;
      each(n);
    }
    void st;
    return stopAt !== Number.POSITIVE_INFINITY;
  }

  /**
   * Does the code at `node` run only when the model is not training: under `if not self.training:`
   * (or the `else` of `if self.training:`, or its conditional expression), or after
   * `if self.training: return …` in the same function? A loss never sees such a value.
   */
  private evalOnly(node: Node): boolean {
    // Every test below reads a `.training`: in a module statement whose text never says `training`
    // (most), the climb would stand on its nodes and find nothing.
    const top = this.h.scopes.statementHolding(node.startIndex);
    if (top && !this.saysTraining(top.start, top.end)) {
      this.touchSpan(top.start, node.startIndex);
      return false;
    }
    let cur = node;
    for (let p = this.parent(cur), i = 0; p && i < 64; cur = p, p = this.parent(p), i++) {
      const t = p.type;
      if (t === 'function_definition' || t === 'lambda' || t === 'class_definition' || t === 'module') return false;
      if (t === 'if_statement') {
        const test = trainingTest(this.field(p, 'condition'), this.h.source);
        if (test === 'eval' && this.field(p, 'consequence')?.id === cur.id) return true;
        if (test === 'training' && cur.type === 'else_clause') return true;
      } else if (t === 'conditional_expression') {
        const test = trainingTest(p.namedChild(1), this.h.source);
        if ((test === 'eval' && p.namedChild(0)?.id === cur.id) || (test === 'training' && p.namedChild(2)?.id === cur.id)) return true;
      } else if (t === 'block' && cur.startIndex > this.evalFrom(p)) return true;
    }
    return false;
  }

  private readonly training = new Map<number, boolean>();
  private saysTraining(start: number, end: number): boolean {
    let says = this.training.get(start);
    if (says === undefined) this.training.set(start, (says = this.h.source.slice(start, end).includes('training')));
    return says;
  }

  private readonly evalStarts = new Map<number, number>();
  /** Where, in a block, `if self.training: return …` ends (what follows runs only in eval mode); Infinity if nowhere. Once per block. */
  private evalFrom(block: Node): number {
    let at = this.evalStarts.get(block.id);
    if (at !== undefined) return at;
    at = Number.POSITIVE_INFINITY;
    // Only a block whose text tests `.training` is looked into (most never do).
    if (this.h.source.slice(block.startIndex, block.endIndex).includes('.training')) {
      for (const s of block.namedChildren) {
        if (s?.type === 'if_statement' && !this.field(s, 'alternative') && trainingTest(this.field(s, 'condition'), this.h.source) === 'training' && endsInReturn(this.field(s, 'consequence'))) { at = s.endIndex - 1; break; }
      }
    }
    this.evalStarts.set(block.id, at);
    return at;
  }

  /** Is code in `scope` run when called (a function's or a lambda's body), not where it is written? */
  private runsLater(scope: Scope): boolean {
    for (let s: Scope | null = scope; s; s = s.parent) if (s.kind === 'function' || s.kind === 'lambda') return true;
    return false;
  }

  /** Functions with a return chosen by an argument (returnsByArgument), by node id. */
  private readonly argumentReturns = new Map<number, boolean>();

  /**
   * Does the function holding `ret` return by an argument: some return of it under a branch (or a
   * conditional expression) whose condition reads a parameter (`if return_probs: return F.softmax(…)`,
   * `def get_model(name): if name == 'prob': return ProbNet()`)? Then which value a caller gets,
   * the caller's arguments say, and no return of it is the one output.
   */
  private returnsByArgument(ret: Node): boolean {
    const def = this.defOf(ret);
    if (!def) return false;
    this.touch(def);
    const known = this.argumentReturns.get(def.id);
    if (known !== undefined) return known;
    let found = false;
    const body = this.field(def, 'body');
    for (const r of body?.descendantsOfType('return_statement') ?? []) {
      if (!r || this.defOf(r)?.id !== def.id) continue;
      const v = r.namedChild(0);
      // a model factory's arms (factoryChoice) each return the model a caller trains when chosen
      if (this.underArgumentBranch(r) && !this.termsAt(r).every((t) => this.factoryChoice(t.choice, t.def))) { found = true; break; }
      if (v?.type === 'conditional_expression' && this.readsParameter(v.namedChild(1), def) && !this.factoryChoice(v, def)) { found = true; break; }
    }
    this.argumentReturns.set(def.id, found);
    return found;
  }

  /** Is `node` in a branch of an `if` (or a conditional expression) of its function whose condition reads one of the function's parameters? */
  private underArgumentBranch(node: Node): boolean {
    const def = this.defOf(node);
    if (!def) return false;
    let cur = node;
    for (let p = this.parent(cur), i = 0; p && p.id !== def.id && i < 64; cur = p, p = this.parent(p), i++) {
      if (p.type === 'if_statement' || p.type === 'elif_clause') {
        if (this.field(p, 'condition')?.id === cur.id) continue;
        if (this.readsParameter(this.field(p, 'condition'), def)) return true;
        // in an elif or else: the conditions before it chose it too
        if (p.type === 'if_statement') for (const c of p.namedChildren) if (c?.type === 'elif_clause' && c.startIndex < cur.startIndex && this.readsParameter(this.field(c, 'condition'), def)) return true;
      } else if (p.type === 'conditional_expression' && p.namedChild(1)?.id !== cur.id && this.readsParameter(p.namedChild(1), def)) return true;
    }
    return false;
  }

  /** Does `cond` read a parameter of `def` (not `self`/`cls`: what an attribute holds was chosen elsewhere)? */
  private readsParameter(cond: Node | null, def: Node): boolean {
    if (!cond) return false;
    this.touch(cond);
    const params = this.paramNames(def).filter((n) => n !== 'self' && n !== 'cls' && n !== '*');
    if (params.length === 0) return false;
    const ids = cond.type === 'identifier' ? [cond] : cond.descendantsOfType('identifier');
    for (const id of ids) {
      if (!id || !params.includes(this.text(id))) continue;
      const p = this.parent(id);
      if (p?.type === 'attribute' && this.is(p, 'attribute', id)) continue;
      if (p?.type === 'keyword_argument' && this.is(p, 'name', id)) continue;
      return true;
    }
    return false;
  }

  // ── a conditional reading: the branches a path goes down, read with the arguments of its calls ──

  /** The signature of the activation a conditional reading follows (armsAgree), or null. */
  private sig: string | null = null;

  /** `call`'s callee as a signature: its PyTorch path (`torch.nn.functional.softmax`), or `.name` for a method (`x.softmax(…)`). */
  private sigOf(call: Node): string | null {
    if (call.type !== 'call') return null;
    const fn = this.field(call, 'function');
    if (!fn) return null;
    const path = this.h.torchPath(fn);
    if (path) return path;
    return fn.type === 'attribute' ? `.${this.member(fn) ?? ''}` : null;
  }

  /** The path stands on `node`: the branches on its function's parameters it is under join the state; null if a known call does not take them. */
  private branchesAt(node: Node, st: St): St | null {
    const cond = st.cond!;
    const found = this.termsAt(node);
    if (found.length === 0) return st;
    const terms = [...cond.terms];
    for (const t of found) if (!terms.some((u) => u.test.id === t.test.id && u.want === t.want)) terms.push(t);
    if (terms.length === cond.terms.length) return st;
    return this.settle({ ...st, cond: { terms, unknown: cond.unknown, calls: cond.calls } });
  }

  /** The path goes through `call` of `def` (into it, or out of it): its branches are read with what that call passes; null if it does not take them. */
  private passed(st: St, def: Node, call: Node, method: boolean): St | null {
    const cond = st.cond;
    if (!cond) return st;
    const s: St = { ...st, cond: { terms: cond.terms, unknown: cond.unknown, calls: [...cond.calls, { def, call, method }] } };
    return cond.terms.length ? this.settle(s) : s;
  }

  /** Reads the pending branches again: a false one ends the path (null), a pending one stays, an unknown one is kept apart. */
  private settle(st: St): St | null {
    const cond = st.cond!;
    const left: Term[] = [];
    let unknown = cond.unknown;
    for (const t of cond.terms) {
      let r: Tri = evaluate(t.test, this.h.source, (n) => this.leafValue(t.def, n, cond.calls));
      if (typeof r === 'boolean') r = r === t.want;
      // Whichever way it goes, the value passes the same activation (`if p: return F.softmax(a)` … `return F.softmax(b)`).
      if (r === 'unknown' && this.armsAgree(t)) r = true;
      // A model factory's choice (`get_model(args.model)`): the arm's model is the one trained whenever it is chosen.
      if (r === 'unknown' && this.factoryChoice(t.choice, t.def)) r = true;
      if (r === false) return null;
      if (r === 'pending') left.push(t);
      else if (r === 'unknown') unknown = [...unknown, t];
    }
    if (left.length === cond.terms.length) return st;
    return { ...st, cond: { terms: left, unknown, calls: cond.calls } };
  }

  /**
   * The branches the path went down that are not known to be taken where it stands (Term keys;
   * none: the path is taken). A branch holding `at` (a loss call) is the training's own (`if mode ==
   * "train": loss = …`), taken whenever that loss is computed.
   */
  private undecided(st: St, at?: Node): string[] {
    const c = st.cond!;
    const out: string[] = [];
    for (const t of [...c.terms, ...c.unknown]) {
      if (at && at.startIndex >= t.from && at.startIndex < t.to) continue;
      // or a call of a helper that computes it (`if optimizer_idx == 1: return self.adversarial_loss(…)`)
      if (at && st.calls.some((e) => e.call.startIndex >= t.from && e.call.startIndex < t.to)) continue;
      // the loss was bound in the arm of an `if` on this same test (armBound): it goes with this branch
      if (at && this.armedTest !== null && this.flagTest(t.test)?.name === this.armedTest) continue;
      out.push(termKey(t));
    }
    return out;
  }

  /** The name or attribute an `if` tests (`flag`, `not args.binary`, in parentheses or not), or null for any other test. */
  private flagTest(cond: Node | null): { name: string; negated: boolean } | null {
    let test = cond;
    let negated = false;
    while (test?.type === 'parenthesized_expression') test = test.namedChild(0);
    if (test?.type === 'not_operator') { negated = true; test = this.field(test, 'argument'); }
    return test && (test.type === 'identifier' || test.type === 'attribute') && /^[A-Za-z_][\w.]*$/.test(this.text(test)) ? { name: this.text(test), negated } : null;
  }

  /** What a name in a condition of `def` holds: a parameter of it, or a `self.X` that __init__ sets from one (selfSetting); null for anything else. */
  private leafValue(def: Node, n: Node, calls: readonly Passed[]): Operand | null {
    if (n.type === 'identifier') return this.passedValue(def, this.text(n), calls, 0);
    if (n.type !== 'attribute') return null;
    const set = this.selfSetting(n);
    if (!set) return null;
    return 'value' in set ? set : this.passedValue(set.def, set.param, calls, 0);
  }

  /** Does `cond` read what a call chooses: a parameter of `def`, or a `self.X` set from a parameter of `__init__` (selfSetting)? */
  private readsChoice(cond: Node, def: Node): boolean {
    if (this.readsParameter(cond, def)) return true;
    if (!this.text(cond).includes('self')) return false;
    const attrs = cond.type === 'attribute' ? [cond] : cond.descendantsOfType('attribute');
    return attrs.some((a) => !!a && this.selfSetting(a) !== null);
  }

  /** The test whose arm the last lossOfCall took its loss binding from (armBound), or null. */
  private armedTest: string | null = null;

  private readonly settings = new Map<string, { def: Node; param: string } | { value: PyValue } | null>();
  /**
   * `self.X` written once in its class, in `__init__`, as one of its parameters (`self.return_probs =
   * return_probs`) or a literal: the parameter (or the value). Null for anything else (`self.training`,
   * a flag set in several places).
   */
  private selfSetting(a: Node): { def: Node; param: string } | { value: PyValue } | null {
    const name = this.selfMember(a);
    const cls = name !== null ? this.classOf(this.h.scopes.of(a)) : null;
    if (name === null || !cls) return null;
    const key = `${cls.id}:${name}`;
    let set = this.settings.get(key);
    if (set !== undefined) {
      this.touch(cls.node);
      return set;
    }
    set = null;
    let count = 0;
    for (const n of this.selfAttrs(cls, name)) {
      const p = this.parent(n);
      if (p?.type === 'pattern_list' || p?.type === 'tuple_pattern' || p?.type === 'augmented_assignment') { count = 2; break; }
      if (p?.type !== 'assignment' || !this.is(p, 'left', n)) continue;
      const def = this.enclosingDef(p);
      const fname = def?.type === 'function_definition' ? this.field(def, 'name') : null;
      const right = this.field(p, 'right');
      if (++count > 1 || !def || !fname || this.text(fname) !== '__init__' || !right) { count = 2; break; }
      const lit = literalOf(right, this.h.source);
      if (lit) set = lit;
      else if (right.type === 'identifier' && this.paramNames(def).includes(this.text(right))) set = { def, param: this.text(right) };
    }
    if (count !== 1) set = null;
    this.settings.set(key, set);
    return set;
  }

  /** What the parameter `name` of `def` holds, by the last call of it the path went through; null if `def` has no such parameter. */
  private passedValue(def: Node, name: string, calls: readonly Passed[], depth: number): Operand | null {
    if (name === 'self' || name === 'cls' || !this.paramNames(def).includes(name)) return null;
    // Bound again in the function (`act = act.lower()`): not what the call passed.
    const body = this.field(def, 'body');
    if (body && this.lastAssignment(name, body.startIndex, body.endIndex, body.endIndex) !== null) return 'unknown';
    let passed: Passed | undefined;
    for (let i = calls.length - 1; i >= 0 && !passed; i--) if (calls[i]!.def.id === def.id) passed = calls[i];
    if (!passed) return depth === 0 ? this.constructedWith(def, name) : 'pending';
    const args = this.field(passed.call, 'arguments');
    if (!args || args.type !== 'argument_list') return 'unknown';
    if (this.givesUnnamed(passed.call)) return 'unknown';
    // A @staticmethod called on an instance is not passed `self`.
    const a = this.argumentFor(def, passed.call, name, passed.method && !this.isStatic(def));
    if (!a) {
      // Not passed: the default (a literal or a constant of the module; anything else is not read here).
      const d = this.parameterDefault(def, name);
      return (d && (literalOf(d, this.h.source) ?? this.constantValue(d))) || 'unknown';
    }
    const lit = literalOf(a, this.h.source);
    if (lit) return lit;
    if (a.type !== 'identifier') return 'unknown';
    // Handed on from a parameter of the caller (`make_activation(out_act)` in `__init__(self, out_act="none")`).
    const outer = depth < 8 ? this.defOf(passed.call) : null;
    const v = (outer && this.passedValue(outer, this.text(a), calls, depth + 1)) || this.constantValue(a) || 'unknown';
    // from an `__init__` the path has not come out of (a helper building the layer: `act_func(activation)`):
    // the literal every construction of the class gives it, where they agree; else when the path reaches one
    if (v === 'pending' && outer) {
      const built = this.siteLiteral(outer, this.text(a), 0);
      if (built) return built;
    }
    return v;
  }

  /**
   * A parameter of a module-level class's `__init__` the path did not enter by a call (it left
   * through a `self.` attribute the constructor set, `if training: self.net = …` read in another
   * method): the literal every construction of the class in the file gives it (or its default);
   * 'pending' where the file builds none, 'unknown' where they differ or say no literal.
   */
  private constructedWith(def: Node, name: string): Operand {
    const body = this.field(def, 'body');
    const fn = body ? this.h.scopes.of(body) : null;
    const cls = fn?.kind === 'function' && fn.name === '__init__' ? fn.parent : null;
    if (cls?.kind !== 'class' || cls.parent?.kind !== 'module') return 'pending';
    const sites = this.callSites(cls.name, cls.node);
    if (sites.length === 0) return 'pending';
    let found: Operand | null = null;
    for (const c of sites) {
      if (this.givesUnnamed(c)) return 'unknown';
      const a = this.argumentFor(def, c, name, true);
      const d = a ? null : this.parameterDefault(def, name);
      const v = a ? literalOf(a, this.h.source) ?? this.constantValue(a) : d && (literalOf(d, this.h.source) ?? this.constantValue(d));
      if (!v || typeof v !== 'object') return 'unknown';
      if (found && typeof found === 'object' && found.value !== v.value) return 'unknown';
      found = v;
    }
    return found ?? 'unknown';
  }

  /**
   * The literal every call of `def` in the file gives its parameter `name` (a module-level
   * function's calls, or a module-level class's constructions for its `__init__`), following a
   * parameter handed on from the caller's own parameters (`conv_block(3, 16, kind)` in
   * `Encoder.__init__(self, kind="leaky")`, built as `Encoder(kind="Sigmoid")`); null where the
   * calls differ, give no literal, or there are none.
   */
  private siteLiteral(def: Node, name: string, depth: number): { value: PyValue } | null {
    if (depth > 4 || name === 'self' || name === 'cls' || !this.paramNames(def).includes(name)) return null;
    const body = this.field(def, 'body');
    if (body && this.lastAssignment(name, body.startIndex, body.endIndex, body.endIndex) !== null) return null;
    const fn = body ? this.h.scopes.of(body) : null;
    if (fn?.kind !== 'function') return null;
    const cls = fn.name === '__init__' && fn.parent?.kind === 'class' && fn.parent.parent?.kind === 'module' ? fn.parent : null;
    if (!cls && fn.parent?.kind !== 'module') return null;
    const sites = cls ? this.callSites(cls.name, cls.node) : this.callSites(fn.name, def);
    if (sites.length === 0 || sites.length > 16) return null;
    let found: { value: PyValue } | null = null;
    for (const c of sites) {
      if (this.givesUnnamed(c)) return null;
      const a = this.argumentFor(def, c, name, !!cls);
      let v: { value: PyValue } | null;
      if (!a) {
        const d = this.parameterDefault(def, name);
        v = d ? literalOf(d, this.h.source) ?? this.constantValue(d) : null;
      } else {
        v = literalOf(a, this.h.source) ?? this.constantValue(a);
        const outer = !v && a.type === 'identifier' ? this.defOf(c) : null;
        if (outer) v = this.siteLiteral(outer, this.text(a), depth + 1);
      }
      if (!v || (found && found.value !== v.value)) return null;
      found = v;
    }
    return found;
  }

  /** A name the module binds once, to a literal (`USE_PROBS = False`), read where no local of that name hides it. */
  private constantValue(id: Node): { value: boolean | number | string | null } | null {
    if (id.type !== 'identifier') return null;
    const name = this.text(id);
    if (this.bindsLocally(id, name)) return null;
    const binds = this.moduleBindings(name);
    if (binds.length !== 1 || binds[0]!.id !== -1) return null;
    const right = this.lastAssignment(name, 0, this.h.source.length, this.h.source.length, true);
    return right ? literalOf(right, this.h.source) : null;
  }

  private isStatic(def: Node): boolean {
    const p = this.parent(def);
    return p?.type === 'decorated_definition' && /@\s*staticmethod\b/.test(this.h.source.slice(p.startIndex, def.startIndex));
  }

  /** The branches on parameters of the function holding `node` that `node` is under (its if, elif, else, conditional expression, or after an `if …: return`). */
  private termsAt(node: Node): Term[] {
    let out = this.termsMemo.get(node.id);
    if (out) {
      if (this.rec) this.touchAt(node.startIndex);
      return out;
    }
    this.termsMemo.set(node.id, (out = this.findTerms(node)));
    return out;
  }

  private readonly termsMemo = new Map<number, Term[]>();
  /** The `if …: return` statements of each block that has any (by block id). */
  private readonly earlyReturns = new Map<number, Node[]>();

  private findTerms(node: Node): Term[] {
    const def = this.defOf(node);
    const out: Term[] = [];
    if (!def) return out;
    const add = (test: Node | null, want: boolean, from: number, to: number, choice: Node) => {
      if (test && this.readsChoice(test, def)) out.push({ def, test, want, from, to, choice });
    };
    let cur = node;
    for (let p = this.parent(cur), i = 0; p && p.id !== def.id && i < 64; cur = p, p = this.parent(p), i++) {
      switch (p.type) {
        case 'if_statement': {
          const test = this.field(p, 'condition');
          if (test?.id === cur.id) break;
          // `if name == 'fm': return FM(d)` `else: raise ValueError(name)`: the other arms raise, so
          // where the value goes on, this arm ran; the test chooses nothing
          if (this.othersRaise(p, cur)) break;
          if (cur.type === 'elif_clause' || cur.type === 'else_clause') {
            add(test, false, cur.startIndex, cur.endIndex, p);
            for (const c of p.namedChildren) if (c?.type === 'elif_clause' && c.startIndex < cur.startIndex) add(this.field(c, 'condition'), false, cur.startIndex, cur.endIndex, p);
          } else add(test, true, cur.startIndex, cur.endIndex, p);
          break;
        }
        case 'elif_clause': {
          const test = this.field(p, 'condition');
          if (test?.id !== cur.id) add(test, true, cur.startIndex, cur.endIndex, this.parent(p) ?? p);
          break;
        }
        case 'conditional_expression': {
          const test = p.namedChild(1);
          if (test?.id !== cur.id) add(test, p.namedChild(0)?.id === cur.id, cur.startIndex, cur.endIndex, p);
          break;
        }
        case 'block': {
          // After `if flag: return …` in the same block: reached only when the flag is false.
          let early = this.earlyReturns.get(p.id);
          if (!early) {
            early = [];
            for (const s of p.namedChildren) if (s?.type === 'if_statement' && !this.field(s, 'alternative') && endsInReturn(this.field(s, 'consequence'))) early.push(s);
            this.earlyReturns.set(p.id, early);
          }
          for (const s of early) if (s.endIndex <= cur.startIndex) add(this.field(s, 'condition'), false, s.endIndex, p.endIndex, s);
          break;
        }
      }
    }
    return out;
  }

  /**
   * The arms of an if statement in order: each one's clause (the consequence block itself for the
   * first, then the `elif`/`else` clauses, as a child of the statement) and its body; `otherwise`
   * when an `else` is among them.
   */
  private ifArms(ifs: Node): { arms: Array<{ clause: Node | null; body: Node | null }>; otherwise: boolean } {
    const first = this.field(ifs, 'consequence');
    const arms = [{ clause: first, body: first }];
    let otherwise = false;
    for (const k of ifs.namedChildren) {
      if (k?.type === 'elif_clause') arms.push({ clause: k, body: this.field(k, 'consequence') });
      else if (k?.type === 'else_clause') { arms.push({ clause: k, body: this.field(k, 'body') }); otherwise = true; }
    }
    return { arms, otherwise };
  }

  /** Does every arm of the if statement but the one holding `arm` (a child of it) end in `raise`, an `else` among them? */
  private othersRaise(ifs: Node, arm: Node): boolean {
    const { arms, otherwise } = this.ifArms(ifs);
    const others = arms.filter((a) => a.clause?.id !== arm.id);
    return otherwise && others.length > 0 && others.every((a) => endsInRaise(a.body));
  }

  /**
   * Is `choice` (an if statement or a conditional expression of `def`, a module-level function) a
   * model factory's choice of what to build: every arm returns a construction (a class of the
   * file, a PyTorch module class, an imported callable: `if name == 'gru': return GRUNet()` `elif
   * name == 'lstm': return LSTMNet(h)`) or raises, `else` included or after the if? Whichever arm
   * a run takes, its caller trains what that arm built: a value of one arm reaches the caller's
   * loss whenever that arm is chosen, so which one the argument picks need not be known. A
   * function of the file called in an arm, or a PyTorch function (`F.softmax(x)`), is no construction.
   */
  private factoryChoice(choice: Node, def: Node): boolean {
    this.touch(def);
    let known = this.factoryChoices.get(choice.id);
    if (known === undefined) this.factoryChoices.set(choice.id, (known = this.isFactoryChoice(choice, def)));
    return known;
  }

  private readonly factoryChoices = new Map<number, boolean>();

  private isFactoryChoice(choice: Node, def: Node): boolean {
    const holder = this.parent(def);
    const top = holder?.type === 'decorated_definition' ? this.parent(holder) : holder;
    if (top?.type !== 'module') return false;
    if (choice.type === 'conditional_expression') {
      return this.parent(choice)?.type === 'return_statement' && this.constructs(choice.namedChild(0)) && this.constructs(choice.namedChild(2));
    }
    if (choice.type !== 'if_statement') return false;
    const { arms, otherwise } = this.ifArms(choice);
    const last = (stmts: ReadonlyArray<Node | null>): Node | undefined => stmts.filter((c): c is Node => !!c && c.type !== 'comment').pop();
    const ends = arms.map((a) => last(a.body?.namedChildren ?? []));
    if (!otherwise) {
      // no else: the statements after the if are the last arm (`raise ValueError(name)`)
      const block = this.parent(choice);
      if (block?.type !== 'block') return false;
      ends.push(last(block.namedChildren.filter((k) => !!k && k.startIndex >= choice.endIndex)));
    }
    // or every arm binds one name to what it builds (`net = Small(n)` … `else: raise`), returned after the if
    let bound: string | null = null;
    let built = 0;
    for (const e of ends) {
      if (e?.type === 'raise_statement' || (e && this.exits(e))) continue;
      if (e?.type === 'return_statement' && this.constructs(e.namedChild(0))) { built++; continue; }
      const a = e?.type === 'expression_statement' ? e.namedChild(0) : null;
      const left = a?.type === 'assignment' ? this.field(a, 'left') : null;
      if (!otherwise || left?.type !== 'identifier' || !this.constructs(this.field(a!, 'right')) || (bound !== null && bound !== this.text(left))) return false;
      bound = this.text(left);
      built++;
    }
    return built > 0;
  }

  /**
   * The branches `terms` as another file can read them with its call's arguments (OutputEnd.arms),
   * or null where one reads what no call of the model's maker gives (a forward's own argument, a
   * parameter bound again). `origin`: the activation, whose calls in every arm make a branch agree.
   */
  private armsAt(terms: readonly Term[], origin?: Node): ArmTest[] | null {
    const out: ArmTest[] = [];
    const sig = this.sig;
    this.sig = origin ? this.sigOf(origin) : null;
    try {
      for (const t of terms) {
        this.armOwner = undefined;
        const test = this.armExprOf(t.test, t.def, 0);
        const owner = this.armOwner;
        if (!test || typeof owner !== 'string') return null;
        const arm: ArmTest = { owner, test, want: t.want };
        if (this.factoryChoice(t.choice, t.def) || this.armsAgree(t)) arm.agree = true;
        out.push(arm);
      }
    } finally {
      this.sig = sig;
    }
    return out;
  }

  /** The maker whose parameters the test being written down reads (armParam); null once two differ. */
  private armOwner: string | null | undefined;

  private armExprOf(n: Node | null, def: Node, depth: number): ArmExpr | null {
    if (!n || depth > 16) return null;
    switch (n.type) {
      case 'parenthesized_expression':
        return this.armExprOf(n.namedChild(0), def, depth + 1);
      case 'not_operator': {
        const a = this.armExprOf(this.field(n, 'argument'), def, depth + 1);
        return a && { k: 'not', a };
      }
      case 'boolean_operator': {
        const op = this.field(n, 'operator');
        const o = op ? this.text(op) : '';
        const a = this.armExprOf(this.field(n, 'left'), def, depth + 1);
        const b = a && this.armExprOf(this.field(n, 'right'), def, depth + 1);
        return a && b && (o === 'and' || o === 'or') ? { k: o, a, b } : null;
      }
      case 'comparison_operator': {
        const operands = n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
        if (operands.length !== 2) return null;
        const [left, right] = operands as [Node, Node];
        const op = this.h.source.slice(left.endIndex, right.startIndex).trim().replace(/\s+/g, ' ');
        const a = this.armOperand(left, def);
        if (!a) return null;
        if ((op === 'in' || op === 'not in') && (right.type === 'tuple' || right.type === 'list' || right.type === 'set')) {
          const list: PyValue[] = [];
          for (const c of right.namedChildren) {
            if (!c || c.type === 'comment') continue;
            const lit = literalOf(c, this.h.source);
            if (!lit) return null;
            list.push(lit.value);
          }
          return { k: 'cmp', op, a, b: { list } };
        }
        const b = this.armOperand(right, def);
        return b && { k: 'cmp', op, a, b };
      }
      default: {
        const a = this.armOperand(n, def);
        return a && { k: 'truthy', a };
      }
    }
  }

  /** A literal, a parameter of `def` a building call gives, or a `self.X` __init__ set from one (or to a literal). */
  private armOperand(n: Node, def: Node): ArmExpr | null {
    const lit = literalOf(n, this.h.source);
    if (lit) return { k: 'lit', v: lit.value };
    if (n.type === 'identifier') return this.armParam(def, this.text(n));
    // `name.lower()`: the parameter as the str method makes it
    if (n.type === 'call' && this.field(n, 'arguments')?.namedChildCount === 0) {
      const fn = this.field(n, 'function');
      const obj = fn?.type === 'attribute' ? this.field(fn, 'object') : null;
      const m = fn?.type === 'attribute' ? this.member(fn) : null;
      if (obj?.type !== 'identifier' || !m || !STRING_FOLDS.has(m)) return null;
      const p = this.armParam(def, this.text(obj));
      return p?.k === 'param' ? { ...p, fold: m as StringFold } : null;
    }
    if (n.type !== 'attribute' && n.type !== 'subscript') return null;
    const set = n.type === 'attribute' ? this.selfSetting(n) : null;
    if (set) return 'value' in set ? { k: 'lit', v: set.value } : this.armParam(set.def, set.param);
    // `args.model`, `cfg["arch"]`, `config.model.name` of a parameter: read at run time
    let root: Node | null = n;
    for (let i = 0; root && (root.type === 'attribute' || root.type === 'subscript') && i < 8; i++) root = this.field(root, root.type === 'attribute' ? 'object' : 'value');
    if (root?.type !== 'identifier') return null;
    if (this.armParam(def, this.text(root))) return { k: 'unknown' };
    // `ModelType.LENET_5`, `cfg.MODELS.MLP` of a name the function does not bind: a constant no
    // literal of a call can be compared with (a call gives such an argument as a value read at run time)
    const base = this.text(root);
    return n.type === 'attribute' && base !== 'self' && base !== 'cls' && !this.paramNames(def).includes(base) ? { k: 'unknown' } : null;
  }

  /** Parameter `name` of `def` as a building call gives it: a module-level function's, or a module-level class's `__init__`'s. */
  private armParam(def: Node, name: string): ArmExpr | null {
    if (name === 'self' || name === 'cls') return null;
    const names = this.paramNames(def);
    const at = names.indexOf(name);
    if (at < 0) return null;
    const body = this.field(def, 'body');
    if (body && this.lastAssignment(name, body.startIndex, body.endIndex, body.endIndex) !== null) return null;
    const holder = this.parent(def)?.type === 'decorated_definition' ? this.parent(this.parent(def)!) : this.parent(def);
    let index = at;
    const nameNode = this.field(def, 'name');
    let owner = nameNode ? this.text(nameNode) : '';
    if (holder?.type !== 'module') {
      const scope = this.h.scopes.of(def);
      const cls = this.classOf(scope);
      if (!cls || cls.parent?.kind !== 'module' || owner !== '__init__' || this.isStatic(def)) return null;
      owner = cls.name;
      index = at - 1;
    }
    if (!owner || (this.armOwner !== undefined && this.armOwner !== owner)) { this.armOwner = null; return null; }
    this.armOwner = owner;
    // after a `*args`: given by keyword only
    if (names.slice(0, at).includes('*')) index = Number.MAX_SAFE_INTEGER;
    const d = this.parameterDefault(def, name);
    const dflt = d ? literalOf(d, this.h.source) ?? this.constantValue(d) : null;
    return { k: 'param', name, index, dflt };
  }

  /**
   * The path's state past `call`, a construction of `owner` in this file: the branches on its
   * arguments (St.arms) are decided by what the call gives. Taken (or agreeing): done with. Not
   * taken, or not known: no end for other files down this construction (what this file's losses
   * say of it is the conditional reading's to judge).
   */
  private armsBuilt(st: St, owner: string, call: Node): St {
    if (!st.arms?.some((a) => a.owner === owner)) return st;
    const args = this.callArgs(call);
    const rest = st.arms.filter((a) => a.owner !== owner);
    const taken = callTakes(st.arms.filter((a) => a.owner === owner), args);
    const out: St = { ...st, arms: rest.length ? rest : undefined };
    if (!taken) out.noEnd = true;
    return out;
  }

  /** The value is a sigmoid's, softmax's or log-softmax's as it is (no layer since): what a model's output head returns, not a building block. */
  private headActivation(st: St): boolean {
    if (st.layer || !st.origin) return false;
    const sig = this.sigOf(st.origin);
    if (!sig) return false;
    const r = sig.startsWith('.') ? null : resolvePath(sig);
    const spec = sig.startsWith('.') ? lookupSpelling('tensorMethod', sig.slice(1)) : r?.what === 'activation' ? r.spec : undefined;
    return !!spec && isHeadActivation(spec);
  }

  /** `exit('unknown model')`, `sys.exit(1)`, `quit()`: a statement that ends the program, as a raise does. */
  private exits(stmt: Node): boolean {
    const c = stmt.type === 'expression_statement' ? stmt.namedChild(0) : null;
    const fn = c?.type === 'call' ? this.field(c, 'function') : null;
    return !!fn && /^(?:exit|quit|sys\.exit|os\._exit)$/.test(this.text(fn));
  }

  /** Is `v` a call building an object (see factoryChoice), `.to(device)` and the like after it or not? */
  private constructs(v: Node | null): boolean {
    for (let i = 0; v?.type === 'call' && i < 4; i++) {
      const fn = this.field(v, 'function');
      if (!fn) return false;
      const member = fn.type === 'attribute' ? this.member(fn) : null;
      if (member && MODULE_SELF_METHODS.has(member) && this.field(fn, 'object')?.type === 'call') { v = this.field(fn, 'object'); continue; }
      const path = this.h.torchPath(fn);
      if (path) return /^torch\.nn\.(?:modules\.[\w.]+\.)?[A-Z]\w*$/.test(path);
      if (fn.type === 'identifier') return this.moduleDef(this.text(fn), 'function_definition') === null;
      return fn.type === 'attribute';
    }
    return false;
  }

  /** Does every arm of the branch's if (or conditional expression) call the activation followed? Then which arm runs does not matter. */
  private armsAgree(t: Term): boolean {
    const sig = this.sig;
    if (!sig) return false;
    const c = t.choice;
    const arms: Node[][] = [];
    if (c.type === 'conditional_expression') {
      const a = c.namedChild(0);
      const b = c.namedChild(2);
      if (!a || !b) return false;
      arms.push([a], [b]);
    } else {
      const read = this.ifArms(c);
      if (!read.arms[0]?.body) return false;
      for (const a of read.arms) if (a.body) arms.push([a.body]);
      let otherwise = read.arms.some((a) => a.clause?.type === 'else_clause' && a.body);
      // No else, but every arm binds the same name or attribute, unbound before the if (`if size < 64:
      // self.main = …` `elif size >= 64: self.main = …`): where that is read, one of the arms ran.
      if (!otherwise && this.bindsInEveryArm(c, arms.map((a) => a[0]!))) otherwise = true;
      if (!otherwise) {
        // No else: the code after the if is the other arm, if every arm before it returns.
        const block = this.parent(c);
        if (!block || block.type !== 'block' || arms.some((a) => !endsInReturn(a[0]!))) return false;
        const rest = block.namedChildren.filter((k): k is Node => !!k && k.startIndex >= c.endIndex);
        if (rest.length === 0) return false;
        arms.push(rest);
      }
    }
    return arms.every((arm) => arm.some((n) => this.sigOf(n) === sig || n.descendantsOfType('call').some((k) => !!k && this.sigOf(k) === sig)));
  }

  /**
   * Does every arm (a block) of the if statement `c` assign one same target (`self.main`, `head`)
   * that nothing in the blocks around it assigned before the if? A read of that target after it then
   * follows one of the arms, as if the last were an else.
   */
  private bindsInEveryArm(c: Node, arms: readonly Node[]): boolean {
    if (c.type !== 'if_statement' || arms.length < 2) return false;
    // the names and attributes the statements assign (`x = …`, `self.main = …`)
    const targets = (stmts: ReadonlyArray<Node | null>): Set<string> => {
      const out = new Set<string>();
      for (const st of stmts) {
        const a = st?.type === 'expression_statement' ? st.namedChild(0) : null;
        const left = a?.type === 'assignment' ? this.field(a, 'left') : null;
        if (left && (left.type === 'identifier' || left.type === 'attribute')) out.add(this.text(left));
      }
      return out;
    };
    let common = targets(arms[0]!.namedChildren);
    for (const arm of arms.slice(1)) { const t = targets(arm.namedChildren); common = new Set([...common].filter((x) => t.has(x))); }
    if (!common.size) return false;
    // bound before the if, in its block or a block around it in the same function: that is the other arm
    for (let inner: Node = c, block = this.parent(c); block; inner = block, block = this.parent(block)) {
      if (block.type === 'block' || block.type === 'module') for (const t of targets(block.namedChildren.filter((st) => !!st && st.startIndex < inner.startIndex))) common.delete(t);
      if (block.type === 'function_definition' || block.type === 'class_definition' || block.type === 'module') break;
    }
    return common.size > 0;
  }

  /**
   * The calls of the module-level `name` that call this definition of it, read conditionally: a
   * name defined again (a notebook's second `class Net`) is the later one where that one is bound
   * (in a function: the last of the module). Null when none is this one and it is bound again.
   */
  private liveSites(name: string, def: Node, st: St, f: Facts): Node[] | null {
    const sites = this.callSites(name, def);
    if (!st.cond) {
      if (!f.branchy && this.definedAgain(name)) f.branchy = true;
      return sites;
    }
    const binds = this.moduleBindings(name);
    if (binds.length < 2) return sites;
    const last = binds[binds.length - 1]!;
    const live = sites.filter((s) => {
      if (this.runsLater(this.h.scopes.of(s))) return last.id === def.id;
      let at: { at: number; id: number } | undefined;
      for (const b of binds) if (b.at < s.startIndex) at = b;
      return at?.id === def.id;
    });
    return live.length === 0 && last.id !== def.id ? null : live;
  }

  private readonly againMemo = new Map<string, boolean>();
  /**
   * Is `name` defined by more than one `def` or `class` line (a notebook's second `class Net`)? Read
   * from the text alone (no step spent): whether a conditional reading is worth its walk.
   */
  private definedAgain(name: string): boolean {
    this.rec?.word(name, 0, this.h.source.length);
    let again = this.againMemo.get(name);
    if (again !== undefined) return again;
    const src = this.h.source;
    let defs = 0;
    for (const i of (this.words ??= this.h.wordIndex()).get(name)) {
      const line = src.lastIndexOf('\n', i - 1) + 1;
      if (/^[ \t]*(?:async[ \t]+)?(?:def|class)[ \t]+$/.test(src.slice(line, i)) && ++defs > 1) break;
    }
    this.againMemo.set(name, (again = defs > 1));
    return again;
  }

  /** The walk stands on `node`: its function is one the walk stood in (Facts.fns). */
  private standsIn(node: Node, f: Facts): void {
    const fn = this.functionScope(this.h.scopes.of(node));
    if (fn.kind === 'function') stoodIn(f, fn);
  }

  private readonly choosing = new Map<number, boolean>();
  /**
   * Has the function `fn` an `if` (or a conditional expression) whose condition reads
   * one of its parameters, or a `self.` flag? Asked only of a walk that claims a loss, once per
   * function, from its text first (no step spent): a walk that never stood in one has nothing a
   * conditional reading would read differently.
   */
  private choosesIn(fn: Scope): boolean {
    let r = this.choosing.get(fn.id);
    if (r === undefined) this.choosing.set(fn.id, (r = this.choosesByArgument(fn.node)));
    return r;
  }

  private choosesByArgument(def: Node): boolean {
    const src = this.h.source;
    const end = Math.min(def.endIndex, src.length);
    for (let i = src.indexOf('if', def.startIndex); i >= 0 && i < end; i = src.indexOf('if', i + 2)) {
      if (isIdentPartAt(src, i + 2) || (isIdentPartAt(src, i - 1) && !src.startsWith('elif', i - 2)) || isDotAt(src, prevNonSpace(src, i))) continue;
      const start = src.startsWith('elif', i - 2) ? i - 2 : i;
      const kw = this.h.scopes.nodeAt(start, start + (start < i ? 4 : 2));
      const p = kw ? this.h.scopes.parentOf(kw) ?? kw : null;
      const holder = p && (p.type === 'if_statement' || p.type === 'elif_clause' || p.type === 'conditional_expression') ? p : kw?.type === 'if_statement' || kw?.type === 'elif_clause' || kw?.type === 'conditional_expression' ? kw : null;
      if (!holder) continue;
      const cond = holder.type === 'conditional_expression' ? holder.namedChild(1) : this.field(holder, 'condition');
      if (!cond) continue;
      if (this.text(cond).includes('self.') || this.readsParameter(cond, this.defOf(cond) ?? def)) return true;
    }
    return false;
  }

  private readonly bindings = new Map<string, Memo<Array<{ at: number; id: number }>>>();
  /** Where the module's code binds `name` (a def or class: its node's id; an assignment: -1), in order. */
  private moduleBindings(name: string): Array<{ at: number; id: number }> {
    const known = this.bindings.get(name);
    if (known) return this.hit(known);
    const m = this.memoised(() => {
      const out: Array<{ at: number; id: number }> = [];
      for (const n of this.names(name, 0, this.h.source.length)) {
        const p = this.parent(n);
        if (!p) continue;
        if ((p.type === 'class_definition' || p.type === 'function_definition') && this.is(p, 'name', n)) {
          const where = this.h.scopes.enclosing(p);
          if (this.functionScope(where).kind === 'module' && !this.classOf(where)) out.push({ at: p.startIndex, id: p.id });
        } else if (this.assignedTo(n)) {
          const where = this.h.scopes.of(n);
          if (this.functionScope(where).kind === 'module' && !this.classOf(where)) out.push({ at: n.startIndex, id: -1 });
        }
      }
      return out;
    });
    this.bindings.set(name, m);
    return m.value;
  }

  /**
   * Is the module-level definition `def` the only binding of `name` at the module's level (no other
   * class, def, assignment or import of it, also under if/try)? Else the name another file imports
   * may be another object (`try: from fast_impl import Net`), and this one gives no end.
   */
  private onlyModuleBinding(name: string, def: Node): boolean {
    for (const n of this.names(name, 0, this.h.source.length)) {
      if (n.startIndex >= def.startIndex && n.startIndex < def.endIndex) continue;
      const p = this.parent(n);
      if (!p) continue;
      const isDef = (p.type === 'class_definition' || p.type === 'function_definition') && this.is(p, 'name', n);
      const where = this.h.scopes.of(isDef ? this.parent(p) ?? p : n);
      if (this.functionScope(where).kind !== 'module' || this.classOf(where)) continue;
      if (isDef || this.assignedTo(n)) return false;
      const stmt = p.type === 'aliased_import' ? this.parent(p) : p.type === 'dotted_name' ? this.parent(p) : null;
      const from = stmt?.type === 'aliased_import' ? this.parent(stmt) : stmt;
      if ((from?.type === 'import_from_statement' || from?.type === 'import_statement') && this.field(from, 'module_name')?.id !== (p.type === 'dotted_name' ? p.id : -1)) return false;
    }
    return true;
  }

  private bindsLocally(n: Node, name: string): boolean {
    const fn = this.functionScope(this.h.scopes.of(n));
    if (fn.kind !== 'function') return false;
    if (this.paramNames(fn.node).includes(name)) return true;
    return this.lastAssignment(name, fn.start, fn.end, fn.end) !== null;
  }

  private functionScope(scope: Scope): Scope {
    let s: Scope | null = scope;
    while (s && s.kind !== 'function' && s.kind !== 'module') s = s.parent;
    return s ?? this.h.scopes.module;
  }

  /** Where the text has each word not after a dot, sorted: found in one pass on first need. */
  private words: WordIndex | undefined;
  /** The identifier node at an offset, as the tree confirms it (null: a string, a comment, a member; UNASKED: looked at, not asked). */
  private readonly idAt = new Map<number, Node | null | typeof UNASKED>();

  /**
   * Identifiers `name` (not after a dot) in [from, to), as the tree confirms them (at most 400 looked
   * at per call). With `wanted`, only those whose text passes it: the others are never asked of the
   * tree, yet cost the step they would have and count as stood on (their statement is read).
   */
  private *names(name: string, from: number, to: number, wanted?: (at: number) => boolean): Generator<Node> {
    const src = this.h.source;
    const at = (this.words ??= this.h.wordIndex()).get(name);
    if (this.rec) {
      this.rec.word(name, from, to);
      // A list cut at its cap differs between versions in what it left out.
      if (at.length >= WORD_CAP) this.rec.tainted = true;
    }
    let lo = 0;
    let hi = at.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (at[mid]! < from) lo = mid + 1; else hi = mid; }
    const end = Math.min(to, src.length);
    for (let k = lo, seen = 0; k < at.length && at[k]! < end && seen < 400; k++, seen++) {
      const i = at[k]!;
      let id = this.idAt.get(i);
      // following an imported name's instances, every name looked at is a step (FEED_STEPS)
      if (id === undefined || this.feeding) this.tick();
      else if (this.rec) this.rec.cost++; // the step it would have cost unmemoised
      if (wanted && !wanted(i)) {
        if (id === undefined) this.idAt.set(i, UNASKED);
        if (id !== null) this.touchAt(i);
        continue;
      }
      if (id === undefined || id === UNASKED) {
        const n = this.h.scopes.nodeAt(i, i + name.length);
        id = n?.type === 'identifier' && n.startIndex === i && n.endIndex === i + name.length ? n : null;
        this.idAt.set(i, id);
      }
      if (id) { this.touch(id); yield id; }
    }
  }

  /** `self.<attr>` attribute nodes in the class. */
  private *selfAttrs(cls: Scope, attr: string): Generator<Node> {
    this.touch(cls.node);
    const src = this.h.source;
    const end = Math.min(cls.end, src.length);
    let seen = 0;
    for (let i = src.indexOf(attr, cls.start); i >= 0 && i < end && seen < 200; i = src.indexOf(attr, i + attr.length)) {
      if (isIdentPartAt(src, i - 1) || isIdentPartAt(src, i + attr.length)) continue;
      const dot = prevNonSpace(src, i);
      if (!isDotAt(src, dot)) continue;
      const objEnd = prevNonSpace(src, dot) + 1;
      if (src.slice(objEnd - 4, objEnd) !== 'self' || isIdentPartAt(src, objEnd - 5)) continue;
      seen++;
      this.tick();
      let node = this.attrAt.get(i);
      if (node === undefined) {
        const n = this.h.scopes.nodeAt(objEnd - 4, i + attr.length);
        this.attrAt.set(i, (node = n?.type === 'attribute' && n.startIndex === objEnd - 4 && n.endIndex === i + attr.length ? n : null));
      }
      if (node) { this.touch(node); yield node; }
    }
  }

  /** The `self.<attr>` node whose member starts at an offset, as the tree confirms it (the flow asks about the same ones again and again). */
  private readonly attrAt = new Map<number, Node | null>();

  private isAssignedTo(n: Node): boolean {
    const p = this.parent(n);
    return (p?.type === 'assignment' || p?.type === 'augmented_assignment') && this.is(p, 'left', n);
  }

  private isRead(n: Node): boolean {
    return nameRole(n, this.parentFn, this.fieldFn, this.isFn).kind === 'reference';
  }

  /** Calls `self.<name>(…)` in the class. */
  private selfCalls(cls: Scope, name: string): Node[] {
    const out: Node[] = [];
    for (const a of this.selfAttrs(cls, name)) {
      const c = this.parent(a);
      if (c?.type === 'call' && this.is(c, 'function', a)) out.push(c);
    }
    return out;
  }

  /** Calls `inst.<name>(…)` outside the class on an instance of it the file builds (`model = Policy()`, handed on as an argument). */
  private instanceCalls(cls: Scope, name: string): Node[] {
    const out: Node[] = [];
    for (const [call, owner] of this.methodCalls(name)) {
      if (owner === cls.node.id && (call.startIndex < cls.start || call.startIndex >= cls.end)) out.push(call);
    }
    return out.slice(0, 16);
  }

  private readonly byMethod = new Map<string, Memo<Array<[Node, number]>>>();
  /** Every `x.<name>(…)` call of the file whose `x` holds an instance of a class of the file, with that class's node id. */
  private methodCalls(name: string): Array<[Node, number]> {
    const known = this.byMethod.get(name);
    if (known) return this.hit(known);
    const m = this.memoised(() => this.methodCallsOf(name));
    this.byMethod.set(name, m);
    return m.value;
  }

  private methodCallsOf(name: string): Array<[Node, number]> {
    const src = this.h.source;
    // The occurrences after a dot are not in the word index: the look-up is the word's, over the file.
    this.wordRead(name);
    const at = this.dotCalls().get(name) ?? [];
    const out: Array<[Node, number]> = [];
    const cap = Math.min(at.length, 256);
    for (let k = 0; k < cap; k++) {
      const i = at[k]!;
      this.tick();
      const id = this.h.scopes.nodeAt(i, i + name.length);
      const attr = id ? this.parent(id) : null;
      if (attr?.type !== 'attribute' || this.field(attr, 'attribute')?.id !== id?.id) continue;
      const obj = this.field(attr, 'object');
      const call = this.parent(attr);
      if (obj?.type !== 'identifier' || this.text(obj) === 'self' || call?.type !== 'call' || !this.is(call, 'function', attr)) continue;
      const owner = this.instanceClass(obj, call, { layer: false, calls: [] });
      if (owner) out.push([call, owner.id]);
    }
    // Cut short: another version may find other calls among the ones left.
    if (cap < at.length && this.rec) this.rec.tainted = true;
    return out;
  }

  /** Where the file calls a method by each name (`x.pi(`, the name's offset), found in one pass on first need. */
  private dotCallIndex: Map<string, number[]> | undefined;
  private dotCalls(): Map<string, number[]> {
    if (this.dotCallIndex) return this.dotCallIndex;
    const index = new Map<string, number[]>();
    const re = /\.\s*([\p{L}_][\p{L}\p{N}_]*)\s*\(/gu;
    for (let m = re.exec(this.h.source); m; m = re.exec(this.h.source)) {
      const name = m[1]!;
      let list = index.get(name);
      if (!list) index.set(name, (list = []));
      list.push(m.index + m[0].indexOf(name, 1));
    }
    return (this.dotCallIndex = index);
  }

  private readonly calls = new Map<string, Memo<Node[]>>();
  /** Calls `name(…)` in the file outside the definition `def` (a class's constructions, a function's calls). */
  private callSites(name: string, def: Node): Node[] {
    if (!name) return [];
    const known = this.calls.get(name);
    let all: Node[];
    if (known) all = this.hit(known);
    else {
      const m = this.memoised(() => {
        const found: Node[] = [];
        const src = this.h.source;
        for (const n of this.names(name, 0, src.length, (i) => src.charCodeAt(nextCodeChar(src, i + name.length)) === 40 /* ( */)) {
          const c = this.parent(n);
          if (c?.type === 'call' && this.is(c, 'function', n)) found.push(c);
          if (found.length >= 64) break;
        }
        return found;
      });
      this.calls.set(name, m);
      all = m.value;
    }
    return all.filter((c) => c.startIndex < def.startIndex || c.startIndex >= def.endIndex).slice(0, 32);
  }

  /** A module-level `def name` or `class name` (the last one written). */
  private moduleDef(name: string, type: 'function_definition' | 'class_definition'): Node | null {
    const key = `${type}:${name}`;
    const known = this.defs.get(key);
    if (known) return this.hit(known);
    const m = this.memoised(() => this.findModuleDef(name, type));
    this.defs.set(key, m);
    return m.value;
  }

  private findModuleDef(name: string, type: 'function_definition' | 'class_definition'): Node | null {
    let found: Node | null = null;
    const word = type === 'function_definition' ? 'def' : 'class';
    for (const n of this.names(name, 0, this.h.source.length)) {
      const p = this.parent(n);
      if (p?.type !== type || this.field(p, 'name')?.id !== n.id) continue;
      const scope = this.h.scopes.enclosing(p);
      if (scope.kind === 'module' && this.h.source.startsWith(word, p.startIndex)) found = p;
      else if (scope.kind === 'module') found = p;
    }
    return found;
  }

  /** The function definition around `n` (not a lambda), however deep. */
  private defOf(n: Node): Node | null {
    for (let p = this.parent(n), i = 0; p && i < 256; p = this.parent(p), i++) if (p.type === 'function_definition') return p;
    return null;
  }

  private enclosingDef(n: Node): Node | null {
    for (let p: Node | null = n, i = 0; p && i < 8; p = this.parent(p), i++) if (p.type === 'function_definition' || p.type === 'lambda') return p;
    return null;
  }

  private classOf(scope: Scope): Scope | null {
    for (let s: Scope | null = scope; s; s = s.parent) if (s.kind === 'class') return s;
    return null;
  }

  /**
   * Does `call` run an instance of a model class of the file (`self.critic(s)` with `self.critic =
   * ValueNet(…).to(device)`, `net(x)` with `net = Net()` before): a class with layers of its own?
   */
  callsModelOfFile(call: Node): boolean {
    let fn = this.field(call, 'function');
    // `model.forward(x)`: the model's own call
    if (fn?.type === 'attribute' && this.text(this.field(fn, 'attribute') ?? fn) === 'forward') fn = this.field(fn, 'object');
    if (!fn || (fn.type !== 'identifier' && fn.type !== 'attribute')) return false;
    // `ValueNet(…).to(device)`: the module the construction gave
    let bound = this.unmoved(this.boundValue(fn, call, { layer: false, calls: [] }, 0));
    // `net = net.cuda(1)` (under `if torch.cuda.is_available():` or not): the module the name held before
    for (let i = 0; bound?.type === 'identifier' && i < 4; i++) bound = this.unmoved(this.boundValue(bound, bound, { layer: false, calls: [] }, 0));
    const ctor = bound?.type === 'call' ? this.field(bound, 'function') : null;
    const cls = ctor?.type === 'identifier' ? this.moduleDef(this.text(ctor), 'class_definition') : null;
    if (!cls) return false;
    this.touch(cls); // what the class builds decides: an edit there is read again
    const scope = this.h.scopes.of(cls);
    return scope.kind === 'class' && scope.node.id === cls.id && this.hasLayers(scope);
  }

  /** `ask` with what the flow stands on and looks up recorded into `reads` (a loss's answer kept for the next version). */
  recordingInto<T>(reads: Reads | null, ask: () => T): T {
    const outer = this.rec;
    this.rec = reads;
    try {
      return ask();
    } finally {
      this.rec = outer;
    }
  }

  /** Is the code at `index` a module class's own (a method of a class with a `forward`)? */
  inModelCode(index: number): boolean {
    return this.inModel(this.h.scopes.at(index));
  }

  /**
   * Is the loss module built at `index` applied in a model's own code, where the flow sees what it
   * judges: built in a method (`loss_fct = CrossEntropyLoss()` in a forward), or held as
   * `self.crit = …` in `__init__` and called as `self.crit(…)` in the class? A loss the model only
   * holds for a trainer the file does not have (`self.loss = nn.MSELoss()`) is not.
   */
  lossAppliedInModel(index: number): { applied: boolean; local: boolean } {
    const scope = this.h.scopes.at(index);
    if (!this.inModel(scope)) return { applied: false, local: true };
    const fn = this.functionScope(scope);
    if (fn.kind !== 'function') return { applied: false, local: true };
    if (fn.name !== '__init__') return { applied: true, local: true };
    const src = this.h.source;
    const held = heldAsSelf(src, index);
    const cls = this.classOf(scope);
    if (!held || !cls) return { applied: false, local: true };
    // The answer reads the rest of the class: not one the next version may take over unread.
    return { applied: callsSelfMember(src, held, cls.start, Math.min(cls.end, src.length)), local: false };
  }

  /** Is the module built at `expr` held as `self.<name> = …` and called as `self.<name>(…)` twice or more in its class? */
  private calledAgain(expr: Node): boolean {
    const src = this.h.source;
    const held = heldAsSelf(src, expr.startIndex);
    const cls = held ? this.classOf(this.h.scopes.at(expr.startIndex)) : null;
    if (cls) return selfMemberCalls(src, held!, cls.start, Math.min(cls.end, src.length), 2) >= 2;
    // `sigmoid = nn.Sigmoid()` … `nn.Sequential(linear1, sigmoid, linear2, sigmoid)`: the name read more than once
    const asg = this.parent(expr);
    const left = asg?.type === 'assignment' && this.is(asg, 'right', expr) ? this.field(asg, 'left') : null;
    if (left?.type !== 'identifier') return false;
    const scope = this.functionScope(this.h.scopes.of(asg!));
    let reads = 0;
    for (const n of this.names(this.text(left), asg!.endIndex, scope.end)) if (this.isRead(n) && ++reads >= 2) return true;
    return false;
  }

  /** Is `scope` code of a module class (one with a `forward`)? */
  private inModel(scope: Scope): boolean {
    const cls = this.classOf(scope);
    if (!cls) return false;
    this.touch(cls.node);
    let r = this.modelClass.get(cls.id);
    if (r === undefined) this.modelClass.set(cls.id, (r = !this.isAutogradFunction(cls) && (this.method(cls.node, 'forward') !== null || (/Module\b/.test(this.superclasses(cls)) && !this.trainsItsModules(cls)))));
    return r;
  }

  /**
   * `class GanModel(nn.Module)` with no forward, whose methods train the modules it holds
   * (`loss = self.DiscLoss(self.Disc(imgs), ones)` … `loss.backward()`), and which no class of the
   * file derives from: a container, a trainer of its modules, not a model whose parts they are
   * (calling it would fail: nn.Module's forward is not implemented). A base class without forward
   * (its subclasses' forward calls what its __init__ builds) stays a model.
   */
  private trainsItsModules(cls: Scope): boolean {
    const bases = this.superclasses(cls).replace(/\s+/g, '');
    if (!/^\((?:torch\.)?(?:nn\.)?Module\)$/.test(bases)) return false;
    const src = this.h.source;
    if (!/\.backward\s*\(/.test(src.slice(cls.start, cls.end))) return false;
    // a method applying an activation itself (`x = F.relu(self.fc1(x))` in a policy's `pi`) computes the network: a model
    for (const [name, def] of this.methodsOf(cls.node)) if (name !== '__init__' && appliedActivation().test(src.slice(def.startIndex, def.endIndex))) return false;
    return !new RegExp(`\\bclass\\s+\\w+\\s*\\([^)]*\\b${cls.name}\\b`).test(src);
  }

  /** `class GradReverse(torch.autograd.Function)`: static forward/backward, used through `.apply`. */
  private isAutogradFunction(cls: Scope): boolean {
    let r = this.autogradClass.get(cls.id);
    if (r === undefined) {
      // A base means torch.autograd.Function only if its last part is written `Function` or it is a
      // name imported as that class: most classes (`nn.Module`) are ruled out by their text.
      const bases = this.field(cls.node, 'superclasses');
      const mayBe = !!bases && (this.text(bases).includes('Function') || (this.functionImported ??= this.h.bindsAny(AUTOGRAD_FUNCTION)));
      this.autogradClass.set(cls.id, (r = mayBe && this.h.roles.positional(bases!).some((b) => AUTOGRAD_FUNCTION.has(this.h.torchPath(b) ?? ''))));
    }
    return r;
  }

  private readonly autogradClass = new Map<number, boolean>();
  /** Some name of the file is bound to torch.autograd.Function itself (`from torch.autograd import Function as F`). */
  private functionImported: boolean | undefined;
  /** Each class's methods by name (the first `def` of each name, as findMethod answers): asked for every `self.<name>(…)` the flow passes. */
  private readonly methodTables = new Map<number, Map<string, Node>>();
  private method(cls: Node, name: string): Node | null {
    return this.methodsOf(cls).get(name) ?? null;
  }

  /** The class's methods by name (the last def of each), read once per class. */
  private methodsOf(cls: Node): ReadonlyMap<string, Node> {
    let table = this.methodTables.get(cls.id);
    if (!table) this.methodTables.set(cls.id, (table = methodTable(cls, this.h.source)));
    return table;
  }

  /** `Cls.apply(x, …)` calls, and calls of a name bound to `Cls.apply` (`grad_reverse = GradReverse.apply`). */
  private applyCalls(cls: Scope): Node[] {
    const out: Node[] = [];
    const src = this.h.source;
    for (const n of this.names(cls.name, 0, src.length)) {
      const a = this.parent(n);
      if (a?.type !== 'attribute' || a.childForFieldName('object')?.id !== n.id || this.text(a.childForFieldName('attribute') ?? a) !== 'apply') continue;
      const p = this.parent(a);
      if (p?.type === 'call' && p.childForFieldName('function')?.id === a.id) out.push(p);
      else if (p?.type === 'assignment' && p.childForFieldName('right')?.id === a.id) {
        const left = p.childForFieldName('left');
        if (left?.type !== 'identifier') continue;
        for (const m of this.names(this.text(left), 0, src.length)) {
          const c = this.parent(m);
          if (c?.type === 'call' && c.childForFieldName('function')?.id === m.id) out.push(c);
        }
      }
      if (out.length >= 32) break;
    }
    return out;
  }

  private paramNames(def: Node): string[] {
    const params = this.field(def, 'parameters');
    const out: string[] = [];
    if (!params) return out;
    for (const p of params.namedChildren) {
      // (a comment between parameters, `device,  # pylint: disable=no-member`, is none)
      if (!p || p.type === 'comment') continue;
      if (p.type === 'identifier') out.push(this.text(p));
      else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') { const n = this.field(p, 'name'); if (n) out.push(this.text(n)); }
      else if (p.type === 'typed_parameter') { const n = p.namedChild(0); if (n?.type === 'identifier') out.push(this.text(n)); }
      else out.push('*');
    }
    return out;
  }

  /** The parameter of `def` an argument of a call fills (`self` skipped for methods). */
  private paramFor(def: Node, arg: Node, method: boolean): string | null {
    const names = this.paramNames(def);
    const list = method ? names.slice(1) : names;
    if (arg.type === 'keyword_argument') {
      const n = this.field(arg, 'name');
      const k = n ? this.text(n) : '';
      return names.includes(k) ? k : null;
    }
    const args = this.parent(arg);
    if (!args) return null;
    let i = 0;
    for (const a of args.namedChildren) {
      if (!a || a.type === 'comment' || a.type === 'keyword_argument') continue;
      // `Parallel(*blocks)` into `def __init__(self, *fns)`: the starred parameter holds them all.
      if (a.type === 'list_splat') return a.id === arg.id && list[i] === '*' ? this.starParam(def) : null;
      if (a.type === 'dictionary_splat') return null;
      if (a.id === arg.id) { const p = list[i]; return p && p !== '*' ? p : null; }
      i++;
    }
    return null;
  }

  /** Which element of a starred parameter a positional argument becomes: `f(a, b)` into `def f(self, *args)` → args[1]. */
  private starSlot(def: Node, arg: Node, method: boolean): { name: string; index: number } | null {
    const list = method ? this.paramNames(def).slice(1) : this.paramNames(def);
    const star = list.indexOf('*');
    const name = star >= 0 ? this.starParam(def) : null;
    const args = this.parent(arg);
    if (!name || !args || arg.type === 'keyword_argument') return null;
    let i = 0;
    for (const a of args.namedChildren) {
      if (!a || a.type === 'comment' || a.type === 'keyword_argument') continue;
      if (a.type === 'list_splat' || a.type === 'dictionary_splat') return null;
      if (a.id === arg.id) return i >= star ? { name, index: i - star } : null;
      i++;
    }
    return null;
  }

  /**
   * The method of a class of the file that `obj.name(…)` calls: `self.name` in a method of that
   * class, a name bound to an instance of it (instanceClass), or an instance built in the call
   * itself (`Trainer().fit(…)`). Null for anything else (a module's function, a library object).
   */
  private methodCalled(fn: Node, call: Node, st: St): Node | null {
    const obj = this.field(fn, 'object');
    const attr = this.field(fn, 'attribute');
    if (!obj || !attr) return null;
    let owner: Node | null = null;
    if (obj.type === 'identifier') {
      owner = this.text(obj) === 'self' ? this.classOf(this.h.scopes.of(call))?.node ?? null : this.instanceClass(obj, call, st);
    } else if (obj.type === 'call') {
      const ctor = this.field(obj, 'function');
      if (ctor?.type === 'identifier') owner = this.moduleDef(this.text(ctor), 'class_definition');
    }
    return owner ? this.method(owner, this.text(attr)) : null;
  }

  /**
   * For `obj.method(…)` where `obj` is an instance the file builds by calling a name it does not
   * define (`local = LocalUpdate(loader)`, or the call itself: `LocalUpdate(loader).train(…)`):
   * that name as written (`LocalUpdate`, `mt.LocalUpdate`) and the method.
   */
  private instanceMade(fn: Node, call: Node, st: St): { ctor: string[]; method: string } | null {
    const obj = this.field(fn, 'object');
    const attr = this.field(fn, 'attribute');
    if (!obj || !attr || (obj.type === 'identifier' && this.text(obj) === 'self')) return null;
    const v = obj.type === 'call' ? obj : obj.type === 'identifier' ? this.boundValue(obj, call, st, 0) : null;
    const ctor = v?.type === 'call' ? this.field(v, 'function') : null;
    if (!ctor || (ctor.type !== 'identifier' && ctor.type !== 'attribute')) return null;
    const parts = dottedParts(ctor, this.h.source);
    if (!parts || (parts.length === 1 && (this.moduleDef(parts[0]!, 'class_definition') || this.moduleDef(parts[0]!, 'function_definition')))) return null;
    return { ctor: parts, method: this.text(attr) };
  }

  /** The file's class an instance variable was built from (`model = BetaVAE(1, 100).to(device)`), if the binding says. */
  private instanceClass(obj: Node, at: Node, st: St): Node | null {
    let v = this.boundValue(obj, at, st, 0);
    for (let i = 0; v && v.type === 'call' && i < 4; i++) {
      const fn = this.field(v, 'function');
      if (fn?.type === 'identifier') return this.moduleDef(this.text(fn), 'class_definition');
      const name = fn?.type === 'attribute' ? this.field(fn, 'attribute') : null;
      if (!fn || !name || !MODULE_SELF_METHODS.has(this.text(name))) return null;
      v = this.field(fn, 'object');
    }
    return null;
  }

  private starParam(def: Node): string | null {
    for (const p of this.field(def, 'parameters')?.namedChildren ?? []) {
      if (p?.type !== 'list_splat_pattern') continue;
      const n = p.namedChild(0);
      return n?.type === 'identifier' ? this.text(n) : null;
    }
    return null;
  }

  /** The argument a call passes for parameter `name` of `def`. */
  private argumentFor(def: Node, call: Node, name: string, method: boolean): Node | null {
    const names = this.paramNames(def);
    const list = method ? names.slice(1) : names;
    const args = this.field(call, 'arguments');
    if (!args) return null;
    let i = 0;
    for (const a of args.namedChildren) {
      if (!a || a.type === 'comment') continue;
      if (a.type === 'keyword_argument') {
        if (this.text(this.field(a, 'name') ?? a) === name) return this.field(a, 'value');
        continue;
      }
      if (list[i] === name) return a;
      i++;
    }
    return null;
  }
}

class Budget extends Error {}

const NO_TERMS: string[] = [];
const termKey = (t: Term) => `${t.test.id}${t.want ? '+' : '-'}`;

/**
 * A conditional reading's maybe-ends (Facts.maybe) whose branches cover every case are ends: a
 * loss joins the losses, the file's loss makes the flow open. True if some stay uncovered (then the
 * file's loss is not assumed).
 */
function settleMaybe(g: Facts): boolean {
  const maybe = g.maybe ?? [];
  const same = (a: LossHit | null, b: LossHit | null) => a === b || (!!a && !!b && a.name === b.name && a.range.line === b.range.line && a.range.column === b.range.column);
  let unsure = false;
  const done = new Set<number>();
  for (let i = 0; i < maybe.length; i++) {
    if (done.has(i)) continue;
    const group = maybe.map((m, k) => ({ m, k })).filter(({ m }) => same(m.loss, maybe[i]!.loss));
    for (const { k } of group) done.add(k);
    const loss = maybe[i]!.loss;
    if (!covers(group.map(({ m }) => m.conj))) { unsure = true; continue; }
    if (!loss) { g.open = true; continue; }
    if (!g.losses.some((l) => same(l, loss))) g.losses.push(loss);
    const direct = group.filter(({ m }) => m.direct);
    if (direct.length && covers(direct.map(({ m }) => m.conj)) && !g.direct.some((l) => same(l, loss))) g.direct.push(loss);
    if (group.some(({ m }) => m.logged)) g.logged = true;
  }
  return unsure;
}

/** Do the conjunctions of branch keys together hold whatever the conditions are (iterated consensus reaches the empty one)? */
function covers(conjs: string[][]): boolean {
  const seen = new Set<string>();
  const list: string[][] = [];
  const add = (c: string[]) => {
    const k = c.join(',');
    if (!seen.has(k)) { seen.add(k); list.push(c); }
  };
  for (const c of conjs) add([...new Set(c)].sort());
  for (let i = 0; i < list.length && list.length < 64; i++) {
    if (list[i]!.length === 0) return true;
    for (let j = 0; j < i; j++) {
      const r = consensus(list[i]!, list[j]!);
      if (r?.length === 0) return true;
      if (r) add(r);
    }
  }
  return false;
}

/** The consensus of two conjunctions that clash on exactly one branch (`p ∧ A`, `¬p ∧ B` → `A ∧ B`), or null. */
function consensus(a: string[], b: string[]): string[] | null {
  const flip = (k: string) => k.slice(0, -1) + (k.endsWith('+') ? '-' : '+');
  const clash = a.filter((k) => b.includes(flip(k)));
  if (clash.length !== 1) return null;
  const out = new Set([...a, ...b]);
  out.delete(clash[0]!);
  out.delete(flip(clash[0]!));
  return [...out].sort();
}

/** A conditional state as a memo key: its pending branches and the calls it went through. */
function condKey(c: Cond): string {
  const terms = (ts: Term[]) => ts.map(termKey).join(',');
  return `${terms(c.terms)}|${terms(c.unknown)}|${c.calls.map((p) => `${p.def.id}@${p.call.id}`).join(',')}`;
}

/** `train` or `T.fit` as its parts, when the callee is a plain dotted name. */
export function dottedParts(fn: Node, source: string): string[] | null {
  const text = source.slice(fn.startIndex, fn.endIndex).replace(/\s+/g, '');
  return /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(text) ? text.split('.') : null;
}

/** Which positional argument `arg` is (keywords skipped); null after a `*args` or `**kw`. */
function positionalIndex(call: Node, arg: Node): number | null {
  const args = call.childForFieldName('arguments');
  let i = 0;
  for (const a of args?.namedChildren ?? []) {
    if (!a || a.type === 'comment' || a.type === 'keyword_argument') continue;
    if (a.type === 'list_splat' || a.type === 'dictionary_splat') return null;
    if (a.id === arg.id) return i;
    i++;
  }
  return null;
}

/** `self.training` (or `model.training`) tests true while training; `not self.training` tests true in eval mode. */
function trainingTest(cond: Node | null, source: string): 'training' | 'eval' | null {
  for (let i = 0; cond && i < 8; i++) {
    if (cond.type === 'parenthesized_expression') { cond = cond.namedChild(0); continue; }
    if (cond.type === 'not_operator') {
      const inner = trainingTest(cond.childForFieldName('argument'), source);
      return inner === 'training' ? 'eval' : inner === 'eval' ? 'training' : null;
    }
    if (cond.type === 'attribute') {
      const a = cond.childForFieldName('attribute');
      return a && source.slice(a.startIndex, a.endIndex) === 'training' ? 'training' : null;
    }
    return null;
  }
  return null;
}

/** A block whose last statement is a `raise`. */
function endsInRaise(block: Node | null): boolean {
  const kids = block?.namedChildren.filter((c) => c && c.type !== 'comment') ?? [];
  return kids[kids.length - 1]?.type === 'raise_statement';
}

/** A block whose last statement leaves the function (`return`, `raise`). */
function endsInReturn(block: Node | null): boolean {
  const kids = block?.namedChildren.filter((c) => c && c.type !== 'comment') ?? [];
  const last = kids[kids.length - 1];
  return last?.type === 'return_statement' || last?.type === 'raise_statement';
}

const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
const isRegExpSpace = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;

/** `<name>` where the line before `index` ends in `self.<name> =` (a module built there and held by the instance), else null. */
function heldAsSelf(src: string, index: number): string | null {
  return /self\s*\.\s*(\w+)\s*=\s*$/.exec(src.slice(src.lastIndexOf('\n', index - 1) + 1, index))?.[1] ?? null;
}

/**
 * Does the text in [from, to) call `self.<name>(` (`/\bself\s*\.\s*name\s*\(/`, `name` a word)? A search for
 * the name and a look around each hit: a regular expression built per question was compiled per question.
 */
function callsSelfMember(src: string, name: string, from: number, to: number): boolean {
  return selfMemberCalls(src, name, from, to, 1) > 0;
}

/** How many calls of `self.<name>(` the text in [from, to) has, counted up to `limit`. */
function selfMemberCalls(src: string, name: string, from: number, to: number, limit: number): number {
  let n = 0;
  for (let i = src.indexOf(name, from); i >= 0 && i + name.length <= to; i = src.indexOf(name, i + 1)) {
    let j = i + name.length;
    while (j < to && isRegExpSpace(src.charCodeAt(j))) j++;
    if (j >= to || src.charCodeAt(j) !== 40 /* ( */) continue;
    let k = i - 1;
    while (k >= from && isRegExpSpace(src.charCodeAt(k))) k--;
    if (k < from || src.charCodeAt(k) !== 46 /* . */) continue;
    k--;
    while (k >= from && isRegExpSpace(src.charCodeAt(k))) k--;
    const s = k - 3;
    if (s < from || src.slice(s, k + 1) !== 'self' || (s > from && isWordChar(src.charCodeAt(s - 1)))) continue;
    if (++n >= limit) return n;
  }
  return n;
}

/** Index of `child` among the elements of a tuple or expression list. */
function elementIndex(list: Node, child: Node): number | undefined {
  let i = 0;
  for (const c of list.namedChildren) {
    if (!c || c.type === 'comment') continue;
    if (c.id === child.id) return i;
    i++;
  }
  return undefined;
}

/** A number, or a name in capitals, or `self.scale`-like attribute: scaling, not a product with another value. */
function isConstant(n: Node, source: string, setting: (attr: Node) => boolean, named: (id: Node) => boolean): boolean {
  const t = n.type;
  if (t === 'integer' || t === 'float') return true;
  if (t === 'unary_operator') return isConstant(n.namedChild(0)!, source, setting, named);
  if (t === 'parenthesized_expression' && n.namedChildCount === 1) return isConstant(n.namedChild(0)!, source, setting, named);
  if (t === 'binary_operator') return isConstant(n.childForFieldName('left')!, source, setting, named) && isConstant(n.childForFieldName('right')!, source, setting, named);
  // `self.max_action`, `math.pi`: a number kept on an object (`self.gate(x)` would be a call, not an attribute).
  if (t === 'attribute') return setting(n);
  if (t === 'identifier') return named(n);
  return false;
}
