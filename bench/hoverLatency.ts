// Hover latency as a user sees it (issue 18): in a freshly opened window of the real VS Code
// (code-server + headless Chromium, the working tree as the extension), open a 10,000-line file,
// go to its end and rest the mouse on an activation: ms from the mouse's arrival to the hover on
// screen (test/browser/hoverLatency.mts), then later hovers and one right after typing a line.
// Targets: first < 1000 ms; later < 300 ms beyond the editor's hover delay (150 ms here).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { CheckContext } from '../test/browser/framework.mjs';
import { BIG_FILE, HOVER_DELAY_MS, measureHoverLatency, type HoverLatency } from '../test/browser/hoverLatency.mjs';
import { tenThousandLines } from './hover';
import { ensureCodeServer } from '../scripts/vscode-setup.mjs';
import { UNRELATED_BUILTINS, baseSettings, launchBrowser, makeRunDirs, newRunFolder, startCodeServer, workbenchUrl, writeUserSettings } from '../scripts/vscode-server.mjs';
import type { Cell, Section, SectionContext, SectionResult } from './lib/types';

const ROOT = resolve('.');
const DEMO = join(ROOT, 'demo');
const FIRST_TARGET = 1000;
const LATER_TARGET = HOVER_DELAY_MS + 300;

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(0.95 * xs.length))];
const cell = (v: number, n: number): Cell => (Number.isFinite(v) ? { ms: v, samples: n } : { na: 'not measured' });

export const section: Section = {
  id: 'hoverlatency',
  async run(sctx: SectionContext): Promise<SectionResult> {
    const windows = sctx.quick ? 1 : 3;
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build failed:\n${b.stdout}${b.stderr}`);
    ensureCodeServer();
    const run = newRunFolder('bench-hoverlatency');
    const dirs = makeRunDirs(join(run, 'light'), join(run, 'extensions'));
    writeUserSettings(dirs, { ...baseSettings('light'), 'editor.hover.delay': HOVER_DELAY_MS });
    const server = await startCodeServer({ dirs, smokeTestDriver: true, disableExtensions: UNRELATED_BUILTINS });
    const home = join(run, 'home');
    mkdirSync(home, { recursive: true });
    const browser = await launchBrowser(home);
    const load0 = loadavg()[0];
    const runs: HoverLatency[] = [];
    try {
      for (let w = 0; w < windows; w++) {
        // A fresh browser context: a newly opened window (new extension host, nothing cached).
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });
        const page = await context.newPage();
        // On disk before the window opens, so the Explorer lists it at once (a file written after
        // start-up waited on the file watcher, and one window in three never showed it in 45 s).
        writeFileSync(join(DEMO, BIG_FILE), tenThousandLines());
        const ctx = new CheckContext(page, 'light', server, DEMO, join(run, 'screenshots'));
        await page.goto(workbenchUrl(server, { folder: DEMO, extensionDevelopmentPath: ROOT }), { waitUntil: 'domcontentloaded' });
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'mlp.py' }).first().waitFor({ state: 'visible', timeout: 120_000 });
        runs.push(await measureHoverLatency(ctx, (s) => sctx.log(`window ${w + 1}: ${s}`), sctx.quick ? 1 : 2));
        await context.close();
      }
    } finally {
      await browser.close().catch(() => {});
      await server.stop();
      rmSync(run, { recursive: true, force: true });
    }
    const first = runs.map((r) => r.first);
    const later = runs.flatMap((r) => r.later);
    const edit = runs.map((r) => r.afterEdit);
    const col = 'mouse → hover visible';
    const row = (name: string, xs: number[], v: number, target?: number) => ({
      name, cells: { [col]: cell(v, xs.length) },
      targets: target ? [{ label: `≤${target} ms`, ratio: v / target, limit: 1 }] : [],
    });
    return {
      title: `Hover latency in the real VS Code on a 10,000-line file (code-server + headless Chromium), ${windows} freshly opened window(s); the editor's hover delay (${HOVER_DELAY_MS} ms) is included`,
      columns: [col],
      ratios: [],
      rows: [
        row('first hover (end of the file, new window), median', first, median(first), FIRST_TARGET),
        row('later hovers, median', later, median(later), LATER_TARGET),
        row('later hovers, p95', later, p95(later), LATER_TARGET),
        row('right after typing a line, median', edit, median(edit), LATER_TARGET),
      ],
      notes: [
        `first hovers: ${first.map((v) => v.toFixed(0)).join(', ')} ms; later: ${later.map((v) => v.toFixed(0)).join(', ')} ms; after an edit: ${edit.map((v) => v.toFixed(0)).join(', ')} ms`,
        `targets: first < ${FIRST_TARGET} ms; later < ${LATER_TARGET} ms (300 ms beyond the ${HOVER_DELAY_MS} ms hover delay); load average ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)}`,
      ],
    };
  },
};
