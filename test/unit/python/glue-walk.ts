// Bundled twice by glue.test.ts, with and without scripts/esbuild-tree-sitter.mjs: prints what the
// tree-sitter Node API answers for every node of every file given, so the patched glue can be
// compared with the package's own line by line. Also edits each tree and asks the nodes taken
// before the edit again (both read the same edited memory), and parses cut and garbled copies of
// each file so that ERROR and MISSING nodes come up.
import { readFileSync } from 'node:fs';
import type * as TreeSitter from 'web-tree-sitter';
import type { Node, Tree } from 'web-tree-sitter';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Parser, Language, Edit } = require('web-tree-sitter') as typeof TreeSitter;

/** Cut and garbled copies: an unclosed bracket, a stray token, a cut in the middle of a line. */
export function variants(text: string): string[] {
  const mid = text.length >> 1;
  return [
    text,
    text.slice(0, mid),
    `${text.slice(0, mid)}(\n${text.slice(mid)}`,
    `${text.slice(0, mid)} ) def : 0x\n${text.slice(mid)}`,
    text.replace(/:\n/g, '\n'),
  ];
}

// The alias a Node carries: the patched glue keeps it in a named property, the package's in [0].
const alias = (n: Node) => (n as unknown as { tsGlueHandle?: number }).tsGlueHandle ?? (n as unknown as Record<number, number>)[0];

// Subtree addresses differ between the two runs once one glue allocates less: nodes are named by
// the order their address is first met in the tree instead.
let seen = new Map<number, number>();
const key = (n: Node) => { let k = seen.get(n.id); if (k === undefined) seen.set(n.id, k = seen.size); return k; };

function line(n: Node, fields: Array<string | null>): string {
  const byField = fields.map((f) => {
    const c = n.childForFieldName(f as string);
    return c ? `${key(c)}@${c.startIndex}:${c.startPosition.row}:${c.startPosition.column}:${c.typeId}` : '-';
  });
  const all = n.childrenForFieldName('body').map(key).join(',');
  const named = n.namedChildren.map((c) => `${key(c)}@${c.startIndex}:${c.startPosition.row}:${c.startPosition.column}:${c.typeId}`).join(',');
  return `${key(n)} ${n.typeId} ${n.type} ${n.startIndex}-${n.endIndex} ${n.startPosition.row}:${n.startPosition.column}-${n.endPosition.row}:${n.endPosition.column} ${n.hasError ? 'E' : ''}${n.isMissing ? 'M' : ''}${n.isNamed ? 'N' : ''} ${n.text.length} ${byField.join(' ')} [${all}] {${named}} ${n.childForFieldName('no-such-field') === null}`;
}

function walk(root: Node, out: (s: string) => void, fields: Array<string | null>): Node[] {
  const nodes: Node[] = [];
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    nodes.push(n);
    out(line(n, fields));
    const children = n.children;
    out(`  ${children.map((c) => `${key(c)}@${c.startIndex}:${c.startPosition.row}:${c.startPosition.column}:${alias(c)}`).join(',')}`);
    for (const c of children) if (c) stack.push(c);
  }
  return nodes;
}

async function main(): Promise<void> {
  const [runtime, grammar, ...files] = process.argv.slice(2);
  await Parser.init({ wasmBinary: readFileSync(runtime!) } as object);
  const language = await Language.load(readFileSync(grammar!));
  const parser = new Parser();
  parser.setLanguage(language);
  const lines: string[] = [];
  const out = (s: string) => { lines.push(s); };
  for (const file of files) {
    for (const [k, text] of variants(readFileSync(file, 'utf8')).entries()) {
      out(`# ${file} ${k}`);
      const tree: Tree = parser.parse(text)!;
      seen = new Map();
      const nodes = walk(tree.rootNode, out, language.fields);
      // An insertion in the middle: the old nodes' ends and error flags read the edited tree.
      const at = text.length >> 1;
      const row = text.slice(0, at).split('\n').length - 1;
      const column = at - (text.lastIndexOf('\n', at - 1) + 1);
      tree.edit(new Edit({ startIndex: at, oldEndIndex: at, newEndIndex: at + 3, startPosition: { row, column }, oldEndPosition: { row, column }, newEndPosition: { row: row + 1, column: 1 } }));
      out('# edited');
      for (const n of nodes) out(`${key(n)} ${n.typeId} ${n.endIndex} ${n.endPosition.row}:${n.endPosition.column} ${n.hasError}`);
      tree.delete();
    }
  }
  // Whether the memory reads ran at all (the package's own glue never sets this).
  out(`# fast ${(language as unknown as { tsGluePublicSymbols?: unknown }).tsGluePublicSymbols !== undefined}`);
  process.stdout.write(lines.join('\n') + '\n');
}

void main();
