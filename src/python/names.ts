// What a fully qualified path means to PyTorch. Everything activation-related is derived
// from the catalog; nothing here lists activations.
import { lookupSpelling, spellingNames, type ActivationSpec, type SpellingKind } from '../catalog';
import { isFunctionalLoss, isModuleLoss, moduleLossNames, functionalLossNames } from './losses';

export type Resolved =
  | { what: 'activation'; spec: ActivationSpec; kind: SpellingKind; name: string; canonical: string }
  | { what: 'loss'; name: string }
  | { what: 'sequential' }
  | { what: 'other' };

const FUNCTIONAL = 'torch.nn.functional.';
const NN_PREFIXES = ['torch.nn.modules.activation.', 'torch.nn.modules.loss.', 'torch.nn.modules.container.', 'torch.nn.modules.', 'torch.nn.'];

export function canonicalPath(kind: SpellingKind, name: string): string {
  switch (kind) {
    case 'functional': return FUNCTIONAL + name;
    case 'torch': return 'torch.' + name;
    case 'tensorMethod': return 'torch.Tensor.' + name;
    case 'module': return 'torch.nn.' + name;
  }
}

function activation(kind: SpellingKind, name: string): Resolved | undefined {
  const spec = lookupSpelling(kind, name);
  return spec ? { what: 'activation', spec, kind, name, canonical: canonicalPath(kind, name) } : undefined;
}

const resolvedPaths = new Map<string, Resolved>();

/** Classifies a dotted path such as 'torch.nn.functional.relu' or 'torch.nn.CrossEntropyLoss'. */
export function resolvePath(path: string): Resolved {
  let r = resolvedPaths.get(path);
  if (!r) {
    r = classify(path);
    if (resolvedPaths.size > 10_000) resolvedPaths.clear();
    resolvedPaths.set(path, r);
  }
  return r;
}

function classify(path: string): Resolved {
  if (path.startsWith(FUNCTIONAL)) {
    const name = path.slice(FUNCTIONAL.length);
    if (isFunctionalLoss(name)) return { what: 'loss', name };
    return activation('functional', name) ?? { what: 'other' };
  }
  for (const prefix of NN_PREFIXES) {
    if (!path.startsWith(prefix)) continue;
    const name = path.slice(prefix.length);
    if (name.includes('.')) continue;
    if (name === 'Sequential') return { what: 'sequential' };
    if (isModuleLoss(name)) return { what: 'loss', name };
    return activation('module', name) ?? { what: 'other' };
  }
  if (path.startsWith('torch.Tensor.')) return activation('tensorMethod', path.slice('torch.Tensor.'.length)) ?? { what: 'other' };
  if (path.startsWith('torch.')) {
    // `torch.special.expit` is catalogued as the torch spelling 'special.expit'.
    return activation('torch', path.slice('torch.'.length)) ?? { what: 'other' };
  }
  return { what: 'other' };
}

/** Names a star import binds, per module, as far as Activation Lens cares. */
export function starImportNames(module: string): string[] {
  switch (module) {
    case 'torch': return spellingNames('torch').filter((n) => !n.includes('.'));
    case 'torch.nn': return [...spellingNames('module'), ...moduleLossNames(), 'Sequential'];
    case 'torch.nn.functional': return [...spellingNames('functional'), ...functionalLossNames()];
    case 'torch.special': return spellingNames('torch').filter((n) => n.startsWith('special.')).map((n) => n.slice('special.'.length));
    default: return [];
  }
}

let methodNames: Set<string> | undefined;
/** Every catalog tensor-method name: `x.relu()`, `logits.softmax(1)`, `x.tanh_()`. */
export function tensorMethodNames(): Set<string> {
  return (methodNames ??= new Set(spellingNames('tensorMethod')));
}
