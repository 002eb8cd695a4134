// What the engine found for the code at an autograd spelling, as hover lines and images: the
// graph behind a backward(), what .grad holds afterwards and a plot of it, the facts of a tensor
// at requires_grad / .grad / .is_leaf / .detach(), PyTorch's own error where it would raise.
// Only what the follower saw: a spelling whose values it could not follow gets no facts.
import type { Translate } from '../i18n';
import type { AutogradCell } from '../autograd/analyze';
import type { BackwardFact, SpotFact, TensorFacts } from '../autograd/follow';
import { chainText, treeLines, type GraphModel } from '../autograd/graph';
import type { AutogradSpelling } from '../autograd/spellings';
import type { AutogradHoverFacts } from './autogradHover';
import { codeSpan } from './autogradHover';
import { graphSvg } from './autogradGraph';
import { svgData } from './dataUri';
import { escapeMarkdown as escapeShort } from './escape';
import { linePlotSvg } from './plot';
import type { ThemeKind } from './theme';

/** Our sentences run longer than a name from the user's file: escaped whole. */
const escapeMarkdown = (s: string, max = 600) => escapeShort(s, max);
const shapeText = (s: readonly number[]) => `[${s.join(', ')}]`;
const n = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** `tanh′` for a chain Sum/Mean → elementwise op → leaf: what each element of the leaf's .grad is. */
function elementwiseDerivative(g: GraphModel): string | null {
  const [top, op, leaf] = g.nodes;
  if (g.nodes.length !== 3 || !top || !op || !leaf?.leaf) return null;
  if (top.name !== 'SumBackward0' || op.inputs.length !== 1) return null;
  const m = /^(Tanh|Sigmoid|Relu|Exp|Log|Sin|Cos|Abs|Neg|Sqrt|Gelu|Elu|Selu|Silu|Softplus|Mish|LeakyRelu|Hardtanh|Hardswish|Hardsigmoid|LogSigmoid|Softsign)Backward\d$/.exec(op.name);
  return m ? `${m[1]!.toLowerCase()}\u2032` : null;
}

function tensorLine(f: TensorFacts, t: Translate): string {
  const parts = [
    f.isLeaf ? t('a leaf') : t('computed (grad_fn {0})', f.gradFn ?? '?'),
    t('shape {0}', shapeText(f.shape)),
    f.dtype,
    f.requiresGrad ? t('requires grad') : t('does not require grad'),
  ];
  return parts.join(' \u00b7 ');
}

function name(f: TensorFacts, t: Translate): string {
  return f.label ? codeSpan(f.label) : escapeMarkdown(t('this tensor'));
}

function graphBlock(b: BackwardFact, theme: ThemeKind, t: Translate, out: AutogradHoverFacts): void {
  if (!b.graph.nodes.length) return;
  const chain = chainText(b.graph);
  out.lines.push(`${escapeMarkdown(t('Graph:'))} ${chain ? codeSpan(chain, 300) : ''}`);
  if (!chain) out.lines.push(...treeLines(b.graph, 14).map((l) => codeSpan(l, 120)));
  const svg = graphSvg(b.graph, theme, t('Computation graph'));
  if (svg) out.images!.push({ uri: svgData(svg).uri, alt: chain ?? t('Computation graph') });
}

function backwardFacts(b: BackwardFact, theme: ThemeKind, t: Translate, out: AutogradHoverFacts): void {
  if (b.error) {
    out.lines.push(`$(error) ${escapeMarkdown(t('PyTorch raises here:'))} ${codeSpan(`${b.error.type}: ${b.error.message}`, 300)}`);
    out.lines.push(escapeMarkdown(t('The value is {0}', tensorLine(b.root, t))));
    graphBlock(b, theme, t, out);
    return;
  }
  graphBlock(b, theme, t, out);
  const d = elementwiseDerivative(b.graph);
  for (const g of b.gradients) {
    const who = name(g, t);
    const grad = g.label ? codeSpan(`${g.label}.grad`) : '.grad';
    out.lines.push(d && n(g.shape) > 1
      ? escapeMarkdown(t('{0} is a leaf that requires grad: after this line {1} holds {2} at each of the {3} points', '\uE000', '\uE001', d, n(g.shape))).replace('\uE000', who).replace('\uE001', grad)
      : escapeMarkdown(t('{0} is a leaf that requires grad: after this line {1} holds the gradient ({2}, {3})', '\uE000', '\uE001', shapeText(g.shape), g.dtype)).replace('\uE000', who).replace('\uE001', grad));
    if (g.values && g.grad && g.values.length > 1 && out.images!.length < 3) {
      const label = g.label ? `${g.label}.grad` : 'grad';
      out.images!.push({ uri: svgData(linePlotSvg(g.values, g.grad, { theme, label, title: t('{0} against {1}', label, g.label ?? 'x') })).uri, alt: label });
    }
  }
}

function spotFacts(s: SpotFact, t: Translate, out: AutogradHoverFacts): void {
  const who = name(s.subject, t);
  const facts = escapeMarkdown(tensorLine(s.subject, t));
  switch (s.kind) {
    case 'created':
    case 'requires_grad':
    case 'is_leaf':
    case 'retain_grad':
      out.lines.push(`${who}: ${facts}`);
      return;
    case 'detach':
      out.lines.push(`${who}: ${facts}  \n${escapeMarkdown(t('The detached tensor shares its values, does not require grad and has no grad_fn.'))}`);
      return;
    case 'grad':
      out.lines.push(`${who}: ${facts}`);
      out.lines.push(s.grad
        ? `${escapeMarkdown(t('.grad here:'))} ${escapeMarkdown(t('shape {0}', shapeText(s.grad.shape)))} \u00b7 ${escapeMarkdown(s.grad.dtype)}`
        : `${escapeMarkdown(t('.grad here:'))} None`);
      return;
    case 'no_grad':
      out.lines.push(escapeMarkdown(t('Followed: what this block computes does not require grad.')));
  }
}

/** Facts for the hover on `spelling`, from the analysis of its cell; undefined when nothing was followed there. */
export function autogradFacts(cell: AutogradCell, spelling: AutogradSpelling, theme: ThemeKind, t: Translate): AutogradHoverFacts | undefined {
  const out: AutogradHoverFacts = { lines: [], images: [] };
  const line = spelling.range.line;
  for (const f of cell.findings) if (f.range.line === line) out.lines.push(`$(${f.severity === 'warning' ? 'warning' : 'error'}) **${f.code}** ${escapeMarkdown(f.message, 1200)}`);
  if (spelling.kind === 'backward' || spelling.kind === 'retain_graph') {
    const b = cell.follow.backwards.find((x) => x.line === line);
    if (b) backwardFacts(b, theme, t, out);
  } else {
    const kinds: Record<string, SpotFact['kind'][]> = {
      requires_grad: ['created', 'requires_grad'], requires_grad_: ['requires_grad'], grad: ['grad'], is_leaf: ['is_leaf'], detach: ['detach'], retain_grad: ['retain_grad'], no_grad: ['no_grad'],
    };
    const s = cell.follow.spots.find((x) => x.line === line && (kinds[spelling.kind] ?? []).includes(x.kind));
    if (s) spotFacts(s, t, out);
  }
  return out.lines.length || out.images!.length ? out : undefined;
}
