// The hover for a user-defined activation (src/custom): its name, what it equals (or how close it
// comes), the formula as the user wrote it, a graph of f and f′ from the engine's autograd with
// the vanishing-gradient zones, facts measured on the plotted range, the built-in's advice. Pure
// string building; the definition's text reaches the markdown only through escapeMarkdown.
import type { Translate } from '../i18n';
import { english } from '../i18n';
import { defaultParams, getActivation, summarizeSeries, type ActivationSpec } from '../catalog';
import { lossClassName } from '../advice';
import { adviseCustom, type CustomReport, type EvalResult, type Equivalence, type UseRole } from '../custom';
import type { CurveShape } from '../advice';
import { formulaLines } from '../custom/formula';
import { altText, escapeMarkdown } from './escape';
import { adviceMarkdown, leads, weighAdvice, type AdviceWeights } from './adviceLines';
import { typesetDefinition } from './typesetFormula';
import { palette } from './theme';
import { svgData } from './dataUri';
import { plotSvg } from './plot';
import { pythonLiteral } from './params';
import { fmtValue } from './measuredFacts';
import { COMMANDS, commandUri, HOVER_COMMANDS, type ExplorerArgs } from './hoverMarkdown';
import type { ThemeKind } from './theme';
import { CUSTOM_ID, type SideInfo } from '../protocol';

export interface CustomHoverRequest {
  report: CustomReport;
  /** f and f′ on the plotted range (null when not evaluable). */
  series: EvalResult | null;
  at: 'definition' | 'use';
  theme: ThemeKind;
  /** Where the definition was found, passed to the explorer so it plots this curve beside the built-in. */
  ref?: unknown;
  /** The hovered use's role (at a use), or every use's (at the definition): what the advice is for. */
  roles?: UseRole[];
  /** The user's lint settings, which weigh the advice as the Problems panel does. */
  weights?: AdviceWeights;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KIND: Record<string, string> = { function: 'function', module: 'nn.Module', lambda: 'lambda' };

/** `nn.GELU(approximate='tanh')`: the built-in spelled with the parameters that differ from its defaults. */
export function builtinSpelling(spec: ActivationSpec, params: Record<string, unknown>): string {
  const d = defaultParams(spec);
  const args = Object.entries(params)
    .filter(([k, v]) => d[k] !== v && typeof v !== 'boolean')
    .map(([k, v]) => `${k}=${pythonLiteral(typeof v === 'number' ? Number(v.toPrecision(6)) : v)}`);
  if (spec.spellings.module) return `nn.${spec.spellings.module.name}(${args.join(', ')})`;
  const f = spec.spellings.functional[0] ?? spec.spellings.torch[0] ?? spec.id;
  return `F.${f}(x${args.map((a) => ', ' + a).join('')})`;
}

function equivalenceLine(eq: Equivalence | null, close: Equivalence | null, t: Translate): string | undefined {
  if (eq) {
    const spec = getActivation(eq.id);
    if (!spec) return undefined;
    return `$(pass) ${escapeMarkdown(t('This is {0}', spec.title))}: \`${builtinSpelling(spec, eq.params)}\` *(${escapeMarkdown(t('equal within 1e-6 on [{0}, {1}]', eq.range[0], eq.range[1]))})*`;
  }
  if (close) {
    const spec = getActivation(close.id);
    if (!spec) return undefined;
    return `$(info) ${escapeMarkdown(t('Close to {0}: at most {1} apart on [{2}, {3}] (not the same function)', spec.title, fmtValue(close.maxDiff), close.range[0], close.range[1]))} \u2014 \`${builtinSpelling(spec, close.params)}\``;
  }
  return undefined;
}

function paramsLine(r: CustomReport, t: Translate): string | undefined {
  const items = Object.entries(r.params).map(([k, v]) => {
    const learned = r.learned.includes(k);
    const value = `${escapeMarkdown(k)} = **${escapeMarkdown(pythonLiteral(v))}**`;
    return learned ? `${value} *(${escapeMarkdown(t('nn.Parameter: learned, drawn at its initial value'))})*` : value;
  });
  for (const k of r.learned) if (!(k in r.params)) items.push(`${escapeMarkdown(k)} *(${escapeMarkdown(t('nn.Parameter: learned, drawn at its initial value'))})*`);
  return items.length ? items.join(' \u00b7 ') : undefined;
}

/** What the shape measured on the comparison grid says: monotonic or not, where it flattens, where f′ is 0. */
function shapeFacts(sh: CurveShape, t: Translate): string[] {
  const items: string[] = [];
  const n = (v: number) => fmtValue(v);
  items.push(sh.monotonic ? t('monotonic on [{0}, {1}]', sh.range[0], sh.range[1]) : t('not monotonic: lowest value {0} at x = {1}', n(sh.minimum.y), n(sh.minimum.x)));
  if (sh.flatBelow !== null && sh.flatAbove !== null) items.push(t('saturates on both sides: |f\'| < 0.01 for x < {0} and x > {1}', n(sh.flatBelow), n(sh.flatAbove)));
  else if (sh.flatBelow !== null) items.push(t('flattens for x < {0} (|f\'| < 0.01)', n(sh.flatBelow)));
  else if (sh.flatAbove !== null) items.push(t('flattens for x > {0} (|f\'| < 0.01)', n(sh.flatAbove)));
  if (sh.deadZone) items.push(t("f' = 0 exactly on [{0}, {1}]", n(sh.deadZone[0]), n(sh.deadZone[1])));
  return items;
}

/** Where the definition's value goes: its uses' roles (and the losses they reach), each once. */
function usedLine(roles: readonly UseRole[], at: 'definition' | 'use', t: Translate): string | undefined {
  // at a use the title already says its role: only the loss it reaches is new
  if (at === 'use' && !roles.some((r) => r.role && r.loss && lossClassName(r.loss))) return undefined;
  const parts = new Map<string, number[]>();
  for (const r of roles) {
    if (!r.role) continue;
    const loss = r.loss ? lossClassName(r.loss) : undefined;
    const label = (r.role === 'hidden' ? t('hidden layer') : t('output layer')) + (loss ? ` \u2192 ${loss}` : '');
    const lines = parts.get(label) ?? [];
    if (r.use.cell === undefined) lines.push(r.use.range.line + 1);
    parts.set(label, lines);
  }
  if (!parts.size) return undefined;
  const items = [...parts].map(([label, lines]) => (lines.length ? `${label} (${lines.length > 1 ? t('lines {0}', lines.slice(0, 4).join(', ')) : t('line {0}', lines[0]!)})` : label));
  return `$(symbol-event) ${escapeMarkdown(at === 'use' ? t('Here: {0}', items.join(' \u00b7 ')) : t('Where it is used: {0}', items.join(' \u00b7 ')), 400)}`;
}

/** The formula typeset from the definition's expression (its plain text as the alt text), or that text when it cannot be typeset. */
function formulaBlock(d: CustomReport['definition'], theme: ThemeKind): string {
  const lines = formulaLines(d);
  const pal = palette(theme);
  const img = typesetDefinition(d, pal.text, pal.card);
  if (!img) return lines.map((l) => escapeMarkdown(l, 400)).join('  \n');
  return `![${altText(lines.join('; '), 300)}](${svgData(img.svg).uri})`;
}

function factsSection(s: EvalResult, shape: CurveShape | null, t: Translate): string {
  const sum = summarizeSeries(s);
  const pct = (v: number) => (v > 0 && v < 0.001 ? '<0.1' : String(+(v * 100).toFixed(1)));
  const items: string[] = [];
  const from = fmtValue(s.x[0]), to = fmtValue(s.x[s.x.length - 1]);
  if (sum.yMin !== null && sum.yMax !== null) items.push(t('f(x) spans {0} to {1} on [{2}, {3}]', fmtValue(sum.yMin), fmtValue(sum.yMax), from, to));
  if (sum.maxSlope) items.push(t("Largest |f'| {0} at x = {1}", fmtValue(sum.maxSlope.value), fmtValue(sum.maxSlope.at)));
  items.push(t("|f'| < 0.01 on {0}% of the range", pct(sum.vanishing)));
  if (sum.dead > 0) items.push(t("f' = 0 exactly on {0}% of the range", pct(sum.dead)));
  if (shape) items.push(...shapeFacts(shape, t));
  return items.map((i) => '- ' + escapeMarkdown(i, 300)).join('\n');
}

export interface CustomHoverResult {
  markdown: string;
  enabledCommands: string[];
}

export function renderCustomHover(req: CustomHoverRequest, t: Translate = english): CustomHoverResult {
  const r = req.report;
  const d = r.definition;
  const name = IDENT.test(d.name) && d.name.length <= 80 ? '`' + d.name + '`' : escapeMarkdown(d.name, 80);
  let title = `**${name}** \u2014 *${escapeMarkdown(t('your own activation ({0})', KIND[d.kind] ?? d.kind))}*`;
  const role = req.at === 'use' ? req.roles?.[0]?.role : null;
  if (role) title += ` \u2014 *${escapeMarkdown(role === 'hidden' ? t('hidden layer') : t('output layer'))}*`;
  if (req.at === 'use') title += ` \u00b7 ${escapeMarkdown(t('defined at line {0}', d.nameRange.line + 1))}`;
  const blocks: string[] = [];
  const head = [title];
  if (!r.evaluable) {
    head.push(`$(warning) ${escapeMarkdown(t('Activation Lens cannot evaluate it: {0}', r.reason ?? ''), 400)}`);
    blocks.push(head.join('\n\n'));
    return { markdown: blocks.join('\n\n---\n\n'), enabledCommands: [] };
  }
  const eq = equivalenceLine(r.match?.equivalent ?? null, r.match?.close ?? null, t);
  if (eq) head.push(eq);
  const headAt = blocks.push('') - 1; // filled below, once the advice's warnings are known

  const body: string[] = [formulaBlock(d, req.theme)];
  const params = paramsLine(r, t);
  if (params) body.push(params);
  if (req.series) {
    const label = t('{0} and its derivative', d.name.length <= 40 ? d.name : t('this activation'));
    const svg = svgData(plotSvg(req.series, { theme: req.theme, title: label, dfLabel: t('f′(x) = derivative') }));
    body.push(`![${escapeMarkdown(label, 120)}](${svg.uri})`);
  }
  blocks.push(body.join('\n\n'));

  const tail: string[] = [];
  if (req.series) tail.push(factsSection(req.series, r.shape, t));
  const roles = req.roles ?? [];
  const used = usedLine(roles, req.at, t);
  if (used) tail.push(used);
  const findings = adviseCustom(r, roles, t);
  const weighed = weighAdvice(findings, req.weights);
  const warnings = weighed.filter(leads);
  const notes = weighed.filter((w) => !leads(w)).slice(0, 3);
  if (warnings.length) head.push(adviceMarkdown(warnings));
  if (notes.length) tail.push(adviceMarkdown(notes));
  if (tail.length) blocks.push(tail.join('\n\n'));
  blocks[headAt] = head.join('\n\n');

  const enabledCommands: string[] = [];
  const target = r.match?.equivalent ?? r.match?.close;
  const targetSpec = target ? getActivation(target.id) : undefined;
  if (target && targetSpec) {
    const open: ExplorerArgs & { custom?: unknown } = { id: targetSpec.id, params: { ...defaultParams(targetSpec), ...target.params } };
    if (req.ref !== undefined) open.custom = req.ref;
    blocks.push(`[$(graph) ${escapeMarkdown(t('Open {0} in Explorer', targetSpec.title))}](${commandUri(COMMANDS.openExplorer, open)})`);
    enabledCommands.push(...HOVER_COMMANDS);
  } else if (req.ref !== undefined && req.series) {
    // near no built-in: the user's curve beside whatever the explorer shows
    blocks.push(`[$(graph) ${escapeMarkdown(t('Open in Explorer'))}](${commandUri(COMMANDS.openExplorer, { custom: req.ref })})`);
    enabledCommands.push(...HOVER_COMMANDS);
  }
  return { markdown: blocks.join('\n\n---\n\n'), enabledCommands };
}

/**
 * The side panel's view of a user-defined activation: titled with the user's name, its formula as
 * written, what it equals or how close it comes, or why it cannot be evaluated. The curve itself
 * goes in a series message (customSeriesTrace). Plain text: the webview shows it as text nodes.
 */
export function customSideContent(report: CustomReport, line: number, t: Translate = english, roles: readonly UseRole[] = []): SideInfo {
  const d = report.definition;
  const name = d.name.length > 80 ? d.name.slice(0, 79) + '\u2026' : d.name;
  const code = formulaLines(d).join('\n');
  const eq = report.match?.equivalent ?? null, close = report.match?.close ?? null;
  const target = eq ?? close;
  const spec = target ? getActivation(target.id) : undefined;
  let status: string;
  if (!report.evaluable) status = t('Activation Lens cannot evaluate it: {0}', report.reason ?? '');
  else if (eq && spec) status = `${t('This is {0}', spec.title)}: ${builtinSpelling(spec, eq.params)}`;
  else if (close && spec) status = `${t('Close to {0}: at most {1} apart on [{2}, {3}] (not the same function)', spec.title, fmtValue(close.maxDiff), close.range[0], close.range[1])} \u2014 ${builtinSpelling(spec, close.params)}`;
  else status = t('Not close to any built-in activation');
  const info: SideInfo = {
    trace: { id: CUSTOM_ID, params: {} },
    title: eq && spec ? `${name} = ${spec.title}` : `${name} \u2014 ${t('your own activation ({0})', KIND[d.kind] ?? d.kind)}`,
    code: code.length > 300 ? code.slice(0, 299) + '\u2026' : code,
    line,
    advice: adviseCustom(report, roles, t).map((f) => (f.code ? `${f.code} \u00b7 ${f.message}` : f.message)),
    custom: { status, evaluable: report.evaluable },
  };
  // glyphs only: the panel colours them with the theme's foreground (a CSS mask)
  const img = report.evaluable ? typesetDefinition(d, '#000000') : null;
  if (img) info.formula = { uri: svgData(img.svg).uri, width: img.width, height: img.height };
  const kinds = [...new Set(roles.map((r) => r.role).filter((r) => r !== null))];
  if (kinds.length) info.role = kinds.map((r) => (r === 'hidden' ? t('hidden layer') : t('output layer'))).join(', ');
  if (target && spec) info.custom!.open = { id: spec.id, params: { ...defaultParams(spec), ...target.params } as SideInfo['trace']['params'] };
  return info;
}
