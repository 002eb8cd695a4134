// What the host measured on the drawn series (a series trace's summary): the catalog's facts hold
// for the default parameters, these for the current ones on the plotted range. Shared by the
// explorer and the side view; the numbers come from the host, the webview only formats them.
import type { Range, SeriesTrace } from '../src/protocol';
import { fmt } from './charts';
import { h } from './dom';
import { t } from './host';

export function measuredFacts(plot: { range: Range; traces: SeriesTrace[] } | null | undefined, id: string, compact = false): HTMLElement | null {
  const tr = plot?.traces[0];
  const s = tr?.summary;
  if (!plot || !s || tr.id !== id) return null;
  const pct = (v: number) => t('{0}% of the range', v > 0 && v < 0.001 ? '<0.1' : String(+(v * 100).toFixed(1)));
  const rows: Array<[string, string]> = [];
  if (s.yMin !== null && s.yMax !== null) rows.push([t('f(x) spans'), t('{0} to {1}', fmt(s.yMin), fmt(s.yMax))]);
  if (s.slope !== null && s.slopeAt !== null) rows.push([t("Largest |f'|"), t('{0} at x = {1}', fmt(s.slope), fmt(s.slopeAt))]);
  rows.push([t("|f'| < 0.01"), pct(s.vanishing)]);
  if (s.dead > 0) rows.push([t("f' = 0 exactly"), pct(s.dead)]);
  const dl = h('dl', { class: compact ? 'facts measured compact' : 'facts measured', 'data-measured': id });
  for (const [k, v] of rows) dl.append(h('dt', {}, k), h('dd', {}, v));
  return h('div', { class: 'measured-box' },
    h('h3', { class: 'section-subtitle' }, t('With these parameters, on [{0}, {1}]', fmt(plot.range.min), fmt(plot.range.max))), dl);
}
