// `activation-lens check [options] PATH...`: the Problems panel's findings for CI. The same
// analysis, cache and rule table as the editor; formats text, json, sarif, github.
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { relative, isAbsolute } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { initPython } from '../python';
import { parse } from '../python/parser';
import { findingsCache, fixAll, lintCachedFile, lintCachedNotebook, RULES, unknownSelectors, type Finding, type LintOptions } from '../lint';
import { CliError, parserWasm, notebookCells, readError, type NotebookJson } from './wasm';
import { keepFollowForNextVersion, setFollowClock } from '../autograd/follow';
import { sketchClassesFirst } from '../custom';
import { forgetFileMemos } from '../python/fileMemos';
import { collectFiles, isCheckable, uniqueFiles } from './files';
import { CHECK_THREAD_ARG } from './checkThreadArg';
import { githubLine, jsonLine, sarif, textLine, textSummary, type Format, type Located } from './report';
import { checkAcrossFiles, fileLinks, notebookLinks, RunModules, slashed, type FileLinks } from './crossFile';
import { starTorchIndex } from '../lint/join';
import { withStarTorch } from '../python/imports';
import type { ExternalLosses } from '../lint/external';
import { lossNamesOf } from '../python';
import { wantOutputEnds } from '../python/crossFile';
import { importedModels, modelReturnsOfText, type ModelReturns } from '../lint/importedModels';
import type { ModelResolver } from '../lint/cached';

export const CHECK_USAGE = `Usage: activation-lens check [options] PATH...

Reports mistakes with PyTorch activations and losses (softmax before CrossEntropyLoss, log of a
softmax, a missing dim, ...) in Python files (.py) and Jupyter notebooks (.ipynb). Folders are
searched for both, skipping hidden folders, node_modules, virtual environments and what
.gitignore ignores.

Options:
  --format FORMAT     text (default), json (one object per line), sarif (SARIF 2.1.0), github
  --select CODES      only these codes or prefixes, comma-separated (AL101,AL3; ALL)
  --ignore CODES      never these codes or prefixes
  --fix               apply safe fixes in place
  --unsafe-fixes      with --fix, also apply fixes that change what the model computes
  --show-hints        also report hints (AL401)
  --jobs N            files checked in N threads at once (default: one per core, up to 4, for 256 or more files)
  -h, --help          show this help

Exit status: 0 no findings, 1 findings, 2 bad usage or a file that could not be read.
Rules: docs/rules/CODE.md
`;

interface Args { format: Format; select?: string[]; ignore?: string[]; fix: boolean; unsafe: boolean; showHints: boolean; jobs?: number; paths: string[] }

function parseArgs(argv: string[]): Args {
  const a: Args = { format: 'text', fix: false, unsafe: false, showHints: false, paths: [] };
  const codes = (v: string | undefined, opt: string) => {
    if (v === undefined || v.startsWith('--')) throw new CliError(`${opt} needs a value`);
    const list = v.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = unknownSelectors(list, RULES.map((r) => r.code));
    if (bad.length) throw new CliError(`unknown rule selector '${bad[0]}' in ${opt} (codes: ${RULES.map((r) => r.code).join(', ')}, prefixes such as AL1, or ALL)`);
    return list;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const [name, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (name) {
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json' && v !== 'sarif' && v !== 'github') throw new CliError(`--format must be text, json, sarif or github (got '${v ?? ''}')`);
        a.format = v;
        break;
      }
      case '--select': a.select = [...(a.select ?? []), ...codes(value(), '--select')]; break;
      case '--ignore': a.ignore = [...(a.ignore ?? []), ...codes(value(), '--ignore')]; break;
      case '--fix': a.fix = true; break;
      case '--unsafe-fixes': a.unsafe = true; break;
      case '--show-hints': a.showHints = true; break;
      case '--jobs': case '-j': {
        const v = value();
        const n = Number(v);
        if (v === undefined || !Number.isInteger(n) || n < 1 || n > 64) throw new CliError(`--jobs needs a whole number from 1 to 64 (got '${v ?? ''}')`);
        a.jobs = n;
        break;
      }
      case '--': a.paths.push(...argv.slice(i + 1)); i = argv.length; break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new CliError(`unknown option '${arg}'`);
        a.paths.push(arg);
    }
  }
  if (a.paths.length === 0) throw new CliError('check needs at least one PATH');
  if (a.unsafe && !a.fix) throw new CliError('--unsafe-fixes needs --fix');
  return a;
}

function parses(text: string): boolean {
  const tree = parse(text);
  if (!tree) return false;
  try { return !tree.rootNode.hasError; } finally { tree.delete(); }
}

const shownAs = (file: string) => { const d = isAbsolute(file) ? file : relative(process.cwd(), file) || file; return process.platform === 'win32' ? d.split('\\').join('/') : d; };
/** A file as findings name it. Asked for once per finding, in a row for the same file: path.relative resolves both paths each time (~5 µs). */
const display = (() => {
  let last = '';
  let shown = '';
  return (file: string) => {
    if (file !== last) { shown = shownAs(file); last = file; }
    return shown;
  };
})();

let version = 0;

interface FileResult { found: Located[]; fixed: string[]; links?: FileLinks }

/** The run's files as modules its files import (crossFile.ts); set before any file is checked. */
let run: RunModules | undefined;

/** A file of the run as a module another imports (its text; undefined where it cannot be read). */
const readRunFile = (module: string): string | undefined => { try { return readFileSync(module, 'utf8'); } catch { return undefined; } };

/** What star imports of the run's files give the file being read (join.ts starTorchIndex); set with `run`. */
let stars: ReturnType<typeof starTorchIndex> | undefined;

/** The run's files by their path as the join names them ('/'-separated, absolute), as given. */
let shownFiles = new Map<string, string>();

/** The model classes of files of the run, read once per file (and thread) when a log of another file's model asks. */
const modelReturns = new Map<string, ModelReturns>();
const modelsOf = (module: string): ModelReturns => {
  let m = modelReturns.get(module);
  if (!m) {
    let text = '';
    try { text = readFileSync(module, 'utf8'); } catch { /* unreadable: no models */ }
    modelReturns.set(module, (m = modelReturnsOfText(text)));
  }
  return m;
};

/** For `file`: the logs of models whose class another file of the run defines (importedModels.ts). */
const modelResolver = (file: string): ModelResolver | undefined => {
  const index = run;
  if (!index) return undefined;
  const self = slashed(file);
  return (patterns, imports) => importedModels(self, patterns, imports, index, modelsOf, (module, line) => `${shownAs(shownFiles.get(module) ?? module)}:${line + 1}`);
};

function checkPython(file: string, text: string, opts: LintOptions, args: Args, external?: ExternalLosses): FileResult {
  // Without --fix each file is read at one version: nothing is kept for a next one.
  const cache = findingsCache(1, !args.fix);
  const key = file;
  const models = modelResolver(file);
  const lintText = (t: string) => lintCachedFile(cache, key, ++version, t, opts, undefined, external, models);
  let fixed: string[] = [];
  if (args.fix) {
    const r = fixAll(text, lintText, { unsafe: args.unsafe, parses });
    fixed = r.fixed;
    if (r.text !== text) { writeFileSync(file, r.text); text = r.text; }
  }
  const found = lintText(text).map((finding) => ({ file: display(file), finding }));
  const analysis = run && !external ? cache.get(key, version, text) : undefined;
  const links = analysis && run ? fileLinks(file, text, analysis, lossNamesOf(analysis), run) : undefined;
  cache.clear();
  return { found, fixed, links };
}

/** Writes the cells back into the notebook's own JSON: only `source` changes; the indentation is kept. */
function writeNotebook(file: string, raw: string, nb: NotebookJson, changed: Map<number, string>): void {
  for (const [index, source] of changed) {
    const cell = nb.cells![index]!;
    cell.source = Array.isArray(cell.source) ? source.split(/(?<=\n)/) : source;
  }
  const indent = /^\{\r?\n( +|\t)/.exec(raw)?.[1] ?? 1;
  writeFileSync(file, JSON.stringify(nb, null, indent) + (raw.endsWith('\n') ? '\n' : ''));
}

function checkNotebook(file: string, raw: string, opts: LintOptions, args: Args): FileResult {
  const { nb, cells } = notebookCells(file, raw);
  const cache = findingsCache(1);
  const sources = cells.map((c) => c.source);
  const models = modelResolver(file);
  const lintAll = () => lintCachedNotebook(cache, file, ++version, sources, opts, undefined, models);
  const fixed: string[] = [];
  if (args.fix) {
    const changed = new Map<number, string>();
    for (let i = 0; i < sources.length; i++) {
      const before = sources[i]!;
      const r = fixAll(before, (t) => { sources[i] = t; return lintAll()[i] ?? []; }, { unsafe: args.unsafe, parses });
      sources[i] = r.text;
      fixed.push(...r.fixed);
      if (r.text !== before) changed.set(cells[i]!.index, r.text);
    }
    if (changed.size) writeNotebook(file, raw, nb, changed);
  }
  const found: Located[] = [];
  lintAll().forEach((fs: Finding[], i) => { for (const finding of fs) found.push({ file: display(file), cell: cells[i]!.index + 1, finding }); });
  const links = run ? notebookLinks(file, sources, cells.map((c) => c.index), cache.getNotebook(file, version, sources), run) : undefined;
  cache.clear();
  return { found, fixed, links };
}

/** What checking one file gave: its findings, the fixes applied, and errors in the user's words. */
interface Outcome { display: string; found: Located[]; fixed: string[]; errors: string[]; links?: FileLinks }

function checkFile(file: string, args: Args, opts: LintOptions, external?: ExternalLosses): Outcome {
  // what a model file's outputs leave through is read only once the losses other files feed them are known
  wantOutputEnds(external !== undefined);
  const o: Outcome = { display: display(file), found: [], fixed: [], errors: [] };
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    o.errors.push(`activation-lens: ${readError(file, e).message}\n`);
    return o;
  }
  try {
    const nbook = /\.ipynb$/i.test(file) || (!isCheckable(file) && raw.trimStart().startsWith('{') && raw.includes('"cells"'));
    const r = withStarTorch(stars?.of(slashed(file)), () => (nbook ? checkNotebook(file, raw, opts, args) : checkPython(file, raw, opts, args, external)));
    o.found = r.found;
    o.fixed = r.fixed;
    if (r.links) o.links = r.links;
  } catch (e) {
    o.errors.push(`activation-lens: ${e instanceof CliError ? e.message : `${display(file)}: ${(e as Error).message}`}\n`);
  }
  // Read once (no --fix): nothing derived from this file serves the next one (fileMemos.ts).
  if (!args.fix) forgetFileMemos();
  return o;
}

/**
 * Files are independent: with many, flake8's way (one process per core) in threads. Each thread
 * loads the bundle and the parser and warms its own JIT, and one thread already keeps a second
 * core busy with V8's background compiles and GC (~1.25 s of CPU for ~0.82 s of wall time on the
 * bench tree), so on 2 cores threads pay off only on larger trees. Measured (session 10, no
 * warm-ups, code cache, idle machine at the start of each run): 60 files 0.52–0.59 s in one thread
 * against 0.55–0.69 s in two, 120 files (12,740 lines) 0.82–1.16 s against 0.84–1.55 s; session 9:
 * 600 files 3.25 s against 2.76 s.
 */
const PARALLEL_FROM = 256;
const MAX_AUTO_JOBS = 4;

/**
 * A thread can run this file again only when it is the bundled CLI (a .js file), not the sources
 * under a loader; through the bin (src/cliLoader.ts) when it started this one, for its code cache.
 */
const bundled = (): string | null => {
  const entry = (globalThis as Record<symbol, unknown>)[Symbol.for('activation-lens.cli-entry')];
  if (typeof entry === 'string') return entry;
  return typeof __filename === 'string' && __filename.endsWith('.js') ? __filename : null;
};

/**
 * Every file's outcome, in the order of `files`. File k goes to thread k mod jobs; this thread
 * takes its own share meanwhile, and a thread that fails hands its files back to this one.
 */
async function checkAll(files: string[], args: Args, opts: LintOptions, argv: string[], init: () => Promise<void>): Promise<Outcome[]> {
  const outcomes: Array<Outcome | undefined> = new Array(files.length);
  const script = bundled();
  const jobs = Math.min(args.jobs ?? (files.length >= PARALLEL_FROM ? Math.min(availableParallelism(), MAX_AUTO_JOBS) : 1), files.length);
  const threads: Array<Promise<void>> = [];
  const workers: Worker[] = [];
  if (jobs > 1 && script) {
    const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
    for (let w = 1; w < jobs; w++) {
      const mine = files.map((f, i) => [f, i] as const).filter(([, i]) => i % jobs === w);
      threads.push(new Promise<void>((resolve) => {
        let worker: Worker;
        try {
          worker = new Worker(script, { argv: [CHECK_THREAD_ARG], workerData: { activationLensCheck: { argv, files: mine.map(([f]) => f), all: files } } });
        } catch {
          resolve();
          return;
        }
        workers.push(worker);
        worker.on('message', (m: Outcome[]) => { m.forEach((o, k) => { outcomes[mine[k]![1]] = o; }); });
        worker.on('error', () => resolve());
        worker.on('exit', () => resolve());
      }));
    }
  }
  try {
    await init();
  } catch (e) {
    for (const w of workers) void w.terminate();
    throw e;
  }
  const share = (i: number) => !(jobs > 1 && script) || i % jobs === 0;
  files.forEach((f, i) => { if (share(i)) outcomes[i] = checkFile(f, args, opts); });
  await Promise.all(threads);
  // A thread that could not start or failed: its files are checked here.
  return files.map((f, i) => outcomes[i] ?? checkFile(f, args, opts));
}

/** The autograd follower's clock backstop in `check`: the same findings on a loaded CI runner as on a quiet laptop. */
const CHECK_FOLLOW_MS = 10_000;

/**
 * Without --fix each file is read at one version (see checkPython): the autograd follower keeps
 * nothing for a next one, and AL601 decides model classes on their sketch instead of lowering them.
 */
function readsOneVersion(on: boolean): void {
  keepFollowForNextVersion(!on);
  sketchClassesFirst(on);
}

/** The thread's side of checkAll (the CLI's entry calls it when started as a check thread). */
export async function checkThread(data: { argv: string[]; files: string[]; all?: string[] }): Promise<void> {
  const args = parseArgs(data.argv);
  run = new RunModules(data.all ?? data.files, args.paths);
  stars = starTorchIndex(run, readRunFile);
  shownFiles = new Map((data.all ?? data.files).map((f) => [slashed(f), f]));
  setFollowClock(CHECK_FOLLOW_MS);
  readsOneVersion(!args.fix);
  await initPython(parserWasm());
  const opts: LintOptions = { select: args.select, ignore: args.ignore, showHints: args.showHints };
  const { parentPort } = require('node:worker_threads') as typeof import('node:worker_threads');
  parentPort!.postMessage(data.files.map((f) => checkFile(f, args, opts)));
}

function packageVersion(): string {
  for (const p of ['../package.json', '../../package.json']) {
    try { return (JSON.parse(readFileSync(require.resolve(p), 'utf8')) as { version: string }).version; } catch { /* next */ }
  }
  return '0.0.0';
}

export async function check(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) { out(CHECK_USAGE); return 0; }
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    err(`activation-lens check: ${(e as Error).message}\n\n${CHECK_USAGE}`);
    return 2;
  }
  setFollowClock(CHECK_FOLLOW_MS);
  readsOneVersion(!args.fix);
  const opts: LintOptions = { select: args.select, ignore: args.ignore, showHints: args.showHints };
  let failed = false;
  const files: string[] = [];
  for (const p of args.paths) {
    try {
      files.push(...collectFiles(p));
    } catch (e) {
      err(`activation-lens: ${readError(p, e).message}\n`);
      failed = true;
    }
  }
  files.splice(0, files.length, ...uniqueFiles(files));
  run = new RunModules(files, args.paths);
  stars = starTorchIndex(run, readRunFile);
  shownFiles = new Map(files.map((f) => [slashed(f), f]));
  let outcomes: Outcome[];
  try {
    // The threads start before the parser loads here: each loads its own meanwhile.
    outcomes = await checkAll(files, args, opts, argv, () => initPython(parserWasm()));
  } catch (e) {
    err(`activation-lens: ${(e as Error).message}\n`);
    return 2;
  }
  outcomes = checkAcrossFiles(files, outcomes, (file, external) => checkFile(file, args, opts, external), run);
  const all: Located[] = [];
  let fixedCount = 0;
  // What goes to stdout is written at once, up to a file's errors (stderr keeps its place among
  // the findings): a write per finding cost more than the formatting.
  let pending = '';
  const flush = () => { if (pending) out(pending); pending = ''; };
  for (const r of outcomes) {
    if (r.errors.length) flush();
    for (const e of r.errors) err(e);
    if (r.errors.length) failed = true;
    if (r.fixed.length && args.format === 'text') pending += `Fixed ${r.fixed.length} in ${r.display}: ${[...new Set(r.fixed)].join(', ')}\n`;
    if (r.fixed.length && args.format !== 'text') { flush(); err(`Fixed ${r.fixed.length} in ${r.display}: ${[...new Set(r.fixed)].join(', ')}\n`); }
    fixedCount += r.fixed.length;
    all.push(...r.found);
    if (args.format === 'json') for (const l of r.found) pending += jsonLine(l) + '\n';
    else if (args.format === 'github') for (const l of r.found) pending += githubLine(l) + '\n';
    else if (args.format === 'text') for (const l of r.found) pending += textLine(l) + '\n';
  }
  if (args.format === 'sarif') pending += sarif(all, packageVersion());
  if (args.format === 'text') pending += textSummary(all, fixedCount, args.fix, args.unsafe);
  flush();
  return failed ? 2 : all.length ? 1 : 0;
}
