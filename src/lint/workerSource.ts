// The findings worker runs the extension's own bundle (dist/extension.js on desktop,
// dist/web/extension.js in the browser host) rather than a second bundle of the same analysis.
// A worker has no `vscode` module: the bundle's `require("vscode")` gets a stand-in on which any
// property read, call or construction yields another stand-in, so the module-level code of the
// editor-facing files runs without effect; only runLintWorker (src/lint/worker.ts), which never
// touches `vscode`, is then called. Other requires go to Node's (desktop) where there is one.

/** Wraps the text of a CommonJS bundle so that, evaluated as a worker's script, it starts the findings worker. */
export function workerScript(bundle: string): string {
  const { prefix, suffix } = workerWrapper();
  return prefix + bundle + suffix;
}

/** The code put before and after the bundle's text (kept apart for a Blob of the bundle's bytes). */
export function workerWrapper(): { prefix: string; suffix: string } {
  const prefix = `(function () {
  'use strict';
  function standIn() {
    var kids = new Map();
    return new Proxy(function () {}, {
      get: function (t, k) {
        if (k === Symbol.toPrimitive) return function () { return ''; };
        if (typeof k === 'symbol' || k === 'then' || k === '__esModule') return undefined;
        if (k === 'prototype') return {};
        var v = kids.get(k);
        if (!v) { v = standIn(); kids.set(k, v); }
        return v;
      },
      apply: function () { return standIn(); },
      construct: function () { return standIn(); },
    });
  }
  var vscode = Object.create(standIn());
  var nodeRequire = typeof require === 'function' ? require : function (id) {
    var p = globalThis.process;
    if (p && p.getBuiltinModule) return p.getBuiltinModule(id);
    throw new Error('Activation Lens findings worker: cannot load ' + id);
  };
  var module = { exports: {} };
  (function (module, exports, require) {
`;
  const suffix = `
  })(module, module.exports, function (id) { return id === 'vscode' ? vscode : nodeRequire(id); });
  module.exports.runLintWorker();
})();
`;
  return { prefix, suffix };
}
