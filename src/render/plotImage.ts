// The hover's graph as a data URI: f and f' by the engine's autograd with this call's parameters.
import { computeSeries, summarizeSeries } from '../catalog';
import type { ActivationSpec, ParamValues } from '../catalog/types';
import { svgData } from './dataUri';
import { plotSvg, gradientZones, type Zone } from './plot';
import type { ThemeKind } from './theme';
import { english, type Translate } from '../i18n';

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
/**
 * What is wrong with an `activationLens.hover.plotRange` setting, in the user's words, or
 * undefined when it is usable ("auto", or [min, max] with min < max within ±1e6). plotRangeFor
 * falls back to each activation's own range for anything this refuses.
 */
export function plotRangeProblem(setting: unknown, t: Translate = english): string | undefined {
  if (setting === undefined || setting === null || setting === 'auto') return undefined;
  const shown = JSON.stringify(setting)?.slice(0, 60) ?? String(setting);
  if (Array.isArray(setting) && setting.length === 2 && setting.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    const [a, b] = setting as number[];
    if (!(a < b)) return t('Activation Lens: the setting activationLens.hover.plotRange is {0}, but its first number must be below the second. The hover uses each activation\'s own range until it is fixed.', shown);
    if (Math.abs(a) > 1e6 || Math.abs(b) > 1e6) return t('Activation Lens: the setting activationLens.hover.plotRange is {0}, but it must stay within ±1e6. The hover uses each activation\'s own range until it is fixed.', shown);
    return undefined;
  }
  return t('Activation Lens: the setting activationLens.hover.plotRange is {0}, but it must be "auto" or two numbers [min, max], e.g. [-10, 10]. The hover uses each activation\'s own range until it is fixed.', shown);
}

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
