// Formula images: the build-time SVG of f or f', coloured for the theme, as a data URI.
import { formulaTable, type FormulaSvg } from './formulas.generated';
import { svgDataUri } from './dataUri';
import { palette, type ThemeKind } from './theme';

export interface FormulaImage { uri: string; width: number; height: number }

const cache = new Map<string, FormulaImage>();

/** Typeset formula of `id` (`which` = 'f' or 'df') for the theme, or undefined if the catalog id has none. */
export function formulaImage(id: string, which: 'f' | 'df', theme: ThemeKind): FormulaImage | undefined {
  const key = `${id}\u0000${which}\u0000${theme}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const entry = Object.prototype.hasOwnProperty.call(formulaTable(), id) ? formulaTable()[id] : undefined;
  const svg: FormulaSvg | undefined = entry?.[which];
  if (!svg) return undefined;
  const coloured = svg.svg.split('currentColor').join(palette(theme).text);
  const img = { uri: svgDataUri(coloured), width: svg.width, height: svg.height };
  cache.set(key, img);
  return img;
}
