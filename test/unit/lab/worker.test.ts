// The race runs in a worker thread: the host's event loop stays responsive (lag measured while
// a race runs; its target is the bench's), frames stream in, pause stops the steps, reset starts over, bad settings come
// back as refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as workerThreads from 'node:worker_threads';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { buildSync } from 'esbuild';
import { nodeWorker } from '../../../src/lab/workerClient';
import type { WorkerEvent } from '../../../src/lab/workerCore';

const RACE = { dataset: 'spiral', activations: [{ id: 'tanh' }, { id: 'relu' }, { id: 'sigmoid' }, { id: 'gelu' }], depth: 3, width: 32, steps: 3000, lr: 0.05, optimizer: 'adam', seed: 1, points: 400 };

function until(events: WorkerEvent[], pred: (e: WorkerEvent) => boolean, ms = 20000): Promise<WorkerEvent> {
  return new Promise((res, rej) => {
    const t0 = Date.now();
    const iv = setInterval(() => {
      const hit = events.find(pred);
      if (hit) { clearInterval(iv); res(hit); } else if (Date.now() - t0 > ms) { clearInterval(iv); rej(new Error('timed out')); }
    }, 5);
  });
}

test('a race in a worker thread: frames stream, the host\'s event loop is never blocked, pause and reset work', async () => {
  // the worker as the extension ships it: one esbuild bundle (scripts/build.mjs makes dist/labWorker.js)
  const file = join(mkdtempSync(join(tmpdir(), 'lab-worker-')), 'labWorker.js');
  buildSync({ entryPoints: ['src/lab/workerNode.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: file, logLevel: 'silent' });
  const w = nodeWorker(file, workerThreads);
  const events: WorkerEvent[] = [];
  w.onEvent((e) => events.push(e));
  try {
    w.post({ cmd: 'race', settings: RACE });
    await until(events, (e) => e.type === 'race');
    // event-loop lag: how late a 10 ms timer fires while the worker trains
    let maxLag = 0;
    let last = performance.now();
    const iv = setInterval(() => {
      const now = performance.now();
      maxLag = Math.max(maxLag, now - last - 10);
      last = now;
    }, 10);
    w.post({ cmd: 'play' });
    // the machine may be busy (unit test files run in parallel): wait for progress, not a fixed time
    const t0 = Date.now();
    await until(events, (e) => e.type === 'frame' && e.frame.step >= 20, 60000);
    await new Promise((r) => setTimeout(r, 300));
    clearInterval(iv);
    const frames = events.filter((e): e is Extract<WorkerEvent, { type: 'frame' }> => e.type === 'frame');
    const progressed = frames[frames.length - 1].frame.step;
    assert.ok(frames.some((f) => f.frame.heatmaps?.maps.length === 4), 'heatmaps for every entry');
    // the 50 ms target is the bench's (bench/sections/lab.ts): a timed assertion here would
    // fail whenever the machine is busy; this only checks the host is not blocked outright
    assert.ok(maxLag < 500, `event-loop lag ${maxLag.toFixed(1)} ms`);
    process.stdout.write(`# host event-loop lag while racing: max ${maxLag.toFixed(1)} ms; ${progressed} steps × 4 nets in ${Date.now() - t0} ms\n`);
    const atPause = events.length;
    w.post({ cmd: 'pause' });
    await until(events, (e) => events.indexOf(e) >= atPause && e.type === 'frame' && !e.running, 20000);
    await new Promise((r) => setTimeout(r, 200));
    const n = events.length;
    const stepAtPause = (events.filter((e) => e.type === 'frame').pop() as Extract<WorkerEvent, { type: 'frame' }>).frame.step;
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(events.length, n, 'no frames while paused');
    w.post({ cmd: 'step', n: 1 });
    const stepped = (await until(events, (e) => e.type === 'frame' && e.frame.step === stepAtPause + 1)) as Extract<WorkerEvent, { type: 'frame' }>;
    assert.equal(stepped.frame.entries[0].losses.length, 1);
    w.post({ cmd: 'reset' });
    await until(events, (e) => events.indexOf(e) > n && e.type === 'frame' && e.frame.step === 0);
    w.post({ cmd: 'race', settings: { ...RACE, depth: 1e6 } });
    const err = (await until(events, (e) => e.type === 'error')) as Extract<WorkerEvent, { type: 'error' }>;
    assert.match(err.message, /depth must be a whole number from 1 to 50/);
  } finally {
    w.terminate();
  }
});
