// Formula images: the build-time SVG of f or f', coloured for the theme, as a data URI.
import { formulaTable, type FormulaSvg } from './formulas.generated';
import { svgDataUri } from './dataUri';
import { palette, type ThemeKind } from './theme';

export interface FormulaImage { uri: string; width: number; height: number }

const cache = new Map<string, FormulaImage>();

/**
 * Typeset formula of `id` (`which` = 'f' or 'df') in the theme's ink, or undefined if the catalog
 * id has none. `card: true` (the hover) puts it on an opaque card of the theme's background; the
 * default is transparent glyphs only, so the explorer can also use the image as a CSS mask.
 */
export function formulaImage(id: string, which: 'f' | 'df', theme: ThemeKind, opts: { card?: boolean; minHeight?: number } = {}): FormulaImage | undefined {
  const key = `${id}\u0000${which}\u0000${theme}\u0000${opts.card ? 1 : 0}\u0000${opts.minHeight ?? 0}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const entry = Object.prototype.hasOwnProperty.call(formulaTable(), id) ? formulaTable()[id] : undefined;
  const svg: FormulaSvg | undefined = entry?.[which];
  if (!svg) return undefined;
  const pal = palette(theme);
  const carded = opts.card ? onCard(svg, pal.card, opts.minHeight ?? 0) : svg;
  const coloured = carded.svg.split('currentColor').join(pal.text);
  const img = { uri: svgDataUri(coloured), width: carded.width, height: carded.height };
  cache.set(key, img);
  return img;
}

/** Size in px of the typeset formula without its card (what formulaImage would report), or undefined. */
export function formulaSize(id: string, which: 'f' | 'df'): { width: number; height: number } | undefined {
  const entry = Object.prototype.hasOwnProperty.call(formulaTable(), id) ? formulaTable()[id] : undefined;
  const svg: FormulaSvg | undefined = entry?.[which];
  return svg ? { width: svg.width, height: svg.height } : undefined;
}

/**
 * Pads the formula and puts it on a rounded card of the theme's card colour (see Palette.card),
 * at least `minHeight` px tall with the formula centred (so f and f' side by side line up).
 */
function onCard(f: FormulaSvg, card: string, minHeight: number): FormulaSvg {
  const m = /viewBox="(-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+)"/.exec(f.svg);
  if (!m) return f;
  const [x, y, w, h] = m.slice(1).map(Number);
  const unitsPerPx = w / f.width;
  const padPx = 6;
  const pad = padPx * unitsPerPx;
  const extraPx = Math.max(0, minHeight - (f.height + 2 * padPx));
  const vpad = pad + (extraPx / 2) * unitsPerPx;
  const vb = [x - pad, y - vpad, w + 2 * pad, h + 2 * vpad].map((v) => Math.round(v * 10) / 10);
  const width = f.width + 2 * padPx, height = f.height + 2 * padPx + extraPx;
  const rect = `<rect x="${vb[0]}" y="${vb[1]}" width="${vb[2]}" height="${vb[3]}" rx="${Math.round(4 * unitsPerPx)}" fill="${card}"/>`;
  const svg = f.svg
    .replace(m[0], `viewBox="${vb.join(' ')}"`)
    .replace(/width="\d+"/, `width="${width}"`)
    .replace(/height="\d+"/, `height="${height}"`)
    .replace(/(<svg[^>]*>)/, `$1${rect}`);
  return { svg, width, height };
}
