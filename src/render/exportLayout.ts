// Where the parts of an exported PNG go: titles that fit their chart, the legend wrapped into
// rows, the zone key. Pure geometry over a text-measuring function (the canvas's in the webview,
// a fixed-width one in tests), so what is checked is what is drawn.

export type Measure = (text: string) => number;

/** `text`, cut with an ellipsis where it would pass `max` px. */
export function fitText(measure: Measure, text: string, max: number): string {
  if (measure(text) <= max) return text;
  const chars = [...text];
  let lo = 0, hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(chars.slice(0, mid).join('') + '…') <= max) lo = mid; else hi = mid - 1;
  }
  return chars.slice(0, lo).join('') + '…';
}

export interface LegendItem { text: string; x: number; y: number; row: number }

/**
 * Legend entries (a `mark` px sample line, a gap, the title) left to right, wrapped into rows of
 * `lineHeight` px within `width`; an entry longer than a row is cut to fit.
 */
export function legendRows(measure: Measure, titles: string[], width: number, o: { mark: number; gap: number; lineHeight: number }): { items: LegendItem[]; rows: number } {
  const items: LegendItem[] = [];
  let x = 0, row = 0;
  for (const title of titles) {
    const text = fitText(measure, title, width - o.mark - o.gap);
    const w = o.mark + o.gap + measure(text);
    if (x > 0 && x + w > width) { row++; x = 0; }
    items.push({ text, x, y: row * o.lineHeight, row });
    x += w + 2 * o.gap;
  }
  return { items, rows: titles.length ? row + 1 : 0 };
}
