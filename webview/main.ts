// Entry of the webview bundle, for both the explorer panel and the side view (the host sets
// body[data-view]). Registers the toolkit's components, reports CSP violations and errors to the
// host, validates every message with src/protocol.ts and hands it to the view.
import {
  provideVSCodeDesignSystem, vsCodeButton, vsCodeCheckbox, vsCodeDataGrid, vsCodeDataGridCell, vsCodeDataGridRow,
  vsCodeDropdown, vsCodeOption, vsCodePanels, vsCodePanelTab, vsCodePanelView, vsCodeTextField,
} from '@vscode/webview-ui-toolkit';
import { catalogIndex, validateToWebview, type CatalogIndex } from '../src/protocol';
import { FIRST_PAINT_ID } from '../src/render/firstPaint';
import { BOOT_ELEMENT_ID } from '../src/vscode/webviewPage';
import './style.css';
import { Explorer } from './explorer';
import { post, setStrings, t } from './host';
import { SideView } from './side';

performance.mark('al:script');
// The host's first paint (src/render/firstPaint.ts), if the document has one: where its charts'
// plot areas are, read before anything of ours is laid out (the browser checks compare them with
// chart.js's), and the element itself, removed once chart.js has drawn in its place.
const firstPaint = document.getElementById(FIRST_PAINT_ID);
const firstPaintAreas = firstPaint ? Array.from(firstPaint.querySelectorAll('.fp-plot'), (e) => {
  const r = e.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
}) : [];
provideVSCodeDesignSystem().register(
  vsCodeButton(), vsCodeCheckbox(), vsCodeDataGrid(), vsCodeDataGridCell(), vsCodeDataGridRow(),
  vsCodeDropdown(), vsCodeOption(), vsCodePanels(), vsCodePanelTab(), vsCodePanelView(), vsCodeTextField(),
);

// The toolkit reads the theme's colours into its components at the window's load event. A
// document with a first paint loads this bundle after that event (so the frame is shown sooner):
// give the toolkit the event it waits for, or its controls keep their built-in dark colours.
if (document.readyState === 'complete') window.dispatchEvent(new Event('load'));
performance.mark('al:toolkit');
const problems: string[] = [];
function report(kind: 'csp' | 'error', message: string) {
  problems.push(`${kind}: ${message}`);
  document.body.dataset.problems = String(problems.length);
  post({ type: 'problem', kind, message: message.slice(0, 1900) });
}
document.addEventListener('securitypolicyviolation', (e) => report('csp', `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
window.addEventListener('error', (e) => report('error', `${e.message} (${e.filename}:${e.lineno})`));
window.addEventListener('unhandledrejection', (e) => report('error', String(e.reason)));

const app = document.getElementById('app')!;
let index: CatalogIndex | undefined;
let explorer: Explorer | undefined;
let side: SideView | undefined;

/** Takes the host's first paint away (once): the live panel under it is ready, or must be seen. */
function dropFirstPaint() {
  if (!firstPaint?.isConnected) return;
  firstPaint.remove();
  performance.mark('al:hydrated');
  document.body.dataset.hydrated = 'true';
}

function refused(message: string, fromHost = true) {
  // The panel shows why (e.g. the engine refused the parameters): no first paint may cover it.
  dropFirstPaint();
  const text = t('Refused: {0}', message);
  if (fromHost) post({ type: 'problem', kind: 'refused', message: message.slice(0, 1900) });
  if (explorer) explorer.show(text, true);
  else if (side) side.show(text);
  else app.textContent = text;
  document.body.dataset.refused = String(Number(document.body.dataset.refused ?? 0) + 1);
}

function receive(data: unknown) {
  const checked = validateToWebview(data, index, t);
  if (!checked.ok) return refused(checked.error);
  const msg = checked.value;
  switch (msg.type) {
    case 'init':
      performance.mark('al:init');
      if (index) return; // one init per document; a second would rebuild under the user's hands
      setStrings(msg.strings);
      index = catalogIndex(msg.catalog);
      app.replaceChildren();
      app.removeAttribute('aria-busy');
      // The first paint shows the charts tab; a state on another tab has nothing of it to keep.
      if (msg.state.tab !== 'charts') dropFirstPaint();
      if (msg.view === 'side') side = new SideView(app, msg.catalog, msg.state);
      else explorer = new Explorer(app, msg.catalog, index, msg.state);
      document.body.dataset.ready = msg.view;
      performance.mark('al:built');
      return;
    case 'state':
      explorer?.setState(msg.state);
      return;
    case 'series':
      explorer?.onSeries(msg);
      side?.onSeries(msg);
      // chart.js drew synchronously under it: the next frame shows the live charts in its place.
      if (explorer) dropFirstPaint();
      return;
    case 'softmax':
      explorer?.onSoftmax(msg.result);
      return;
    case 'side':
      side?.onSide(msg.info, msg.pinned);
      return;
    case 'refused':
      if (msg.state && explorer) {
        dropFirstPaint();
        explorer.rollback(msg.state, msg.message);
        return;
      }
      return refused(msg.message, false);
    case 'status':
      explorer?.show(msg.message);
      return;
  }
}
window.addEventListener('message', (event: MessageEvent) => receive(event.data));

// Browser checks read these (webviews are iframes: Playwright evaluates inside them).
(window as unknown as { activationLens: unknown }).activationLens = {
  painted: () => explorer?.painted() ?? side?.painted() ?? 0,
  signature: () => explorer?.signature() ?? side?.signature() ?? '',
  timings: () => explorer?.timings.slice() ?? [],
  state: () => explorer?.current() ?? null,
  problems: () => problems.slice(),
  /** The first-paint SVG's plot areas (empty without one) and chart.js's, in CSS px of this page. */
  firstPaint: () => ({ svg: firstPaintAreas, canvas: explorer?.plotAreas() ?? [] }),
  /** Puts the first paint back over the live panel (or takes it away): screenshots compare the two. */
  showFirstPaint: (show: boolean) => {
    if (!firstPaint) return false;
    if (show) document.body.append(firstPaint); else firstPaint.remove();
    return true;
  },
};

// The host may have put the first messages (init, the first charts) into the document itself: they
// go through the same validation as posted ones, and the host is told not to send them again.
function boot(): boolean {
  const el = document.getElementById(BOOT_ELEMENT_ID);
  if (!el?.textContent) return false;
  let messages: unknown;
  try {
    messages = JSON.parse(el.textContent);
  } catch (e) {
    refused(String(e));
    return false;
  }
  el.remove();
  if (!Array.isArray(messages)) return false;
  for (const m of messages) receive(m);
  return index !== undefined;
}

post({ type: 'ready', booted: boot() });
