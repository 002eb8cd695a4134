// What the host measured on the drawn series (a series trace's summary), as label/value rows: the
// catalog's facts hold for the default parameters, these for the current ones on the plotted
// range. Shared by the webview (explorer, side view) and the host's first-paint HTML.
import type { Range, SeriesTrace } from '../protocol';

/** Numbers as a reader wants them: 4 significant digits, no exponent for ordinary sizes. */
export function fmtValue(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-4) return v.toExponential(3);
  return String(+v.toPrecision(4));
}

type T = (message: string, ...args: Array<string | number>) => string;

/** The heading and rows for the first trace, or null when the plot is not of `id`. */
export function measuredRows(plot: { range: Range; traces: SeriesTrace[] } | null | undefined, id: string, t: T): { title: string; rows: Array<[string, string]> } | null {
  const tr = plot?.traces[0];
  const s = tr?.summary;
  if (!plot || !s || tr.id !== id) return null;
  const pct = (v: number) => t('{0}% of the range', v > 0 && v < 0.001 ? '<0.1' : String(+(v * 100).toFixed(1)));
  const rows: Array<[string, string]> = [];
  if (s.yMin !== null && s.yMax !== null) rows.push([t('f(x) spans'), t('{0} to {1}', fmtValue(s.yMin), fmtValue(s.yMax))]);
  // linspace's rounding puts "0" at 1.1e-16: what is zero on this range's scale reads 0.
  const at = s.slopeAt !== null && Math.abs(s.slopeAt) < 1e-9 * (plot.range.max - plot.range.min) ? 0 : s.slopeAt;
  if (s.slope !== null && at !== null) rows.push([t("Largest |f'|"), t('{0} at x = {1}', fmtValue(s.slope), fmtValue(at))]);
  rows.push([t("|f'| < 0.01"), pct(s.vanishing)]);
  if (s.dead > 0) rows.push([t("f' = 0 exactly"), pct(s.dead)]);
  return { title: t('With these parameters, on [{0}, {1}]', fmtValue(plot.range.min), fmtValue(plot.range.max)), rows };
}
