// A long-lived child process that answers one JSON line per JSON request: PyTorch
// (bench/pytorch_bench.py --serve) and TensorFlow.js (tfjs-child.ts) each run in their own, so
// each library's runtime state stays out of the others' measurements. Lines that are not JSON
// objects (a library's banner on stdout) are skipped.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface LineChild {
  /** The child's first JSON line (its greeting). */
  hello: Record<string, unknown>;
  /** Sends one request; resolves to the answer, or null if the child died or timed out. */
  ask(request: unknown): Promise<Record<string, unknown> | null>;
  /** The child has exited. */
  exited(): boolean;
  /** What it wrote to stderr so far. */
  stderr(): string;
  close(): void;
}

/** Starts the child and waits for its greeting; a string says why it could not start. */
export async function startLineChild(cmd: string, args: string[], timeoutMs: number, why: (stderr: string) => string): Promise<LineChild | string> {
  let child: ChildProcessWithoutNullStreams;
  try {
    child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: Record<string, unknown> | null) => void)[] = [];
  lines.on('line', (l) => {
    if (!l.startsWith('{')) return;
    let v: Record<string, unknown>;
    try {
      v = JSON.parse(l);
    } catch {
      return;
    }
    waiting.shift()?.(v);
  });
  const flush = (): void => {
    while (waiting.length) waiting.shift()?.(null);
  };
  child.on('close', flush);
  child.on('error', flush);
  const next = (): Promise<Record<string, unknown> | null> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), timeoutMs);
      waiting.push((l) => {
        clearTimeout(timer);
        resolve(l);
      });
    });
  const hello = await next();
  if (hello === null || typeof hello.error === 'string') {
    child.kill();
    return typeof hello?.error === 'string' ? hello.error : why(stderr);
  }
  return {
    hello,
    ask: (request) => {
      if (child.exitCode !== null) return Promise.resolve(null);
      child.stdin.write(JSON.stringify(request) + '\n');
      return next();
    },
    exited: () => child.exitCode !== null,
    stderr: () => stderr,
    close: () => {
      child.stdin.end();
      child.kill();
    },
  };
}
