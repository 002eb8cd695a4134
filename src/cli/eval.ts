// `activation-lens eval FILE NAME [--from A] [--to B] [--points N] [--dtype D] [--param k=v]`:
// f on torch.linspace(A, B, N) and df/dx by the engine's autograd of f(x).sum(), as one JSON object.
import { initPython } from '../python';
import { evaluateDefinition, type LiteralParam } from '../custom';
import { DEFAULT_BUDGET } from '../interp';
import { loadCustomFile } from './customFiles';
import { CliError, parserWasm } from './wasm';

export const EVAL_USAGE = `Usage: activation-lens eval FILE NAME [--from A] [--to B] [--points N]
                           [--dtype float32|float64] [--param k=v]...

Evaluates the activation NAME defined in FILE (see 'custom') and prints one JSON
object {"x", "y", "dy"}: x = torch.linspace(A, B, N) (defaults -6, 6, 401; dtype
float32 as PyTorch's default, or float64), y = NAME(x), dy = x.grad after
NAME(x).sum().backward() — what PyTorch's autograd gives for the same code, kinks
included. --param sets a further parameter of a function or an __init__ argument
of a module (Python literal: 2, 0.5, True, 'tanh'). Non-finite numbers are written
as the strings "nan", "inf", "-inf". The user's code is never run.

Exit status: 0 on success, 1 if the file cannot be read or NAME cannot be evaluated
(the reason is printed), 2 on bad usage.
`;

const MAX_POINTS = 1_000_000;

/** A Python literal from the command line: int (exact), float, bool, or a string (quoted or bare). */
export function parseParam(v: string): LiteralParam | bigint {
  const t = v.trim();
  if (/^[-+]?\d+$/.test(t)) return BigInt(t);
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) || /^[-+]?(inf|nan)$/i.test(t)) return Number(t.replace(/inf$/i, 'Infinity').replace(/^([-+]?)nan$/i, 'NaN'));
  if (t === 'True' || t === 'False') return t === 'True';
  const q = /^(['"])(.*)\1$/.exec(t);
  return q ? q[2]! : t;
}

const enc = (v: number): number | string => (Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : v);

class Usage extends Error {}

function number(flag: string, v: string | undefined, integer = false): number {
  const n = v === undefined ? NaN : Number(v);
  if (v === undefined || v.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) throw new Usage(`${flag} needs ${integer ? 'an integer' : 'a finite number'}, got ${v === undefined ? 'nothing' : `'${v}'`}`);
  return n;
}

export async function evalCommand(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) { out(EVAL_USAGE); return 0; }
  const positional: string[] = [];
  let from = -6, to = 6, points = 401;
  let dtype: 'float32' | 'float64' = 'float32';
  const params: Record<string, LiteralParam | bigint> = {};
  try {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      const value = () => inline ?? argv[++i];
      if (flag === '--from') from = number('--from', value());
      else if (flag === '--to') to = number('--to', value());
      else if (flag === '--points') points = number('--points', value(), true);
      else if (flag === '--dtype') {
        const d = value();
        if (d !== 'float32' && d !== 'float64') throw new Usage(`--dtype must be float32 or float64, got '${d ?? ''}'`);
        dtype = d;
      } else if (flag === '--param') {
        const kv = value() ?? '';
        const eq = kv.indexOf('=');
        if (eq <= 0 || !/^[A-Za-z_]\w*$/.test(kv.slice(0, eq))) throw new Usage(`--param needs k=v, got '${kv}'`);
        params[kv.slice(0, eq)] = parseParam(kv.slice(eq + 1));
      } else if (a.startsWith('-') && a !== '-') throw new Usage(`unknown option '${a}'`);
      else positional.push(a);
    }
    if (positional.length !== 2) throw new Usage('eval needs FILE and NAME');
    if (!(from < to)) throw new Usage(`--from must be below --to (got ${from} and ${to})`);
    if (points < 2 || points > MAX_POINTS) throw new Usage(`--points must be from 2 to ${MAX_POINTS}`);
  } catch (e) {
    if (e instanceof Usage) { err(`activation-lens: ${e.message}\n\n${EVAL_USAGE}`); return 2; }
    throw e;
  }
  const [path, name] = positional as [string, string];
  try {
    await initPython(parserWasm());
    const { file } = loadCustomFile(path);
    const matches = file.definitions.filter((d) => d.name === name);
    const def = matches[matches.length - 1];
    if (!def) {
      const names = file.definitions.map((d) => d.name);
      throw new CliError(`${path} defines no activation '${name}'${names.length ? ` (it defines: ${[...new Set(names)].join(', ')})` : ''}`);
    }
    // a long grid needs room: the same per-point budget as a plot
    const budget = { ...DEFAULT_BUDGET, elements: Math.max(DEFAULT_BUDGET.elements, points * 400), ms: Math.max(DEFAULT_BUDGET.ms, points / 100) };
    const r = evaluateDefinition(file, def, { from, to, points, dtype, params, budget });
    if (!r.ok) throw new CliError(`${name}: ${r.reason.message}`);
    out(JSON.stringify({ x: Array.from(r.value.x, enc), y: Array.from(r.value.y, enc), dy: Array.from(r.value.dy, enc) }) + '\n');
    return 0;
  } catch (e) {
    err(`activation-lens: ${e instanceof CliError ? e.message : (e as Error).message}\n`);
    return 1;
  }
}
