// Findings in the Problems panel: for Python files and notebook cells, on open, as the user types
// (debounced), when settings change; cleared on close. Thin: the findings come from the lint layer
// over the hover's cached analysis (pythonAnalysis.ts).
import * as vscode from 'vscode';
import type { Finding, FindingSeverity } from '../lint';
import { findingsOf, findingsComputedIn, linksComputed } from './pythonAnalysis';
import { lintSettings, t } from './lintSettings';
import { crossFileLosses, forgetCrossFile, forgetCrossFileLosses, importedModelsOf, lastCrossFileLosses, lastImportedModels, starTorchOf } from './crossFile';

export const DIAGNOSTIC_SOURCE = 'Activation Lens';
/** Typing pauses this long before the findings are recomputed. */
export const DEBOUNCE_MS = 300;

const SEVERITY: Record<FindingSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** The rule's page, shipped in the extension (docs/rules/CODE.md): opens offline, in VS Code. */
export function rulePage(extensionUri: vscode.Uri, code: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${code}.md`);
}

export function toDiagnostic(f: Finding, extensionUri: vscode.Uri): vscode.Diagnostic {
  const r = f.range;
  const d = new vscode.Diagnostic(new vscode.Range(r.line, r.column, r.endLine, r.endColumn), f.message, SEVERITY[f.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.code, target: rulePage(extensionUri, f.code) };
  // The loss in the file that trains this model (a finding across files).
  if (f.related?.length) d.relatedInformation = f.related.map((p) => new vscode.DiagnosticRelatedInformation(new vscode.Location(relatedUri(p.file, p.cell), new vscode.Range(p.range.line, p.range.column, p.range.endLine, p.range.endColumn)), p.message));
  return d;
}

/** A related place's document: a notebook's cell when the notebook is open (cell 1-based over all cells), else the file. */
function relatedUri(file: string, cell: number | undefined): vscode.Uri {
  const uri = vscode.Uri.parse(file);
  if (cell === undefined) return uri;
  const nb = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === uri.toString());
  return nb && cell >= 1 && cell <= nb.cellCount ? nb.cellAt(cell - 1).document.uri : uri;
}

const isPython = (d: vscode.TextDocument) => d.languageId === 'python' && (d.uri.scheme !== 'vscode-notebook-cell' || !!notebookOfCell(d));

function notebookOfCell(d: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (d.uri.scheme !== 'vscode-notebook-cell') return undefined;
  return vscode.workspace.notebookDocuments.find((n) => n.getCells().some((c) => c.document === d));
}

function tabUri(tab: vscode.Tab): vscode.Uri | undefined {
  const input = tab.input;
  if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputNotebook) return input.uri;
  return undefined;
}

/** For the extension-host tests and the bench: when the last update ran and what it cost. */
const stats = { updates: 0, lastMs: [] as number[] };

export function registerDiagnostics(context: vscode.ExtensionContext): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('activationLens');
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const generation = new Map<string, number>();

  const refresh = async (document: vscode.TextDocument) => {
    if (document.isClosed || !isPython(document)) return;
    const notebook = notebookOfCell(document);
    const key = (notebook?.uri ?? document.uri).toString();
    const gen = (generation.get(key) ?? 0) + 1;
    generation.set(key, gen);
    const { enabled, options } = lintSettings(document.uri);
    if (!enabled) {
      if (notebook) for (const c of notebook.getCells()) collection.delete(c.document.uri);
      else collection.delete(document.uri);
      return;
    }
    const t0 = performance.now();
    const version = document.version;
    // A model trained in another file of the workspace: judged with the losses the last look
    // through the workspace found, at once; a look runs meanwhile (crossFile.ts) and, if it finds
    // otherwise, the findings are computed again.
    const external = notebook ? undefined : lastCrossFileLosses(document);
    if (!notebook) void crossFileLosses(document).then((changed) => { if (changed && !document.isClosed) schedule(document, 0); }, () => undefined);
    // The other way round: a log of a model whose class another file defines (the same: at once, and again if a look finds otherwise).
    const models = notebook ? undefined : lastImportedModels(document);
    if (!notebook) void importedModelsOf(document).then((changed) => { if (changed && !document.isClosed) schedule(document, 0); }, () => undefined);
    // And the PyTorch names a `from model import *` of another file gives the document (`nn`, `F`
    // that model.py imports): the document is read again with them if a look finds they changed.
    if (!notebook) void starTorchOf(document).then((changed) => { if (changed && !document.isClosed) schedule(document, 0); }, () => undefined);
    const results = await findingsOf(document, options, t, external, models);
    if (generation.get(key) !== gen || document.version !== version) return; // a newer edit is on its way
    for (const r of results) if (!r.document.isClosed) collection.set(r.document.uri, r.findings.map((f) => toDiagnostic(f, context.extensionUri)));
    stats.updates++;
    stats.lastMs.push(performance.now() - t0);
    if (stats.lastMs.length > 50) stats.lastMs.shift();
  };
  const run = (document: vscode.TextDocument) => void refresh(document).catch((e: unknown) => console.error('[Activation Lens] findings failed:', e));

  const schedule = (document: vscode.TextDocument, delay = DEBOUNCE_MS) => {
    if (!isPython(document)) return;
    const key = (notebookOfCell(document)?.uri ?? document.uri).toString();
    const old = timers.get(key);
    if (old) clearTimeout(old);
    timers.set(key, setTimeout(() => { timers.delete(key); run(document); }, delay));
  };

  const refreshAll = () => {
    for (const d of vscode.workspace.textDocuments) if (isPython(d) && d.uri.scheme !== 'vscode-notebook-cell') schedule(d, 0);
    for (const n of vscode.workspace.notebookDocuments) {
      const first = n.getCells().find((c) => c.document.languageId === 'python');
      if (first) schedule(first.document, 0);
    }
  };

  const forget = (uri: vscode.Uri) => {
    collection.delete(uri);
    forgetCrossFileLosses(uri);
    const k = uri.toString();
    const tm = timers.get(k);
    if (tm) { clearTimeout(tm); timers.delete(k); }
  };

  // Documents already open when the extension starts: after start-up has settled.
  const initial = setTimeout(refreshAll, DEBOUNCE_MS);
  // Another file of the workspace saved, created or deleted: what the open files' models are trained with may have changed.
  let others: ReturnType<typeof setTimeout> | undefined;
  let createdOrDeleted = false;
  const othersChanged = (uri: vscode.Uri | undefined, change?: 'created' | 'deleted') => {
    forgetCrossFile(uri, change);
    createdOrDeleted ||= !!change;
    if (others) clearTimeout(others);
    others = setTimeout(() => {
      others = undefined;
      const change = createdOrDeleted;
      createdOrDeleted = false;
      // A saved file relints itself as it changes; one created (the model file written last) is also a new importer's target.
      for (const d of vscode.workspace.textDocuments) if (isPython(d) && d.uri.scheme !== 'vscode-notebook-cell' && (change || d.uri.toString() !== uri?.toString())) schedule(d, 0);
    }, DEBOUNCE_MS);
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{py,ipynb}');
  return vscode.Disposable.from(
    collection,
    vscode.workspace.onDidOpenTextDocument((d) => schedule(d, 0)),
    vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length) schedule(e.document); }),
    vscode.workspace.onDidOpenNotebookDocument((n) => { const c = n.getCells().find((x) => x.document.languageId === 'python'); if (c) schedule(c.document, 0); }),
    vscode.workspace.onDidChangeNotebookDocument((e) => {
      const c = e.notebook.getCells().find((x) => x.document.languageId === 'python');
      if (c && (e.contentChanges.length || e.cellChanges.some((x) => x.document))) schedule(c.document);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => forget(d.uri)),
    vscode.workspace.onDidCloseNotebookDocument((n) => { for (const c of n.getCells()) forget(c.document.uri); }),
    // VS Code may keep a document open for a while after its last tab closed: clear with the tab.
    vscode.window.tabGroups.onDidChangeTabs((e) => {
      // ... and a tab opened again on a document VS Code kept loaded fires no open event: lint it with the tab.
      for (const tab of e.opened) {
        const uri = tabUri(tab)?.toString();
        if (!uri) continue;
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
        if (doc) { schedule(doc, 0); continue; }
        const cell = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === uri)?.getCells().find((c) => c.document.languageId === 'python');
        if (cell) schedule(cell.document, 0);
      }
      const shown = new Set(vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((tab) => tabUri(tab)?.toString()));
      for (const tab of e.closed) {
        const uri = tabUri(tab);
        if (!uri || shown.has(uri.toString())) continue;
        const nb = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === uri.toString());
        if (nb) for (const c of nb.getCells()) forget(c.document.uri);
        else forget(uri);
      }
    }),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('activationLens.lint')) refreshAll(); }),
    watcher,
    watcher.onDidChange((u) => othersChanged(u)),
    watcher.onDidCreate((u) => othersChanged(u, 'created')),
    watcher.onDidDelete((u) => othersChanged(u, 'deleted')),
    vscode.workspace.onDidSaveTextDocument((d) => { if (isPython(d)) othersChanged(d.uri); }),
    vscode.workspace.onDidSaveNotebookDocument((n) => othersChanged(n.uri)),
    vscode.commands.registerCommand('activationLens.lint.testInfo', () => ({ ...stats, lastMs: [...stats.lastMs], computedIn: findingsComputedIn, links: { ...linksComputed } })),
    { dispose: () => { clearTimeout(initial); if (others) clearTimeout(others); for (const tm of timers.values()) clearTimeout(tm); timers.clear(); } },
  );
}
