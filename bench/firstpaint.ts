// Explorer first paint (issue 5: "first charts painted within 500 ms of the command"), measured in
// the real VS Code (code-server) and Chromium the browser checks use, phase by phase: from Enter in
// the command palette through our command handler, the workbench opening the panel, VS Code's
// webview host page and its service worker, our document, to the first contentful paint of that
// document (the charts on screen). The same phases for a blank webview (bench/fixtures/blank-webview:
// a tiny document, one canvas) show what VS Code itself costs in the same window; a fresh window's
// first webview also installs VS Code's webview service worker.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { CheckContext } from '../test/browser/framework.mjs';
import { ensureCodeServer } from '../scripts/vscode-setup.mjs';
import {
  UNRELATED_BUILTINS, baseSettings, installVsix, launchBrowser, launchProfileBrowser, makeRunDirs, newRunFolder, startCodeServer, workbenchUrl, writeUserSettings, type CodeServer,
} from '../scripts/vscode-server.mjs';
import type { Cell, Row, Section, SectionContext, SectionResult } from './lib/types';

const ROOT = resolve('.');
const DEMO = join(ROOT, 'demo');
const TARGET_MS = 500;

type View = 'explorer' | 'blank';
/** Milliseconds after Enter for each phase of one open; NaN when not seen. */
type Phases = Record<PhaseKey, number>;
type PhaseKey = 'command' | 'html' | 'mounted' | 'hostPage' | 'content' | 'worker' | 'document' | 'script' | 'drawn' | 'visible' | 'fcp';

const PHASES: Array<[PhaseKey, string]> = [
  ['command', 'command handler starts (extension host)'],
  ['html', 'HTML set by the handler'],
  ['mounted', 'workbench mounts the webview'],
  ['hostPage', "webview host page's script starts"],
  ['content', 'HTML posted to the host page'],
  ['worker', 'service worker ready'],
  ['document', 'our document starts'],
  ['visible', 'document loaded: frame shown'],
  ['fcp', 'first contentful paint (on screen)'],
  ['script', 'our bundle runs (after the paint)'],
  ['drawn', 'canvas drawn by script (ours: chart.js, interactive)'],
];

/** Records in every webview host page when VS Code makes its content frame visible (at the document's load event). */
function visibilityProbe() {
  if (!/\/webview\/browser\/pre\/index\.html/.test(location.pathname)) return;
  const shown: number[] = [];
  (window as unknown as { __alShown: number[] }).__alShown = shown;
  // What the host page's service worker set-up waits for (register, the update check it forces
  // when a worker already controls the page, a new worker taking control).
  const sw: Array<[string, number, string?]> = [];
  (window as unknown as { __alSw: typeof sw }).__alSw = sw;
  const c = navigator.serviceWorker;
  if (c) {
    sw.push(['controlled at start', performance.now(), String(!!c.controller)]);
    // (No named function values in here: the bundler would wrap them in a helper the page lacks.)
    const register = ServiceWorkerContainer.prototype.register;
    ServiceWorkerContainer.prototype.register = function (this: ServiceWorkerContainer, ...a: Parameters<ServiceWorkerContainer['register']>) {
      sw.push(['register', performance.now()]);
      return register.apply(this, a).then((r) => { sw.push(['registered', performance.now(), `installing ${!!r.installing}, waiting ${!!r.waiting}, active ${!!r.active}`]); return r; });
    };
    const update = ServiceWorkerRegistration.prototype.update;
    ServiceWorkerRegistration.prototype.update = function (this: ServiceWorkerRegistration) {
      sw.push(['update check', performance.now()]);
      return (update.call(this) as unknown as Promise<ServiceWorkerRegistration>).then((r) => { sw.push(['update checked', performance.now(), `installing ${!!r.installing}, waiting ${!!r.waiting}, active ${!!r.active}`]); return r; }) as never;
    };
    c.addEventListener('controllerchange', () => sw.push(['controllerchange', performance.now()]));
  }
  new MutationObserver((records) => {
    for (const r of records) {
      const el = r.target as HTMLElement;
      if (el.tagName === 'IFRAME' && el.id === 'active-frame' && el.style.visibility === 'visible' && !el.dataset.alShown) {
        el.dataset.alShown = '1';
        shown.push(performance.now());
      }
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['style', 'id'] });
}

function packageBlankFixture(run: string, extensions: string) {
  const vsix = join(run, 'blank-webview.vsix');
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--out', vsix],
    { cwd: join(ROOT, 'bench/fixtures/blank-webview'), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vsce package of bench/fixtures/blank-webview failed:\n${r.stdout}${r.stderr}`);
  installVsix(vsix, makeRunDirs(join(run, 'install'), extensions), 'activation-lens-tests.blank-webview-');
}

interface Window { context: BrowserContext; page: Page; ctx: CheckContext }

const probed = new WeakSet<BrowserContext>();
const WINDOW = { viewport: { width: 1400, height: 900 }, colorScheme: 'dark' as const };

/** A window in a fresh browser context (nothing stored from before), or a new page of `context`. */
async function openWindow(from: Awaited<ReturnType<typeof launchBrowser>> | BrowserContext, server: CodeServer, run: string, name: string): Promise<Window> {
  const context = 'newContext' in from ? await from.newContext(WINDOW) : from;
  if (!probed.has(context)) { probed.add(context); await context.addInitScript(visibilityProbe); }
  const blankPage = 'newContext' in from ? undefined : context.pages().find((p) => p.url() === 'about:blank');
  const page = blankPage ?? await context.newPage();
  const ctx = new CheckContext(page, 'dark', server, DEMO, join(run, 'screenshots', name));
  await page.goto(workbenchUrl(server, { folder: DEMO, extensionDevelopmentPath: ROOT }), { waitUntil: 'domcontentloaded' });
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'mlp.py' }).first().waitFor({ state: 'visible', timeout: 120_000 });
  await ctx.openFile('activations_article.py');
  await ctx.waitForExtensionActive(90_000);
  // The explorer prepares its first panel's ingredients in idle time 4 s after start-up; a
  // person does not open it within seconds of the window appearing either.
  await page.waitForTimeout(6000);
  return { context, page, ctx };
}

/** Opens one view from the palette and reads every phase's time (except the host's, added later for the explorer). */
async function openAndMeasure(w: Window, view: View, hostLog: string): Promise<Phases> {
  const label = view === 'explorer' ? 'Activation Lens: Open Explorer' : 'Blank Webview: Open';
  const selector = view === 'explorer' ? 'body[data-ready="explorer"][data-painted]' : 'body[data-blank="painted"]';
  const enterAt = await w.ctx.runCommand(label);
  // Every frame's timestamps are recorded in the page; looking for the frame early would only
  // compete for the renderer thread the workbench and the webview share (Playwright evaluates in
  // every frame each time it looks).
  await w.page.waitForTimeout(2500);
  const inner: Frame = await w.ctx.findFrame(selector, 60_000);
  // Until the first contentful paint has been recorded (hang guard: 10 s).
  await inner.waitForFunction(() => performance.getEntriesByType('paint').some((e) => e.name === 'first-contentful-paint'), null, { timeout: 10_000 }).catch(() => {});
  const rel = (abs: number) => abs - enterAt;
  const doc = await inner.evaluate(() => ({
    origin: performance.timeOrigin,
    drawn: Number(document.body.dataset.firstPaint),
    script: performance.getEntriesByName('al:script')[0]?.startTime ?? NaN,
    fcp: performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? NaN,
  }));
  const outer = inner.parentFrame();
  const host = outer ? await outer.evaluate(() => ({
    origin: performance.timeOrigin,
    marks: Object.fromEntries(performance.getEntriesByType('mark').map((e) => [e.name.replace('webview/index.html/', ''), e.startTime])),
    shown: (window as unknown as { __alShown?: number[] }).__alShown ?? [],
    sw: (window as unknown as { __alSw?: Array<[string, number, string?]> }).__alSw ?? [],
  })) : undefined;
  const mounted = await w.page.evaluate((since) => performance.getEntriesByType('mark')
    .filter((e) => e.name === 'webview/webviewElement/mounted' && performance.timeOrigin + e.startTime >= since)
    .map((e) => performance.timeOrigin + e.startTime)[0] ?? NaN, enterAt);
  const hostMark = (name: string) => (host && host.marks[name] !== undefined ? rel(host.origin + host.marks[name]) : NaN);
  const fromLog = view === 'blank' ? readLog(hostLog).filter((x) => x.view === 'blank').pop() : undefined;
  const phases: Phases = {
    command: fromLog ? rel(fromLog.commandAt) : NaN,
    html: fromLog ? rel(fromLog.htmlAt) : NaN,
    mounted: rel(mounted),
    hostPage: hostMark('scriptStart'),
    content: hostMark('content/started'),
    worker: hostMark('content/workerReady'),
    document: rel(doc.origin),
    script: rel(doc.origin + doc.script),
    drawn: rel(doc.origin + doc.drawn),
    visible: host?.shown.length ? rel(host.origin + host.shown[host.shown.length - 1]) : NaN,
    fcp: rel(doc.origin + doc.fcp),
  };
  (phases as Phases & { enterAt: number }).enterAt = enterAt;
  (phases as Phases & { sw?: string }).sw = host?.sw.map(([what, at, detail]) => `${what} ${rel(host.origin + at).toFixed(0)}${detail ? ` (${detail})` : ''}`).join(', ');
  await w.ctx.runCommand('View: Close All Editors');
  await w.page.waitForTimeout(1500);
  return phases;
}

function readLog(file: string): Array<{ view: string; commandAt: number; htmlAt: number; firstPaint?: Array<{ commandAt: number; handlerMs: number }> }> {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

/** The explorer's command and HTML times come from its own diagnostics (written by the fixture's command). */
async function addExplorerHostTimes(w: Window, hostLog: string, opens: Array<Phases & { enterAt?: number }>) {
  const before = readLog(hostLog).length;
  await w.ctx.runCommand('Blank Webview: Write Explorer Timings');
  let info: Array<{ commandAt: number; handlerMs: number }> = [];
  // This window's extension host writes a new line (earlier windows had their own hosts and lines).
  for (let i = 0; i < 50 && !info.length; i++) {
    await w.page.waitForTimeout(100);
    info = readLog(hostLog).slice(before).filter((x) => x.view === 'explorer-info').pop()?.firstPaint ?? [];
  }
  for (const p of opens) {
    // The command that ran right after this Enter.
    const hit = info.filter((x) => x.commandAt >= p.enterAt! - 5).sort((a, b) => a.commandAt - b.commandAt)[0];
    if (!hit) continue;
    p.command = hit.commandAt - p.enterAt!;
    p.html = p.command + hit.handlerMs;
  }
}

const median = (xs: number[]): number => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const cell = (xs: number[], why: string): Cell => {
  const ok = xs.filter(Number.isFinite);
  return ok.length ? { ms: median(ok), samples: ok.length } : { na: why };
};

export const section: Section = {
  id: 'firstpaint',
  async run(sctx: SectionContext): Promise<SectionResult> {
    const rounds = sctx.quick ? 3 : 7;
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build failed:\n${b.stdout}${b.stderr}`);
    ensureCodeServer();
    const run = newRunFolder('bench-firstpaint');
    const extensions = join(run, 'extensions');
    const hostLog = join(run, 'host.jsonl');
    writeFileSync(hostLog, '');
    packageBlankFixture(run, extensions);
    const dirs = makeRunDirs(join(run, 'dark'), extensions);
    writeUserSettings(dirs, baseSettings('dark'));
    const server = await startCodeServer({ dirs, smokeTestDriver: true, disableExtensions: UNRELATED_BUILTINS, env: { BLANK_WEBVIEW_LOG: hostLog } });
    const home = join(run, 'home');
    mkdirSync(home, { recursive: true });
    const browser = await launchBrowser(home);
    const load0 = loadavg()[0];
    const explorer: Phases[] = [];
    const blank: Phases[] = [];
    let blankFirst: Phases | undefined;
    /** A person's browser profile on disk: fresh in session 1, then reopened (VS Code's webview service worker was installed by session 1). */
    const returning: { explorerFresh?: Phases; explorer?: Phases; blank?: Phases; explorerWindow2?: Phases } = {};
    try {
      // Window 1: the explorer is its first webview, then explorer and blank opens alternate.
      const w1 = await openWindow(browser, server, run, 'w1');
      for (let i = 0; i < rounds; i++) {
        explorer.push(await openAndMeasure(w1, 'explorer', hostLog));
        sctx.log(`explorer open ${i + 1}: first contentful paint ${explorer[i].fcp.toFixed(0)} ms after Enter`);
        blank.push(await openAndMeasure(w1, 'blank', hostLog));
        sctx.log(`blank open ${i + 1}: first contentful paint ${blank[i].fcp.toFixed(0)} ms after Enter`);
      }
      await addExplorerHostTimes(w1, hostLog, explorer);
      await w1.context.close();
      if (!sctx.quick) {
        // Window 2 (a fresh browser profile): the blank webview is its first, so it installs the service worker.
        const w2 = await openWindow(browser, server, run, 'w2');
        blankFirst = await openAndMeasure(w2, 'blank', hostLog);
        sctx.log(`blank as a fresh window's first webview: first contentful paint ${blankFirst.fcp.toFixed(0)} ms after Enter`);
        await w2.context.close();
        // The same profile folder over three browser sessions: day 1 (fresh), day 2 (explorer first,
        // and a second window of that browser), day 3 (blank first).
        const profile = join(run, 'profile');
        const session = async (name: string, fn: (ctx: BrowserContext) => Promise<void>) => {
          const ctx = await launchProfileBrowser(home, profile, WINDOW);
          try { await fn(ctx); } finally { await ctx.close().catch(() => {}); }
          sctx.log(`${name} done`);
        };
        await session('profile session 1', async (ctx) => {
          const w = await openWindow(ctx, server, run, 'p1');
          returning.explorerFresh = await openAndMeasure(w, 'explorer', hostLog);
          await addExplorerHostTimes(w, hostLog, [returning.explorerFresh]);
        });
        await session('profile session 2', async (ctx) => {
          const w = await openWindow(ctx, server, run, 'p2');
          returning.explorer = await openAndMeasure(w, 'explorer', hostLog);
          await addExplorerHostTimes(w, hostLog, [returning.explorer]);
          const w2b = await openWindow(ctx, server, run, 'p2b');
          returning.explorerWindow2 = await openAndMeasure(w2b, 'explorer', hostLog);
          await addExplorerHostTimes(w2b, hostLog, [returning.explorerWindow2]);
        });
        await session('profile session 3', async (ctx) => {
          const w = await openWindow(ctx, server, run, 'p3');
          returning.blank = await openAndMeasure(w, 'blank', hostLog);
        });
        const swOf = (p?: Phases) => (p as Phases & { sw?: string } | undefined)?.sw ?? 'n/a';
        sctx.log(`service worker, ms after Enter — window 1 (explorer): ${swOf(explorer[0])}; window 2 (blank): ${swOf(blankFirst)}; profile session 1: ${swOf(returning.explorerFresh)}; session 2: ${swOf(returning.explorer)}; its 2nd window: ${swOf(returning.explorerWindow2)}; session 3: ${swOf(returning.blank)}`);
        sctx.log(`returning profile: explorer first webview ${returning.explorer?.fcp.toFixed(0)} ms, blank first webview ${returning.blank?.fcp.toFixed(0)} ms, explorer in a 2nd window ${returning.explorerWindow2?.fcp.toFixed(0)} ms (fresh profile: explorer ${returning.explorerFresh?.fcp.toFixed(0)} ms)`);
      }
    } finally {
      await browser.close().catch(() => {});
      await server.stop();
      rmSync(run, { recursive: true, force: true });
    }
    const columns = ['explorer, first webview', 'explorer, later opens', 'blank, later opens', 'blank, first webview',
      'explorer, first webview, returning profile', 'blank, first webview, returning profile', 'explorer, 2nd window of that browser'];
    const one = (p: Phases | undefined, key: PhaseKey): Cell => (p ? cell([p[key]], 'not seen') : { na: 'skipped with --quick' });
    const rows: Row[] = PHASES.map(([key, name]) => {
      const cells: Record<string, Cell> = {
        [columns[0]]: cell([explorer[0]?.[key]], 'not seen'),
        [columns[1]]: cell(explorer.slice(1).map((p) => p[key]), 'not seen'),
        [columns[2]]: cell(blank.map((p) => p[key]), 'not seen'),
        [columns[3]]: one(blankFirst, key),
        [columns[4]]: one(returning.explorer, key),
        [columns[5]]: one(returning.blank, key),
        [columns[6]]: one(returning.explorerWindow2, key),
      };
      const targets = key === 'fcp' ? [[columns[0], 'first'], [columns[1], 'later'], [columns[4], 'returning']].map(([c, label]) => {
        const v = cells[c];
        return { label: `${label} ≤${TARGET_MS} ms`, ratio: 'ms' in v ? v.ms / TARGET_MS : undefined, limit: 1 };
      }) : [];
      return { name, cells, targets };
    });
    const wait = (p?: Phases) => (p && Number.isFinite(p.worker - p.content) ? `${(p.worker - p.content).toFixed(0)} ms` : 'n/a');
    const gap = (a: PhaseKey, z: PhaseKey, xs: Phases[]) => median(xs.map((p) => p[z] - p[a]));
    const later = explorer.slice(1);
    return {
      title: `Explorer first paint: ms after Enter in the command palette, median of ${rounds - 1} later opens (${rounds} blank), code-server + headless Chromium`,
      columns,
      ratios: [['later: explorer/blank', columns[1], columns[2]]],
      rows,
      notes: [
        `ours in the later opens (medians): handler ${gap('command', 'html', later).toFixed(0)} ms; our document start → frame shown (its load event) ${gap('document', 'visible', later).toFixed(0)} ms (blank ${gap('document', 'visible', blank).toFixed(0)} ms), → on screen ${gap('visible', 'fcp', later).toFixed(0)} ms (blank ${gap('visible', 'fcp', blank).toFixed(0)} ms); after the paint: bundle running ${gap('fcp', 'script', later).toFixed(0)} ms later, chart.js in place ${gap('fcp', 'drawn', later).toFixed(0)} ms after the paint`,
        `VS Code's webview service worker, "service worker ready" minus "HTML posted": window 1's first webview (explorer) ${wait(explorer[0])}, window 2's (blank, a fresh context of the same browser) ${wait(blankFirst)}; one profile folder over browser sessions: session 1 (fresh, explorer) ${wait(returning.explorerFresh)}, session 2 (returning, explorer) ${wait(returning.explorer)}, its 2nd window ${wait(returning.explorerWindow2)}, session 3 (returning, blank) ${wait(returning.blank)}; what the host page waited on (register, the update check it forces when a worker controls the page, a new worker taking control) is in the log`,
        `VS Code's in the later opens: Enter → webview host page running ${median(later.map((p) => p.hostPage)).toFixed(0)} ms (blank ${median(blank.map((p) => p.hostPage)).toFixed(0)} ms); HTML posted → our document starts ${gap('content', 'document', later).toFixed(0)} ms (blank ${gap('content', 'document', blank).toFixed(0)} ms)`,
        `every open runs on one renderer thread shared with the workbench (the webview frames are same-origin in code-server); load average ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)} on this machine`,
      ],
    };
  },
};
