// The training race: the same network, data, optimizer and seed trained with 2–6 activations
// side by side, one Trainer each, stepped in lockstep. Frames carry what the panel draws.
import { LabConfigError, checkTrainConfig, resolveActivation, type ActivationChoice, type TrainConfig } from './config';
import { Trainer } from './trainer';
import { extentOf } from './datasets';

export type RaceSettings = Omit<TrainConfig, 'activation' | 'params'> & { activations: ActivationChoice[] };

export interface RaceFrame {
  step: number;
  total: number;
  /** per entry, the records since the previous frame */
  entries: Array<{ id: string; losses: number[]; accuracy: number[]; dead: number[] }>;
  heatmaps?: { grid: number; extent: number; maps: number[][] };
}

export const HEATMAP_GRID = 40;

/** Checks a race (2–6 distinct activations, every setting in range) before anything runs. */
export function checkRace(input: unknown): RaceSettings {
  const r = input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const acts = r.activations;
  if (!Array.isArray(acts) || acts.length < 2 || acts.length > 6)
    throw new LabConfigError('A race takes 2 to 6 activations (got {0}).', [Array.isArray(acts) ? acts.length : 0]);
  const choices: ActivationChoice[] = acts.map((a) => {
    const o: Record<string, unknown> = a && typeof a === 'object' ? (a as Record<string, unknown>) : { id: a };
    const { params } = resolveActivation(o.id, o.params);
    return { id: o.id as string, params };
  });
  const ids = choices.map((c) => c.id + JSON.stringify(c.params));
  if (new Set(ids).size !== ids.length) throw new LabConfigError('Each activation can race only once.');
  const base = checkTrainConfig({ ...r, activations: undefined, activation: choices[0].id, params: choices[0].params });
  const { activation: _a, params: _p, ...rest } = base;
  return { ...rest, activations: choices };
}

export function configsOf(s: RaceSettings): TrainConfig[] {
  const { activations, ...rest } = s;
  return activations.map((a) => ({ ...rest, activation: a.id, params: a.params ?? {} }));
}

export class Race {
  readonly trainers: Trainer[];
  private sent = 0;
  readonly extent: number;

  constructor(readonly settings: RaceSettings) {
    this.trainers = configsOf(settings).map((c) => new Trainer(c));
    this.extent = extentOf(this.trainers[0].data);
  }

  get step(): number {
    return this.trainers[0].steps;
  }

  get done(): boolean {
    return this.step >= this.settings.steps;
  }

  /** Up to `n` more steps of every entry (never past the configured total). */
  advance(n: number): void {
    const k = Math.min(n, this.settings.steps - this.step);
    for (let i = 0; i < k; i++) for (const t of this.trainers) t.step();
  }

  /** What happened since the last frame, and the heatmaps now when asked. */
  frame(withHeatmaps: boolean): RaceFrame {
    const from = this.sent;
    this.sent = this.step;
    return {
      step: this.step,
      total: this.settings.steps,
      entries: this.trainers.map((t) => ({ id: t.cfg.activation, losses: t.losses.slice(from), accuracy: t.accuracy.slice(from), dead: t.dead.slice(from) })),
      ...(withHeatmaps ? { heatmaps: { grid: HEATMAP_GRID, extent: this.extent, maps: this.trainers.map((t) => Array.from(t.heatmap(HEATMAP_GRID, this.extent))) } } : {}),
    };
  }

  /** The points, for the heatmaps' scatter. */
  points(): { x: number[]; y: number[] } {
    const d = this.trainers[0].data;
    return { x: Array.from(d.x), y: Array.from(d.y) };
  }
}
