// `# noqa` as flake8 and Ruff read it: a bare `# noqa` hides every finding on its line,
// `# noqa: AL101, AL2…` only the codes it lists (exactly, as Ruff matches them), so
// `# noqa: E501` leaves AL codes alone. A `# noqa:` that lists nothing valid hides nothing.
const DIRECTIVE = /#\s*noqa(?::\s*([A-Za-z]+[0-9]+(?:(?:\s*,\s*|\s+)[A-Za-z]+[0-9]+)*))?/i;
const BROKEN = /#\s*noqa:\s*(?![A-Za-z]+[0-9]+)/i;

/** What the line's directive hides: 'all', a list of codes, or null (no directive). */
export function noqaOf(line: string): 'all' | string[] | null {
  if (!line.includes('#')) return null;
  const m = DIRECTIVE.exec(line);
  if (!m) return null;
  if (m[1]) return m[1].split(/[\s,]+/).filter(Boolean).map((c) => c.toUpperCase());
  return BROKEN.test(line) ? null : 'all';
}

export function suppressed(line: string, code: string): boolean {
  const n = noqaOf(line);
  return n === 'all' || (n !== null && n.includes(code));
}

/** The line with `code` added to its `# noqa` (or a new `  # noqa: CODE` at its end). */
export function withNoqa(line: string, code: string): string {
  const n = noqaOf(line);
  if (n === 'all' || (n && n.includes(code))) return line;
  if (n) return line.replace(DIRECTIVE, (d) => `${d}, ${code}`);
  return `${line.replace(/\s+$/, '')}  # noqa: ${code}`;
}
