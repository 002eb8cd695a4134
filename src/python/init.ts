// Loading Python reading, once per process: the parser (wasm), warmed on a sample file (see
// warmup.ts), then the reading code itself run on that sample the ways a window runs it: a
// whole-file reading, and the hover's path (a file cut into runs, look-ups at spots, its loss
// names, an edit, then every use). The first real file then finds the analysis already compiled
// by the JS engine, with its type feedback in place, and more of the parser's hot functions
// queued for optimisation. This happens once per window, off activate(), and only where the caller
// asks for it: a one-shot process (the CLI) reads its real files sooner without it.
import { loadParser, type PythonWasm } from './parser';
import { analyzePython, useAt, lossNamesOf } from './analysis';
import { AnalysisCache } from './cache';
import { SAMPLE } from './warmup';

const READINGS = 2;
let ready: Promise<void> | undefined;

export interface InitOptions {
  /** Warm the parser and the reading code up on a sample (an editor's first hover waits less). */
  warmUp?: boolean;
}

/** Idempotent: later calls wait for the first one (whose options count). Only a failure to load the parser rejects. */
export function initPython(wasm: PythonWasm, options: InitOptions = {}): Promise<void> {
  ready ??= loadParser(wasm, !!options.warmUp).then(
    () => {
      if (!options.warmUp) return;
      // Nothing here is semantic: the sample's results are dropped, and a failure is ignored.
      for (let i = 0; i < READINGS; i++) {
        try { analyzePython(SAMPLE); } catch { /* the real files will tell */ }
      }
      try { hoverPath(); } catch { /* the real files will tell */ }
    },
    (e: unknown) => {
      ready = undefined;
      throw e;
    },
  );
  return ready;
}

/** The sample, several times over (about 25 KB: cut into a few runs), read as hovers read it. */
function hoverPath(): void {
  const copies = Array.from({ length: 8 }, () => SAMPLE);
  const cache = new AnalysisCache(1);
  try {
    for (let version = 1; version <= READINGS; version++) {
      if (version > 1) copies[copies.length >> 1] += 'x = 1\n';
      const text = copies.join('\n');
      const analysis = cache.get('activation-lens:warm-up', version, text);
      const lines = text.split('\n');
      for (let line = 0; line < lines.length; line += 5) useAt(analysis, line, lines[line]!.length >> 1);
      lossNamesOf(analysis);
      void analysis.uses;
    }
  } finally {
    cache.clear();
  }
}
