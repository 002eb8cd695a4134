// The extension host's side of the findings worker (src/lint/workerCore.ts): a worker_threads
// thread on desktop, a Web Worker in the browser host, each running the extension's own bundle. Undefined when neither can start; the
// caller then lints in-process as before. While a request for a document is being answered, only
// its newest version waits to be sent: typing does not queue one whole lint per keystroke.
import * as vscode from 'vscode';
import type { Finding, LintOptions } from '../lint';
import type { LinkIndex, LintWorkerCommand, LintWorkerEvent } from '../lint/workerCore';
import type { FileLinks } from '../lint/join';
import type { LinkSource } from '../lint/linksOf';
import { workerScript, workerWrapper } from '../lint/workerSource';

interface Port {
  readonly kind: 'thread' | 'web';
  post(c: LintWorkerCommand, transfer?: ArrayBuffer[]): void;
  onEvent(cb: (e: LintWorkerEvent) => void): void;
  onFail(cb: (message: string) => void): void;
  terminate(): void;
}

type Request = Extract<LintWorkerCommand, { cmd: 'lint' }>;
type Answer = { file?: Finding[]; cells?: Finding[][] };
/** What a request gets: the findings, 'outdated' (a newer version of the document was asked for), or undefined (the worker failed). */
export type WorkerAnswer = Answer | 'outdated' | undefined;
interface Waiting { request: Omit<Request, 'id'>; same: string; resolve: Array<(a: WorkerAnswer) => void> }

/** The bundle this extension host runs (the worker runs it too, see src/lint/workerSource.ts). */
async function ownBundle(extensionUri: vscode.Uri, web: boolean): Promise<Uint8Array> {
  return vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', ...(web ? ['web', 'extension.js'] : ['extension.js'])));
}

async function nodePort(extensionUri: vscode.Uri): Promise<Port | undefined> {
  // process.getBuiltinModule reaches worker_threads without a require() the browser bundle could not resolve (as the lab does).
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const wt = proc?.getBuiltinModule?.('node:worker_threads') as typeof import('node:worker_threads') | undefined;
  if (!wt?.Worker) return undefined;
  const code = workerScript(new TextDecoder().decode(await ownBundle(extensionUri, false)));
  const w = new wt.Worker(code, { eval: true });
  // The host may exit while the worker lints: the worker must not keep it alive.
  w.unref();
  return {
    kind: 'thread',
    post: (c, transfer) => w.postMessage(c, transfer),
    onEvent: (cb) => { w.on('message', cb); },
    onFail: (cb) => { w.on('error', (e: Error) => cb(e.message)); w.on('exit', (code) => cb(`exited with ${code}`)); },
    terminate: () => void w.terminate(),
  };
}

interface WebWorkerLike { postMessage(m: unknown, transfer?: unknown[]): void; onmessage: ((e: { data: LintWorkerEvent }) => void) | null; onerror: ((e: { message?: string }) => void) | null; terminate(): void }

async function webPort(extensionUri: vscode.Uri): Promise<Port | undefined> {
  const g = globalThis as unknown as { Blob?: new (p: unknown[], o: unknown) => unknown; URL?: { createObjectURL(b: unknown): string }; Worker?: new (u: string) => WebWorkerLike };
  if (!g.Worker || !g.Blob || !g.URL) return undefined;
  // A cross-origin URL cannot start a worker: start it from the bundle's text.
  const { prefix, suffix } = workerWrapper();
  const w = new g.Worker(g.URL.createObjectURL(new g.Blob([prefix, await ownBundle(extensionUri, true), suffix], { type: 'text/javascript' })));
  let fail: (m: string) => void = () => undefined;
  w.onerror = (e) => fail(e.message ?? 'worker failed');
  return {
    kind: 'web',
    post: (c, transfer) => w.postMessage(c, transfer),
    onEvent: (cb) => { w.onmessage = (e) => cb(e.data); },
    onFail: (cb) => { fail = cb; },
    terminate: () => w.terminate(),
  };
}

export class FindingsWorker {
  private nextId = 1;
  private readonly answers = new Map<number, (a: Answer | undefined) => void>();
  /** Per document: whether a request is with the worker, and the newest one waiting behind it. */
  private readonly busy = new Set<string>();
  private readonly waiting = new Map<string, Waiting>();
  private failed = false;
  /** Links requests (the look through the workspace), and the file index the worker last got. */
  private readonly linkAnswers = new Map<number, (l: FileLinks | null | undefined) => void>();
  private sentIndex: string | undefined;

  private constructor(private readonly port: Port) {
    port.onEvent((e) => {
      const link = this.linkAnswers.get(e.id);
      if (link) {
        this.linkAnswers.delete(e.id);
        if (e.type !== 'links') this.sentIndex = undefined;
        link(e.type === 'links' ? e.links : undefined);
        return;
      }
      const done = this.answers.get(e.id);
      this.answers.delete(e.id);
      done?.(e.type === 'findings' ? { file: e.file, cells: e.cells } : undefined);
    });
    port.onFail(() => this.fail());
  }

  /** Starts the worker and hands it the parser; undefined where no worker can run. */
  static async start(extensionUri: vscode.Uri, wasm: { treeSitter: Uint8Array; python: Uint8Array }): Promise<FindingsWorker | undefined> {
    let port: Port | undefined;
    try {
      port = isNodeHost() ? await nodePort(extensionUri) : await webPort(extensionUri);
    } catch {
      port = undefined;
    }
    if (!port) return undefined;
    // Copies: the host's own parser keeps its bytes.
    port.post({ cmd: 'init', wasm: { treeSitter: wasm.treeSitter.slice(), python: wasm.python.slice() } });
    return new FindingsWorker(port);
  }

  get kind(): 'thread' | 'web' {
    return this.port.kind;
  }

  get alive(): boolean {
    return !this.failed;
  }

  /** The findings of a file (`text`) or of a notebook's code cells (`cells`); undefined if the worker failed. */
  lint(request: Omit<Request, 'id' | 'cmd' | 'l10n'>): Promise<WorkerAnswer> {
    if (this.failed) return Promise.resolve(undefined);
    // Settings come as the configuration's own objects, which a port cannot clone: plain copies.
    const options = JSON.parse(JSON.stringify(request.options)) as LintOptions;
    const full: Omit<Request, 'id'> = { ...request, options, cmd: 'lint', l10n: vscode.l10n.bundle ? { ...vscode.l10n.bundle } : undefined };
    const same = JSON.stringify([request.version, options, request.external ?? null, request.models ?? null, request.stars ?? null]);
    return new Promise((resolve) => {
      const w = this.waiting.get(request.key);
      if (w && w.same === same) w.resolve.push(resolve);
      else {
        // Another version (or other settings) replaces the one waiting, which is then outdated.
        for (const r of w?.resolve ?? []) r('outdated');
        this.waiting.set(request.key, { request: full, same, resolve: [resolve] });
      }
      this.pump(request.key);
    });
  }

  /**
   * A file's links computed in the worker (null: none); undefined when the worker cannot answer
   * (the caller computes them in process). The index's files are sent only when the worker lacks them.
   */
  links(path: string, source: LinkSource, index: Required<LinkIndex>): Promise<FileLinks | null | undefined> {
    if (this.failed) return Promise.resolve(undefined);
    const id = this.nextId++;
    const send: LinkIndex = this.sentIndex === index.key ? { key: index.key, roots: index.roots } : index;
    this.sentIndex = index.key;
    return new Promise((resolve) => {
      this.linkAnswers.set(id, resolve);
      try {
        this.port.post({ cmd: 'links', id, path, source, index: send });
      } catch {
        this.linkAnswers.delete(id);
        this.sentIndex = undefined;
        resolve(undefined);
      }
    });
  }

  forget(key: string): void {
    for (const r of this.waiting.get(key)?.resolve ?? []) r('outdated');
    this.waiting.delete(key);
    if (!this.failed) this.port.post({ cmd: 'forget', key });
  }

  dispose(): void {
    this.fail();
    this.port.terminate();
  }

  private pump(key: string): void {
    if (this.busy.has(key)) return;
    const w = this.waiting.get(key);
    if (!w) return;
    this.waiting.delete(key);
    this.busy.add(key);
    const id = this.nextId++;
    this.answers.set(id, (a) => {
      this.busy.delete(key);
      for (const r of w.resolve) r(a);
      this.pump(key);
    });
    try {
      this.port.post({ ...w.request, id } as Request);
    } catch {
      // Something the port cannot carry: this request, and the worker, are given up (in-process from now on).
      this.answers.get(id)?.(undefined);
      this.answers.delete(id);
      this.fail();
    }
  }

  private fail(): void {
    if (this.failed) return;
    this.failed = true;
    for (const done of this.answers.values()) done(undefined);
    this.answers.clear();
    for (const done of this.linkAnswers.values()) done(undefined);
    this.linkAnswers.clear();
    for (const w of this.waiting.values()) for (const r of w.resolve) r(undefined);
    this.waiting.clear();
  }
}

/** The desktop extension host runs on Node even when the workbench is a browser (code-server). */
function isNodeHost(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return !!proc?.versions?.node;
}
