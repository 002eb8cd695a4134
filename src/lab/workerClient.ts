// The extension host's side of the lab worker: a worker_threads thread on desktop, a Web Worker in
// the browser host, or (when neither can start) the same core in-process, yielding between slices.
import { createWorkerCore, type WorkerCommand, type WorkerEvent } from './workerCore';

export interface LabWorker {
  post(c: WorkerCommand): void;
  onEvent(cb: (e: WorkerEvent) => void): void;
  terminate(): void;
  readonly kind: 'thread' | 'web' | 'in-process';
}

export function nodeWorker(file: string, workerThreads: typeof import('node:worker_threads'), execArgv?: string[]): LabWorker {
  const w = new workerThreads.Worker(file, execArgv ? { execArgv } : undefined);
  let cb: (e: WorkerEvent) => void = () => undefined;
  w.on('message', (e: WorkerEvent) => cb(e));
  w.on('error', (e: Error) => cb({ type: 'error', template: '{0}', args: [e.message], message: e.message }));
  return { kind: 'thread', post: (c) => w.postMessage(c), onEvent: (f) => { cb = f; }, terminate: () => void w.terminate() };
}

interface WebWorkerLike { postMessage(m: unknown): void; onmessage: ((e: { data: WorkerEvent }) => void) | null; onerror: ((e: { message?: string }) => void) | null; terminate(): void }

export function webWorker(url: string): LabWorker {
  const W = (globalThis as unknown as { Worker: new (u: string) => WebWorkerLike }).Worker;
  const w = new W(url);
  let cb: (e: WorkerEvent) => void = () => undefined;
  w.onmessage = (e) => cb(e.data);
  w.onerror = (e) => cb({ type: 'error', template: '{0}', args: [e.message ?? 'worker failed'], message: e.message ?? 'worker failed' });
  return { kind: 'web', post: (c) => w.postMessage(c), onEvent: (f) => { cb = f; }, terminate: () => w.terminate() };
}

export function inProcessWorker(): LabWorker {
  let cb: (e: WorkerEvent) => void = () => undefined;
  let live = true;
  const handle = createWorkerCore((e) => { if (live) cb(e); });
  return { kind: 'in-process', post: (c) => setTimeout(() => live && handle(c), 0), onEvent: (f) => { cb = f; }, terminate: () => { live = false; handle({ cmd: 'pause' }); } };
}
