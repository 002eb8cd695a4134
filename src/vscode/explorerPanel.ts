// The Activation Explorer panel: command "Activation Lens: Open Explorer" (also reached from hover
// links with `{ id, params }`) and "compare" (`{ ids, params? }`). The host owns the truth: it
// validates every message with src/protocol.ts, computes every series through the catalog and the
// engine's autograd, and posts them; the webview only draws. State lives in the webview
// (getState/setState) and comes back through the serializer after a reload.
import * as vscode from 'vscode';
import { advise } from '../advice';
import { getActivation } from '../catalog';
import { firstPaintDocument } from '../render/firstPaint';
import { formulaImage } from '../render/formulaImage';
import {
  checkTrace, defaultState, UI_STRINGS, validateState, validateToHost,
  type ExplorerState, type FormulaImage, type Range, type SeriesTrace, type SoftmaxResult, type ToHost, type ToWebview, type Trace,
} from '../protocol';
import { acceptState, CATALOG_INDEX, catalogMeta, describeState, firstTrace, seriesMessage, softmaxResult, type SeriesMessage } from './explorerData';
import { viewScript } from './explorerScript';
import { customCurveFromArgs } from './customHover';
import { loadWebviewAssets, webviewHtml, webviewOptions } from './webviewHtml';

export const EXPLORER_VIEW_TYPE = 'activationLens.explorer';
const t: (m: string, ...a: Array<string | number | boolean>) => string = (m, ...a) => vscode.l10n.t(m, ...a);

/** What tests and the benchmark read back (command `activationLens.explorer.testInfo`). */
export interface ExplorerDiagnostics {
  open: boolean;
  visible: boolean;
  state: ExplorerState | null;
  /**
   * Command → first chart painted, measured by the host (ms); of it, the command's own work up to
   * the panel's HTML (handlerMs); and the webview's paint time since its document started.
   * commandAt: when the command ran (epoch ms; the benchmark lines it up with the browser's clock).
   * shownMs: command → the document's first contentful paint (the first-paint SVG charts), from the
   * host's clock minus the webview's "that long ago" (so it includes the message's trip: an upper
   * bound); -1 when the webview could not tell. hostMs is command → chart.js drew (interactive).
   */
  firstPaint: Array<{ hostMs: number; shownMs: number; handlerMs: number; webviewMs: number; traces: number; points: number; commandAt: number }>;
  redraws: Array<{ ms: number; traces: number; points: number; seq: number }>;
  refusedByHost: string[];
  problems: Array<{ kind: string; message: string }>;
  lastSeries: { seq: number; traces: Array<{ id: string; title: string; ySum: number; dySum: number; vanishing: number; dead: number }> } | null;
  lastSoftmax: { printout: string; logPrintout: string; naive: string; stable: string } | null;
  messagesFromWebview: number;
  /** Where the last restored panel's state came from. */
  restoredFrom: 'webview' | 'workspaceState' | 'default' | null;
  restoreRefusal: string | null;
  exported: string[];
  /** Host messages the webview refused (tests post hostile ones on purpose). */
  refusedByWebview: string[];
}

const diag: ExplorerDiagnostics = {
  open: false, visible: false, state: null, firstPaint: [], redraws: [], refusedByHost: [], problems: [], lastSeries: null, lastSoftmax: null, messagesFromWebview: 0,
  restoredFrom: null, restoreRefusal: null, exported: [], refusedByWebview: [],
};

/**
 * The last state is also kept in the workspace's memento: the webview's own state is the primary
 * record, but a browser reload can beat the workbench's flush of it.
 */
const STATE_KEY = 'activationLens.explorer.state';
/** Set by the extension-host tests only: where "Export PNG" writes instead of asking. */
let exportTarget: vscode.Uri | undefined;
let memento: vscode.Memento | undefined;
let lastSeq = 0;
function remember(state: ExplorerState, seq = lastSeq + 1) {
  lastSeq = Math.max(lastSeq, seq);
  void memento?.update(STATE_KEY, { state, seq });
}

/** The `seq` stamp the webview put on a saved state; unstamped (older versions) sorts first. */
function seqOf(v: unknown): number {
  const seq = v && typeof v === 'object' ? (v as { seq?: unknown }).seq : undefined;
  return typeof seq === 'number' && Number.isFinite(seq) ? seq : -Infinity;
}

export function uiStrings(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of UI_STRINGS) out[s] = t(s);
  return out;
}

/** The hover's typeset formulas; the webview uses them as CSS masks painted in the theme's text colour. */
function formulaImages(id: string): { f: FormulaImage; df: FormulaImage } | undefined {
  const f = formulaImage(id, 'f', 'dark');
  const df = formulaImage(id, 'df', 'dark');
  return f && df ? { f, df } : undefined;
}

/** General advice for an activation, with no call site: role and loss unknown. */
function generalAdvice(id: string): string[] {
  try {
    return advise({ use: { id, role: null, loss: null, params: {}, runtimeParams: [], spelling: id } }, t).map((f) => f.message);
  } catch {
    return [];
  }
}

let metaCache: { lang: string; meta: ReturnType<typeof catalogMeta> } | undefined;
export function localizedCatalog() {
  if (metaCache?.lang !== vscode.env.language) {
    const adviceById = new Map<string, string[]>();
    const meta = catalogMeta(t).map((m) => {
      if (!adviceById.has(m.id)) adviceById.set(m.id, generalAdvice(m.id));
      return { ...m, advice: adviceById.get(m.id)! };
    });
    metaCache = { lang: vscode.env.language, meta };
  }
  return metaCache.meta;
}

class ExplorerPanel {
  static current: ExplorerPanel | undefined;
  private state: ExplorerState;
  private seq = 0;
  private ready = false;
  private openedAt: number;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly panel: vscode.WebviewPanel, private readonly extensionUri: vscode.Uri, state: ExplorerState, openedAt = Date.now()) {
    this.state = state;
    this.openedAt = openedAt;
    panel.iconPath = { light: vscode.Uri.joinPath(extensionUri, 'media', 'activation-lens-light.svg'), dark: vscode.Uri.joinPath(extensionUri, 'media', 'activation-lens.svg') };
    // A restored panel needs its options again; a new one got them from createWebviewPanel, and
    // setting them twice makes VS Code load the webview's document twice in a row (a race in its
    // webview host can then throw "Found unexpected null" in the page).
    if (openedAt === 0) panel.webview.options = webviewOptions(extensionUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      panel.onDidChangeViewState(() => {
        diag.visible = panel.visible;
        // Hidden: its document is gone, and showing it again loads the HTML anew. That HTML paints
        // before the bundle runs, so it must show what the user left, not what it opened with.
        if (!panel.visible && !this.disposed && this.htmlState && JSON.stringify(this.htmlState) !== JSON.stringify(this.state)) {
          this.ready = false;
          this.setHtml();
        }
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    diag.open = true;
    diag.visible = panel.visible;
    diag.state = state;
    if (openedAt === 0) {
      this.setHtml();
      return;
    }
    // A new panel: the extension host sends its messages to the workbench in a timer after the
    // current task, so the panel's creation would wait for the series computed below. In the
    // next task it has gone: the workbench opens the editor and starts the webview's frames (a few
    // hundred ms) while the host computes the document; the webview asks for it only once its
    // frames are up. One content update all the same: the panel was created without HTML.
    this.htmlTimer = setTimeout(() => {
      this.htmlTimer = undefined;
      if (!this.disposed) this.setHtml();
    }, 0);
  }

  private htmlTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  private setHtml() {
    const firstPaint = this.firstPaint();
    this.panel.webview.html = firstPaint
      ? webviewHtml(this.panel.webview, this.extensionUri, 'explorer', t('Activation Explorer'), [], { firstPaint })
      : webviewHtml(this.panel.webview, this.extensionUri, 'explorer', t('Activation Explorer'), this.bootMessages());
    this.htmlState = this.state;
    this.handlerMs = this.openedAt > 0 ? Date.now() - this.openedAt : -1;
  }

  /** The state the document's HTML shows (VS Code reloads a hidden panel from that HTML when it is shown again). */
  private htmlState: ExplorerState | undefined;

  /**
   * The charts as SVG in the HTML (src/render/firstPaint.ts): painted before any script runs; the
   * bundle loads after it and asks for its data. Only for the charts tab (the softmax tab boots
   * its bundle from the HTML as before); undefined when the series cannot be computed (the
   * webview then asks and shows the engine's error).
   */
  private firstPaint() {
    if (this.state.tab !== 'charts') return undefined;
    try {
      const series = this.seriesNow();
      if (series.type !== 'series') return undefined;
      const catalog = new Map(localizedCatalog().map((m) => [m.id, m]));
      this.booted = undefined;
      return firstPaintDocument({
        range: series.range, x: series.x, traces: series.traces, tab: 'charts', t,
        meta: (id) => catalog.get(id), formula: series.formula,
      });
    } catch {
      return undefined;
    }
  }

  /** Command → HTML set (the host's share of the first paint, a task's wait included), ms; -1 when no command opened it. */
  private handlerMs = -1;

  /**
   * The state the document's HTML was built with. It boots from it without asking — again each
   * time VS Code rebuilds a hidden panel's document from that HTML (see `ready`).
   */
  private booted: ExplorerState | undefined;

  /**
   * The first messages, put into the document itself: the charts paint as soon as the script runs,
   * with no round trip to the host. Any failure leaves them out and the webview asks as usual.
   */
  private bootMessages(): ToWebview[] {
    try {
      const init: ToWebview = { type: 'init', view: 'explorer', strings: uiStrings(), catalog: localizedCatalog(), state: this.state, themeKind: String(vscode.window.activeColorTheme.kind) };
      const series = this.seriesNow();
      const softmax = this.softmaxNow();
      this.booted = this.state;
      return [init, series, softmax];
    } catch {
      this.booted = undefined;
      return [];
    }
  }

  private post(msg: ToWebview) {
    void this.panel.webview.postMessage(msg);
  }

  private refuse(message: string) {
    diag.refusedByHost.push(message);
    this.post({ type: 'refused', message });
  }

  /** Shows new content (from a command while open); the webview updates its controls from it. */
  show(state: ExplorerState, openedAt: number) {
    this.state = state;
    diag.state = state;
    remember(state);
    // Revealing a hidden panel rebuilds its webview from its HTML: that HTML must show this state
    // (it paints before the bundle asks for anything), and that paint is timed from this command.
    if (!this.panel.visible) {
      this.openedAt = openedAt;
      if (JSON.stringify(this.htmlState) !== JSON.stringify(state)) { this.ready = false; this.setHtml(); }
      this.handlerMs = Date.now() - openedAt;
    }
    this.panel.reveal(undefined, false);
    if (this.ready) {
      this.post({ type: 'state', state });
      this.sendSeries();
      this.sendSoftmax();
    }
  }

  /** The charts' data for the current state, with the first activation's formulas. Throws the engine's errors. */
  private seriesNow(computed?: SeriesMessage): ToWebview {
    const seq = computed?.seq ?? ++this.seq;
    let msg = computed ?? seriesMessage(this.state.traces, this.state.range, seq);
    // the user's own activation, beside the built-ins on the explorer's range (a copy: `computed` may be kept)
    const own = customCurve?.(this.state.range);
    if (own) msg = { ...msg, traces: [...msg.traces, own] };
    const id = this.state.traces[0].id;
    const images = formulaImages(id);
    if (images) msg.formula = { id, ...images };
    diag.lastSeries = { seq, traces: msg.traces.map((s) => ({
      id: s.id, title: s.title, ySum: s.y.reduce<number>((a, v) => a + (v ?? 0), 0), dySum: s.dy.reduce<number>((a, v) => a + (v ?? 0), 0), vanishing: s.vanishing.length, dead: s.dead.length,
    })) };
    return msg;
  }

  private softmaxNow(computed?: SoftmaxResult): ToWebview {
    const result = computed ?? softmaxResult(this.state.softmax);
    diag.lastSoftmax = { printout: result.printout, logPrintout: result.logPrintout, naive: result.overflow.naive, stable: result.overflow.stable };
    return { type: 'softmax', result };
  }

  private sendSeries() {
    try {
      this.post(this.seriesNow());
    } catch (e) {
      this.refuse(e instanceof Error ? e.message : String(e));
    }
  }

  private sendSoftmax() {
    try {
      this.post(this.softmaxNow());
    } catch (e) {
      this.refuse(e instanceof Error ? e.message : String(e));
    }
  }

  /** Every message from the webview goes through here: validated first, refused visibly if bad. */
  receive(raw: unknown) {
    diag.messagesFromWebview++;
    const checked = validateToHost(raw, CATALOG_INDEX, t);
    if (!checked.ok) return this.refuse(checked.error);
    const msg: ToHost = checked.value;
    switch (msg.type) {
      case 'ready': {
        this.ready = true;
        const booted = msg.booted ? this.booted : undefined;
        if (!booted) {
          this.post({ type: 'init', view: 'explorer', strings: uiStrings(), catalog: localizedCatalog(), state: this.state, themeKind: String(vscode.window.activeColorTheme.kind) });
          this.sendSeries();
          this.sendSoftmax();
          return;
        }
        // Booted from the document: send only what changed since its HTML was built (a command
        // while it loaded; the user's edits before the panel was hidden and shown again).
        const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
        if (!same(booted, this.state)) this.post({ type: 'state', state: this.state });
        if (!same([booted.traces, booted.range], [this.state.traces, this.state.range])) this.sendSeries();
        if (!same(booted.softmax, this.state.softmax)) this.sendSoftmax();
        return;
      }
      case 'setState': {
        const accepted = acceptState(this.state, msg.state, this.seq + 1);
        if (!accepted.ok) {
          diag.refusedByHost.push(accepted.error);
          this.post({ type: 'refused', message: accepted.error, state: this.state });
          return;
        }
        this.state = msg.state;
        diag.state = msg.state;
        remember(msg.state, msg.seq);
        if (accepted.series) {
          this.seq = accepted.series.seq;
          this.post(this.seriesNow(accepted.series));
        }
        if (accepted.softmax) this.post(this.softmaxNow(accepted.softmax));
        return;
      }
      case 'softmax':
        this.state = { ...this.state, softmax: msg.input };
        this.sendSoftmax();
        return;
      case 'copyScript':
        void vscode.env.clipboard.writeText(viewScript(this.state, t)).then(() => {
          this.post({ type: 'status', message: t('Script copied: run it with python3 to reproduce this view ({0}).', describeState(this.state)) });
        });
        return;
      case 'exportPng':
        void this.exportPng(msg.dataUrl, msg.name);
        return;
      case 'timing':
        // Timed once per open: a webview rebuilt after being hidden paints again, but no command started it.
        if (msg.kind === 'firstPaint' && this.openedAt > 0) {
          const hostMs = Date.now() - this.openedAt;
          const shownMs = msg.sinceShown !== undefined && msg.sinceShown >= 0 ? Math.round(hostMs - msg.sinceShown) : -1;
          diag.firstPaint.push({ hostMs, shownMs, handlerMs: this.handlerMs, webviewMs: msg.ms, traces: msg.traces, points: msg.points, commandAt: this.openedAt });
        }
        if (msg.kind === 'firstPaint') this.openedAt = 0;
        else diag.redraws.push({ ms: msg.ms, traces: msg.traces, points: msg.points, seq: msg.seq });
        if (diag.redraws.length > 500) diag.redraws.splice(0, 250);
        return;
      case 'problem':
        if (msg.kind === 'refused') { diag.refusedByWebview.push(msg.message); return; }
        diag.problems.push({ kind: msg.kind, message: msg.message });
        console.warn(`[Activation Explorer] webview ${msg.kind}: ${msg.message}`);
        return;
      case 'pin':
        return;
      case 'openExplorer':
        openExplorer(this.extensionUri, { traces: [msg.trace] });
        return;
    }
  }

  private async exportPng(dataUrl: string, name: string) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = exportTarget ?? await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: { [t('PNG image')]: ['png'] },
      saveLabel: t('Export PNG'),
      title: t('Export the charts as PNG'),
    });
    if (!target) return;
    const b64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    await vscode.workspace.fs.writeFile(target, bytes);
    diag.exported.push(target.toString());
    this.post({ type: 'status', message: t('Saved {0}', target.path.split('/').pop() ?? '') });
  }

  dispose() {
    this.disposed = true;
    clearTimeout(this.htmlTimer);
    if (ExplorerPanel.current === this) {
      ExplorerPanel.current = undefined;
      customCurve = null; // a later explorer (palette, restore) shows the built-ins only
    }
    diag.open = false;
    diag.visible = false;
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}

/** A user-defined activation's f and f′ on a range, computed by the engine on the host (null: no longer evaluable). */
export type CustomCurve = (range: Range) => SeriesTrace | null;
/** The compared user-defined activation, from the hover's link; opening the explorer any other way drops it. */
let customCurve: CustomCurve | null = null;

/** Opens (or reveals and updates) the explorer. */
export function openExplorer(extensionUri: vscode.Uri, opts: { traces?: Trace[]; openedAt?: number; tab?: 'softmax'; custom?: CustomCurve } = {}) {
  const openedAt = opts.openedAt ?? Date.now();
  customCurve = opts.custom ?? null;
  const cur = ExplorerPanel.current;
  const base = cur ? (diag.state ?? defaultState([firstTrace()])) : defaultState([firstTrace()]);
  const state: ExplorerState = opts.traces ? { ...base, traces: opts.traces, tab: 'charts' } : opts.tab ? { ...base, tab: opts.tab } : base;
  if (cur) return cur.show(state, openedAt);
  // From the palette it gets the whole editor area; from a hover link or the side view it opens
  // beside the code it explains.
  const column = opts.traces || opts.custom ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
  const panel = vscode.window.createWebviewPanel(EXPLORER_VIEW_TYPE, t('Activation Explorer'), column, webviewOptions(extensionUri));
  ExplorerPanel.current = new ExplorerPanel(panel, extensionUri, state, openedAt);
}

/** `{ id, params }` from a hover link or a caller; null (with a message shown) when it is not valid. */
function traceFromArgs(args: unknown): Trace | null | undefined {
  if (args === undefined || args === null) return undefined;
  try {
    return checkTrace(args, CATALOG_INDEX, t);
  } catch (e) {
    void vscode.window.showErrorMessage(t('Activation Lens: cannot open the explorer: {0}', e instanceof Error ? e.message : String(e)));
    return null;
  }
}

function tracesFromCompareArgs(args: unknown): Trace[] | null {
  const o = (typeof args === 'object' && args !== null ? args : {}) as { ids?: unknown; params?: unknown };
  const ids = Array.isArray(o.ids) ? o.ids.filter((x): x is string => typeof x === 'string' && !!getActivation(x)).slice(0, 6) : [];
  if (!ids.length) {
    void vscode.window.showErrorMessage(t('Activation Lens: nothing to compare.'));
    return null;
  }
  const given = typeof o.params === 'object' && o.params !== null ? (o.params as Record<string, unknown>) : {};
  return ids.map((id, i) => {
    const spec = getActivation(id)!;
    // The call's parameters belong to the first (the one in the code); the others start at defaults.
    const params = i === 0 ? Object.fromEntries(Object.entries(given).filter(([k]) => spec.params.some((p) => p.name === k))) : {};
    try { return checkTrace({ id, params }, CATALOG_INDEX, t); } catch { return checkTrace({ id }, CATALOG_INDEX, t); }
  });
}

/** After start-up has settled: how long until the first panel's ingredients are prepared in idle time. */
const PREPARE_AFTER_MS = 4000;

export function registerExplorer(context: vscode.ExtensionContext): vscode.Disposable {
  const uri = context.extensionUri;
  memento = context.workspaceState;
  // The first open in a window would otherwise also read the webview bundle and localise the
  // catalog (and compile that code) between the command and the first paint. A few ms of idle
  // work, well after activate() has returned.
  const prepare = setTimeout(() => {
    void loadWebviewAssets(uri);
    try { localizedCatalog(); } catch { /* the command reports it */ }
  }, PREPARE_AFTER_MS);
  return vscode.Disposable.from(
    { dispose: () => clearTimeout(prepare) },
    vscode.commands.registerCommand('activationLens.openExplorer', (args?: unknown) => {
      const openedAt = Date.now();
      // `{ tab: 'softmax' }` (the walkthrough's playground step) opens the playground.
      if (args && typeof args === 'object' && (args as { tab?: unknown }).tab === 'softmax') return openExplorer(uri, { tab: 'softmax', openedAt });
      const custom = customCurveFromArgs(args);
      // `{ custom }` alone: the user's curve beside whatever the explorer shows (no built-in is near it)
      const trace = custom && !Object.prototype.hasOwnProperty.call(args, 'id') ? undefined : traceFromArgs(args);
      if (trace === null) return;
      openExplorer(uri, { traces: trace ? [trace] : undefined, openedAt, custom });
    }),
    vscode.commands.registerCommand('activationLens.compare', (args?: unknown) => {
      const openedAt = Date.now();
      const traces = tracesFromCompareArgs(args);
      if (!traces) return;
      openExplorer(uri, { traces, openedAt });
    }),
    vscode.window.registerWebviewPanelSerializer(EXPLORER_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, saved: unknown) {
        // The saved state comes from the webview: validate it like any message, fall back if stale.
        // Both copies are stamped with the webview's seq; the newer valid one wins (VS Code may
        // persist the webview's copy later than the memento, so a quick reload can find it stale).
        const fromWebview = validateState(saved, CATALOG_INDEX, t);
        const remembered = context.workspaceState.get<unknown>(STATE_KEY);
        const rememberedState = remembered && typeof remembered === 'object' && 'state' in remembered ? (remembered as { state: unknown }).state : remembered;
        const fromMemento = validateState(rememberedState, CATALOG_INDEX, t);
        const useMemento = fromMemento.ok && (!fromWebview.ok || seqOf(remembered) > seqOf(saved));
        const state = useMemento && fromMemento.ok ? fromMemento.value : fromWebview.ok ? fromWebview.value : defaultState([firstTrace()]);
        diag.restoredFrom = useMemento ? 'workspaceState' : fromWebview.ok ? 'webview' : 'default';
        diag.restoreRefusal = fromWebview.ok ? null : fromWebview.error;
        if (!fromWebview.ok) console.warn(`[Activation Explorer] restored from ${diag.restoredFrom}: the webview's saved state was refused (${fromWebview.error})`);
        ExplorerPanel.current?.panel.dispose();
        customCurve = null;
        ExplorerPanel.current = new ExplorerPanel(panel, uri, state, 0);
      },
    }),
    // For the extension-host tests and the benchmark; not contributed to the palette.
    vscode.commands.registerCommand('activationLens.explorer.testInfo', (): ExplorerDiagnostics => JSON.parse(JSON.stringify(diag))),
    vscode.commands.registerCommand('activationLens.explorer.testReceive', (raw: unknown) => {
      ExplorerPanel.current?.receive(raw);
      return JSON.parse(JSON.stringify(diag.refusedByHost));
    }),
    vscode.commands.registerCommand('activationLens.explorer.testExportTo', (path: unknown) => {
      exportTarget = typeof path === 'string' && path ? vscode.Uri.file(path) : undefined;
    }),
    vscode.commands.registerCommand('activationLens.explorer.testPost', (raw: unknown) => ExplorerPanel.current?.panel.webview.postMessage(raw)),
    { dispose: () => ExplorerPanel.current?.panel.dispose() },
  );
}
