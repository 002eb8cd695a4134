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
import { Script } from 'node:vm';
import { isMainThread } from 'node:worker_threads';
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

function run(): void {
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
 * `check` on a machine of one or two cores, on Linux: V8's platform threads, started with the
 * process (four by default: TurboFan's concurrent compiles, the parser's wasm tier-up, GC helpers),
 * run at the lowest priority (nice 19; on Linux a thread's nice value is its own). On two cores they
 * took turns with the main thread, which spent ~100 ms of a ~540 ms check of 120 files waiting for a
 * core (its run-queue wait in /proc/…/schedstat); now the main thread takes a core whenever it can
 * run and they use what it leaves. Their count, and a pool size of the user's own, are unchanged;
 * nothing the check does or prints depends on it. Session 13 had the check run in a second Node with
 * one platform thread (`--v8-pool-size=1 --single-threaded-gc`, fixed when Node starts); this gets
 * as much without its start and exit: bench tree, alternating, Node 20 −7 ms, Node 22 −27 to −33 ms,
 * Node 24 −17 to −34 ms. Elsewhere (and where setpriority is refused) the check runs as on more cores.
 */
function yieldV8Threads(): void {
  if (process.platform !== 'linux' || !isMainThread || process.argv[2] !== 'check') return;
  const os = require('node:os') as typeof import('node:os');
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  if (cores > 2) return;
  let tasks: string[];
  try { tasks = readdirSync('/proc/self/task'); } catch { return; }
  for (const t of tasks) {
    const tid = Number(t);
    if (!Number.isInteger(tid) || tid === process.pid) continue;
    try { os.setPriority(tid, 19); } catch { /* gone, or not allowed */ }
  }
}

yieldV8Threads();
run();
