// The autograd view's answer for a snippet: the graph of its backward(), the gradients of its
// leaves plotted, PyTorch's errors where they would be raised, and the article's three
// conditions checked on that very code. Computed here (host side); the view only draws it.
import type { Translate } from '../i18n';
import type { AutogradViewResult, Condition } from '../protocolAutograd';
import { graphSvg } from '../render/autogradGraph';
import { svgData } from '../render/dataUri';
import { linePlotSvg } from '../render/plot';
import type { ThemeKind } from '../render/theme';
import { analyzeAutograd } from './analyze';
import type { BackwardFact } from './follow';
import { chainText, treeLines } from './graph';

/** Strings the view shows, translated by the host and sent with its first message. */
export const AUTOGRAD_VIEW_STRINGS: readonly string[] = [
  'Autograd', 'Example', 'The article\'s three conditions', 'Computation graph', 'Gradients', 'What PyTorch says', 'line',
  'No graph: nothing here calls backward() on a value that could be followed.',
];

const shapeText = (s: readonly number[]) => `[${s.join(', ')}]`;

function conditions(b: BackwardFact | undefined, t: Translate): Condition[] {
  if (!b) {
    const unknown = (id: Condition['id'], text: string): Condition => ({ id, ok: null, text });
    return [
      unknown('leaf', t('A leaf tensor whose gradient you want')),
      unknown('requiresGrad', t('created with requires_grad=True, so everything computed from it requires grad')),
      unknown('scalar', t('backward() starts from a scalar')),
    ];
  }
  // from the graph: a backward() that raised filled no gradient, but its leaves are known
  const leaves = b.graph.nodes.filter((n) => n.leaf);
  const named = leaves.map((g) => g.leaf!.label ?? '?').join(', ');
  const scalarOk = b.error?.message === 'grad can be implicitly created only for scalar outputs' ? false : b.root.shape.reduce((a, c) => a * c, 1) === 1 ? true : null;
  return [
    { id: 'leaf', ok: b.root.requiresGrad ? leaves.length > 0 : false, text: b.root.requiresGrad && leaves.length ? t('Leaves that receive .grad: {0}', named) : t('No leaf behind this value receives a gradient') },
    { id: 'requiresGrad', ok: b.root.requiresGrad, text: b.root.requiresGrad ? t('The value requires grad (grad_fn {0})', b.root.gradFn ?? '?') : t('The value does not require grad: no tensor behind it was created with requires_grad=True (or it was computed under torch.no_grad())') },
    { id: 'scalar', ok: scalarOk, text: scalarOk === false ? t('backward() starts from shape {0}, not a scalar: add .sum()', shapeText(b.root.shape)) : t('backward() starts from shape {0}', shapeText(b.root.shape)) },
  ];
}

export function autogradViewResult(code: string, seq: number, theme: ThemeKind, t: Translate): AutogradViewResult {
  const cell = analyzeAutograd(code, t);
  const b = cell.follow.backwards[cell.follow.backwards.length - 1];
  let graph: AutogradViewResult['graph'] = null;
  if (b && b.graph.nodes.length) {
    const svg = graphSvg(b.graph, theme, t('Computation graph'));
    const chain = chainText(b.graph);
    graph = { uri: svg ? svgData(svg).uri : null, text: chain ? [chain] : treeLines(b.graph, 30) };
  }
  const grads = (b && !b.error ? b.gradients : []).slice(0, 4).map((g) => {
    const label = `${g.label ?? 'leaf'}.grad`;
    const uri = g.values && g.grad && g.values.length > 1 ? svgData(linePlotSvg(g.values, g.grad, { theme, label, title: label })).uri : null;
    const value = !uri && g.grad && g.grad.length <= 8 ? ` = [${Array.from(g.grad, (v) => Number(v.toPrecision(4))).join(', ')}]` : '';
    return { label, summary: `${label}: ${shapeText(g.shape)} ${g.dtype}${value}`, uri };
  });
  return {
    seq,
    graph,
    grads,
    events: cell.follow.events.map((e) => ({ line: e.line + 1, severity: e.severity, text: `${e.type}: ${e.message}` })),
    conditions: conditions(b, t),
    notes: cell.follow.skipped.slice(0, 5).map((s) => t('Line {0} not followed: {1}', s.line + 1, s.construct)),
  };
}
