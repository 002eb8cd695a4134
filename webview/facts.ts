// The measured facts (src/render/measuredFacts.ts) as elements, for the explorer and the side view.
import type { Range, SeriesTrace } from '../src/protocol';
import { measuredRows } from '../src/render/measuredFacts';
import { h } from './dom';
import { t } from './host';

export function measuredFacts(plot: { range: Range; traces: SeriesTrace[] } | null | undefined, id: string, compact = false): HTMLElement | null {
  const m = measuredRows(plot, id, t);
  if (!m) return null;
  const dl = h('dl', { class: compact ? 'facts measured compact' : 'facts measured', 'data-measured': id });
  for (const [k, v] of m.rows) dl.append(h('dt', {}, k), h('dd', {}, v));
  return h('div', { class: 'measured-box' }, h('h3', { class: 'section-subtitle' }, m.title), dl);
}
