// Messages between the host and the autograd view (webview/autograd/), and their validation.
// Imported by both sides. The host evaluates; the view only shows what it is sent.

export const AUTOGRAD_PROTOCOL_VERSION = 1;
/** A snippet longer than this is refused: the view is for lessons, not whole programs. */
export const MAX_SNIPPET_CHARS = 20_000;

export type ToAutogradHost =
  | { type: 'ready' }
  | { type: 'run'; code: string; seq: number }
  | { type: 'problem'; message: string };

/** One of the article's three conditions, checked on the code: true, false, or not known. */
export interface Condition { id: 'leaf' | 'requiresGrad' | 'scalar'; ok: boolean | null; text: string }

export interface AutogradViewResult {
  seq: number;
  /** The computation graph of the value backward() was called on (SVG data URI) and as text. */
  graph: { uri: string | null; text: string[] } | null;
  /** Gradients of named leaves after backward(): the plot (data URI) and a one-line summary. */
  grads: Array<{ label: string; summary: string; uri: string | null }>;
  /** PyTorch's own errors and warnings, where they would be raised (1-based lines). */
  events: Array<{ line: number; severity: 'error' | 'warning'; text: string }>;
  conditions: Condition[];
  /** Why part of the code could not be followed (a construct the interpreter does not read). */
  notes: string[];
}

export type ToAutogradView =
  | { type: 'init'; v: number; strings: Record<string, string>; examples: Array<{ id: string; title: string; code: string }>; code: string }
  | { type: 'result'; result: AutogradViewResult }
  /** Replace the snippet (the hover's "Open in the autograd view" on an open view). */
  | { type: 'setCode'; code: string };

export class AutogradRefusal extends Error {}

/** Validates what the view sends; throws AutogradRefusal with the reason. */
export function validateToAutogradHost(raw: unknown): ToAutogradHost {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new AutogradRefusal('message must be an object');
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'run': {
      if (typeof m.code !== 'string') throw new AutogradRefusal('code must be a string');
      if (m.code.length > MAX_SNIPPET_CHARS) throw new AutogradRefusal(`code is longer than ${MAX_SNIPPET_CHARS} characters`);
      if (typeof m.seq !== 'number' || !Number.isSafeInteger(m.seq)) throw new AutogradRefusal('seq must be an integer');
      return { type: 'run', code: m.code, seq: m.seq };
    }
    case 'problem':
      return { type: 'problem', message: String(m.message ?? '').slice(0, 2000) };
    default:
      throw new AutogradRefusal('unknown message type');
  }
}

const isDataUri = (u: unknown): u is string | null => u === null || (typeof u === 'string' && u.startsWith('data:image/svg+xml;base64,') && /^[A-Za-z0-9+/=]*$/.test(u.slice(26)));
const isStr = (s: unknown, max = 5000): s is string => typeof s === 'string' && s.length <= max;

/** Validates what the host sends (the view draws only images it can prove are our SVG data URIs). */
export function validateToAutogradView(raw: unknown): ToAutogradView {
  if (!raw || typeof raw !== 'object') throw new AutogradRefusal('message must be an object');
  const m = raw as Record<string, unknown>;
  if (m.type === 'init') {
    if (m.v !== AUTOGRAD_PROTOCOL_VERSION) throw new AutogradRefusal('protocol version');
    if (!m.strings || typeof m.strings !== 'object') throw new AutogradRefusal('strings');
    if (!Array.isArray(m.examples) || !m.examples.every((e) => e && isStr(e.id, 40) && isStr(e.title, 200) && isStr(e.code, MAX_SNIPPET_CHARS))) throw new AutogradRefusal('examples');
    if (!isStr(m.code, MAX_SNIPPET_CHARS)) throw new AutogradRefusal('code');
    return m as ToAutogradView;
  }
  if (m.type === 'setCode') {
    if (!isStr(m.code, MAX_SNIPPET_CHARS)) throw new AutogradRefusal('code');
    return { type: 'setCode', code: m.code };
  }
  if (m.type === 'result') {
    const r = m.result as AutogradViewResult | undefined;
    if (!r || typeof r.seq !== 'number') throw new AutogradRefusal('result');
    if (r.graph !== null && !(r.graph && isDataUri(r.graph.uri) && Array.isArray(r.graph.text) && r.graph.text.every((s) => isStr(s, 400)))) throw new AutogradRefusal('graph');
    if (!Array.isArray(r.grads) || !r.grads.every((g) => isStr(g.label, 200) && isStr(g.summary, 400) && isDataUri(g.uri))) throw new AutogradRefusal('grads');
    if (!Array.isArray(r.events) || !r.events.every((e) => Number.isInteger(e.line) && (e.severity === 'error' || e.severity === 'warning') && isStr(e.text))) throw new AutogradRefusal('events');
    if (!Array.isArray(r.conditions) || !r.conditions.every((c) => ['leaf', 'requiresGrad', 'scalar'].includes(c.id) && (c.ok === null || typeof c.ok === 'boolean') && isStr(c.text, 400))) throw new AutogradRefusal('conditions');
    if (!Array.isArray(r.notes) || !r.notes.every((n) => isStr(n, 400))) throw new AutogradRefusal('notes');
    return m as ToAutogradView;
  }
  throw new AutogradRefusal('unknown message type');
}
