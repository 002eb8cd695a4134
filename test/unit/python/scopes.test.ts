// The scope index answers "which scope is this position in" from the scope nodes it finds by their
// keywords in the text (confirmed by the tree); here it is checked against the plain definition
// (every scope node of the tree, innermost one containing the position) at every position of
// sources with nested, broken and non-ASCII code, and keywords where the text alone would mislead.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import type { Node } from 'web-tree-sitter';
import { parse } from '../../../src/python/parser';
import { ScopeIndex, type Scope } from '../../../src/python/scopes';
import { Forest } from '../../../src/python/forest';
import { splitTopLevel } from '../../../src/python/chunks';
import { loadPython } from './setup';

before(loadPython);

const TYPES = ['function_definition', 'class_definition', 'lambda', 'list_comprehension', 'set_comprehension',
  'dictionary_comprehension', 'generator_expression'];

/** Start-end of every scope containing `index`, innermost first, from the whole list of scope nodes. */
function expected(nodes: Node[], index: number): string[] {
  return nodes
    .filter((n) => n.startIndex <= index && index < n.endIndex)
    .sort((a, b) => (b.startIndex - a.startIndex) || (a.endIndex - b.endIndex))
    .map((n) => `${n.type}@${n.startIndex}-${n.endIndex}`);
}

function chain(s: Scope): string[] {
  const out: string[] = [];
  for (let c: Scope | null = s; c && c.kind !== 'module'; c = c.parent) out.push(`${c.node.type}@${c.start}-${c.end}`);
  return out;
}

const SOURCES = [
  'class A:\n  def f(x, y=lambda z: [q for q in z]):\n    return (lambda: {k: v for k, v in x})\n  def g(\n',
  'def f(:\n  x = [i for i in\nclass B(\n  lambda q: q\n',
  '# é 漢字 😀\ndef f(a="😀"):\n    return [x for x in "漢字"]\nclass C:\n    g = lambda s: s\n    h = sum(x for x in range(3))\n',
  'x = 1\n\n\n@dec\ndef  top ( ) :\n    def inner():\n        return {i for i in ()}\n\n    return inner\n',
  readFileSync('demo/classifier.py', 'utf8'),
  // A number may end right before a keyword; names, strings and comments hold keywords that are none.
  'ys = [1for x in y]\nzs = {0x1for a in b}\nws = [1.5if c else 2for c in d]\ndefault = classes = lambda_ = format = 1\n',
  's = "def f(): class lambda for"  # def g(): lambda: [x for x in y]\nasync def h():\n    return [x async for x in it]\n',
  'class K(Base, metaclass=M): pass\nf = lambda a=lambda: 0, *b, **c: (lambda: [y for y in b for z in c if z])\n',
  'def é(): return [x for\u00a0x in y]\nclass Ĉ:\n  def for_(self): return (q for q in (lambda: 1)())\n',
  'x = [i for i in range(3)]\nfor i in x:\n    pass\ny = [[j for j in i] for i in x]\n',
];

test('the scope at every position is the innermost scope node containing it', () => {
  for (const source of SOURCES) {
    const tree = parse(source)!;
    const whole = Forest.whole(tree, source);
    // The same file cut into single statements (where it can be cut), each parsed on its own.
    const chunks = splitTopLevel(source, 1);
    const cut = chunks && chunks.length > 1 ? Forest.lazy(source, chunks) : null;
    try {
      const nodes = tree.rootNode.descendantsOfType(TYPES).filter((n): n is Node => !!n);
      for (const forest of cut ? [whole, cut] : [whole]) {
        const scopes = new ScopeIndex(forest, source);
        for (let i = 0; i <= source.length + 1; i++) {
          assert.deepEqual(chain(scopes.at(i)), expected(nodes, i), `position ${i} of ${JSON.stringify(source.slice(0, 40))} (${forest.size} runs)`);
        }
        // The same def is always the same object.
        const again = scopes.at(source.length >> 1);
        assert.equal(again, scopes.at(source.length >> 1));
      }
      if (source.startsWith('x = 1')) assert.ok(cut && cut.size === 2, 'x = 1 | @dec def top… is cut before the decorator, not between it and its def');
    } finally {
      whole.delete();
      cut?.delete();
    }
  }
});

test('every scope node of real files is found: the scope at its start, just inside it and at its end', () => {
  const files = readdirSync('test/corpus').filter((f) => f.endsWith('.py')).map((f) => `test/corpus/${f}`);
  files.push(...readdirSync('demo').filter((f) => f.endsWith('.py')).map((f) => `demo/${f}`));
  assert.ok(files.length > 20);
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    const tree = parse(source)!;
    const forest = Forest.whole(tree, source);
    try {
      const nodes = tree.rootNode.descendantsOfType(TYPES).filter((n): n is Node => !!n);
      const scopes = new ScopeIndex(forest, source);
      for (const n of nodes) {
        for (const i of [n.startIndex, n.startIndex + 1, n.endIndex - 1, n.endIndex]) {
          assert.deepEqual(chain(scopes.at(i)), expected(nodes, i), `${file}: position ${i}`);
        }
      }
    } finally {
      forest.delete();
    }
  }
});
