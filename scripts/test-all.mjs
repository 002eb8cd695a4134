// Runs every test suite in order and prints one closing "N passed, N failed" line over all of them.
import { spawnSync } from 'node:child_process';

const suites = [
  { name: 'unit', cmd: 'npm', args: ['run', '-s', 'test:unit'] },
  // Real VS Code (code-server from .vscode-test/, set up on first use) driven by Chromium.
  { name: 'extension host', cmd: 'npm', args: ['run', '-s', 'test:vscode'] },
  { name: 'browser checks', cmd: 'npm', args: ['run', '-s', 'test:browser'] },
];
let passed = 0, failed = 0, broken = 0;
for (const s of suites) {
  const r = spawnSync(s.cmd, s.args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 28 });
  process.stdout.write(r.stdout ?? '');
  // node:test spec reporter ends with "ℹ pass N" / "ℹ fail N"; our harness scripts print "N passed, N failed".
  const out = r.stdout ?? '';
  const p = [...out.matchAll(/^ℹ pass (\d+)$/gm)].pop() ?? [...out.matchAll(/^(\d+) passed, \d+ failed$/gm)].pop();
  const f = [...out.matchAll(/^ℹ fail (\d+)$/gm)].pop() ?? [...out.matchAll(/^\d+ passed, (\d+) failed$/gm)].pop();
  passed += p ? Number(p[1]) : 0;
  failed += f ? Number(f[1]) : 0;
  if (r.status !== 0 || !p) { broken++; console.error(`suite "${s.name}" exited with ${r.status}${p ? '' : ' and reported no counts'}`); }
}
console.log(`${passed} passed, ${failed + (failed === 0 ? broken : 0)} failed`);
process.exit(failed || broken ? 1 : 0);
