// Advice for a user-defined activation that equals no built-in: what its measured shape means in
// the role its value plays (hidden layer, output with the loss it reaches). The shape is measured
// by src/custom on the engine's f and f′; the role comes from the python layer's flow. Messages are
// our own strings and numbers, never the user's text.
import type { Translate } from '../i18n';
import { lossClassName, lossKind } from './losses';
import type { Finding } from './index';

/** f and f′ of an activation measured on a grid (plain data). */
export interface CurveShape {
  /** The grid: [from, to]. */
  range: [number, number];
  yMin: number;
  yMax: number;
  /** |f′| < 0.01 from this x down to the grid's start (null: not so at the start). */
  flatBelow: number | null;
  /** |f′| < 0.01 from this x up to the grid's end. */
  flatAbove: number | null;
  /** The longest stretch where f′ is exactly 0 (at least 1% of the grid). */
  deadZone: [number, number] | null;
  /** f′ ≥ 0 everywhere (or ≤ 0 everywhere). */
  monotonic: boolean;
  /** Where f is lowest on the grid. */
  minimum: { x: number; y: number };
  /** f′ is the same at every point: a straight line. */
  linear: boolean;
  /** The smallest |f′| anywhere on the grid. */
  minSlope: number;
  /** |f′| at the grid's two ends. */
  slopeAtStart: number;
  slopeAtEnd: number;
}

export interface ShapeUse {
  role: 'hidden' | 'output' | null;
  /** The loss the value reaches, as written (`nn.MSELoss`, `F.cross_entropy`). */
  loss: string | null;
}

const num = (v: number) => String(Number.isFinite(v) ? +v.toPrecision(3) : v);

/** `[a, b]`, `≥ a` or `≤ b`: the values the activation can give, as far as the grid shows. */
export function valuesText(s: CurveShape): string | null {
  const below = s.flatBelow !== null || s.deadZone?.[0] === s.range[0];
  const above = s.flatAbove !== null || s.deadZone?.[1] === s.range[1];
  if (below && above) return `[${num(s.yMin)}, ${num(s.yMax)}]`;
  if (s.monotonic && below) return `≥ ${num(s.yMin)}`;
  if (s.monotonic && above) return `≤ ${num(s.yMax)}`;
  return null;
}

/** Findings for one role of the activation, warnings first. */
export function adviseShape(s: CurveShape, use: ShapeUse, t: Translate): Finding[] {
  const out: Finding[] = [];
  const kind = use.loss ? lossKind(use.loss) : undefined;
  const lossName = use.loss ? lossClassName(use.loss) ?? '' : '';
  const values = valuesText(s);
  if (use.role === 'output' || (use.role === null && kind)) {
    if (kind === 'cross_entropy' || kind === 'bce_logits') {
      // the same rows of the lint table as a built-in in that place (AL107, AL105), with their weight:
      // at a model's output, not wherever a value reaching the loss passed (a factor of a product)
      if (use.role === 'output') out.push({ key: 'custom.logits-expected', code: 'AL107', severity: 'warning', alternative: 'identity',
        message: t('{0} expects raw logits: {1} at the output distorts them. Remove the activation from the last layer.', lossName, t('this activation')) });
    } else if (kind === 'regression' && values) {
      if (use.role === 'output') out.push({ key: 'custom.regression-clipped', code: 'AL105', severity: 'info', alternative: 'identity',
        message: t('At the output of a regression ({0}) this activation limits predictions to {1}; targets outside it cannot be reached. Use no activation (identity).', lossName, values) });
    } else if (kind === 'bce' && (s.yMin < 0 || s.yMax > 1)) {
      out.push({ key: 'custom.bce-range', severity: 'warning', alternative: 'identity',
        message: t('{0} needs probabilities in [0, 1], but this activation gives values from {1} to {2} on [{3}, {4}]. Pass the raw logits to BCEWithLogitsLoss instead.', lossName, num(s.yMin), num(s.yMax), s.range[0], s.range[1]) });
    } else if (kind === 'nll' || kind === 'kl_div') {
      out.push({ key: 'custom.log-probs-expected', severity: 'warning', alternative: 'log_softmax',
        message: t('{0} expects log-probabilities over the classes (log_softmax); an activation applied to each value separately does not give them.', lossName) });
    } else if (use.role === 'output') {
      out.push({ key: 'custom.output', severity: 'info',
        message: values
          ? t('At the output it gives values in {0}. The rule: sigmoid for binary, softmax for multi-class, identity for regression.', values)
          : t('At the output it gives unbounded values. The rule: sigmoid for binary, softmax for multi-class, identity for regression.') });
    }
    return out;
  }
  // a hidden layer, or not known: what its shape does to the gradients that flow back through it
  const warn = use.role === 'hidden' ? 'warning' : 'info';
  if (s.linear) {
    out.push({ key: 'custom.linear', severity: warn, alternative: 'relu',
      message: t('Its derivative is the same everywhere: it is linear, so layers joined by it collapse into one linear layer. Use a nonlinear activation such as ReLU.') });
    return out;
  }
  const bothFlat = s.flatBelow !== null && s.flatAbove !== null;
  if (bothFlat) {
    out.push({ key: 'custom.saturates', severity: warn, alternative: 'relu',
      message: t('It saturates on both sides (|f′| < 0.01 for x < {0} and for x > {1}), as sigmoid and tanh do: in hidden layers the gradient vanishes through deep stacks. Prefer ReLU or a smooth variant such as GELU.', num(s.flatBelow!), num(s.flatAbove!)) });
  }
  if (s.deadZone) {
    out.push({ key: 'custom.dead-zone', severity: 'info', alternative: 'leaky_relu',
      message: t('Beware dead units: f′ = 0 exactly on [{0}, {1}], so a unit whose inputs stay there stops learning, as with ReLU. A small slope there (as Leaky ReLU has) keeps it learning.', num(s.deadZone[0]), num(s.deadZone[1])) });
  }
  if (!bothFlat && !s.deadZone) {
    if (s.flatBelow !== null && s.slopeAtEnd >= 0.01)
      out.push({ key: 'custom.one-sided', severity: 'info',
        message: t('It flattens for negative inputs (|f′| < 0.01 for x < {0}) and keeps a gradient for positive ones, as ELU, GELU and SiLU do: a good fit for hidden layers.', num(s.flatBelow)) });
    else if (s.minSlope >= 0.01)
      out.push({ key: 'custom.keeps-gradient', severity: 'info',
        message: t('Its gradient vanishes nowhere on [{0}, {1}] (|f′| ≥ 0.01 throughout), so units cannot die, as with Leaky ReLU.', s.range[0], s.range[1]) });
  }
  if (!s.monotonic) {
    out.push({ key: 'custom.not-monotonic', severity: 'info',
      message: t('Not monotonic: it falls on part of the range (lowest value {0} at x = {1}), as GELU and SiLU do below 0; that is fine in hidden layers.', num(s.minimum.y), num(s.minimum.x)) });
  }
  return out;
}
