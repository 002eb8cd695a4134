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
//   - a Node's typeId, endIndex, endPosition and hasError are read from the runtime's memory instead
//     of a call into wasm each (with the node marshalled first): the check of the bench tree asks
//     ~170,000 of them. What they read is the node's Subtree as this runtime lays it out
//     (lib/src/subtree.h, wasm32: 8 bytes, inline when bit 0 of its first byte is set, else a pointer
//     to its SubtreeHeapData), and they compute what lib/src/node.c and the binding's marshalling do
//     with it. The public symbol of a raw symbol still comes from wasm, once per symbol and language.
//     test/unit/python/glue.test.ts compares every node of many trees with the package's own glue.
//   - marshalNode/unmarshalNode write and read the transfer buffer through HEAP32 directly;
//   - childForFieldName/childrenForFieldName find a field's id in a Map kept per language, not by
//     indexOf over every field name of the grammar (~45,000 calls per check of the bench tree).
//     (childForFieldId itself walking the children in memory as ts_node_child_by_field_id does was
//     tried: no faster than the call into wasm, in isolation or in check.)
// A pattern that is not found fails the build: a new web-tree-sitter is then looked at again
// (the memory layout above belongs to the runtime of RUNTIME_VERSION and is checked against it).
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The web-tree-sitter whose runtime's memory layout the reads below assume. */
export const RUNTIME_VERSION = '0.27.2';

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
  [/(\n\s*function updateMemoryViews\(\) \{\n(?:.*\n)*?\s*LE_HEAP_UPDATE\(\);\n)/, '$1tsGlueU8 = HEAPU8; tsGlueU16 = HEAPU16; tsGlueI32 = HEAP32; tsGlueU32 = HEAPU32;\n'],
  [/(function marshalNode\(node, index = 0\) \{\n)/, `$1if (TS_GLUE_LE) {
  const h = tsGlueI32, a = (TRANSFER_BUFFER + index * SIZE_OF_NODE) >> 2;
  h[a] = node.id; h[a + 1] = node.startIndex; h[a + 2] = node.startPosition.row; h[a + 3] = node.startPosition.column; h[a + 4] = node.tsGlueHandle;
  return;
}
`],
  [/(function unmarshalNode\(tree, address = TRANSFER_BUFFER\) \{\n)/, `$1if (TS_GLUE_LE) {
  const h = tsGlueI32, a = address >> 2, id = h[a];
  if (id === 0) return null;
  return new Node(INTERNAL, { id, tree, startIndex: h[a + 1], startPosition: { row: h[a + 2], column: h[a + 3] }, other: h[a + 4] });
}
`],
  [/(\n\s*get typeId\(\) \{\n)(\s*marshalNode\(this\);\n\s*return C\._ts_node_symbol_wasm\(this\.tree\[0\]\);\n)/, `$1if (TS_GLUE_LE) {
  // ts_node_symbol: the alias, else the subtree's symbol, mapped to its public symbol
  let raw = this.tsGlueHandle & 65535;
  if (raw === 0) { const id = this.id, h8 = tsGlueU8; raw = (h8[id] & 1) ? h8[id + 1] : tsGlueU16[(tsGlueU32[id >> 2] + 40) >> 1]; }
  const memo = this.tree.language.tsGluePublicSymbols ??= new Int32Array(65536).fill(-1);
  let symbol = memo[raw];
  if (symbol < 0) { marshalNode(this); memo[raw] = symbol = C._ts_node_symbol_wasm(this.tree[0]); }
  return symbol;
}
$2`],
  [/(\n\s*get hasError\(\) \{\n)(\s*marshalNode\(this\);\n\s*return C\._ts_node_has_error_wasm\(this\.tree\[0\]\) === 1;\n)/, `$1if (TS_GLUE_LE) {
  // ts_node_has_error: an ERROR node, or a subtree whose error cost is above 0 (a missing one always is)
  if (this.typeId === 65535) return true;
  const id = this.id, h8 = tsGlueU8;
  if (h8[id] & 1) return (h8[id] & 32) !== 0;
  const p = tsGlueU32[id >> 2];
  return (h8[p + 45] & 2) !== 0 || tsGlueU32[(p + 32) >> 2] > 0;
}
$2`],
  [/(\n\s*get endIndex\(\) \{\n)(\s*marshalNode\(this\);\n\s*return C\._ts_node_end_index_wasm\(this\.tree\[0\]\);\n)/, `$1if (TS_GLUE_LE) {
  // (start byte + the subtree's size in bytes) in UTF-16 code units, in uint32 as in C
  const id = this.id, h8 = tsGlueU8;
  const size = (h8[id] & 1) ? h8[id + 7] : tsGlueU32[(tsGlueU32[id >> 2] + 16) >> 2];
  return ((this.startIndex << 1) + size) >>> 1;
}
$2`],
  [/(\n\s*get endPosition\(\) \{\n)(\s*marshalNode\(this\);\n\s*C\._ts_node_end_point_wasm\(this\.tree\[0\]\);\n\s*return unmarshalPoint\(TRANSFER_BUFFER\);\n)/, `$1if (TS_GLUE_LE) {
  // point_add(start, the subtree's extent), its column in UTF-16 code units, in uint32 as in C
  const id = this.id, h8 = tsGlueU8, start = this.startPosition;
  let rows = 0, columns;
  if (h8[id] & 1) columns = h8[id + 7];
  else { const p = tsGlueU32[id >> 2]; rows = tsGlueU32[(p + 20) >> 2]; columns = tsGlueU32[(p + 24) >> 2]; }
  return rows > 0 ? { row: (start.row + rows) >>> 0, column: columns >>> 1 } : { row: start.row >>> 0, column: ((start.column << 1) + columns) >>> 1 };
}
$2`],
  [/(\n\s*childForFieldName\(fieldName\) \{\n)\s*const fieldId = this\.tree\.language\.fields\.indexOf\(fieldName\);\n/, '$1const fieldId = tsGlueFieldId(this.tree.language, fieldName);\n'],
  [/(\n\s*childrenForFieldName\(fieldName\) \{\n)\s*const fieldId = this\.tree\.language\.fields\.indexOf\(fieldName\);\n/, '$1const fieldId = tsGlueFieldId(this.tree.language, fieldName);\n'],
  // Language.load takes a grammar already compiled (the CLI's loader compiles it while V8 reads the
  // CLI's own bundle); loadWebAssemblyModule below it always did. The class says so (parser.ts).
  [/(\n\s*static async load\(input\) \{\n\s*let binary2;\n\s*if \(input instanceof Uint8Array)\) \{/, '$1 || input instanceof WebAssembly.Module) {'],
  [/(var Language = class _Language \{\n\s*static \{\n\s*__name\(this, "Language"\);\n\s*\}\n)/, '$1static tsGlueTakesModules = true;\n'],
];

/** Helpers the patches call, defined ahead of the glue. */
const PRELUDE = `// The runtime's memory as the glue's own views see it: set by emscripten's updateMemoryViews,
// so they follow the memory when it grows.
var tsGlueU8, tsGlueU16, tsGlueI32, tsGlueU32;
function tsGlueFieldId(language, name) {
  let ids = language.tsGlueFieldIds;
  if (!ids) {
    ids = language.tsGlueFieldIds = new Map();
    language.fields.forEach((f, i) => { if (!ids.has(f)) ids.set(f, i); });
  }
  const id = ids.get(name);
  return id === void 0 ? -1 : id;
}
`;

export function patchTreeSitterGlue(source, file) {
  let out = source;
  for (const [find, replace] of PATCHES) {
    const hits = out.match(new RegExp(find.source, 'g'))?.length ?? 0;
    if (hits !== 1) throw new Error(`esbuild-tree-sitter: ${file}: expected one match of ${find.source.slice(0, 60)}…, found ${hits}`);
    out = out.replace(find, replace);
  }
  return `var TS_GLUE_LE = ${LE};\n${PRELUDE}${out}`;
}

export const treeSitterGlue = {
  name: 'tree-sitter-glue',
  setup(build) {
    build.onLoad({ filter: /[\\/]web-tree-sitter[\\/]web-tree-sitter\.c?js$/ }, async (args) => {
      const { version } = JSON.parse(await readFile(join(dirname(args.path), 'package.json'), 'utf8'));
      if (version !== RUNTIME_VERSION) throw new Error(`esbuild-tree-sitter: the glue patches read the memory of web-tree-sitter ${RUNTIME_VERSION}'s runtime, not ${version}'s: look at them again`);
      return { contents: patchTreeSitterGlue(await readFile(args.path, 'utf8'), args.path), loader: 'js' };
    });
  },
};
