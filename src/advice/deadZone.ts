// Where a unit's gradient is exactly 0 differs by activation: ReLU's x ≤ 0, but Threshold's
// x ≤ threshold (with a constant `value` there). The dead-unit advice says which.
import type { Translate } from '../i18n';
import type { RuleContext } from './rules';

/** A parameter as the code wrote it, when it is a plain number (else its name stands in). */
function literal(c: RuleContext, name: string): string {
  const v = c.use.params[name];
  return typeof v === 'number' && Number.isFinite(v) ? String(v) : name;
}

export function deadUnitMessage(t: Translate, c: RuleContext): string {
  if (c.use.id === 'threshold') {
    return t('Beware dead units: at or below its threshold ({0}) Threshold outputs the constant {1} and its gradient is exactly 0, so a unit pushed there stops learning. If many units die, try Leaky ReLU.', literal(c, 'threshold'), literal(c, 'value'));
  }
  return t('Beware dead ReLU: for x ≤ 0 the gradient is exactly 0, so a unit pushed there stops learning. Avoid large gradients and learning rates; if many units die, try Leaky ReLU.');
}
