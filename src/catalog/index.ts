// Look-ups over the catalog. Everything that needs to know about activations goes through here.
import { ACTIVATIONS } from './activations';
import type { ActivationSpec, ParamValues, ParamSpec } from './types';

export * from './types';
export { ACTIVATIONS };
export { computeSeries, summarizeSeries, type Series, type SeriesRequest, type SeriesSummary } from './series';

const byId = new Map(ACTIVATIONS.map((a) => [a.id, a]));

export function getActivation(id: string): ActivationSpec | undefined {
  return byId.get(id);
}

/** Where a name was found: `torch.nn.functional.X`, `torch.X`, `torch.special.X`, `Tensor.X` or `torch.nn.X`. */
export type SpellingKind = 'functional' | 'torch' | 'tensorMethod' | 'module';

function indexBy(kind: SpellingKind): Map<string, ActivationSpec> {
  const m = new Map<string, ActivationSpec>();
  for (const a of ACTIVATIONS) {
    const s = a.spellings;
    const names = kind === 'functional' ? s.functional : kind === 'torch' ? s.torch : kind === 'tensorMethod' ? s.tensorMethods : s.module ? [s.module.name] : [];
    for (const n of names) m.set(n, a);
  }
  return m;
}
const indexes: Record<SpellingKind, Map<string, ActivationSpec>> = {
  functional: indexBy('functional'), torch: indexBy('torch'), tensorMethod: indexBy('tensorMethod'), module: indexBy('module'),
};

/** The activation PyTorch means by `name` in the given namespace (e.g. ('module', 'LeakyReLU')). */
export function lookupSpelling(kind: SpellingKind, name: string): ActivationSpec | undefined {
  return indexes[kind].get(name);
}

/** All names of a namespace, e.g. every `torch.nn` activation class name. */
export function spellingNames(kind: SpellingKind): string[] {
  return [...indexes[kind].keys()];
}

/** In-place spelling (`relu_`, `x.tanh_()`)? */
export function isInPlaceName(name: string): boolean {
  return name.endsWith('_') && !name.startsWith('_');
}

export function defaultParams(spec: ActivationSpec): ParamValues {
  return Object.fromEntries(spec.params.map((p) => [p.name, p.default]));
}

/**
 * Completes `given` with defaults and checks each value against its kind. Values outside the
 * UI range are kept (PyTorch accepts them) but must be finite; wrong kinds are reported.
 */
export function resolveParams(spec: ActivationSpec, given: Record<string, unknown>): { params: ParamValues; errors: string[] } {
  const params = defaultParams(spec);
  const errors: string[] = [];
  for (const [k, v] of Object.entries(given)) {
    const p: ParamSpec | undefined = spec.params.find((q) => q.name === k);
    if (!p) { errors.push(`${spec.id} has no parameter '${k}'`); continue; }
    if (p.kind === 'number') {
      if (typeof v !== 'number' || !Number.isFinite(v)) { errors.push(`${k} must be a finite number`); continue; }
      if (p.integer && !Number.isInteger(v)) { errors.push(`${k} must be an integer`); continue; }
    } else if (p.kind === 'enum') {
      if (typeof v !== 'string' || !p.options.includes(v)) { errors.push(`${k} must be one of ${p.options.map((o) => `'${o}'`).join(', ')}`); continue; }
    } else if (typeof v !== 'boolean') { errors.push(`${k} must be True or False`); continue; }
    params[k] = v as ParamValues[string];
  }
  return { params, errors };
}
