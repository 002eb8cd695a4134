// The lab's network: nn.Sequential(nn.Linear(d_in, W), Act(), [nn.Linear(W, W), Act()] × (depth − 1),
// nn.Linear(W, d_out)), built right after torch.manual_seed(seed) in float32 (PyTorch's default)
// and then cast, as the copied script does with `.to(dtype)`.
import { torch, nn, type Tensor } from '../engine';
import { getActivation, type ParamValues } from '../catalog';
import type { InitName, LabDType } from './config';

export interface Network {
  model: nn.Sequential;
  /** the Linear layers in order: hidden ones first, the output layer last */
  linears: nn.Linear[];
  /** the activation modules, one per hidden layer */
  activations: nn.Module[];
}

/** PyTorch's module class name and keyword arguments for a catalog activation. */
export function moduleOf(id: string, params: ParamValues): { name: string; kwargs: ParamValues } {
  const spec = getActivation(id);
  const name = spec?.spellings.module?.name;
  if (!spec || !name) throw new Error(`activation ${id} has no nn module`);
  const kwargs: ParamValues = {};
  // `inplace` changes nothing a module computes; RReLU's `training` is the module's own mode
  for (const p of spec.params) if (p.name !== 'inplace' && p.name !== 'training' && params[p.name] !== undefined) kwargs[p.name] = params[p.name];
  return { name, kwargs };
}

export function buildNetwork(dIn: number, width: number, depth: number, dOut: number, activation: string, params: ParamValues,
  seed: number, dtype: LabDType, init: InitName = 'default'): Network {
  torch.manual_seed(seed);
  const { name, kwargs } = moduleOf(activation, params);
  const linears: nn.Linear[] = [];
  const activations: nn.Module[] = [];
  const layers: nn.Module[] = [];
  for (let i = 0; i < depth; i++) {
    const lin = new nn.Linear(i === 0 ? dIn : width, width);
    const act = nn.activationModule(name, kwargs);
    linears.push(lin);
    activations.push(act);
    layers.push(lin, act);
  }
  const out = new nn.Linear(width, dOut);
  linears.push(out);
  layers.push(out);
  if (init !== 'default') for (const lin of linears) reinit(lin, init);
  const model = new nn.Sequential(...layers).to(dtype);
  return { model, linears, activations };
}

/** A named init on every Linear, in order: weights by the scheme (He: gain √2), biases zero. */
function reinit(lin: nn.Linear, init: InitName): void {
  const w: Tensor = lin.weight;
  if (init === 'xavier_uniform') nn.init.xavier_uniform_(w);
  else if (init === 'xavier_normal') nn.init.xavier_normal_(w);
  else if (init === 'kaiming_uniform') nn.init.kaiming_uniform_(w, { nonlinearity: 'relu' });
  else nn.init.kaiming_normal_(w, { nonlinearity: 'relu' });
  if (lin.bias) nn.init.zeros_(lin.bias);
}

/** The initial parameters in model.parameters() order, as the CLI's params0 lists them. */
export function paramsSnapshot(model: nn.Module): { name: string; shape: number[]; data: number[] }[] {
  return model.named_parameters().map(([name, p]) => ({ name, shape: [...p.shape], data: Array.from(p.data) }));
}
