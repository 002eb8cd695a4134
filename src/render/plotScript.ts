// A runnable PyTorch + matplotlib script that draws one activation and its derivative: the
// article's snippet (linspace(-20, 20, 1000), f(x).sum().backward(), two subplots) generalised
// to any catalog activation with the given parameters. Pure; the hover's "copy" command and the
// explorer panel both use it.
import type { Translate } from '../i18n';
import { english } from '../i18n';
import { getActivation, resolveParams } from '../catalog';
import type { ActivationSpec, ParamValues } from '../catalog/types';

/** Python literal for a validated parameter value. JSON strings are valid Python strings. */
function py(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'float("nan")';
  return JSON.stringify(String(v));
}

/** Keyword arguments that change the curve; `inplace` on a leaf that requires grad would raise. */
function curveKwargs(spec: ActivationSpec, params: ParamValues, skip: string[] = []): string {
  const out: string[] = [];
  for (const p of spec.params) {
    if (p.name === 'inplace' || p.name === 'training' || p.name === 'dim' || skip.includes(p.name)) continue;
    out.push(`${p.name}=${py(params[p.name] ?? p.default)}`);
  }
  return out.join(', ');
}

/** The Python expression of f(x) for a 1-D tensor `x`. */
export function pythonExpression(spec: ActivationSpec, params: ParamValues): string {
  const kw = curveKwargs(spec, params);
  const args = kw ? `x, ${kw}` : 'x';
  switch (spec.id) {
    case 'tanh': return 'torch.tanh(x)';
    case 'sigmoid': return 'torch.sigmoid(x)';
    case 'identity': return 'torch.nn.Identity()(x)';
    case 'prelu': return `F.prelu(x, torch.tensor([${py(params.init ?? 0.25)}]))`;
    case 'rrelu': return `F.rrelu(${args}, training=False)`;
  }
  if (spec.family === 'softmax') {
    // The same 1-D slice the hover plots: class 0's output for logits [x, 0].
    return `F.${spec.spellings.functional[0]}(torch.stack([x, torch.zeros_like(x)], dim=1), dim=1)[:, 0]`;
  }
  const name = spec.spellings.functional.find((n) => !n.endsWith('_')) ?? spec.spellings.functional[0];
  if (name) return `F.${name}(${args})`;
  const mod = spec.spellings.module!.name;
  return `torch.nn.${mod}(${kw})(x)`;
}

/**
 * How both copied scripts (the hover's and the explorer's) are run: `python3 x.py` opens a window,
 * `python3 x.py --save out.png` (or ACTIVATION_LENS_SAVE=out.png) writes the image headless.
 */
export const SCRIPT_IMPORTS: readonly string[] = [
  'import os',
  'import sys',
  '',
  'import torch',
  'import torch.nn.functional as F',
  'import matplotlib',
  '',
  "SAVE = sys.argv[sys.argv.index('--save') + 1] if '--save' in sys.argv[:-1] else os.environ.get('ACTIVATION_LENS_SAVE')",
  'if SAVE:',
  "    matplotlib.use('Agg')",
  'import matplotlib.pyplot as plt',
];

/** The end of both scripts: save or show (indented for a function body or not). */
export function scriptShow(indent: string): string[] {
  return [`${indent}if SAVE:`, `${indent}    plt.savefig(SAVE, dpi=100)`, `${indent}else:`, `${indent}    plt.show()`];
}

/** The first comment of both scripts; it names torch.tanh (the article's F.tanh is deprecated). */
export function scriptHeader(t: Translate, what: string, file: string): string[] {
  const comment = (s: string) => '# ' + s.replace(/[\r\n]+/g, ' ');
  return [
    comment(t('{0} and its derivative, drawn as in the article: f(x).sum().backward() leaves f\'(x) in x.grad (torch.tanh(x).sum().backward() gives tanh\'(x)).', what)),
    comment(t('Made by Activation Lens. Run: python3 {0} (add --save out.png to write a PNG instead of opening a window).', file)),
  ];
}

export interface PlotScriptOptions {
  min?: number;
  max?: number;
  points?: number;
}

/**
 * The script for `id` with `given` parameters (validated against the catalog: invalid values fall
 * back to defaults, so nothing from a user's file reaches the script unchecked). Undefined for
 * an unknown id.
 */
export function plotScript(id: string, given: Record<string, unknown>, t: Translate = english, opts: PlotScriptOptions = {}): string | undefined {
  const spec = getActivation(id);
  if (!spec) return undefined;
  const clean: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(given ?? {})) {
    if (resolveParams(spec, { [k]: v }).errors.length === 0) clean[k] = v;
  }
  const { params } = resolveParams(spec, clean);
  const lo = Number.isFinite(opts.min) ? opts.min! : -20;
  const hi = Number.isFinite(opts.max) && opts.max! > lo ? opts.max! : Math.max(lo + 1, 20);
  const n = Number.isInteger(opts.points) && opts.points! >= 2 && opts.points! <= 100000 ? opts.points! : 1000;
  const title = spec.title.replace(/[^\x20-\x7e]/g, '');
  return [
    ...scriptHeader(t, title, `plot_${spec.id}.py`),
    ...SCRIPT_IMPORTS,
    '',
    '',
    'def f(x):',
    `    return ${pythonExpression(spec, params)}`,
    '',
    '',
    'def main():',
    '    _, axes = plt.subplots(1, 2, figsize=(10, 4))',
    `    x = torch.linspace(${lo}, ${hi}, ${n})`,
    '    axes[0].plot(x, f(x))',
    '    axes[0].grid()',
    `    axes[0].set_title(${py(`${title}(x)`)})`,
    `    x = torch.linspace(${lo}, ${hi}, ${n}, requires_grad=True)`,
    '    f(x).sum().backward()',
    '    axes[1].plot(x.detach(), x.grad)',
    '    axes[1].grid()',
    `    axes[1].set_title(${py(`${title}'(x)`)})`,
    ...scriptShow('    '),
    '',
    '',
    "if __name__ == '__main__':",
    '    main()',
    '',
  ].join('\n');
}
