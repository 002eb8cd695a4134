// The Activation Lab's webview: the training race and the depth view. Draws what the host sends
// (frames from the lab worker, depth statistics) and sends back what the user sets; computes
// nothing of its own. Every message is checked (src/labProtocol.ts); state is kept with setState.
import {
  Chart, LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Filler, Legend, type ChartDataset,
} from 'chart.js';
import { validateLabToWebview, type LabActivationMeta, type LabState, type LabToHost, type LabToWebview } from '../src/labProtocol';
import { readTheme, watchTheme } from './theme';
import { logTickLabels } from '../src/render/logTicks';
import './lab.css';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Filler, Legend);

interface VsCodeApi { postMessage(m: unknown): void; getState(): unknown; setState(s: unknown): void }
declare function acquireVsCodeApi(): VsCodeApi;
const api = acquireVsCodeApi();
const post = (m: LabToHost) => api.postMessage(m);

let strings: Record<string, string> = {};
const t = (m: string, ...a: Array<string | number>) =>
  (Object.prototype.hasOwnProperty.call(strings, m) ? strings[m] : m).replace(/\{(\d+)\}/g, (x, i: string) => (Number(i) < a.length ? String(a[Number(i)]) : x));

window.addEventListener('error', (e) => post({ type: 'problem', kind: 'error', message: `${e.message} (${e.filename}:${e.lineno})` }));
document.addEventListener('securitypolicyviolation', (e) => post({ type: 'problem', kind: 'csp', message: `${e.violatedDirective} ${e.blockedURI}` }));

const root = document.getElementById('lab')!;
let activations: LabActivationMeta[] = [];
let state: LabState = { tab: 'race', race: {}, depth: [] };
let running = false;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...kids: Array<Node | string>): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const k of kids) e.append(k);
  return e;
}

function save(): void {
  api.setState(state);
  post({ type: 'state', state });
}

const banner = el('div', { class: 'banner', role: 'alert', hidden: '' });
function say(message: string, bad = true): void {
  banner.textContent = message;
  banner.className = bad ? 'banner bad' : 'banner';
  banner.hidden = false;
}

// ---------- charts

function logTickCallback(v: number | string, _i: number, ticks: Array<{ value: number }>): string {
  return logTickLabels(ticks.map((k) => k.value)).get(Number(v)) ?? '';
}

function lineChart(canvas: HTMLCanvasElement, yLog: boolean, yLabel: string, xLabel = ''): Chart<'line'> {
  const th = readTheme();
  return new Chart(canvas, {
    type: 'line',
    data: { datasets: [] },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false, parsing: false, normalized: true,
      plugins: { legend: { labels: { color: th.fg, boxWidth: 12 } } },
      scales: {
        x: { type: 'linear', ticks: { color: th.muted }, grid: { color: th.grid }, title: { display: !!xLabel, text: xLabel, color: th.muted } },
        y: {
          type: yLog ? 'logarithmic' : 'linear', grid: { color: th.grid }, title: { display: true, text: yLabel, color: th.muted },
          ticks: yLog ? { color: th.muted, callback: logTickCallback } : { color: th.muted },
        },
      },
      elements: { point: { radius: 0 }, line: { borderWidth: 1.5 } },
    },
  });
}

function series(label: string, i: number, data: Array<{ x: number; y: number }> = [], extra: Partial<ChartDataset<'line'>> = {}): ChartDataset<'line'> {
  const c = readTheme().series[i % 6];
  return { label, data, borderColor: c, backgroundColor: c, ...extra } as ChartDataset<'line'>;
}

// ---------- the race

const race = {
  section: el('section', { id: 'race' }),
  controls: el('div', { class: 'controls' }),
  acts: el('div', { class: 'acts' }),
  status: el('span', { class: 'status', id: 'race-status' }),
  heat: el('div', { class: 'heatmaps', id: 'heatmaps' }),
  charts: {} as Record<'loss' | 'acc' | 'dead', Chart<'line'>>,
  points: { x: [] as number[], y: [] as number[] },
  extent: 1,
  ids: [] as string[],
  buttons: {} as Record<string, HTMLButtonElement>,
};

function raceSettings(): Record<string, unknown> {
  return state.race as Record<string, unknown>;
}

function field(label: string, key: string, kind: 'number' | 'select', options: string[] = [], step = 'any'): HTMLElement {
  const s = raceSettings();
  const id = `race-${key}`;
  let input: HTMLInputElement | HTMLSelectElement;
  if (kind === 'select') {
    input = el('select', { id });
    for (const o of options) input.append(el('option', { value: o }, t(o)));
    input.value = String(s[key] ?? options[0]);
  } else {
    input = el('input', { id, type: 'number', step });
    input.value = s[key] === null || s[key] === undefined ? '0' : String(s[key]);
  }
  input.addEventListener('change', () => {
    const raw = input.value;
    let v: unknown = kind === 'number' ? (raw.trim() === '' ? Number.NaN : Number(raw)) : raw;
    if (key === 'batchSize' && v === 0) v = null;
    state.race = { ...raceSettings(), [key]: v };
    save();
    post({ type: 'race', settings: state.race });
  });
  return el('label', {}, el('span', {}, t(label)), input);
}

function buildRace(): void {
  race.section.replaceChildren();
  race.controls.replaceChildren(
    field('Dataset', 'dataset', 'select', ['moons', 'circles', 'spiral', 'xor', 'blobs']),
    field('Noise', 'noise', 'number', [], '0.05'),
    field('Points', 'points', 'number', [], '50'),
    field('Hidden layers', 'depth', 'number', [], '1'),
    field('Width', 'width', 'number', [], '1'),
    field('Learning rate', 'lr', 'number', [], '0.01'),
    field('Optimizer', 'optimizer', 'select', ['sgd', 'adam']),
    field('Batch size (0 = full)', 'batchSize', 'number', [], '1'),
    field('Seed', 'seed', 'number', [], '1'),
    field('Steps', 'steps', 'number', [], '100'),
  );
  const chosen = new Set(((raceSettings().activations as Array<{ id: string }>) ?? []).map((a) => a.id));
  race.acts.replaceChildren(el('span', { class: 'label' }, t('Activations')));
  for (const a of activations) {
    const box = el('input', { type: 'checkbox', value: a.id, 'data-act': a.id });
    box.checked = chosen.has(a.id);
    box.addEventListener('change', () => {
      const ids = Array.from(race.acts.querySelectorAll<HTMLInputElement>('input:checked'), (b) => b.value);
      if (ids.length < 2 || ids.length > 6) {
        say(t('Pick 2 to 6 activations.'));
        box.checked = !box.checked;
        return;
      }
      state.race = { ...raceSettings(), activations: ids.map((id) => ({ id })) };
      save();
      post({ type: 'race', settings: state.race });
    });
    race.acts.append(el('label', { class: 'chip' }, box, a.title));
  }
  const btn = (id: string, label: string, on: () => void) => {
    const b = el('button', { id: `lab-${id}`, type: 'button' }, t(label));
    b.addEventListener('click', on);
    race.buttons[id] = b;
    return b;
  };
  const bar = el('div', { class: 'buttons' },
    btn('play', 'Play', () => post({ type: 'control', action: running ? 'pause' : 'play' })),
    btn('step', 'Step', () => post({ type: 'control', action: 'step' })),
    btn('reset', 'Reset', () => post({ type: 'control', action: 'reset' })),
    btn('copy', 'Copy as PyTorch', () => post({ type: 'copyScript' })),
    race.status,
  );
  const chartBox = (id: string) => {
    const c = el('canvas', { id });
    race.section.append(el('div', { class: 'chart' }, c));
    return c;
  };
  race.section.append(race.controls, race.acts, bar);
  const charts = el('div', { class: 'charts' });
  race.section.append(charts);
  const mk = (id: string) => {
    const c = el('canvas', { id });
    charts.append(el('div', { class: 'chart' }, c));
    return c;
  };
  for (const c of Object.values(race.charts)) c.destroy();
  race.charts = { loss: lineChart(mk('chart-loss'), true, t('Loss')), acc: lineChart(mk('chart-accuracy'), false, t('Accuracy')), dead: lineChart(mk('chart-dead'), false, t('Dead units')) };
  void chartBox;
  race.section.append(el('h3', {}, t('Decision boundaries')), race.heat);
}

function onRace(m: Extract<LabToWebview, { type: 'race' }>): void {
  race.points = m.points;
  race.extent = m.extent;
  race.ids = m.settings.activations.map((a) => a.id);
  const title = (id: string) => activations.find((a) => a.id === id)?.title ?? id;
  for (const c of Object.values(race.charts)) {
    c.data.datasets = race.ids.map((id, i) => series(title(id), i));
    c.update('none');
  }
  race.heat.replaceChildren(...race.ids.map((id, i) => el('figure', {}, el('canvas', { width: '160', height: '160', 'data-heat': String(i), class: 'heat' }), el('figcaption', {}, title(id)))));
  banner.hidden = true;
}

function onFrame(m: Extract<LabToWebview, { type: 'frame' }>): void {
  running = m.running;
  const f = m.frame;
  const keys = [['loss', 'losses'], ['acc', 'accuracy'], ['dead', 'dead']] as const;
  f.entries.forEach((e, i) => {
    for (const [chart, field] of keys) {
      const ds = race.charts[chart].data.datasets[i];
      if (!ds) continue;
      const data = ds.data as Array<{ x: number; y: number }>;
      const vals = e[field];
      const start = f.step - vals.length;
      if (start === 0) data.length = 0;
      vals.forEach((v, k) => data.push({ x: start + k + 1, y: chart === 'loss' ? Math.max(v, 1e-6) : v }));
    }
  });
  for (const c of Object.values(race.charts)) c.update('none');
  race.status.textContent = t('Step {0} of {1}', f.step, f.total);
  if (race.buttons.play) race.buttons.play.textContent = t(running ? 'Pause' : 'Play');
  document.body.dataset.raceStep = String(f.step);
  document.body.dataset.running = String(running);
  if (f.heatmaps) drawHeatmaps(f.heatmaps);
}

function drawHeatmaps(h: { grid: number; extent: number; maps: number[][] }): void {
  const th = readTheme();
  const neg = rgb(th.series[1]);
  const pos = rgb(th.series[0]);
  h.maps.forEach((map, i) => {
    const canvas = race.heat.querySelector<HTMLCanvasElement>(`canvas[data-heat="${i}"]`);
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const img = ctx.createImageData(h.grid, h.grid);
    for (let k = 0; k < map.length; k++) {
      const p = map[k];
      const c = p >= 0.5 ? pos : neg;
      const a = Math.abs(p - 0.5) * 2;
      img.data.set([c[0], c[1], c[2], Math.round(40 + 170 * a)], 4 * k);
    }
    const off = document.createElement('canvas');
    off.width = off.height = h.grid;
    off.getContext('2d')!.putImageData(img, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(off, 0, 0, canvas.width, canvas.height);
    const { x, y } = race.points;
    for (let j = 0; j < y.length; j++) {
      const px = ((x[2 * j] + h.extent) / (2 * h.extent)) * canvas.width;
      const py = ((h.extent - x[2 * j + 1]) / (2 * h.extent)) * canvas.height;
      ctx.fillStyle = y[j] > 0.5 ? th.series[0] : th.series[1];
      ctx.strokeStyle = th.fg;
      ctx.lineWidth = 0.5;
      ctx.beginPath();
      ctx.arc(px, py, 2.2, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  });
}

function rgb(css: string): [number, number, number] {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  const h = /^#([0-9a-f]{6})/i.exec(css);
  return h ? [0, 2, 4].map((i) => parseInt(h[1].slice(i, i + 2), 16)) as [number, number, number] : [128, 128, 128];
}

// ---------- the depth view

const depth = {
  section: el('section', { id: 'depth' }),
  rows: el('div', { class: 'depth-rows' }),
  charts: {} as Record<'grad' | 'mean' | 'dead' | 'bands', Chart<'line'>>,
};
const INITS: Array<[string, string]> = [['default', 'PyTorch default'], ['xavier_uniform', 'Xavier uniform'], ['xavier_normal', 'Xavier normal'], ['kaiming_uniform', 'He (Kaiming) uniform'], ['kaiming_normal', 'He (Kaiming) normal']];

function depthRow(cfg: Record<string, unknown>, i: number): HTMLElement {
  const set = (k: string, v: unknown) => {
    const list = [...state.depth] as Array<Record<string, unknown>>;
    list[i] = { ...list[i], [k]: v };
    state.depth = list;
    save();
  };
  const act = el('select', { 'data-depth-act': String(i) });
  for (const a of activations) act.append(el('option', { value: a.id }, a.title));
  act.value = String(cfg.activation ?? 'relu');
  act.addEventListener('change', () => set('activation', act.value));
  const init = el('select', { 'data-depth-init': String(i) });
  for (const [v, label] of INITS) init.append(el('option', { value: v }, t(label)));
  init.value = String(cfg.init ?? 'default');
  init.addEventListener('change', () => set('init', init.value));
  const num = (k: string, label: string) => {
    const inp = el('input', { type: 'number', 'data-depth-num': `${k}-${i}` });
    inp.value = String(cfg[k] ?? '');
    inp.addEventListener('change', () => set(k, inp.value.trim() === '' ? Number.NaN : Number(inp.value)));
    return el('label', {}, el('span', {}, t(label)), inp);
  };
  const remove = el('button', { type: 'button' }, t('Remove'));
  remove.addEventListener('click', () => {
    state.depth = state.depth.filter((_x, k) => k !== i);
    save();
    buildDepthRows();
  });
  return el('div', { class: 'depth-row' }, el('label', {}, el('span', {}, t('Activation')), act), el('label', {}, el('span', {}, t('Init')), init),
    num('depth', 'Hidden layers'), num('width', 'Width'), num('batch', 'Batch'), num('seed', 'Seed'), remove);
}

function buildDepthRows(): void {
  depth.rows.replaceChildren(...(state.depth as Array<Record<string, unknown>>).map(depthRow));
}

function buildDepth(): void {
  depth.section.replaceChildren();
  buildDepthRows();
  const add = el('button', { type: 'button' }, t('Add configuration'));
  add.addEventListener('click', () => {
    if (state.depth.length >= 6) return;
    state.depth = [...state.depth, { ...(state.depth[state.depth.length - 1] as object ?? { activation: 'relu', depth: 20, width: 64, batch: 128, seed: 0, init: 'default' }) }];
    save();
    buildDepthRows();
  });
  const run = el('button', { type: 'button', id: 'depth-run' }, t('Run'));
  run.addEventListener('click', () => post({ type: 'depth', configs: state.depth }));
  const charts = el('div', { class: 'charts' });
  const mk = (id: string) => {
    const c = el('canvas', { id });
    charts.append(el('div', { class: 'chart' }, c));
    return c;
  };
  depth.section.append(depth.rows, el('div', { class: 'buttons' }, add, run), charts);
  for (const c of Object.values(depth.charts)) c.destroy();
  depth.charts = {
    grad: lineChart(mk('chart-grad'), true, t('Weight gradient norm (log scale)'), t('Layer')),
    mean: lineChart(mk('chart-mean'), false, t('Activation mean ± std'), t('Layer')),
    dead: lineChart(mk('chart-dead-depth'), false, t('Dead share'), t('Layer')),
    bands: lineChart(mk('chart-bands'), false, t('Activation distribution (1–99th percentile bands)'), t('Layer')),
  };
}

let lastDepth: Extract<LabToWebview, { type: 'depth' }> | null = null;

function onDepth(m: Extract<LabToWebview, { type: 'depth' }>): void {
  lastDepth = m;
  const name = (c: { activation: string; init: string }) => `${activations.find((a) => a.id === c.activation)?.title ?? c.activation} · ${t(INITS.find(([v]) => v === c.init)?.[1] ?? c.init)}`;
  const grad: ChartDataset<'line'>[] = [];
  const mean: ChartDataset<'line'>[] = [];
  const dead: ChartDataset<'line'>[] = [];
  const bands: ChartDataset<'line'>[] = [];
  m.results.forEach((r, i) => {
    const c = m.configs[i];
    const pts = (f: (l: (typeof r.layers)[number]) => number) => r.layers.map((l, k) => ({ x: k + 1, y: f(l) }));
    grad.push(series(name(c), i, pts((l) => Math.max(l.weightGradNorm, 1e-30)), { pointRadius: 2 }));
    mean.push(series(name(c), i, pts((l) => l.activationMean)));
    mean.push(series('', i, pts((l) => l.activationMean + l.activationStd), { borderDash: [4, 3], borderWidth: 1 }));
    mean.push(series('', i, pts((l) => l.activationMean - l.activationStd), { borderDash: [4, 3], borderWidth: 1 }));
    dead.push(series(name(c), i, pts((l) => l.deadFraction)));
    const col = readTheme().series[i % 6];
    // p1–p99, p5–p95, p25–p75 as filled bands around the median
    const fill = (lo: number, hi: number, alpha: string) => {
      bands.push(series('', i, pts((l) => l.percentiles[lo]), { borderWidth: 0 }));
      bands.push(series('', i, pts((l) => l.percentiles[hi]), { borderWidth: 0, fill: '-1', backgroundColor: col.replace('rgb(', 'rgba(').replace(')', `, ${alpha})`) }));
    };
    fill(0, 6, '0.12');
    fill(1, 5, '0.2');
    fill(2, 4, '0.35');
    bands.push(series(name(c), i, pts((l) => l.percentiles[3])));
  });
  depth.charts.grad.data.datasets = grad;
  depth.charts.mean.data.datasets = mean;
  depth.charts.dead.data.datasets = dead;
  depth.charts.bands.data.datasets = bands;
  for (const c of [depth.charts.mean, depth.charts.bands]) c.options.plugins!.legend!.labels!.filter = (item) => !!item.text;
  for (const c of Object.values(depth.charts)) c.update('none');
  document.body.dataset.depthRuns = String(Number(document.body.dataset.depthRuns ?? 0) + 1);
  banner.hidden = true;
}

// ---------- shell

const tabs = el('nav', { class: 'tabs', role: 'tablist' });
function showTab(tab: 'race' | 'depth'): void {
  state.tab = tab;
  race.section.hidden = tab !== 'race';
  depth.section.hidden = tab !== 'depth';
  for (const b of Array.from(tabs.children) as HTMLElement[]) b.setAttribute('aria-selected', String(b.dataset.tab === tab));
  save();
  if (tab === 'depth' && !document.body.dataset.depthRuns) post({ type: 'depth', configs: state.depth });
}

function buildShell(): void {
  tabs.replaceChildren();
  for (const [tab, label] of [['race', 'Training race'], ['depth', 'Depth']] as const) {
    const b = el('button', { type: 'button', role: 'tab', 'data-tab': tab, id: `tab-${tab}` }, t(label));
    b.addEventListener('click', () => showTab(tab));
    tabs.append(b);
  }
  root.replaceChildren(el('h2', {}, t('Activation Lab')), tabs, banner, race.section, depth.section);
  root.setAttribute('aria-busy', 'false');
}

window.addEventListener('message', (ev: MessageEvent) => {
  const m = validateLabToWebview(ev.data);
  if (!m) {
    say(t('A message from the extension was refused: {0}', String((ev.data as { type?: unknown })?.type ?? typeof ev.data).slice(0, 40)));
    return;
  }
  switch (m.type) {
    case 'init':
      strings = m.strings;
      activations = m.activations;
      state = m.state;
      buildShell();
      buildRace();
      buildDepth();
      showTab(state.tab);
      post({ type: 'race', settings: state.race });
      if (state.tab === 'depth') post({ type: 'depth', configs: state.depth });
      document.body.dataset.ready = 'true';
      break;
    case 'race':
      onRace(m);
      break;
    case 'frame':
      onFrame(m);
      break;
    case 'depth':
      onDepth(m);
      break;
    case 'refused':
      say(t('Refused: {0}', m.message));
      document.body.dataset.refused = String(Number(document.body.dataset.refused ?? 0) + 1);
      break;
    case 'copied':
      say(t('Copied the script to the clipboard.'), false);
      break;
  }
});

watchTheme(() => {
  if (!activations.length) return;
  buildRace();
  buildDepth();
  showTab(state.tab);
  post({ type: 'race', settings: state.race });
});

/** Read-only hooks for the browser checks: the state, the last depth run, painted pixels of a canvas, a chart's y labels. */
(window as unknown as { activationLab: unknown }).activationLab = {
  state: () => state,
  yLabels: (selector: string) => {
    const c = document.querySelector<HTMLCanvasElement>(selector);
    const chart = c ? Chart.getChart(c) : undefined;
    return (chart?.scales.y?.ticks ?? []).map((k) => String(k.label ?? '')).filter((l) => l !== '');
  },
  depth: () => lastDepth && { configs: lastDepth.configs, grad: lastDepth.results.map((r) => r.layers.map((l) => l.weightGradNorm)) },
  painted: (selector: string) => {
    const c = document.querySelector<HTMLCanvasElement>(selector);
    const ctx = c?.getContext('2d');
    if (!c || !ctx || !c.width || !c.height) return 0;
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  },
};

// A restored panel's own saved state goes first; the host answers `ready` with `init`.
post({ type: 'ready' });
