// AL601 "hand-written activation equals a built-in": a finding on the definition's name, with an
// unsafe fix that returns the built-in instead (the results can differ in the last bits, and a
// learned nn.Parameter would stop being learned: no fix is offered then). Plain data, structurally
// the findings of src/lint (CONTRACTS.md) so it plugs into the Problems panel and `check` as is.
import { defaultParams, getActivation, lookupSpelling } from '../catalog';
import type { Translate } from '../i18n';
import { english } from '../i18n';
import type { SourceRange } from '../python/types';
import type { At, Expr, ModuleAst } from '../interp';
import type { CustomReport } from './report';

export interface CustomTextEdit { range: SourceRange; text: string }
export interface CustomFix { applicability: 'safe' | 'unsafe'; title: string; edits: CustomTextEdit[] }
export interface CustomFinding { code: string; severity: 'error' | 'warning' | 'info' | 'hint'; message: string; range: SourceRange; fixes: CustomFix[]; cell?: number }

export const AL601 = 'AL601';

function literal(v: unknown): string {
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return String(typeof v === 'number' ? Number(v.toPrecision(12)) : v);
}

/** The local name the file binds to `target` (`F` for torch.nn.functional), from its imports. */
function bound(module: ModuleAst, target: string): string | undefined {
  for (const s of module.body) if (s.k === 'import') for (const b of s.bindings) if (b.target === target) return b.local;
  return undefined;
}

/** `F.gelu(x, approximate='tanh')` in the file's own spelling of torch.nn.functional (or torch.nn.functional itself). */
export function functionalCall(module: ModuleAst, id: string, params: Record<string, unknown>, input: string): string | undefined {
  const spec = getActivation(id);
  const fname = spec?.spellings.functional.find((f) => !f.endsWith('_'));
  if (!spec || !fname) return undefined;
  const d = defaultParams(spec);
  const args = Object.entries(params).filter(([k, v]) => d[k] !== v && typeof v !== 'boolean').map(([k, v]) => `${k}=${literal(v)}`);
  // F.tanh / F.sigmoid are deprecated (AL202): the fix must not trade one finding for another.
  const torchName = spec.spellings.deprecated?.[`functional.${fname}`] ? spec.spellings.torch.find((f) => f === fname) : undefined;
  const T = bound(module, 'torch');
  if (torchName && T) return `${T}.${torchName}(${[input, ...args].join(', ')})`;
  const F = bound(module, 'torch.nn.functional') ?? (T ? `${T}.nn.functional` : undefined);
  if (!F) return undefined;
  return `${F}.${fname}(${[input, ...args].join(', ')})`;
}

/** `F.silu(x, …)`, `torch.tanh(x)`, `x.sigmoid()`: one call of a catalog spelling on the input itself. */
function callsBuiltin(e: Expr, input: string): boolean {
  if (e.k !== 'call') return false;
  const name = e.fn.k === 'attr' ? e.fn.name : e.fn.k === 'name' ? e.fn.id : '';
  const known = getActivationBySpelling(name);
  if (!known) return false;
  const first = e.fn.k === 'attr' && e.fn.obj.k === 'name' && e.fn.obj.id === input ? e.fn.obj : e.args[0]?.value;
  return !!first && first.k === 'name' && first.id === input;
}

function getActivationBySpelling(name: string): boolean {
  return (['functional', 'torch', 'tensorMethod', 'module'] as const).some((k) => !!lookupSpelling(k, name));
}

function rangeOf(a: At): SourceRange {
  return { line: a.line, column: a.column, endLine: a.endLine, endColumn: a.endColumn };
}

/** The AL601 finding for a report whose definition equals a catalog activation, else undefined. */
export function equivalenceFinding(module: ModuleAst, report: CustomReport, t: Translate = english): CustomFinding | undefined {
  const eq = report.match?.equivalent;
  const spec = eq ? getActivation(eq.id) : undefined;
  if (!eq || !spec) return undefined;
  const d = report.definition;
  // a wrapper that already returns the built-in (F.gelu(x, approximate='tanh')) is not hand-written
  if (d.returns.length === 1 && callsBuiltin(d.returns[0]!, d.input)) return undefined;
  // a function whose value is its input (a device helper under `if USE_GPU:`, a "linear" option) is
  // no hand-written activation; a module class that is one stands for nn.Identity
  if (eq.id === 'identity' && d.kind !== 'module') return undefined;
  const call = functionalCall(module, eq.id, eq.params, d.input);
  const builtin = call ?? spec.title;
  const message = report.learned.length
    ? t('{0} is {1} at its initial parameters ({2}); its parameters are learned here, so a built-in would not replace it as is', d.name, spec.title, builtin)
    : t('Hand-written activation equals a built-in: {0} is {1} ({2})', d.name, spec.title, builtin);
  const fixes: CustomFix[] = [];
  // one return to replace, and nothing learned that the built-in would freeze
  if (call && !report.learned.length && d.returns.length === 1) {
    const ret: Expr = d.returns[0]!;
    fixes.push({ applicability: 'unsafe', title: t('Return {0} instead', call), edits: [{ range: rangeOf(ret.at), text: call }] });
  }
  const f: CustomFinding = { code: AL601, severity: 'info', message, range: d.nameRange, fixes };
  if (d.cell !== undefined) f.cell = d.cell;
  return f;
}
