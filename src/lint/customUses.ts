// Findings at the uses of a user-defined activation (`self.act = HardSig()`, `swish(h)`): the
// advice the hover gives there (src/custom/roles.ts: the built-in's rules when the definition
// equals one, else what its measured shape means in that role), under the same rows of the rule
// table. The role and the loss come from the python layer's flow, a notebook's cells read as one
// program (a model defined in one cell is trained in a later one), as the hover reads them.
import { adviseCustom, judgeUses, rangeContains, usesOf, type FoundDefinition } from '../custom';
import { customProgram } from './customProgram';
import { getActivation } from '../catalog';
import type { SourceRange } from '../python/types';
import type { DocContext } from './context';
import { MAX_CUSTOM_CHARS, MAX_CUSTOM_DEFINITIONS } from './customRule';
import { argsAt, edit, paren } from './edit';
import { onLogits } from './rules';
import type { Finding, Fix } from './types';
import { freshMemo, registerFileMemo } from '../python/fileMemos';

/** A finding before the rule table weighs it: the code the advice gave and where (which cell). */
export interface CustomUseFinding {
  code: string;
  cell: number;
  message: string;
  range: SourceRange;
  /** For the removal fix: the use is a plain call `name(x)`, and the loss (in the same cell) it reaches. */
  def: FoundDefinition;
  lossRange?: SourceRange;
}

/** What the file's own activations mean for one document's findings. */
export interface CustomUses {
  findings: CustomUseFinding[];
  /**
   * The definitions the engine evaluates, by cell: the torch.tanh inside a hand-written activation
   * is part of it (the hover shows the definition there), not a use of its own to advise on.
   */
  evaluable: Array<{ cell: number; range: SourceRange }>;
}

const MAX_USES = 200;
const NONE: CustomUses = { findings: [], evaluable: [] };
let memo = new Map<string, CustomUses>();
let files = new Map<string, { language: string; all: CustomUses }>();
const MEMO_SIZE = 8;
registerFileMemo(() => { memo = freshMemo(memo); files = freshMemo(files); });
/** A use needs the name of a definition: no def/lambda/class, nothing to read. */
const DEFINES = /\b(def|lambda|class)\b/;

function compute(cells: readonly string[], t: DocContext['t']): CustomUses {
  const program = customProgram(cells);
  const { file, reportOf } = program;
  const defs = file.definitions.slice(0, MAX_CUSTOM_DEFINITIONS);
  // as the hover decides it (src/vscode/customHover.ts): a few points evaluate, or not
  const evaluable = defs.filter(program.evaluates).map((d) => ({ cell: d.cell ?? 0, range: d.range }));
  // Only the uses of a definition whose report is evaluable are judged: with none (a file of models,
  // none buildable without arguments), the uses need not be looked for. The reports are AL601's own
  // (customProgram's memo); one that fails to come back leaves the decision to the uses.
  if (!evaluable.length && !defs.some((d) => { try { return program.evaluable(d); } catch { return true; } })) return { findings: [], evaluable };
  const pairs = defs.flatMap((def) => usesOf(file, def).map((use) => ({ def, use }))).slice(0, MAX_USES);
  if (!pairs.length) return { findings: [], evaluable };
  // the definitions the engine cannot evaluate get no advice (as in the hover): no flow read for them
  const judged = judgeUses(file, pairs.filter((p) => program.evaluable(p.def)));
  const out: CustomUseFinding[] = [];
  for (const j of judged) {
    const report = reportOf(j.def);
    const eq = report.match?.equivalent;
    const spec = eq ? getActivation(eq.id) : undefined;
    for (const a of adviseCustom(report, [j], t)) {
      if (!a.code) continue;
      const message = spec
        ? t('{0} (your own activation) equals {1}: {2}', j.def.name, spec.title, a.message)
        : t('{0} (your own activation): {1}', j.def.name, a.message);
      const f: CustomUseFinding = { code: a.code, cell: j.use.cell ?? 0, message, range: j.use.range, def: j.def };
      if (j.lossRange) f.lossRange = j.lossRange;
      out.push(f);
    }
  }
  return { findings: out, evaluable };
}

/** The findings at this document's custom uses (codes as the advice gave them; the caller applies the table), and its evaluable definitions. */
export function customUsesOf(c: DocContext): CustomUses {
  const earlier = c.previousCells ?? [];
  const later = c.laterCells ?? [];
  const cells = [...earlier, c.lines.text, ...later];
  if (cells.reduce((n, s) => n + s.length, 0) > MAX_CUSTOM_CHARS || !cells.some((s) => DEFINES.test(s))) return NONE;
  // one pass for the whole notebook: every cell's lint finds it here
  const language = c.t('{0} (your own activation): {1}', '', ''); // messages are in the caller's language
  let all: CustomUses | undefined;
  if (cells.length === 1) {
    // a file by its text itself (hashed once for the lint's memos), with the language it was read in
    const hit = files.get(cells[0]!);
    all = hit && hit.language === language ? hit.all : undefined;
    if (!all) {
      try { all = compute(cells, c.t); } catch { all = NONE; }
      if (!hit && files.size >= MEMO_SIZE) files.delete(files.keys().next().value!);
      files.set(cells[0]!, { language, all });
    }
  } else {
    const key = `${language}\u0000${cells.join('\u0000')}`;
    all = memo.get(key);
    if (!all) {
      try { all = compute(cells, c.t); } catch { all = NONE; }
      if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value!);
      memo.set(key, all);
    }
  }
  const cell = earlier.length;
  return { findings: all.findings.filter((f) => f.cell === cell), evaluable: all.evaluable.filter((d) => d.cell === cell) };
}

/** The position lies within one of the ranges. */
export function within(ranges: ReadonlyArray<{ range: SourceRange }>, r: SourceRange): boolean {
  return ranges.some(({ range }) => rangeContains(range, r.line, r.column));
}

/**
 * The built-in's removal fix where it applies to the user's code as written: a call `name(x)` of a
 * function (or lambda) with one argument becomes `(x)`; AL103 also renames the loss to its logits
 * form when that is written in this cell. A module (`HardSig()`) is replaced by nothing here: what
 * `nn` is bound to, and whether the module is reused elsewhere, is not for a quick fix to guess.
 */
export function customUseFixes(c: DocContext, f: CustomUseFinding): Fix[] {
  if (f.def.kind === 'module' || !['AL101', 'AL103', 'AL104'].includes(f.code)) return [];
  const text = c.lines.text;
  let open = c.lines.offset(f.range.endLine, f.range.endColumn);
  while (/[ \t]/.test(text[open] ?? '')) open++;
  const parsed = argsAt(text, open);
  if (!parsed || parsed.args.length !== 1 || parsed.args[0]!.keyword) return [];
  const call = c.lines.range(c.lines.offset(f.range.line, f.range.column), parsed.close + 1);
  const removal = edit(call, paren(parsed.args[0]!.text));
  if (f.code !== 'AL103') return [{ applicability: 'unsafe', title: c.t('Remove the activation (pass the logits)'), edits: [removal] }];
  return onLogits(c, [removal], f.lossRange);
}
