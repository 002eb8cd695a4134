// Findings that depend on other files of the workspace: the model file open in the editor gets
// AL101 because a train.py or a notebook beside it feeds its model into CrossEntropyLoss. The
// files that may import it are read lazily (bounded, its own folder and package first, listed as
// `check` lists them), each one's links (src/lint/join.ts, the same code as `check`) computed in
// the findings worker and kept per version; the join gives the losses lint() judges the model
// file with (external.ts). The look runs beside the file's own findings, never before them.
import * as vscode from 'vscode';
import { documentStars, getAnalysis, linksOf, setDocumentStars } from './pythonAnalysis';
import type { LinkIndex } from '../lint/workerCore';
import type { ExternalLosses } from '../lint/external';
import { dirOf, expandFroms, expandHandOffs, expandStars, joinLinks, ModuleIndex, starModules, starTorchIndex, type FileLinks, type LinkedFile } from '../lint/join';
import type { StarTorchEntries } from '../python/imports';
import type { Analysis } from '../python/types';
import { importWords } from '../lint/importWords';
import { notebookCodeCells } from '../lint/notebookJson';
import { gitIgnored, parseGitignore, SKIPPED_FOLDERS, type IgnoreFile } from '../lint/gitignore';
import { paramLinksOfText, returnedLossOfText, starExports, type StarExports } from '../python/crossFile';
import { importedModelNames, importedModules, modelReturnsOfText, type ImportedModel, type ModelReturns } from '../lint/importedModels';

/**
 * At most this many Python files and notebooks of a folder are listed (a bound against a folder
 * of generated code; the nearest are chosen among them), and per question read and analysed.
 */
const MAX_LISTED = 20000;
const MAX_SCANNED = 400;
const MAX_ANALYSED = 64;
/** A file larger than this is not read as a possible importer (a data dump, a generated file). */
const MAX_BYTES = 512 * 1024;
/** Files read at a time. */
const READ_BATCH = 16;
/** How long a look holds the extension host's thread before it lets others run (hovers, typing). */
const SLICE_MS = 10;
/**
 * Skipped as `check` skips them (src/cli/files.ts): hidden folders, node_modules, __pycache__,
 * site-packages; virtual environments by their pyvenv.cfg and .gitignore'd files are left out below.
 */
const SKIPPED = ['**/.*/**', ...SKIPPED_FOLDERS.map((f) => `**/${f}/**`)];

interface Listing {
  /** Paths as the join names them → URI. */
  files: Map<string, vscode.Uri>;
  /** Which listing this is (the worker keeps the file index of the last one it got). */
  id: number;
}
let listings = 0;

/** Each folder's Python files and notebooks, listed once until a file is created or deleted. */
const listed = new Map<string, Promise<Listing>>();

/**
 * The exclude glob: ours and the user's `files.exclude` (findFiles applies `files.exclude` only
 * when given no exclude of its own, so it is merged in here).
 */
function excludeOf(folder: vscode.WorkspaceFolder): string {
  const user = vscode.workspace.getConfiguration('files', folder.uri).get<Record<string, unknown>>('exclude') ?? {};
  return `{${[...SKIPPED, ...Object.keys(user).filter((k) => user[k] === true)].join(',')}}`;
}

const keptBy = (l: { venvs: string[]; ignores: IgnoreFile[] }, path: string) => !l.venvs.some((v) => path.startsWith(`${v}/`)) && !gitIgnored(l.ignores, path);

function listFolder(folder: vscode.WorkspaceFolder): Promise<Listing> {
  const key = folder.uri.toString();
  let p = listed.get(key);
  if (!p) {
    p = (async (): Promise<Listing> => {
      const exclude = excludeOf(folder);
      const [uris, cfgs, gitignores] = await Promise.all([
        vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.{py,ipynb}'), exclude, MAX_LISTED),
        vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/pyvenv.cfg'), exclude, 100),
        vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/.gitignore'), exclude, 200),
      ]);
      const root = folder.uri.path.replace(/\/+$/, '');
      const venvs = cfgs.map((u) => dirOf(u.path)).filter((d) => d !== root);
      const ignores: IgnoreFile[] = [];
      for (const u of gitignores) {
        try { ignores.push({ base: dirOf(u.path), rules: parseGitignore(new TextDecoder().decode(await vscode.workspace.fs.readFile(u))) }); } catch { /* unreadable: ignores nothing */ }
      }
      // Outer files first: a nested .gitignore's rules come after (and override) its parents'.
      ignores.sort((x, y) => x.base.length - y.base.length);
      return { id: ++listings, files: new Map(uris.filter((u) => keptBy({ venvs, ignores }, u.path)).map((u) => [u.path, u] as const)) };
    })().catch(() => ({ id: ++listings, files: new Map<string, vscode.Uri>() }));
    listed.set(key, p);
  }
  return p;
}

interface Seen {
  /** The document's version when open, else 'disk' (kept until the watcher reports a change). */
  version: string;
  /** The names its import statements write (a cheap look before any parse). */
  words: Set<string>;
  /** Its links once analysed (null: not yet). */
  links: FileLinks | undefined | null;
  /** Kept only for a file with `from … import *` of the set, whose feeds depend on the names of the model file asked about. */
  source?: Source;
}
/** What was read of each possible importer. */
const seen = new Map<string, Seen>();

/** Per document (URI): the losses of its last finished look through the workspace (crossFileLosses). */
const last = new Map<string, ExternalLosses | undefined>();

/**
 * The losses the document's last finished look found: what its diagnostics, quick fixes, fix-all
 * and hover judge its models with, so that all of them say the same.
 */
export function lastCrossFileLosses(document: vscode.TextDocument): ExternalLosses | undefined {
  return last.get(document.uri.toString());
}

/** A closed document's last losses are dropped. */
export function forgetCrossFileLosses(uri: vscode.Uri): void {
  last.delete(uri.toString());
  lastModels.delete(uri.toString());
}

/**
 * Something in the workspace changed: what was read of that file is read again when next asked.
 * A file created or deleted also changes what the imports naming it resolve to: the files whose
 * imports write its name (or a package folder's above it) are analysed again, and the folder is
 * listed again; the rest stays as read. No URI: everything is read again.
 */
export function forgetCrossFile(uri?: vscode.Uri, change: 'changed' | 'created' | 'deleted' = 'changed'): void {
  if (!uri) { listed.clear(); seen.clear(); modelsSeen.clear(); return; }
  seen.delete(uri.toString());
  modelsSeen.delete(uri.toString());
  if (change === 'changed') return;
  const names = new Set([stem(uri.path), ...dirOf(uri.path).split('/')].filter(Boolean));
  for (const s of seen.values()) if ([...s.words].some((w) => names.has(w))) s.links = null;
  // Listed again when next asked (one search; many files are often created at once).
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (folder) listed.delete(folder.uri.toString());
}

const stem = (p: string) => p.slice(p.lastIndexOf('/') + 1).replace(/\.py$/i, '');

/**
 * Words an importer of `path` must write in an import: the module's own name, or a package's
 * above it (a re-export in `__init__.py`, `import pkg.models`), as far up as `__init__.py` files go.
 */
function namesOf(path: string, files: ReadonlyMap<string, vscode.Uri>): string[] {
  const names = [stem(path)];
  for (let d = dirOf(path), i = 0; i < 16 && files.has(`${d}/__init__.py`); d = dirOf(d), i++) names.push(stem(d));
  return names.filter((n) => n && n !== '__init__');
}

/** Its own folder first, then the folders nearest it. */
function nearestFirst(path: string, candidates: string[]): string[] {
  const dir = dirOf(path).split('/');
  const apart = (p: string) => { const d = dirOf(p).split('/'); let i = 0; while (i < d.length && i < dir.length && d[i] === dir[i]) i++; return dir.length - i + (d.length - i); };
  return candidates.map((p) => ({ p, k: apart(p) })).sort((a, b) => a.k - b.k || (a.p < b.p ? -1 : a.p > b.p ? 1 : 0)).map((x) => x.p);
}

type Source = { text: string; notebook?: vscode.NotebookDocument };

/** A file's text as the editor has it (an open document or notebook), else as saved; undefined if unreadable or too large. */
async function textOf(uri: vscode.Uri): Promise<Source | undefined> {
  const key = uri.toString();
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  if (open) return { text: open.getText() };
  const nb = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === key);
  if (nb) return { text: nb.getCells().map((c) => c.document.getText()).join('\n'), notebook: nb };
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_BYTES) return undefined;
    return { text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
  } catch {
    return undefined;
  }
}

function codeCellsOf(source: Source): { cells: string[]; index: number[] } | undefined {
  let code: Array<{ index: number; source: string }> | undefined;
  if (source.notebook) {
    code = source.notebook.getCells().map((c, index) => ({ c, index })).filter(({ c }) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python').map(({ c, index }) => ({ index, source: c.document.getText() }));
  } else {
    try { code = notebookCodeCells(JSON.parse(source.text)); } catch { code = undefined; }
  }
  return code && { cells: code.map((c) => c.source), index: code.map((c) => c.index) };
}

/** A file's links, computed in the findings worker (src/lint/linksOf.ts). */
function computeLinks(path: string, source: Source, files: Required<LinkIndex>, index: () => ModuleIndex): Promise<FileLinks | undefined> {
  if (/\.ipynb$/i.test(path)) {
    const nb = codeCellsOf(source);
    return nb ? linksOf(path, { cells: nb.cells, cellIndex: nb.index }, files, index) : Promise.resolve(undefined);
  }
  return linksOf(path, { text: source.text }, files, index);
}

/** The current version of a file's reading, or undefined when a closed file cannot be read. */
async function look(uri: vscode.Uri): Promise<{ entry: Seen; source?: Source } | undefined> {
  const key = uri.toString();
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  const nb = open ? undefined : vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === key);
  const version = open ? `d${open.version}` : nb ? `n${nb.version}:${nb.getCells().map((c) => c.document.version).join(',')}` : 'disk';
  const known = seen.get(key);
  if (known && known.version === version) return { entry: known };
  const source = await textOf(uri);
  if (!source) return undefined;
  const entry: Seen = { version, words: importWords(source.text), links: null };
  seen.set(key, entry);
  return { entry, source };
}

/** A file's links with its `from <this document> import *` followed, for this document's names (a copy: the kept links stay as read). */
function withStars(links: FileLinks, path: string, source: Source, self: string, document: vscode.TextDocument, index: () => ModuleIndex): FileLinks {
  if (!links.stars?.includes(self)) return links;
  const copy: FileLinks = { feeds: [...links.feeds], exports: links.exports, stars: [self], ...(links.starsLossless ? { starsLossless: true as const } : {}), ...(links.handoffs ? { handoffs: [...links.handoffs] } : {}) };
  try {
    const nb = /\.ipynb$/i.test(path) ? codeCellsOf(source) : undefined;
    expandStars(copy, nb ? { cells: nb.cells, cellIndex: nb.index } : { text: source.text }, () => starExports(document.getText()), { file: path, index: index() });
  } catch {
    delete copy.stars;
  }
  return copy;
}

/**
 * A file's links with its `from config import criterion` read, where it imports a model of this
 * document by name too: the loss instances the other files build (their text read now) as their
 * losses (a copy: the kept links stay as read).
 */
async function withFroms(links: FileLinks, path: string, source: Source, self: string, document: vscode.TextDocument, all: ReadonlyMap<string, vscode.Uri>): Promise<FileLinks> {
  if (!links.froms?.some((f) => f.module === self)) return links;
  const copy: FileLinks = { ...links, feeds: [...links.feeds] };
  const given = new Map<string, StarExports>();
  const texts = new Map<string, string>();
  for (const f of links.froms) {
    if (f.module === self || given.has(f.module)) continue;
    const uri = all.get(f.module);
    const text = uri ? (await textOf(uri))?.text : undefined;
    if (text !== undefined) { given.set(f.module, starExports(text)); texts.set(f.module, text); }
  }
  try {
    const nb = /\.ipynb$/i.test(path) ? codeCellsOf(source) : undefined;
    expandFroms(copy, nb ? { cells: nb.cells, cellIndex: nb.index } : { text: source.text }, (m) => (m === self ? starExports(document.getText()) : given.get(m)),
      (m, fn) => (texts.has(m) ? returnedLossOfText(texts.get(m)!, fn) : null));
  } catch {
    delete copy.froms;
  }
  return copy;
}

/**
 * A file's links with the hand-offs of this document's models followed into the training
 * functions of the files they go to (read now; named in `linked` so that findings name them).
 */
async function withHandOffs(links: FileLinks, self: string, all: ReadonlyMap<string, vscode.Uri>, linked: LinkedFile[], index: () => ModuleIndex): Promise<FileLinks> {
  const mine = links.handoffs!.filter((h) => h.module === self);
  const texts = new Map<string, string>();
  const load = async (module: string) => {
    if (texts.has(module)) return;
    const uri = all.get(module);
    texts.set(module, uri ? (await textOf(uri))?.text ?? '' : '');
    if (uri && !linked.some((l) => l.file === module)) linked.push({ file: module, display: vscode.workspace.asRelativePath(uri, false), uri: uri.toString() });
  };
  for (const h of mine) {
    await load(h.to.module);
    for (const f of h.factories ?? []) await load(f.module);
  }
  // A function handing the model on to one of a further file: that file is read, and the hand-offs followed again.
  let copy: FileLinks = { feeds: [...links.feeds], exports: links.exports };
  for (let round = 0; round < 4; round++) {
    copy = { feeds: [...links.feeds], exports: links.exports, handoffs: mine };
    const missing = new Set<string>();
    const textFor = (module: string) => {
      const t = texts.get(module);
      if (t === undefined) missing.add(module);
      return t ?? '';
    };
    try {
      expandHandOffs(copy, (module, fn, arg, given, losses, asClass, asValue) => paramLinksOfText(textFor(module), fn, arg, given, losses, asClass, asValue), { index: index(), returnedLoss: (module, fn) => returnedLossOfText(textFor(module), fn) });
    } catch {
      delete copy.handoffs;
    }
    if (!missing.size) break;
    for (const m of missing) await load(m);
  }
  return copy;
}

/** The extension host's thread is let go (a macrotask: hovers, typing and the worker's answers run meanwhile). */
const yieldToOthers = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The losses other files of the document's workspace folder feed the models it defines into,
 * or undefined (none found, not a file of a folder, nothing imports it, or the document closed
 * meanwhile). Files are read a batch at a time and analysed one at a time, the thread let go
 * every SLICE_MS.
 */
/** A Python file's workspace folder and that folder's files, the file itself among them (paths as the join names them). */
async function folderOf(document: vscode.TextDocument): Promise<{ folder: vscode.WorkspaceFolder; id: number; self: string; all: Map<string, vscode.Uri> } | undefined> {
  if (document.uri.scheme === 'vscode-notebook-cell' || !/\.py$/i.test(document.uri.path)) return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  if (!folder) return undefined;
  const { files, id } = await listFolder(folder);
  const self = document.uri.path;
  const all = new Map(files);
  all.set(self, document.uri);
  return { folder, id, self, all };
}

async function lookThrough(document: vscode.TextDocument): Promise<ExternalLosses | undefined> {
  const listed = await folderOf(document);
  if (!listed) return undefined;
  const { folder, id, self, all } = listed;
  // The worker gets the file index once per listing (and document), the extension host builds its own only if it must.
  const linkIndex = { key: `${id}|${self}`, files: [...all.keys()], roots: [folder.uri.path] };
  let built: ModuleIndex | undefined;
  const index = () => (built ??= new ModuleIndex(linkIndex.files, linkIndex.roots));
  const words = namesOf(self, all);
  const linked: LinkedFile[] = [];
  let analysed = 0;
  let slice = performance.now();
  const order = nearestFirst(self, [...all.keys()].filter((p) => p !== self)).slice(0, MAX_SCANNED);
  for (let at = 0; at < order.length && analysed < MAX_ANALYSED; at += READ_BATCH) {
    const batch = order.slice(at, at + READ_BATCH);
    const looks = await Promise.all(batch.map((path) => look(all.get(path)!)));
    for (let i = 0; i < batch.length && analysed < MAX_ANALYSED; i++) {
      if (document.isClosed) return undefined;
      if (performance.now() - slice > SLICE_MS) { await yieldToOthers(); slice = performance.now(); }
      const path = batch[i]!;
      const uri = all.get(path)!;
      const got = looks[i];
      const isInit = /\/__init__\.py$/.test(path) && self.startsWith(dirOf(path) + '/');
      if (!got || (!isInit && !words.some((w) => got.entry.words.has(w)))) continue;
      if (got.entry.links === null) {
        // Read again (its text was not kept) only when it must be analysed.
        const source = got.source ?? (await textOf(uri));
        if (!source) continue;
        analysed++;
        got.entry.links = await computeLinks(path, source, linkIndex, index);
        if (document.isClosed) return undefined;
        if (got.entry.links?.stars || got.entry.links?.froms) got.entry.source = source;
      }
      let links = got.entry.links;
      if (links?.froms && got.entry.source) links = await withFroms(links, path, got.entry.source, self, document, all);
      if (links?.stars && got.entry.source) links = withStars(links, path, got.entry.source, self, document, index);
      if (links?.handoffs?.some((h) => h.module === self)) links = await withHandOffs(links, self, all, linked, index);
      if (links) linked.push({ file: path, display: vscode.workspace.asRelativePath(uri, false), uri: uri.toString(), links });
    }
  }
  // The document's own classes handing its model to a trainer base class of another file
  // (`class GMFEngine(Engine): self.model = GMF(config)`): that class's loss, read there.
  if (/^class[ \t]+\w+[ \t]*\([^)]*\w/m.test(document.getText())) {
    const own = await computeLinks(self, { text: document.getText() }, linkIndex, index);
    if (document.isClosed) return undefined;
    if (own?.handoffs?.some((h) => h.module === self)) {
      linked.push({ file: self, display: vscode.workspace.asRelativePath(document.uri, false), uri: document.uri.toString(), links: await withHandOffs(own, self, all, linked, index) });
    }
  }
  const joined = joinLinks(linked).get(self);
  return joined && joined.size ? joined : undefined;
}

const sameLosses = (a: ExternalLosses | undefined, b: ExternalLosses | undefined) => JSON.stringify(a ? [...a] : null) === JSON.stringify(b ? [...b] : null);

/** Per document: the look under way, and whether another was asked for meanwhile (it then runs once more, after). */
const running = new Map<string, { done: Promise<boolean>; again: boolean }>();

/**
 * Looks through the workspace for the document's models' losses, in the background: resolves
 * true when what it found differs from lastCrossFileLosses (which it updates), so the caller
 * lints again. One look per document at a time; asked again meanwhile, it looks once more after
 * the current one, whose finding is kept either way (typing in the model file does not throw
 * a finished look away).
 */
export function crossFileLosses(document: vscode.TextDocument): Promise<boolean> {
  const key = document.uri.toString();
  const now = running.get(key);
  if (now) { now.again = true; return now.done; }
  const entry = { again: false, done: Promise.resolve(false) };
  entry.done = (async () => {
    let changed = false;
    try {
      do {
        entry.again = false;
        const found = await lookThrough(document).catch(() => undefined);
        if (document.isClosed) return false;
        if (!sameLosses(found, last.get(key))) changed = true;
        last.set(key, found);
      } while (entry.again);
      return changed;
    } finally {
      running.delete(key);
    }
  })();
  running.set(key, entry);
  return entry.done;
}

// ── the other direction: model classes the document imports ─────────────────────────────────
// `torch.log(self.actor(s))` with `self.actor = nets.PolicyNet(…)`: AL301/AL302 judge the log by
// what PolicyNet's forward returns in nets.py (src/lint/importedModels.ts, the same code as `check`).

/** At most this many files a document imports from are read for their model classes. */
const MAX_MODEL_FILES = 16;

/** Per document (URI): the model classes of other files its imports name, as of its last look. */
const lastModels = new Map<string, ReadonlyMap<string, ImportedModel> | undefined>();
/** The file index of the last look (per listing and document). */
let modelIndex: { key: string; index: ModuleIndex } | undefined;
/** What each file's classes' forwards return, per version read (an open document's, else 'disk' until the watcher reports a change). */
const modelsSeen = new Map<string, { version: string; models: ModelReturns }>();

/** The model classes of other files the document's imports name, as its last finished look found them (diagnostics, fixes and hovers read the same). */
export function lastImportedModels(document: vscode.TextDocument): ReadonlyMap<string, ImportedModel> | undefined {
  return lastModels.get(document.uri.toString());
}

async function modelsOfFile(uri: vscode.Uri): Promise<ModelReturns | undefined> {
  const key = uri.toString();
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  const version = open ? `d${open.version}` : 'disk';
  const known = modelsSeen.get(key);
  if (known?.version === version) return known.models;
  const source = await textOf(uri);
  if (!source) return undefined;
  const models = modelReturnsOfText(source.text);
  modelsSeen.set(key, { version, models });
  return models;
}

/** The document's folder's files, their index as modules, and the document's analysis; undefined where there are none, or it closed meanwhile. */
async function importsContext(document: vscode.TextDocument): Promise<{ self: string; all: Map<string, vscode.Uri>; index: ModuleIndex; analysis: Analysis } | undefined> {
  const listed = await folderOf(document);
  if (!listed) return undefined;
  const { folder, id, self, all } = listed;
  // one file index per listing and document, not one per refresh (a folder of thousands of files)
  const key = `${id}|${self}`;
  if (modelIndex?.key !== key) modelIndex = { key, index: new ModuleIndex([...all.keys()], [folder.uri.path]) };
  const { index } = modelIndex;
  const analysis = (await getAnalysis(document))?.analysis;
  if (!analysis || document.isClosed) return undefined;
  return { self, all, index, analysis };
}

async function lookForModels(document: vscode.TextDocument): Promise<ReadonlyMap<string, ImportedModel> | undefined> {
  // only a log can be judged by another file's model: no `log`, nothing to read
  if (!/\blog\b/.test(document.getText())) return undefined;
  const context = await importsContext(document);
  if (!context) return undefined;
  const { self, all, index, analysis } = context;
  const models = new Map<string, ModelReturns>();
  for (const m of importedModules(self, analysis.imports, index).slice(0, MAX_MODEL_FILES)) {
    const uri = all.get(m);
    const got = uri ? await modelsOfFile(uri) : undefined;
    if (got?.size) models.set(m, got);
    if (document.isClosed) return undefined;
  }
  if (!models.size) return undefined;
  const named = importedModelNames(self, analysis.imports, index, (m) => models.get(m), (m, line) => `${vscode.workspace.asRelativePath(all.get(m)!, false)}:${line + 1}`);
  return named.size ? named : undefined;
}

const sameModels = (a: ReadonlyMap<string, ImportedModel> | undefined, b: ReadonlyMap<string, ImportedModel> | undefined) => JSON.stringify(a ? [...a] : null) === JSON.stringify(b ? [...b] : null);

/**
 * Looks up, in the background, the model classes of other files the document imports: resolves
 * true when they differ from lastImportedModels (which it updates), so the caller lints again.
 */
export async function importedModelsOf(document: vscode.TextDocument): Promise<boolean> {
  const key = document.uri.toString();
  const found = await lookForModels(document).catch(() => undefined);
  if (document.isClosed) return false;
  const changed = !sameModels(found, lastModels.get(key));
  lastModels.set(key, found);
  return changed;
}

/** Files read for the PyTorch names of a document's star imports: its starred files and theirs, this many steps down. */
const MAX_STAR_DEPTH = 3;
/** A file's `from m import *` lines (the modules as written), read from its text alone to know which files to read next. */
const starLines = (text: string) => [...text.matchAll(/^[ \t]*from[ \t]+([.\w]+)[ \t]+import[ \t]*\*/gm)].map((m) => m[1]!);

async function lookForStars(document: vscode.TextDocument): Promise<StarTorchEntries | undefined> {
  if (!/\bimport[ \t]*\*/.test(document.getText())) return undefined;
  const context = await importsContext(document);
  if (!context) return undefined;
  const { self, all, index, analysis } = context;
  const written = [...new Set(analysis.imports.filter((b) => b.local === '*' && b.target.endsWith('.*')).map((b) => b.target.slice(0, -2)))];
  // the starred files, and the files they star-import in turn, read first (the names are then read at once)
  const texts = new Map<string, string>();
  let level = starModules(self, analysis.imports, index);
  for (let depth = 0; depth < MAX_STAR_DEPTH && level.length && texts.size < MAX_MODEL_FILES; depth++) {
    const next: string[] = [];
    for (const m of level) {
      if (texts.has(m) || texts.size >= MAX_MODEL_FILES) continue;
      const uri = all.get(m);
      const got = uri && !/\.ipynb$/i.test(m) ? await textOf(uri) : undefined;
      if (document.isClosed) return undefined;
      if (!got) continue;
      texts.set(m, got.text);
      for (const w of starLines(got.text)) { const f = index.moduleFileOf(m, w); if (f && !texts.has(f)) next.push(f); }
    }
    level = next;
  }
  if (!texts.size) return undefined;
  const given = starTorchIndex(index, (m) => texts.get(m)).of(self);
  const entries: Array<[string, Array<[string, string]>]> = [];
  for (const w of written) { const names = given(w); if (names?.size) entries.push([w, [...names]]); }
  return entries.length ? entries : undefined;
}

/**
 * Looks up, in the background, what the document's star imports of other files give it: resolves
 * true when that differs from what the document was read with (pythonAnalysis.ts setDocumentStars,
 * which it updates), so the caller reads the document again.
 */
export async function starTorchOf(document: vscode.TextDocument): Promise<boolean> {
  const found = await lookForStars(document).catch(() => undefined);
  if (document.isClosed) return false;
  const changed = JSON.stringify(found ?? null) !== JSON.stringify(documentStars(document) ?? null);
  if (changed) setDocumentStars(document.uri, found);
  return changed;
}
