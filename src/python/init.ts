// Loading Python reading, once per process: the parser (wasm), warmed on a sample file (see
// warmup.ts), then the reading code itself run on that sample. The first real file then finds
// the analysis already compiled by the JS engine, with its type feedback in place, and more of
// the parser's hot functions queued for optimisation: measured on the 10,000-line bench file,
// its first hover is ~10 ms quicker (parse and look-up), for ~20 ms more at load, which happens
// once per window, off activate().
import { loadParser, type PythonWasm } from './parser';
import { analyzePython } from './analysis';
import { SAMPLE } from './warmup';

const READINGS = 2;
let ready: Promise<void> | undefined;

/** Idempotent: later calls wait for the first one. Only a failure to load the parser rejects. */
export function initPython(wasm: PythonWasm): Promise<void> {
  ready ??= loadParser(wasm).then(
    () => {
      // Nothing here is semantic: the sample's results are dropped, and a failure is ignored.
      for (let i = 0; i < READINGS; i++) {
        try { analyzePython(SAMPLE); } catch { /* the real files will tell */ }
      }
    },
    (e: unknown) => {
      ready = undefined;
      throw e;
    },
  );
  return ready;
}
