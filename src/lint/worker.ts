// The findings worker's entry point, for both hosts: a worker_threads thread of the desktop
// extension host, or a Web Worker in the browser host. It is not a bundle of its own (the .vsix
// has no room for a second copy of the analysis): the extension's own bundle is loaded in the
// worker (see workerSource.ts) and its exported runLintWorker wires the core to the worker's port.
// worker_threads is reached through process.getBuiltinModule at run time: no Node built-in is
// imported, so the browser bundle stays free of them.
import { createLintWorkerCore, type LintWorkerCommand, type LintWorkerEvent } from './workerCore';

interface NodePort { postMessage(m: LintWorkerEvent): void; on(event: 'message', cb: (c: LintWorkerCommand) => void): void }
interface WebScope { postMessage(m: LintWorkerEvent): void; onmessage: ((e: { data: LintWorkerCommand }) => void) | null }

export function runLintWorker(): void {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const port = (proc?.getBuiltinModule?.('node:worker_threads') as { parentPort?: NodePort | null } | undefined)?.parentPort;
  if (port) {
    const handle = createLintWorkerCore((e) => port.postMessage(e));
    port.on('message', (c) => handle(c));
    return;
  }
  const scope = globalThis as unknown as WebScope;
  const handle = createLintWorkerCore((e) => scope.postMessage(e));
  scope.onmessage = (e) => handle(e.data);
}
