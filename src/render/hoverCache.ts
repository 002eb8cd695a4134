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
  const key = JSON.stringify([u.id, u.canonical, u.spelling, u.role, u.loss, u.params, u.runtimeParams, u.deprecation ?? '', u.inPlace ?? false,
    req.fileLosses ?? [], req.theme, req.sections ?? null, req.plotRange ?? null, locale]);
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
