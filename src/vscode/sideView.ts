// The Activation Lens side panel (a webview view in its own activity-bar container): follows the
// cursor in the active Python editor or notebook cell, and shows the activation there as the
// hover analysed it (getAnalysisAt: one analysis, shared), with small f/f' charts, facts and
// advice. Debounced; can be pinned; an empty state says what to do.
import * as vscode from 'vscode';
import { advise, adviceUseOf } from '../advice';
import { getActivation } from '../catalog';
import { checkTrace, defaultState, validateToHost, type SideInfo, type ToWebview, type Trace } from '../protocol';
import { CATALOG_INDEX, firstTrace, seriesMessage } from './explorerData';
import { localizedCatalog, uiStrings } from './explorerPanel';
import { getAnalysisAt } from './pythonAnalysis';
import { customSideAt, type CustomSide } from './customHover';
import { webviewHtml, webviewOptions } from './webviewHtml';

export const SIDE_VIEW_ID = 'activationLens.sideView';
const DEBOUNCE_MS = 150;
const SIDE_POINTS = 241;
const t: (m: string, ...a: Array<string | number | boolean>) => string = (m, ...a) => vscode.l10n.t(m, ...a);

export interface SideDiagnostics {
  resolved: boolean;
  visible: boolean;
  pinned: boolean;
  updates: number;
  info: { id: string; line: number; title: string; params: Trace['params'] } | null;
  refusedByHost: string[];
  problems: string[];
  /** The document the last update looked at. */
  lastDocument: { uri: string; languageId: string; line: number } | null;
}

/** Parameters found in the code, kept only where they are valid literals for the catalog. */
function literalParams(id: string, given: Record<string, unknown>): Trace['params'] {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(given)) {
    try { checkTrace({ id, params: { [k]: v } }, CATALOG_INDEX); out[k] = v; } catch { /* not a literal we can plot */ }
  }
  return checkTrace({ id, params: out }, CATALOG_INDEX).params;
}

const ROLE: Record<string, string> = { hidden: 'hidden layer', output: 'output layer' };

class SideViewProvider implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private pinned = false;
  private info: SideInfo | null = null;
  /** The curve of the user-defined activation shown, if it is one and evaluable. */
  private custom: CustomSide | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;
  private generation = 0;
  readonly diag: SideDiagnostics = { resolved: false, visible: false, pinned: false, updates: 0, info: null, refusedByHost: [], problems: [], lastDocument: null };

  constructor(private readonly extensionUri: vscode.Uri) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    // Options and HTML in the same tick, and the HTML small (the bundle as files: the side view has
    // no first-paint target): VS Code's webview host loads a view's document once per update, and
    // a large second update landing while the first loads can make it throw in the page.
    view.webview.options = webviewOptions(this.extensionUri);
    view.webview.html = webviewHtml(view.webview, this.extensionUri, 'side', 'Activation Lens', [this.initMessage()], { inline: false });
    view.webview.onDidReceiveMessage((m: unknown) => this.receive(m));
    view.onDidChangeVisibility(() => {
      this.diag.visible = view.visible;
      if (view.visible) this.schedule(0);
    });
    view.onDidDispose(() => { this.view = undefined; this.ready = false; this.diag.resolved = false; });
    this.diag.resolved = true;
    this.diag.visible = view.visible;
  }

  private initMessage(): ToWebview {
    return { type: 'init', view: 'side', strings: uiStrings(), catalog: localizedCatalog(), state: defaultState([this.info?.trace ?? firstTrace()]) };
  }

  private post(msg: ToWebview) {
    if (this.view && this.ready) void this.view.webview.postMessage(msg);
  }

  private receive(raw: unknown) {
    const checked = validateToHost(raw, CATALOG_INDEX, t);
    if (!checked.ok) {
      this.diag.refusedByHost.push(checked.error);
      return this.post({ type: 'refused', message: checked.error });
    }
    const msg = checked.value;
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        // A document that booted from its HTML has its init already; the rest follows the cursor.
        if (!msg.booted) void this.view?.webview.postMessage(this.initMessage());
        this.send();
        if (!this.info) this.schedule(0);
        return;
      case 'pin':
        this.pinned = msg.pinned;
        this.diag.pinned = msg.pinned;
        if (!this.pinned) this.schedule(0);
        return;
      case 'openExplorer':
        // a user-defined activation: its own curve beside the built-in (the explorer evaluates it on its range)
        void vscode.commands.executeCommand('activationLens.openExplorer', this.info?.custom && this.custom ? { ...msg.trace, custom: this.custom.ref } : msg.trace);
        return;
      case 'problem':
        if (msg.kind !== 'refused') this.diag.problems.push(`${msg.kind}: ${msg.message}`);
        return;
      default:
        return;
    }
  }

  /** The editor the cursor was last seen in (a notebook cell's editor included). */
  private editor: vscode.TextEditor | undefined;
  /** The editor of the latest cursor move or editor switch, consumed by the next update. */
  private moved: vscode.TextEditor | undefined;

  /** Debounced: typing or holding an arrow key must not recompute on every event. */
  schedule(delay = DEBOUNCE_MS, editor?: vscode.TextEditor) {
    if (editor) this.moved = editor;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  private async update() {
    if (this.pinned || !this.view) return;
    const gen = ++this.generation;
    // The editor the cursor just moved in wins (a notebook cell's too); focus in a webview (this
    // view included) leaves activeTextEditor unset, so then the last editor is kept.
    const editor = this.moved ?? vscode.window.activeTextEditor ?? this.editor;
    this.moved = undefined;
    this.editor = editor;
    this.diag.lastDocument = editor ? { uri: editor.document.uri.toString(), languageId: editor.document.languageId, line: editor.selection.active.line } : null;
    let info: SideInfo | null = null;
    let custom: CustomSide | null = null;
    if (editor && editor.document.languageId === 'python') {
      try {
        const at = await getAnalysisAt(editor.document, editor.selection.active);
        if (gen !== this.generation) return; // the cursor moved on meanwhile
        if (at && getActivation(at.use.id)) {
          const { use, fileLosses } = at;
          const spec = getActivation(use.id)!;
          const r = use.callRange ?? use.range;
          const code = editor.document.getText(new vscode.Range(r.line, r.column, r.endLine, r.endColumn));
          const findings = advise({ use: adviceUseOf(use), fileLosses, spec }, t);
          info = {
            trace: { id: use.id, params: literalParams(use.id, use.params) },
            title: spec.title,
            code: code.length > 300 ? code.slice(0, 299) + '…' : code,
            line: r.line,
            role: use.role ? t(ROLE[use.role]) : undefined,
            // With the code the Problems panel shows for the same finding.
            advice: findings.map((f) => (f.code ? `${f.code} · ${f.message}` : f.message)),
          };
          custom = null;
        } else {
          // the user's own definition: its curve by the engine, whatever it equals or not
          custom = await customSideAt(editor.document, editor.selection.active, t);
          info = custom?.info ?? null;
        }
        if (gen !== this.generation) return;
      } catch (e) {
        this.diag.problems.push(`analysis: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (gen !== this.generation || this.pinned) return;
    const same = JSON.stringify(info) === JSON.stringify(this.info);
    this.info = info;
    this.custom = custom;
    this.diag.updates++;
    this.diag.info = info ? { id: info.trace.id, line: info.line, title: info.title, params: info.trace.params } : null;
    if (!same) this.send();
  }

  private send() {
    this.post({ type: 'side', info: this.info, pinned: this.pinned });
    if (!this.info) return;
    if (this.info.custom) {
      const c = this.custom?.series;
      if (c) this.post({ type: 'series', seq: ++this.seq, range: c.range, x: c.x, traces: [c.trace] });
      return;
    }
    const spec = getActivation(this.info.trace.id);
    if (!spec) return;
    try {
      this.post(seriesMessage([this.info.trace], { min: spec.plotRange[0], max: spec.plotRange[1], points: SIDE_POINTS }, ++this.seq));
    } catch (e) {
      this.post({ type: 'refused', message: e instanceof Error ? e.message : String(e) });
    }
  }
}

export function registerSideView(context: vscode.ExtensionContext): vscode.Disposable {
  const provider = new SideViewProvider(context.extensionUri);
  return vscode.Disposable.from(
    vscode.window.registerWebviewViewProvider(SIDE_VIEW_ID, provider),
    vscode.window.onDidChangeTextEditorSelection((e) => provider.schedule(undefined, e.textEditor)),
    vscode.window.onDidChangeActiveTextEditor((e) => provider.schedule(undefined, e)),
    vscode.workspace.onDidChangeTextDocument((e) => { if (e.document === vscode.window.activeTextEditor?.document) provider.schedule(); }),
    vscode.commands.registerCommand('activationLens.sideView.testInfo', (): SideDiagnostics => JSON.parse(JSON.stringify(provider.diag))),
  );
}
