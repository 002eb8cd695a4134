// AL601: a hand-written activation (a def, lambda or nn.Module the file defines) that equals a
// built-in. The definitions are found and evaluated by src/custom (the interpreter on the engine;
// the file is never run); comparing with the catalog costs tens of milliseconds per definition,
// so the findings of the last texts are kept (the Problems panel re-lints on every edit).
import { equivalenceFinding } from '../custom';
import { customProgram } from './customProgram';
import type { DocContext } from './context';
import type { LineIndex } from './lines';
import type { Finding } from './types';
import { freshMemo, registerFileMemo } from '../python/fileMemos';

let memo = new Map<string, Finding[]>();
const MEMO_SIZE = 8;
registerFileMemo(() => { memo = freshMemo(memo); });
/** Texts longer than this are not read again for AL601, and at most this many definitions are compared: a generated file must not stall the Problems panel. */
export const MAX_CUSTOM_CHARS = 400_000;
export const MAX_CUSTOM_DEFINITIONS = 64;
/** Only files that can define something are read again: a definition needs one of these words. */
const DEFINES = /\b(def|lambda|class)\b/;

export function customFindings(c: DocContext): Finding[] {
  const text = c.lines.text;
  if (text.length > MAX_CUSTOM_CHARS || !DEFINES.test(text)) return [];
  // A notebook cell is read with the cells before it as one program: a definition's imports and
  // constants usually sit in an earlier cell. Positions stay within this cell.
  const earlier = c.previousCells ?? [];
  const withEarlier = earlier.length > 0 && earlier.reduce((n, s) => n + s.length, text.length) <= MAX_CUSTOM_CHARS;
  const key = withEarlier ? `${earlier.length}\u0000${earlier.join('\u0000')}\u0000${text}` : text;
  const hit = memo.get(key);
  if (hit) return hit.map((f) => ({ ...f }));
  const program = customProgram(withEarlier ? [...earlier, text] : [text]);
  const { file } = program;
  const own = withEarlier ? file.definitions.filter((d) => d.cell === earlier.length) : file.definitions;
  const out: Finding[] = [];
  for (const d of own.slice(0, MAX_CUSTOM_DEFINITIONS)) {
    const f = program.evaluable(d) ? equivalenceFinding(file.module, program.reportOf(d), c.t) : undefined;
    if (f) out.push({ code: f.code, severity: f.severity, message: f.message, range: f.range, fixes: f.fixes });
  }
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value!);
  memo.set(key, out);
  return out.map((f) => ({ ...f }));
}

/**
 * AL601 findings that say again what an AL304 finding says: the definition returns a hand-written
 * sigmoid, and AL304's safe fix (torch.sigmoid in its place) leaves AL601 nothing to report, so
 * the definition is told once. Only when AL304 is reported too (`--ignore AL304` keeps AL601).
 */
export function restatedBySigmoid(found: readonly Finding[], lines: LineIndex): Set<Finding> {
  const out = new Set<Finding>();
  const at = (line: number, column: number) => lines.offset(line, column);
  const sigmoids = new Set(found.filter((f) => f.code === 'AL304').map((f) => `${at(f.range.line, f.range.column)}:${at(f.range.endLine, f.range.endColumn)}`));
  if (sigmoids.size === 0) return out;
  const text = lines.text;
  for (const f of found) {
    const edit = f.code === 'AL601' && f.fixes.length === 1 && f.fixes[0]!.edits.length === 1 ? f.fixes[0]!.edits[0]! : undefined;
    if (!edit) continue;
    // the returned expression, without the brackets around all of it
    let start = at(edit.range.line, edit.range.column);
    let end = at(edit.range.endLine, edit.range.endColumn);
    const trim = () => { while (start < end && /\s/.test(text[start]!)) start++; while (end > start && /\s/.test(text[end - 1]!)) end--; };
    trim();
    while (text[start] === '(' && text[end - 1] === ')' && balanced(text.slice(start + 1, end - 1))) { start++; end--; trim(); }
    if (sigmoids.has(`${start}:${end}`)) out.add(f);
  }
  return out;
}

/** Whether the brackets of `s` pair up (so `(a) * (b)` is not read as one parenthesised term). */
function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}
