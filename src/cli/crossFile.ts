// `check` across files: a model defined in one file of the run and trained in another
// (`from model import Net` … `criterion(net(x), y)`). Each file's check leaves a small summary
// (links) of where the instances of names it imports from files of the run go; the join then
// checks each model file again with those losses (lint's `external`), so the model file gets the
// findings it would have if the loss were written in it, naming the file that has it.
import { statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Analysis, SourceRange } from '../python/types';
import { instanceFeeds, notebookInstanceFeeds, type PlacedFeed } from '../python/crossFile';
import type { ExternalLoss, ExternalLosses } from '../lint/external';

/** Where a file feeds the instances of a name of another file of the run into a loss. */
export interface Feed {
  /** The file that defines the name (absolute). */
  module: string;
  name: string;
  loss: string;
  range: SourceRange;
  /** For a notebook: the code cell, 1-based over all cells. */
  cell?: number;
  logged: boolean;
}

/** A package's `__init__.py` binding a name of another file of the run (`from .net import Net`). */
export interface Export { local: string; module: string; name: string }

/** What one file's check tells the join (plain data: it crosses from check threads). */
export interface FileLinks { feeds: Feed[]; exports: Export[] }

const pyFile = (p: string) => /\.py$/i.test(p);

/** The files of one run, as modules a file of the run may import. */
export class RunModules {
  private readonly files = new Set<string>();
  private readonly dirs = new Set<string>();
  private readonly roots: string[] = [];

  /** `roots`: the paths the run was given (folders are roots for absolute imports; a file's folder too). */
  constructor(files: readonly string[], roots: readonly string[]) {
    for (const f of files) {
      if (!pyFile(f)) continue;
      const abs = resolve(f);
      this.files.add(abs);
      for (let d = dirname(abs), i = 0; i < 64 && !this.dirs.has(d); d = dirname(d), i++) { this.dirs.add(d); if (dirname(d) === d) break; }
    }
    for (const r of roots) {
      const abs = resolve(r);
      let dir = abs;
      try { if (!statSync(abs).isDirectory()) dir = dirname(abs); } catch { if (!this.dirs.has(abs)) dir = dirname(abs); }
      if (!this.roots.includes(dir)) this.roots.push(dir);
    }
  }

  /** Files of the run that are Python modules (only these can be imported). */
  get size(): number { return this.files.size; }

  private moduleFile(base: string, parts: readonly string[]): string | null {
    const p = join(base, ...parts);
    if (parts.length > 0 && this.files.has(p + '.py')) return p + '.py';
    const init = join(p, '__init__.py');
    return this.files.has(init) ? init : null;
  }

  /** Folders an absolute import is looked for from: the file's own, the one above its package, the run's roots. */
  private absoluteBases(importer: string): string[] {
    const dir = dirname(importer);
    let top = dir;
    for (let i = 0; i < 32 && this.files.has(join(top, '__init__.py')); i++) top = dirname(top);
    return [...new Set([dir, top, ...this.roots])];
  }

  /** Where the module an import names is looked for: folders and the dotted parts below them. */
  private candidates(importer: string, target: string): Array<{ base: string; parts: string[]; relative: boolean }> {
    const dots = /^\.*/.exec(target)![0].length;
    const rest = target.slice(dots).split('.').filter(Boolean);
    if (dots === 0) return this.absoluteBases(importer).map((base) => ({ base, parts: rest, relative: false }));
    // imports.ts writes `from . import a` as `..a` and `from .m import a` as `.m.a`: a relative
    // module of only dots has one dot fewer than the target.
    const up = (rest.length === 1 ? dots - 1 : dots) - 1;
    let base = dirname(importer);
    for (let i = 0; i < up; i++) base = dirname(base);
    return [{ base, parts: rest, relative: true }];
  }

  /** Could an import of `target` name a file of the run (its first part a module or folder of the run)? Cheap: no flow. */
  mayBeLocal(importer: string, target: string): boolean {
    if (target === 'torch' || target.startsWith('torch.')) return false;
    return this.candidates(importer, target).some(({ base, parts, relative }) => {
      if (relative) return true;
      const first = join(base, parts[0] ?? '');
      return this.files.has(first + '.py') || this.dirs.has(first);
    });
  }

  /**
   * The file and name that `target` (an import's target) followed by the attributes `path`
   * names, when it is a name defined in a file of the run (`model.Net`, `pkg.models.net.Net`).
   */
  locate(importer: string, target: string, path: readonly string[]): { module: string; name: string } | null {
    for (const { base, parts, relative } of this.candidates(importer, target)) {
      const full = [...parts, ...path];
      for (let cut = full.length - 1; cut >= (relative ? 0 : 1); cut--) {
        const m = this.moduleFile(base, full.slice(0, cut));
        if (!m) continue;
        if (cut === full.length - 1 && m !== resolve(importer)) return { module: m, name: full[cut]! };
        break;
      }
    }
    return null;
  }
}

/** The imports of a file that may name files of the run: local name → target. */
function localImports(file: string, imports: Analysis['imports'], run: RunModules): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of imports) if (run.mayBeLocal(file, b.target)) out.set(b.local, b.target);
  return out;
}

function feedsFrom(file: string, locals: Map<string, string>, found: Map<string, PlacedFeed[]>, run: RunModules): Feed[] {
  const out: Feed[] = [];
  for (const [local, feeds] of found) {
    const target = locals.get(local)!;
    for (const f of feeds) {
      const at = run.locate(file, target, f.path);
      if (at) out.push({ ...at, loss: f.loss.name, range: f.loss.range, logged: f.logged, ...(f.cell !== undefined ? { cell: f.cell } : {}) });
    }
  }
  return out;
}

function exportsOf(file: string, imports: Analysis['imports'], locals: Map<string, string>, run: RunModules): Export[] {
  if (basename(file) !== '__init__.py') return [];
  const out: Export[] = [];
  for (const b of imports) {
    if (!locals.has(b.local)) continue;
    const at = run.locate(file, b.target, []);
    if (at) out.push({ local: b.local, ...at });
  }
  return out;
}

/**
 * A Python file's links, read from its analysis right after it was linted (its tree still alive).
 * Only a file importing some file of the run and naming a loss is followed: others cost a look at their imports.
 */
export function fileLinks(file: string, text: string, analysis: Analysis, losses: readonly string[], run: RunModules): FileLinks | undefined {
  const abs = resolve(file);
  const locals = localImports(abs, analysis.imports, run);
  if (locals.size === 0) return undefined;
  const exports = exportsOf(abs, analysis.imports, locals, run);
  const feeds = losses.length ? feedsFrom(abs, locals, instanceFeeds(analysis, text, [...locals.keys()]), run) : [];
  return feeds.length || exports.length ? { feeds, exports } : undefined;
}

/** A notebook's links: its code cells read as one program; `cellIndex` maps a code cell to its index among all cells. */
export function notebookLinks(file: string, cells: readonly string[], cellIndex: readonly number[], analyses: readonly Analysis[], run: RunModules): FileLinks | undefined {
  const abs = resolve(file);
  const locals = localImports(abs, analyses.flatMap((a) => a.imports), run);
  if (locals.size === 0 || !analyses.some((a) => a.losses.length > 0)) return undefined;
  const found = notebookInstanceFeeds(cells, [...locals.keys()]);
  for (const feeds of found.values()) for (const f of feeds) if (f.cell !== undefined) f.cell = (cellIndex[f.cell] ?? f.cell) + 1;
  const feeds = feedsFrom(abs, locals, found, run);
  return feeds.length ? { feeds, exports: [] } : undefined;
}

/**
 * The losses other files feed each file's names into, by model file: a name re-exported by a
 * package's `__init__.py` is followed to the file defining it (a few hops; cycles end).
 */
export function joinLinks(links: ReadonlyArray<{ file: string; display: string; links?: FileLinks }>): Map<string, Map<string, ExternalLoss[]>> {
  const exports = new Map<string, Map<string, Export>>();
  for (const l of links) {
    if (!l.links?.exports.length) continue;
    exports.set(resolve(l.file), new Map(l.links.exports.map((e) => [e.local, e])));
  }
  const out = new Map<string, Map<string, ExternalLoss[]>>();
  for (const l of links) {
    for (const f of l.links?.feeds ?? []) {
      let at = { module: f.module, name: f.name };
      const seen = new Set<string>();
      for (let hop = exports.get(at.module)?.get(at.name); hop && !seen.has(`${hop.module}:${hop.name}`) && seen.size < 8; hop = exports.get(at.module)?.get(at.name)) {
        seen.add(`${hop.module}:${hop.name}`);
        at = { module: hop.module, name: hop.name };
      }
      if (at.module === resolve(l.file)) continue;
      let byName = out.get(at.module);
      if (!byName) out.set(at.module, (byName = new Map()));
      let list = byName.get(at.name);
      if (!list) byName.set(at.name, (list = []));
      list.push({ loss: f.loss, file: l.display, range: f.range, logged: f.logged, ...(f.cell !== undefined ? { cell: f.cell } : {}) });
    }
  }
  return out;
}

/**
 * Checks again, with the losses other files feed their models into, the files that define
 * models trained elsewhere; their outcome replaces the first one (whose fixes it keeps).
 */
export function checkAcrossFiles<O extends { links?: FileLinks; display: string; fixed: string[] }>(
  files: readonly string[], outcomes: O[], recheck: (file: string, external: ExternalLosses) => O,
): O[] {
  if (!outcomes.some((o) => o.links?.feeds.length)) return outcomes;
  const joined = joinLinks(files.map((file, i) => ({ file, display: outcomes[i]!.display, links: outcomes[i]!.links })));
  return outcomes.map((o, i) => {
    const external = joined.get(resolve(files[i]!));
    if (!external) return o;
    const again = recheck(files[i]!, external);
    return { ...again, fixed: [...o.fixed, ...again.fixed] };
  });
}
