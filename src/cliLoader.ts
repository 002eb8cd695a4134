// `dist/cli.js`: runs the CLI's bundle (`cli-main.js` beside it) with V8's code cache, as
// v8-compile-cache does (Node 20 has no module.enableCompileCache). A `check` spends tens of
// milliseconds of each thread compiling the bundle's functions; with the cache V8 reads them.
// The cache is a file per bundle size and Node version in the user's cache folder, holding the
// bundle's own bytes before V8's data: it is used only when those bytes equal the bundle's (V8
// itself checks the source's length only). When it cannot be read, is stale or is refused by V8,
// the bundle is compiled as usual and the cache written again; when the folder cannot be written
// nothing is kept. Nothing here changes what the CLI does or prints. No hash: node:crypto alone
// loads Node's streams (~2–3 ms of a `check`), and comparing the bytes is exact and cheaper.
import { mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { inCheckThread } from './cli/checkThreadArg';
import { withMallocTunables } from './cli/mallocTunables';
import { PARSER_WASM, PARSER_WASM_EARLY } from './cli/wasmEarly';
// The CommonJS loader's own class: this file's module is one of its instances (require('node:module')
// would load the ES module loader besides, for nothing here).
const Module = module.constructor as unknown as {
  new (id: string, parent?: unknown): NodeJS.Module;
  wrap(src: string): string;
  _nodeModulePaths(dir: string): string[];
  _resolveFilename(request: string, parent: unknown, isMain?: boolean, options?: unknown): string;
  _cache: Record<string, NodeJS.Module>;
};

/** Where the entry can be started again (a check thread starts here, so it reads the cache too). */
export const CLI_ENTRY = Symbol.for('activation-lens.cli-entry');

function cacheFolder(): string | null {
  try {
    const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
    return join(base, 'activation-lens');
  } catch {
    return null;
  }
}

/** The cache's name: one per bundle size, Node version and architecture (a name, not a proof: see cachedFor). */
function cacheName(bundleBytes: number): string {
  return `cli-${bundleBytes}-${process.version}-${process.arch}.v8`.replace(/[^A-Za-z0-9.-]/g, '_');
}
/** Cache files of this loader (any bundle, any Node), and of the earlier one named by a sha1. */
const CACHE_FILE = /^cli-(\d+-v[0-9A-Za-z._-]+|[0-9a-f]{20})\.v8$/;
const LEGACY_CACHE_FILE = /^cli-[0-9a-f]{20}\.v8$/;

/** A cache file: the bundle's length (4 bytes, little-endian), its bytes, then V8's data. */
function cacheFileOf(bundle: Buffer, v8: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32LE(bundle.length, 0);
  return Buffer.concat([head, bundle, v8]);
}

/** V8's data in `file` when it was made from exactly `bundle`'s bytes, else undefined. */
function cachedFor(file: Buffer, bundle: Buffer): Buffer | undefined {
  if (file.length <= 4 + bundle.length || file.readUInt32LE(0) !== bundle.length) return undefined;
  return bundle.equals(file.subarray(4, 4 + bundle.length)) ? file.subarray(4 + bundle.length) : undefined;
}

/**
 * The parser's two WebAssembly modules, read and handed to V8 to compile before the bundle is read:
 * V8 compiles them on its platform thread while this one deserializes the bundle's code (~25 ms),
 * and the CLI takes them from here (cli/wasm.ts) instead of reading and compiling them itself. Only
 * where the files sit beside this one (the package, `npm run build`); else the CLI finds them.
 */
function compileParserEarly(): void {
  if (process.argv[2] === 'lab' || process.argv.includes('-h') || process.argv.includes('--help')) return;
  const early: Record<string, { bytes: Uint8Array; module: Promise<WebAssembly.Module | undefined> }> = {};
  try {
    for (const name of PARSER_WASM) {
      const bytes = readFileSync(join(__dirname, 'wasm', name));
      early[name] = { bytes, module: WebAssembly.compile(bytes).catch(() => undefined) };
    }
  } catch {
    return;
  }
  (globalThis as Record<symbol, unknown>)[PARSER_WASM_EARLY] = early;
}

function run(): void {
  // loaded here, not at the top: the bin that only starts the second Node needs neither
  const { Script } = require('node:vm') as typeof import('node:vm');
  const isMainThread = !inCheckThread();
  if (isMainThread) compileParserEarly();
  const file = join(__dirname, 'cli-main.js');
  const bytes = readFileSync(file);
  const source = bytes.toString('utf8').replace(/^#!.*/, '');
  const folder = cacheFolder();
  const cacheFile = folder ? join(folder, cacheName(bytes.length)) : null;
  let cached: Buffer | undefined;
  try { if (cacheFile) cached = cachedFor(readFileSync(cacheFile), bytes); } catch { /* none yet */ }
  const script = new Script(Module.wrap(source), { filename: file, cachedData: cached });
  const m = new Module(file, null);
  m.filename = file;
  m.paths = Module._nodeModulePaths(dirname(file));
  Module._cache[file] = m;
  const req = ((id: string) => m.require(id)) as NodeJS.Require;
  req.main = isMainThread ? m : undefined;
  req.resolve = ((request: string, options?: unknown) => Module._resolveFilename(request, m, false, options)) as NodeJS.RequireResolve;
  req.cache = Module._cache;
  (globalThis as Record<symbol, unknown>)[CLI_ENTRY] = __filename;
  // Written once the run compiled what it needed (lazily compiled functions are in it then); by
  // the main thread only, through a temporary file, so threads and concurrent runs never see half a file.
  if (isMainThread && cacheFile && (!cached || script.cachedDataRejected)) {
    process.once('exit', () => {
      try {
        mkdirSync(dirname(cacheFile), { recursive: true });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, cacheFileOf(bytes, script.createCachedData()));
        renameSync(tmp, cacheFile);
        // one bundle's cache per Node is kept: an update or a rebuild leaves no files behind, and
        // runs on another Node (nvm, a CI matrix sharing ~/.cache) keep theirs
        const own = basename(cacheFile);
        const sameNode = own.slice(own.indexOf('-', 4));
        for (const f of readdirSync(dirname(cacheFile))) {
          if (f !== own && CACHE_FILE.test(f) && (LEGACY_CACHE_FILE.test(f) || f.endsWith(sameNode))) unlinkSync(join(dirname(cacheFile), f));
        }
      } catch { /* an unwritable cache folder: the next run compiles again */ }
    });
  }
  (script.runInThisContext() as (...a: unknown[]) => void).call(m.exports, m.exports, req, m, file, dirname(file));
}

/**
 * The second Node's flags. Beyond the pool size and the GC on the main thread: TurboFan inlines
 * at most 200 bytes of bytecode into a function instead of 920, so the one platform thread
 * compiles less (its CPU on the bench tree 340–370 → 280–295 ms on Node 20, 250–280 → 205–240 on
 * Node 22/24) for main-thread code as fast (main-thread CPU the same within noise on 120 files,
 * 1.82 → 1.75 s on 600 in one thread): on a runner whose cores are busy with other work too, the
 * compiles took their share from the check (bin on the bench tree at load 5–6: 1.37 → 1.18 s).
 */
function smallPoolFlags(given: readonly string[]): string[] {
  const flags = ['--v8-pool-size=1', '--single-threaded-gc'];
  // A young generation of at most 4 MB a half instead of 16: V8 grows it to 16 as a check allocates
  // and every page of the larger one is a fresh page the kernel faults in and zeroes, while what a
  // scavenge copies is about one file's working set (~1.5–3 MB) whatever the size. Bench tree,
  // 20 alternating runs each: wall 0.813 → 0.755 s (Node 20), 0.827 → 0.769 (22), 0.769 → 0.711
  // (24); peak RSS 114 → 102 MB on Node 20. Larger ones (32–64 MB) were slower still (0.85–0.93 s).
  // Not where the user chose a size (NODE_OPTIONS or the command line).
  if (!given.some((a) => a.startsWith('--max-semi-space-size') || a.startsWith('--max_semi_space_size'))) flags.push('--max-semi-space-size=4');
  // An unknown V8 flag stops Node before it runs anything ("bad option"): the inlining budget
  // only where it was measured, V8 11.3 (Node 20) to 13.6 (Node 24).
  const v8 = /^(\d+)\./.exec(process.versions.v8);
  const major = v8 ? Number(v8[1]) : 0;
  if (major >= 11 && major <= 13) flags.push('--max-inlined-bytecode-size-cumulative=200');
  // Sparkplug's baseline code compiled on the platform thread, as V8 13 (Node 24) does by default:
  // on Node 20 (V8 11) the main thread's CPU on the bench tree 439–470 → 434–459 ms (medians of
  // 12–16 rounds, three runs); on Node 22 (V8 12) 481 → 476, within the noise, so not there
  if (major === 11) flags.push('--concurrent-sparkplug');
  // One atomic mark-compact instead of incremental marking: a check is a batch job whose old
  // generation is ~10–20 MB, where a full collection pauses ~10 ms, while incremental marking spreads
  // its steps and write barriers over 100–200 ms of the run and, depending on when it starts, lets
  // the old generation grow first (on Node 24 a change elsewhere moved its start and cost the
  // bench tree ~50 ms: GC in a CPU profile 46 → 83 ms, one mark-compact at 22 MB after 190 steps).
  // Bench tree, 11–13 alternating runs: Node 24 597 → 562 ms, Node 22 582 → 565, Node 20 564 → 561.
  flags.push('--no-incremental-marking');
  return flags;
}

/**
 * The second Node's environment: the user's, without NODE_EXTRA_CA_CERTS. Node 20 reads and parses
 * the certificates it names before running any JavaScript (~35 ms for a system bundle of ~140, as
 * on machines behind a TLS-inspecting proxy), and `check` opens no connection. On Linux, malloc's
 * settings for a check (cli/mallocTunables.ts).
 */
function checkEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  if (process.platform === 'linux') env.GLIBC_TUNABLES = withMallocTunables(env.GLIBC_TUNABLES);
  return env;
}

/**
 * `check` on a machine of one or two cores runs in a second Node started with one V8 platform
 * thread (`--v8-pool-size=1`). V8 starts four by default (TurboFan's concurrent compiles, the
 * parser's wasm tier-up, GC helpers); on two cores they take turns with the main thread, which
 * spends ~100 ms of a ~540 ms check of 120 files waiting for a core (its run-queue wait in
 * /proc/…/schedstat). The pool size is fixed when Node starts, hence the second process (~20 ms);
 * its GC also stays on the main thread (with one platform thread, parallel GC only waits on it:
 * Node 22 0.48–0.49 → 0.44–0.45 s on the bench tree, Node 24 −10 ms, Node 20 the same);
 * the check itself, its output and exit status are the same, and a signal sent to this process
 * (a CI job's timeout, Ctrl-C) goes on to it. Where Node can, the new Node replaces this process
 * instead (process.execve). Where Node was started with a pool size of the user's own (argv or
 * NODE_OPTIONS), or the second Node cannot start, it runs here.
 */
function smallPoolCheck(): boolean {
  if (process.argv[2] !== 'check') return false;
  const os = require('node:os') as typeof import('node:os');
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  if (cores > 2) return false;
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (given.some((a) => a.startsWith('--v8-pool-size'))) return false;
  // Where Node can replace its own process (process.execve: Node 22.15+ and 23.11+, not on
  // Windows), the check's Node takes this one's place: no fork, no parent waiting on the child
  // and ending after it, signals reach the check itself. Bench tree, 13 alternating runs: Node
  // 22.15 662 → 648 ms, Node 24 667 → 636 ms. The API is experimental: its warning, printed on the
  // next tick, is never seen when the call succeeds, and is kept quiet when it fails (the spawn
  // below then runs the check as before).
  const execve = (process as { execve?: (file: string, args: string[], env: NodeJS.ProcessEnv) => void }).execve;
  if (typeof execve === 'function') {
    const emitWarning = process.emitWarning;
    process.emitWarning = () => undefined;
    try {
      execve(process.execPath, [process.execPath, ...process.execArgv, ...smallPoolFlags(given), __filename, ...process.argv.slice(2)], checkEnv());
    } catch { /* not replaced: a second Node below */ } finally {
      process.emitWarning = emitWarning;
    }
  }
  const { spawn } = require('node:child_process') as typeof import('node:child_process');
  // The handlers come first: a signal arriving once the second Node exists but before they were
  // set would end this process by its default action and leave the check running on its own
  // (seen on a loaded machine). Before they run, the spawn below has returned.
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (sig: NodeJS.Signals) => { child.kill(sig); };
  for (const sig of signals) process.on(sig, forward);
  let child: ReturnType<typeof spawn>;
  try {
    child = spawn(process.execPath, [...process.execArgv, ...smallPoolFlags(given), __filename, ...process.argv.slice(2)], { stdio: 'inherit', env: checkEnv() });
  } catch {
    for (const sig of signals) process.off(sig, forward);
    return false;
  }
  child.once('error', () => {
    for (const sig of signals) process.off(sig, forward);
    run();
  });
  child.once('exit', (code, signal) => {
    for (const sig of signals) process.off(sig, forward);
    if (signal) process.kill(process.pid, signal);
    // at once: this process wrote nothing, and its own ending would first wait on V8's threads
    else process.exit(code ?? 1);
  });
  return true;
}

if (!smallPoolCheck()) run();
