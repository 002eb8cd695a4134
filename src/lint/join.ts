// A model in one file, trained in another: which file of a set a Python import names, what each
// file says about the instances of names it imports from the others (its links), and the join of
// those links into the losses each model file's names are trained with (external.ts). Plain data
// and '/'-separated absolute paths, no file system: `check` (src/cli/crossFile.ts) and the editor
// (src/vscode/crossFile.ts) hand over the files they know of and call the same code.
import type { Analysis, SourceRange } from '../python/types';
import { callTakes, type ArmTest, type CallArgs } from '../python/armTest';
import { baseHandOffs, helperFeeds, ownHandOffs, factoryExports, factoryExportsOfText, feedsOfText, handOffs, handOffsOfText, instanceFeeds, lossCalls, lossCallsOfText, moduleInstances, notebookHandOffs, notebookInstanceFeeds, notebookLossCalls, type PlacedLossCall, type CallerFactory, type CallerLoss, type GivenArgs, type HelperFeed, type InstanceFeed, type LossCall, type LossHit, type ParamLinks, type PlacedFeed, type StarExports, starExports } from '../python/crossFile';
import { withStarTorch, type StarTorch } from '../python/imports';
import { ANY_NAME } from '../python/flow';
import type { ExternalLoss } from './external';
import { isModuleLoss, lossKind } from '../python/losses';

/** Where a file feeds the instances of a name of another file of the set into a loss. */
export interface Feed {
  /** The file that defines the name. */
  module: string;
  name: string;
  loss: string;
  range: SourceRange;
  /** For a notebook: the code cell, 1-based over all cells. */
  cell?: number;
  logged: boolean;
  /** The name holds a model, called as it is (see OutputEnd). */
  instance?: boolean;
  /** The loss gets this element of the tuple a call of the instance returns (see InstanceFeed). */
  slot?: number;
  /** The file that names the loss, when not the one whose links these are (a training function of a third file). */
  lossFile?: string;
  /** A regression loss comparing the output with the model's own input, or judging data another network also judges (flow.ts LossHit). */
  reconstruction?: boolean;
  generated?: boolean;
  /** The loss gets the output scaled or shifted by constants (flow.ts LossHit). */
  rescaled?: boolean;
  /** The loss gets the output normalized again by softmax or log_softmax (flow.ts LossHit). */
  again?: boolean;
  /** The loss gets some elements of the output, picked by an index (flow.ts LossHit). */
  picked?: boolean;
  /**
   * `name` is a function (or class) the file calls with the loss as this argument (position or
   * keyword): what `name` applies that parameter to gets the loss (flow.ts OutputEnd.param).
   */
  param?: number | string;
  /** What the call building the model gives its parameters (flow.ts InstanceFeed.args). */
  args?: CallArgs;
  /**
   * The same name imported again from elsewhere (`from models.clf import Clf` and `from models
   * import Clf`): the places the other imports name. The feed holds only where they all lead to the
   * definition `module`/`name` leads to (a package's `__init__.py` re-exporting it).
   */
  alts?: Array<{ module: string; name: string }>;
}

/** An instance of `name` (of `module`) handed to the function `to` of another file of the set, as its argument `arg`. */
export interface HandOffLink {
  module: string; name: string; to: { module: string; name: string }; arg: number | string; given?: GivenArgs; losses?: Array<CallerLoss & { cell?: number }>; factories?: FactoryLink[];
  /** The class itself was handed over (HandOff.cls). */
  cls?: true;
  /** The function is in the model's own file, which reads it itself: only the losses the call gives it are the link's. */
  ownFile?: true;
  /** The model's output, not the model, is handed over (HelperFeed): what the function applies the parameter to is its loss, as the output's feed says. */
  value?: { logged: boolean; instance?: true; slot?: number; args?: CallArgs };
}

/** An argument of a hand-off given what the function `name` of the file `module` returns (`get_criterion()`): a loss, if it builds one. */
export interface FactoryLink { arg: number | string; module: string; name: string }

/**
 * A package's `__init__.py` binding a name of another file of the set (`from .net import Net`), or
 * a module-level instance of such a name (`net = Detector(12)` in a settings module: `instance`):
 * what other files feed `local`'s instances into, `name`'s output reaches.
 */
export interface Export {
  local: string; module: string; name: string; instance?: true;
  /**
   * `local` is a model factory of the file building `name` (`def get_model(name): … return MLP(…)`
   * with `from .mlp import MLP`), under these branches on its arguments: a call of the factory
   * whose arguments take them builds that class (flow.ts factoryExports). A factory may build several.
   */
  factory?: true;
  arms?: ArmTest[];
}

/**
 * What one file tells the join (plain data: it crosses from check threads and is cached by the
 * editor). `stars`: files of the set it imports everything from (`from model import *`), whose
 * names only those files say (expandStars); `starsLossless`: the file names no loss with the
 * PyTorch names it imports itself, so its stars count only where they give it PyTorch names
 * (`nn`, `F`, `torch` imported by the starred file: `nn.BCELoss()` is then a loss).
 */
export interface FileLinks { feeds: Feed[]; exports: Export[]; stars?: string[]; starsLossless?: true; handoffs?: HandOffLink[]; froms?: FromImport[] }

/**
 * A name the file imports from a file of the set by name (`from config import model, criterion`):
 * whether it is a loss instance that file builds, only that file says (expandFroms).
 */
export interface FromImport { local: string; module: string; name: string; target: string }

/** The folder of a '/'-separated path ('/' for a file at the root, '.' for a bare name). */
export const dirOf = (p: string): string => {
  const i = p.lastIndexOf('/');
  return i > 0 ? p.slice(0, i) : i === 0 ? '/' : '.';
};
const joinPath = (base: string, parts: readonly string[]): string => [base.replace(/\/+$/, ''), ...parts].join('/');
const baseName = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

/** The Python files of a set, as modules its files may import. Paths absolute, '/'-separated. */
export class ModuleIndex {
  private readonly files = new Set<string>();
  private readonly dirs = new Set<string>();

  /** `roots`: folders absolute imports are also looked for from (the paths a run was given). */
  constructor(files: Iterable<string>, private readonly roots: readonly string[] = []) {
    for (const f of files) {
      if (!/\.py$/i.test(f)) continue;
      this.files.add(f);
      for (let d = dirOf(f), i = 0; i < 64 && !this.dirs.has(d); d = dirOf(d), i++) { this.dirs.add(d); if (dirOf(d) === d) break; }
    }
  }

  /** Is this folder above some file of the set? */
  holdsFolder(dir: string): boolean { return this.dirs.has(dir); }

  private moduleFile(base: string, parts: readonly string[]): string | null {
    const p = joinPath(base, parts);
    if (parts.length > 0 && this.files.has(p + '.py')) return p + '.py';
    const init = p + '/__init__.py';
    return this.files.has(init) ? init : null;
  }

  /**
   * Folders an absolute import is looked for from: the file's own, the one above its package, then
   * the roots above the file, nearest first. A root beside the file (another project of a
   * monorepo) is never one: what an import names must not depend on the order paths were given in.
   */
  private absoluteBases(importer: string): string[] {
    const dir = dirOf(importer);
    let top = dir;
    for (let i = 0; i < 32 && this.files.has(top + '/__init__.py'); i++) top = dirOf(top);
    const above = this.roots.filter((r) => r === dir || dir.startsWith(r.endsWith('/') ? r : r + '/')).sort((a, b) => b.length - a.length);
    // Last, the folders between the file and the root it is under, nearest first: a project run from
    // its own root (`python -m train_val.training`, an IDE's content root) imports its packages from
    // there (`from Models.Roberta import *` in `train_val/training.py`) when the run was given a
    // folder above it (a checkout of several projects).
    const between: string[] = [];
    const root = above[0];
    if (root !== undefined) for (let d = dirOf(top), i = 0; i < 8 && d.length > root.length && d.startsWith(root); d = dirOf(d), i++) between.push(d);
    return [...new Set([dir, top, ...above, ...between])];
  }

  /**
   * `from my_pkg.model import Net` in `…/my_pkg/train.py`: the import's first part names a folder
   * the importer is in, as a project run from its root (an IDE's content root on the path) imports
   * its own folders, `__init__.py` or not. That folder's parent is a base too, after the others.
   */
  private withOwnFolder(importer: string, first: string | undefined, bases: string[]): string[] {
    if (!first) return bases;
    for (let d = dirOf(importer), i = 0; i < 8 && dirOf(d) !== d; d = dirOf(d), i++) {
      if (baseName(d) === first) return bases.includes(dirOf(d)) ? bases : [...bases, dirOf(d)];
    }
    return bases;
  }

  /** Where the module an import names is looked for: folders and the dotted parts below them. */
  private candidates(importer: string, target: string): Array<{ base: string; parts: string[]; relative: boolean }> {
    const dots = /^\.*/.exec(target)![0].length;
    const rest = target.slice(dots).split('.').filter(Boolean);
    if (dots === 0) return this.withOwnFolder(importer, rest[0], this.absoluteBases(importer)).map((base) => ({ base, parts: rest, relative: false }));
    // imports.ts writes `from . import a` as `..a` and `from .m import a` as `.m.a`: a relative
    // module of only dots has one dot fewer than the target.
    const up = (rest.length === 1 ? dots - 1 : dots) - 1;
    let base = dirOf(importer);
    for (let i = 0; i < up; i++) base = dirOf(base);
    return [{ base, parts: rest, relative: true }];
  }

  /** Could an import of `target` name a file of the set (its first part a module or folder of it)? Cheap: no flow. */
  mayBeLocal(importer: string, target: string): boolean {
    if (target === 'torch' || target.startsWith('torch.')) return false;
    return this.candidates(importer, target).some(({ base, parts, relative }) => {
      if (relative) return true;
      const first = joinPath(base, [parts[0] ?? '']);
      return this.files.has(first + '.py') || this.dirs.has(first);
    });
  }

  /** The file a `from <module> import *` names (`module` as imports.ts writes it: `model`, `.models.net`, `.`), if one of the set. */
  moduleFileOf(importer: string, module: string): string | null {
    const dots = /^\.*/.exec(module)![0].length;
    const parts = module.slice(dots).split('.').filter(Boolean);
    if (dots === 0) {
      for (const base of this.withOwnFolder(importer, parts[0], this.absoluteBases(importer))) { const m = parts.length ? this.moduleFile(base, parts) : null; if (m) return m; }
      return null;
    }
    let base = dirOf(importer);
    for (let i = 1; i < dots; i++) base = dirOf(base);
    const m = this.moduleFile(base, parts);
    return m && m !== importer ? m : null;
  }

  /**
   * The file and name that `target` (an import's target) followed by the attributes `path`
   * names, when it is a name defined in a file of the set (`model.Net`, `pkg.models.net.Net`).
   */
  locate(importer: string, target: string, path: readonly string[]): { module: string; name: string } | null {
    for (const { base, parts, relative } of this.candidates(importer, target)) {
      const full = [...parts, ...path];
      for (let cut = full.length - 1; cut >= (relative ? 0 : 1); cut--) {
        const m = this.moduleFile(base, full.slice(0, cut));
        if (!m) continue;
        if (cut === full.length - 1 && m !== importer) return { module: m, name: full[cut]! };
        break;
      }
    }
    return null;
  }
}

/**
 * The imports of a file that may name files of the set: local name → target. A name that imports
 * of different targets bind (`if V2: from logit_model import Net` / `else: from model import Net`,
 * or a function's own import of another `Net`) is left out: which one a call meets, the file's
 * text alone does not say.
 */
export function localImports(file: string, imports: Analysis['imports'], index: ModuleIndex): Map<string, string> {
  const targets = new Map<string, string | null>();
  for (const b of imports) {
    if (b.local === '*') continue;
    const t = targets.get(b.local);
    targets.set(b.local, t === undefined || t === b.target ? b.target : null);
  }
  const out = new Map<string, string>();
  for (const [local, target] of targets) if (target !== null && index.mayBeLocal(file, target)) out.set(local, target);
  return out;
}

/**
 * The names imports of different targets bind that may all be files of the set (localImports leaves
 * them out): local name → every target, in source order.
 */
export function twiceImported(file: string, imports: Analysis['imports'], index: ModuleIndex): Map<string, string[]> {
  const targets = new Map<string, string[]>();
  for (const b of imports) {
    if (b.local === '*') continue;
    const list = targets.get(b.local);
    if (!list) targets.set(b.local, [b.target]);
    else if (!list.includes(b.target)) list.push(b.target);
  }
  const out = new Map<string, string[]>();
  for (const [local, list] of targets) if (list.length > 1 && list.every((t) => index.mayBeLocal(file, t))) out.set(local, list);
  return out;
}

/**
 * The feeds of names imported twice (twiceImported): each feed at the first import's place, the
 * others' as its `alts`; the join keeps it where they lead to one definition.
 */
function twiceFeedsFrom(file: string, twice: Map<string, string[]>, found: Map<string, PlacedFeed[]>, index: ModuleIndex): Feed[] {
  const out: Feed[] = [];
  for (const [local, feeds] of found) {
    const targets = twice.get(local)!;
    for (const f of feeds) {
      const places = targets.map((t) => index.locate(file, t, f.path));
      if (places.some((p) => !p)) continue;
      const [at, ...alts] = places as Array<{ module: string; name: string }>;
      out.push({ ...at!, ...feedOf(f), alts });
    }
  }
  return out;
}

/** The files of the set a file imports everything from. */
export function starModules(file: string, imports: Analysis['imports'], index: ModuleIndex): string[] {
  const out: string[] = [];
  for (const b of imports) {
    if (b.local !== '*' || !b.target.endsWith('.*')) continue;
    const m = index.moduleFileOf(file, b.target.slice(0, -2));
    if (m && !out.includes(m)) out.push(m);
  }
  return out;
}

const feedOf = (f: PlacedFeed): Omit<Feed, 'module' | 'name'> => ({
  loss: f.loss.name, range: f.loss.range, logged: f.logged, ...(f.cell !== undefined ? { cell: f.cell } : {}), ...(f.instance ? { instance: true } : {}),
  ...(f.slot !== undefined ? { slot: f.slot } : {}), ...(f.args ? { args: f.args } : {}), ...(f.loss.reconstruction ? { reconstruction: true } : {}), ...(f.loss.generated ? { generated: true } : {}), ...(f.loss.rescaled ? { rescaled: true } : {}),
  ...(f.loss.again ? { again: true } : {}), ...(f.loss.picked ? { picked: true } : {}),
});

function feedsFrom(file: string, locals: Map<string, string>, found: Map<string, PlacedFeed[]>, index: ModuleIndex): Feed[] {
  const out: Feed[] = [];
  for (const [local, feeds] of found) {
    const target = locals.get(local)!;
    for (const f of feeds) {
      const at = index.locate(file, target, f.path);
      if (at) out.push({ ...at, ...feedOf(f) });
    }
  }
  return out;
}

/**
 * The losses the file's calls of functions (or classes) of the set give as arguments (`train_model(model,
 * criterion, …)` with `criterion = nn.BCELoss()`): fed to the parameter they fill, in the callee's file.
 */
function paramFeedsFrom(file: string, found: Map<string, Array<LossCall | PlacedLossCall>>, where: (local: string, path: readonly string[]) => Array<{ module: string; name: string }>, cellIndex?: readonly number[]): Feed[] {
  const out: Feed[] = [];
  for (const [local, calls] of found) {
    for (const c of calls) {
      for (const found of where(local, c.path)) {
        if (found.module === file) continue;
        // a method on an instance of the class (LossCall.method): `Class.method` there
        const at = c.method ? { module: found.module, name: `${found.name}.${c.method}` } : found;
        for (const l of c.losses as PlacedLossCall['losses']) {
          if (out.some((o) => o.module === at.module && o.name === at.name && o.param === l.arg && o.loss === l.loss.name)) continue;
          const cell = l.cell !== undefined && cellIndex ? (cellIndex[l.cell] ?? l.cell) + 1 : undefined;
          out.push({ ...at, param: l.arg, loss: l.loss.name, range: l.loss.range, logged: false, ...(cell !== undefined ? { cell } : {}) });
        }
      }
    }
  }
  return out;
}

/** Where an imported name followed by attributes (`tm.train_model`) is defined in the set, as paramFeedsFrom asks. */
const locatedBy = (file: string, locals: Map<string, string>, index: ModuleIndex) => (local: string, path: readonly string[]): Array<{ module: string; name: string }> => {
  const at = index.locate(file, locals.get(local)!, path);
  return at ? [at] : [];
};

function exportsOf(file: string, imports: Analysis['imports'], locals: Map<string, string>, index: ModuleIndex): Export[] {
  if (baseName(file) !== '__init__.py') return [];
  const out: Export[] = [];
  for (const b of imports) {
    if (!locals.has(b.local)) continue;
    const at = index.locate(file, b.target, []);
    if (at) out.push({ local: b.local, ...at });
  }
  return out;
}

/** The file's model factories building imported classes of the set (Export.factory). */
function factoryExportsFrom(file: string, analysis: Analysis, text: string, locals: Map<string, string>, index: ModuleIndex): Export[] {
  if (locals.size === 0) return [];
  const out: Export[] = [];
  for (const [local, list] of factoryExports(analysis, text, [...locals.keys()])) {
    for (const e of list) {
      const at = index.locate(file, locals.get(local)!, e.path);
      if (at && at.module !== file) out.push({ local: e.fn, ...at, factory: true, ...(e.arms.length ? { arms: e.arms } : {}) });
    }
  }
  return out;
}

/** `net = Detector(12)` at the top level, `Detector` imported from a file of the set: `net` hands on to it. */
function instanceExports(file: string, text: string, locals: Map<string, string>, index: ModuleIndex): Export[] {
  if (locals.size === 0) return [];
  const out: Export[] = [];
  for (const m of moduleInstances(text, [...locals.keys()])) {
    const at = index.locate(file, locals.get(m.ctor)!, m.path);
    if (at && at.module !== file && !locals.has(m.name)) out.push({ local: m.name, ...at, instance: true });
  }
  return out;
}

/**
 * A Python file's links, from its analysis (best right after it was linted, its tree still alive).
 * Only a file importing some file of the set and naming a loss is followed: others cost a look at their imports.
 */
export function fileLinks(file: string, text: string, analysis: Analysis, losses: readonly string[], index: ModuleIndex): FileLinks | undefined {
  const locals = localImports(file, analysis.imports, index);
  // Stars are followed even where the file names no loss: the starred file may give it `nn` (expandStars).
  const stars = starModules(file, analysis.imports, index);
  const twice = losses.length ? twiceImported(file, analysis.imports, index) : undefined;
  if (locals.size === 0 && stars.length === 0 && !twice?.size) return undefined;
  const exports = [...exportsOf(file, analysis.imports, locals, index), ...instanceExports(file, text, locals, index), ...factoryExportsFrom(file, analysis, text, locals, index)];
  const feeds = losses.length && locals.size ? feedsFrom(file, locals, instanceFeeds(analysis, text, [...locals.keys()]), index) : [];
  if (twice?.size) feeds.push(...twiceFeedsFrom(file, twice, instanceFeeds(analysis, text, [...twice.keys()]), index));
  // a training function of another file given the loss (`train_model(model, criterion, …)`)
  if (losses.length && locals.size) feeds.push(...paramFeedsFrom(file, lossCalls(analysis, text, [...locals.keys()]), locatedBy(file, locals, index)));
  // A model of one file handed to a training function of another (`train(Net(), loader)`): two names
  // imported, or the function star-imported (`from utils import *`).
  const handoffs = locals.size >= 2 || (locals.size && stars.length) ? handOffsFrom(file, locals, handOffs(analysis, text, [...locals.keys()]), index, false, starCallees(analysis.imports, stars)) : [];
  // A model of the file's own set as an attribute by a subclass of a trainer class of another file
  // (`class GMFEngine(Engine): … self.model = GMF(config)`), whose methods call it into their loss.
  if (locals.size) handoffs.push(...handOffsFrom(file, locals, new Map([['', baseHandOffs(analysis, text, new Set(locals.keys()))]]), index));
  // The file's own model handed to a training function of another file (`process(Net, x, y)`,
  // `train(Net(), loader)` in the model's file): that function's loss is the model's.
  if (locals.size) handoffs.push(...handOffsFrom(file, locals, new Map([['', ownHandOffs(analysis, text, new Set(locals.keys()))]]), index));
  // The output of a model of the set handed as it is to a function of another file of the set (a
  // loss helper: `loss = link_loss(model(u, v), model(u, w))`): that function's loss is the output's.
  // (read where the file names a loss, as its feeds are, or backpropagates what a helper returns:
  // following every imported model's output in every file that imports two names was ~2% of `check`)
  if (locals.size >= 2 && (losses.length || BACKWARD.test(text))) handoffs.push(...helperLinks(file, locals, helperFeeds(analysis, text, [...locals.keys()]), index));
  // a model and a loss both imported by name: the loss may be an instance another file builds
  const froms = locals.size >= 2 ? fromImports(file, locals, index) : [];
  return feeds.length || exports.length || stars.length || handoffs.length || froms.length
    ? { feeds, exports, ...starsOf(stars, losses.length > 0), ...(handoffs.length ? { handoffs } : {}), ...(froms.length ? { froms } : {}) } : undefined;
}

/** The file's `from <file of the set> import name [as local]` bindings, each where it points. */
function fromImports(file: string, locals: Map<string, string>, index: ModuleIndex): FromImport[] {
  const out: FromImport[] = [];
  for (const [local, target] of locals) {
    const at = index.locate(file, target, []);
    if (at && at.module !== file) out.push({ local, ...at, target });
  }
  return out;
}

/**
 * The feeds of names imported by name whose loss is imported by name too: the files of the set that
 * build loss instances at their top level (`criterion = nn.BCELoss()` in config.py: StarExports.losses)
 * give them, read as their loss class in the importer (`from config import model, criterion` …
 * `criterion(model(x), y)`). Added to `links.feeds`; `froms` is then done with.
 */
export function expandFroms(links: FileLinks, importer: Importer, exportsOf: (module: string) => StarExports | undefined, returnedLoss?: HandOnReader['returnedLoss']): void {
  const froms = links.froms ?? [];
  delete links.froms;
  // the import's target → the loss class it is read as (ImportEnv.known: the file's own import binds
  // it so): an instance the file builds, or a function of it returning one (`crit = make_loss()`
  // then builds that loss, as calling the class would)
  const known = new Map<string, string>();
  for (const f of froms) {
    const path = exportsOf(f.module)?.losses?.get(f.name);
    const made = path ? null : returnedLoss?.(f.module, f.name) ?? null;
    if (path) known.set(f.target, path);
    else if (made && isModuleLoss(lossKind(made.name))) known.set(f.target, `torch.nn.${lossKind(made.name)}`);
  }
  const models = froms.filter((f) => !known.has(f.target));
  if (known.size === 0 || models.length === 0) return;
  const locals = models.map((m) => m.local);
  const found = importerFeeds(importer, locals, undefined, known);
  for (const [local, feeds] of found) {
    const m = models.find((x) => x.local === local)!;
    for (const f of feeds) if (f.path.length === 0) links.feeds.push({ module: m.module, name: m.name, ...feedOf(f) });
  }
}

const starsOf = (stars: string[], hasLoss: boolean): Pick<FileLinks, 'stars' | 'starsLossless'> =>
  stars.length ? { stars, ...(hasLoss ? {} : { starsLossless: true as const }) } : {};

/**
 * Where a called name no import of the file binds may come from: the star-imported files of the
 * set (`from utils import *` giving `train`). Each is asked (expandHandOffs): one that does not
 * define the function gives no feeds.
 */
function starCallees(imports: Analysis['imports'], stars: readonly string[]): (name: string) => string[] {
  if (!stars.length) return () => [];
  const bound = new Set(imports.filter((b) => b.local !== '*').map((b) => b.local));
  return (name) => (bound.has(name) ? [] : [...stars]);
}

function handOffsFrom(file: string, locals: Map<string, string>, found: Map<string, Array<{ path: string[]; callee: string[]; arg: number | string; given?: GivenArgs; losses?: Array<CallerLoss & { cell?: number }>; factories?: CallerFactory[]; model?: string; method?: string; cls?: true }>>, index: ModuleIndex, notebook = false, starred: (name: string) => string[] = () => [], cellIndex?: readonly number[]): HandOffLink[] {
  const out: HandOffLink[] = [];
  for (const [local, list] of found) {
    for (const h of list) {
      // one of the file's own classes (HandOff.model), or the imported name's
      const model = h.model !== undefined ? { module: file, name: h.model } : index.locate(file, locals.get(local)!, h.path);
      if (!model) continue;
      const calleeTarget = locals.get(h.callee[0]!);
      const located = calleeTarget ? index.locate(file, calleeTarget, h.callee.slice(1)) : null;
      const found = located ? [located] : !calleeTarget && h.callee.length === 1 ? starred(h.callee[0]!).map((module) => ({ module, name: h.callee[0]! })) : [];
      // a method on an instance of the class: `Class.method` there (flow.ts paramFeeds)
      const tos = h.method ? found.map((t) => ({ module: t.module, name: `${t.name}.${h.method}` })) : found;
      // A notebook's losses are placed by cell (notebookHandOffs), numbered here over all its cells from 1;
      // one that could not be placed stays unsaid.
      const losses = !h.losses?.length ? undefined
        : !notebook ? h.losses
        : cellIndex && h.losses.every((l) => l.cell !== undefined) ? h.losses.map((l) => ({ ...l, cell: (cellIndex[l.cell!] ?? l.cell!) + 1 })) : undefined;
      const factories = notebook ? undefined : locateFactories(file, locals, h.factories, index);
      const key = (o: { given?: GivenArgs; losses?: CallerLoss[]; factories?: FactoryLink[] }) => JSON.stringify([o.given ?? null, o.losses ?? null, o.factories ?? null]);
      for (const to of tos) {
        // the model's own file reads its own functions (a package's __init__.py re-exports both from
        // elsewhere), but not the losses this file's call gives them (`train_epoch(model, loader,
        // criterion)` with `criterion = nn.BCELoss()` here): those only
        const ownFile = to.module === model.module && baseName(to.module) !== '__init__.py';
        if (ownFile && !losses && !factories) continue;
        const link: HandOffLink = { ...model, to, arg: h.arg, ...(h.given ? { given: h.given } : {}), ...(losses ? { losses } : {}), ...(factories ? { factories } : {}), ...(ownFile ? { ownFile: true as const } : {}), ...(h.cls ? { cls: true as const } : {}) };
        if (!out.some((o) => o.to.module === to.module && o.to.name === to.name && o.arg === h.arg && o.name === model.name && key(o) === key(link))) out.push(link);
      }
    }
  }
  return out;
}

const BACKWARD = /\.backward\s*\(/;

/** HelperFeeds as hand-off links (HandOffLink.value): the model's place and the function's, each in another file of the set. */
function helperLinks(file: string, locals: Map<string, string>, found: Map<string, HelperFeed[]>, index: ModuleIndex): HandOffLink[] {
  const out: HandOffLink[] = [];
  for (const [local, list] of found) {
    for (const h of list) {
      const model = index.locate(file, locals.get(local)!, h.path);
      const target = locals.get(h.callee[0]!);
      const to = target ? index.locate(file, target, h.callee.slice(1)) : null;
      if (!model || !to || to.module === file || to.module === model.module) continue;
      const value: NonNullable<HandOffLink['value']> = { logged: h.logged };
      if (h.instance) value.instance = true;
      if (h.slot !== undefined) value.slot = h.slot;
      if (h.args) value.args = h.args;
      out.push({ ...model, to, arg: h.arg, value });
    }
  }
  return out;
}

/** The functions of the set whose results a call gives as arguments (`train(net, get_criterion())`), where the file's imports find them. */
function locateFactories(file: string, locals: Map<string, string>, factories: readonly CallerFactory[] | undefined, index: ModuleIndex): FactoryLink[] | undefined {
  const out: FactoryLink[] = [];
  for (const c of factories ?? []) {
    const target = locals.get(c.callee[0]!);
    const at = target ? index.locate(file, target, c.callee.slice(1)) : null;
    if (at) out.push({ arg: c.arg, ...at });
  }
  return out.length ? out : undefined;
}

/**
 * The feeds of hand-offs: where the training function of the other file takes the model it is
 * given (`paramFeeds`, from that file's text) to a loss, named in that file. Added to
 * `links.feeds`; `handoffs` is then done with.
 */
export function expandHandOffs(links: FileLinks, paramLinks: (module: string, fn: string, arg: number | string, given?: GivenArgs, losses?: readonly CallerLoss[], asClass?: boolean, asValue?: boolean) => ParamLinks, more: HandOnReader = {}): void {
  for (const h of links.handoffs ?? []) {
    if (h.value) {
      // the output's loss: where the function applies the parameter, named in the function's file
      const v = h.value;
      for (const f of paramLinks(h.to.module, h.to.name, h.arg, undefined, undefined, false, true).feeds) {
        if (f.inCaller) continue;
        const feed: Feed = { module: h.module, name: h.name, ...feedOf(f), lossFile: h.to.module, logged: f.logged || v.logged };
        if (v.instance) feed.instance = true; else delete feed.instance;
        if (v.slot !== undefined) feed.slot = v.slot; else delete feed.slot;
        if (v.args) feed.args = v.args; else delete feed.args;
        links.feeds.push(feed);
      }
      continue;
    }
    // Where each loss a call gave is named: the file whose links these are (absent), a factory's file, or a file between.
    const named = new Map<LossHit, string | undefined>();
    // (a notebook's loss: the cell it is named in)
    const cellOf = new Map<LossHit, number>();
    for (const l of h.losses ?? []) { named.set(l.loss, undefined); if (l.cell !== undefined) cellOf.set(l.loss, l.cell); }
    const losses = [...(h.losses ?? [])];
    for (const fac of h.factories ?? []) {
      const loss = more.returnedLoss?.(fac.module, fac.name) ?? null;
      if (loss && !losses.some((l) => l.arg === fac.arg)) { losses.push({ arg: fac.arg, loss }); named.set(loss, fac.module); }
    }
    const seen = new Set<string>();
    const follow = (to: { module: string; name: string }, arg: number | string, given: GivenArgs | undefined, givenLosses: readonly CallerLoss[], hop: number): void => {
      const key = `${to.module}\0${to.name}\0${arg}`;
      if (seen.has(key)) return;
      seen.add(key);
      // (a class handed over is one only at the first function: what it builds, it hands on as an instance)
      const r = paramLinks(to.module, to.name, arg, given, givenLosses.length ? givenLosses : undefined, !!h.cls && hop === 1);
      // `from utils import train` where utils/__init__.py says `from .forward import train`: the function there
      if (more.index && baseName(to.module) === '__init__.py' && r.feeds.length === 0 && r.handOffs.length === 0) {
        // (`Trainer.fit`, a method on an instance: the class is what the package binds)
        const dot = to.name.indexOf('.');
        const head = dot < 0 ? to.name : to.name.slice(0, dot);
        const rest = dot < 0 ? '' : to.name.slice(dot);
        const target = localImports(to.module, r.imports, more.index).get(head);
        const at = target ? more.index.locate(to.module, target, []) : null;
        if (at && at.module !== to.module) follow({ module: at.module, name: at.name + rest }, arg, given, givenLosses, hop);
        // `from .trainer import *` in the package: the starred files of the set, where one defines it
        else if (!target) for (const m of starModules(to.module, r.imports, more.index)) if (m !== to.module) follow({ module: m, name: to.name }, arg, given, givenLosses, hop);
        return;
      }
      for (const f of r.feeds) {
        // A loss a call gave (inCaller) is named where that call's loss was; any other in the function's own file
        // (which, the model's own file too, reads it itself).
        if (f.inCaller ? !named.has(f.loss) : h.ownFile && hop === 1) continue;
        const file = f.inCaller ? named.get(f.loss) : to.module;
        const cell = f.inCaller ? cellOf.get(f.loss) : undefined;
        links.feeds.push(file === undefined ? { module: h.module, name: h.name, ...feedOf(f), ...(cell !== undefined ? { cell } : {}) } : { module: h.module, name: h.name, ...feedOf(f), lossFile: file });
      }
      // The function hands the model on (`discriminator_loss(netD, x, criterion)` in a training loop): followed there too.
      if (!more.index || hop >= MAX_HOPS) return;
      const locals = localImports(to.module, r.imports, more.index);
      for (const next of r.handOffs) {
        const target = locals.get(next.callee[0]!);
        // a function the same file defines (`epoch(...)` calling `step(...)` beside it), or one it imports
        const at = target ? more.index.locate(to.module, target, next.callee.slice(1)) : next.callee.length === 1 && next.callee[0] !== to.name ? { module: to.module, name: next.callee[0]! } : null;
        if (!at || at.module === h.module) continue;
        for (const l of next.losses ?? []) if (!named.has(l.loss)) named.set(l.loss, to.module);
        follow(at, next.arg, next.given, next.losses ?? [], hop + 1);
      }
    };
    follow(h.to, h.arg, h.given, losses, 1);
  }
  delete links.handoffs;
}

/** How many functions a model handed over is followed through (`main` → `train_gan` → `discriminator_loss`). */
const MAX_HOPS = 3;

/** What expandHandOffs may use beyond the first function: the set's files (to follow a hand-on) and the losses functions of the set return. */
export interface HandOnReader {
  index?: ModuleIndex;
  returnedLoss?: (module: string, fn: string) => LossHit | null;
}

/** A notebook's links: its code cells read as one program; `cellIndex` maps a code cell to its index among all cells. */
export function notebookLinks(file: string, cells: readonly string[], cellIndex: readonly number[], analyses: readonly Analysis[], index: ModuleIndex): FileLinks | undefined {
  const imports = analyses.flatMap((a) => a.imports);
  const locals = localImports(file, imports, index);
  const stars = starModules(file, imports, index);
  const handoffs = locals.size >= 2 || (locals.size && stars.length) ? handOffsFrom(file, locals, notebookHandOffs(cells, [...locals.keys()]), index, true, starCallees(imports, stars), cellIndex) : [];
  const hasLoss = analyses.some((a) => a.losses.length > 0);
  if (!hasLoss) return handoffs.length || stars.length ? { feeds: [], exports: [], ...starsOf(stars, false), ...(handoffs.length ? { handoffs } : {}) } : undefined;
  if (locals.size === 0 && stars.length === 0) return undefined;
  const feeds = locals.size ? feedsFrom(file, locals, notebookFeeds(cells, cellIndex, [...locals.keys()]), index) : [];
  if (locals.size) feeds.push(...paramFeedsFrom(file, notebookLossCalls(cells, [...locals.keys()]), locatedBy(file, locals, index), cellIndex));
  return feeds.length || stars.length || handoffs.length ? { feeds, exports: [], ...starsOf(stars, true), ...(handoffs.length ? { handoffs } : {}) } : undefined;
}

/** The importing file's text or notebook cells, as expandStars and expandFroms read them. */
type Importer = { text: string } | { cells: readonly string[]; cellIndex: readonly number[] };

/** The importer's feeds for `names` (feedsOfText, or notebookFeeds over its cells). */
function importerFeeds(importer: Importer, names: readonly string[], seed?: ReadonlyMap<string, string>, known?: ReadonlyMap<string, string>): Map<string, PlacedFeed[]> {
  return 'text' in importer ? feedsOfText(importer.text, names, seed, known) : notebookFeeds(importer.cells, importer.cellIndex, names, seed, known);
}

/** A notebook's feeds, cells numbered over all its cells from 1; `seed` and `known` as feedsOfText's. */
function notebookFeeds(cells: readonly string[], cellIndex: readonly number[], names: readonly string[], seed?: ReadonlyMap<string, string>, known?: ReadonlyMap<string, string>): Map<string, PlacedFeed[]> {
  const found = notebookInstanceFeeds(cells, names, seed, known);
  for (const feeds of found.values()) for (const f of feeds) if (f.cell !== undefined) f.cell = (cellIndex[f.cell] ?? f.cell) + 1;
  return found;
}

/**
 * The feeds of `from model import *`: the names each starred file binds at its top level
 * (`exportsOf`, from that file's text: StarExports), followed in the importing file (its text, or
 * a notebook's code cells) as if imported one by one, with the PyTorch names the starred files
 * import (`nn`, `F`…) bound as the file's own. Added to `links.feeds`; `stars` is then done with.
 */
export function expandStars(links: FileLinks, importer: Importer, exportsOf: (module: string) => StarExports | undefined, at?: { file: string; index: ModuleIndex }): void {
  const given = (links.stars ?? []).map((module) => ({ module, exports: exportsOf(module) }));
  const seed = new Map<string, string>();
  for (const g of given) for (const [local, path] of g.exports?.torch ?? []) seed.set(local, path);
  // a loss instance the starred file builds (`criterion = nn.BCELoss()`) is read as its loss class
  // is: a call of it computes that loss (`criterion(net(x), y)`)
  for (const g of given) for (const [local, path] of g.exports?.losses ?? []) seed.set(local, path);
  // `from NN_models import *` in a model factory's file (`def get_model(args): … return MLP(…)`):
  // the factory builds the starred file's class, as one imported by name does (factoryExportsFrom)
  if ('text' in importer) {
    for (const { module, exports } of given) {
      const called = exports?.names.filter((n) => new RegExp(`\\b${n}\\s*\\(`).test(importer.text)) ?? [];
      if (!called.length) continue;
      for (const [name, list] of factoryExportsOfText(importer.text, called, seed)) {
        for (const e of list) if (!e.path.length) links.exports.push({ local: e.fn, module, name, factory: true, ...(e.arms.length ? { arms: e.arms } : {}) });
      }
    }
  }
  // A file naming no loss of its own can only get one through the PyTorch names a star gives it.
  if (!links.starsLossless || seed.size > 0) {
    for (const { module, exports } of given) {
      if (!exports?.names.length) continue;
      const names = exports.names;
      const found = importerFeeds(importer, names, seed);
      for (const [name, feeds] of found) {
        for (const f of feeds) if (f.path.length === 0) links.feeds.push({ module, name, ...feedOf(f) });
      }
      // `from utils import *` … `train_model(model, criterion, …)`: the loss the call gives a parameter
      if ('text' in importer) {
        const calls = lossCallsOfText(importer.text, names, seed);
        links.feeds.push(...paramFeedsFrom('', calls, (name, path) => (path.length === 0 ? [{ module, name }] : [])));
        // a model class the star gives, handed to a training function of another file
        // (`train_model(Clf(), loader, criterion)`): expandHandOffs reads that function
        if (at) starHandOffs(links, importer.text, module, names, seed, given, at);
      }
    }
  }
  delete links.stars;
  delete links.starsLossless;
}

/** The hand-offs of the names a starred `module` gives (expandStars), added to `links.handoffs`. */
function starHandOffs(links: FileLinks, text: string, module: string, names: readonly string[], seed: ReadonlyMap<string, string>, starred: ReadonlyArray<{ module: string; exports: StarExports | undefined }>, at: { file: string; index: ModuleIndex }): void {
  const { found, imports } = handOffsOfText(text, names, seed);
  if (![...found.values()].some((l) => l.length)) return;
  const locals = localImports(at.file, imports, at.index);
  const bound = new Set(imports.filter((b) => b.local !== '*').map((b) => b.local));
  for (const [name, list] of found) {
    for (const h of list) {
      if (h.path.length || h.model !== undefined) continue;
      const target = locals.get(h.callee[0]!);
      const located = target ? at.index.locate(at.file, target, h.callee.slice(1)) : null;
      // a function a starred file defines (`from train_val import *`), where no import binds the name
      const tos = located ? [located] : !bound.has(h.callee[0]!) && h.callee.length === 1
        ? starred.filter((g) => g.exports?.names.includes(h.callee[0]!)).map((g) => ({ module: g.module, name: h.callee[0]! })) : [];
      for (const to of tos) {
        if (to.module === module) continue;
        const link: HandOffLink = { module, name, to, arg: h.arg, ...(h.given ? { given: h.given } : {}), ...(h.losses?.length ? { losses: h.losses } : {}) };
        (links.handoffs ??= []).push(link);
      }
    }
  }
}

/**
 * The PyTorch names a `from m import *` gets where m is a file of `index` (imports.ts StarTorch): m's
 * own imports, and those its star imports of further files of the set give it in turn (a cycle gives
 * nothing where it closes, as Python's partly run module does). `read`: a file's text (undefined
 * where it cannot be read). `of(file)` answers for the star imports of `file` (as `index` names it).
 */
export function starTorchIndex(index: ModuleIndex, read: (module: string) => string | undefined): { of(file: string): StarTorch } {
  const memo = new Map<string, ReadonlyMap<string, string> | null>();
  const reading = new Set<string>();
  // A module met again while it is being read gives nothing (Python's partly run module: its
  // namespace is still empty at that point); what was read around such a cut depends on where the
  // cycle was entered, so it is not kept for other importers.
  let cuts = 0;
  const exportsOf = (module: string): ReadonlyMap<string, string> | undefined => {
    const known = memo.get(module);
    if (known !== undefined) return known ?? undefined;
    if (reading.has(module)) { cuts++; return undefined; }
    const cutsBefore = cuts;
    reading.add(module);
    let torch: ReadonlyMap<string, string> | null = null;
    try {
      // a notebook is no module Python imports
      const text = /\.ipynb$/i.test(module) ? undefined : read(module);
      if (text !== undefined) torch = withStarTorch(of(module), () => starExports(text).torch);
    } catch {
      torch = null;
    } finally {
      reading.delete(module);
    }
    if (cuts === cutsBefore) memo.set(module, torch?.size ? torch : null);
    return torch?.size ? torch : undefined;
  };
  const of = (importer: string): StarTorch => (module) => {
    const m = index.moduleFileOf(importer, module);
    return m ? exportsOf(m) : undefined;
  };
  return { of };
}

/** One file's links as the join reads them: `file` as the links name modules, `display` as findings show it, `uri` as its reader opens it. */
export interface LinkedFile { file: string; display: string; uri?: string; links?: FileLinks }

/**
 * The losses other files feed each file's names into, by model file: a name re-exported by a
 * package's `__init__.py` is followed to the file defining it (a few hops; cycles end).
 */
export function joinLinks(files: readonly LinkedFile[]): Map<string, Map<string, ExternalLoss[]>> {
  const byFile = new Map(files.map((l) => [l.file, l]));
  const exports = new Map<string, Map<string, Export>>();
  // a model factory may build several classes: kept apart from the names a file re-exports
  const factories = new Map<string, Map<string, Export[]>>();
  for (const l of files) {
    if (!l.links?.exports.length) continue;
    exports.set(l.file, new Map(l.links.exports.filter((e) => !e.factory).map((e) => [e.local, e])));
    for (const e of l.links.exports) {
      if (!e.factory) continue;
      let byName = factories.get(l.file);
      if (!byName) factories.set(l.file, (byName = new Map()));
      const list = byName.get(e.local);
      if (list) list.push(e);
      else byName.set(e.local, [e]);
    }
  }
  const out = new Map<string, Map<string, ExternalLoss[]>>();
  /** Where a name of a module leads: through the re-exports of packages' `__init__.py` files to its definition. */
  const follow = (from: { module: string; name: string }, inst: boolean | undefined): { at: { module: string; name: string }; instance: boolean | undefined } => {
    let at = from;
    let instance = inst;
    const seen = new Set<string>();
    for (let hop = exports.get(at.module)?.get(at.name); hop && !seen.has(`${hop.module}:${hop.name}`) && seen.size < 8; hop = exports.get(at.module)?.get(at.name)) {
      seen.add(`${hop.module}:${hop.name}`);
      // an instance's output is its class's (or factory's): called as the model it holds, it is the maker's output there
      if (hop.instance) { if (!instance) break; instance = undefined; }
      at = { module: hop.module, name: hop.name };
    }
    return { at, instance };
  };
  for (const l of files) {
    for (const f of l.links?.feeds ?? []) {
      const { at, instance } = follow({ module: f.module, name: f.name }, f.instance);
      // a name imported twice: only where every import leads to this same definition
      if (f.alts?.some((a) => { const o = follow(a, f.instance).at; return o.module !== at.module || o.name !== at.name; })) continue;
      // a model factory of another file (`get_model(args.model)` in `models/__init__.py`): the classes
      // it builds where this call takes their branches, each called with arguments this call does not give
      const built = instance ? undefined : factories.get(at.module)?.get(at.name);
      // `getattr(models, args.arch)(…)`: any class the module has, or a package's `__init__.py`
      // re-exports or its factories build (the file's own classes take the loss as '*': external.ts)
      const any = at.name === ANY_NAME && !instance
        ? [{ at, args: undefined }, ...[...(exports.get(at.module)?.values() ?? [])].filter((e) => !e.instance).map((e) => ({ at: follow({ module: e.module, name: e.name }, undefined).at, args: undefined })),
          ...[...(factories.get(at.module)?.values() ?? [])].flat().map((e) => ({ at: follow({ module: e.module, name: e.name }, undefined).at, args: undefined }))]
        : undefined;
      const targets = any ?? (built
        ? built.filter((e) => !e.arms || callTakes(e.arms, f.args)).map((e) => ({ at: follow({ module: e.module, name: e.name }, undefined).at, args: undefined }))
        : [{ at, args: f.args }]);
      for (const t of targets) {
        // the file's own model is fed only by a loss named in another file (a trainer base class there)
        if (t.at.module === l.file && (!f.lossFile || f.lossFile === l.file)) continue;
        let byName = out.get(t.at.module);
        if (!byName) out.set(t.at.module, (byName = new Map()));
        let list = byName.get(t.at.name);
        if (!list) byName.set(t.at.name, (list = []));
        // The loss is in this file, or in the file of the training function the model was handed to.
        const where = f.lossFile ? byFile.get(f.lossFile) ?? { display: f.lossFile, uri: undefined } : l;
        list.push({ loss: f.loss, file: where.display, range: f.range, logged: f.logged, ...(f.cell !== undefined ? { cell: f.cell } : {}), ...(where.uri ? { uri: where.uri } : {}), ...(instance ? { instance: true } : {}), ...(f.slot !== undefined ? { slot: f.slot } : {}), ...(f.reconstruction ? { reconstruction: true } : {}), ...(f.generated ? { generated: true } : {}), ...(f.rescaled ? { rescaled: true } : {}), ...(f.again ? { again: true } : {}), ...(f.picked ? { picked: true } : {}), ...(f.param !== undefined ? { param: f.param } : {}), ...(t.args ? { args: t.args } : {}) });
      }
    }
  }
  return out;
}
