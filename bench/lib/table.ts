// Plain-text table of a section's rows with ratio and target columns.
import { fmtMs } from './timing';
import { ratio, type SectionResult } from './types';

function pad(s: string, n: number, right = false): string {
  const len = [...s].length;
  return len >= n ? s : right ? ' '.repeat(n - len) + s : s + ' '.repeat(n - len);
}

export function renderTable(r: SectionResult): string {
  const head = ['workload', ...r.columns, ...r.ratios.map(([l]) => l), 'targets'];
  const body = r.rows.map((row) => [
    row.name,
    ...r.columns.map((c) => fmtMs(row.cells[c])),
    ...r.ratios.map(([, num, den]) => {
      const q = ratio(row, num, den);
      return q === undefined ? '' : `${q.toFixed(2)}×`;
    }),
    row.targets
      .map((t) => `${t.label} ${t.ratio === undefined ? 'n/a' : t.ratio <= t.limit ? 'PASS' : 'MISS'}`)
      .join('; '),
  ]);
  const widths = head.map((h, i) => Math.max([...h].length, ...body.map((b) => [...b[i]].length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => pad(c, widths[i], i > 0 && i < head.length - 1)).join('  ').trimEnd();
  const out = [`== ${r.title}`, line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
  for (const n of r.notes) out.push(`  * ${n}`);
  // Say why cells are n/a, once per distinct reason and column.
  const why = new Map<string, string[]>();
  for (const row of r.rows) {
    for (const c of r.columns) {
      const cell = row.cells[c];
      if (cell && 'na' in cell) {
        const k = `${c}: ${cell.na}`;
        why.set(k, [...(why.get(k) ?? []), row.name]);
      }
    }
  }
  for (const [k, rows] of why) out.push(`  * n/a ${k} (${rows.length === 1 ? rows[0] : `${rows.length} rows`})`);
  return out.join('\n');
}
