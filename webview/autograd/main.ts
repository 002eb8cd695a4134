// The autograd view: the article's snippet (or another example), editable; the host evaluates it
// on the engine and sends back the graph, x.grad and PyTorch's own errors. This script only
// draws what it is sent (validated), and never builds markup from strings: text goes through
// textContent, images are SVG data URIs the validator checked.
import './style.css';
import { validateToAutogradView, type AutogradViewResult, type ToAutogradHost } from '../../src/protocolAutograd';

interface VsCodeApi { postMessage(msg: unknown): void; getState(): unknown; setState(s: unknown): void }
declare function acquireVsCodeApi(): VsCodeApi;
const api = acquireVsCodeApi();
const post = (m: ToAutogradHost) => api.postMessage(m);

let strings: Record<string, string> = {};
const t = (s: string) => strings[s] ?? s;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

let seq = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
function run() {
  const code = $<HTMLTextAreaElement>('code').value;
  api.setState({ code });
  post({ type: 'run', code, seq: ++seq });
}
function schedule() {
  if (timer) clearTimeout(timer);
  timer = setTimeout(run, 250);
}

function show(r: AutogradViewResult) {
  if (r.seq !== seq) return; // an older run's answer
  const conds = $('conditions');
  conds.replaceChildren(...r.conditions.map((c) => {
    const li = el('li', `cond ${c.ok === true ? 'ok' : c.ok === false ? 'bad' : 'unknown'}`);
    li.dataset.id = c.id;
    li.append(el('span', 'mark', c.ok === true ? '\u2713' : c.ok === false ? '\u2717' : '?'), el('span', '', c.text));
    return li;
  }));
  const events = $('events');
  events.replaceChildren(...r.events.map((e) => {
    const li = el('li', `event ${e.severity}`);
    li.append(el('span', 'line', `${t('line')} ${e.line}`), el('code', '', e.text));
    return li;
  }));
  events.hidden = r.events.length === 0;
  const graph = $('graph');
  graph.replaceChildren();
  if (r.graph) {
    if (r.graph.uri) {
      const img = el('img');
      img.src = r.graph.uri;
      img.alt = r.graph.text.join('\n');
      graph.append(img);
    }
    graph.append(el('pre', 'graph-text', r.graph.text.join('\n')));
  } else graph.append(el('p', 'empty', t('No graph: nothing here calls backward() on a value that could be followed.')));
  const grads = $('grads');
  grads.replaceChildren(...r.grads.map((g) => {
    const fig = el('figure', 'grad');
    if (g.uri) { const img = el('img'); img.src = g.uri; img.alt = g.label; fig.append(img); }
    fig.append(el('figcaption', '', g.summary));
    return fig;
  }));
  $('notes').replaceChildren(...r.notes.map((n) => el('li', '', n)));
  document.body.dataset.runs = String(Number(document.body.dataset.runs ?? 0) + 1);
}

window.addEventListener('message', (ev: MessageEvent) => {
  let m;
  try {
    m = validateToAutogradView(ev.data);
  } catch (e) {
    post({ type: 'problem', message: `refused: ${(e as Error).message}` });
    return;
  }
  if (m.type === 'init') {
    strings = m.strings;
    for (const [id, s] of [['title', 'Autograd'], ['examplesLabel', 'Example'], ['conditionsTitle', 'The article\'s three conditions'], ['graphTitle', 'Computation graph'], ['gradsTitle', 'Gradients'], ['eventsTitle', 'What PyTorch says']] as const) $(id).textContent = t(s);
    const select = $<HTMLSelectElement>('examples');
    select.replaceChildren(...m.examples.map((e) => { const o = el('option', '', e.title); o.value = e.id; return o; }));
    select.onchange = () => {
      const e = m.examples.find((x) => x.id === select.value);
      if (e) { $<HTMLTextAreaElement>('code').value = e.code; run(); }
    };
    const saved = api.getState() as { code?: unknown } | undefined;
    $<HTMLTextAreaElement>('code').value = typeof saved?.code === 'string' ? saved.code : m.code;
    run();
  } else if (m.type === 'setCode') {
    $<HTMLTextAreaElement>('code').value = m.code;
    run();
  } else show(m.result);
});
window.addEventListener('error', (e) => post({ type: 'problem', message: String(e.message) }));
$<HTMLTextAreaElement>('code').addEventListener('input', schedule);
post({ type: 'ready' });
