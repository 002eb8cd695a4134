// `check` across files: a model defined in one file of the run and trained in another
// (`from model import Net` … `criterion(net(x), y)`). Each file's check leaves a small summary
// (links, src/lint/join.ts) of where the instances of names it imports from files of the run go;
// the join then checks each model file again with those losses (lint's `external`), so the model
// file gets the findings it would have if the loss were written in it, naming the file that has it.
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import type { Analysis } from '../python/types';
import type { ExternalLosses } from '../lint/external';
import { expandFroms, expandHandOffs, expandStars, fileLinks as linksOfFile, joinLinks, ModuleIndex, notebookLinks as linksOfNotebook, type FileLinks } from '../lint/join';
import { paramLinksOfText, returnedLossOfText, starExports, type StarExports } from '../python/crossFile';
import { notebookCells } from './wasm';

export type { FileLinks };

/** An absolute path as the join names files: '/'-separated on every platform. */
export const slashed = (p: string): string => (sep === '/' ? resolve(p) : resolve(p).split(sep).join('/'));

/** The files of one run, as modules its files may import. */
export class RunModules extends ModuleIndex {
  /** `roots`: the paths the run was given (folders are roots for absolute imports; a file's folder too). */
  constructor(files: readonly string[], roots: readonly string[]) {
    const all = files.map(slashed);
    const probe = new ModuleIndex(all);
    super(all, [...new Set(roots.map((r) => {
      const abs = slashed(r);
      try { return statSync(r).isDirectory() ? abs : slashed(dirname(r)); } catch { return probe.holdsFolder(abs) ? abs : slashed(dirname(r)); }
    }))]);
  }

  override locate(importer: string, target: string, path: readonly string[]): { module: string; name: string } | null {
    return super.locate(slashed(importer), target, path);
  }
}

/** A Python file's links, read from its analysis right after it was linted (its tree still alive). */
export function fileLinks(file: string, text: string, analysis: Analysis, losses: readonly string[], run: RunModules): FileLinks | undefined {
  return linksOfFile(slashed(file), text, analysis, losses, run);
}

/** A notebook's links (its code cells as one program). */
export function notebookLinks(file: string, cells: readonly string[], cellIndex: readonly number[], analyses: readonly Analysis[], run: RunModules): FileLinks | undefined {
  return linksOfNotebook(slashed(file), cells, cellIndex, analyses, run);
}

/**
 * Checks again, with the losses other files feed their models into, the files that define
 * models trained elsewhere; their outcome replaces the first one (whose fixes it keeps).
 */
export function checkAcrossFiles<O extends { links?: FileLinks; display: string; fixed: string[] }>(
  files: readonly string[], outcomes: O[], recheck: (file: string, external: ExternalLosses) => O, run?: ModuleIndex,
): O[] {
  if (!outcomes.some((o) => o.links?.feeds.length || o.links?.stars || o.links?.handoffs || o.links?.froms)) return outcomes;
  // `from model import *`: the names come from the starred file, read here (rare: no thread reads it twice).
  const names = new Map<string, StarExports>();
  const namesOf = (module: string) => {
    let n = names.get(module);
    if (!n) { try { n = starExports(readFileSync(module, 'utf8')); } catch { n = { names: [], torch: new Map() }; } names.set(module, n); }
    return n;
  };
  // A model handed to a training function of another file: that function, read here.
  const texts = new Map<string, string>();
  const textOf = (module: string) => { let t = texts.get(module); if (t === undefined) { try { t = readFileSync(module, 'utf8'); } catch { t = ''; } texts.set(module, t); } return t; };
  // Followed on where that function hands the model to one of a further file (with `run`), and a
  // loss a function of the set builds (`train(net, get_criterion())`) read from its file.
  const hands = { ...(run ? { index: run } : {}), returnedLoss: (module: string, fn: string) => returnedLossOfText(textOf(module), fn) };
  for (const o of outcomes) if (o.links?.handoffs) expandHandOffs(o.links, (module, fn, arg, given, losses, asClass, asValue) => paramLinksOfText(textOf(module), fn, arg, given, losses, asClass, asValue), hands);
  outcomes.forEach((o, i) => {
    if (!o.links?.stars && !o.links?.froms) return;
    try {
      const raw = readFileSync(files[i]!, 'utf8');
      let importer: Parameters<typeof expandStars>[1];
      if (/\.ipynb$/i.test(files[i]!)) {
        const { cells } = notebookCells(files[i]!, raw);
        importer = { cells: cells.map((c) => c.source), cellIndex: cells.map((c) => c.index) };
      } else importer = { text: raw };
      if (o.links.stars) expandStars(o.links, importer, namesOf, run ? { file: slashed(files[i]!), index: run } : undefined);
      if (o.links.froms) expandFroms(o.links, importer, namesOf, hands.returnedLoss);
      // hand-offs of the names a star gives (a model class handed to a training function of another file)
      if (o.links.handoffs) expandHandOffs(o.links, (module, fn, arg, given, losses, asClass, asValue) => paramLinksOfText(textOf(module), fn, arg, given, losses, asClass, asValue), hands);
    } catch {
      delete o.links.stars;
      delete o.links.froms;
    }
  });
  const joined = joinLinks(files.map((file, i) => ({ file: slashed(file), display: outcomes[i]!.display, links: outcomes[i]!.links })));
  return outcomes.map((o, i) => {
    const external = joined.get(slashed(files[i]!));
    if (!external) return o;
    const again = recheck(files[i]!, external);
    return { ...again, fixed: [...o.fixed, ...again.fixed] };
  });
}
