// The findings worker on desktop: a worker_threads thread of the extension host (dist/lintWorker.js).
import { parentPort } from 'node:worker_threads';
import { createLintWorkerCore, type LintWorkerCommand } from './workerCore';

const port = parentPort;
if (port) {
  const handle = createLintWorkerCore((e) => port.postMessage(e));
  port.on('message', (c: LintWorkerCommand) => handle(c));
}
