// Findings in the Problems panel: for Python files and notebook cells, on open, as the user types
// (debounced), when settings change; cleared on close. Thin: the findings come from the lint layer
// over the hover's cached analysis (pythonAnalysis.ts).
import * as vscode from 'vscode';
import type { Finding, FindingSeverity } from '../lint';
import { findingsOf, findingsComputedIn } from './pythonAnalysis';
import { lintSettings, t } from './lintSettings';
import { crossFileLosses, forgetCrossFile } from './crossFile';
import type { ExternalLosses } from '../lint/external';

export const DIAGNOSTIC_SOURCE = 'Activation Lens';
/** Typing pauses this long before the findings are recomputed. */
export const DEBOUNCE_MS = 300;
/** How long the findings wait for the other files of the workspace to be looked through (crossFile.ts). */
const CROSS_FILE_WAIT_MS = 150;

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
  const lateOnce = new Set<string>();
  const lateFound = new Map<string, ExternalLosses>();

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
    // A model trained in another file of the workspace: that file's losses (read lazily, kept per
    // version). The first look through a large folder must not hold back the file's own findings:
    // they are shown without it, and again once it is done.
    let external: ExternalLosses | undefined;
    const stamp = `${key}@${version}`;
    if (!notebook && lateFound.has(stamp)) {
      // the look that came too late for this version's first findings: used as it is, not raced
      // again (on a loaded machine a second look can be as slow, and the finding never shown)
      external = lateFound.get(stamp);
      lateFound.delete(stamp);
    } else if (!notebook) {
      const looking = crossFileLosses(document).catch(() => undefined);
      const late = Symbol('late');
      const first = await Promise.race([looking, new Promise<typeof late>((resolve) => setTimeout(() => resolve(late), CROSS_FILE_WAIT_MS))]);
      if (first !== late) external = first;
      else if (!lateOnce.has(stamp)) {
        // Once per version: a look that is slow every time does not relint in a loop.
        if (lateOnce.size > 500) lateOnce.clear();
        lateOnce.add(stamp);
        void looking.then((found) => {
          if (!found || document.isClosed || document.version !== version) return;
          if (lateFound.size > 50) lateFound.clear();
          lateFound.set(stamp, found);
          schedule(document, 0);
        });
      }
    }
    if (generation.get(key) !== gen || document.version !== version) return;
    const results = await findingsOf(document, options, t, external);
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
    const k = uri.toString();
    const tm = timers.get(k);
    if (tm) { clearTimeout(tm); timers.delete(k); }
  };

  // Documents already open when the extension starts: after start-up has settled.
  const initial = setTimeout(refreshAll, DEBOUNCE_MS);
  // Another file of the workspace saved, created or deleted: what the open files' models are trained with may have changed.
  let others: ReturnType<typeof setTimeout> | undefined;
  const othersChanged = (uri: vscode.Uri | undefined, createdOrDeleted = false) => {
    forgetCrossFile(uri, createdOrDeleted);
    // what another file feeds the models may have changed: a slow look is waited for again, and
    // one that came late before no longer holds
    lateOnce.clear();
    lateFound.clear();
    if (others) clearTimeout(others);
    others = setTimeout(() => {
      others = undefined;
      for (const d of vscode.workspace.textDocuments) if (isPython(d) && d.uri.scheme !== 'vscode-notebook-cell' && d.uri.toString() !== uri?.toString()) schedule(d, 0);
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
    watcher.onDidCreate((u) => othersChanged(u, true)),
    watcher.onDidDelete((u) => othersChanged(u, true)),
    vscode.workspace.onDidSaveTextDocument((d) => { if (isPython(d)) othersChanged(d.uri); }),
    vscode.workspace.onDidSaveNotebookDocument((n) => othersChanged(n.uri)),
    vscode.commands.registerCommand('activationLens.lint.testInfo', () => ({ ...stats, lastMs: [...stats.lastMs], computedIn: findingsComputedIn })),
    { dispose: () => { clearTimeout(initial); if (others) clearTimeout(others); for (const tm of timers.values()) clearTimeout(tm); timers.clear(); } },
  );
}
