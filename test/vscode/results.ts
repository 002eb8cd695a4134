// The results file the in-host runner (index.ts) writes and the outside runners read and print.
import { existsSync, readFileSync } from 'node:fs';

export interface TestResult {
  title: string;
  /** Suite file relative to test/vscode/suite/. */
  file: string;
  state: 'passed' | 'failed';
  ms: number;
  error?: string;
}

export interface ResultsFile {
  vscodeVersion: string;
  started: string;
  finished?: string;
  tests: TestResult[];
  /** Lines tests chose to print (see helpers.note), e.g. measured activation time. */
  notes: string[];
  failures: number;
}

export function readResults(path: string): ResultsFile | undefined {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) as ResultsFile : undefined;
}

/** Prints one line per test, the notes, and the closing `N passed, N failed`; returns failures. */
export function printResults(r: ResultsFile, label: string): number {
  for (const t of r.tests) {
    console.log(`${t.state === 'passed' ? '  ok    ' : '  FAILED'} ${t.title}${t.state === 'passed' ? ` (${t.ms} ms)` : ''}`);
    if (t.error) console.log(t.error.split('\n').slice(0, 8).map((l) => `          ${l}`).join('\n'));
  }
  for (const n of r.notes) console.log(`  note: ${n}`);
  const passed = r.tests.filter((t) => t.state === 'passed').length;
  const failed = r.tests.length - passed;
  console.log(`${label}: VS Code ${r.vscodeVersion}, ${r.tests.length} tests`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed;
}
