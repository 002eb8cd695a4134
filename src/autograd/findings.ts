// AL501–AL506: the article's autograd pitfalls, found where the follower saw PyTorch raise or
// warn, each quoting PyTorch's own text. Ranges and fixes come from the syntax tree of the line
// the follower named; a finding is never made from syntax alone.
import type { Node } from 'web-tree-sitter';
import type { Translate } from '../i18n';
import { rangeOf } from '../python/analyze';
import type { SourceRange } from '../python/types';
import type { Finding, Fix, TextEdit } from './findingTypes';
import type { FollowEvent, FollowResult } from './follow';
import type { AutogradSpelling } from './spellings';

const NUMPY_TEXT = /^Can't call numpy\(\) on Tensor that requires grad/;
const INTEGER_TEXT = /floating point .*dtype can require gradients$/;

const quote = (s: string) => `\u201c${s}\u201d`;
const shapeText = (s: readonly number[]) => `[${s.join(', ')}]`;
const point = (line: number, column: number): SourceRange => ({ line, column, endLine: line, endColumn: column });
const insert = (line: number, column: number, text: string): TextEdit => ({ range: point(line, column), text });

function onLine(root: Node, line: number, types: string | string[]): Node[] {
  return root.descendantsOfType(types, { row: line, column: 0 }, { row: line + 1, column: 0 }).filter((n) => n.startPosition.row === line);
}

function spellingOn(spellings: readonly AutogradSpelling[], line: number, kind: AutogradSpelling['kind']): AutogradSpelling | undefined {
  return spellings.find((s) => s.range.line === line && s.kind === kind && !s.assigned);
}

function lineRange(text: string, line: number): SourceRange {
  const lines = text.split('\n');
  const l = lines[line] ?? '';
  const start = l.length - l.trimStart().length;
  return { line, column: start, endLine: line, endColumn: l.trimEnd().length };
}

/** `1` → `1.` for each plain decimal int literal under `node`; null when one is not plain decimal. */
function floatEdits(node: Node): TextEdit[] | null {
  const ints = node.descendantsOfType('integer');
  if (!ints.length || ints.some((n) => !/^\d+$/.test(n.text))) return null;
  return ints.map((n) => insert(n.endPosition.row, n.endPosition.column, '.'));
}

/** AL503's fix: the integer literals of the creation call become floats (not when a dtype is given). */
function writeFloats(call: Node | null, t: Translate): Fix[] {
  if (!call || call.type !== 'call') return [];
  const fn = call.childForFieldName('function');
  const args = call.childForFieldName('arguments');
  if (!fn || !args) return [];
  const name = fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn.text;
  const kw = args.namedChildren.filter((c) => c?.type === 'keyword_argument');
  if (kw.some((k) => k!.childForFieldName('name')?.text === 'dtype')) return [];
  const positional = args.namedChildren.filter((c): c is Node => !!c && c.type !== 'keyword_argument' && c.type !== 'comment');
  const target = name === 'tensor' ? positional.slice(0, 1) : name === 'arange' ? positional : name === 'full' ? positional.slice(1, 2) : [];
  const edits: TextEdit[] = [];
  for (const n of target) {
    const e = floatEdits(n.type === 'integer' ? n.parent! : n);
    if (e === null) return [];
    edits.push(...e.filter((x) => n.type !== 'integer' || (x.range.line === n.endPosition.row && x.range.column === n.endPosition.column)));
  }
  return edits.length ? [{ applicability: 'safe', title: t('Write the values as floats'), edits }] : [];
}

const PRIMARY = new Set(['identifier', 'attribute', 'call', 'subscript', 'parenthesized_expression']);

/** The tensor argument of a plotting or NumPy call that raised, by callee name and position. */
function plottedArgument(root: Node, e: FollowEvent): Node | undefined {
  for (const call of onLine(root, e.line, 'call')) {
    const fn = call.childForFieldName('function');
    const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
    if (name !== e.callee) continue;
    const positional = call.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => !!c && c.type !== 'keyword_argument' && c.type !== 'comment') ?? [];
    const arg = positional[e.arg ?? 0];
    if (arg) return arg;
  }
  return undefined;
}

function detachFix(arg: Node, t: Translate): Fix {
  const end = arg.endPosition;
  const edits: TextEdit[] = PRIMARY.has(arg.type)
    ? [insert(end.row, end.column, '.detach()')]
    : [insert(arg.startPosition.row, arg.startPosition.column, '('), insert(end.row, end.column, ').detach()')];
  return { applicability: 'safe', title: t('Add .detach()'), edits };
}

function label(e: FollowEvent, t: Translate): string {
  return e.subject?.label ?? t('this tensor');
}

/** The findings for one followed text. `text` is what was followed; lines are its own. */
export function autogradFindings(result: FollowResult, spellings: readonly AutogradSpelling[], root: Node, text: string, t: Translate): Finding[] {
  const out: Finding[] = [];
  for (const e of result.events) {
    const f = findingFor(e, result, spellings, root, text, t);
    // one per place: a function's body followed from two calls warns twice at the same `.grad`
    const r = f?.range;
    if (f && r && !out.some((o) => o.code === f.code && o.range.line === r.line && o.range.column === r.column && o.range.endColumn === r.endColumn)) out.push(f);
    else if (f && !r) out.push(f);
  }
  return out.sort((a, b) => a.range.line - b.range.line || a.range.column - b.range.column);
}

function findingFor(e: FollowEvent, result: FollowResult, spellings: readonly AutogradSpelling[], root: Node, text: string, t: Translate): Finding | null {
  if (e.op === 'backward' && e.message === 'grad can be implicitly created only for scalar outputs') {
    const s = spellingOn(spellings, e.line, 'backward');
    if (!s) return null;
    const b = result.backwards.find((x) => x.line === e.line);
    const shape = b?.root.shape ?? [];
    const n = shape.reduce((a, c) => a * c, 1);
    return {
      code: 'AL501', severity: 'error', range: s.range,
      message: t('backward() needs a scalar, and this value has {0} elements (shape {1}). PyTorch: {2} The article sums first: .sum().backward() puts the derivative at every point into .grad.', n, shapeText(shape), quote(e.message)),
      fixes: [{ applicability: 'unsafe', title: t('Append .sum() before .backward()'), edits: [insert(s.range.line, s.range.column, 'sum().')] }],
    };
  }
  if (e.op === 'backward' && e.message.startsWith('element 0 of tensors does not require grad')) {
    const s = spellingOn(spellings, e.line, 'backward');
    if (!s) return null;
    return {
      code: 'AL502', severity: 'error', range: s.range,
      message: t('backward() on a value that does not require grad: no leaf created with requires_grad=True is behind it (or it was computed under torch.no_grad() or from a .detach()ed tensor). PyTorch: {0}', quote(e.message)),
      fixes: [],
    };
  }
  if ((e.op === 'create' || e.op === 'requires_grad_') && INTEGER_TEXT.test(e.message)) {
    const s = spellingOn(spellings, e.line, e.op === 'create' ? 'requires_grad' : 'requires_grad_')
      ?? (e.op === 'requires_grad_' ? spellings.find((x) => x.range.line === e.line && x.kind === 'requires_grad' && x.assigned) : undefined);
    const range = s?.range ?? lineRange(text, e.line);
    let call: Node | null = null;
    if (s) {
      const at = root.descendantForPosition({ row: s.exprRange.line, column: s.exprRange.column }, { row: s.exprRange.endLine, column: s.exprRange.endColumn });
      call = at?.type === 'call' ? at : null;
      // x.requires_grad_(): the data is in the call it is made on (`x.requires_grad = True` has no call: no fix)
      if (call && e.op === 'requires_grad_') call = call.childForFieldName('function')?.childForFieldName('object') ?? null;
    }
    return {
      code: 'AL503', severity: 'error', range,
      message: t('requires_grad on an integer tensor: only floating-point tensors can require grad. PyTorch: {0}', quote(e.message)),
      fixes: writeFloats(call, t),
    };
  }
  if (e.op === 'grad' && e.severity === 'warning') {
    // the `.grad` read of the tensor that warned: by its name where the line reads several
    const reads = spellings.filter((x) => x.range.line === e.line && x.kind === 'grad' && !x.assigned).map((x) => {
      const id = root.descendantForPosition({ row: x.range.line, column: x.range.column });
      return { s: x, receiver: id?.parent?.type === 'attribute' ? id.parent.childForFieldName('object') : null };
    });
    const named = e.subject?.label ? reads.filter((r) => r.receiver?.text === e.subject!.label) : [];
    const read = named.length === 1 ? named[0] : reads.length === 1 ? reads[0] : undefined;
    if (!read) return null;
    const { s, receiver } = read;
    const fixes: Fix[] = [];
    const lines = text.split('\n');
    if (receiver?.type === 'identifier' && e.lastBackwardLine !== undefined && e.lastBackwardLine >= 0 && e.lastBackwardLine < e.line) {
      const bl = lines[e.lastBackwardLine] ?? '';
      const indent = bl.slice(0, bl.length - bl.trimStart().length);
      fixes.push({ applicability: 'unsafe', title: t('Call {0}.retain_grad() before backward()', receiver.text), edits: [insert(e.lastBackwardLine, 0, `${indent}${receiver.text}.retain_grad()\n`)] });
    }
    if (receiver && e.leaves?.length === 1) {
      fixes.push({ applicability: 'unsafe', title: t('Read the leaf\'s gradient, {0}.grad', e.leaves[0]!), edits: [{ range: rangeOf(receiver), text: e.leaves[0]! }] });
    }
    return {
      code: 'AL504', severity: 'warning', range: s.exprRange,
      message: t('{0} is not a leaf (it was computed: grad_fn {1}), so backward() leaves its .grad None. PyTorch warns: {2}', label(e, t), e.subject?.gradFn ?? '?', quote(e.message)),
      fixes,
    };
  }
  if ((e.op === 'numpy' || e.op === 'plot') && NUMPY_TEXT.test(e.message)) {
    let range: SourceRange | undefined;
    let fixes: Fix[] = [];
    let what = label(e, t);
    if (e.op === 'numpy') {
      const word = onLine(root, e.line, 'attribute').map((a) => a.childForFieldName('attribute')).find((a) => a?.text === 'numpy');
      if (word) {
        range = rangeOf(word);
        fixes = [{ applicability: 'safe', title: t('Add .detach()'), edits: [insert(word.startPosition.row, word.startPosition.column, 'detach().')] }];
        what = word.parent?.childForFieldName('object')?.text ?? what;
      }
    } else {
      const arg = plottedArgument(root, e);
      if (arg) {
        range = rangeOf(arg);
        fixes = [detachFix(arg, t)];
        what = arg.text;
      }
    }
    return {
      code: 'AL505', severity: 'error', range: range ?? lineRange(text, e.line),
      message: t('{0} requires grad, and NumPy (which matplotlib uses) cannot read such a tensor. PyTorch: {1} Pass {0}.detach(), as the article does.', clip(what), quote(e.message)),
      fixes,
    };
  }
  if (e.op === 'inplace' && /^a (view of a )?leaf Variable that requires grad is being used in an in-place operation\.$/.test(e.message)) {
    const aug = onLine(root, e.line, 'augmented_assignment')[0];
    const method = onLine(root, e.line, 'attribute').map((a) => a.childForFieldName('attribute')).find((a) => a && /_$/.test(a.text) && !/^__/.test(a.text));
    const range = aug ? rangeOf(aug.childForFieldName('left') ?? aug) : method ? rangeOf(method) : lineRange(text, e.line);
    const target = aug?.childForFieldName('left')?.text ?? method?.parent?.childForFieldName('object')?.text ?? label(e, t);
    return {
      code: 'AL506', severity: 'error', range,
      message: t('In-place change of {0}, a leaf that requires grad, outside torch.no_grad(). PyTorch: {1} Update it inside `with torch.no_grad():`.', clip(target), quote(e.message)),
      fixes: [],
    };
  }
  return null;
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 60 ? one.slice(0, 60) + '\u2026' : one;
}
