// The hover's graph as a data URI: f and f' by the engine's autograd with this call's parameters.
import { computeSeries, summarizeSeries } from '../catalog';
import type { ActivationSpec, ParamValues } from '../catalog/types';
import { svgData } from './dataUri';
import { plotSvg, gradientZones, type Zone } from './plot';
import type { ThemeKind } from './theme';

/** Odd, so a symmetric range samples x = 0 exactly (ReLU's kink lands on a point). */
export const PLOT_POINTS = 401;

export interface PlotImage {
  uri: string;
  /** Raw SVG size in bytes (before base64). */
  bytes: number;
  zones: Zone[];
  /** Largest |f'| on the plotted range and where it is reached. */
  maxSlope: { value: number; at: number };
  range: [number, number];
}

const cache = new Map<string, PlotImage>();
const CACHE_LIMIT = 128;

/** `[min, max]` from a setting, or the catalog's range when the setting is 'auto' or unusable. */
export function plotRangeFor(spec: ActivationSpec, setting: unknown): [number, number] {
  if (Array.isArray(setting) && setting.length === 2) {
    const [a, b] = setting.map(Number);
    if (Number.isFinite(a) && Number.isFinite(b) && a < b && Math.abs(a) <= 1e6 && Math.abs(b) <= 1e6) return [a, b];
  }
  return spec.plotRange;
}

export function plotImage(spec: ActivationSpec, params: ParamValues, range: [number, number], theme: ThemeKind, title?: string, dfLabel?: string): PlotImage {
  const key = JSON.stringify([spec.id, params, range, theme, title ?? '', dfLabel ?? '']);
  const hit = cache.get(key);
  if (hit) return hit;
  const s = computeSeries({ spec, params, min: range[0], max: range[1], points: PLOT_POINTS, dtype: 'float64' });
  const svg = plotSvg(s, { theme, title, dfLabel });
  const maxSlope = summarizeSeries(s).maxSlope ?? { value: NaN, at: 0 };
  const data = svgData(svg);
  const img: PlotImage = { uri: data.uri, bytes: data.bytes, zones: gradientZones(s.x, s.dy), maxSlope, range };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, img);
  return img;
}
