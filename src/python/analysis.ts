// The public entry points: a Python file or a notebook's cells → plain-data analyses.
import { defineLazy, settleLazy } from '../lazyAccessor';
import { analyzeTree, FileReader, innerCall, type PendingUse, type TreeAnalysis } from './analyze';
import { Forest } from './forest';
import { newImportEnv, type ImportEnv } from './imports';
import { attachLosses, lossAttacher, type Located } from './loss-attach';
import { parse, parsableText, MAX_PARSE_CHARS } from './parser';
import { joinCellsForReading } from './joinCells';
import type { ActivationUse, Analysis, LossUse } from './types';
import type { PriorReading } from './reuse';
import type { FactoryExport, HandOff, HelperFeed, InstanceFeed, LossCall } from './flow';
import { outputEndsOf, setOutputEnds } from './ends';

function empty(truncated: boolean): Analysis {
  return { uses: [], losses: [], imports: [], parseErrors: true, truncated };
}

/**
 * A hover must never throw because of what a file contains: should the analysis itself fail on
 * some input nobody foresaw, the file reads as having no activations (and says it was not read whole).
 */
function run(forest: Forest, parsedText: string, env: ImportEnv): TreeAnalysis {
  try {
    return analyzeTree(forest, parsedText, env);
  } catch {
    return { pending: [], losses: [], imports: [], capped: true };
  }
}

/**
 * Analysis of an already parsed file (the cache's path): `parsedText` is the text it was parsed
 * from; `forest` is null when the parse was abandoned or the text was binary.
 */
export function analyzeParsed(forest: Forest | null, parsedText: string, truncated: boolean): Analysis {
  if (!forest) return empty(true);
  const r = run(forest, parsedText, newImportEnv());
  const uses = r.pending.map((p) => p.use);
  attachLosses(uses.map((u) => ({ item: u, line: u.range.line })), r.losses.map((l) => ({ item: l, line: l.line })));
  return withText({ uses, losses: r.losses, imports: r.imports, parseErrors: forest.hasError, truncated: truncated || r.capped }, parsedText);
}

/** The text an analysis was read from, kept (not enumerable) so `useAt` knows where its lines end. */
const TEXT = Symbol('activation-lens.text');
function withText(a: Analysis, text: string): Analysis {
  Object.defineProperty(a, TEXT, { value: text, enumerable: false });
  return a;
}

/** Is (line, column) inside the text (a line's end counts)? Unknown text: yes. */
function inText(a: Analysis, line: number, column: number): boolean {
  const text = (a as { [TEXT]?: string })[TEXT];
  if (text === undefined) return true;
  let start = 0;
  for (let i = 0; i < line; i++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return false;
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  return column >= 0 && start + column <= (end < 0 ? text.length : end);
}

/** Where a lazily read analysis answers `useAt` for one spot without reading every use. */
const POINT = Symbol('activation-lens.useAt');
type PointLookup = (line: number, column: number) => ActivationUse | undefined;
const safe = <T>(f: () => T, fallback: T): T => { try { return f(); } catch { return fallback; } };

/** Where a lazily read analysis verifies its uses a slice at a time (see warmUses). */
const WARM = Symbol('activation-lens.warm');

/**
 * Verifies about `sliceMs` more of the analysis' uses; true once reading `uses` costs no more than
 * collecting them (always true for an analysis read whole).
 */
export function warmUses(analysis: Analysis, sliceMs: number): boolean {
  const warm = (analysis as { [WARM]?: (ms: number) => boolean })[WARM];
  return warm ? warm(sliceMs) : true;
}

/** Where a lazily read analysis answers `lossNames` without checking every loss of the file. */
const NAMES = Symbol('activation-lens.lossNames');

export interface LazyAnalysis {
  analysis: Analysis;
  /** The tree is about to be edited or deleted: from now on, read from the text if asked. */
  release(): void;
  /** What was found so far, for reading the next version of the document (reuse.ts). */
  reading?: () => PriorReading;
  /** Candidates taken over from the previous version, and read anew. */
  counts?: { reused: number; read: number };
}

/**
 * The cache's analysis of a parsed tree: imports, losses and the candidates are read now (cheap);
 * each use is verified, its arguments read and its role found only when `useAt` asks for its spot,
 * or all of them the first time `uses` is read. Same values as analyzeParsed, same objects too.
 * `nextVersion` false: no later version of the text will be read from this one, so what each
 * answer read (reads.ts) is not kept for it.
 */
export function analyzeLazily(forest: Forest | null, parsedText: string, truncated: boolean, prior?: PriorReading, nextVersion = true): LazyAnalysis {
  if (!forest) return { analysis: empty(true), release: () => undefined };
  let reader: FileReader | null;
  try {
    reader = new FileReader(forest, parsedText, newImportEnv(), prior, nextVersion);
  } catch {
    return { analysis: empty(true), release: () => undefined };
  }
  // For the next version: what this one found, once the tree is gone too.
  const { records, lossRecords, fingerprint } = reader;
  const wordsOf = reader;
  const reading = (): PriorReading => ({
    text: parsedText, statements: forest.statementStarts, runs: forest.chunks, runErrors: safe(() => forest.runErrors(), []), fingerprint, records, losses: lossRecords,
    words: safe(() => wordsOf.wordIndex(), undefined), scans: wordsOf.scans, candidates: wordsOf.reusable,
  });
  let uses: ActivationUse[] | undefined;
  let lineStarts: number[] | undefined;
  const analysis = { imports: reader.imports } as Analysis;
  // Whether the file held more candidates than are read is known after a look through the whole text: on demand.
  let capped: boolean | undefined;
  const cappedReader = reader;
  // lazy, without holding the reader past the file's end: lazyAccessor.ts
  defineLazy(analysis, 'truncated', () => truncated || (capped ??= safe(() => cappedReader.capped, true)), (v) => { capped = v as boolean; });
  // Losses and syntax errors are whole-file facts: read (every run parsed) when asked for.
  let losses: LossUse[] | undefined;
  // Once released (the tree is gone), whatever was not read yet is read from the text.
  const allLosses = (): LossUse[] => (losses ??= safe(() => (reader ? reader.losses : analyzePython(parsedText).losses), []));
  let parseErrors: boolean | undefined;
  defineLazy(analysis, 'losses', allLosses, (v) => { losses = v as LossUse[]; });
  defineLazy(analysis, 'parseErrors', () => (parseErrors ??= safe(() => forest.hasError, true)), (v) => { parseErrors = v as boolean; });
  Object.defineProperty(analysis, NAMES, {
    value: () => (losses || !reader ? [...new Set(allLosses().map((l) => l.name))] : safe(() => reader!.lossNames(), [])), enumerable: false,
  });

  let fresh: ActivationUse[] | undefined;
  const unjudged = new Map<ActivationUse, () => void>();
  Object.defineProperty(analysis, JUDGE, {
    value: (use: ActivationUse) => {
      const judge = unjudged.get(use);
      if (judge) { unjudged.delete(use); judge(); }
    },
    enumerable: false,
  });
  // The tree is alive and the use still to be judged: judged unless its value is found inside a model.
  const unlessHidden = new Map<ActivationUse, () => boolean>();
  Object.defineProperty(analysis, JUDGE_UNLESS_HIDDEN, {
    value: (use: ActivationUse): boolean => {
      const judge = unjudged.get(use);
      if (!judge) return true;
      const tryJudge = reader && unlessHidden.get(use);
      if (tryJudge && !tryJudge()) return false;
      unjudged.delete(use);
      if (!tryJudge) judge();
      return true;
    },
    enumerable: false,
  });
  const materialize = (): ActivationUse[] => {
    if (uses) return uses;
    let list: ActivationUse[];
    let pending: PendingUse[] | undefined;
    // Without a next version, a use's role, loss and gate are found when `judgeUse` asks: a reader
    // of findings asks only where a finding may depend on them (lint.ts).
    const judging = reader;
    try {
      if (judging) list = (pending = judging.all(!nextVersion)).map((p) => p.use);
      else list = analyzePython(parsedText).uses;
    } catch {
      list = [];
      pending = undefined;
    }
    const attach = lossAttacher(allLosses().map((l) => ({ item: l, line: l.line })));
    if (pending) {
      for (const p of pending) {
        if (judging!.judged(p)) { attach(p.use, p.use.range.line, p.open); continue; }
        unjudged.set(p.use, () => {
          // The tree is gone once the reader is released: the use is then read from the text.
          if (reader) { safe(() => reader!.settle(p), undefined); attach(p.use, p.use.range.line, p.open); }
          else copyJudgement(p.use, (fresh ??= safe(() => analyzePython(parsedText).uses, [])));
        });
        unlessHidden.set(p.use, () => {
          if (!safe(() => reader!.settle(p, true), true)) return false;
          attach(p.use, p.use.range.line, p.open);
          return true;
        });
      }
    } else for (const u of list) attach(u, u.range.line);
    uses = list;
    settleLazy(analysis, 'uses', list);
    return list;
  };
  defineLazy(analysis, 'uses', materialize);

  const attached = new Set<ActivationUse>();
  const lineOffset = (line: number, column: number): number | undefined => {
    lineStarts ??= [0];
    extendLineStarts(lineStarts, parsedText, line + 1);
    if (line < 0 || line >= lineStarts.length) return undefined;
    const offset = lineStarts[line]! + column;
    const lineEnd = line + 1 < lineStarts.length ? lineStarts[line + 1]! - 1 : parsedText.length;
    return column < 0 || offset > lineEnd ? undefined : offset;
  };
  const found = (p: PendingUse | undefined): ActivationUse | undefined => {
    if (!p) return undefined;
    if (!uses && !attached.has(p.use)) { attached.add(p.use); reader?.attachLoss(p.use, p.open); }
    return p.use;
  };
  const point: PointLookup = (line, column) => {
    if (!reader) return searchUses(materialize(), line, column) ?? searchCovering(materialize(), line, column);
    const offset = lineOffset(line, column);
    if (offset === undefined) return undefined;
    try {
      const exact = uses ? searchUses(uses, line, column) : found(reader.at(offset));
      return exact ?? found(reader.covering(offset));
    } catch {
      return undefined;
    }
  };
  Object.defineProperty(analysis, POINT, { value: point, enumerable: false });
  Object.defineProperty(analysis, FEEDS, { value: (local: string) => (reader ? safe(() => reader!.instanceFeeds(local), []) : undefined), enumerable: false });
  Object.defineProperty(analysis, HELPER_FEEDS, { value: (local: string) => (reader ? safe(() => reader!.helperFeeds(local), []) : undefined), enumerable: false });
  Object.defineProperty(analysis, FACTORY_EXPORTS, { value: (local: string) => (reader ? safe(() => reader!.factoryExports(local), []) : undefined), enumerable: false });
  Object.defineProperty(analysis, HANDOFFS, { value: (local: string) => (reader ? safe(() => reader!.handOffs(local), []) : undefined), enumerable: false });
  Object.defineProperty(analysis, LOSS_CALLS, { value: (local: string) => (reader ? safe(() => reader!.lossCalls(local), []) : undefined), enumerable: false });
  Object.defineProperty(analysis, BASE_HANDOFFS, { value: (locals: ReadonlySet<string>) => (reader ? safe(() => reader!.baseHandOffs(locals), []) : undefined), enumerable: false });
  Object.defineProperty(analysis, OWN_HANDOFFS, { value: (locals: ReadonlySet<string>) => (reader ? safe(() => reader!.ownHandOffs(locals), []) : undefined), enumerable: false });
  Object.defineProperty(analysis, WARM, { value: (sliceMs: number) => uses !== undefined || !reader || safe(() => reader!.warm(sliceMs), true), enumerable: false });
  return { analysis, release: () => { reader = null; }, reading: nextVersion ? reading : undefined, counts: reader.counts };
}

/** Where a lazily read analysis follows the instances of an imported name while its tree is alive. */
const FEEDS = Symbol('activation-lens.feeds');

/**
 * Where the instances of the imported name `local` go (flow.ts instanceFeeds), read from the
 * analysis' own tree; undefined when it has none any more (released, or read whole).
 */
export function instanceFeedsOf(analysis: Analysis, local: string): InstanceFeed[] | undefined {
  const feeds = (analysis as { [FEEDS]?: (l: string) => InstanceFeed[] | undefined })[FEEDS];
  return feeds ? feeds(local) : undefined;
}

const FACTORY_EXPORTS = Symbol('activation-lens.factoryExports');

/** The file's model factories building the imported name `local` (flow.ts factoryExports); undefined without a live tree. */
export function factoryExportsOf(analysis: Analysis, local: string): FactoryExport[] | undefined {
  const h = (analysis as { [FACTORY_EXPORTS]?: (l: string) => FactoryExport[] | undefined })[FACTORY_EXPORTS];
  return h ? h(local) : undefined;
}

const HANDOFFS = Symbol('activation-lens.handOffs');

/** Where the instances of the imported name `local` are handed to other imported functions; undefined without a live tree. */
export function handOffsOf(analysis: Analysis, local: string): HandOff[] | undefined {
  const h = (analysis as { [HANDOFFS]?: (l: string) => HandOff[] | undefined })[HANDOFFS];
  return h ? h(local) : undefined;
}

const LOSS_CALLS = Symbol('activation-lens.lossCalls');

/** The losses calls of the imported name `local` give as arguments (flow.ts lossCalls); undefined without a live tree. */
export function lossCallsOf(analysis: Analysis, local: string): LossCall[] | undefined {
  const h = (analysis as { [LOSS_CALLS]?: (l: string) => LossCall[] | undefined })[LOSS_CALLS];
  return h ? h(local) : undefined;
}

const BASE_HANDOFFS = Symbol('activation-lens.baseHandOffs');
const HELPER_FEEDS = Symbol('activation-lens.helperFeeds');

/** The outputs of the imported name's models handed to imported functions (flow.ts helperFeeds); undefined without a live tree. */
export function helperFeedsOf(analysis: Analysis, local: string): HelperFeed[] | undefined {
  const h = (analysis as { [HELPER_FEEDS]?: (l: string) => HelperFeed[] | undefined })[HELPER_FEEDS];
  return h ? h(local) : undefined;
}
const OWN_HANDOFFS = Symbol('activation-lens.ownHandOffs');

/** The file's own model classes handed to functions it imports from files of the set (flow.ts ownHandOffs); undefined without a live tree. */
export function ownHandOffsOf(analysis: Analysis, imported: ReadonlySet<string>): HandOff[] | undefined {
  const h = (analysis as { [OWN_HANDOFFS]?: (l: ReadonlySet<string>) => HandOff[] | undefined })[OWN_HANDOFFS];
  return h ? h(imported) : undefined;
}

/** The models the file's classes hand to imported base classes (flow.ts baseHandOffs); undefined without a live tree. */
export function baseHandOffsOf(analysis: Analysis, locals: ReadonlySet<string>): HandOff[] | undefined {
  const h = (analysis as { [BASE_HANDOFFS]?: (l: ReadonlySet<string>) => HandOff[] | undefined })[BASE_HANDOFFS];
  return h ? h(locals) : undefined;
}

/** Where an analysis read without a next version finds a use's role, loss and gate (judgeUse). */
const JUDGE = Symbol('activation-lens.judge');

/**
 * Makes sure `use` (one of `analysis.uses`) has its role, loss, gate and log found. An analysis
 * read for one version only (`check`: AnalysisCache's `oneVersion`) leaves them to be found here,
 * so that a reader of findings follows only the values a finding may depend on; any other
 * analysis has them already.
 */
export function judgeUse(analysis: Analysis, use: ActivationUse): void {
  (analysis as { [JUDGE]?: (u: ActivationUse) => void })[JUDGE]?.(use);
}

const JUDGE_UNLESS_HIDDEN = Symbol('activation-lens.judgeUnlessHidden');

/**
 * As judgeUse, for a reader that needs `use` only if it may be a model's output: false, the use
 * left unjudged, where its value is found inside a model (its role would be 'hidden'); true once
 * judged (or judged already).
 */
export function judgeUseUnlessHidden(analysis: Analysis, use: ActivationUse): boolean {
  const judge = (analysis as { [JUDGE_UNLESS_HIDDEN]?: (u: ActivationUse) => boolean })[JUDGE_UNLESS_HIDDEN];
  return judge ? judge(use) : true;
}

/** The judgement of the use at the same place in a fresh reading. */
function copyJudgement(use: ActivationUse, from: ActivationUse[]): void {
  const same = from.find((u) => u.id === use.id && u.range.line === use.range.line && u.range.column === use.range.column);
  if (!same) return;
  use.role = same.role;
  use.loss = same.loss;
  if (same.lossRange) use.lossRange = same.lossRange;
  if (same.gate) use.gate = true;
  if (same.logTaken) use.logTaken = true;
  for (const k of FLOW_FLAGS) if (same[k]) use[k] = true;
  if (same.klTarget) use.klTarget = same.klTarget;
  setOutputEnds(use, [...outputEndsOf(same)]);
}

/** The flow's yes/no facts of a use beside its role and loss (analyze.ts judge), copied together wherever a judgement is. */
const FLOW_FLAGS = ['reconstructs', 'generates', 'shared', 'rescaled', 'binaryTargets', 'moreLosses', 'onward', 'softmaxAgain', 'picked', 'thresholded', 'normalizedAfter', 'lossLogged'] as const;

/** The names of the losses the file uses, each once, in order of first appearance. */
export function lossNamesOf(analysis: Analysis): string[] {
  const names = (analysis as { [NAMES]?: () => string[] })[NAMES];
  return names ? names() : [...new Set(analysis.losses.map((l) => l.name))];
}

/** Extends `starts` (where each line begins, from line 0) through `line` or the end of the text: a hover near the top reads only the top. */
function extendLineStarts(starts: number[], text: string, line: number): void {
  for (let i = starts.length - 1; i < line; i++) {
    const nl = text.indexOf('\n', starts[i]!);
    if (nl < 0) return;
    starts.push(nl + 1);
  }
}

/** Reads one Python source. `initPython` must have finished. Never throws on bad input. */
export function analyzePython(source: string): Analysis {
  const { text, truncated, binary } = parsableText(source);
  if (binary) return empty(true);
  const tree = parse(text);
  const forest = tree ? Forest.whole(tree, text) : null;
  try {
    return analyzeParsed(forest, text, truncated);
  } finally {
    forest?.delete();
  }
}

/**
 * Reads a notebook's code cells in order. Positions are relative to each cell; imports from
 * earlier cells count in later ones, and a loss anywhere in the notebook counts for all cells.
 * `onCell` sees each cell's tree while it is alive (index as in the result).
 */
export function analyzeNotebook(cells: string[], onCell?: (index: number, forest: Forest, text: string) => void): Analysis[] {
  const env = newImportEnv(true);
  const results: Analysis[] = [];
  const allUses: Array<Located<ActivationUse>> = [];
  const allLosses: Array<Located<LossUse>> = [];
  let offset = 0;
  for (const cell of cells) {
    const { text, truncated, binary } = parsableText(cell);
    const tree = binary ? null : parse(text);
    if (!tree) { results.push(empty(true)); offset += lineCount(cell); continue; }
    const forest = Forest.whole(tree, text);
    try {
      const r = run(forest, text, env);
      const uses = r.pending.map((p) => p.use);
      for (const u of uses) allUses.push({ item: u, line: offset + u.range.line });
      for (const l of r.losses) allLosses.push({ item: l, line: offset + l.line });
      results.push(withText({ uses, losses: r.losses, imports: r.imports, parseErrors: tree.rootNode.hasError, truncated: truncated || r.capped }, text));
      // Whoever else reads this cell's tree (the lint's expression patterns) does it now, before it is freed.
      if (onCell) { try { onCell(results.length - 1, forest, text); } catch { /* a reader's failure is not the analysis' */ } }
    } finally {
      forest.delete();
    }
    offset += lineCount(cell);
  }
  attachLosses(allUses, allLosses);
  safe(() => judgeAcrossCells(cells, results), undefined);
  return results;
}

/** A cell's shell and magic lines (`!pip …`, `%matplotlib …`) blanked: the same length, no Python in them. */
export function blankMagics(cell: string): string {
  return cell.replace(/^([ \t]*)([!%].*)$/gm, (_, indent: string, rest: string) => indent + ' '.repeat(rest.length));
}

/**
 * Roles and losses of a notebook's uses come from the cells read as one program, top to bottom:
 * a model defined in one cell is built, trained and rebound in later ones, and each binding of
 * `model`/`criterion` is its own value. Uses are found per cell (imports count from their cell
 * on); what the flow says about each is read from the whole.
 */
function judgeAcrossCells(cells: string[], results: Analysis[]): void {
  const texts = cells.map(blankMagics);
  const length = texts.reduce((n, t) => n + t.length + 1, -1);
  if (length > MAX_PARSE_CHARS || results.every((r) => r.uses.length === 0)) return;
  // a cell whose syntax runs on into the next is read as blank (joinCells.ts)
  const combined = joinCellsForReading(texts);
  const tree = parse(combined);
  if (!tree) return;
  const forest = Forest.whole(tree, combined);
  try {
    const reader = new FileReader(forest, combined, newImportEnv());
    let start = 0;
    let firstLine = 0;
    texts.forEach((text, i) => {
      const lines = lineStartsOfText(text);
      const endLine = firstLine + lines.length;
      for (const u of results[i]?.uses ?? []) {
        const lineStart = lines[u.range.line];
        if (lineStart === undefined) continue;
        const p = reader.at(start + lineStart + u.range.column);
        if (!p || p.use.id !== u.id) continue;
        reader.attachLoss(p.use);
        const w = p.use;
        u.role = w.role;
        u.loss = w.loss;
        // A loss named in another cell has no range in this one.
        if (w.lossRange && w.lossRange.line >= firstLine && w.lossRange.endLine < endLine) u.lossRange = { ...w.lossRange, line: w.lossRange.line - firstLine, endLine: w.lossRange.endLine - firstLine };
        else delete u.lossRange;
        if (w.gate) u.gate = true; else delete u.gate;
        for (const k of FLOW_FLAGS) if (w[k]) u[k] = true; else delete u[k];
        if (w.klTarget) u.klTarget = w.klTarget; else delete u.klTarget;
        setOutputEnds(u, [...outputEndsOf(w)]);
      }
      start += text.length + 1;
      firstLine = endLine;
    });
  } finally {
    forest.delete();
  }
}

function lineStartsOfText(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The use whose activation name covers (line, column), 0-based; the end of the name counts (VS Code's word range). */
export function useAt(analysis: Analysis, line: number, column: number): ActivationUse | undefined {
  const point = (analysis as { [POINT]?: PointLookup })[POINT];
  if (point) return point(line, column);
  return searchUses(analysis.uses, line, column) ?? (inText(analysis, line, column) ? searchCovering(analysis.uses, line, column) : undefined);
}

/** The innermost use whose call holds (line, column): the cursor on its arguments or on the `F` of `F.relu`. */
function searchCovering(uses: ActivationUse[], line: number, column: number): ActivationUse | undefined {
  let best: ActivationUse | undefined;
  const before = (l: number, c: number, l2: number, c2: number) => l < l2 || (l === l2 && c <= c2);
  for (const u of uses) {
    const r = u.callRange;
    if (!r || !before(r.line, r.column, line, column) || !before(line, column, r.endLine, r.endColumn)) continue;
    if (!best || innerCall(r, best.callRange!)) best = u;
  }
  return best;
}

function searchUses(uses: ActivationUse[], line: number, column: number): ActivationUse | undefined {
  let lo = 0;
  let hi = uses.length - 1;
  // Names never overlap, and uses are sorted by start: find the last one starting at or before the point.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const r = uses[mid]!.range;
    if (r.line < line || (r.line === line && r.column <= column)) lo = mid;
    else hi = mid - 1;
  }
  const u = uses[lo];
  if (!u) return undefined;
  const r = u.range;
  const afterStart = r.line < line || (r.line === line && r.column <= column);
  const beforeEnd = r.endLine > line || (r.endLine === line && r.endColumn >= column);
  return afterStart && beforeEnd ? u : undefined;
}
