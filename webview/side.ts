// The side panel: the activation under the cursor (as the hover analysed it), its parameters,
// small f/f' charts, facts and advice; a pin to keep it while the cursor moves on; and a clear
// empty state.
import type { ActivationMeta, SideInfo, ToWebview } from '../src/protocol';
import { ChartPair } from './charts';
import { measuredFacts } from './facts';
import { h, nodes, on } from './dom';
import { formulaSpan } from './formulaImage';
import { post, saveState, t } from './host';
import { watchTheme } from './theme';
import type { ExplorerState } from '../src/protocol';

type SeriesMsg = Extract<ToWebview, { type: 'series' }>;

export class SideView {
  private byId: Map<string, ActivationMeta>;
  private charts = new ChartPair({ compact: true });
  private info: SideInfo | null = null;
  private pinned = false;
  private head = h('div', { class: 'side-head' });
  private body = h('div', { class: 'side-body' });
  private empty = h('div', { class: 'empty' });
  private pinBtn = h('vscode-button', { appearance: 'icon', id: 'pin', 'aria-pressed': 'false' });
  private notice = h('div', { class: 'notice error', role: 'alert', hidden: true });
  /** The host's measurements with this call's parameters, filled in when its series arrives. */
  private measured = h('div', { class: 'side-measured' });

  constructor(private root: HTMLElement, catalog: ActivationMeta[], private state: ExplorerState) {
    this.byId = new Map(catalog.map((a) => [a.id, a]));
    on(this.pinBtn, 'click', () => {
      this.pinned = !this.pinned;
      this.renderPin();
      post({ type: 'pin', pinned: this.pinned });
      saveState({ ...this.state, pinned: this.pinned });
    });
    const open = h('vscode-button', { appearance: 'primary', id: 'empty-open' }, t('Open Explorer'));
    on(open, 'click', () => post({ type: 'openExplorer', trace: this.state.traces[0] }));
    this.empty.append(
      h('div', { class: 'empty-title' }, t('No activation under the cursor')),
      h('p', { class: 'muted' }, t('Put the cursor on an activation call in a Python file or notebook cell, such as torch.tanh(x), F.relu(x) or nn.Softmax(dim=1), or open the explorer.')),
      open,
    );
    this.body.append(this.charts.root);
    root.append(this.notice, this.head, this.body, this.empty);
    this.render();
    watchTheme(() => this.charts.retheme());
  }

  private renderPin() {
    this.pinBtn.setAttribute('aria-pressed', String(this.pinned));
    this.pinBtn.setAttribute('aria-label', this.pinned ? t('Unpin') : t('Pin'));
    this.pinBtn.setAttribute('title', this.pinned ? t('Unpin') : t('Pin'));
    this.pinBtn.replaceChildren(h('span', { class: this.pinned ? 'icon icon-pinned' : 'icon icon-pin', 'aria-hidden': 'true' }));
    this.pinBtn.classList.toggle('on', this.pinned);
  }

  onSide(info: SideInfo | null, pinned: boolean) {
    this.info = info;
    this.pinned = pinned;
    // a user-defined activation is no catalog trace: the explorer opens the built-in it equals or is closest to
    const trace = info?.custom ? info.custom.open : info?.trace;
    if (trace) this.state = { ...this.state, traces: [trace] };
    saveState({ ...this.state, pinned });
    this.render();
  }

  private render() {
    this.renderPin();
    const info = this.info;
    this.empty.hidden = !!info;
    this.body.hidden = !info;
    document.body.dataset.side = info ? info.trace.id : 'empty';
    this.charts.root.hidden = !!info?.custom && !info.custom.evaluable;
    if (!info) {
      this.head.replaceChildren();
      return;
    }
    const meta = this.byId.get(info.trace.id);
    const openBtn = h('vscode-button', { appearance: 'secondary', id: 'side-open' }, t('Open in Explorer'));
    // a definition near no built-in opens beside the explorer's current one (the host adds its curve)
    const open = info.custom ? info.custom.open ?? (info.custom.evaluable ? this.state.traces[0] : undefined) : info.trace;
    if (open) on(openBtn, 'click', () => post({ type: 'openExplorer', trace: open }));
    const params = (meta?.params ?? []).filter((p) => !meta!.ignored.includes(p.name));
    this.head.replaceChildren(...nodes(
      h('div', { class: 'side-title' }, h('span', { class: 'side-name' }, info.title), this.pinBtn),
      info.formula ? formulaSpan(info.formula, info.code, 'side-code side-formula') : h('code', { class: 'side-code', title: t('Line {0}', info.line + 1) }, info.code),
      h('div', { class: 'side-meta muted small' }, t('Line {0}', info.line + 1), info.role ? ' · ' + t('Role: {0}', info.role) : ''),
      info.custom ? h('div', { class: info.custom.evaluable ? 'side-custom' : 'side-custom notice' }, info.custom.status) : null,
      params.length
        ? h('dl', { class: 'side-params' }, ...params.flatMap((p) => [h('dt', {}, p.name), h('dd', {}, String(info.trace.params[p.name] ?? p.default))]))
        : null,
    ));
    this.measured.replaceChildren(); // until this activation's series arrives
    const facts = h('dl', { class: 'facts compact' });
    for (const [k, v] of (meta?.facts ?? []).slice(0, 5)) facts.append(h('dt', {}, k), h('dd', {}, v));
    const advice = info.advice.length ? h('ul', { class: 'advice' }, ...info.advice.map((a) => h('li', {}, a))) : null;
    this.body.replaceChildren(...nodes(
      this.charts.root,
      h('h2', { class: 'section-title' }, t('Facts')), facts, this.measured,
      advice ? h('h2', { class: 'section-title' }, t('Advice')) : null, advice,
      open ? h('div', { class: 'side-actions' }, openBtn) : null,
    ));
  }

  onSeries(msg: SeriesMsg) {
    this.charts.setPlot({ range: msg.range, x: msg.x, traces: msg.traces });
    this.measured.replaceChildren(...(this.info ? [measuredFacts(this.charts.current, this.info.trace.id, true)].filter((e): e is HTMLElement => !!e) : []));
    document.body.dataset.painted = String(msg.seq);
  }

  show(message: string) {
    this.notice.textContent = message;
    this.notice.hidden = false;
    setTimeout(() => { this.notice.hidden = true; }, 8000);
  }

  painted(): number {
    return this.charts.paintedPixels();
  }

  signature(): string {
    return this.charts.signature();
  }
}
