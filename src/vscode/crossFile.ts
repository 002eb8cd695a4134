// Findings that depend on other files of the workspace: the model file open in the editor gets
// AL101 because a train.py or a notebook beside it feeds its model into CrossEntropyLoss. The
// files that may import it are read lazily (bounded, its own folder and package first), each
// one's links (src/lint/join.ts, the same code as `check`) kept per version; the join gives
// the losses lint() judges the model file with (external.ts).
import * as vscode from 'vscode';
import { AnalysisCache, analyzeNotebook, lossNamesOf } from '../python';
import type { ExternalLosses } from '../lint/external';
import { expandHandOffs, expandStars, fileLinks, joinLinks, ModuleIndex, notebookLinks, type FileLinks, type LinkedFile } from '../lint/join';
import { paramFeedsOfText, topLevelNames } from '../python/crossFile';

/** At most this many Python files and notebooks of a folder are listed, read (nearest first) and analysed per question. */
const MAX_LISTED = 2000;
const MAX_SCANNED = 400;
const MAX_ANALYSED = 64;
/** A file larger than this is not read as a possible importer (a data dump, a generated file). */
const MAX_BYTES = 512 * 1024;
const EXCLUDE = '{**/node_modules/**,**/.*/**,**/venv/**,**/env/**,**/site-packages/**,**/__pycache__/**}';

/** Each folder's Python files and notebooks (paths as the join names them → URI), listed once until the watcher says otherwise. */
const listed = new Map<string, Promise<Map<string, vscode.Uri>>>();

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
/** Read for the links only: trees dropped as soon as the links are out. */
const cache = new AnalysisCache(2, undefined, true, true);

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
}

/** Something in the workspace changed: what was listed or read of it is read again when next asked. */
export function forgetCrossFile(uri?: vscode.Uri, createdOrDeleted = false): void {
  if (!uri || createdOrDeleted) { listed.clear(); for (const s of seen.values()) s.links = null; }
  if (uri) seen.delete(uri.toString());
  else seen.clear();
}

function listFolder(folder: vscode.WorkspaceFolder): Promise<Map<string, vscode.Uri>> {
  const key = folder.uri.toString();
  let p = listed.get(key);
  if (!p) {
    p = Promise.resolve(vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.{py,ipynb}'), EXCLUDE, MAX_LISTED))
      .then((uris) => new Map(uris.map((u) => [u.path, u] as const)))
      .catch(() => new Map<string, vscode.Uri>());
    listed.set(key, p);
  }
  return p;
}

const dirOf = (p: string) => p.slice(0, Math.max(0, p.lastIndexOf('/')));
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

/** The dotted names after `import` and `from` (a notebook's JSON escapes nothing these need). */
function importWords(text: string): Set<string> {
  const words = new Set<string>();
  const re = /(?:^|[\n;"])[ \t]*(?:from[ \t]+([.\w]+)[ \t]+import|import[ \t]+([\w., \t]+))/g;
  for (let m = re.exec(text); m; m = re.exec(text)) for (const w of (m[1] ?? m[2] ?? '').split(/[^\w]+/)) if (w) words.add(w);
  return words;
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
  if (source.notebook) {
    const all = source.notebook.getCells();
    const code = all.map((c, i) => ({ c, i })).filter(({ c }) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
    return { cells: code.map(({ c }) => c.document.getText()), index: code.map(({ i }) => i) };
  }
  try {
    const nb = JSON.parse(source.text) as { cells?: Array<{ cell_type?: string; source?: string | string[] }> };
    const code = (nb.cells ?? []).map((c, i) => ({ c, i })).filter(({ c }) => c.cell_type === 'code');
    return { cells: code.map(({ c }) => (Array.isArray(c.source) ? c.source.join('') : c.source ?? '')), index: code.map(({ i }) => i) };
  } catch {
    return undefined;
  }
}

function computeLinks(path: string, key: string, source: Source, index: ModuleIndex): FileLinks | undefined {
  try {
    if (/\.ipynb$/i.test(path)) {
      const nb = codeCellsOf(source);
      return nb ? notebookLinks(path, nb.cells, nb.index, analyzeNotebook(nb.cells), index) : undefined;
    }
    const analysis = cache.get(key, 1, source.text);
    try {
      return fileLinks(path, source.text, analysis, lossNamesOf(analysis), index);
    } finally {
      cache.delete(key);
    }
  } catch {
    return undefined;
  }
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
function withStars(links: FileLinks, path: string, source: Source, self: string, document: vscode.TextDocument): FileLinks {
  if (!links.stars?.includes(self)) return links;
  const copy: FileLinks = { feeds: [...links.feeds], exports: links.exports, stars: [self] };
  try {
    const nb = /\.ipynb$/i.test(path) ? codeCellsOf(source) : undefined;
    expandStars(copy, nb ? { cells: nb.cells, cellIndex: nb.index } : { text: source.text }, () => topLevelNames(document.getText()));
  } catch {
    delete copy.stars;
  }
  return copy;
}

/**
 * A file's links with the hand-offs of this document's models followed into the training
 * functions of the files they go to (read now; named in `linked` so that findings name them).
 */
async function withHandOffs(links: FileLinks, self: string, all: ReadonlyMap<string, vscode.Uri>, linked: LinkedFile[]): Promise<FileLinks> {
  const copy: FileLinks = { feeds: [...links.feeds], exports: links.exports, handoffs: links.handoffs!.filter((h) => h.module === self) };
  const texts = new Map<string, string>();
  for (const h of copy.handoffs!) {
    const uri = all.get(h.to.module);
    if (!uri || texts.has(h.to.module)) continue;
    texts.set(h.to.module, (await textOf(uri))?.text ?? '');
    if (!linked.some((l) => l.file === h.to.module)) linked.push({ file: h.to.module, display: vscode.workspace.asRelativePath(uri, false), uri: uri.toString() });
  }
  try {
    expandHandOffs(copy, (module, fn, arg) => paramFeedsOfText(texts.get(module) ?? '', fn, arg));
  } catch {
    delete copy.handoffs;
  }
  return copy;
}

/**
 * The losses other files of the document's workspace folder feed the models it defines into,
 * or undefined (none found, not a file of a folder, or nothing imports it).
 */
export async function crossFileLosses(document: vscode.TextDocument): Promise<ExternalLosses | undefined> {
  if (document.uri.scheme === 'vscode-notebook-cell' || !/\.py$/i.test(document.uri.path)) return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  if (!folder) return undefined;
  const files = await listFolder(folder);
  const self = document.uri.path;
  const all = new Map(files);
  all.set(self, document.uri);
  const index = new ModuleIndex([...all.keys()], [folder.uri.path]);
  const words = namesOf(self, all);
  const linked: LinkedFile[] = [];
  let scanned = 0;
  let analysed = 0;
  for (const path of nearestFirst(self, [...all.keys()].filter((p) => p !== self))) {
    if (scanned++ >= MAX_SCANNED || analysed >= MAX_ANALYSED) break;
    const uri = all.get(path)!;
    const isInit = /\/__init__\.py$/.test(path) && self.startsWith(dirOf(path) + '/');
    const got = await look(uri);
    if (!got || (!isInit && !words.some((w) => got.entry.words.has(w)))) continue;
    if (got.entry.links === null) {
      // Read again (its text was not kept) only when it must be analysed.
      const source = got.source ?? (await textOf(uri));
      if (!source) continue;
      analysed++;
      got.entry.links = computeLinks(path, uri.toString(), source, index);
      if (got.entry.links?.stars) got.entry.source = source;
    }
    let links = got.entry.links;
    if (links?.stars && got.entry.source) links = withStars(links, path, got.entry.source, self, document);
    if (links?.handoffs?.some((h) => h.module === self)) links = await withHandOffs(links, self, all, linked);
    if (links) linked.push({ file: path, display: vscode.workspace.asRelativePath(uri, false), uri: uri.toString(), links });
  }
  const joined = joinLinks(linked).get(self);
  const found = joined && joined.size ? joined : undefined;
  last.set(document.uri.toString(), found);
  return found;
}
