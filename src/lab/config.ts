// The lab's settings: what a run is made of, the defaults the CLI and the panel fill in, and
// the checks that refuse hostile or nonsensical settings (from a webview message, a command
// line or a restored state) with a message in the user's words, never a crash or a hang.
import { getActivation, type ActivationSpec, type ParamValues } from '../catalog';

export const DATASETS = ['moons', 'circles', 'spiral', 'xor', 'blobs'] as const;
export type DatasetName = (typeof DATASETS)[number];
export const OPTIMIZERS = ['sgd', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];
export const INITS = ['default', 'xavier_uniform', 'xavier_normal', 'kaiming_uniform', 'kaiming_normal'] as const;
export type InitName = (typeof INITS)[number];
export type LabDType = 'float32' | 'float64';

export interface ActivationChoice {
  /** Catalog id, e.g. `leaky_relu`. */
  id: string;
  /** Values for the catalog's parameters; missing ones take the catalog's defaults. */
  params?: ParamValues;
}

export interface TrainConfig {
  dataset: DatasetName;
  activation: string;
  params: ParamValues;
  depth: number;
  width: number;
  steps: number;
  lr: number;
  optimizer: OptimizerName;
  seed: number;
  dtype: LabDType;
  /** null: the full dataset every step */
  batchSize: number | null;
  noise: number;
  points: number;
}

export interface DepthConfig {
  activation: string;
  params: ParamValues;
  depth: number;
  width: number;
  batch: number;
  seed: number;
  init: InitName;
  dtype: LabDType;
}

export const TRAIN_DEFAULTS: TrainConfig = {
  dataset: 'moons', activation: 'tanh', params: {}, depth: 2, width: 16, steps: 300, lr: 0.1, optimizer: 'sgd', seed: 0,
  dtype: 'float32', batchSize: null, noise: 0.1, points: 200,
};

export const DEPTH_DEFAULTS: DepthConfig = {
  activation: 'relu', params: {}, depth: 12, width: 64, batch: 128, seed: 0, init: 'default', dtype: 'float32',
};

/** Bounds that keep one run interactive on a laptop (and in a browser tab). */
export const LIMITS = {
  depth: [1, 50], width: [1, 512], steps: [1, 100000], points: [4, 5000], batch: [1, 4096], seed: [0, 2 ** 32 - 1],
  lr: [0, 10], noise: [0, 2], depthWidthBatch: 50 * 512 * 512,
} as const;

/** A refused setting: an English template with {0} placeholders, translated by the caller. */
export class LabConfigError extends Error {
  constructor(readonly template: string, readonly args: Array<string | number> = []) {
    super(template.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)])));
  }
}

function intIn(name: string, v: unknown, [lo, hi]: readonly [number, number]): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi)
    throw new LabConfigError('{0} must be a whole number from {1} to {2} (got {3}).', [name, lo, hi, show(v)]);
  return v;
}

function numIn(name: string, v: unknown, [lo, hi]: readonly [number, number], openLow = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi || (openLow && v === lo))
    throw new LabConfigError(openLow ? '{0} must be a number above {1} and at most {2} (got {3}).' : '{0} must be a number from {1} to {2} (got {3}).', [name, lo, hi, show(v)]);
  return v;
}

function oneOf<T extends string>(name: string, v: unknown, options: readonly T[]): T {
  if (typeof v !== 'string' || !(options as readonly string[]).includes(v))
    throw new LabConfigError('Unknown {0} "{1}"; expected one of: {2}.', [name, show(v), options.join(', ')]);
  return v as T;
}

function show(v: unknown): string {
  const s = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : v === null ? 'null' : typeof v;
  return s.length > 40 ? s.slice(0, 40) + '…' : s;
}

/** The catalog record of a lab activation, with its parameter values checked and defaults filled. */
export function resolveActivation(id: unknown, params: unknown): { spec: ActivationSpec; params: ParamValues } {
  const spec = typeof id === 'string' ? getActivation(id) : undefined;
  if (!spec || !spec.spellings.module) throw new LabConfigError('Unknown activation "{0}".', [show(id)]);
  const given = params && typeof params === 'object' && !Array.isArray(params) ? (params as Record<string, unknown>) : {};
  const out: ParamValues = {};
  for (const p of spec.params) {
    if (p.name === 'inplace') continue;
    const v = given[p.name] ?? p.default;
    if (p.kind === 'number') out[p.name] = p.integer ? intIn(p.name, v, [-8, 7]) : numIn(p.name, v, [-1e6, 1e6]);
    else if (p.kind === 'enum') out[p.name] = oneOf(p.name, v, p.options);
    else if (typeof v !== 'boolean') throw new LabConfigError('{0} must be true or false (got {1}).', [p.name, show(v)]);
    else out[p.name] = v;
  }
  for (const k of Object.keys(given))
    if (!spec.params.some((p) => p.name === k)) throw new LabConfigError('{0} has no parameter "{1}".', [spec.title, show(k)]);
  return { spec, params: out };
}

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** A full, checked TrainConfig from partial input (CLI flags, a webview message). */
export function checkTrainConfig(input: unknown): TrainConfig {
  const i = { ...TRAIN_DEFAULTS, ...record(input) } as Record<string, unknown>;
  const { params } = resolveActivation(i.activation, i.params);
  const points = intIn('points', i.points, LIMITS.points);
  const batch = i.batchSize === null || i.batchSize === undefined ? null : intIn('batch size', i.batchSize, [1, points]);
  const depth = intIn('depth', i.depth, LIMITS.depth);
  const width = intIn('width', i.width, LIMITS.width);
  return {
    dataset: oneOf('dataset', i.dataset, DATASETS),
    activation: i.activation as string,
    params,
    depth,
    width,
    steps: intIn('steps', i.steps, LIMITS.steps),
    lr: numIn('learning rate', i.lr, LIMITS.lr, true),
    optimizer: oneOf('optimizer', i.optimizer, OPTIMIZERS),
    seed: intIn('seed', i.seed, LIMITS.seed),
    dtype: oneOf('dtype', i.dtype, ['float32', 'float64'] as const),
    batchSize: batch,
    noise: numIn('noise', i.noise, LIMITS.noise),
    points,
  };
}

export function checkDepthConfig(input: unknown): DepthConfig {
  const i = { ...DEPTH_DEFAULTS, ...record(input) } as Record<string, unknown>;
  const { params } = resolveActivation(i.activation, i.params);
  const depth = intIn('depth', i.depth, LIMITS.depth);
  const width = intIn('width', i.width, LIMITS.width);
  const batch = intIn('batch', i.batch, LIMITS.batch);
  if (depth * width * Math.max(width, batch) > LIMITS.depthWidthBatch)
    throw new LabConfigError('depth × width × max(width, batch) must stay under {0} (got {1}).', [LIMITS.depthWidthBatch, depth * width * Math.max(width, batch)]);
  return {
    activation: i.activation as string,
    params,
    depth,
    width,
    batch,
    seed: intIn('seed', i.seed, LIMITS.seed),
    init: oneOf('init', i.init, INITS),
    dtype: oneOf('dtype', i.dtype, ['float32', 'float64'] as const),
  };
}
