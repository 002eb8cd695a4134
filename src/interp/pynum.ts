// Python's arithmetic on its own numbers: ints exact (bigint), floats IEEE doubles, bools as 0/1
// ints, with Python's floor division and modulo, its errors (ZeroDivisionError, OverflowError),
// and a bound on int sizes so `10 ** 10 ** 10` ends at once instead of computing forever.
import type { BinOp } from './ast';

/** Largest int kept exactly (bits). Python has no limit; activations never come near this one. */
export const MAX_INT_BITS = 4096;

export class PyArithmeticError extends Error {}

export type PyNum = bigint | number | boolean;

export function isPyNum(v: unknown): v is PyNum {
  return typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean';
}

function toInt(v: bigint | boolean): bigint {
  return typeof v === 'boolean' ? (v ? 1n : 0n) : v;
}

export function toFloat(v: PyNum): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const f = Number(v);
  if (!Number.isFinite(f)) throw new PyArithmeticError('int too large to convert to float');
  return f;
}

function bits(v: bigint): number {
  return (v < 0n ? -v : v).toString(16).length * 4;
}

function checkInt(v: bigint): bigint {
  if (bits(v) > MAX_INT_BITS) throw new PyArithmeticError(`an integer over ${MAX_INT_BITS} bits`);
  return v;
}

function floatResult(v: number, a: number, b: number): number {
  if (!Number.isFinite(v) && Number.isFinite(a) && Number.isFinite(b)) throw new PyArithmeticError('OverflowError: (34, \'Numerical result out of range\')');
  return v;
}

function floorDiv(a: number, b: number): number {
  if (b === 0) throw new PyArithmeticError('ZeroDivisionError: float floor division by zero');
  return Math.floor(a / b);
}

function pyMod(a: number, b: number): number {
  if (b === 0) throw new PyArithmeticError('ZeroDivisionError: float modulo');
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

function intPow(a: bigint, b: bigint): PyNum {
  if (b < 0n) {
    if (a === 0n) throw new PyArithmeticError('ZeroDivisionError: 0.0 cannot be raised to a negative power');
    return Math.pow(toFloat(a), toFloat(b));
  }
  if (a === 0n || a === 1n) return b === 0n ? 1n : a;
  if (a === -1n) return b % 2n === 0n ? 1n : -1n;
  // the result's size is known before computing it: refuse rather than hang
  if (BigInt(bits(a)) * b > BigInt(MAX_INT_BITS * 4)) throw new PyArithmeticError(`a huge exponent (${a} ** ${b})`);
  return checkInt(a ** b);
}

export function pyBinary(op: BinOp, x: PyNum, y: PyNum): PyNum {
  const ints = typeof x !== 'number' && typeof y !== 'number';
  if (ints) {
    const a = toInt(x);
    const b = toInt(y);
    switch (op) {
      case '+': return checkInt(a + b);
      case '-': return checkInt(a - b);
      case '*': return checkInt(a * b);
      case '/':
        if (b === 0n) throw new PyArithmeticError('ZeroDivisionError: division by zero');
        return toFloat(a) / toFloat(b);
      case '//': {
        if (b === 0n) throw new PyArithmeticError('ZeroDivisionError: integer division or modulo by zero');
        const q = a / b;
        return (a % b !== 0n) && ((a < 0n) !== (b < 0n)) ? q - 1n : q;
      }
      case '%': {
        if (b === 0n) throw new PyArithmeticError('ZeroDivisionError: integer division or modulo by zero');
        const r = a % b;
        return r !== 0n && (r < 0n) !== (b < 0n) ? r + b : r;
      }
      case '**': return intPow(a, b);
      case '&': return a & b;
      case '|': return a | b;
      case '^': return a ^ b;
      case '<<':
        if (b < 0n) throw new PyArithmeticError('ValueError: negative shift count');
        if (b > BigInt(MAX_INT_BITS)) throw new PyArithmeticError(`an integer over ${MAX_INT_BITS} bits`);
        return checkInt(a << b);
      case '>>':
        if (b < 0n) throw new PyArithmeticError('ValueError: negative shift count');
        return a >> (b > 100000n ? 100000n : b);
      case '@': throw new PyArithmeticError("TypeError: unsupported operand type(s) for @: 'int' and 'int'");
    }
  }
  const a = toFloat(x);
  const b = toFloat(y);
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return floatResult(a * b, a, b);
    case '/':
      if (b === 0) throw new PyArithmeticError('ZeroDivisionError: float division by zero');
      return floatResult(a / b, a, b);
    case '//': return floorDiv(a, b);
    case '%': return pyMod(a, b);
    case '**': {
      if (a === 0 && b < 0) throw new PyArithmeticError('ZeroDivisionError: 0.0 cannot be raised to a negative power');
      if (a < 0 && !Number.isInteger(b) && Number.isFinite(b)) throw new PyArithmeticError('a complex result (a negative number to a fractional power)');
      if (a === 1 || b === 0) return 1;
      return floatResult(Math.pow(a, b), a, b);
    }
    default:
      throw new PyArithmeticError(`TypeError: unsupported operand type(s) for ${op}: 'float'`);
  }
}

export function pyCompare(op: '<' | '<=' | '>' | '>=' | '==' | '!=', x: PyNum, y: PyNum): boolean {
  const a = typeof x === 'number' ? x : typeof x === 'boolean' ? (x ? 1n : 0n) : x;
  const b = typeof y === 'number' ? y : typeof y === 'boolean' ? (y ? 1n : 0n) : y;
  // bigint and number compare exactly in JavaScript, as in Python
  switch (op) {
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
    case '==': return a == b; // eslint-disable-line eqeqeq
    case '!=': return a != b; // eslint-disable-line eqeqeq
  }
}

/** A Python number as the scalar an op on a tensor receives; PyTorch refuses ints beyond int64. */
export function scalarOf(v: PyNum): number {
  if (typeof v === 'bigint') {
    if (v >= 2n ** 63n || v < -(2n ** 63n)) throw new PyArithmeticError('RuntimeError: Overflow when unpacking long');
    return Number(v);
  }
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}
