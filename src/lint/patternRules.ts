// AL301–AL304: the expression patterns of patterns.ts, checked against the file's imports (only
// PyTorch's log and exp count) and the analysis' activation uses (the inner softmax of
// `torch.log(F.softmax(x, 1))` is the use the hover shows, found through any alias).
import type { ActivationUse } from '../python/types';
import type { DocContext } from './context';
import { aliasOf, edit, importTorch, inputOf, resolve, torchName } from './edit';
import type { HandSigmoid, HandSoftmax, LogOfCall } from './patterns';
import type { Finding, Fix } from './types';

const isTorch = (c: DocContext, callee: string, name: string) => resolve(callee, c.imports) === `torch.${name}`;

function finding(c: DocContext, code: string, start: number, end: number, message: string, fixes: Fix[]): Finding {
  // Severity is the table's; lint.ts applies it (and any override) to every finding.
  return { code, severity: 'warning', message, range: c.lines.range(start, end), fixes };
}

interface CallIndex { calls: Map<string, ActivationUse[]>; built: Map<string, ActivationUse[]> }
const callIndex = new WeakMap<DocContext, CallIndex>();

/** The analysis' call uses by `start:end` offsets of their call (a module's: of the call that builds it), once per document. */
function callsByOffset(c: DocContext): CallIndex {
  let m = callIndex.get(c);
  if (m) return m;
  m = { calls: new Map(), built: new Map() };
  for (const u of c.analysis.uses) {
    if (!u.isCall || !u.callRange) continue;
    const into = u.kind === 'module' ? m.built : m.calls;
    const k = `${c.lines.offset(u.callRange.line, u.callRange.column)}:${c.lines.offset(u.callRange.endLine, u.callRange.endColumn)}`;
    const list = into.get(k);
    if (list) list.push(u); else into.set(k, [u]);
  }
  callIndex.set(c, m);
  return m;
}

/**
 * The activation whose value the log takes: the inner call's own use, or the module instance's it
 * calls, or what the forward of the file's model the instance is returns (`model` then names it).
 */
function innerUse(c: DocContext, m: LogOfCall, id: string): { use?: ActivationUse; module: boolean; model?: string; method?: boolean; function?: boolean } | undefined {
  const index = callsByOffset(c);
  const own = index.calls.get(`${m.inner.start}:${m.inner.end}`)?.find((u) => u.id === id);
  if (own) return { use: own, module: false };
  const built = m.built && index.built.get(`${m.built.start}:${m.built.end}`)?.find((u) => u.id === id);
  if (built) return { use: built, module: true };
  const returned = m.returned && (m.returnedModule ? index.built : index.calls).get(`${m.returned.start}:${m.returned.end}`)?.find((u) => u.id === id);
  if (returned) return { use: returned, module: true, model: m.model, ...(m.method ? { method: true } : {}), ...(m.function ? { function: true } : {}) };
  // a function of the module returning its own hand-written softmax or sigmoid (`X_exp / partition`)
  const hand = m.returnedHand && c.patterns.find((p) => p.kind === id && p.span.start === m.returnedHand!.start && p.span.end === m.returnedHand!.end);
  if (hand && (hand.kind === 'softmax' ? !hand.log && handSoftmaxCallees(c, hand) : hand.kind === 'sigmoid' && handSigmoidCallees(c, hand))) return { module: true, model: m.model, function: true };
  // bound in an earlier notebook cell: found there, never rewritten from here
  const earlier = m.earlier && c.earlier?.get(m)?.find((u) => u.id === id);
  if (earlier) return { use: earlier, module: true };
  // a model whose class an earlier notebook cell defines
  const model = m.modelClass && c.earlier?.get(m)?.find((u) => u.id === id);
  if (model) return { use: model, module: true, model: m.modelClass };
  // a model whose class another file defines (`check`, the editor): named with where its forward returns
  const far = m.modelClass ? c.imported?.get(m) : undefined;
  return far?.ids.includes(id) ? { module: true, model: `${far.name} (${far.where})` } : undefined;
}

function logSoftmaxFix(c: DocContext, m: LogOfCall, u: ActivationUse): Fix[] {
  const name = c.lines.offset(u.range.line, u.range.column) - m.inner.start;
  const nameEnd = c.lines.offset(u.range.endLine, u.range.endColumn) - m.inner.start;
  const inner = c.lines.text.slice(m.inner.start, m.inner.end);
  if (inner.slice(name, nameEnd) !== 'softmax') return [];
  const text = inner.slice(0, name) + 'log_softmax' + inner.slice(nameEnd);
  return [{ applicability: 'safe', title: c.t('Use log_softmax'), edits: [edit(c.lines.range(m.span.start, m.span.end), text)] }];
}

/** Does the opening parenthesis at 0 close at the end (`(a + b)`, not `(a)(b)`)? */
function wrapped(x: string): boolean {
  if (!x.startsWith('(') || !x.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i] === '(') depth++;
    else if (x[i] === ')' && --depth === 0 && i < x.length - 1) return false;
  }
  return depth === 0;
}

/** `-x` for a name, a call's value or a parenthesised expression, `-(x)` for anything else (`-(a + b)`). */
const negated = (x: string) => ((/^[\w.]+(\(.*\))?$/s.test(x) || wrapped(x)) && !x.startsWith('-') ? `-${x}` : `-(${x})`);

function logSigmoidFix(c: DocContext, m: LogOfCall, u: ActivationUse): Fix[] {
  const x = inputOf(c.lines, u);
  if (!x) return [];
  const f = aliasOf('torch.nn.functional', c.imports);
  const torch = aliasOf('torch', c.imports);
  const fn = f ? `${f}.logsigmoid` : `${torch ?? 'torch'}.nn.functional.logsigmoid`;
  // log(1 - sigmoid(x)) = log(sigmoid(-x)): the logsigmoid of the negated input.
  const edits = [edit(c.lines.range(m.span.start, m.span.end), `${fn}(${m.complement ? negated(x) : x})`)];
  if (!f && !torch) edits.push(importTorch(c.analysis.imports, c.lines));
  return [{ applicability: 'safe', title: c.t('Use logsigmoid'), edits }];
}

export function logOfActivation(c: DocContext, id: 'softmax' | 'sigmoid'): Finding[] {
  const out: Finding[] = [];
  for (const m of c.patterns) {
    if (m.kind !== 'log' || (m.callee !== null && !isTorch(c, m.callee, 'log')) || m.gathers?.some((g) => !isTorch(c, g, 'gather'))) continue;
    const inner = innerUse(c, m, id);
    if (!inner) continue;
    const u = inner.use;
    // A module instance's call (`torch.log(self.softmax(h))`) is found, not rewritten: the module stays.
    const fixable = !m.viaName && !inner.module && !!u;
    if (id === 'softmax') {
      // log(1 - softmax) is not a log-probability of the softmax: no log_softmax stands for it.
      if (m.complement) continue;
      out.push(finding(c, 'AL301', m.span.start, m.span.end, inner.function
        ? c.t('log of a softmax: the function {0} returns softmax probabilities, and where softmax underflows to 0 (a score about 104 below its row\'s maximum in float32) the log is -inf. Have it return log_softmax (log-probabilities) for this log instead.', inner.model!)
        : inner.method
        ? c.t('log of a softmax: the method {0} returns softmax probabilities, and where softmax underflows to 0 (a score about 104 below its row\'s maximum in float32) the log is -inf. Have it return log_softmax (log-probabilities) for this log instead.', inner.model!)
        : inner.model
        ? c.t('log of a softmax: the forward of {0} returns softmax probabilities, and where softmax underflows to 0 (a score about 104 below its row\'s maximum in float32) the log is -inf. Have the model return log_softmax (log-probabilities) for this log instead.', inner.model)
        : c.t('log of a softmax: where softmax underflows to 0 (a score about 104 below its row\'s maximum in float32) the log is -inf. log_softmax computes the same values without the underflow.'),
        fixable ? logSoftmaxFix(c, m, u!) : []));
    } else if (m.complement) {
      out.push(finding(c, 'AL302', m.span.start, m.span.end, inner.function
        ? c.t('log of one minus a sigmoid: the function {0} returns a sigmoid, which rounds to 1 for x above about 16.6 (float32), and the log is -inf. Have it return the logits and use logsigmoid(-x) here (or BCEWithLogitsLoss).', inner.model!)
        : inner.method
        ? c.t('log of one minus a sigmoid: the method {0} returns a sigmoid, which rounds to 1 for x above about 16.6 (float32), and the log is -inf. Have it return the logits and use logsigmoid(-x) here (or BCEWithLogitsLoss).', inner.model!)
        : inner.model
        ? c.t('log of one minus a sigmoid: the forward of {0} returns a sigmoid, which rounds to 1 for x above about 16.6 (float32), and the log is -inf. Have the model return its logits and use logsigmoid(-x) here (or BCEWithLogitsLoss).', inner.model)
        : c.t('log of one minus a sigmoid: for x above about 16.6 (float32) sigmoid rounds to 1 and the log is -inf (at x = 16 it is already -15.94 instead of -16). logsigmoid(-x) computes the same values without the rounding.'),
        fixable ? logSigmoidFix(c, m, u!) : []));
    } else {
      out.push(finding(c, 'AL302', m.span.start, m.span.end, inner.function
        ? c.t('log of a sigmoid: the function {0} returns a sigmoid, which rounds to 0 for x below about -88.7 (float32), and the log is -inf. Have it return the logits and use logsigmoid here (or BCEWithLogitsLoss).', inner.model!)
        : inner.method
        ? c.t('log of a sigmoid: the method {0} returns a sigmoid, which rounds to 0 for x below about -88.7 (float32), and the log is -inf. Have it return the logits and use logsigmoid here (or BCEWithLogitsLoss).', inner.model!)
        : inner.model
        ? c.t('log of a sigmoid: the forward of {0} returns a sigmoid, which rounds to 0 for x below about -88.7 (float32), and the log is -inf. Have the model return its logits and use logsigmoid here (or BCEWithLogitsLoss).', inner.model)
        : c.t('log of a sigmoid: for x below about -88.7 (float32) sigmoid rounds to 0 and the log is -inf. logsigmoid computes the same values without the underflow.'),
        fixable ? logSigmoidFix(c, m, u!) : []));
    }
  }
  return out;
}

/** The hand-written softmax's exp, sum and log are PyTorch's (`np.exp` never counts). */
const handSoftmaxCallees = (c: DocContext, m: HandSoftmax): boolean => m.callees.every((k) => isTorch(c, k, 'exp') || isTorch(c, k, 'sum') || isTorch(c, k, 'log'));
/** The hand-written sigmoid's exp is PyTorch's. */
const handSigmoidCallees = (c: DocContext, m: HandSigmoid): boolean => m.callees.every((k) => isTorch(c, k, 'exp'));

export function handSoftmax(c: DocContext): Finding[] {
  const out: Finding[] = [];
  for (const m of c.patterns) {
    if (m.kind !== 'softmax' || !handSoftmaxCallees(c, m)) continue;
    const { name, edits } = torchName(m.log ? 'log_softmax' : 'softmax', c.imports, c.analysis.imports, c.lines);
    const fix: Fix = {
      applicability: m.dimLiteral && !m.columnView ? 'safe' : 'unsafe', title: m.log ? c.t('Use torch.log_softmax') : c.t('Use torch.softmax'),
      edits: [edit(c.lines.range(m.span.start, m.span.end), `${name}(${m.x}, dim=${m.dim})`), ...edits],
    };
    out.push(finding(c, 'AL303', m.span.start, m.span.end, m.log
      ? c.t('Hand-written log_softmax: exp overflows float32 above 88.72, so any score that large makes the log of the sum inf and the result -inf. torch.log_softmax subtracts the maximum first and gives the same values elsewhere.')
      : c.t('Hand-written softmax: exp overflows float32 above 88.72, so any score that large gives inf / inf = nan. torch.softmax subtracts the maximum first and gives the same values elsewhere.'),
      m.viaName || m.allElements ? [] : [fix]));
  }
  return out;
}

export function handSigmoid(c: DocContext): Finding[] {
  const out: Finding[] = [];
  for (const m of c.patterns as Array<HandSigmoid | HandSoftmax | LogOfCall>) {
    if (m.kind !== 'sigmoid' || !handSigmoidCallees(c, m)) continue;
    // a torch.autograd.Function's forward and backward are not differentiated by autograd: an
    // overflow there gives the right 0 (forward's value, a backward's hand-written derivative)
    // (exp(x) / (1 + exp(x)) is nan in the forward itself where exp(x) overflows: reported there too)
    if (!m.overExp && m.bases?.some((b) => resolve(b, c.imports) === 'torch.autograd.Function')) continue;
    const { name, edits } = torchName('sigmoid', c.imports, c.analysis.imports, c.lines);
    out.push(finding(c, 'AL304', m.span.start, m.span.end,
      m.overExp
        ? c.t('Hand-written sigmoid: for x above about 88.7 (float32) exp(x) overflows and this expression is inf / inf = nan; torch.sigmoid gives the same values elsewhere and 1 there.')
        : c.t('Hand-written sigmoid: for x below about -88.7 (float32) exp(-x) overflows and the gradient of this expression is nan; torch.sigmoid gives the same values and a finite gradient.'),
      [{ applicability: 'safe', title: c.t('Use torch.sigmoid'), edits: [edit(c.lines.range(m.span.start, m.span.end), `${name}(${m.x})`), ...edits] }]));
  }
  return out;
}
