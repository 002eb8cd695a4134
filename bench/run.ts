// `npm run bench [-- <section id>…] [--quick] [--only=W1,W3]`: runs every section in bench/sections/
// (one file per area; add a file there to add a section), prints their tables and writes
// test-results/bench.json (git-ignored).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderTable } from './lib/table';
import { ratio, type Section, type SectionResult } from './lib/types';

async function loadSections(): Promise<Section[]> {
  const dir = join(process.cwd(), 'bench', 'sections');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();
  const out: Section[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { section?: Section; default?: { section?: Section } };
    const s = mod.section ?? mod.default?.section;
    if (s) out.push(s);
    else console.error(`bench/sections/${f} exports no \`section\`; skipped`);
  }
  return out;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const only = args.filter((a) => a.startsWith('--only=')).flatMap((a) => a.slice('--only='.length).split(',')).filter(Boolean);
  const pick = args.filter((a) => !a.startsWith('--'));
  const sections = (await loadSections()).filter((s) => pick.length === 0 || pick.includes(s.id));
  const started = Date.now();
  // Every number below is wall-clock time on a machine other jobs may share: say how busy it was.
  const cores = availableParallelism();
  const loadBefore = loadavg()[0];
  const results: (SectionResult & { id: string })[] = [];
  for (const s of sections) {
    const t0 = Date.now();
    console.log(`… ${s.id}`);
    try {
      const r = await s.run({ quick, only, log: (l) => console.log(`  ${l}`) });
      results.push({ id: s.id, ...r });
      console.log(renderTable(r));
      console.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
    } catch (e) {
      console.error(`section ${s.id} failed: ${e instanceof Error ? e.stack : String(e)}`);
    }
  }
  const targets = results.flatMap((r) => r.rows.flatMap((row) => row.targets.map((t) => ({ row: row.name, ...t }))));
  const pass = targets.filter((t) => t.ratio !== undefined && t.ratio <= t.limit).length;
  const miss = targets.filter((t) => t.ratio !== undefined && t.ratio > t.limit).length;
  const na = targets.length - pass - miss;
  const loadAfter = loadavg()[0];
  console.log(`targets: ${pass} PASS, ${miss} MISS, ${na} n/a — ${((Date.now() - started) / 1000).toFixed(1)} s total`);
  console.log(`load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} on ${cores} cores${Math.max(loadBefore, loadAfter) > cores ? ' — machine oversubscribed: absolute times are inflated and noisy; the ratios (measured side by side) are the numbers to read' : ''}`);
  mkdirSync('test-results', { recursive: true });
  const json = {
    date: new Date().toISOString(),
    node: process.version,
    quick,
    only,
    cores,
    loadavg: { before: loadBefore, after: loadAfter },
    sections: results.map((r) => ({
      ...r,
      rows: r.rows.map((row) => ({
        ...row,
        ratios: Object.fromEntries(r.ratios.map(([l, a, b]) => [l, ratio(row, a, b) ?? null])),
      })),
    })),
    summary: { pass, miss, na },
  };
  writeFileSync(join('test-results', 'bench.json'), JSON.stringify(json, null, 2) + '\n');
  console.log('wrote test-results/bench.json');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
