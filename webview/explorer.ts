// The Activation Explorer panel: activation picker and parameters (one card per compared
// activation), range presets, the f/f' charts with zones and crosshair, formula, facts, advice,
// data tables, and the softmax playground tab. Every change goes to the host as a new state; the
// host answers with series computed by its engine.
import { readNumber, readNumberList, showNumberList } from '../src/fieldInput';
import {
  ARTICLE_SCORES, MAX_ABS_RANGE, MAX_ABS_SCORE, MAX_POINTS, MAX_SCORES, MAX_TEMPERATURE, MIN_POINTS, MIN_TEMPERATURE, MAX_TRACES,
  validateRange, validateSoftmaxInput, validateState,
  type ActivationMeta, type CatalogIndex, type ExplorerState, type FormulaImage, type SeriesTrace, type SoftmaxResult, type ToWebview, type Trace,
} from '../src/protocol';
import { ChartPair, BarChart, fmt } from './charts';
import { h, nodes, on, valueOf } from './dom';
import { formulaSpan } from './formulaImage';
import { post, saveState, t } from './host';
import { measuredFacts } from './facts';
import { paramControls } from './params';
import { readTheme, watchTheme } from './theme';

type SeriesMsg = Extract<ToWebview, { type: 'series' }>;

const PRESETS: Array<{ label: string; min: number; max: number; points?: number }> = [
  { label: '−20…20', min: -20, max: 20, points: 1000 },
  { label: '−10…10', min: -10, max: 10 },
  { label: '−6…6', min: -6, max: 6 },
  { label: '−3…3', min: -3, max: 3 },
  { label: '−1…1', min: -1, max: 1 },
];

export class Explorer {
  private state: ExplorerState;
  private byId: Map<string, ActivationMeta>;
  private charts: ChartPair;
  /** The softmax tab's chart and controls: built after the first charts are on screen, or when that tab is shown. */
  private bars: BarChart | undefined;
  private softmaxView = h('vscode-panel-view', { id: 'view-softmax' });
  private pendingSoftmax: SoftmaxResult | undefined;
  private lastInput = -1;
  private firstPaintSent = false;
  private tracesBox = h('div', { class: 'traces' });
  private legend = h('ul', { class: 'legend', 'aria-label': t('Comparison') });
  private info = h('section', { class: 'info' });
  private notice = h('div', { class: 'notice', role: 'status', 'aria-live': 'polite', hidden: true });
  private rangeFields: Record<'min' | 'max' | 'points', HTMLElement>;
  private tables = h('div', { class: 'tables' });
  private tablesOpen = false;
  private softmaxBox: { scores: HTMLElement; temp: HTMLInputElement; tempField: HTMLElement; code: HTMLElement; out: HTMLElement; logOut: HTMLElement; stable: HTMLElement; naive: HTMLElement; probsTable: HTMLElement };
  private panels!: HTMLElement;
  private formulas = new Map<string, { f: FormulaImage; df: FormulaImage }>();
  private timingsEl = h('span', { class: 'timing muted small', 'aria-hidden': 'true' });
  /** Whose zones are shaded: with several activations compared, the legend picks one. */
  private zonesKey = h('span', { class: 'zones-of' });

  constructor(private root: HTMLElement, catalog: ActivationMeta[], private index: CatalogIndex, state: ExplorerState) {
    this.state = state;
    this.byId = new Map(catalog.map((a) => [a.id, a]));
    this.charts = new ChartPair({});
    this.rangeFields = {
      min: h('vscode-text-field', { size: '6', 'aria-label': t('Minimum'), 'data-range': 'min' }, t('Minimum')),
      max: h('vscode-text-field', { size: '6', 'aria-label': t('Maximum'), 'data-range': 'max' }, t('Maximum')),
      points: h('vscode-text-field', { size: '7', 'aria-label': t('Points'), 'data-range': 'points' }, t('Points')),
    };
    const tempField = h('vscode-text-field', { size: '5', 'aria-label': t('Temperature'), id: 'temp-field' });
    this.softmaxBox = {
      scores: h('vscode-text-field', { id: 'scores', class: 'scores-field', 'aria-label': t('Scores'), placeholder: t('comma-separated numbers') }, t('Scores')),
      temp: h('input', { type: 'range', id: 'temp', min: '0.1', max: '5', step: '0.05', 'aria-label': t('Temperature') }),
      tempField,
      code: h('pre', { class: 'code', id: 'softmax-code' }),
      out: h('pre', { class: 'code out', id: 'softmax-printout', 'aria-label': t('Probabilities') }),
      logOut: h('pre', { class: 'code out', id: 'log-softmax-printout' }),
      stable: h('pre', { class: 'code out', id: 'overflow-stable' }),
      naive: h('pre', { class: 'code out', id: 'overflow-naive' }),
      probsTable: h('div', { class: 'probs-table' }),
    };
    this.layout();
    this.syncControls();
    watchTheme(() => { this.charts.retheme(); this.bars?.retheme(); this.renderLegend(); this.renderInfo(); this.renderTraces(false); });
    this.afterFirstPaint(() => {
      this.settled = true;
      for (const fill of this.pendingOptions.splice(0)) fill();
    });
    if (state.tab === 'softmax') this.buildSoftmax();
    else this.afterFirstPaint(() => this.buildSoftmax());
  }

  /** Whether the first charts are on screen (see afterFirstPaint). */
  private settled = false;
  private pendingOptions: Array<() => void> = [];

  /**
   * Fills a dropdown with every activation. Until the first charts are on screen it holds only
   * the options up to the one it shows (the closed dropdown looks the same); the others, most of
   * the 50-odd toolkit elements across the dropdowns, follow right after. (Only after it: the
   * toolkit keeps the selected index, not the value, when options arrive.)
   */
  private activationOptions(dd: HTMLElement, selected?: string) {
    const all = [...this.byId.values()];
    const option = (a: ActivationMeta) => h('vscode-option', { value: a.id, selected: a.id === selected }, a.title);
    const shown = this.settled ? all.length : Math.max(0, all.findIndex((a) => a.id === selected)) + 1;
    dd.append(...all.slice(0, shown).map(option));
    if (shown < all.length) this.pendingOptions.push(() => dd.append(...all.slice(shown).map(option)));
  }

  /**
   * Work the first charts do not need waits until they are on screen: until the document's
   * first contentful paint has been presented (VS Code shows the webview at its load event; the
   * frame after that paints it). Started earlier, it would compete with that frame's raster on a
   * busy machine. A timer guards against a paint that is never reported.
   */
  private afterFirstPaint(fn: () => void) {
    let done = false;
    const run = () => { if (!done) { done = true; fn(); } };
    try {
      const seen = new PerformanceObserver((list) => {
        if (!list.getEntries().some((e) => e.name === 'first-contentful-paint')) return;
        seen.disconnect();
        setTimeout(run, 0);
      });
      seen.observe({ type: 'paint', buffered: true });
    } catch { /* no paint timing here: the timer runs it */ }
    setTimeout(run, 1500);
  }

  private buildSoftmax() {
    if (this.bars) return;
    this.bars = new BarChart(t('Bar chart of softmax probabilities'));
    this.softmaxView.append(this.softmaxTab(this.bars));
    this.syncSoftmaxControls();
    const r = this.pendingSoftmax;
    this.pendingSoftmax = undefined;
    if (r) this.onSoftmax(r);
  }

  // ------------------------------------------------------------ layout
  private layout() {
    const tabs = h('vscode-panels', { 'aria-label': t('Activation Explorer'), activeid: this.state.tab === 'softmax' ? 'tab-softmax' : 'tab-charts' },
      h('vscode-panel-tab', { id: 'tab-charts' }, t('Charts')),
      h('vscode-panel-tab', { id: 'tab-softmax' }, t('Softmax playground')),
      h('vscode-panel-view', { id: 'view-charts' }, this.chartsView()),
      this.softmaxView,
    );
    this.panels = tabs;
    on(tabs, 'change', () => {
      const active = (tabs as unknown as { activeid?: string }).activeid;
      const tab = active === 'tab-softmax' ? 'softmax' : 'charts';
      if (tab === 'softmax') this.buildSoftmax();
      if (tab !== this.state.tab) this.update({ ...this.state, tab }, false);
    });
    this.root.append(this.notice, tabs);
  }

  private chartsView(): HTMLElement {
    const add = h('vscode-dropdown', { id: 'add-activation', 'aria-label': t('Compare with') });
    this.activationOptions(add);
    const addBtn = h('vscode-button', { id: 'add-button', appearance: 'secondary' }, t('Add to comparison'));
    this.addDropdown = add;
    this.addButton = addBtn;
    on(add, 'change', () => this.syncAddButton());
    on(addBtn, 'click', () => {
      const tr = this.defaultTrace(valueOf(add) || 'relu');
      if (this.state.traces.length >= MAX_TRACES || this.isCompared(tr)) return this.syncAddButton();
      this.markInput();
      this.update({ ...this.state, traces: [...this.state.traces, tr] });
    });

    const presets = h('div', { class: 'presets', role: 'group', 'aria-label': t('Presets') });
    for (const p of PRESETS) {
      const b = h('vscode-button', { appearance: 'secondary', class: 'preset', title: p.min === -20 ? t('Full range (the article)') : '' }, p.label);
      on(b, 'click', () => { this.markInput(); this.setRange({ min: p.min, max: p.max, points: p.points ?? this.state.range.points }); });
      presets.append(b);
    }
    const own = h('vscode-button', { appearance: 'secondary', class: 'preset', id: 'preset-own', title: t("The activation's own range") }, t('Auto'));
    on(own, 'click', () => {
      const m = this.byId.get(this.state.traces[0].id);
      if (m) { this.markInput(); this.setRange({ min: m.plotRange[0], max: m.plotRange[1], points: this.state.range.points }); }
    });
    presets.append(own);
    for (const f of Object.values(this.rangeFields)) {
      on(f, 'change', () => this.rangeFromFields());
      on(f, 'keydown', (e: KeyboardEvent) => { if (e.key === 'Enter') this.rangeFromFields(); });
    }

    const copy = h('vscode-button', { id: 'copy-script', appearance: 'primary' }, t('Copy script'));
    on(copy, 'click', () => post({ type: 'copyScript' }));
    const exp = h('vscode-button', { id: 'export-png', appearance: 'secondary' }, t('Export PNG'));
    on(exp, 'click', () => {
      const png = this.charts.toPng({
        f: t('Function f(x)'), df: t("Derivative f'(x)"), zones: this.zonesKey.textContent ?? '',
        vanish: t('gradient vanishes (|f\'| < 0.01)'), dead: t('gradient is zero (dead units)'),
      });
      document.body.dataset.exported = `${png.width}x${png.height}`;
      if (png.dataUrl) post({ type: 'exportPng', dataUrl: png.dataUrl, name: `${this.state.traces.map((tr) => tr.id).join('-')}.png` });
    });
    const tableBtn = h('vscode-button', { id: 'toggle-table', appearance: 'secondary', 'aria-expanded': 'false' }, t('Show data table'));
    on(tableBtn, 'click', () => {
      this.tablesOpen = !this.tablesOpen;
      tableBtn.setAttribute('aria-expanded', String(this.tablesOpen));
      tableBtn.textContent = this.tablesOpen ? t('Hide data table') : t('Show data table');
      this.tables.hidden = !this.tablesOpen;
      this.renderTables();
    });
    this.tables.hidden = true;

    const controls = h('aside', { class: 'controls', 'aria-label': t('Parameters') },
      h('h2', { class: 'section-title' }, t('Activation')),
      this.tracesBox,
      h('div', { class: 'add-row' }, add, addBtn),
      this.addHint,
      h('h2', { class: 'section-title' }, t('x range')),
      presets,
      h('div', { class: 'range-row' }, this.rangeFields.min, this.rangeFields.max, this.rangeFields.points),
    );
    const main = h('div', { class: 'main' },
      h('div', { class: 'chart-head' }, this.legend, h('div', { class: 'actions' }, this.timingsEl, tableBtn, exp, copy)),
      this.charts.root,
      h('div', { class: 'zone-key muted small' },
        this.zonesKey,
        h('span', { class: 'zone-swatch vanish' }), t('gradient vanishes (|f\'| < 0.01)'),
        h('span', { class: 'zone-swatch dead' }), t('gradient is zero (dead units)')),
      this.charts.readout,
      this.tables,
      this.info,
    );
    return h('div', { class: 'explorer' }, controls, main);
  }

  private softmaxTab(bars: BarChart): HTMLElement {
    const b = this.softmaxBox;
    const reset = h('vscode-button', { appearance: 'secondary', id: 'reset-scores' }, t('Reset to the article\'s scores'));
    on(reset, 'click', () => {
      this.markInput();
      this.update({ ...this.state, softmax: { scores: [...ARTICLE_SCORES], temperature: 1 } });
      this.syncSoftmaxControls();
    });
    // A refused value does not stay in its field: the field shows the last accepted one again,
    // so what is on screen is what the charts, the printout and the copied code use.
    const refuse = (message: string) => {
      this.syncSoftmaxControls();
      this.show(t('Refused: {0}', message), true);
    };
    const commitScores = () => {
      const read = readNumberList(valueOf(b.scores), t('Scores'), t, { maxAbs: MAX_ABS_SCORE, maxCount: MAX_SCORES });
      if (!read.ok) return refuse(read.error);
      // Enter and the field's change event both land here: an unchanged value is no edit (and must not clear a refusal's notice).
      if (JSON.stringify(read.value) === JSON.stringify(this.state.softmax.scores)) return;
      const checked = validateSoftmaxInput({ scores: read.value, temperature: this.state.softmax.temperature }, t);
      if (!checked.ok) return refuse(checked.error);
      this.markInput();
      this.update({ ...this.state, softmax: checked.value });
      this.syncSoftmaxControls();
    };
    on(b.scores, 'change', commitScores);
    on(b.scores, 'keydown', (e: KeyboardEvent) => { if (e.key === 'Enter') commitScores(); });
    const setT = (raw: string) => {
      const read = readNumber(raw, t('Temperature'), t, { min: MIN_TEMPERATURE, max: MAX_TEMPERATURE });
      if (!read.ok) return refuse(read.error);
      if (read.value === this.state.softmax.temperature) return;
      const checked = validateSoftmaxInput({ scores: this.state.softmax.scores, temperature: read.value }, t);
      if (!checked.ok) return refuse(checked.error);
      this.markInput();
      this.update({ ...this.state, softmax: checked.value });
      this.syncSoftmaxControls();
    };
    on(b.temp, 'input', () => setT(b.temp.value));
    on(b.tempField, 'change', () => setT(valueOf(b.tempField)));
    on(b.tempField, 'keydown', (e: KeyboardEvent) => { if (e.key === 'Enter') setT(valueOf(b.tempField)); });
    const chartBox = h('div', { class: 'bar-box' }, bars.canvas);
    return h('div', { class: 'softmax' },
      h('div', { class: 'sm-controls' },
        h('div', { class: 'sm-scores' }, b.scores, reset),
        h('div', { class: 'sm-temp' }, h('label', { for: 'temp' }, t('Temperature'), ' T'), b.temp, b.tempField)),
      h('div', { class: 'sm-grid' },
        h('figure', { class: 'chart-figure' }, h('figcaption', { class: 'chart-title' }, t('Probabilities')), chartBox),
        h('div', { class: 'sm-out' },
          b.code,
          h('div', { class: 'out-label muted small' }, 'torch.softmax'), b.out,
          h('div', { class: 'out-label muted small' }, 'torch.log_softmax'), b.logOut,
          b.probsTable)),
      h('section', { class: 'overflow' },
        h('h2', { class: 'section-title' }, t('Stable vs naive softmax'), ' — scores = [1000, 1001, 1002]'),
        h('div', { class: 'overflow-grid' },
          h('div', {}, h('div', { class: 'out-label' }, t('stable (subtract the max)'), ': ', h('code', {}, 'torch.softmax(scores, dim=0)')), b.stable),
          h('div', {}, h('div', { class: 'out-label' }, t('naive exp(z) / sum(exp(z))'), ': ', h('code', {}, 'scores.exp() / scores.exp().sum()')), b.naive,
            h('p', { class: 'muted small' }, t('exp overflows to inf, and inf / inf is nan'))))),
    );
  }

  // ------------------------------------------------------------ state
  private defaultTrace(id: string): Trace {
    const m = this.byId.get(id)!;
    return { id, params: Object.fromEntries(m.params.map((p) => [p.name, p.default])) };
  }

  private markInput() {
    this.lastInput = performance.now();
  }

  /** Validates a new state locally (the host validates again), saves it and sends it. */
  private update(next: ExplorerState, rebuild = true) {
    const checked = validateState(next, this.index, t);
    if (!checked.ok) {
      this.syncControls();
      return this.show(t('Refused: {0}', checked.error), true);
    }
    this.state = checked.value;
    // An accepted change answers whatever was refused before: its notice goes (the host may still refuse this one).
    this.hideNotice();
    const seq = Date.now();
    saveState(this.state, seq);
    post({ type: 'setState', state: this.state, seq });
    if (rebuild) this.renderTraces();
  }

  private setRange(r: ExplorerState['range']) {
    const checked = validateRange(r, t);
    if (!checked.ok) {
      this.syncRangeFields();
      return this.show(t('Refused: {0}', checked.error), true);
    }
    this.update({ ...this.state, range: checked.value }, false);
    this.syncRangeFields();
  }

  private rangeFromFields() {
    const read = (k: 'min' | 'max' | 'points', what: string, rule: Parameters<typeof readNumber>[3]) => readNumber(valueOf(this.rangeFields[k]), what, t, rule);
    const min = read('min', t('Minimum'), { maxAbs: MAX_ABS_RANGE });
    const max = read('max', t('Maximum'), { maxAbs: MAX_ABS_RANGE });
    const points = read('points', t('Points'), { integer: true, min: MIN_POINTS, max: MAX_POINTS });
    for (const r of [min, max, points]) {
      if (!r.ok) {
        this.syncRangeFields();
        return this.show(t('Refused: {0}', r.error), true);
      }
    }
    if (!min.ok || !max.ok || !points.ok) return;
    if (min.value === this.state.range.min && max.value === this.state.range.max && points.value === this.state.range.points) return;
    this.markInput();
    this.setRange({ min: min.value, max: max.value, points: points.value });
  }

  /** The host refused the last change (the engine could not compute it): back to the state it last accepted. */
  rollback(state: ExplorerState, message: string) {
    this.setState(state, true);
    this.show(t('Refused: {0}', message), true);
  }

  /** A state from the host (restore, hover link) replaces everything. */
  setState(state: ExplorerState, rebuildParams = true) {
    this.state = state;
    saveState(state, Date.now());
    this.syncControls(rebuildParams);
  }

  private syncRangeFields() {
    (this.rangeFields.min as HTMLInputElement).value = String(this.state.range.min);
    (this.rangeFields.max as HTMLInputElement).value = String(this.state.range.max);
    (this.rangeFields.points as HTMLInputElement).value = String(this.state.range.points);
  }

  private syncControls(rebuildParams = true) {
    this.syncRangeFields();
    this.renderTraces(rebuildParams);
    if (this.state.tab === 'softmax') this.buildSoftmax();
    this.syncSoftmaxControls();
    const want = this.state.tab === 'softmax' ? 'tab-softmax' : 'tab-charts';
    (this.panels as unknown as { activeid: string }).activeid = want;
  }

  private syncSoftmaxControls() {
    if (!this.bars) return;
    const b = this.softmaxBox;
    (b.scores as HTMLInputElement).value = showNumberList(this.state.softmax.scores);
    b.temp.value = String(this.state.softmax.temperature);
    (b.tempField as HTMLInputElement).value = String(this.state.softmax.temperature);
  }

  /** One card per compared activation, kept while its position exists (see renderTraces). */
  private cards: Array<{ el: HTMLElement; dd: HTMLElement; swatch: HTMLElement; head: HTMLElement; params: HTMLElement; shown: string }> = [];

  /**
   * Updates the cards in place: a card's dropdown stays the same element while its activation
   * changes, so the keyboard focus stays on it and ArrowDown keeps stepping through the list.
   * `rebuildParams` also redraws parameter inputs whose activation did not change (a state from
   * the host, a rollback) — never while the user is editing them.
   */
  private renderTraces(rebuildParams = true) {
    const th = readTheme();
    const traces = this.state.traces;
    while (this.cards.length > traces.length) this.cards.pop()!.el.remove();
    traces.forEach((tr, k) => {
      const card = this.cards[k] ?? this.makeCard(k);
      const meta = this.byId.get(tr.id)!;
      card.swatch.style.background = th.series[k % th.series.length];
      if (valueOf(card.dd) !== tr.id) (card.dd as HTMLInputElement).value = tr.id;
      card.head.querySelector('.remove')?.remove();
      if (traces.length > 1) {
        const rm = h('vscode-button', { appearance: 'icon', class: 'remove', 'aria-label': t('Remove {0} from the comparison', meta.title), title: t('Remove') }, '✕');
        on(rm, 'click', () => {
          this.markInput();
          this.update({ ...this.state, traces: this.state.traces.filter((_, i) => i !== k) });
        });
        card.head.append(rm);
      }
      const key = JSON.stringify(tr);
      if (rebuildParams || card.shown.split('\u0000')[0] !== tr.id) {
        const params = paramControls(meta, tr.params, (name, value) => {
          this.markInput();
          const now = this.state.traces.slice();
          now[k] = { id: now[k].id, params: { ...now[k].params, [name]: value } };
          this.update({ ...this.state, traces: now }, false);
        }, (msg) => this.show(t('Refused: {0}', msg), true), `p${k}`);
        card.params.replaceWith(params);
        card.params = params;
      }
      card.shown = `${tr.id}\u0000${key}`;
      if (!card.el.isConnected) this.tracesBox.append(card.el);
    });
    this.syncAddButton();
  }

  private makeCard(k: number) {
    const dd = h('vscode-dropdown', { class: 'activation-picker', id: k === 0 ? 'activation' : `activation-${k}`, 'aria-label': k === 0 ? t('Activation') : t('Compare with') });
    this.activationOptions(dd, this.state.traces[k].id);
    on(dd, 'change', () => {
      const id = valueOf(dd);
      const cur = this.state.traces[k];
      if (!cur || !this.byId.has(id) || id === cur.id) return;
      this.markInput();
      const traces = this.state.traces.slice();
      traces[k] = this.defaultTrace(id);
      this.update({ ...this.state, traces }, false);
      this.renderTraces(false);
    });
    const swatch = h('span', { class: 'swatch big', 'aria-hidden': 'true' });
    const head = h('div', { class: 'card-head' }, swatch, dd);
    const params = h('div', { class: 'params' });
    const el = h('div', { class: 'trace-card', 'data-trace': String(k) }, head, params);
    // Working on a card's controls shows that activation's zones on the charts.
    on(el, 'focusin', () => this.selectZones(k));
    const card = { el, dd, swatch, head, params, shown: '' };
    this.cards[k] = card;
    return card;
  }

  private addDropdown!: HTMLElement;
  private addButton!: HTMLElement;

  /** "Add to comparison" is offered only when it can add something new: below the limit, not a duplicate. */
  private syncAddButton() {
    if (!this.addButton) return;
    const full = this.state.traces.length >= MAX_TRACES;
    const id = valueOf(this.addDropdown) || 'relu';
    const twice = this.isCompared(this.defaultTrace(id));
    const why = full ? t('At most {0} activations can be compared', MAX_TRACES) : twice ? t('{0} with these parameters is already compared', this.byId.get(id)?.title ?? id) : '';
    (this.addButton as HTMLButtonElement).disabled = full || twice;
    this.addButton.title = why;
    this.addHint.textContent = why;
  }
  private addHint = h('div', { class: 'add-hint muted small', 'aria-live': 'polite' });

  private isCompared(tr: Trace): boolean {
    return this.state.traces.some((x) => x.id === tr.id && JSON.stringify(x.params) === JSON.stringify(tr.params));
  }

  /** Which compared activation's zones the charts shade (the legend's pressed entry). */
  private zonesOf = 0;
  private selectZones(k: number) {
    if (k === this.zonesOf || k >= this.state.traces.length) return;
    this.zonesOf = k;
    this.charts.setZoneTrace(k);
    this.renderLegend();
  }

  /**
   * The legend names each curve; with several, each entry is a toggle that chooses whose zones the
   * charts shade (one activation's zones at a time: stacked shading of six would be unreadable).
   */
  private renderLegend(traces?: SeriesTrace[]) {
    const th = readTheme();
    const list = traces ?? this.charts.current?.traces ?? [];
    const many = list.length > 1;
    this.legend.replaceChildren(...list.map((tr, k) => {
      const sw = h('span', { class: 'swatch', 'aria-hidden': 'true' });
      sw.style.background = th.series[k % th.series.length];
      if (!many) return h('li', {}, sw, tr.title);
      const b = h('button', { class: 'legend-item', type: 'button', 'aria-pressed': String(k === this.zonesOf), title: t('Shade the zones of {0}', tr.title) }, sw, tr.title);
      on(b, 'click', () => this.selectZones(k));
      return h('li', {}, b);
    }));
    const shaded = list[this.zonesOf]?.title;
    this.zonesKey.textContent = many && shaded ? t('Zones of {0}:', shaded) : '';
  }

  private renderInfo() {
    const meta = this.byId.get(this.state.traces[0].id);
    if (!meta) return;
    const formula = (which: 'f' | 'df') => {
      const text = which === 'f' ? meta.formula.text : meta.formula.textDerivative;
      const img = this.formulas.get(meta.id)?.[which] ?? meta.images?.[which];
      if (!img) return h('code', { class: 'formula-text' }, text);
      return formulaSpan(img, text);
    };
    const facts = h('dl', { class: 'facts' });
    for (const [k, v] of meta.facts) facts.append(h('dt', {}, k), h('dd', {}, v));
    const measured = measuredFacts(this.charts.current, this.state.traces[0].id);
    const advice = meta.advice.length ? h('ul', { class: 'advice' }, ...meta.advice.map((a) => h('li', {}, a))) : null;
    const docs = h('a', { href: meta.docs, class: 'docs' }, t('Documentation'), ' ↗');
    this.info.replaceChildren(...nodes(
      h('div', { class: 'info-col' }, h('h2', { class: 'section-title' }, t('Formula'), ' · ', meta.title),
        h('div', { class: 'formula' }, formula('f')), h('div', { class: 'formula' }, formula('df')), docs),
      h('div', { class: 'info-col' }, h('h2', { class: 'section-title' }, t('Facts')), facts, measured),
      advice ? h('div', { class: 'info-col' }, h('h2', { class: 'section-title' }, t('Advice')), advice) : null,
    ));
  }

  private renderTables() {
    if (!this.tablesOpen) return;
    const make = (which: 'f' | 'df') => {
      const { columns, data } = this.charts.tableRows(which);
      const grid = h('vscode-data-grid', { 'generate-header': 'sticky', 'aria-label': t('Data table of {0}', which === 'f' ? t('Function f(x)') : t("Derivative f'(x)")), class: 'data-grid' });
      (grid as unknown as { columnDefinitions: unknown }).columnDefinitions = columns.map((c) => ({ columnDataKey: c, title: c }));
      // Columns wide enough for a header's words: squeezed to the table's width, six traces broke them letter by letter.
      (grid as unknown as { gridTemplateColumns: string }).gridTemplateColumns = `minmax(72px, 0.6fr) ${'minmax(120px, 1fr) '.repeat(columns.length - 1)}`.trim();
      (grid as unknown as { rowsData: unknown }).rowsData = data;
      return h('div', { class: 'table-col' }, h('h3', { class: 'section-title' }, which === 'f' ? t('Function f(x)') : t("Derivative f'(x)")), grid);
    };
    this.tables.classList.toggle('many', (this.charts.current?.traces.length ?? 0) > 2);
    this.tables.replaceChildren(make('f'), make('df'));
  }

  // ------------------------------------------------------------ host messages
  onSeries(msg: SeriesMsg) {
    if (!this.firstPaintSent) performance.mark('al:series');
    if (msg.formula) this.formulas.set(msg.formula.id, { f: msg.formula.f, df: msg.formula.df });
    const ms = this.charts.setPlot({ range: msg.range, x: msg.x, traces: msg.traces });
    const painted = performance.now();
    const sinceInput = this.lastInput >= 0 ? painted - this.lastInput : -1;
    this.lastInput = -1;
    // Whose zones: still a compared activation (one may have been removed), named by the legend.
    if (this.zonesOf >= msg.traces.length) this.zonesOf = 0;
    this.charts.setZoneTrace(this.zonesOf);
    this.renderLegend(msg.traces);
    this.renderInfo();
    this.renderTables();
    this.hideNotice(true);
    document.body.dataset.painted = String(msg.seq);
    const points = msg.x.length;
    this.timingsEl.textContent = t('drawn in {0} ms', ms.toFixed(1));
    if (!this.firstPaintSent) {
      this.firstPaintSent = true;
      const fcp = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime;
      post({ type: 'timing', kind: 'firstPaint', ms: painted, sinceInput: -1, traces: msg.traces.length, points, seq: msg.seq, sinceShown: fcp === undefined ? -1 : performance.now() - fcp });
      document.body.dataset.firstPaint = painted.toFixed(0);
    } else {
      post({ type: 'timing', kind: 'redraw', ms, sinceInput, traces: msg.traces.length, points, seq: msg.seq });
      this.timings.push({ ms, sinceInput, traces: msg.traces.length, points });
    }
  }

  onSoftmax(r: SoftmaxResult) {
    if (!this.bars) {
      this.pendingSoftmax = r;
      return;
    }
    const b = this.softmaxBox;
    b.code.textContent = r.code.split('\n').map((l) => `>>> ${l}`).join('\n');
    b.out.textContent = r.printout;
    b.logOut.textContent = r.logPrintout;
    b.stable.textContent = r.overflow.stable;
    b.naive.textContent = r.overflow.naive;
    const labels = r.scores.map((s, i) => [String(i), fmt(s)]);
    this.bars.set(labels, r.probs);
    const grid = h('vscode-data-grid', { 'generate-header': 'sticky', 'aria-label': t('Data table of {0}', t('Probabilities')), class: 'data-grid' });
    (grid as unknown as { rowsData: unknown }).rowsData = r.scores.map((s, i) => ({ [t('class {0}', '')]: String(i), [t('Scores')]: fmt(s), softmax: r.probs[i].toFixed(4), log_softmax: r.logProbs[i].toFixed(4) }));
    b.probsTable.replaceChildren(h('details', {}, h('summary', {}, t('Data table')), grid));
    document.body.dataset.softmax = 'ready';
  }

  // ------------------------------------------------------------ notices
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  show(message: string, error = false) {
    this.notice.textContent = message;
    this.notice.hidden = false;
    this.notice.className = 'notice' + (error ? ' error' : '');
    this.notice.setAttribute('role', error ? 'alert' : 'status');
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => this.hideNotice(), error ? 8000 : 4000);
  }

  private hideNotice(onlyInfo = false) {
    if (onlyInfo && this.notice.classList.contains('error')) return;
    this.notice.hidden = true;
  }

  plotAreas() {
    return this.charts.plotAreas();
  }

  /** For browser checks: is there ink on the canvases? */
  painted(): number {
    return this.charts.paintedPixels();
  }

  signature(): string {
    return this.charts.signature();
  }

  readonly timings: Array<{ ms: number; sinceInput: number; traces: number; points: number }> = [];

  current(): ExplorerState {
    return this.state;
  }
}

