// Evaluates the argument literals Python allows without running anything: numbers (with sign,
// underscores, hex/octal/binary), True/False and plain strings. Anything else is "set at run time".
import type { Node } from 'web-tree-sitter';
import type { LiteralValue } from './types';

/** Literal source text longer than this is never echoed whole (hostile or generated code). */
export const MAX_LITERAL_CHARS = 64;

export type Literal = { ok: true; value: LiteralValue } | { ok: false; none?: boolean };

export function parsePythonNumber(text: string): number | undefined {
  if (text.length > MAX_LITERAL_CHARS) return undefined;
  const t = text.replace(/_/g, '').toLowerCase();
  if (t.endsWith('j')) return undefined; // complex
  let v: number;
  if (/^0[xob]/.test(t)) v = Number(t);
  else if (/^\d+$/.test(t)) v = Number.parseInt(t, 10);
  else v = Number(t.endsWith('.') ? t + '0' : t.startsWith('.') ? '0' + t : t);
  return Number.isFinite(v) ? v : undefined;
}

function stringValue(node: Node, source: string): string | undefined {
  let out = '';
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'interpolation') return undefined; // f-string: run-time value
    if (child.type === 'string_content' || child.type === 'escape_sequence') out += source.slice(child.startIndex, child.endIndex);
    if (out.length > MAX_LITERAL_CHARS) return out.slice(0, MAX_LITERAL_CHARS) + '…';
  }
  return out;
}

export function evaluateLiteral(node: Node, source: string): Literal {
  switch (node.type) {
    case 'integer':
    case 'float': {
      const v = parsePythonNumber(source.slice(node.startIndex, node.endIndex));
      return v === undefined ? { ok: false } : { ok: true, value: v };
    }
    case 'true': return { ok: true, value: true };
    case 'false': return { ok: true, value: false };
    case 'none': return { ok: false, none: true };
    case 'unary_operator': {
      const arg = node.childForFieldName('argument');
      const op = node.childForFieldName('operator')?.type;
      if (!arg || (op !== '-' && op !== '+')) return { ok: false };
      const inner = evaluateLiteral(arg, source);
      if (!inner.ok || typeof inner.value !== 'number') return { ok: false };
      return { ok: true, value: op === '-' ? -inner.value : inner.value };
    }
    case 'parenthesized_expression': {
      const inner = node.namedChildCount === 1 ? node.namedChild(0) : null;
      return inner ? evaluateLiteral(inner, source) : { ok: false };
    }
    case 'string': {
      const v = stringValue(node, source);
      return v === undefined ? { ok: false } : { ok: true, value: v };
    }
    default: return { ok: false };
  }
}
