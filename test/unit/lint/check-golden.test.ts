// What `check` prints, byte for byte, on the corpus, the demo and the bench's tree: the expected
// files were written by the CLI of main before the speed work of issue 15 (no warm-up, one parse
// per file, AL601 lowering only what a finding can need, threads), so any change in findings,
// messages, fixes or order fails here. To re-record after a deliberate change in findings, from
// the repository's root with a built CLI:
//   node dist/cli.js check --format json --show-hints test/corpus demo > test/fixtures/check-golden/corpus-demo.jsonl
//   node dist/cli.js check --show-hints test/corpus demo > test/fixtures/check-golden/corpus-demo.txt
//   (cd TREE && node dist/cli.js check --format json tree) > test/fixtures/check-golden/bench-tree.jsonl
// where TREE holds bench/check-tree.ts's checkTree(120, 100) under `tree/`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { bundleCli } from '../../../scripts/bundle-cli';
import { checkTree } from '../../../bench/check-tree';
import { ensureNode, NODE24_VERSION } from '../../../scripts/vscode-setup.mjs';

const GOLDEN = 'test/fixtures/check-golden';
let dir = '';
let cli = '';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'activation-lens-golden-'));
  cli = await bundleCli(dir);
  for (const f of checkTree(120, 100)) {
    const p = join(dir, 'tree', f.name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.text);
  }
});
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

function check(cwd: string, ...args: string[]): string {
  return checkWith({}, cwd, ...args);
}

function checkWith(env: Record<string, string>, cwd: string, ...args: string[]): string {
  const r = spawnSync(process.execPath, [cli, 'check', ...args], { cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20, env: { ...process.env, ...env } });
  assert.equal(r.status, 1, `findings expected (stderr: ${r.stderr})`);
  assert.equal(r.stderr, '');
  return r.stdout;
}

const expected = (name: string) => readFileSync(join(GOLDEN, name), 'utf8');

test('check --format json on test/corpus and demo/ prints what main printed', () => {
  assert.equal(check(process.cwd(), '--format', 'json', '--show-hints', 'test/corpus', 'demo'), expected('corpus-demo.jsonl'));
});

test('check (text) on test/corpus and demo/ prints what main printed, summary included', () => {
  assert.equal(check(process.cwd(), '--show-hints', 'test/corpus', 'demo'), expected('corpus-demo.txt'));
});

test('check --format json on the bench tree prints what main printed, in one thread and in two', () => {
  const want = expected('bench-tree.jsonl');
  assert.equal(check(dir, '--format', 'json', 'tree'), want);
  assert.equal(check(dir, '--format', 'json', '--jobs', '2', 'tree'), want);
  assert.equal(check(dir, '--format', 'json', '--jobs', '1', 'tree'), want);
});

test('the bin\'s code cache (src/cliLoader.ts): written once, read after, a broken or unwritable one changes nothing', () => {
  const want = expected('corpus-demo.jsonl');
  const cache = join(dir, 'cache');
  const args = ['--format', 'json', '--show-hints', 'test/corpus', 'demo'];
  const files = () => readdirSync(join(cache, 'activation-lens')).filter((f) => f.endsWith('.v8'));
  assert.equal(checkWith({ XDG_CACHE_HOME: cache }, process.cwd(), ...args), want, 'first run: compiled, cache written');
  assert.equal(files().length, 1);
  const written = readFileSync(join(cache, 'activation-lens', files()[0]!));
  assert.ok(written.length > 10_000, `a cache of ${written.length} bytes`);
  assert.equal(checkWith({ XDG_CACHE_HOME: cache }, process.cwd(), ...args), want, 'second run: from the cache');
  // the cache holds the bundle's bytes (after their length) before V8's data
  const bundle = readFileSync(join(dirname(cli), 'cli-main.js'));
  assert.equal(written.readUInt32LE(0), bundle.length);
  assert.ok(bundle.equals(written.subarray(4, 4 + bundle.length)), 'the bundle\'s own bytes');
  const rewritten = (what: string) => {
    const now = readFileSync(join(cache, 'activation-lens', files()[0]!));
    assert.ok(now.length > 4 + bundle.length + 10_000 && bundle.equals(now.subarray(4, 4 + bundle.length)), `${what}: written again whole`);
  };
  // a cache broken on disk is not used, and is written again
  writeFileSync(join(cache, 'activation-lens', files()[0]!), Buffer.from(written.subarray(0, 4096)).fill(7, 100));
  assert.equal(checkWith({ XDG_CACHE_HOME: cache }, process.cwd(), ...args), want, 'broken cache');
  rewritten('broken cache');
  // a cache made from another bundle of the same length (V8 would take it: it checks the length
  // only) is not used: one character of the bundle's copy differs
  const other = Buffer.from(written);
  other[4 + bundle.length - 100] ^= 1;
  writeFileSync(join(cache, 'activation-lens', files()[0]!), other);
  assert.equal(checkWith({ XDG_CACHE_HOME: cache }, process.cwd(), ...args), want, 'another bundle\'s cache');
  rewritten('another bundle\'s cache');
  // the right bundle but V8's data not V8's (its header broken): V8 refuses it, and it is written again
  const refused = Buffer.from(written);
  refused.fill(7, 4 + bundle.length, 4 + bundle.length + 16);
  writeFileSync(join(cache, 'activation-lens', files()[0]!), refused);
  assert.equal(checkWith({ XDG_CACHE_HOME: cache }, process.cwd(), ...args), want, 'refused by V8');
  rewritten('refused by V8');
  // one cache per Node is kept: an earlier loader's (named by a hash) and another bundle's for this
  // Node are removed, another Node's (nvm, a CI matrix sharing ~/.cache) stays
  const name = (size: number | string, version: string) => `cli-${size}-${version}-${process.arch}.v8`.replace(/[^A-Za-z0-9.-]/g, '_');
  writeFileSync(join(cache, 'activation-lens', 'cli-0123456789abcdef0123.v8'), 'x');
  writeFileSync(join(cache, 'activation-lens', name(1234, process.version)), 'x');
  writeFileSync(join(cache, 'activation-lens', name(1234, 'v1.0.0')), 'x');
  rmSync(join(cache, 'activation-lens', files().find((f) => f.startsWith(`cli-${bundle.length}-`))!));
  assert.equal(checkWith({ XDG_CACHE_HOME: cache }, process.cwd(), ...args), want, 'written anew');
  assert.deepEqual(files().sort(), [name(1234, 'v1.0.0'), name(bundle.length, process.version)].sort());
  assert.equal(checkWith({ XDG_CACHE_HOME: cache }, dir, '--format', 'json', '--jobs', '2', 'tree'), expected('bench-tree.jsonl'), 'threads start through the bin');
  // a cache folder that cannot be made (a file stands in its way)
  writeFileSync(join(dir, 'not-a-folder'), '');
  assert.equal(checkWith({ XDG_CACHE_HOME: join(dir, 'not-a-folder') }, process.cwd(), ...args), want, 'unwritable cache folder');
});

/** Command lines of the running processes that run this test's bundle (Linux /proc). */
function runningBins(): string[] {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      if (cmd.includes(cli)) out.push(cmd);
    } catch { /* gone */ }
  }
  return out;
}

test('on one or two cores check runs in a Node with one V8 platform thread: same output and status, signals passed on, none left behind', async () => {
  const want = expected('bench-tree.jsonl');
  // a pool size of the user's own is kept: the check runs in this process
  assert.equal(checkWith({ NODE_OPTIONS: '--v8-pool-size=4' }, dir, '--format', 'json', 'tree'), want);
  assert.equal(check(dir, '--format', 'json', 'tree'), want);
  const { availableParallelism } = await import('node:os');
  const { spawn } = await import('node:child_process');
  const small = availableParallelism() <= 2;
  const repo = process.cwd();
  const p = spawn(process.execPath, [cli, 'check', '--format', 'json', 'tree', join(repo, 'test/corpus'), join(repo, 'demo')], { cwd: dir, stdio: 'ignore' });
  // the second Node is there while the check runs (on more cores, only the first); on a loaded
  // machine it can take over a second to appear
  let seen: string[] = [];
  // (until it has exec'd: a forked child shows its parent's command line for a moment)
  const started = (cmds: string[]) => (small ? cmds.some((c) => c.includes('--v8-pool-size=1')) : cmds.length >= 1);
  for (let i = 0; i < 2000 && !started(seen); i++) {
    await new Promise((r) => setTimeout(r, 5));
    seen = runningBins();
  }
  assert.equal(seen.some((c) => c.includes('--v8-pool-size=1')), small, seen.join('\n'));
  p.kill('SIGTERM');
  const signal = await new Promise<NodeJS.Signals | null>((r) => p.once('exit', (_c, s) => r(s)));
  assert.equal(signal, 'SIGTERM');
  // the first Node ends only after it has reaped the second: nothing may be left once it is gone
  // (the short grace is for /proc); an orphaned check would run on for the whole tree
  for (let i = 0; i < 100 && runningBins().length; i++) await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(runningBins(), [], 'no check left running after the signal');
});

test('on a Node that can replace its own process (process.execve, Node 22.15+), the check\'s Node takes the bin\'s place: one process, same output and status, its flags and environment, signals reach it', async () => {
  // Node 24 from npm (.vscode-test/, shared with code-server's): this suite's own Node 20 has no execve
  const node = ensureNode(NODE24_VERSION);
  const { availableParallelism } = await import('node:os');
  const small = availableParallelism() <= 2;
  const hook = join(dir, 'execve-hook.cjs');
  writeFileSync(hook, "process.on('exit', () => require('node:fs').writeSync(2, 'PROCESS ' + JSON.stringify({ pid: process.pid, argv: process.execArgv, ca: !!process.env.NODE_EXTRA_CA_CERTS, tunables: process.env.GLIBC_TUNABLES ?? '' }) + '\\n'));\n");
  const certs = join(dir, 'no-certs.pem');
  writeFileSync(certs, '');
  const { spawn } = await import('node:child_process');
  const p = spawn(node, ['--require', hook, cli, 'check', '--format', 'json', 'tree'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_EXTRA_CA_CERTS: certs, GLIBC_TUNABLES: 'glibc.malloc.top_pad=4096' } });
  let out = '';
  let err = '';
  p.stdout.on('data', (c: Buffer) => { out += c.toString('utf8'); });
  p.stderr.on('data', (c: Buffer) => { err += c.toString('utf8'); });
  const status = await new Promise<number | null>((r) => p.once('close', (c) => r(c)));
  assert.equal(status, 1, err);
  assert.equal(out, expected('bench-tree.jsonl'));
  const reports = err.split('\n').filter((l) => l.startsWith('PROCESS ')).map((l) => JSON.parse(l.slice(8)) as { pid: number; argv: string[]; ca: boolean; tunables: string });
  // one process reports: the bin's own exit handler never ran (its image was replaced), and no
  // experimental-API warning reached the user
  assert.equal(reports.length, 1, err);
  assert.doesNotMatch(err, /Warning/);
  const [only] = reports;
  assert.equal(only!.pid, p.pid, 'the same process');
  assert.equal(only!.argv.includes('--v8-pool-size=1'), small);
  if (small) {
    assert.equal(only!.ca, false);
    if (process.platform === 'linux') assert.match(only!.tunables, /^glibc\.malloc\.top_pad=4096:glibc\.malloc\.hugetlb=1:/);
  }
  // a signal sent to the bin's pid is the check's own: it ends by it, nothing left behind
  const q = spawn(node, [cli, 'check', '--format', 'json', 'tree', join(process.cwd(), 'test/corpus'), join(process.cwd(), 'demo')], { cwd: dir, stdio: 'ignore' });
  const cmdline = () => { try { return readFileSync(`/proc/${q.pid}/cmdline`, 'utf8'); } catch { return ''; } };
  for (let i = 0; i < 2000 && small && !cmdline().includes('--v8-pool-size=1'); i++) await new Promise((r) => setTimeout(r, 5));
  if (small) assert.match(cmdline(), /--v8-pool-size=1/);
  assert.equal(runningBins().length, 1, runningBins().join('\n'));
  q.kill('SIGTERM');
  assert.equal(await new Promise<NodeJS.Signals | null>((r) => q.once('exit', (_c, s) => r(s))), 'SIGTERM');
  for (let i = 0; i < 100 && runningBins().length; i++) await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(runningBins(), []);
});

test('the CLI ends once its output is out (src/cli.ts exitWhenWritten): all of it reaches a reader slower than the pipe, the status kept', async () => {
  const repo = process.cwd();
  const args = [cli, 'check', '--format', 'json', '--show-hints', 'tree', join(repo, 'test/corpus'), join(repo, 'demo')];
  const whole = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
  assert.equal(whole.status, 1);
  assert.ok(whole.stdout.length > 70_000, `more than a pipe's 64 KB buffer (${whole.stdout.length})`);
  const { spawn } = await import('node:child_process');
  for (const jobs of ['1', '2']) {
    const p = spawn(process.execPath, [...args, '--jobs', jobs], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    p.stdout.pause();
    // nobody reads for a while: the writer fills the pipe and must wait, not end
    await new Promise((r) => setTimeout(r, 400));
    const chunks: Buffer[] = [];
    p.stdout.on('data', (c: Buffer) => chunks.push(c));
    p.stdout.resume();
    const status = await new Promise<number | null>((r) => p.once('close', (c) => r(c)));
    assert.equal(status, 1, `--jobs ${jobs}`);
    assert.equal(Buffer.concat(chunks).toString('utf8'), whole.stdout, `--jobs ${jobs}: the same output, whole`);
  }
  // a usage error: status 2, the message whole on stderr
  const bad = spawnSync(process.execPath, [cli, 'check', '--format', 'nope', 'tree'], { cwd: dir, encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--format/);
});

test('a check in one thread loads no node:worker_threads, in the bin nor in the Node it starts, which parses no extra CA certificates; a user typing the threads\' argument gets the usage', async () => {
  // a preload passed on to the second Node through execArgv reports each process's built-in modules
  // and whether it was given NODE_EXTRA_CA_CERTS
  const hook = join(dir, 'modules-hook.cjs');
  writeFileSync(hook, "process.on('exit', () => require('node:fs').writeSync(2, 'MODULES ' + (process.env.NODE_EXTRA_CA_CERTS ? 'CA ' : '') + process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)).join(',') + '\\n' + 'TUNABLES ' + (process.env.GLIBC_TUNABLES ?? '') + '\\n'));\n");
  const certs = join(dir, 'no-certs.pem');
  writeFileSync(certs, '');
  const r = spawnSync(process.execPath, ['--require', hook, cli, 'check', '--format', 'json', 'tree/pkg0'], { cwd: dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NODE_EXTRA_CA_CERTS: certs, GLIBC_TUNABLES: 'glibc.malloc.top_pad=4096' } });
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('MODULES '));
  const lists = lines.map((l) => l.slice(8).replace(/^CA /, '').split(','));
  assert.ok(lists.length >= 1 && lists.every((l) => l.includes('fs')), r.stderr);
  for (const l of lists) assert.ok(!l.includes('worker_threads'), l.join(' '));
  // the second Node (on one or two cores) reports first, as it ends first: without the certificates
  const { availableParallelism } = await import('node:os');
  assert.deepEqual(lines.map((l) => l.startsWith('MODULES CA ')), availableParallelism() <= 2 ? [false, true] : [true], r.stderr);
  // on Linux the second Node gets malloc's settings for a check (mallocTunables.ts), the user's own kept
  const tunables = r.stderr.split('\n').filter((l) => l.startsWith('TUNABLES ')).map((l) => l.slice(9));
  const second = process.platform === 'linux' && availableParallelism() <= 2;
  assert.deepEqual(tunables, second
    ? ['glibc.malloc.top_pad=4096:glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=67108864', 'glibc.malloc.top_pad=4096']
    : ['glibc.malloc.top_pad=4096'], r.stderr);
  const typed = spawnSync(process.execPath, [cli, '--activation-lens-check-thread'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(typed.status, 2);
  assert.match(typed.stderr, /unknown command '--activation-lens-check-thread'/);
});
