// The parameter values of one call as the hover states them: literals from the code, the
// defaults for what the code leaves out, and "set at run time" for non-literal arguments.
import type { ActivationSpec, ParamValue, ParamValues } from '../catalog/types';
import { resolveParams } from '../catalog';

export interface ParamLine {
  name: string;
  /** Unicode form of the TeX symbol used in the formulas (α for `\alpha`), if any. */
  symbol?: string;
  source: 'code' | 'default' | 'runtime' | 'invalid';
  /** The value as the code wrote it (code/invalid), or the default. */
  value: unknown;
  /** The value the plot uses. */
  plotted: ParamValue;
}

const SYMBOLS: Record<string, string> = { '\\alpha': 'α', '\\beta': 'β', '\\lambda': 'λ', '\\theta': 'θ', '\\gamma': 'γ' };

export function symbolOf(tex: string | undefined): string | undefined {
  if (!tex) return undefined;
  return SYMBOLS[tex] ?? (/^[A-Za-z]$/.test(tex) ? tex : undefined);
}

export interface ResolvedCall {
  /** Values the plot and the actions use: valid literals from the code, defaults elsewhere. */
  params: ParamValues;
  lines: ParamLine[];
}

/** Merges the call's literals with the catalog's parameters. Runtime parameters keep their defaults, flagged. */
export function resolveCall(spec: ActivationSpec, given: Record<string, unknown>, runtime: readonly string[]): ResolvedCall {
  const known = new Set(spec.params.map((p) => p.name));
  const literal: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(given ?? {})) if (known.has(k) && !runtime.includes(k)) literal[k] = v;
  const { params } = resolveParams(spec, {});
  const lines: ParamLine[] = [];
  for (const p of spec.params) {
    const symbol = p.kind === 'number' ? symbolOf(p.symbol) : undefined;
    if (runtime.includes(p.name)) {
      lines.push({ name: p.name, symbol, source: 'runtime', value: undefined, plotted: p.default });
    } else if (p.name in literal) {
      const one = resolveParams(spec, { [p.name]: literal[p.name] });
      if (one.errors.length) {
        lines.push({ name: p.name, symbol, source: 'invalid', value: literal[p.name], plotted: p.default });
      } else {
        params[p.name] = one.params[p.name];
        lines.push({ name: p.name, symbol, source: 'code', value: literal[p.name], plotted: one.params[p.name] });
      }
    } else {
      lines.push({ name: p.name, symbol, source: 'default', value: p.default, plotted: p.default });
    }
  }
  return { params, lines };
}

/** Python spelling of a value: True/False, quoted strings, numbers as PyTorch prints them in code. */
export function pythonLiteral(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  if (typeof v === 'string') return `'${v}'`;
  if (v === null) return 'None';
  return String(v);
}
