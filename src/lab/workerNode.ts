// The lab worker on desktop: a worker_threads thread of the extension host (dist/labWorker.js).
import { parentPort } from 'node:worker_threads';
import { createWorkerCore, type WorkerCommand } from './workerCore';

const port = parentPort;
if (port) {
  const handle = createWorkerCore((e) => port.postMessage(e), (f) => setImmediate(f));
  port.on('message', (c: WorkerCommand) => handle(c));
}
