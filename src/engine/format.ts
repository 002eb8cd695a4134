// PyTorch's `_tensor_str.py` printing rules (precision 4, threshold 1000, edgeitems 3,
// linewidth 80), with Python's float formatting (round-half-even on the exact binary value).
import type { Tensor } from './tensor';

const PRECISION = 4;
const THRESHOLD = 1000;
const EDGEITEMS = 3;
const LINEWIDTH = 80;

/** True when |x|·10^digits lies exactly halfway between two integers. */
function isExactTie(x: number, digits: number): boolean {
  const s = Math.abs(x).toFixed(Math.min(100, digits + 60));
  const dot = s.indexOf('.');
  const rest = s.slice(dot + 1 + digits);
  return /^50*$/.test(rest);
}

/** Python's `'{:.Nf}'.format(x)`. */
export function pyFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (Math.abs(x) >= 1e21) return BigInt(Math.round(x)).toString() + (digits > 0 ? '.' + '0'.repeat(digits) : '');
  let s = Math.abs(x).toFixed(digits);
  if (isExactTie(x, digits)) {
    // JS rounds ties away from zero; Python to even.
    const lastDigit = s.charCodeAt(s.length - 1) - 48;
    if (lastDigit % 2 === 1) {
      const scaled = BigInt(s.replace('.', '')) - 1n;
      let t = scaled.toString().padStart(digits + 1, '0');
      if (digits > 0) t = t.slice(0, t.length - digits) + '.' + t.slice(t.length - digits);
      s = t;
    }
  }
  const neg = x < 0 || Object.is(x, -0);
  return (neg ? '-' : '') + s;
}

/** Python's `'{:.Ne}'.format(x)`. */
export function pyExp(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const neg = x < 0 || Object.is(x, -0);
  let s = Math.abs(x).toExponential(digits);
  let [mant, exp] = s.split('e');
  let e = Number(exp);
  if (x !== 0) {
    // tie check on the exact value: rescale via toFixed digits after the leading digit
    const lead = e;
    const fracDigits = digits - lead;
    if (fracDigits >= 0 && fracDigits <= 100 - 60 && isExactTie(x, fracDigits)) {
      const last = mant.charCodeAt(mant.length - 1) - 48;
      if (last % 2 === 1) {
        const m = BigInt(mant.replace('.', '')) - 1n;
        const ms = m.toString();
        mant = digits > 0 ? ms[0] + '.' + ms.slice(1) : ms;
      }
    }
  }
  s = mant + 'e' + (e < 0 ? '-' : '+') + String(Math.abs(e)).padStart(2, '0');
  return (neg ? '-' : '') + s;
}

interface Formatter {
  width: number;
  format(v: number): string;
}

function makeFormatter(values: ArrayLike<number>): Formatter {
  let intMode = true;
  let sci = false;
  let maxWidth = 1;
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v) && v !== 0) finite.push(v);
  }
  if (finite.length > 0) {
    let mn = Infinity;
    let mx = -Infinity;
    for (const v of finite) {
      const a = Math.abs(v);
      if (a < mn) mn = a;
      if (a > mx) mx = a;
      if (v !== Math.ceil(v)) intMode = false;
    }
    if (intMode) {
      if (mx / mn > 1000 || mx > 1e8) {
        sci = true;
        for (const v of finite) maxWidth = Math.max(maxWidth, pyExp(v, PRECISION).length);
      } else {
        for (const v of finite) maxWidth = Math.max(maxWidth, pyFixed(v, 0).length + 1);
      }
    } else if (mx / mn > 1000 || mx > 1e8 || mn < 1e-4) {
      sci = true;
      for (const v of finite) maxWidth = Math.max(maxWidth, pyExp(v, PRECISION).length);
    } else {
      for (const v of finite) maxWidth = Math.max(maxWidth, pyFixed(v, PRECISION).length);
    }
  }
  const width = maxWidth;
  return {
    width,
    format(v: number): string {
      let r: string;
      if (sci) r = pyExp(v, PRECISION);
      else if (intMode) {
        r = pyFixed(v, 0);
        if (Number.isFinite(v)) r += '.';
      } else r = pyFixed(v, PRECISION);
      return r.length < width ? ' '.repeat(width - r.length) + r : r;
    },
  };
}

/** The values PyTorch's formatter sees when summarising (edge items of every dim). */
function summarizedValues(data: ArrayLike<number>, shape: number[], off: number, dim: number, out: number[]): void {
  const stride = shape.slice(dim + 1).reduce((a, b) => a * b, 1);
  const n = shape[dim];
  const idx: number[] = [];
  if (n > 2 * EDGEITEMS) {
    for (let i = 0; i < EDGEITEMS; i++) idx.push(i);
    for (let i = n - EDGEITEMS; i < n; i++) idx.push(i);
  } else for (let i = 0; i < n; i++) idx.push(i);
  for (const i of idx) {
    if (dim === shape.length - 1) out.push(data[off + i]);
    else summarizedValues(data, shape, off + i * stride, dim + 1, out);
  }
}

function vectorStr(data: ArrayLike<number>, off: number, n: number, indent: number, summarize: boolean, f: Formatter): string {
  const elementLength = f.width + 2;
  const perLine = Math.max(1, Math.floor((LINEWIDTH - indent) / elementLength));
  let items: string[];
  if (summarize && n > 2 * EDGEITEMS) {
    items = [];
    for (let i = 0; i < EDGEITEMS; i++) items.push(f.format(data[off + i]));
    items.push(' ...');
    for (let i = n - EDGEITEMS; i < n; i++) items.push(f.format(data[off + i]));
  } else {
    items = new Array(n);
    for (let i = 0; i < n; i++) items[i] = f.format(data[off + i]);
  }
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(', '));
  return '[' + lines.join(',\n' + ' '.repeat(indent + 1)) + ']';
}

function tensorStr(
  data: ArrayLike<number>,
  shape: number[],
  dim: number,
  off: number,
  indent: number,
  summarize: boolean,
  f: Formatter,
): string {
  const nd = shape.length - dim;
  if (nd === 1) return vectorStr(data, off, shape[dim], indent, summarize, f);
  const stride = shape.slice(dim + 1).reduce((a, b) => a * b, 1);
  const n = shape[dim];
  const slices: string[] = [];
  const sub = (i: number) => tensorStr(data, shape, dim + 1, off + i * stride, indent + 1, summarize, f);
  if (summarize && n > 2 * EDGEITEMS) {
    for (let i = 0; i < EDGEITEMS; i++) slices.push(sub(i));
    slices.push('...');
    for (let i = n - EDGEITEMS; i < n; i++) slices.push(sub(i));
  } else for (let i = 0; i < n; i++) slices.push(sub(i));
  return '[' + slices.join(',' + '\n'.repeat(nd - 1) + ' '.repeat(indent + 1)) + ']';
}

function addSuffixes(body: string, suffixes: string[], indent: number): string {
  const parts = [body];
  let lastLineLen = body.length - body.lastIndexOf('\n') + 1;
  for (const s of suffixes) {
    if (lastLineLen + s.length + 2 > LINEWIDTH) {
      parts.push(',\n' + ' '.repeat(indent) + s);
      lastLineLen = indent + s.length;
    } else {
      parts.push(', ' + s);
      lastLineLen += s.length + 2;
    }
  }
  parts.push(')');
  return parts.join('');
}

export function formatTensor(t: Tensor): string {
  const prefix = 'tensor(';
  const indent = prefix.length;
  const suffixes: string[] = [];
  let body: string;
  const numel = t.data.length;
  if (numel === 0) {
    if (t.shape.length !== 1) suffixes.push(`size=(${t.shape.join(', ')}${t.shape.length === 1 ? ',' : ''})`);
    if (t.dtype !== 'float32') suffixes.push(`dtype=torch.${t.dtype}`);
    body = '[]';
  } else {
    if (t.dtype !== 'float32') suffixes.push(`dtype=torch.${t.dtype}`);
    const summarize = numel > THRESHOLD;
    let fvals: ArrayLike<number> = t.data;
    if (summarize && t.shape.length > 0) {
      const vs: number[] = [];
      summarizedValues(t.data, t.shape, 0, 0, vs);
      fvals = vs;
    }
    const f = makeFormatter(fvals);
    body = t.shape.length === 0 ? f.format(t.data[0]) : tensorStr(t.data, t.shape, 0, 0, indent, summarize, f);
  }
  const fn = t.grad_fn;
  if (fn) suffixes.push(`grad_fn=<${fn.name()}>`);
  else if (t.requires_grad) suffixes.push('requires_grad=True');
  return addSuffixes(prefix + body, suffixes, indent);
}
