// `dist/cli.js`: runs the CLI's bundle (`cli-main.js` beside it) with V8's code cache, as
// v8-compile-cache does (Node 20 has no module.enableCompileCache). A `check` spends tens of
// milliseconds of each thread compiling the bundle's functions; with the cache V8 reads them.
// The cache is a file per bundle text and Node version in the user's cache folder; when it cannot
// be read, is stale or is refused by V8, the bundle is compiled as usual, and when the folder
// cannot be written nothing is kept. Nothing here changes what the CLI does or prints.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { isMainThread } from 'node:worker_threads';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Module = require('node:module') as {
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

function run(): void {
  const file = join(__dirname, 'cli-main.js');
  const source = readFileSync(file, 'utf8').replace(/^#!.*/, '');
  const folder = cacheFolder();
  const key = createHash('sha1').update(source).update(`${process.version} ${process.arch}`).digest('hex').slice(0, 20);
  const cacheFile = folder ? join(folder, `cli-${key}.v8`) : null;
  let cached: Buffer | undefined;
  try { if (cacheFile) cached = readFileSync(cacheFile); } catch { /* none yet */ }
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
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
        // one bundle's cache is kept: an update or a rebuild leaves no files behind
        for (const f of readdirSync(dirname(cacheFile))) if (/^cli-[0-9a-f]{20}\.v8$/.test(f) && join(dirname(cacheFile), f) !== cacheFile) unlinkSync(join(dirname(cacheFile), f));
      } catch { /* an unwritable cache folder: the next run compiles again */ }
    });
  }
  (script.runInThisContext() as (...a: unknown[]) => void).call(m.exports, m.exports, req, m, file, dirname(file));
}

run();
