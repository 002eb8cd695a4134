// `activation-lens lab train|depth|script`: the lab's experiments from the command line, for
// scripts and checks. The same code as the panel (src/lab/), settings checked the same way.
import { checkDepthConfig, checkTrainConfig, LabConfigError, type TrainConfig } from '../lab/config';
import { runTrain } from '../lab/trainer';
import { runDepth } from '../lab/depth';
import { labScript } from '../render/labScript';

export const LAB_USAGE = `Usage:
  activation-lens lab train [--dataset moons|circles|spiral|xor|blobs] [--activation ID]
      [--depth N] [--width N] [--steps N] [--lr F] [--optimizer sgd|adam] [--seed N]
      [--dtype float32|float64] [--batch-size N] [--noise F] [--points N] [--param NAME=VALUE]...
      [--json] [--emit-params] [--emit-data]
  activation-lens lab depth [--activation ID] [--depth N] [--width N] [--batch N] [--seed N]
      [--init default|xavier_uniform|xavier_normal|kaiming_uniform|kaiming_normal]
      [--dtype float32|float64] [--param NAME=VALUE]... [--json] [--emit-params] [--emit-data]
  activation-lens lab script [train options] [--activations ID,ID,...]

train: nn.Sequential(nn.Linear(2, W), Act(), [nn.Linear(W, W), Act()] x (depth-1), nn.Linear(W, 1))
built right after torch.manual_seed(seed), trained on a 2-D toy dataset with
binary_cross_entropy_with_logits; SGD(params, lr) or Adam(params, lr) with PyTorch's defaults.
depth: the same network with W inputs and W outputs, one forward and backward of
model(torch.randn(batch, W)).sum(); per hidden layer its activations' mean, std, dead share and
the gradient norm of its weights.
script: prints a Python script that reproduces a training race in PyTorch.

Exit status: 0 on success, 2 on bad usage or a refused setting.
`;

const TRAIN_FLAGS: Record<string, keyof TrainConfig> = {
  '--dataset': 'dataset', '--activation': 'activation', '--depth': 'depth', '--width': 'width', '--steps': 'steps', '--lr': 'lr',
  '--optimizer': 'optimizer', '--seed': 'seed', '--dtype': 'dtype', '--batch-size': 'batchSize', '--noise': 'noise', '--points': 'points',
};
const DEPTH_FLAGS: Record<string, string> = {
  '--activation': 'activation', '--depth': 'depth', '--width': 'width', '--batch': 'batch', '--seed': 'seed', '--init': 'init', '--dtype': 'dtype',
};
const STRINGS = new Set(['dataset', 'activation', 'optimizer', 'dtype', 'init']);
const SWITCHES = new Set(['--json', '--emit-params', '--emit-data']);

class UsageError extends Error {}

function value(raw: string, key: string): unknown {
  if (STRINGS.has(key)) return raw;
  // Number('') is 0 and Number('0x10') is 16: only plain decimal numbers are numbers here
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw) && !/^[+-]?(inf|infinity|nan)$/i.test(raw)) return raw;
  return Number(raw.replace(/^([+-]?)inf(inity)?$/i, '$1Infinity'));
}

function parse(args: string[], flags: Record<string, string>, extra: Set<string> = new Set()) {
  const cfg: Record<string, unknown> = {};
  const params: Record<string, unknown> = {};
  const switches = new Set<string>();
  const more: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (SWITCHES.has(a)) { switches.add(a); continue; }
    const [flag, inline] = a.includes('=') && a.startsWith('--') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const key = flags[flag];
    if (!key && flag !== '--param' && !extra.has(flag)) throw new UsageError(`unknown option '${a}'`);
    const raw = inline ?? args[++i];
    if (raw === undefined) throw new UsageError(`${flag} needs a value`);
    if (flag === '--param') {
      const eq = raw.indexOf('=');
      if (eq <= 0) throw new UsageError(`--param takes NAME=VALUE (got '${raw}')`);
      const name = raw.slice(0, eq);
      const v = raw.slice(eq + 1);
      params[name] = v === 'true' ? true : v === 'false' ? false : value(v, /^[+-]?[\d.]/.test(v) ? 'number' : 'dtype');
    } else if (extra.has(flag)) more[flag] = raw;
    else cfg[key] = value(raw, key);
  }
  cfg.params = params;
  return { cfg, switches, more };
}

export async function labMain(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const [sub, ...args] = argv;
  if (!sub || sub === '-h' || sub === '--help' || args.includes('-h') || args.includes('--help')) {
    (sub ? out : err)(LAB_USAGE);
    return sub ? 0 : 2;
  }
  try {
    if (sub === 'train') {
      const { cfg, switches } = parse(args, TRAIN_FLAGS);
      const config = checkTrainConfig(cfg);
      const t = runTrain(config);
      if (!switches.has('--json')) {
        out(`${config.activation} on ${config.dataset}: loss ${t.losses[0]?.toFixed(4)} → ${t.losses[t.losses.length - 1]?.toFixed(4)}, accuracy ${t.accuracy[t.accuracy.length - 1]} after ${config.steps} steps\n`);
        return 0;
      }
      const n = config.points;
      const result = {
        config,
        losses: t.losses,
        accuracy: t.accuracy,
        ...(switches.has('--emit-params') ? { params0: t.params0 } : {}),
        ...(switches.has('--emit-data') ? { data: { x: Array.from({ length: n }, (_, i) => [t.data.x[2 * i], t.data.x[2 * i + 1]]), y: Array.from(t.data.y) } } : {}),
      };
      out(JSON.stringify(result) + '\n');
      return 0;
    }
    if (sub === 'depth') {
      const { cfg, switches } = parse(args, DEPTH_FLAGS);
      const config = checkDepthConfig(cfg);
      const r = runDepth(config, { emitParams: switches.has('--emit-params'), emitData: switches.has('--emit-data') });
      if (!switches.has('--json')) {
        out(`${config.activation}, ${config.depth} layers × ${config.width}, init ${config.init}\nlayer  mean       std        dead   |grad W|\n`);
        r.layers.forEach((l, i) => out(`${String(i + 1).padStart(5)}  ${l.activationMean.toExponential(2).padEnd(9)}  ${l.activationStd.toExponential(2).padEnd(9)}  ${l.deadFraction.toFixed(2)}   ${l.weightGradNorm.toExponential(2)}\n`));
        return 0;
      }
      const layers = r.layers.map(({ activationMean, activationStd, deadFraction, weightGradNorm }) => ({ activationMean, activationStd, deadFraction, weightGradNorm }));
      out(JSON.stringify({ config, layers, outputWeightGradNorm: r.outputWeightGradNorm, ...(r.params0 ? { params0: r.params0 } : {}), ...(r.input ? { input: r.input } : {}) }) + '\n');
      return 0;
    }
    if (sub === 'script') {
      const { cfg, more } = parse(args, TRAIN_FLAGS, new Set(['--activations']));
      const ids = (more['--activations'] ?? String(cfg.activation ?? 'tanh')).split(',').filter(Boolean);
      const configs = ids.map((id) => checkTrainConfig({ ...cfg, activation: id, params: ids.length === 1 ? cfg.params : {} }));
      out(labScript(configs));
      return 0;
    }
    throw new UsageError(`unknown lab command '${sub}'`);
  } catch (e) {
    if (e instanceof UsageError) { err(`activation-lens lab: ${e.message}\n\n${LAB_USAGE}`); return 2; }
    if (e instanceof LabConfigError) { err(`activation-lens lab: ${e.message}\n`); return 2; }
    throw e;
  }
}
