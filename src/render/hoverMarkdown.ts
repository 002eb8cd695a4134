// The hover for one activation use, as a markdown string: title, formulas with the call's
// parameters, the graph, facts, advice, and action links. Pure: the vscode layer wraps it in a
// MarkdownString with only our commands enabled.
//
// Trust: catalog text and our translations are ours, but everything is still escaped as text;
// the only markup is what this file writes. Values from the user's file reach the markdown only
// through escapeMarkdown, and reach command links only after validation against the catalog.
import type { Translate } from '../i18n';
import { english } from '../i18n';
import { getActivation } from '../catalog';
import type { ActivationSpec, ParamValues } from '../catalog/types';
import { advise, recommendedAlternative, type Finding } from '../advice';
import { altText, escapeMarkdown } from './escape';
import { adviceMarkdown, leads, weighAdvice, type AdviceWeights } from './adviceLines';
import { formulaImage, formulaSize } from './formulaImage';
import { plotImage, plotRangeFor, type PlotImage } from './plotImage';
import { resolveCall, pythonLiteral, type ParamLine } from './params';
import type { ThemeKind } from './theme';

export const COMMANDS = {
  openExplorer: 'activationLens.openExplorer',
  compare: 'activationLens.compare',
  copyPlotScript: 'activationLens.copyPlotScript',
  openLab: 'activationLens.openLab',
} as const;
/** The only commands a hover may run. */
export const HOVER_COMMANDS: readonly string[] = Object.values(COMMANDS);

export interface HoverUse {
  id: string;
  spelling: string;
  /** Canonical PyTorch name of what was written, e.g. `torch.nn.functional.relu`. */
  canonical?: string;
  role: 'hidden' | 'output' | null;
  loss: string | null;
  params: Record<string, unknown>;
  runtimeParams: string[];
  deprecation?: string;
  inPlace?: boolean;
  gate?: boolean;
  isCall?: boolean;
  logTaken?: boolean;
  /** Its regression loss compares it with the model's own input (advice: a reconstruction's range). */
  reconstructs?: boolean;
  rescaled?: boolean;
  /** Also judged by another network (advice: a generated image's range). */
  generates?: boolean;
  /** One module used between layers and at the output (advice: both roles'). */
  shared?: boolean;
  /** The flow's further facts the advice reads (src/advice/rules.ts AdviceUse): each changes what it says. */
  binaryTargets?: boolean;
  softmaxAgain?: boolean;
  klTarget?: 'log-probabilities' | 'probabilities';
  picked?: boolean;
  normalizedAfter?: boolean;
}

export interface HoverSections { formula: boolean; graph: boolean; facts: boolean; advice: boolean; actions: boolean }
export const ALL_SECTIONS: HoverSections = { formula: true, graph: true, facts: true, advice: true, actions: true };

export interface HoverRequest {
  use: HoverUse;
  fileLosses?: string[];
  theme: ThemeKind;
  sections?: Partial<HoverSections>;
  /** 'auto' or [min, max]. */
  plotRange?: unknown;
  /** The user's lint settings, which weigh the advice as the Problems panel does. */
  weights?: AdviceWeights;
  /**
   * A model trained in another file: the loss there and where it is named (`train.py:13`), said
   * under the advice as the Problems panel's message says it. Plain text: a file name is the user's.
   */
  elsewhere?: { loss: string; where: string };
}

export interface HoverResult {
  markdown: string;
  enabledCommands: string[];
  findings: Finding[];
  /** Params the actions carry (validated, complete). */
  params: ParamValues;
  plot?: PlotImage;
}

/** Args of `activationLens.openExplorer` and `activationLens.copyPlotScript`. */
export interface ExplorerArgs { id: string; params: ParamValues }
/** Args of `activationLens.copyPlotScript` from a hover: the script plots the hover's own range. */
export interface PlotScriptArgs extends ExplorerArgs { range?: [number, number] }
/** Args of `activationLens.compare`. */
export interface CompareArgs { ids: string[]; params: ParamValues }

export function commandUri(command: string, args: unknown): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([args]))}`;
}

const IDENT_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

function titleLine(spec: ActivationSpec, use: HoverUse, t: Translate): string {
  const name = use.canonical && use.canonical.length <= 80 && IDENT_PATH.test(use.canonical) ? use.canonical : undefined;
  const label = name ? '`' + name + '`' : escapeMarkdown(use.canonical || use.spelling || spec.title);
  const role = use.role === 'hidden' ? t('hidden layer') : use.role === 'output' ? t('output layer') : '';
  let line = `**[${label}](${spec.docs})**`;
  if (role) line += ` \u2014 *${escapeMarkdown(role)}*`;
  if (spec.title && name && !name.toLowerCase().endsWith(spec.title.toLowerCase())) line += ` \u00b7 ${escapeMarkdown(spec.title)}`;
  return line;
}

function paramText(l: ParamLine, t: Translate): string | undefined {
  const name = l.symbol ? `${escapeMarkdown(l.name)} ${l.symbol}` : escapeMarkdown(l.name);
  switch (l.source) {
    case 'code':
      return `${name} = **${escapeMarkdown(pythonLiteral(l.value))}**`;
    case 'runtime':
      return `${name}: *${escapeMarkdown(t('set at run time'))}* (${escapeMarkdown(t('plotted with the default {0}', pythonLiteral(l.plotted)))})`;
    case 'invalid':
      return `${name} = ${escapeMarkdown(pythonLiteral(l.value))} *(${escapeMarkdown(t('not a valid value; plotted with the default {0}', pythonLiteral(l.plotted)))})*`;
    case 'default':
      // Defaults matter for numbers (they shape the curve); flags and modes only when written.
      return l.symbol ? `${name} = ${escapeMarkdown(pythonLiteral(l.value))} *(${escapeMarkdown(t('default'))})*` : undefined;
  }
}

function formulaSection(spec: ActivationSpec, lines: ParamLine[], theme: ThemeKind, t: Translate): string {
  const out: string[] = [];
  // The cards are as tall as the taller bare formula (its size only: no image needed).
  const bare = [formulaSize(spec.id, 'f'), formulaSize(spec.id, 'df')];
  const minHeight = Math.max(0, ...bare.map((b) => (b ? b.height + 12 : 0)));
  const f = formulaImage(spec.id, 'f', theme, { card: true, minHeight });
  const df = formulaImage(spec.id, 'df', theme, { card: true, minHeight });
  const imgs: string[] = [];
  if (f) imgs.push(`![${altText(spec.formula.text)}](${f.uri})`);
  else imgs.push(escapeMarkdown(spec.formula.text, 200));
  if (df) imgs.push(`![${altText(spec.formula.textDerivative)}](${df.uri})`);
  else imgs.push(escapeMarkdown(spec.formula.textDerivative, 200));
  // Side by side: a hover shows about 250 px before it scrolls, so height is precious.
  out.push(imgs.join(' &nbsp; &nbsp; '));
  const params = lines.map((l) => paramText(l, t)).filter((s): s is string => !!s);
  if (params.length) out.push(params.join(' \u00b7 '));
  return out.join('\n\n');
}

function fmtNum(v: number): string {
  return String(Number(v.toPrecision(3)));
}

function factsSection(spec: ActivationSpec, plot: PlotImage | undefined, t: Translate): string {
  const p = spec.properties;
  const e = (s: string) => escapeMarkdown(s, 400);
  const items: string[] = [];
  items.push(`**${e(t('Range'))}** ${e(p.range)} \u00b7 ${e(p.zeroCentred ? t('zero-centred') : t('not zero-centred'))}${p.monotonic ? '' : ' \u00b7 ' + e(t('not monotonic'))}`);
  // The catalog states the max slope for default parameters; this call's own curve may differ.
  let slope = t('{0} at {1}', fmtNum(p.maxSlope.value), t(p.maxSlope.at));
  if (plot && Number.isFinite(plot.maxSlope.value) && Math.abs(plot.maxSlope.value - p.maxSlope.value) > 0.01 * Math.max(1, p.maxSlope.value)) {
    slope = t('{0} at x = {1} (with these parameters, on the plotted range)', fmtNum(plot.maxSlope.value), fmtNum(plot.maxSlope.at));
  }
  items.push(`**${e(t('Max gradient'))}** ${e(slope)}`);
  items.push(`**${e(t('Saturation'))}** ${e(t(p.saturates))}`);
  items.push(`**${e(t('Cost'))}** ${e(p.cost === 'exp' ? t('needs exp/log/erf per element') : t('cheap: comparisons and multiplies only'))}`);
  return items.map((i) => '- ' + i).join('\n');
}


function actionsSection(spec: ActivationSpec, params: ParamValues, alternative: ActivationSpec | undefined, range: [number, number], t: Translate): string {
  const links: string[] = [];
  const open: ExplorerArgs = { id: spec.id, params };
  links.push(`[$(graph) ${escapeMarkdown(t('Open in Explorer'))}](${commandUri(COMMANDS.openExplorer, open)})`);
  if (alternative) {
    const cmp: CompareArgs = { ids: [spec.id, alternative.id], params };
    links.push(`[$(diff) ${escapeMarkdown(t('Compare with {0}', alternative.title))}](${commandUri(COMMANDS.compare, cmp)})`);
  }
  const script: PlotScriptArgs = { ...open, range };
  links.push(`[$(copy) ${escapeMarkdown(t('Copy plot script'))}](${commandUri(COMMANDS.copyPlotScript, script)})`);
  if (spec.spellings.module) links.push(`[$(beaker) ${escapeMarkdown(t('See it train'))}](${commandUri(COMMANDS.openLab, open)})`);
  return links.join(' \u00a0\u00b7\u00a0 ');
}

/** The hover, or undefined when the id is not in the catalog. */
export function renderHover(req: HoverRequest, t: Translate = english): HoverResult | undefined {
  const spec = getActivation(req.use.id);
  if (!spec) return undefined;
  const sections = { ...ALL_SECTIONS, ...(req.sections ?? {}) };
  const runtime = Array.isArray(req.use.runtimeParams) ? req.use.runtimeParams.filter((s) => typeof s === 'string') : [];
  const call = resolveCall(spec, req.use.params ?? {}, runtime);
  const findings = advise({ use: { ...req.use, runtimeParams: runtime }, fileLosses: req.fileLosses ?? [], spec }, t);

  // Layout for a window that shows ~250 px before scrolling: what this spot gets wrong first,
  // then the formulas and the graph, then facts, notes and actions.
  const weighed = sections.advice ? weighAdvice(findings, req.weights) : [];
  const warnings = weighed.filter(leads);
  const notes = weighed.filter((w) => !leads(w));
  const head = [titleLine(spec, req.use, t)];
  if (warnings.length) head.push(adviceMarkdown(warnings));
  if (req.elsewhere && sections.advice && (warnings.length || notes.length)) head.push(escapeMarkdown(t('The model\'s output reaches {0} in {1}.', req.elsewhere.loss, req.elsewhere.where)));
  const blocks: string[] = [head.join('\n\n')];

  const body: string[] = [];
  if (sections.formula) body.push(formulaSection(spec, call.lines, req.theme, t));
  let plot: PlotImage | undefined;
  if (sections.graph || sections.facts) {
    try {
      plot = plotImage(spec, call.params, plotRangeFor(spec, req.plotRange), req.theme, t('{0} and its derivative', spec.title), t('f′(x) = derivative'));
    } catch {
      plot = undefined; // an engine failure costs the graph, never the hover
    }
  }
  if (sections.graph && plot) {
    let g = `![${altText(t('{0} and its derivative', spec.title))}](${plot.uri})`;
    if (spec.family === 'softmax') g += '  \n*' + escapeMarkdown(t('1-D slice: the probability of one class whose logit is x, against a second class at 0.'), 300) + '*';
    body.push(g);
  }
  if (body.length) blocks.push(body.join('\n\n'));

  const tail: string[] = [];
  if (sections.facts) tail.push(factsSection(spec, plot, t));
  if (notes.length) tail.push(adviceMarkdown(notes));
  if (tail.length) blocks.push(tail.join('\n\n'));

  const enabledCommands: string[] = [];
  if (sections.actions) {
    const alt = getActivation(recommendedAlternative(spec.id, req.use.role, findings));
    blocks.push(actionsSection(spec, call.params, alt && alt.id !== spec.id ? alt : undefined, plotRangeFor(spec, req.plotRange), t));
    enabledCommands.push(...HOVER_COMMANDS);
  }
  return { markdown: blocks.join('\n\n---\n\n'), enabledCommands, findings, params: call.params, plot };
}
