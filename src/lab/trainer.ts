// One network of the training race: the same steps as the copied script's loop
//   opt.zero_grad(); logits = model(xb); loss = F.binary_cross_entropy_with_logits(logits, yb);
//   loss.backward(); opt.step()
// with the loss, the accuracy of those logits and the share of dead hidden units (zero for
// every example of the batch) recorded per step. Each trainer keeps its own copy of the default
// generator's state, so interleaving several (the race) draws what training them one after
// another does (RReLU draws from it while training).
import { torch, nn, optim, F, default_generator, Generator, type Tensor, type GeneratorState } from '../engine';
import type { TrainConfig } from './config';
import { makeDataset, type Dataset } from './datasets';
import { buildNetwork, paramsSnapshot, type Network } from './network';

export interface StepRecord {
  step: number;
  loss: number;
  accuracy: number;
  dead: number;
}

export class Trainer {
  readonly data: Dataset;
  readonly net: Network;
  readonly opt: optim.Optimizer;
  readonly losses: number[] = [];
  readonly accuracy: number[] = [];
  readonly dead: number[] = [];
  /** the parameters as built, before any step (the CLI's params0) */
  readonly params0: ReturnType<typeof paramsSnapshot>;
  private readonly dataGen: Generator;
  private rng: GeneratorState;
  private perm: Float64Array | null = null;
  private cursor = 0;
  private readonly xAll: Tensor;
  private readonly yAll: Tensor;

  constructor(readonly cfg: TrainConfig) {
    this.dataGen = new Generator().manual_seed(cfg.seed);
    this.data = makeDataset(cfg.dataset, cfg.points, cfg.noise, this.dataGen, cfg.dtype);
    this.net = buildNetwork(2, cfg.width, cfg.depth, 1, cfg.activation, cfg.params, cfg.seed, cfg.dtype);
    this.rng = default_generator.get_state();
    this.params0 = paramsSnapshot(this.net.model);
    const params = this.net.model.parameters();
    this.opt = cfg.optimizer === 'sgd' ? new optim.SGD(params, { lr: cfg.lr }) : new optim.Adam(params, { lr: cfg.lr });
    this.xAll = torch.tensor(this.data.x, { dtype: cfg.dtype }).reshape([cfg.points, 2]);
    this.yAll = torch.tensor(this.data.y, { dtype: cfg.dtype }).reshape([cfg.points, 1]);
  }

  get steps(): number {
    return this.losses.length;
  }

  private nextBatch(): { x: Tensor; y: Tensor } {
    const B = this.cfg.batchSize;
    const n = this.cfg.points;
    if (B === null || B >= n) return { x: this.xAll, y: this.yAll };
    if (this.perm === null || this.cursor >= n) {
      this.perm = torch.randperm(n, { generator: this.dataGen, dtype: 'float64' }).data as Float64Array;
      this.cursor = 0;
    }
    const idx = this.perm.subarray(this.cursor, Math.min(n, this.cursor + B));
    this.cursor += B;
    const Arr = this.cfg.dtype === 'float32' ? Float32Array : Float64Array;
    const xb = new Arr(idx.length * 2);
    const yb = new Arr(idx.length);
    idx.forEach((j, k) => {
      xb[2 * k] = this.data.x[2 * j];
      xb[2 * k + 1] = this.data.x[2 * j + 1];
      yb[k] = this.data.y[j];
    });
    return { x: torch.tensor(xb, { dtype: this.cfg.dtype }).reshape([idx.length, 2]), y: torch.tensor(yb, { dtype: this.cfg.dtype }).reshape([idx.length, 1]) };
  }

  step(): StepRecord {
    const saved = default_generator.get_state();
    default_generator.set_state(this.rng);
    try {
      const { x, y } = this.nextBatch();
      this.opt.zero_grad();
      const { logits, deadShare } = this.forward(x);
      const loss = F.binary_cross_entropy_with_logits(logits, y);
      loss.backward();
      this.opt.step();
      const l = loss.item();
      let right = 0;
      const ld = logits.data;
      for (let i = 0; i < ld.length; i++) if (ld[i] > 0 === y.data[i] > 0.5) right++;
      const acc = this.cfg.dtype === 'float32' ? Math.fround(right / ld.length) : right / ld.length;
      this.losses.push(l);
      this.accuracy.push(acc);
      this.dead.push(deadShare);
      return { step: this.losses.length, loss: l, accuracy: acc, dead: deadShare };
    } finally {
      this.rng = default_generator.get_state();
      default_generator.set_state(saved);
    }
  }

  /** The model's forward, layer by layer, noting hidden units that are zero for every example. */
  private forward(x: Tensor): { logits: Tensor; deadShare: number } {
    const { linears, activations } = this.net;
    let h = x;
    let dead = 0;
    let units = 0;
    for (let i = 0; i < activations.length; i++) {
      h = activations[i].forward(linears[i].forward(h));
      const [rows, cols] = h.shape;
      const d = h.data;
      for (let c = 0; c < cols; c++) {
        let zero = true;
        for (let r = 0; r < rows && zero; r++) zero = d[r * cols + c] === 0;
        if (zero) dead++;
      }
      units += cols;
    }
    return { logits: linears[linears.length - 1].forward(h), deadShare: units ? dead / units : 0 };
  }

  /** P(class 1) on a grid×grid lattice over [−extent, extent]², row 0 at the top (y = +extent). */
  heatmap(grid: number, extent: number): Float32Array {
    const pts = new Float64Array(grid * grid * 2);
    for (let r = 0; r < grid; r++)
      for (let c = 0; c < grid; c++) {
        const k = 2 * (r * grid + c);
        pts[k] = -extent + ((c + 0.5) * 2 * extent) / grid;
        pts[k + 1] = extent - ((r + 0.5) * 2 * extent) / grid;
      }
    const model: nn.Module = this.net.model;
    const wasTraining = model.training;
    model.eval();
    try {
      return torch.no_grad(() => {
        const out = model.forward(torch.tensor(pts, { dtype: this.cfg.dtype }).reshape([grid * grid, 2]));
        const p = new Float32Array(grid * grid);
        for (let i = 0; i < p.length; i++) p[i] = 1 / (1 + Math.exp(-out.data[i]));
        return p;
      });
    } finally {
      model.train(wasTraining);
    }
  }
}

/** `lab train`: a whole run, as the CLI reports it. */
export function runTrain(cfg: TrainConfig): Trainer {
  const t = new Trainer(cfg);
  for (let s = 0; s < cfg.steps; s++) t.step();
  return t;
}
