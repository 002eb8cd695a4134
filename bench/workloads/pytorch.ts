// PyTorch as a long-lived subprocess (bench/pytorch_bench.py --serve): each row asks for its
// PyTorch time right after timing the JavaScript implementations, so all of a row's numbers
// come from the same minute of this shared machine's load.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const PY = '/usr/bin/python3';

export interface PyTorch {
  version: string;
  /** ms per run of a row, or the reason there is none. */
  time(key: string): Promise<number | string>;
  value(key: string): Promise<number | string>;
  close(): void;
}

export async function startPytorch(quick: boolean, timeoutMs = 120_000): Promise<PyTorch | string> {
  if (!existsSync(PY)) return `${PY} not found`;
  const script = join(process.cwd(), 'bench', 'pytorch_bench.py');
  let child: ChildProcessWithoutNullStreams;
  try {
    child = spawn(PY, [script, '--serve', ...(quick ? ['--quick'] : [])], { stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string | null) => void)[] = [];
  lines.on('line', (l) => waiting.shift()?.(l));
  child.on('close', () => {
    while (waiting.length) waiting.shift()?.(null);
  });
  child.on('error', () => {
    while (waiting.length) waiting.shift()?.(null);
  });
  const next = (): Promise<string | null> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), timeoutMs);
      waiting.push((l) => {
        clearTimeout(timer);
        resolve(l);
      });
    });
  const why = (): string => {
    const last = stderr.trim().split('\n').pop() ?? '';
    return last.includes('No module named') ? 'torch not importable' : last.slice(0, 100) || 'python exited';
  };
  const hello = await next();
  if (hello === null) {
    child.kill();
    return why();
  }
  const version = String(JSON.parse(hello).torch);
  const ask = async (key: string, field: 'ms' | 'value'): Promise<number | string> => {
    if (child.exitCode !== null) return why();
    child.stdin.write(JSON.stringify({ key }) + '\n');
    const line = await next();
    if (line === null) return 'no answer';
    const a = JSON.parse(line);
    return typeof a[field] === 'number' ? a[field] : String(a.error ?? 'n/a');
  };
  return {
    version,
    time: (key) => ask(key, 'ms'),
    value: (key) => ask(key, 'value'),
    close: () => {
      child.stdin.end();
      child.kill();
    },
  };
}
