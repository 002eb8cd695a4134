// Starts and stops the cached code-server (a real VS Code 1.139 served to a browser) for tests
// and `npm start`, fully offline, isolated in a run folder. Also: installs a .vsix into it,
// builds workbench URLs, launches the browser that drives it, and finds its logs.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, openSync, readdirSync, rmSync, statSync, writeFileSync, existsSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE, ensureCodeServer, findBrowser, type CodeServerInstall } from './vscode-setup.mjs';

export type Theme = 'light' | 'dark' | 'hc';
export const THEMES: Record<Theme, string> = { light: 'Default Light Modern', dark: 'Default Dark Modern', hc: 'Default High Contrast' };

/** User settings for a quiet, deterministic workbench: no welcome page, no AI, fast hovers. */
export function baseSettings(theme: Theme = 'dark'): Record<string, unknown> {
  return {
    'workbench.colorTheme': THEMES[theme],
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'chat.disableAIFeatures': true,
    'editor.hover.delay': 150,
    'editor.minimap.enabled': false,
    'git.enabled': false,
    'python.defaultInterpreterPath': 'python3',
  };
}

/** A free TCP port on 127.0.0.1; `preferred` if it is free. */
export async function freePort(preferred?: number): Promise<number> {
  const tryPort = (p: number) => new Promise<number | undefined>((res) => {
    const s = createServer();
    s.once('error', () => res(undefined));
    s.listen(p, '127.0.0.1', () => {
      const got = (s.address() as { port: number }).port;
      s.close(() => res(got));
    });
  });
  if (preferred !== undefined) {
    const p = await tryPort(preferred);
    if (p !== undefined) return p;
  }
  const p = await tryPort(0);
  if (p === undefined) throw new Error('no free port on 127.0.0.1');
  return p;
}

export interface RunDirs {
  root: string;
  userData: string;
  extensions: string;
  /** HOME for code-server and the browser: both write under ~/.config, ~/.local, ~/.cache. */
  home: string;
}

/**
 * A fresh folder .vscode-test/runs/<suite>-<pid> for one run, so runs in parallel (several people
 * testing in one checkout) never share a profile. Folders of runs whose process is gone are removed.
 */
export function newRunFolder(suite: string): string {
  const runs = join(CACHE, 'runs');
  mkdirSync(runs, { recursive: true });
  for (const n of readdirSync(runs)) {
    const pid = Number(/-(\d+)$/.exec(n)?.[1]);
    if (!pid || pid === process.pid) continue;
    try { process.kill(pid, 0); } catch { rmSync(join(runs, n), { recursive: true, force: true }); }
  }
  const dir = join(runs, `${suite}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function makeRunDirs(root: string, extensions = join(root, 'extensions')): RunDirs {
  const dirs = { root, userData: join(root, 'user-data'), extensions, home: join(root, 'home') };
  for (const d of [dirs.userData, join(dirs.userData, 'User'), dirs.extensions, dirs.home]) mkdirSync(d, { recursive: true });
  return dirs;
}

export function writeUserSettings(dirs: RunDirs, settings: Record<string, unknown>) {
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

function cliEnv(cs: CodeServerInstall, dirs: RunDirs, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...cs.env, HOME: dirs.home, ...extra };
  // npm's settings must not leak into the extension host's Node.
  for (const k of Object.keys(env)) if (k.startsWith('npm_')) delete env[k];
  return env;
}

/** `code-server --install-extension x.vsix`, exactly as a user installs it. Returns the installed folder. */
export function installVsix(vsix: string, dirs: RunDirs, folderPrefix = 'activation-lens.activation-lens-'): string {
  const cs = ensureCodeServer();
  const r = spawnSync(cs.node, [cs.entry, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix, '--force'],
    { env: cliEnv(cs, dirs), encoding: 'utf8' });
  if (r.status !== 0 || !/successfully installed/i.test(r.stdout + r.stderr)) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  }
  const installed = readdirSync(dirs.extensions).filter((n) => n.startsWith(folderPrefix))
    .map((n) => join(dirs.extensions, n)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!installed.length) throw new Error(`installed ${vsix} but found no ${folderPrefix}* folder in ${dirs.extensions}`);
  return installed[0];
}

/**
 * VS Code reports a display language (vscode.env.language) only when a language pack for it is
 * installed, and the real ones cannot be downloaded offline: the zh-cn variant of the browser
 * checks installs test/browser/fixtures/zh-hans-stand-in (it translates nothing of VS Code itself).
 */
export function installLanguagePackStandIn(root: string, dirs: RunDirs, workDir: string): string {
  const src = join(root, 'test/browser/fixtures/zh-hans-stand-in');
  const vsix = join(workDir, 'zh-hans-stand-in.vsix');
  const r = spawnSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--out', vsix],
    { cwd: src, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vsce package of the stand-in language pack failed:\n${r.stdout}${r.stderr}`);
  const installed = installVsix(vsix, dirs, 'activation-lens-tests.zh-hans-stand-in-');
  // The server resolves --locale through languagepacks.json, which VS Code writes only when
  // something asks for the language list (after the first page is served): write it up front.
  writeFileSync(join(dirs.userData, 'languagepacks.json'), JSON.stringify({
    'zh-cn': {
      hash: 'activation-lens-tests-zh-hans-stand-in-0.0.1',
      extensions: [{ extensionIdentifier: { id: 'activation-lens-tests.zh-hans-stand-in' }, version: '0.0.1' }],
      translations: { vscode: join(installed, 'translations', 'main.i18n.json') },
      label: '中文(简体)',
    },
  }, null, 2));
  return installed;
}

/**
 * Built-in extensions the tests switch off (like `--disable-extensions` in most extension test
 * set-ups): unrelated to Python and notebooks, they compete for the 2 CPUs at start-up and, offline,
 * log GitHub/Copilot sign-in failures.
 */
export const UNRELATED_BUILTINS = [
  'GitHub.copilot-chat', 'vscode.git', 'vscode.git-base', 'vscode.github', 'vscode.github-authentication',
  'vscode.microsoft-authentication', 'vscode.typescript-language-features', 'vscode.emmet', 'vscode.npm',
  'vscode.merge-conflict', 'vscode.debug-auto-launch', 'ms-vscode.js-debug', 'ms-vscode.js-debug-companion',
];

export interface CodeServer {
  url: string;
  host: string;
  port: number;
  dirs: RunDirs;
  log: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

export interface StartOptions {
  dirs: RunDirs;
  port?: number;
  /** Honour `extensionDevelopmentPath`/`extensionTestsPath` in the page URL's payload. */
  smokeTestDriver?: boolean;
  /** Extension ids to disable (default none; tests pass UNRELATED_BUILTINS). */
  disableExtensions?: string[];
  /** Extra environment: code-server's environment reaches the extension host. */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Display language (`--locale`), e.g. zh-cn: what vscode.env.language and vscode.l10n follow. */
  locale?: string;
  /** Keep Workspace Trust on (default off): the folder then opens in Restricted Mode. */
  workspaceTrust?: boolean;
}

export async function startCodeServer(opts: StartOptions): Promise<CodeServer> {
  const cs = ensureCodeServer();
  const { dirs } = opts;
  const port = opts.port ?? await freePort();
  const log = join(dirs.root, 'code-server.log');
  const fd = openSync(log, 'w');
  const args = [cs.entry,
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override',
    '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
    ...(opts.locale ? ['--locale', opts.locale] : []),
    ...(opts.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(opts.disableExtensions ?? []).flatMap((id) => ['--vscode-option', `disable-extension=${id}`])];
  // Own process group, so stop() ends code-server and every child it started (file watcher, ext host).
  const proc = spawn(cs.node, args, { env: cliEnv(cs, dirs, opts.env), stdio: ['ignore', fd, fd], detached: true });
  closeSync(fd);
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  proc.once('exit', () => { exited = true; });
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (exited) throw new Error(`code-server exited during start-up; see ${log}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch { /* not yet listening */ }
    if (Date.now() > deadline) {
      killGroup(proc);
      throw new Error(`code-server did not answer /healthz within ${opts.timeoutMs ?? 60_000} ms; see ${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async () => {
    if (exited) return;
    const gone = new Promise<void>((r) => proc.once('exit', () => r()));
    killGroup(proc, 'SIGTERM');
    const t = setTimeout(() => killGroup(proc, 'SIGKILL'), 3000);
    await gone;
    clearTimeout(t);
    // Children (file watcher, extension host) may linger a moment after the server: end them too.
    killGroup(proc, 'SIGKILL');
  };
  return { url, host: `127.0.0.1:${port}`, port, dirs, log, proc, stop };
}

function killGroup(proc: ChildProcess, sig: NodeJS.Signals = 'SIGTERM') {
  if (proc.pid === undefined) return;
  try { process.kill(-proc.pid, sig); } catch { /* already gone */ }
}

export interface PageUrlOptions {
  folder: string;
  /** Absolute path of an extension folder to load as under development. */
  extensionDevelopmentPath?: string;
  /** Absolute path of a module exporting run(): loaded in the extension host (mocha). */
  extensionTestsPath?: string;
  /** Absolute path of a file to open once the workbench is up. */
  openFile?: string;
}

/** The workbench URL; payload paths are `vscode-remote://host:port/abs/path` as the page's host. */
export function workbenchUrl(server: Pick<CodeServer, 'url' | 'host'>, o: PageUrlOptions): string {
  const remote = (p: string) => `vscode-remote://${server.host}${p}`;
  const payload: [string, string][] = [];
  if (o.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(o.extensionDevelopmentPath)]);
  if (o.extensionTestsPath) payload.push(['extensionTestsPath', remote(o.extensionTestsPath)]);
  if (o.openFile) payload.push(['openFile', remote(o.openFile)]);
  let u = `${server.url}/?folder=${encodeURIComponent(o.folder)}`;
  if (payload.length) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return u;
}

const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** Chromium through playwright-core with the flags that work headless here. */
export async function launchBrowser(home: string) {
  const executablePath = findBrowser();
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, headless: true, env: { ...process.env, HOME: home }, args: BROWSER_ARGS });
}

/**
 * Chromium with a profile on disk (`profile`), as a person's browser: what one session stores
 * (VS Code's webview service worker registration, HTTP cache) is there for the next session
 * started with the same folder. Closing the returned context ends the browser.
 */
export async function launchProfileBrowser(home: string, profile: string, o: { viewport: { width: number; height: number }; colorScheme: 'dark' | 'light' }) {
  const executablePath = findBrowser();
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(profile, { executablePath, headless: true, env: { ...process.env, HOME: home }, args: BROWSER_ARGS, ...o });
}

/** Every extension host log under the user-data-dir (`logs/<session>/exthost*` and remote ones). */
export function extensionHostLogs(dirs: RunDirs): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/exthost.*\.log$/i.test(n)) out.push(p);
    }
  };
  walk(join(dirs.userData, 'logs'));
  return out.sort();
}
