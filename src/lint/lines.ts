// Offsets ↔ (line, UTF-16 column) for one text, built once per lint run.
import type { SourceRange } from '../python/types';

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  offset(line: number, column: number): number {
    const s = this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]!;
    return Math.min(this.text.length, s + Math.max(0, column));
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo, column: offset - this.starts[lo]! };
  }

  range(start: number, end: number): SourceRange {
    const a = this.position(start);
    const b = this.position(end);
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }

  slice(r: SourceRange): string {
    return this.text.slice(this.offset(r.line, r.column), this.offset(r.endLine, r.endColumn));
  }

  /** The text of line `line` without its line break. */
  lineText(line: number): string {
    const s = this.starts[line];
    if (s === undefined) return '';
    const e = line + 1 < this.starts.length ? this.starts[line + 1]! - 1 : this.text.length;
    return this.text.slice(s, e).replace(/\r$/, '');
  }
}
