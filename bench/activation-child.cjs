// One fresh process timing the extension's activation (see bench/activation.ts): require the
// built bundle with a stand-in `vscode` API in which every call succeeds, then activate().
'use strict';
const Module = require('node:module');
const { resolve } = require('node:path');

/** Anything, callable and constructible, whose members are more of the same; disposables dispose. */
function stand(path) {
  const target = function () { /* callable */ };
  return new Proxy(target, {
    get(_t, key) {
      if (key === 'dispose') return () => undefined;
      if (key === Symbol.toPrimitive) return () => 0;
      if (key === 'then' || typeof key === 'symbol') return undefined; // not a promise
      return stand(`${path}.${String(key)}`);
    },
    apply(_t, _this, args) {
      // workspace.getConfiguration(…).get(key, default) answers the default.
      if (path.endsWith('.get')) return args.length >= 2 ? args[1] : undefined;
      return stand(`${path}()`);
    },
    construct() {
      return stand(`new ${path}`);
    },
  });
}

async function main() {
  // The bundle copies the namespace's own keys (esbuild's module interop): list the ones it uses.
  // Every name the bundle reads off the namespace (`vscode12.DiagnosticSeverity`, read at load time
  // by src/vscode/diagnostics.ts), found in the bundle itself so that a new one cannot break the bench.
  const vscode = {};
  const bundle = require('node:fs').readFileSync(resolve('dist/extension.js'), 'utf8');
  for (const m of bundle.matchAll(/\bvscode\d*\.([A-Za-z_]\w*)/g)) vscode[m[1]] ??= stand(m[1]);
  vscode.l10n = { t: (s) => s };
  const original = Module._load;
  Module._load = function (request, ...rest) {
    return request === 'vscode' ? vscode : original.call(this, request, ...rest);
  };
  const context = {
    subscriptions: [],
    extensionUri: stand('extensionUri'),
    extensionPath: resolve('.'),
    globalState: { get: () => undefined, update: async () => undefined, keys: () => [] },
    workspaceState: { get: () => undefined, update: async () => undefined, keys: () => [] },
    extension: { packageJSON: {} },
    asAbsolutePath: (p) => resolve(p),
  };
  const t0 = performance.now();
  const ext = require(resolve('dist/extension.js'));
  const t1 = performance.now();
  await ext.activate(context);
  const t2 = performance.now();
  console.log(JSON.stringify({ load: t1 - t0, activate: t2 - t1, subscriptions: context.subscriptions.length }));
  // activate() schedules idle work (timers) the measurement does not wait for.
  process.exit(0);
}

main().catch((e) => { console.error(e); process.exit(1); });
