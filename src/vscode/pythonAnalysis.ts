// The per-document analysis shared by the hover and the side view: one parser, loaded lazily on
// first use (never in activate), one AnalysisCache keyed by document, notebooks analysed as a
// whole so aliases imported in an earlier cell count in later ones.
import * as vscode from 'vscode';
import { initPython, useAt, lossNamesOf, warmUses, type Analysis, type ActivationUse } from '../python';
import type { Translate } from '../i18n';
import { lintingCache, lintCachedFile, lintCachedNotebook, type Finding, type LintOptions } from '../lint';
import { FindingsWorker } from './findingsWorker';
import type { ExternalLoss, ExternalLosses } from '../lint/external';
import { modelsByName, type ImportedModel } from '../lint/importedModels';

/** The resolver lint() takes for the model classes other files define (importedModels.ts), from the names the document's imports give them. */
const resolverOf = (models: ReadonlyMap<string, ImportedModel> | undefined) => (models?.size ? (patterns: Parameters<typeof modelsByName>[0]) => modelsByName(patterns, models) : undefined);
import type { FileLinks, ModuleIndex } from '../lint/join';
import { linksOfSource, type LinkSource } from '../lint/linksOf';
import { starTorchFrom, withStarTorch, type StarTorch, type StarTorchEntries } from '../python/imports';
import type { LinkIndex } from '../lint/workerCore';

// The lint's expression patterns read each version's tree through this cache too (its visitor).
const cache = lintingCache(32);
let extensionUri: vscode.Uri | undefined;
let loading: Promise<void> | undefined;
/** The parser's bytes, kept until the findings worker has its copy. */
let wasmBytes: { treeSitter: Uint8Array; python: Uint8Array } | undefined;
let worker: Promise<FindingsWorker | undefined> | undefined;

/** Per document (URI): the PyTorch names its star imports of other workspace files give it (crossFile.ts starTorchOf), and their reader. */
const stars = new Map<string, { entries: StarTorchEntries; read: StarTorch | undefined }>();

/** What the document's star imports give it, as the last look found (see setDocumentStars). */
export function documentStars(document: vscode.TextDocument): StarTorchEntries | undefined {
  return stars.get(document.uri.toString())?.entries;
}

/**
 * What a look found the document's star imports give it (`from model import *` where model.py
 * imports `torch.nn as nn`). Its analyses, here and in the findings worker, were read without
 * them: they are read again when next asked.
 */
export function setDocumentStars(uri: vscode.Uri, entries: StarTorchEntries | undefined): void {
  const key = uri.toString();
  if (entries?.length) stars.set(key, { entries, read: starTorchFrom(entries) });
  else stars.delete(key);
  cache.delete(key);
  void worker?.then((w) => w?.forget(key));
}

/** `read()` with the document's star imports answered (imports.ts StarTorch). */
const withStarsOf = <T>(document: vscode.TextDocument, read: () => T): T => withStarTorch(stars.get(document.uri.toString())?.read, read);

/** Called from registerHover; cheap (no I/O). */
export function setExtensionUri(uri: vscode.Uri): void {
  extensionUri = uri;
}

function ownUri(): vscode.Uri {
  if (extensionUri) return extensionUri;
  const ext = vscode.extensions.getExtension('activation-lens.activation-lens');
  if (!ext) throw new Error('Activation Lens: extension URI unknown');
  return ext.extensionUri;
}

/** Loads the wasm parser once; workspace.fs works in the Node and the browser extension hosts. */
export function ensurePython(): Promise<void> {
  loading ??= (async () => {
    const base = ownUri();
    const [treeSitter, python] = await Promise.all([
      vscode.workspace.fs.readFile(vscode.Uri.joinPath(base, 'dist/wasm/web-tree-sitter.wasm')),
      vscode.workspace.fs.readFile(vscode.Uri.joinPath(base, 'dist/wasm/tree-sitter-python.wasm')),
    ]);
    wasmBytes = { treeSitter, python };
    await initPython({ treeSitter, python }, { warmUp: true });
  })().catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}

export function notebookOf(document: vscode.TextDocument): { notebook: vscode.NotebookDocument; cells: vscode.NotebookCell[] } | undefined {
  if (document.uri.scheme !== 'vscode-notebook-cell') return undefined;
  for (const notebook of vscode.workspace.notebookDocuments) {
    const cells = notebook.getCells();
    if (cells.some((c) => c.document === document)) return { notebook, cells };
  }
  return undefined;
}

/** A number that changes when any cell of the notebook changes (cells come and go, or are edited). */
export function notebookVersion(notebook: vscode.NotebookDocument, cells: vscode.NotebookCell[]): number {
  let h = notebook.version | 0;
  for (const c of cells) h = (Math.imul(h, 31) + c.document.version + (c.kind === vscode.NotebookCellKind.Code ? 7 : 3)) | 0;
  return h;
}

export interface FileAnalysis {
  analysis: Analysis;
  /** Losses seen in the file, or in every code cell of the notebook. */
  fileLosses: string[];
}

/** Analysis of the document (for a notebook cell: of that cell, in the context of the cells before it). */
export async function getAnalysis(document: vscode.TextDocument): Promise<FileAnalysis | undefined> {
  await ensurePython();
  return getAnalysisSync(document);
}

/** Same as getAnalysis once the parser is loaded (the bench and warm hovers use it). */
export function getAnalysisSync(document: vscode.TextDocument): FileAnalysis | undefined {
  const nb = notebookOf(document);
  if (nb) {
    const code = nb.cells.filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
    const index = code.findIndex((c) => c.document === document);
    if (index < 0) return undefined;
    const analyses = cache.getNotebook(nb.notebook.uri.toString(), notebookVersion(nb.notebook, nb.cells), () => code.map((c) => c.document.getText()));
    const analysis = analyses[index];
    if (!analysis) return undefined;
    return { analysis, fileLosses: [...new Set(analyses.flatMap((a) => a.losses.map((l) => l.name)))] };
  }
  const analysis = withStarsOf(document, () => cache.get(document.uri.toString(), document.version, () => document.getText()));
  return { analysis, fileLosses: lossNamesOf(analysis) };
}

export interface DocumentFindings {
  document: vscode.TextDocument;
  findings: Finding[];
}

function codeCells(notebook: vscode.NotebookDocument): vscode.NotebookCell[] {
  return notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
}

/**
 * Findings of a Python file, or of every code cell of the notebook a cell belongs to (each in the
 * context of the cells before it): the hover's cached analysis of this version, never a second parse.
 */
/**
 * `external`: losses other files of the workspace feed this file's models into; `models`: the model
 * classes of other files its imports name (both crossFile.ts).
 */
export async function findingsOf(document: vscode.TextDocument, options: LintOptions, t: Translate, external?: ExternalLosses, models?: ReadonlyMap<string, ImportedModel>): Promise<DocumentFindings[]> {
  await ensurePython();
  const inWorker = await workerFindings(document, options, external, models);
  if (inWorker) return inWorker;
  findingsComputedIn = 'in-process';
  const nb = notebookOf(document);
  if (nb) {
    const code = codeCells(nb.notebook);
    const all = lintCachedNotebook(cache, nb.notebook.uri.toString(), notebookVersion(nb.notebook, nb.cells), code.map((c) => c.document.getText()), options, t);
    return code.map((c, i) => ({ document: c.document, findings: all[i] ?? [] }));
  }
  const key = document.uri.toString();
  const { version } = document;
  const text = document.getText();
  // A large file's uses are verified in slices, the event loop free in between: a hover that comes
  // meanwhile is answered at once (from the same analysis) instead of after the whole file.
  const analysis = withStarsOf(document, () => cache.get(key, version, text));
  while (!warmUses(analysis, WARM_SLICE_MS)) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (document.isClosed || document.version !== version) return [{ document, findings: [] }]; // a newer version is on its way
  }
  return [{ document, findings: withStarsOf(document, () => lintCachedFile(cache, key, version, text, options, t, external, resolverOf(models))) }];
}

/** The findings worker, started on first need once the parser's bytes are read; undefined where none can run. */
function findingsWorker(): Promise<FindingsWorker | undefined> {
  worker ??= (async () => {
    const bytes = wasmBytes;
    if (!bytes) return undefined;
    const w = await FindingsWorker.start(ownUri(), bytes).catch(() => undefined);
    wasmBytes = undefined;
    // The browser checks read where findings are computed from the console (no command returns to them).
    if (w?.kind === 'web') console.info('[Activation Lens] findings in a Web Worker');
    return w;
  })();
  return worker;
}

/** Where the last findings were computed: in the worker ('thread' on desktop, 'web' in the browser host) or 'in-process'. */
export let findingsComputedIn: 'thread' | 'web' | 'in-process' | 'none' = 'none';

/**
 * Findings computed by the worker (the extension host's thread stays free for hovers); undefined
 * when there is no live worker, and the caller lints in-process. A request overtaken by a newer
 * version of the document answers with no findings, as the in-process path does.
 */
async function workerFindings(document: vscode.TextDocument, options: LintOptions, external?: ExternalLosses, models?: ReadonlyMap<string, ImportedModel>): Promise<DocumentFindings[] | undefined> {
  const w = await findingsWorker();
  if (!w?.alive) return undefined;
  const nb = notebookOf(document);
  if (nb) {
    const code = codeCells(nb.notebook);
    const a = await w.lint({ key: nb.notebook.uri.toString(), version: notebookVersion(nb.notebook, nb.cells), cells: code.map((c) => c.document.getText()), options });
    if (a === undefined) return undefined;
    findingsComputedIn = w.kind;
    return code.map((c, i) => ({ document: c.document, findings: a === 'outdated' ? [] : a.cells?.[i] ?? [] }));
  }
  const a = await w.lint({ key: document.uri.toString(), version: document.version, text: document.getText(), options, ...(external ? { external: [...external].map(([k, v]) => [k, [...v]] as [string, ExternalLoss[]]) } : {}), ...(models?.size ? { models: [...models] } : {}), ...(documentStars(document) ? { stars: documentStars(document) } : {}) });
  if (a === undefined) return undefined;
  findingsComputedIn = w.kind;
  return [{ document, findings: a === 'outdated' ? [] : a.file ?? [] }];
}

/**
 * A file's links for the look through the workspace (crossFile.ts): in the findings worker, off
 * the extension host's thread; in process where no worker runs (`index` builds the file index then).
 */
export async function linksOf(path: string, source: LinkSource, files: Required<LinkIndex>, index: () => ModuleIndex): Promise<FileLinks | undefined> {
  await ensurePython();
  const w = await findingsWorker();
  if (w?.alive) {
    const links = await w.links(path, source, files);
    if (links !== undefined) { linksComputed.worker++; return links ?? undefined; }
  }
  linksComputed.inProcess++;
  return linksOfSource(path, source, index());
}

/** For the extension-host tests: how many files' links were computed in the worker, how many on the extension host. */
export const linksComputed = { worker: 0, inProcess: 0 };

/** How long the findings may hold the extension host's thread at a time while reading a large file. */
const WARM_SLICE_MS = 15;

let scratch = 0;

/** Findings the document would have with `text` in place of its own (fix-all's rounds); nothing is kept. */
export function findingsForText(document: vscode.TextDocument, text: string, options: LintOptions, t: Translate, external?: ExternalLosses, models?: ReadonlyMap<string, ImportedModel>): Finding[] {
  const nb = notebookOf(document);
  if (nb) {
    const code = codeCells(nb.notebook);
    const index = code.findIndex((c) => c.document === document);
    const key = `${nb.notebook.uri.toString()}#fix`;
    try {
      return lintCachedNotebook(cache, key, ++scratch, code.map((c, i) => (i === index ? text : c.document.getText())), options, t)[index] ?? [];
    } finally {
      cache.delete(key);
    }
  }
  const key = `${document.uri.toString()}#fix`;
  try {
    return withStarsOf(document, () => lintCachedFile(cache, key, ++scratch, text, options, t, external, resolverOf(models)));
  } finally {
    cache.delete(key);
  }
}

export interface UseAtPosition extends FileAnalysis {
  use: ActivationUse;
}

/** The activation use under `position`, with its file's analysis; for the hover and the side view. */
export async function getAnalysisAt(document: vscode.TextDocument, position: vscode.Position): Promise<UseAtPosition | undefined> {
  const file = await getAnalysis(document);
  if (!file) return undefined;
  const use = useAt(file.analysis, position.line, position.character);
  return use ? { ...file, use } : undefined;
}

/** Drop a closed document's tree (registered by registerHover). */
export function forgetDocument(document: vscode.TextDocument): void {
  cache.delete(document.uri.toString());
  stars.delete(document.uri.toString());
  void worker?.then((w) => w?.forget(document.uri.toString()));
}

export function forgetNotebook(notebook: vscode.NotebookDocument): void {
  cache.delete(notebook.uri.toString());
  void worker?.then((w) => w?.forget(notebook.uri.toString()));
}

/**
 * Analyses the active Python editor (or notebook cell) in idle time — shortly after it is shown
 * and after typing pauses — so a hover finds the analysis cached instead of paying for the parse.
 * `afterFirst` runs once, after the first of these analyses. Registered from registerHover; does
 * nothing at activation itself.
 */
export function registerAnalysisWarmup(afterFirst?: () => void): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let first = afterFirst;
  const schedule = (document: vscode.TextDocument | undefined, delayMs: number) => {
    if (timer) clearTimeout(timer);
    if (!document || document.languageId !== 'python') return;
    timer = setTimeout(() => {
      timer = undefined;
      if (document.isClosed) return;
      void getAnalysis(document).then(() => {
        // Once per window, after the parser loaded in idle time: whatever else should be warm.
        const f = first;
        first = undefined;
        if (f) setTimeout(f, 0);
      }).catch(() => undefined);
    }, delayMs);
  };
  // The editor that triggered activation: after start-up has settled.
  schedule(vscode.window.activeTextEditor?.document, 1500);
  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor((e) => schedule(e?.document, 400)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document && e.contentChanges.length) schedule(e.document, 800);
    }),
    { dispose: () => { if (timer) clearTimeout(timer); } },
  );
}
