// An esbuild plugin that makes web-tree-sitter's JS glue cheaper without changing what it does.
// Every node handed across the wasm boundary (a parent, a child, a field) is written to and read
// from wasm memory five words at a time through emscripten's generic setValue/getValue, which
// compare strings (`type.endsWith("*")`, a switch on the type name) and go through a DataView for
// each word; and every Node is built with ES2022 class fields, which V8 defines one by one
// (an element `[0]` first) before the constructor assigns the same properties again. Measured on
// the bench tree (`check`, 120 files): about a tenth of the CLI's JS time was this glue.
//   - setValue/getValue answer "i32" (all the node marshalling uses) from HEAP32 directly on a
//     little-endian host (wasm memory is little-endian; elsewhere the DataView path stays);
//   - Node's field declarations are dropped: the constructor assigns id, tree, startIndex,
//     startPosition and [0], and _children/_namedChildren are only ever read after `if (!…)`;
//   - descendantsOfType keeps, per language, the symbols of each list of types asked for
//     (it compared every type name of the grammar with the list on every call);
//   - a Node keeps its type once asked (a symbol never changes, edits move only positions): the
//     analysis asks the same nodes' types again and again, each a marshal and a call into wasm;
//   - a Node keeps its wasm handle in a named property, not the element `[0]`: an element gives
//     every Node a backing store of its own and made building one ~10-20× slower (the CLI builds
//     ~200,000 per check of the bench tree; ~35 ms of its time and much of its garbage).
// A pattern that is not found fails the build: a new web-tree-sitter is then looked at again.
import { readFile } from 'node:fs/promises';

const LE = 'new Uint8Array(new Uint16Array([1]).buffer)[0] === 1';

/** [what to find, what it becomes], each found exactly once in the glue. */
const PATCHES = [
  [/(function setValue\(ptr, value, type = "i8"\) \{\n)/, `$1if (type === "i32" && TS_GLUE_LE) { HEAP32[ptr >> 2] = value; return; }\n`],
  [/(function getValue\(ptr, type = "i8"\) \{\n)/, `$1if (type === "i32" && TS_GLUE_LE) return HEAP32[ptr >> 2];\n`],
  [/(var Node = class \{\n\s*static \{\n\s*__name\(this, "Node"\);\n\s*\}\n)\s*\/\*\* @internal \*\/\n\s*\/\/ @ts-expect-error: never read\n\s*\[0\] = 0;\n\s*\/\/ Internal handle for Wasm\n\s*\/\*\* @internal \*\/\n\s*_children;\n\s*\/\*\* @internal \*\/\n\s*_namedChildren;\n(\s*\/\*\* @internal \*\/\n\s*constructor\(internal, \{[^}]*\}\) \{\n\s*assertInternal\(internal\);\n\s*this\[0\] = other;\n\s*this\.id = id;\n\s*this\.tree = tree;\n\s*this\.startIndex = startIndex;\n\s*this\.startPosition = startPosition;\n)/, '$1$2this._type = void 0;\n'],
  [/(\n\s*descendantsOfType\(types, startPosition = ZERO_POINT, endPosition = ZERO_POINT\) \{\n\s*if \(!Array\.isArray\(types\)\) types = \[types\];\n)\s*const symbols = \[\];\n\s*const typesBySymbol = this\.tree\.language\.types;\n\s*for \(let i2 = 0, n = typesBySymbol\.length; i2 < n; i2\+\+\) \{\n\s*if \(types\.includes\(typesBySymbol\[i2\]\)\) \{\n\s*symbols\.push\(i2\);\n\s*\}\n\s*\}\n\s*if \(types\.includes\("ERROR"\)\) \{\n\s*symbols\.push\(65535\);\n\s*\}\n/,
    `$1const language = this.tree.language;
const memo = language.tsGlueSymbols ??= new Map();
const key = types.join("\\0");
let symbols = memo.get(key);
if (!symbols) {
  symbols = [];
  const typesBySymbol = language.types;
  for (let i2 = 0, n = typesBySymbol.length; i2 < n; i2++) {
    if (types.includes(typesBySymbol[i2])) {
      symbols.push(i2);
    }
  }
  if (types.includes("ERROR")) {
    symbols.push(65535);
  }
  memo.set(key, symbols);
}
`],
  [/this\[0\] = other;/, 'this.tsGlueHandle = other;'],
  [/C\.setValue\(address, node\[0\], "i32"\);/, 'C.setValue(address, node.tsGlueHandle, "i32");'],
  [/(\n\s*get type\(\) \{\n)\s*return this\.tree\.language\.types\[this\.typeId\] \|\| "ERROR";\n/, '$1let t = this._type;\nif (t === void 0) this._type = t = this.tree.language.types[this.typeId] || "ERROR";\nreturn t;\n'],
  [/(\* If a node is marked as having changed in the old tree, it will not be reused\.\n\s*\*\/\n)\s*id;\n\s*\/\*\* The byte index where this node starts\. \*\/\n\s*startIndex;\n\s*\/\*\* The position where this node starts\. \*\/\n\s*startPosition;\n\s*\/\*\* The tree that this node belongs to\. \*\/\n\s*tree;\n/, '$1'],
];

export function patchTreeSitterGlue(source, file) {
  let out = source;
  for (const [find, replace] of PATCHES) {
    const hits = out.match(new RegExp(find.source, 'g'))?.length ?? 0;
    if (hits !== 1) throw new Error(`esbuild-tree-sitter: ${file}: expected one match of ${find.source.slice(0, 60)}…, found ${hits}`);
    out = out.replace(find, replace);
  }
  return `var TS_GLUE_LE = ${LE};\n${out}`;
}

export const treeSitterGlue = {
  name: 'tree-sitter-glue',
  setup(build) {
    build.onLoad({ filter: /[\\/]web-tree-sitter[\\/]web-tree-sitter\.c?js$/ }, async (args) => ({
      contents: patchTreeSitterGlue(await readFile(args.path, 'utf8'), args.path),
      loader: 'js',
    }));
  },
};
