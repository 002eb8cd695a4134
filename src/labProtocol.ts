// The typed messages between the lab panel's webview and the extension host, and their checks.
// The host checks every setting (src/lab/config.ts) before it reaches the worker; the webview
// checks every message before it draws. Nothing from the other side is trusted.
import type { RaceFrame, RaceSettings } from './lab/race';
import type { DepthConfig } from './lab/config';
import type { DepthResult } from './lab/depth';

export const LAB_VIEW_TYPE = 'activationLens.lab';

export interface LabState {
  tab: 'race' | 'depth';
  /** the race's settings as last asked for (checked again by the host on restore) */
  race: unknown;
  /** the depth view's configurations */
  depth: unknown[];
}

export interface LabActivationMeta { id: string; title: string; params: Array<{ name: string; kind: string; default: unknown; options?: string[] }> }

export type LabToHost =
  | { type: 'ready' }
  | { type: 'race'; settings: unknown }
  | { type: 'control'; action: 'play' | 'pause' | 'step' | 'reset' }
  | { type: 'depth'; configs: unknown[] }
  | { type: 'copyScript' }
  | { type: 'state'; state: LabState }
  | { type: 'problem'; kind: string; message: string };

export type LabToWebview =
  | { type: 'init'; strings: Record<string, string>; activations: LabActivationMeta[]; state: LabState }
  | { type: 'race'; settings: RaceSettings; points: { x: number[]; y: number[] }; extent: number }
  | { type: 'frame'; running: boolean; frame: RaceFrame }
  | { type: 'depth'; configs: DepthConfig[]; results: DepthResult[] }
  | { type: 'refused'; message: string }
  | { type: 'copied' };

const CONTROLS = new Set(['play', 'pause', 'step', 'reset']);

function isObj(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** A message from the webview, or undefined when it is not one of ours. */
export function validateLabToHost(m: unknown): LabToHost | undefined {
  if (!isObj(m) || typeof m.type !== 'string') return undefined;
  switch (m.type) {
    case 'ready':
    case 'copyScript':
      return { type: m.type };
    case 'race':
      return isObj(m.settings) ? { type: 'race', settings: m.settings } : undefined;
    case 'control':
      return typeof m.action === 'string' && CONTROLS.has(m.action) ? { type: 'control', action: m.action as 'play' } : undefined;
    case 'depth':
      return Array.isArray(m.configs) && m.configs.length <= 6 ? { type: 'depth', configs: m.configs } : undefined;
    case 'state': {
      const s = validateLabState(m.state);
      return s ? { type: 'state', state: s } : undefined;
    }
    case 'problem':
      return typeof m.kind === 'string' && typeof m.message === 'string' ? { type: 'problem', kind: m.kind.slice(0, 20), message: m.message.slice(0, 2000) } : undefined;
  }
  return undefined;
}

/** A saved or restored state: its shape only (the settings inside are checked when used). */
export function validateLabState(s: unknown): LabState | undefined {
  if (!isObj(s) || (s.tab !== 'race' && s.tab !== 'depth')) return undefined;
  if (JSON.stringify(s).length > 20000) return undefined;
  return { tab: s.tab, race: isObj(s.race) ? s.race : {}, depth: Array.isArray(s.depth) ? s.depth.slice(0, 6) : [] };
}

function finiteArray(v: unknown, max = 1e6): v is number[] {
  return Array.isArray(v) && v.length <= max && v.every((x) => typeof x === 'number');
}

/** A message from the host, or undefined (the webview refuses it and says so). */
export function validateLabToWebview(m: unknown): LabToWebview | undefined {
  if (!isObj(m) || typeof m.type !== 'string') return undefined;
  switch (m.type) {
    case 'init':
      return isObj(m.strings) && Array.isArray(m.activations) && validateLabState(m.state) ? (m as unknown as LabToWebview) : undefined;
    case 'race':
      return isObj(m.settings) && isObj(m.points) && finiteArray(m.points.x) && finiteArray(m.points.y) && typeof m.extent === 'number' ? (m as unknown as LabToWebview) : undefined;
    case 'frame': {
      const f = m.frame;
      if (!isObj(f) || typeof f.step !== 'number' || !Array.isArray(f.entries)) return undefined;
      if (!f.entries.every((e) => isObj(e) && typeof e.id === 'string' && finiteArray(e.losses) && finiteArray(e.accuracy) && finiteArray(e.dead))) return undefined;
      if (f.heatmaps !== undefined && !(isObj(f.heatmaps) && Array.isArray(f.heatmaps.maps) && f.heatmaps.maps.every((x) => finiteArray(x, 10000)))) return undefined;
      return m as unknown as LabToWebview;
    }
    case 'depth':
      return Array.isArray(m.configs) && Array.isArray(m.results) && m.results.every((r) => isObj(r) && Array.isArray(r.layers)) ? (m as unknown as LabToWebview) : undefined;
    case 'refused':
      return typeof m.message === 'string' ? { type: 'refused', message: m.message.slice(0, 500) } : undefined;
    case 'copied':
      return { type: 'copied' };
  }
  return undefined;
}

/** Every English string the lab webview shows; the host sends their translations with `init`. */
export const LAB_STRINGS = [
  'Activation Lab', 'Training race', 'Depth', 'Dataset', 'Noise', 'Points', 'Hidden layers', 'Width', 'Learning rate', 'Optimizer',
  'Batch size (0 = full)', 'Seed', 'Activations', 'Play', 'Pause', 'Step', 'Reset', 'Copy as PyTorch', 'Loss', 'Accuracy',
  'Dead units', 'Step {0} of {1}', 'Layer', 'Weight gradient norm (log scale)', 'Activation mean ± std', 'Dead share',
  'Activation distribution (1–99th percentile bands)', 'Run', 'Add configuration', 'Remove', 'Init', 'Batch', 'Activation',
  'Copied the script to the clipboard.', 'Refused: {0}', 'Pick 2 to 6 activations.', 'moons', 'circles', 'spiral', 'xor', 'blobs',
  'PyTorch default', 'Xavier uniform', 'Xavier normal', 'He (Kaiming) uniform', 'He (Kaiming) normal', 'Decision boundaries',
  'A message from the extension was refused: {0}', 'Steps',
] as const;
