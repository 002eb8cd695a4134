// `npm run test:browser`: browser-level checks. For each variant (light, dark; hc and zh-cn for the
// checks that ask for them: see VARIANTS in framework.mts) it starts the cached
// code-server with the packaged .vsix installed, opens demo/ in Chromium and runs every
// test/browser/checks/*.check.mts against that page. A check fails when it throws, or when a
// Content-Security-Policy violation, an uncaught error in a webview or the page, or an error in
// the extension host log shows up while it runs. Screenshots: test-results/screenshots/<theme>/.
//
// Options: --check NAME (file name part; repeatable or comma list), --theme light|dark|hc|zh-cn,
//          --dev (load the working tree's dist/ instead of the installed .vsix)
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ConsoleMessage, Page } from 'playwright-core';
import { CheckContext, DEFAULT_VARIANTS, VARIANTS, type Check, type Problem, type Variant } from './framework.mjs';
import { ensureCodeServer, findBrowser } from '../../scripts/vscode-setup.mjs';
import { packageVsix } from '../../scripts/package.mjs';
import {
  UNRELATED_BUILTINS, installLanguagePackStandIn, newRunFolder, baseSettings, extensionHostLogs, installVsix, launchBrowser, makeRunDirs, startCodeServer, workbenchUrl, writeUserSettings,
  type CodeServer,
} from '../../scripts/vscode-server.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const DEMO = join(ROOT, 'demo');
const RESULTS = join(ROOT, 'test-results');
const CHECKS = join(ROOT, 'test/browser/checks');

function arg(name: string): string[] {
  const out: string[] = [];
  process.argv.forEach((a, i) => { if (a === name && process.argv[i + 1]) out.push(...process.argv[i + 1].split(',')); });
  return out;
}

interface Loaded { id: string; check: Check }
interface Outcome { id: string; theme: Variant; name: string; ok: boolean; ms: number; error?: string; problems: Problem[] }

async function loadChecks(filter: string[]): Promise<Loaded[]> {
  // workbench.check.mts runs first: it asserts why the extension activated (opening a Python file).
  const files = readdirSync(CHECKS).filter((f) => f.endsWith('.check.mts'))
    .sort((a, b) => Number(b === 'workbench.check.mts') - Number(a === 'workbench.check.mts') || a.localeCompare(b));
  const out: Loaded[] = [];
  for (const f of files) {
    const id = f.replace(/\.check\.mts$/, '');
    if (filter.length && !filter.some((s) => id.includes(s))) continue;
    const mod = await import(pathToFileURL(join(CHECKS, f)).href) as { default?: Check };
    if (!mod.default?.run || !mod.default.name) throw new Error(`${f}: must \`export default { name, run } satisfies Check\``);
    out.push({ id, check: mod.default });
  }
  return out;
}

/** Webview documents live under .../webview/browser/pre/ (outer and inner frames). */
const isWebviewUrl = (u: string) => /\/webview\/browser\/pre\/|vscode-webview:|fake\.html/.test(u);

/** Installed into every frame before its scripts: surfaces CSP events and uncaught errors as console errors. */
const PROBE_TAG = '[frame-probe]';
function frameProbe() {
  const tag = '[frame-probe]'; // = PROBE_TAG (this function runs in the page: no outer variables)
  document.addEventListener('securitypolicyviolation', (e) => {
    console.error(`${tag} csp: Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber}) in ${location.href.slice(0, 120)}`);
  });
  window.addEventListener('error', (e) => {
    console.error(`${tag} uncaught: ${e.message} at ${e.filename}:${e.lineno} in ${location.href.slice(0, 120)}`);
  });
  window.addEventListener('unhandledrejection', (e) => {
    console.error(`${tag} uncaught: unhandled rejection ${String((e.reason as Error)?.stack ?? e.reason).slice(0, 500)} in ${location.href.slice(0, 120)}`);
  });
}

function watchPage(page: Page, ctx: CheckContext, consoleLog: string[]) {
  page.on('console', (m: ConsoleMessage) => {
    const url = m.location()?.url ?? '';
    const text = m.text();
    consoleLog.push(`[${m.type()}] ${url.slice(0, 140)} :: ${text}`);
    const fromWebview = isWebviewUrl(url) || /in \S*\/webview\/browser\/pre\//.test(text);
    if (/Content[- ]Security[- ]Policy/i.test(text)) ctx.problems.push({ kind: 'csp', text, where: url });
    else if (text.startsWith(PROBE_TAG)) {
      // The workbench's own unhandled rejections (offline: GitHub auth, Open VSX) are not ours;
      // uncaught errors of the page itself arrive as 'pageerror'.
      if (fromWebview) ctx.problems.push({ kind: 'uncaught', text, where: url });
    } else if (m.type() === 'error' && fromWebview) ctx.problems.push({ kind: 'webview-console-error', text, where: url });
    else if (m.type() === 'error' && /activation-lens/i.test(text)) ctx.problems.push({ kind: 'extension-console-error', text, where: url });
  });
  page.on('pageerror', (e) => {
    consoleLog.push(`[pageerror] ${e.stack ?? e.message}`);
    ctx.problems.push({ kind: 'uncaught', text: e.stack ?? e.message, where: 'page' });
  });
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, rej) => { t = setTimeout(() => rej(new Error(`${what} timed out after ${ms} ms`)), ms); });
  try { return await Promise.race([p, timeout]); } finally { clearTimeout(t); }
}

async function main(): Promise<number> {
  const t0 = Date.now();
  // Progress goes to stderr (shown live by `npm test`); results and counts to stdout.
  const step = (what: string) => console.error(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${what}`);
  const dev = process.argv.includes('--dev');
  const checks = await loadChecks(arg('--check'));
  // Every variant some selected check runs in (light and dark for most; hc and zh-cn for the look check).
  const wanted = new Set(checks.flatMap(({ check }) => check.themes ?? DEFAULT_VARIANTS));
  const themes = (arg('--theme').length ? arg('--theme') : (Object.keys(VARIANTS) as Variant[]).filter((v) => wanted.has(v))) as Variant[];
  for (const t of themes) if (!(t in VARIANTS)) throw new Error(`--theme must be one of ${Object.keys(VARIANTS).join(', ')}, not ${t}`);
  if (!checks.length) throw new Error(`no checks matched ${arg('--check').join(',')} in ${CHECKS}`);

  findBrowser();
  ensureCodeServer();
  const run = newRunFolder('browser');
  const extensions = join(run, 'extensions');
  let devPath: string | undefined;
  if (dev) {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build failed:\n${b.stdout}${b.stderr}`);
    devPath = ROOT;
    step('built the working tree (--dev)');
  } else {
    const vsix = packageVsix(join(run, 'activation-lens.vsix'));
    installVsix(vsix, makeRunDirs(join(run, 'install'), extensions));
    step('packaged the .vsix and installed it with code-server --install-extension');
  }
  for (const t of themes) rmSync(join(RESULTS, 'screenshots', t), { recursive: true, force: true });

  const home = join(run, 'home');
  mkdirSync(home, { recursive: true });
  const browser = await launchBrowser(home);
  const outcomes: Outcome[] = [];
  let server: CodeServer | undefined;
  const stopAll = async () => { await browser.close().catch(() => {}); await server?.stop(); };
  process.once('SIGINT', () => { void stopAll().then(() => process.exit(130)); });
  try {
    for (const theme of themes) {
      const dirs = makeRunDirs(join(run, theme), extensions);
      const variant = VARIANTS[theme];
      writeUserSettings(dirs, { ...baseSettings(variant.theme), ...variant.settings });
      if (variant.locale) installLanguagePackStandIn(ROOT, dirs, join(run, theme));
      server = await startCodeServer({ dirs, smokeTestDriver: dev, disableExtensions: UNRELATED_BUILTINS, locale: variant.locale, workspaceTrust: variant.workspaceTrust });
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: variant.theme === 'light' ? 'light' : 'dark', locale: variant.locale });
      await context.addInitScript(frameProbe);
      const page = await context.newPage();
      page.setDefaultNavigationTimeout(120_000); // a reload in a check on a busy machine
      const ctx = new CheckContext(page, theme, server, DEMO, join(RESULTS, 'screenshots', theme));
      const consoleLog: string[] = [];
      watchPage(page, ctx, consoleLog);
      try {
        step(`[${theme}] code-server on ${server.url}`);
        try {
          await page.goto(workbenchUrl(server, { folder: DEMO, extensionDevelopmentPath: devPath }), { waitUntil: 'domcontentloaded' });
          await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 120_000 });
          step(`[${theme}] workbench visible`);
          // The explorer listing demo/'s files means the remote connection and workspace are up.
          await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'mlp.py' }).first().waitFor({ state: 'visible', timeout: 120_000 });
          step(`[${theme}] demo/ open in the explorer`);
          await waitForExtensionHost(ctx, consoleLog);
          step(`[${theme}] extension host ready`);
        } catch (e) {
          // Count it and go on with the next theme rather than losing every result.
          await page.screenshot({ path: join(RESULTS, 'screenshots', theme, 'startup-FAILED.png') }).catch(() => {});
          outcomes.push({ id: 'startup', theme, name: 'the workbench opens demo/', ok: false, ms: 0, error: String((e as Error)?.stack ?? e), problems: [] });
          report(outcomes[outcomes.length - 1]);
          continue;
        }
        for (const { id, check } of checks) {
          if (!(check.themes ?? DEFAULT_VARIANTS).includes(theme)) continue;
          ctx.checkId = id;
          const start = ctx.checkStarted = Date.now();
          let error: string | undefined;
          try {
            await withTimeout(check.run(ctx), check.timeoutMs ?? 120_000, `check ${id}`);
            await page.waitForTimeout(300); // let late console messages and log lines arrive
          } catch (e) {
            error = String((e as Error)?.stack ?? e);
          }
          ctx.scanExtensionHostLogs();
          const problems = ctx.problems.splice(0);
          const ok = !error && problems.length === 0;
          if (!ok) await ctx.screenshot('FAILED').catch(() => {});
          outcomes.push({ id, theme, name: check.name, ok, ms: Date.now() - start, error, problems });
          report(outcomes[outcomes.length - 1]);
          await resetWorkbench(ctx);
        }
      } finally {
        const logDir = join(RESULTS, 'browser', theme);
        mkdirSync(logDir, { recursive: true });
        writeFileSync(join(logDir, 'console.log'), consoleLog.join('\n'));
        for (const l of extensionHostLogs(dirs)) copyFileSync(l, join(logDir, l.split('/').pop()!));
        if (existsSync(server.log)) copyFileSync(server.log, join(logDir, 'code-server.log'));
        await context.close();
        await server.stop();
        server = undefined;
      }
    }
  } finally {
    await stopAll();
    rmSync(run, { recursive: true, force: true }); // logs and screenshots were copied to test-results/
  }
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'browser', 'results.json'), JSON.stringify(outcomes, null, 2));
  const passed = outcomes.filter((o) => o.ok).length;
  step(`browser checks done; screenshots in ${join(RESULTS, 'screenshots').slice(ROOT.length + 1)}/`);
  console.log(`${passed} passed, ${outcomes.length - passed} failed`);
  return outcomes.length && passed === outcomes.length ? 0 : 1;
}

function report(o: Outcome) {
  console.log(`${o.ok ? '  ok    ' : '  FAILED'} [${o.theme}] ${o.id}: ${o.name} (${(o.ms / 1000).toFixed(1)} s)`);
  if (o.error) console.log(o.error.split('\n').slice(0, 6).map((l) => `          ${l}`).join('\n'));
  for (const p of o.problems) console.log(`          ${p.kind}: ${p.text.split('\n')[0].slice(0, 400)}${p.where ? `  [${p.where.slice(0, 100)}]` : ''}`);
}

/**
 * Waits until the (remote, Node) extension host has started its eager extensions. On a
 * saturated machine it can miss VS Code's 60 s start-up deadline; then the page is reloaded once.
 */
async function waitForExtensionHost(ctx: CheckContext, consoleLog: string[]) {
  const ready = () => ctx.extensionHostLog().some((l) => l.includes('Eager extensions activated'));
  const failed = () => consoleLog.some((l) => /Error received from starting extension host|took longer than 60s to send its ready/.test(l));
  for (let attempt = 0; ; attempt++) {
    const end = Date.now() + 150_000;
    while (!ready() && !failed() && Date.now() < end) await ctx.page.waitForTimeout(250);
    if (ready()) return;
    if (attempt > 0) throw new Error('the extension host did not start (see test-results/browser/<theme>/console.log)');
    console.error(`      [${ctx.theme}] extension host did not start; reloading the window once`);
    consoleLog.push('[runner] reloading: the extension host did not start');
    for (let i = consoleLog.length - 1; i >= 0; i--) if (/Error received from starting extension host|took longer than 60s/.test(consoleLog[i])) consoleLog[i] = `[superseded] ${consoleLog[i].slice(0, 80)}`;
    await ctx.page.reload({ waitUntil: 'domcontentloaded' });
    await ctx.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'mlp.py' }).first().waitFor({ state: 'visible', timeout: 120_000 });
  }
}

/** Between checks: no hover, no palette, no open editors. */
async function resetWorkbench(ctx: CheckContext) {
  try {
    await ctx.closeHover();
    await ctx.runCommand('View: Close All Editors');
    await ctx.page.waitForTimeout(200);
  } catch { /* next check will notice if the workbench is unusable */ }
}

main().then((code) => process.exit(code), (e) => {
  console.error(`browser checks could not run: ${(e as Error).message ?? e}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
