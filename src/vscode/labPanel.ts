// The Activation Lab panel (command activationLens.openLab; hover link "See it train"; the
// explorer's title bar). Thin: it checks what the webview asks for (src/lab/config.ts), hands
// races and depth runs to the lab worker (src/lab/workerClient.ts) and relays the frames.
// State lives in the webview (setState) and in the workspace memento, and comes back after a reload.
import * as vscode from 'vscode';
import { ACTIVATIONS } from '../catalog';
import { LabConfigError } from '../lab/config';
import { checkRace, configsOf } from '../lab/race';
import { checkDepthConfig } from '../lab/config';
import { labScript } from '../render/labScript';
import { inProcessWorker, nodeWorker, webWorker, type LabWorker } from '../lab/workerClient';
import { LagMeter } from '../lab/lagMeter';
import type { WorkerEvent } from '../lab/workerCore';
import {
  LAB_STRINGS, LAB_VIEW_TYPE, validateLabState, validateLabToHost,
  type LabActivationMeta, type LabState, type LabToWebview,
} from '../labProtocol';
import { escapeHtml as esc } from '../render/escape';
import { head } from './webviewPage';
import { makeNonce } from './webviewHtml';

const t = (m: string, ...a: Array<string | number | boolean>) => vscode.l10n.t(m, ...a);
const STATE_KEY = 'activationLens.lab.state';

export interface LabDiagnostics {
  open: boolean;
  workerKind: string | null;
  frames: number;
  lastStep: number;
  running: boolean;
  /** the host's event-loop lag while races ran: how late a 20 ms timer fired, ms */
  maxLagMs: number;
  lagP99Ms: number;
  lagSamples: number;
  refused: string[];
  depthRuns: number;
  state: LabState | null;
}
const diag: LabDiagnostics = { open: false, workerKind: null, frames: 0, lastStep: 0, running: false, maxLagMs: 0, lagP99Ms: 0, lagSamples: 0, refused: [], depthRuns: 0, state: null };

export function defaultLabState(focus?: string, params?: unknown): LabState {
  const acts = [...new Set([focus, 'relu', 'tanh', 'sigmoid'].filter((x): x is string => !!x && ACTIVATIONS.some((a) => a.id === x)))].slice(0, 3);
  const focusParams = params && typeof params === 'object' && !Array.isArray(params) ? params : undefined;
  return {
    tab: 'race',
    race: { dataset: 'moons', activations: acts.map((id) => (id === focus && focusParams ? { id, params: focusParams } : { id })), depth: 2, width: 16, steps: 500, lr: 0.1, optimizer: 'sgd', seed: 0, batchSize: null, noise: 0.1, points: 200, dtype: 'float32' },
    depth: [
      { activation: 'sigmoid', depth: 20, width: 64, batch: 128, seed: 0, init: 'xavier_normal' },
      { activation: focus && focus !== 'sigmoid' ? focus : 'relu', depth: 20, width: 64, batch: 128, seed: 0, init: 'kaiming_normal' },
    ],
  };
}

function activationsMeta(): LabActivationMeta[] {
  return ACTIVATIONS.filter((a) => a.spellings.module).map((a) => ({
    id: a.id, title: a.title,
    params: a.params.filter((p) => p.name !== 'inplace' && p.name !== 'training').map((p) => ({ name: p.name, kind: p.kind, default: p.default, ...(p.kind === 'enum' ? { options: p.options } : {}) })),
  }));
}

function startWorker(extensionUri: vscode.Uri): LabWorker {
  // desktop: a worker_threads thread. process.getBuiltinModule (Node ≥ 20.16) reaches it without
  // a require() that the browser bundle (vscode.dev's web-worker host) could not resolve.
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const wt = proc?.getBuiltinModule?.('node:worker_threads') as typeof import('node:worker_threads') | undefined;
  if (wt?.Worker) {
    try {
      return nodeWorker(vscode.Uri.joinPath(extensionUri, 'dist', 'labWorker.js').fsPath, wt);
    } catch {
      /* fall through to the in-process runner */
    }
  }
  return inProcessWorker();
}

/** The browser host: a Web Worker from the bundle's text (a cross-origin URL cannot start one). */
async function startWebWorker(extensionUri: vscode.Uri): Promise<LabWorker | undefined> {
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'labWorker.js'));
    const g = globalThis as unknown as { Blob: new (p: unknown[], o: unknown) => unknown; URL: { createObjectURL(b: unknown): string }; Worker?: unknown };
    if (!g.Worker) throw new Error('no Worker in this host');
    return webWorker(g.URL.createObjectURL(new g.Blob([bytes], { type: 'text/javascript' })));
  } catch (e) {
    // the race still runs (in-process, in slices); say why, for whoever reads the host's log
    console.warn(`[Activation Lens] lab: no Web Worker (${(e as Error)?.message ?? e}); training in-process`);
    return undefined;
  }
}

class LabPanel {
  static current: LabPanel | undefined;
  private worker: LabWorker | undefined;
  private readonly lag = new LagMeter();
  private state: LabState;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly panel: vscode.WebviewPanel, private readonly context: vscode.ExtensionContext, state: LabState) {
    this.state = state;
    diag.open = true;
    diag.state = state;
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview')] };
    panel.iconPath = { light: vscode.Uri.joinPath(context.extensionUri, 'media', 'activation-lens-light.svg'), dark: vscode.Uri.joinPath(context.extensionUri, 'media', 'activation-lens.svg') };
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      panel.onDidDispose(() => this.dispose()),
    );
    panel.webview.html = this.html();
  }

  private html(): string {
    const w = this.panel.webview;
    const nonce = makeNonce();
    const asset = (n: string) => w.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview', n)).toString();
    return `${head({ lang: vscode.env.language || 'en', cspSource: w.cspSource, nonce }, `<link rel="stylesheet" href="${esc(asset('lab.css'))}" nonce="${nonce}">`)}
<title>${esc(t('Activation Lab'))}</title>
</head>
<body data-view="lab">
<div id="lab" aria-busy="true"></div>
<script nonce="${nonce}" src="${esc(asset('lab.js'))}"></script>
</body>
</html>`;
  }

  private post(m: LabToWebview): void {
    void this.panel.webview.postMessage(m);
  }

  private refuse(e: unknown): void {
    // field names (the {0} of most templates) are English words with entries of their own
    const msg = e instanceof LabConfigError ? t(e.template, ...e.args.map((a) => (typeof a === 'string' ? t(a) : a))) : String((e as Error)?.message ?? e);
    diag.refused.push(msg);
    this.post({ type: 'refused', message: msg });
  }

  private async ensureWorker(): Promise<LabWorker> {
    if (this.worker) return this.worker;
    let w = startWorker(this.context.extensionUri);
    if (w.kind === 'in-process') w = (await startWebWorker(this.context.extensionUri)) ?? w;
    w.onEvent((e) => this.fromWorker(e));
    diag.workerKind = w.kind;
    // the browser checks read where training runs from this line (no command reaches them there)
    console.info(`[Activation Lens] lab training runs in: ${w.kind}`);
    this.worker = w;
    return w;
  }

  private fromWorker(e: WorkerEvent): void {
    if (e.type === 'error') return this.refuse(new LabConfigError(e.template, e.args));
    if (e.type === 'frame') {
      diag.frames++;
      diag.lastStep = e.frame.step;
      diag.running = e.running;
      this.watchLag(e.running);
      this.post({ type: 'frame', running: e.running, frame: e.frame });
    } else if (e.type === 'race') this.post({ type: 'race', settings: e.settings, points: e.points, extent: e.extent });
    else if (e.type === 'depth') {
      diag.depthRuns++;
      this.post({ type: 'depth', configs: e.configs, results: e.results });
    }
  }

  /** Samples the host's event-loop lag while a race runs (the issue's < 50 ms). */
  private watchLag(running: boolean): void {
    if (running && !this.lag.running) this.lag.start();
    else if (!running && this.lag.running) {
      this.lag.stop();
      const s = this.lag.stats();
      Object.assign(diag, { maxLagMs: s.maxMs, lagP99Ms: s.p99Ms, lagSamples: s.samples });
      console.info(this.lag.report());
    }
  }

  private async receive(raw: unknown): Promise<void> {
    const m = validateLabToHost(raw);
    if (!m) return this.refuse(new LabConfigError('Unrecognised message from the lab view.'));
    switch (m.type) {
      case 'ready':
        this.post({ type: 'init', strings: Object.fromEntries(LAB_STRINGS.map((s) => [s, t(s)])), activations: activationsMeta(), state: this.state });
        return;
      case 'state':
        this.state = m.state;
        diag.state = m.state;
        void this.context.workspaceState.update(STATE_KEY, m.state);
        return;
      case 'race':
        try {
          const settings = checkRace(m.settings);
          (await this.ensureWorker()).post({ cmd: 'race', settings });
        } catch (e) {
          this.refuse(e);
        }
        return;
      case 'control':
        (await this.ensureWorker()).post({ cmd: m.action });
        return;
      case 'depth':
        try {
          if (m.configs.length < 1) throw new LabConfigError('The depth view compares 1 to 6 configurations (got {0}).', [0]);
          const configs = m.configs.map((c) => checkDepthConfig(c));
          (await this.ensureWorker()).post({ cmd: 'depth', configs, token: Date.now() });
        } catch (e) {
          this.refuse(e);
        }
        return;
      case 'copyScript':
        try {
          await vscode.env.clipboard.writeText(labScript(configsOf(checkRace(this.state.race)), t));
          this.post({ type: 'copied' });
        } catch (e) {
          this.refuse(e);
        }
        return;
      case 'problem':
        console.error(`[Activation Lens] lab webview ${m.kind}: ${m.message}`);
        return;
    }
  }

  focus(id?: string, params?: unknown): void {
    this.panel.reveal();
    if (id) {
      this.state = defaultLabState(id, params);
      this.post({ type: 'init', strings: Object.fromEntries(LAB_STRINGS.map((s) => [s, t(s)])), activations: activationsMeta(), state: this.state });
    }
  }

  dispose(): void {
    this.lag.stop();
    this.worker?.terminate();
    this.worker = undefined;
    diag.open = false;
    diag.running = false;
    if (LabPanel.current === this) LabPanel.current = undefined;
    for (const d of this.disposables) d.dispose();
  }
}

function openLab(context: vscode.ExtensionContext, args?: unknown): void {
  const id = args && typeof args === 'object' && typeof (args as { id?: unknown }).id === 'string' ? (args as { id: string }).id : undefined;
  const known = id && ACTIVATIONS.some((a) => a.id === id) ? id : undefined;
  const params = known ? (args as { params?: unknown }).params : undefined;
  if (LabPanel.current) return LabPanel.current.focus(known, params);
  const saved = validateLabState(context.workspaceState.get(STATE_KEY));
  const state = known ? defaultLabState(known, params) : saved ?? defaultLabState();
  const panel = vscode.window.createWebviewPanel(LAB_VIEW_TYPE, t('Activation Lab'), vscode.ViewColumn.Active, {
    enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview')],
  });
  LabPanel.current = new LabPanel(panel, context, state);
}

export function registerLab(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('activationLens.openLab', (args?: unknown) => openLab(context, args)),
    vscode.window.registerWebviewPanelSerializer(LAB_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, saved: unknown) {
        const state = validateLabState(saved) ?? validateLabState(context.workspaceState.get(STATE_KEY)) ?? defaultLabState();
        LabPanel.current?.panel.dispose();
        LabPanel.current = new LabPanel(panel, context, state);
      },
    }),
    // For the extension-host tests and the browser checks; not contributed to the palette.
    vscode.commands.registerCommand('activationLens.lab.testInfo', () => ({ ...diag, refused: [...diag.refused] })),
  );
}
