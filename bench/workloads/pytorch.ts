// PyTorch as a long-lived subprocess (bench/pytorch_bench.py --serve): each row asks for its
// PyTorch time right after timing the JavaScript implementations, so all of a row's numbers
// come from the same minute of this shared machine's load.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startLineChild } from './child';

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
  const why = (stderr: string): string => {
    const last = stderr.trim().split('\n').pop() ?? '';
    return last.includes('No module named') ? 'torch not importable' : last.slice(0, 100) || 'python exited';
  };
  const child = await startLineChild(PY, [script, '--serve', ...(quick ? ['--quick'] : [])], timeoutMs, why);
  if (typeof child === 'string') return child;
  const ask = async (key: string, field: 'ms' | 'value'): Promise<number | string> => {
    if (child.exited()) return why(child.stderr());
    const a = await child.ask({ key });
    if (a === null) return 'no answer';
    return typeof a[field] === 'number' ? (a[field] as number) : String(a.error ?? 'n/a');
  };
  return {
    version: String(child.hello.torch),
    time: (key) => ask(key, 'ms'),
    value: (key) => ask(key, 'value'),
    close: () => child.close(),
  };
}
