// The depth experiment (Glorot & Bengio 2010, He et al. 2015): one forward and backward of an
// MLP of `depth` hidden layers on a random batch, and per hidden layer the distribution of its
// activations, the share of dead units and the gradient norm of its weights. The copied
// script's order: torch.manual_seed(seed); model; x = torch.randn(batch, W); model(x).sum().backward().
import { torch, type Tensor } from '../engine';
import type { DepthConfig } from './config';
import { buildNetwork } from './network';

export interface LayerStats {
  activationMean: number;
  /** unbiased, over all of the layer's outputs */
  activationStd: number;
  /** units whose output is zero for the whole batch */
  deadFraction: number;
  /** Frobenius norm of the gradient of the Linear weight feeding this layer */
  weightGradNorm: number;
  /** percentiles 1, 5, 25, 50, 75, 95, 99 of the layer's outputs (the panel's bands) */
  percentiles: number[];
}

export interface DepthResult {
  layers: LayerStats[];
  outputWeightGradNorm: number;
  params0?: { name: string; shape: number[]; data: number[] }[];
  input?: number[];
}

export const PERCENTILES = [1, 5, 25, 50, 75, 95, 99];

function frobenius(t: Tensor | null): number {
  if (!t) return 0;
  let s = 0;
  for (let i = 0; i < t.data.length; i++) s += t.data[i] * t.data[i];
  return Math.sqrt(s);
}

function statsOf(h: Tensor): Omit<LayerStats, 'weightGradNorm'> {
  const d = h.data;
  const n = d.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += d[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (d[i] - mean) * (d[i] - mean);
  const [rows, cols] = h.shape;
  let dead = 0;
  for (let c = 0; c < cols; c++) {
    let zero = true;
    for (let r = 0; r < rows && zero; r++) zero = d[r * cols + c] === 0;
    if (zero) dead++;
  }
  const sorted = Float64Array.from(d).sort();
  const percentiles = PERCENTILES.map((p) => {
    const pos = (p / 100) * (n - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(n - 1, lo + 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  });
  return { activationMean: mean, activationStd: n > 1 ? Math.sqrt(ss / (n - 1)) : Number.NaN, deadFraction: dead / cols, percentiles };
}

export function runDepth(cfg: DepthConfig, opts: { emitParams?: boolean; emitData?: boolean } = {}): DepthResult {
  const W = cfg.width;
  const net = buildNetwork(W, W, cfg.depth, W, cfg.activation, cfg.params, cfg.seed, cfg.dtype, cfg.init);
  const params0 = opts.emitParams ? net.model.named_parameters().map(([name, p]) => ({ name, shape: [...p.shape], data: Array.from(p.data) })) : undefined;
  const x = torch.randn([cfg.batch, W], { dtype: cfg.dtype });
  const hidden: Tensor[] = [];
  let h = x;
  for (let i = 0; i < cfg.depth; i++) {
    h = net.activations[i].forward(net.linears[i].forward(h));
    hidden.push(h);
  }
  const out = net.linears[cfg.depth].forward(h);
  out.sum().backward();
  const layers = hidden.map((a, i) => ({ ...statsOf(a), weightGradNorm: frobenius(net.linears[i].weight.grad) }));
  return {
    layers,
    outputWeightGradNorm: frobenius(net.linears[cfg.depth].weight.grad),
    ...(params0 ? { params0 } : {}),
    ...(opts.emitData ? { input: Array.from(x.data) } : {}),
  };
}
