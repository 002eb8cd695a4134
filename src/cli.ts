// `node dist/cli.js scan FILE…`: the activation uses Activation Lens sees in Python files and
// notebooks, one JSON object per line. The same analysis the hover runs.
import { readFileSync } from 'node:fs';
import { initPython, analyzePython, analyzeNotebook, type ActivationUse } from './python';
import { CliError, parserWasm, notebookCells, readError } from './cli/wasm';
import { inCheckThread } from './cli/checkThreadArg';
import { output, type Output } from './cli/stdio';

const USAGE = `Usage: activation-lens scan FILE...

Prints one JSON object per line for each PyTorch activation used in the given Python
files (.py) or Jupyter notebooks (.ipynb):
  {"file", "line", "column", "id", "spelling", "params", "role", "loss"}
line and column are 1-based and point at the activation's name. For notebooks, "cell"
is the 1-based index of the cell in the notebook and "line" is the line within that cell.
"role" is "hidden", "output" or null; "loss" is the loss the model trains with, or null.

Options:
  -h, --help   show this help

Exit status: 0 on success, 1 if a file could not be read, 2 on bad usage.
`;

function record(file: string, u: ActivationUse, cell?: number): string {
  return JSON.stringify({
    file, ...(cell !== undefined ? { cell } : {}),
    line: u.range.line + 1, column: u.range.column + 1,
    id: u.id, spelling: u.spelling, params: u.params, role: u.role, loss: u.loss,
  });
}

function scanFile(file: string, write: (line: string) => void): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw readError(file, e);
  }
  if (file.toLowerCase().endsWith('.ipynb')) {
    const { cells } = notebookCells(file, text);
    const analyses = analyzeNotebook(cells.map((c) => c.source));
    analyses.forEach((a, i) => { for (const u of a.uses) write(record(file, u, cells[i]!.index + 1)); });
  } else {
    for (const u of analyzePython(text).uses) write(record(file, u));
  }
}

export async function main(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (argv[0] === 'lab') return (await import('./cli/lab')).labMain(argv.slice(1), out, err);
  if (argv[0] === 'check') return (await import('./cli/check')).check(argv.slice(1), out, err);
  if (argv[0] === 'custom') return (await import('./cli/custom')).custom(argv.slice(1), out, err);
  if (argv[0] === 'eval') return (await import('./cli/eval')).evalCommand(argv.slice(1), out, err);
  if (argv.includes('-h') || argv.includes('--help')) { out(USAGE); return 0; }
  const [command, ...files] = argv;
  if (command !== 'scan') {
    err(command ? `activation-lens: unknown command '${command}'\n\n${USAGE}` : USAGE);
    return 2;
  }
  const unknown = files.find((f) => f.startsWith('-') && f !== '-');
  if (unknown) { err(`activation-lens: unknown option '${unknown}'\n\n${USAGE}`); return 2; }
  if (files.length === 0) { err(`activation-lens: scan needs at least one FILE\n\n${USAGE}`); return 2; }
  try {
    await initPython(parserWasm());
  } catch (e) {
    err(`activation-lens: ${(e as Error).message}\n`);
    return 1;
  }
  let status = 0;
  for (const file of files) {
    try {
      scanFile(file, (line) => out(line + '\n'));
    } catch (e) {
      err(`activation-lens: ${e instanceof CliError ? e.message : `${file}: ${(e as Error).message}`}\n`);
      status = 1;
    }
  }
  return status;
}

const checkThreadData = inCheckThread() ? ((require('node:worker_threads') as typeof import('node:worker_threads')).workerData as { activationLensCheck?: { argv: string[]; files: string[]; all?: string[] } } | null)?.activationLensCheck : undefined;

if (checkThreadData) {
  // Started by `check` to take a share of the files (src/cli/check.ts).
  void import('./cli/check').then((m) => m.checkThread(checkThreadData));
} else if (require.main === module) {
  // `scan … | head`: the reader went away; stop quietly as Unix tools do.
  const stdout = output(1, () => process.stdout, () => process.exit(process.exitCode ?? 0));
  const stderr = output(2, () => process.stderr, () => undefined);
  main(process.argv.slice(2), (s) => stdout.write(s), (s) => stderr.write(s)).then(
    (code) => { exitWhenWritten(code, [stdout, stderr]); },
    (e: unknown) => { stderr.write(`activation-lens: ${(e as Error).message}\n`); exitWhenWritten(1, [stdout, stderr]); },
  );
}

/**
 * Ends the process once everything written to stdout and stderr is out. A command's work is done
 * when main settles; left to end by itself, Node would first wait for every task queued on V8's
 * background threads (TurboFan and wasm tier-up compiles nobody will use: ~50 ms for a one-file
 * `check`, 20–40 ms for a tree), then free the heap piece by piece. `process.exit` runs the
 * 'exit' listeners (the code cache is written there) and skips both.
 */
function exitWhenWritten(code: number, outputs: readonly Output[]): void {
  process.exitCode = code;
  let waiting = 0;
  const done = () => { if (--waiting <= 0) process.exit(code); };
  for (const o of outputs) {
    // only Node's stream can hold text back (a pipe on Windows, a non-blocking descriptor)
    const stream = o.stream();
    if (stream && stream.writableLength > 0) { waiting++; stream.write('', done); }
  }
  if (waiting === 0) process.exit(code);
}
