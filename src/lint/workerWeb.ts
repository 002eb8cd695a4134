// The findings worker in the browser extension host (vscode.dev): a Web Worker (dist/web/lintWorker.js).
import { createLintWorkerCore, type LintWorkerCommand } from './workerCore';

interface WorkerScope { postMessage(m: unknown): void; onmessage: ((e: { data: LintWorkerCommand }) => void) | null }
const scope = globalThis as unknown as WorkerScope;
const handle = createLintWorkerCore((e) => scope.postMessage(e));
scope.onmessage = (e) => handle(e.data);
