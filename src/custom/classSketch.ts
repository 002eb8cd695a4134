// A class read as far as the findings' first questions need, without lowering it: is it a
// candidate module, and can it be built without arguments (unbuildable.ts)? A file of models has
// hundreds of classes, nearly all of which are models no evaluation can build, and lowering each
// whole (positions, every method's lazy body) was most of what AL601 spent on them. The sketch
// holds what lowering gives for the parts those questions read, lowered by the same code at the
// same depths: the bases, the body's statements, every method's parameters; a plain method's body
// is lowered statement by statement as it is read, and a call's arguments one by one (an __init__
// that fails at its first layer is read no further). Positions of the sketch's methods are not
// set: nothing that reads a sketch reads them.
import { defineLazy } from '../lazyAccessor';
import type { Node } from 'web-tree-sitter';
import { functionReturnsAtTop, MAX_SOURCE_CHARS, pieceLowerer, type At, type ClassDef, type FunctionDef, type Stmt } from '../interp';

/** Depths lowerModuleStatement reaches a top-level class's parts at: its bases, its members, their statements. */
const CLASS = 1;
const MEMBER = 2;

const NOWHERE: At = { line: -1, column: -1, endLine: -1, endColumn: -1 };

export interface ClassSketch extends Pick<ClassDef, 'bases' | 'body'> {
  /** A method's statements, lowered one at a time as read, calls' arguments too (a member lowered whole: its body). */
  bodyOf(fn: FunctionDef): Iterable<Stmt>;
  /** Whether the method has `return <value>` among its own statements (functionReturnsAtTop); undefined where not known so. */
  returnsAtTop(fn: FunctionDef): boolean | undefined;
}

/**
 * The sketch of a top-level `class` statement without syntax errors, no longer than a class whose
 * methods lowering reads in full (MAX_SOURCE_CHARS); undefined for any other node. Valid while
 * the node's tree is.
 */
export function sketchClass(n: Node, source: string): ClassSketch | undefined {
  if (n.type !== 'class_definition' || n.hasError || n.endIndex - n.startIndex > MAX_SOURCE_CHARS) return undefined;
  const lower = pieceLowerer(source);
  // an __init__'s statement is read as far as deciding needs: nn.Sequential(nn.Linear(…), …) to its first layer
  const lowerRead = pieceLowerer(source, true);
  const bases = [];
  for (const b of n.childForFieldName('superclasses')?.namedChildren ?? []) {
    if (!b || b.type === 'comment') continue;
    // a metaclass or class keyword (rare in a model): left to the lowered class
    if (b.type === 'keyword_argument') return undefined;
    bases.push(lower.expr(b, CLASS));
  }
  const methods = new Map<FunctionDef, Node>();
  const body: Stmt[] = [];
  for (const c of n.childForFieldName('body')?.namedChildren ?? []) {
    if (!c || c.type === 'comment') continue;
    // an async def's body is unsupported, as lowering says: lowered whole
    if (c.type !== 'function_definition' || source.startsWith('async', c.startIndex)) {
      body.push(lower.stmt(c, MEMBER));
      continue;
    }
    const name = c.childForFieldName('name');
    // lazy, without holding the file past its end: lazyAccessor.ts
    const fn = { name: name ? source.slice(name.startIndex, name.endIndex) : '', params: lower.params(c.childForFieldName('parameters'), MEMBER) } as FunctionDef;
    defineLazy(fn, 'body', () => lower.block(c.childForFieldName('body'), MEMBER));
    fn.decorators = [];
    fn.at = NOWHERE;
    fn.nameAt = NOWHERE;
    methods.set(fn, c);
    body.push({ k: 'def', fn, at: NOWHERE });
  }
  return {
    bases,
    body,
    *bodyOf(fn) {
      const c = methods.get(fn);
      if (!c) {
        yield* fn.body;
        return;
      }
      for (const s of c.childForFieldName('body')?.namedChildren ?? []) if (s && s.type !== 'comment') yield lowerRead.stmt(s, MEMBER + 1);
    },
    returnsAtTop(fn) {
      const c = methods.get(fn);
      return c ? functionReturnsAtTop(c, MEMBER) : undefined;
    },
  };
}
