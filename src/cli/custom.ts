// `activation-lens custom FILE...`: the activations each file defines for itself, one JSON object
// per line — where, what kind, whether the engine could evaluate it (or why not), its literal
// parameters, and the catalog activation it equals (with fitted parameters) or comes close to.
import { initPython } from '../python';
import { reportDefinition } from '../custom';
import { loadCustomFile } from './customFiles';
import { CliError, parserWasm } from './wasm';

export const CUSTOM_USAGE = `Usage: activation-lens custom FILE...

Prints one JSON object per line for each activation a Python file (.py) or Jupyter
notebook (.ipynb) defines itself (a function of one tensor, a lambda, an nn.Module
whose forward(self, x) returns an elementwise expression of x):
  {"file", "line", "column", "name", "kind", "evaluable", "reason", "params",
   "learned", "equivalent", "close"}
line and column (1-based) point at the definition's name; notebooks add "cell"
(1-based among all cells). kind is "function", "module" or "lambda". reason says why
a definition is not evaluable ("not evaluable: a for loop at line 7"), else null.
params are the literal defaults of its further parameters (a module's __init__'s);
learned names the nn.Parameters among them. equivalent is {"id", "params"}: the
built-in it equals within 1e-6 relative on [-10, 10] with fitted parameters, else
null; close is {"id", "params", "maxDiff"} when it is only near one on [-6, 6].
The user's code is never run: an interpreter evaluates it on Activation Lens's engine.

Exit status: 0 on success, 1 if a file could not be read, 2 on bad usage.
`;

const round = (v: number): number => Number(v.toPrecision(6));

export async function custom(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) { out(CUSTOM_USAGE); return 0; }
  const unknown = argv.find((f) => f.startsWith('-') && f !== '-');
  if (unknown) { err(`activation-lens: unknown option '${unknown}'\n\n${CUSTOM_USAGE}`); return 2; }
  if (argv.length === 0) { err(`activation-lens: custom needs at least one FILE\n\n${CUSTOM_USAGE}`); return 2; }
  await initPython(parserWasm());
  let status = 0;
  for (const path of argv) {
    try {
      const { file, cellNumbers } = loadCustomFile(path);
      for (const def of file.definitions) {
        const r = reportDefinition(file, def);
        const m = r.match;
        out(JSON.stringify({
          file: path,
          ...(def.cell !== undefined && cellNumbers ? { cell: cellNumbers[def.cell] } : {}),
          line: def.nameRange.line + 1,
          column: def.nameRange.column + 1,
          name: def.name,
          kind: def.kind,
          evaluable: r.evaluable,
          reason: r.reason,
          params: r.params,
          learned: r.learned,
          equivalent: m?.equivalent ? { id: m.equivalent.id, params: m.equivalent.params } : null,
          close: m?.close ? { id: m.close.id, params: m.close.params, maxDiff: round(m.close.maxDiff) } : null,
        }) + '\n');
      }
    } catch (e) {
      err(`activation-lens: ${e instanceof CliError ? e.message : `${path}: ${(e as Error).message}`}\n`);
      status = 1;
    }
  }
  return status;
}
