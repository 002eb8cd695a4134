// The contract between bench/run.ts and a section file in bench/sections/.
// A section owns one area (the engine, hover latency, activation time, …), measures it and
// returns rows; run.ts prints every section's table and writes test-results/bench.json.

/** One timed cell: milliseconds per run, or why there is no number. */
export type Cell = { ms: number; samples: number; note?: string } | { na: string };

export interface Target {
  /** e.g. "≤1.5× PyTorch f64". */
  label: string;
  /** Measured ratio engine/reference, undefined when either side is n/a. */
  ratio?: number;
  limit: number;
}

export interface Row {
  /** e.g. "W1 tanh f64". */
  name: string;
  /** Column name → cell; the first column is the thing under test. */
  cells: Record<string, Cell>;
  targets: Target[];
}

export interface SectionResult {
  title: string;
  columns: string[];
  /** Ratio columns to print: [label, numerator column, denominator column]. */
  ratios: [string, string, string][];
  rows: Row[];
  notes: string[];
}

export interface SectionContext {
  quick: boolean;
  log: (line: string) => void;
  /** `--only=W1,W3`: row-name prefixes to run (sections may ignore it); empty = all. */
  only?: string[];
}

export interface Section {
  /** Short id used to pick sections from the command line (`npm run bench -- engine`). */
  id: string;
  run(ctx: SectionContext): Promise<SectionResult>;
}

export function ratio(rows: Row, num: string, den: string): number | undefined {
  const a = rows.cells[num];
  const b = rows.cells[den];
  return a && b && 'ms' in a && 'ms' in b && b.ms > 0 ? a.ms / b.ms : undefined;
}
