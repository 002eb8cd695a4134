// Rendered hovers by everything they depend on: hovering the same kind of spot again (same
// activation, parameters, role, loss, theme, settings) costs a map lookup. Shared by the
// vscode hover provider and the benchmark, so the bench measures the real path.
import type { Translate } from '../i18n';
import { renderHover, type HoverRequest } from './hoverMarkdown';

export interface CachedHover { markdown: string; enabledCommands: string[] }

const LIMIT = 256;
const cache = new Map<string, CachedHover | null>();

/** `locale` separates caches per display language (t changes with it). */
export function renderHoverCached(req: HoverRequest, t: Translate, locale = ''): CachedHover | undefined {
  const u = req.use;
  const key = JSON.stringify([u.id, u.canonical, u.spelling, u.role, u.loss, u.params, u.runtimeParams, u.deprecation ?? '', u.inPlace ?? false, u.gate ?? false, u.isCall ?? true, u.logTaken ?? false, u.reconstructs ?? false, u.generates ?? false, u.shared ?? false, u.rescaled ?? false,
    u.binaryTargets ?? false, u.softmaxAgain ?? false, u.klTarget ?? null, u.picked ?? false, u.normalizedAfter ?? false,
    req.fileLosses ?? [], req.theme, req.sections ?? null, req.plotRange ?? null, req.weights ?? null, req.elsewhere ?? null, locale]);
  const hit = cache.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const r = renderHover(req, t);
  const value = r ? { markdown: r.markdown, enabledCommands: r.enabledCommands } : null;
  if (cache.size >= LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value ?? undefined;
}

export function clearHoverCache(): void {
  cache.clear();
}

/**
 * Renders a few hovers nobody asked for and drops them (the cache is left alone): the first real
 * hover of a window then finds the rendering code compiled by the JS engine and its tables built.
 * Run in idle time, once the parser has loaded; never throws.
 */
export function warmUpHover(t: Translate): void {
  const samples: HoverRequest[] = [
    { use: { id: 'relu', spelling: 'nn.ReLU', canonical: 'torch.nn.ReLU', role: 'hidden', loss: null, params: { inplace: true }, runtimeParams: [] }, theme: 'dark' },
    { use: { id: 'sigmoid', spelling: 'torch.sigmoid', canonical: 'torch.sigmoid', role: 'output', loss: 'BCELoss', params: {}, runtimeParams: [] }, fileLosses: ['BCELoss'], theme: 'light' },
    { use: { id: 'leaky_relu', spelling: 'F.leaky_relu', canonical: 'torch.nn.functional.leaky_relu', role: null, loss: null, params: { negative_slope: 0.2 }, runtimeParams: ['inplace'] }, theme: 'highContrast' },
  ];
  for (const req of samples) {
    try { renderHover(req, t); } catch { /* real hovers will tell */ }
  }
}
