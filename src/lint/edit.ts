// Text surgery for fixes: argument lists read from the text of a call the analysis already
// found (brackets and strings respected), names bound by the file's imports, and where an
// `import torch` goes when a fix needs one.
import type { ActivationUse, ImportBinding, SourceRange } from '../python/types';
import type { LineIndex } from './lines';
import type { TextEdit } from './types';

export interface Arg { start: number; end: number; text: string; keyword?: string }

/** The arguments of the call whose `(` is at `open`, or null when the list does not close. */
export function argsAt(text: string, open: number): { args: Arg[]; close: number } | null {
  if (text.charCodeAt(open) !== 40) return null;
  const args: Arg[] = [];
  let depth = 0;
  let start = open + 1;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (!body) return;
    const kw = /^([A-Za-z_]\w*)\s*=(?!=)/.exec(body);
    args.push({ start: start + lead, end: start + lead + body.length, text: body, ...(kw ? { keyword: kw[1]! } : {}) });
  };
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const q = triple ? c.repeat(3) : c;
      let j = i + q.length;
      while (j < text.length && !text.startsWith(q, j)) j += text[j] === '\\' ? 2 : 1;
      i = j + q.length - 1;
      continue;
    }
    if (c === '#') { const nl = text.indexOf('\n', i); if (nl < 0) return null; i = nl; continue; }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) { if (c !== ')') return null; push(i); return { args, close: i }; }
      depth--;
    } else if (c === ',' && depth === 0) { push(i); start = i + 1; }
  }
  return null;
}

/** No operator outside brackets: the text can replace a call without parentheses. */
export function isAtomic(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < s.length && s[j] !== c) j += s[j] === '\\' ? 2 : 1;
      i = j;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0 && !/[\w.]/.test(c)) return false;
  }
  return s.length > 0 && !/^\d/.test(s) ? true : /^[\d.]+$/.test(s);
}

export const paren = (s: string) => (isAtomic(s) ? s : `(${s})`);

/** Offset of the `(` opening the use's call: after its name for functions and modules. */
function openParen(lines: LineIndex, use: ActivationUse): number {
  let i = lines.offset(use.range.endLine, use.range.endColumn);
  while (i < lines.text.length && /[ \t]/.test(lines.text[i]!)) i++;
  return i;
}

export function callArgs(lines: LineIndex, use: ActivationUse): Arg[] | null {
  if (!use.isCall || !use.callRange) return null;
  return argsAt(lines.text, openParen(lines, use))?.args ?? null;
}

/** The tensor an activation call is applied to, as written: `x` in `F.softmax(x, 1)` and `x.softmax(1)`. */
export function inputOf(lines: LineIndex, use: ActivationUse): string | null {
  if (!use.isCall || !use.callRange) return null;
  if (use.kind === 'tensorMethod') {
    const start = lines.offset(use.callRange.line, use.callRange.column);
    let end = lines.offset(use.range.line, use.range.column);
    while (end > start && /[\s.\\]/.test(lines.text[end - 1]!)) end--;
    const obj = lines.text.slice(start, end);
    return obj.trim() ? obj : null;
  }
  if (use.kind === 'module') return null;
  const args = callArgs(lines, use);
  const a = args?.find((x) => !x.keyword) ?? args?.find((x) => x.keyword === 'input');
  if (!a) return null;
  return a.keyword ? a.text.replace(/^input\s*=\s*/, '') : a.text;
}

export function edit(range: SourceRange, text: string): TextEdit {
  return { range, text };
}

/** Where the binding of `local` points: 'torch.nn.functional' for `F`, undefined when the file does not bind it. */
export function resolve(dottedName: string, imports: ImportBinding[]): string | undefined {
  const parts = dottedName.replace(/\s+/g, '').split('.');
  let target: string | undefined;
  for (const b of imports) if (b.local === parts[0]) target = b.target;
  return target === undefined ? undefined : [target, ...parts.slice(1)].join('.');
}

/** The name this file binds to `module` ('torch', 'torch.nn.functional'), if any. */
export function aliasOf(module: string, imports: ImportBinding[]): string | undefined {
  for (const b of imports) if (b.target === module && !b.local.includes('.')) return b.local;
  return imports.find((b) => b.target === module)?.local;
}

/**
 * An expression naming `torch.<attr>` here, and the import to add when nothing visible binds
 * `torch` (`visible`: this document's and, in a notebook, earlier cells' bindings; `own`: this
 * document's, whose lines say where the import goes).
 */
export function torchName(attr: string, visible: ImportBinding[], own: ImportBinding[], lines: LineIndex): { name: string; edits: TextEdit[] } {
  const alias = aliasOf('torch', visible);
  if (alias) return { name: `${alias}.${attr}`, edits: [] };
  return { name: `torch.${attr}`, edits: [importTorch(own, lines)] };
}

/** `import torch` on its own line: after `from __future__` imports, else before the first import, else at the top. */
export function importTorch(imports: ImportBinding[], lines: LineIndex): TextEdit {
  const future = imports.filter((b) => b.target.startsWith('__future__'));
  let line = 0;
  if (future.length) line = Math.max(...future.map((b) => b.line)) + 1;
  else if (imports.length) {
    const first = Math.min(...imports.map((b) => b.line));
    if (/^(import|from)\s/.test(lines.lineText(first))) line = first;
  }
  const at = Math.min(line, lines.lineCount);
  const atEnd = at >= lines.lineCount || (at === lines.lineCount - 1 && lines.lineText(at) === '' && !lines.text.endsWith('\n'));
  return edit({ line: at, column: 0, endLine: at, endColumn: 0 }, atEnd && lines.text.length > 0 && !lines.text.endsWith('\n') ? '\nimport torch\n' : 'import torch\n');
}
