// The lag meter behind the lab's event-loop figure (testInfo, the bench's real-VS-Code row): a
// blocked thread shows up as a late tick, and the report line parses back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LagMeter, parseLagReport } from '../../../src/lab/lagMeter';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a thread blocked for 150 ms reads as a tick at least 100 ms late', async () => {
  const m = new LagMeter();
  m.start();
  await sleep(100);
  const until = Date.now() + 150;
  while (Date.now() < until) { /* block the event loop */ }
  await sleep(60);
  m.stop();
  const s = m.stats();
  assert.ok(s.samples >= 3, `${s.samples} ticks`);
  assert.ok(s.maxMs >= 100, `max ${s.maxMs} ms`);
  assert.ok(s.maxMs < 1000);
  const back = parseLagReport(m.report());
  assert.ok(back);
  assert.equal(back.samples, s.samples);
  assert.ok(Math.abs(back.maxMs - s.maxMs) <= 0.05);
  assert.ok(Math.abs(back.p99Ms - s.p99Ms) <= 0.05);
});

test('stopped, it takes no more ticks', async () => {
  const m = new LagMeter();
  m.start();
  await sleep(70);
  m.stop();
  const n = m.stats().samples;
  await sleep(60);
  assert.equal(m.stats().samples, n);
  assert.equal(parseLagReport('something else'), undefined);
});
