// Hover latency in the real VS Code, as a user sees it (mouse arrives → hover on screen), on a
// 10,000-line file: first hover at its end, later hovers, a hover right after typing a line.
// Recorded, not judged: targets (first < 1 s, later < 300 ms beyond the hover delay) are for
// `npm run bench -- hoverlatency`, which measures a freshly opened window; here a hang guard only.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Check } from '../framework.mjs';
import { measureHoverLatency } from '../hoverLatency.mjs';

export default {
  name: 'hover latency on a 10,000-line file (mouse → hover visible), recorded for the report',
  themes: ['light'],
  timeoutMs: 150_000,
  async run(ctx) {
    const m = await measureHoverLatency(ctx, (s) => ctx.log(s), 1);
    assert.ok(m.first > 0 && m.later.every((x) => x > 0) && m.afterEdit > 0);
    mkdirSync(join('test-results', 'browser'), { recursive: true });
    writeFileSync(join('test-results', 'browser', 'hover-latency.json'), JSON.stringify(m, null, 2));
  },
} satisfies Check;
