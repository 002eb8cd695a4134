// Loaded by VS Code's extension host through `extensionTestsPath` (code-server or
// @vscode/test-electron alike): runs every bundled suite/**/*.test.js with mocha and writes
// machine-readable results for the runner that started VS Code.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ResultsFile, TestResult } from './results';

/** Files that must run first: activation is asserted before anything else can trigger it. */
const FIRST = ['activation.test.js'];

function findTests(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? findTests(p) : n.endsWith('.test.js') ? [p] : [];
  });
}

export async function run(): Promise<void> {
  const out = process.env.ACTIVATION_LENS_TEST_RESULTS;
  const results: ResultsFile = { vscodeVersion: '', started: new Date().toISOString(), tests: [], notes: [], failures: 0 };
  const save = () => { if (out) writeFileSync(out, JSON.stringify(results, null, 2)); };
  try {
    results.vscodeVersion = vscode.version;
    // mocha 12 ships as an ES module; import() works in every extension host, require() not in all.
    const { default: Mocha } = await import('mocha');
    const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
    if (process.env.ACTIVATION_LENS_TEST_GREP) mocha.grep(process.env.ACTIVATION_LENS_TEST_GREP);
    const suiteDir = join(__dirname, 'suite');
    const only = (process.env.ACTIVATION_LENS_TEST_FILES ?? '').split(',').filter(Boolean);
    const files = findTests(suiteDir)
      .filter((f) => !only.length || only.some((s) => f.includes(s)))
      .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    for (const f of files) mocha.addFile(f);
    (globalThis as { __activationLensNotes?: string[] }).__activationLensNotes = results.notes;
    await new Promise<void>((resolve) => {
      const runner = mocha.run((failures) => {
        results.failures = failures;
        resolve();
      });
      const file = (t: Mocha.Runnable) => (t.file ?? '').slice(suiteDir.length + 1).replace(/\.js$/, '.ts');
      runner.on('pass', (t) => results.tests.push({ title: t.fullTitle(), file: file(t), state: 'passed', ms: t.duration ?? 0 } satisfies TestResult));
      runner.on('fail', (t, err: Error) => results.tests.push({ title: t.fullTitle(), file: file(t), state: 'failed', ms: t.duration ?? 0, error: String(err?.stack ?? err) }));
    });
  } catch (e) {
    // A suite that fails to load (syntax error, top-level throw) must still show up as a failure.
    results.tests.push({ title: 'loading the extension-host suites', file: '', state: 'failed', ms: 0, error: String((e as Error)?.stack ?? e) });
    results.failures += 1;
  }
  results.finished = new Date().toISOString();
  save();
  if (results.failures) throw new Error(`${results.failures} extension-host test(s) failed`);
}

function rank(f: string) {
  const i = FIRST.findIndex((n) => f.endsWith(n));
  return i < 0 ? FIRST.length : i;
}
