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
  // a cache of another bundle (or broken on disk) is refused by V8 and written again
  writeFileSync(join(cache, 'activation-lens', files()[0]!), Buffer.from(written.subarray(0, 4096)).fill(7, 100));
  assert.equal(checkWith({ XDG_CACHE_HOME: cache }, process.cwd(), ...args), want, 'broken cache');
  assert.ok(readFileSync(join(cache, 'activation-lens', files()[0]!)).length > 10_000, 'rewritten whole');
  assert.equal(checkWith({ XDG_CACHE_HOME: cache }, dir, '--format', 'json', '--jobs', '2', 'tree'), expected('bench-tree.jsonl'), 'threads start through the bin');
  // a cache folder that cannot be made (a file stands in its way)
  writeFileSync(join(dir, 'not-a-folder'), '');
  assert.equal(checkWith({ XDG_CACHE_HOME: join(dir, 'not-a-folder') }, process.cwd(), ...args), want, 'unwritable cache folder');
});
