// Node 20's test runner takes no globs: find every test/unit/**/*.test.ts and hand them over.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const filter = process.argv.slice(2);
function walk(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.test.ts') ? [p] : [];
  });
}
const files = walk('test/unit').filter((f) => filter.length === 0 || filter.some((s) => f.includes(s))).sort();
// With no file, node --test would discover tests itself and run scripts/test-all.mjs (the whole suite).
if (files.length === 0) {
  console.error(`no test/unit file matches ${filter.map((s) => JSON.stringify(s)).join(' or ')}`);
  process.exit(2);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
