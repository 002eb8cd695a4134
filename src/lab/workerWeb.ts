// The lab worker in the browser extension host (vscode.dev): a Web Worker (dist/web/labWorker.js).
import { createWorkerCore, type WorkerCommand } from './workerCore';

interface WorkerScope { postMessage(m: unknown): void; onmessage: ((e: { data: WorkerCommand }) => void) | null }
const scope = globalThis as unknown as WorkerScope;
const handle = createWorkerCore((e) => scope.postMessage(e));
scope.onmessage = (e) => handle(e.data);
