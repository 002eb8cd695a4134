// Loads tree-sitter's Python grammar (WebAssembly) once. The caller hands over the wasm bytes,
// so this works the same in the Node extension host, the browser extension host (vscode.dev),
// the CLI and the unit tests: no `fs`, no URLs, no `locateFile` guessing.
import type * as TreeSitter from 'web-tree-sitter';
import type { Parser as ParserType, Tree } from 'web-tree-sitter';
import { newWasmMemory, warmUp } from './warmup';
import { registerFileMemo } from './fileMemos';

// `require`, not `import`: esbuild then picks the package's CommonJS build, whose Node branch
// works inside a CJS bundle (the ESM build calls createRequire(import.meta.url), which is
// undefined once bundled to CJS for the Node extension host and the CLI). In the browser
// bundle the package's `browser` field stubs out `fs`, and that branch never runs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Parser, Language, Edit } = require('web-tree-sitter') as typeof TreeSitter;
export { Edit };

export interface PythonWasm {
  /** web-tree-sitter.wasm (the runtime). */
  treeSitter: Uint8Array;
  /** tree-sitter-python.wasm (the grammar). */
  python: Uint8Array;
  /**
   * The same bytes already being compiled (the CLI's loader starts both compiles before it reads its
   * own bundle, so V8 compiles them on its platform thread meanwhile). A compile that failed, or a
   * glue that cannot take a compiled grammar, falls back to the bytes.
   */
  compiled?: { treeSitter: Promise<WebAssembly.Module | undefined>; python: Promise<WebAssembly.Module | undefined> };
}

let ready: Promise<void> | undefined;
let parser: ParserType | undefined;

/** Loads the runtime and the grammar (see initPython in init.ts), warmed up when asked. Idempotent: later calls wait for the first one. */
export function loadParser(wasm: PythonWasm, warm = false): Promise<void> {
  ready ??= (async () => {
    // Bytes from another realm (a worker's message, a vm context) fail `instanceof Uint8Array`
    // inside web-tree-sitter, which would then try to fetch them by URL: copy them into this one.
    const own = (b: Uint8Array) => (b instanceof Uint8Array ? b : new Uint8Array(b));
    // A memory of our own only to touch its pages (warmUp); else emscripten makes its own.
    const memory = warm ? newWasmMemory() : undefined;
    const runtime = await wasm.compiled?.treeSitter;
    await initRuntime(runtime ? { instantiateWasm: instantiating(runtime, own(wasm.treeSitter)) } : { wasmBinary: own(wasm.treeSitter) }, memory);
    // Language.load takes a compiled module only in the bundles (scripts/esbuild-tree-sitter.mjs)
    const grammar = (Language as { tsGlueTakesModules?: boolean }).tsGlueTakesModules ? await wasm.compiled?.python : undefined;
    const language = await Language.load((grammar ?? own(wasm.python)) as Uint8Array);
    const p = new Parser();
    p.setLanguage(language);
    // The first big parse of a process costs ~5× the next ones (see warmup.ts): pay it here.
    if (warm) warmUp(p, memory);
    parser = p;
  })().catch((e: unknown) => {
    ready = undefined;
    throw e instanceof Error ? new Error(`Activation Lens could not load the Python parser: ${e.message}`) : e;
  });
  return ready;
}

/**
 * emscripten's hook for instantiating the runtime from a module compiled elsewhere. It has no way
 * to report a failure (the promise Parser.init waits on would never settle): a module that does not
 * instantiate is tried again from its bytes, and should that fail too, `failed` rejects in its place.
 */
let failed: ((e: unknown) => void) | undefined;
function instantiating(module: WebAssembly.Module, bytes: Uint8Array) {
  return (imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void): object => {
    WebAssembly.instantiate(module, imports).then(
      (instance) => receive(instance, module),
      () => WebAssembly.instantiate(bytes as BufferSource, imports).then((r) => receive(r.instance, r.module), (e: unknown) => failed?.(e)),
    );
    return {};
  };
}

async function initRuntime(options: object, memory: WebAssembly.Memory | undefined): Promise<void> {
  const gaveUp = new Promise<never>((_, reject) => { failed = reject; });
  gaveUp.catch(() => undefined);
  try {
    await Promise.race([Parser.init((memory ? { ...options, wasmMemory: memory } : options) as object), gaveUp]);
  } finally {
    failed = undefined;
  }
}

export function isPythonReady(): boolean {
  return parser !== undefined;
}

/**
 * Sources longer than this are read up to the last line break before it: about 25,000 lines
 * of ordinary Python, far beyond hand-written modules, and a parse that stays well under a second.
 */
export const MAX_PARSE_CHARS = 1_000_000;
/** Wall-clock budget for one parse; beyond it the parse is abandoned rather than freezing the host. */
export const PARSE_BUDGET_MS = 10_000;

export interface Parsed {
  tree: Tree | null;
  /** The text the tree covers (a prefix of the source when it was too long). */
  text: string;
  truncated: boolean;
}

const BINARY_PREFIX = 8192;
/** What looksBinary counts: C0 controls but tab, line feed, form feed and carriage return; U+FFFD (undecodable bytes). */
const SUSPECT = /[\x00-\x08\x0b\x0e-\x1f\ufffd]/;

/**
 * Binary data is not Python: NUL characters or a high share of control characters in its first
 * 8 KB (what editors and git use to call a file binary). Error recovery over such text is the
 * slowest thing tree-sitter can be asked to do, and nothing useful would come of it.
 */
export function looksBinary(source: string): boolean {
  // Python files hold none of the characters counted: one search says so (the loop, ~8 KB of
  // charCodeAt per file, ran 2–3 times per file of a `check`); only a file holding one is counted.
  if (!SUSPECT.test(source.length > BINARY_PREFIX ? source.slice(0, BINARY_PREFIX) : source)) return false;
  const n = Math.min(source.length, BINARY_PREFIX);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = source.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
  }
  return n > 0 && control / n > 0.1;
}

/** Cuts an over-long source at a line break so the parsed prefix stays well-formed; binary text yields nothing. */
export function parsableText(source: string): { text: string; truncated: boolean; binary: boolean } {
  // The analysis, AL601 and the autograd follower each ask of the same text in turn.
  if (lastParsable && lastParsable.source === source) return lastParsable.result;
  const result = parsableTextOf(source);
  lastParsable = { source, result };
  return result;
}
let lastParsable: { source: string; result: Readonly<{ text: string; truncated: boolean; binary: boolean }> } | undefined;
registerFileMemo(() => { lastParsable = undefined; });

function parsableTextOf(source: string): { text: string; truncated: boolean; binary: boolean } {
  if (looksBinary(source)) return { text: '', truncated: true, binary: true };
  if (source.length <= MAX_PARSE_CHARS) return { text: source, truncated: false, binary: false };
  const cut = source.lastIndexOf('\n', MAX_PARSE_CHARS);
  return { text: source.slice(0, cut > 0 ? cut + 1 : MAX_PARSE_CHARS), truncated: true, binary: false };
}

/** Parses run so far (whole, incremental or a range): tests count them (one per version where the trees are shared). */
let parsesRun = 0;
export const parserCalls = (): number => parsesRun;

export function parse(text: string, oldTree?: Tree | null): Tree | null {
  if (!parser) throw new Error('Activation Lens: initPython() must finish before Python can be analysed.');
  parsesRun++;
  const deadline = Date.now() + PARSE_BUDGET_MS;
  let tree: Tree | null = null;
  try {
    tree = parser.parse(text, oldTree ?? null, { progressCallback: () => Date.now() > deadline ? true as unknown as void : undefined });
  } finally {
    // A cancelled parse would otherwise resume (with stale state) on the next call.
    if (!tree) parser.reset();
  }
  return tree;
}

/**
 * Parses only [start, end) of `text` (a run of whole top-level statements, starting at row
 * `row`, column 0): the tree's nodes carry the text's own offsets and positions.
 */
export function parseRange(text: string, start: number, end: number, row: number, endPosition: { row: number; column: number }): Tree | null {
  if (!parser) throw new Error('Activation Lens: initPython() must finish before Python can be analysed.');
  parsesRun++;
  const deadline = Date.now() + PARSE_BUDGET_MS;
  let tree: Tree | null = null;
  try {
    tree = parser.parse(text, null, {
      includedRanges: [{ startIndex: start, endIndex: end, startPosition: { row, column: 0 }, endPosition }],
      progressCallback: () => Date.now() > deadline ? true as unknown as void : undefined,
    });
  } finally {
    if (!tree) parser.reset();
  }
  return tree;
}
