// The hover on user-defined activations (src/custom): on a definition's name and on its uses.
// Thin: find the definitions of the document (or the notebook's cells), evaluate and compare the
// one under the cursor (cached per document version), render (src/render/customHover.ts).
import * as vscode from 'vscode';
import { customAt, definitionCovering, evaluateDefinition, findCustomNotebook, LazyCustomFile, reportDefinition, rolesOfUses, type CustomFile, type CustomHit, type CustomReport, type EvalResult, type FoundDefinition, type UseRole } from '../custom';
import { customSideContent, renderCustomHover } from '../render/customHover';
import type { Range, SeriesTrace, SideInfo } from '../protocol';
import type { Translate } from '../i18n';
import { customSeriesTrace } from './explorerData';
import type { CustomCurve } from './explorerPanel';
import { themeKindFromVscode } from '../render/theme';
import { HOVER_SELECTOR } from './hover';
import { ensurePython, notebookOf } from './pythonAnalysis';
import { lintSettings } from './lintSettings';

interface Entry {
  key: string;
  /** The whole file (read on first use for a Python file: see lazy). */
  readonly file: CustomFile;
  /** A Python file read only as far as a question needs (src/custom/lazyFile.ts); none for a notebook cell. */
  lazy?: LazyCustomFile;
  /** For a notebook cell: its index among the code cells. */
  cell?: number;
  reports: Map<FoundDefinition, CustomReport>;
  series: Map<FoundDefinition, EvalResult | null>;
  evaluable: Map<FoundDefinition, boolean>;
  /** Roles of a definition's uses (key: the definition) or of one use (key: its range). */
  roles: Map<unknown, UseRole[]>;
}

const cache = new Map<string, Entry>();
const CACHE_LIMIT = 16;

function entryFor(document: vscode.TextDocument): Entry | undefined {
  const nb = notebookOf(document);
  let key: string;
  let make: () => { file: CustomFile; cell?: number } | { lazy: LazyCustomFile };
  if (nb) {
    const code = nb.cells.filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
    const cell = code.findIndex((c) => c.document === document);
    if (cell < 0) return undefined;
    key = `${nb.notebook.uri.toString()}#${code.map((c) => c.document.version).join('.')}#${cell}`;
    make = () => ({ file: findCustomNotebook(code.map((c) => c.document.getText())), cell });
  } else {
    key = `${document.uri.toString()}#${document.version}`;
    make = () => ({ lazy: new LazyCustomFile(document.getText()) });
  }
  const hit = cache.get(key);
  if (hit) return hit;
  const made = make();
  const maps = { reports: new Map(), series: new Map(), evaluable: new Map(), roles: new Map() };
  const entry: Entry = 'lazy' in made ? { key, lazy: made.lazy, get file() { return made.lazy.file; }, ...maps } : { key, ...made, ...maps };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, entry);
  return entry;
}

/** The definition or use under the cursor, reading no more of a file than that needs. */
function hitAt(e: Entry, line: number, column: number): CustomHit | undefined {
  return e.lazy ? e.lazy.customAt(line, column) : customAt(e.file, line, column, e.cell);
}

function isEvaluable(e: Entry, d: FoundDefinition): boolean {
  let v = e.evaluable.get(d);
  if (v === undefined) {
    v = evaluateDefinition(e.lazy ?? e.file, d, { points: 9 }).ok;
    e.evaluable.set(d, v);
  }
  return v;
}

/**
 * Inside a definition the engine can evaluate, the torch.tanh of a hand-written GELU is part of it:
 * the activation hover leaves such spots to this one. Synchronous once the parser is loaded.
 */
export function insideCustomActivation(document: vscode.TextDocument, position: vscode.Position): boolean {
  try {
    const e = entryFor(document);
    if (!e) return false;
    const d = e.lazy ? e.lazy.definitionCovering(position.line, position.character) : definitionCovering(e.file, position.line, position.character, e.cell);
    return !!d && isEvaluable(e, d);
  } catch {
    return false;
  }
}

/** The report and the plotted f, f′ of a definition, computed once per document version. */
function evaluated(e: Entry, d: FoundDefinition): { report: CustomReport; series: EvalResult | null } {
  let report = e.reports.get(d);
  if (!report) e.reports.set(d, (report = reportDefinition(e.file, d)));
  let series = e.series.get(d);
  if (series === undefined) {
    const r = report.evaluable ? evaluateDefinition(e.file, d, { from: -6, to: 6, points: 401, dtype: 'float64' }) : null;
    e.series.set(d, (series = r && r.ok ? r.value : null));
  }
  return { report, series };
}

/** What the hovered name's value is used as: that use's role, or at the definition every use's. */
function rolesAt(e: Entry, hit: CustomHit): UseRole[] {
  const key = hit.at === 'definition' ? hit.definition : `${e.cell ?? 0}:${hit.range.line}:${hit.range.column}`;
  let roles = e.roles.get(key);
  if (!roles) {
    const use = hit.at === 'use' ? e.file.uses.find((u) => (u.cell ?? 0) === (e.cell ?? 0) && u.range.line === hit.range.line && u.range.column === hit.range.column) : undefined;
    roles = hit.at === 'use' && !use ? [] : rolesOfUses(e.file, hit.definition, use);
    e.roles.set(key, roles);
  }
  return roles;
}

export async function provideCustomHover(document: vscode.TextDocument, position: vscode.Position, token?: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
  if (vscode.workspace.getConfiguration('activationLens.hover', document).get<boolean>('enabled', true) === false) return undefined;
  await ensurePython();
  if (token?.isCancellationRequested) return undefined;
  const e = entryFor(document);
  if (!e) return undefined;
  const hit = hitAt(e, position.line, position.character);
  if (!hit) return undefined;
  const { report, series } = evaluated(e, hit.definition);
  const theme = themeKindFromVscode(vscode.window.activeColorTheme.kind, vscode.workspace.getConfiguration('workbench').get<string>('colorTheme'));
  const ref: CustomRef = { uri: document.uri.toString(), line: hit.range.line, character: hit.range.column };
  const roles = report.evaluable ? rolesAt(e, hit) : [];
  const { options } = lintSettings(document);
  const weights = { select: options.select, ignore: options.ignore, severity: options.severity };
  const out = renderCustomHover({ report, series, at: hit.at, theme, ref, roles, weights }, (m, ...a) => vscode.l10n.t(m, ...a));
  const md = new vscode.MarkdownString(out.markdown, true);
  md.supportHtml = false;
  md.isTrusted = { enabledCommands: out.enabledCommands };
  const r = hit.range;
  return new vscode.Hover(md, new vscode.Range(r.line, r.column, r.endLine, r.endColumn));
}

/** A user-defined activation under the cursor, for the side panel: what it shows, and its own curve when evaluable. */
export interface CustomSide {
  info: SideInfo;
  /** Where the definition was found: the explorer button plots its curve beside the built-in. */
  ref: CustomRef;
  series: { range: Range; x: number[]; trace: SeriesTrace } | null;
}

export async function customSideAt(document: vscode.TextDocument, position: vscode.Position, t: Translate): Promise<CustomSide | null> {
  await ensurePython();
  const e = entryFor(document);
  if (!e) return null;
  const hit = hitAt(e, position.line, position.character);
  if (!hit) return null;
  const { report, series } = evaluated(e, hit.definition);
  const info = customSideContent(report, hit.range.line, t, report.evaluable ? rolesAt(e, hit) : []);
  const ref: CustomRef = { uri: document.uri.toString(), line: hit.range.line, character: hit.range.column };
  if (!series) return { info, ref, series: null };
  const x = Array.from(series.x);
  return { info, ref, series: { range: { min: x[0], max: x[x.length - 1], points: x.length }, x, trace: customSeriesTrace(hit.definition.name, series) } };
}

/** Where the hover found a definition (its name or a use), carried by the "Open in explorer" link. */
interface CustomRef { uri: string; line: number; character: number }

/**
 * The explorer's compared curve for the hover link's definition: f and f′ by the engine on the
 * explorer's range. Undefined when the args name none, or the document or definition is gone.
 */
export function customCurveFromArgs(args: unknown): CustomCurve | undefined {
  const ref = (args as { custom?: unknown } | null)?.custom as Partial<CustomRef> | undefined;
  if (!ref || typeof ref !== 'object' || typeof ref.uri !== 'string' || !Number.isInteger(ref.line) || !Number.isInteger(ref.character)) return undefined;
  try {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === ref.uri);
    const e = document && entryFor(document);
    const hit = e && hitAt(e, ref.line!, ref.character!);
    if (!e || !hit) return undefined;
    const d = hit.definition;
    return (range) => {
      const r = evaluateDefinition(e.file, d, { from: range.min, to: range.max, points: range.points, dtype: 'float64' });
      return r.ok ? customSeriesTrace(d.name, r.value) : null;
    };
  } catch {
    return undefined; // the parser not loaded, or the file no longer parses: the built-in alone
  }
}

/** One line in activate(): the provider; loads nothing until a hover asks. */
export function registerCustomHover(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(HOVER_SELECTOR, {
      provideHover: (document, position, token) => provideCustomHover(document, position, token).catch((err: unknown) => {
        console.error('[Activation Lens] custom activation hover failed:', err);
        return undefined;
      }),
    }),
    vscode.workspace.onDidCloseTextDocument((d) => { for (const k of [...cache.keys()]) if (k.startsWith(d.uri.toString() + '#')) cache.delete(k); }),
  );
}
