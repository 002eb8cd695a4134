// The explorer's "Copy script": a runnable PyTorch + matplotlib script that redraws the current
// view the article's way (linspace with requires_grad, f(x).sum().backward(), x.grad), for every
// compared activation with its parameters. The expression of each activation is the hover's
// (src/render/plotScript.ts), so both scripts agree. Pure string building; no `vscode` import.
import { getActivation } from '../catalog';
import { pythonExpression, scriptHeader, scriptShow, SCRIPT_IMPORTS } from '../render/plotScript';
import { english, type Translate } from '../i18n';
import type { ExplorerState, Trace } from '../protocol';
import { traceLabel } from './explorerData';

/** A Python literal for a number of the range (validated finite by the protocol). */
function pyNumber(v: number): string {
  if (!Number.isFinite(v)) throw new RangeError(`not a finite number: ${v}`);
  return String(v);
}

/** A Python string literal (JSON's escapes are valid in Python too). */
const pyString = (s: string) => JSON.stringify(s);

export function viewScript(state: Pick<ExplorerState, 'traces' | 'range'>, t: Translate = english): string {
  const { min, max, points } = state.range;
  const curves = state.traces.map((tr) => {
    const spec = getActivation(tr.id);
    if (!spec) throw new Error(`unknown activation "${tr.id}"`);
    return `    (${pyString(traceLabel(spec, tr.params))}, lambda x: ${pythonExpression(spec, tr.params)}),`;
  });
  return [
    ...scriptHeader(t, state.traces.map((tr) => getActivation(tr.id)!.title.replace(/[^\x20-\x7e]/g, '')).join(', '), 'activation_view.py'),
    ...SCRIPT_IMPORTS,
    'import torch.nn as nn',
    '',
    'curves = [',
    ...curves,
    ']',
    '',
    '_, axes = plt.subplots(1, 2, figsize=(11, 4))',
    'for label, f in curves:',
    `    x = torch.linspace(${pyNumber(min)}, ${pyNumber(max)}, ${points}, requires_grad=True)`,
    '    y = f(x)',
    '    y.sum().backward()',
    '    axes[0].plot(x.detach(), y.detach(), label=label)',
    '    axes[1].plot(x.detach(), x.grad, label=label)',
    "axes[0].set_title('f(x)')",
    "axes[1].set_title(\"f'(x)\")",
    'for ax in axes:',
    '    ax.grid()',
    '    ax.legend()',
    'plt.tight_layout()',
    ...scriptShow(''),
    '',
  ].join('\n');
}
