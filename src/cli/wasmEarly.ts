// What the CLI's loader (src/cliLoader.ts) hands the CLI of the parser's WebAssembly: the files'
// bytes and their compiles, started before the bundle is read. A module of its own: the loader
// bundles nothing else of the CLI.

/** The parser's two WebAssembly files, as they sit in dist/wasm. */
export const PARSER_WASM = ['web-tree-sitter.wasm', 'tree-sitter-python.wasm'] as const;

/** Where the loader leaves them on globalThis: `{ [file]: { bytes, module } }`. */
export const PARSER_WASM_EARLY = Symbol.for('activation-lens.parser-wasm');

export interface EarlyWasm {
  bytes: Uint8Array;
  /** undefined where V8 could not compile the bytes (the CLI then compiles them itself, and says why) */
  module: Promise<WebAssembly.Module | undefined>;
}

/** What the loader started for this process, if it did. */
export function earlyWasm(name: (typeof PARSER_WASM)[number]): EarlyWasm | undefined {
  return ((globalThis as Record<symbol, unknown>)[PARSER_WASM_EARLY] as Record<string, EarlyWasm> | undefined)?.[name];
}
