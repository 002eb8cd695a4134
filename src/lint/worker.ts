// The findings worker's entry, one bundle for both hosts (dist/lintWorker.js): a worker_threads
// thread of the desktop extension host, or a Web Worker in the browser host. worker_threads is
// reached through process.getBuiltinModule at run time, so the bundle imports no Node built-in
// and one file serves both (the .vsix carries it once).
import { createLintWorkerCore, type LintWorkerCommand, type LintWorkerEvent } from './workerCore';

interface NodePort { postMessage(m: LintWorkerEvent): void; on(event: 'message', cb: (c: LintWorkerCommand) => void): void }
interface WebScope { postMessage(m: LintWorkerEvent): void; onmessage: ((e: { data: LintWorkerCommand }) => void) | null }

const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
const port = (proc?.getBuiltinModule?.('node:worker_threads') as { parentPort?: NodePort | null } | undefined)?.parentPort;
if (port) {
  const handle = createLintWorkerCore((e) => port.postMessage(e));
  port.on('message', (c) => handle(c));
} else {
  const scope = globalThis as unknown as WebScope;
  const handle = createLintWorkerCore((e) => scope.postMessage(e));
  scope.onmessage = (e) => handle(e.data);
}
