// The hover on user-defined activations (src/custom): on a definition's name and on its uses.
// Thin: find the definitions of the document (or the notebook's cells), evaluate and compare the
// one under the cursor (cached per document version), render (src/render/customHover.ts).
import * as vscode from 'vscode';
import { customAt, definitionCovering, evaluateDefinition, findCustom, findCustomNotebook, reportDefinition, type CustomFile, type CustomReport, type EvalResult, type FoundDefinition } from '../custom';
import { builtinSpelling, renderCustomHover } from '../render/customHover';
import { defaultParams, getActivation } from '../catalog';
import { formulaLines } from '../custom/formula';
import type { SideInfo } from '../protocol';
import { themeKindFromVscode } from '../render/theme';
import { HOVER_SELECTOR } from './hover';
import { ensurePython, notebookOf } from './pythonAnalysis';

interface Entry {
  key: string;
  file: CustomFile;
  /** For a notebook cell: its index among the code cells. */
  cell?: number;
  reports: Map<FoundDefinition, CustomReport>;
  series: Map<FoundDefinition, EvalResult | null>;
  evaluable: Map<FoundDefinition, boolean>;
}

const cache = new Map<string, Entry>();
const CACHE_LIMIT = 16;

function entryFor(document: vscode.TextDocument): Entry | undefined {
  const nb = notebookOf(document);
  let key: string;
  let make: () => { file: CustomFile; cell?: number } | undefined;
  if (nb) {
    const code = nb.cells.filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
    const cell = code.findIndex((c) => c.document === document);
    if (cell < 0) return undefined;
    key = `${nb.notebook.uri.toString()}#${code.map((c) => c.document.version).join('.')}#${cell}`;
    make = () => ({ file: findCustomNotebook(code.map((c) => c.document.getText())), cell });
  } else {
    key = `${document.uri.toString()}#${document.version}`;
    make = () => ({ file: findCustom(document.getText()) });
  }
  const hit = cache.get(key);
  if (hit) return hit;
  const made = make();
  if (!made) return undefined;
  const entry: Entry = { key, ...made, reports: new Map(), series: new Map(), evaluable: new Map() };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, entry);
  return entry;
}

function isEvaluable(e: Entry, d: FoundDefinition): boolean {
  let v = e.evaluable.get(d);
  if (v === undefined) {
    v = evaluateDefinition(e.file, d, { points: 9 }).ok;
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
    const d = definitionCovering(e.file, position.line, position.character, e.cell);
    return !!d && isEvaluable(e, d);
  } catch {
    return false;
  }
}

export async function provideCustomHover(document: vscode.TextDocument, position: vscode.Position, token?: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
  if (vscode.workspace.getConfiguration('activationLens.hover', document).get<boolean>('enabled', true) === false) return undefined;
  await ensurePython();
  if (token?.isCancellationRequested) return undefined;
  const e = entryFor(document);
  if (!e) return undefined;
  const hit = customAt(e.file, position.line, position.character, e.cell);
  if (!hit) return undefined;
  const d = hit.definition;
  let report = e.reports.get(d);
  if (!report) e.reports.set(d, (report = reportDefinition(e.file, d)));
  let series = e.series.get(d);
  if (series === undefined) {
    const r = report.evaluable ? evaluateDefinition(e.file, d, { from: -6, to: 6, points: 401, dtype: 'float64' }) : null;
    e.series.set(d, (series = r && r.ok ? r.value : null));
  }
  const theme = themeKindFromVscode(vscode.window.activeColorTheme.kind, vscode.workspace.getConfiguration('workbench').get<string>('colorTheme'));
  const out = renderCustomHover({ report, series, at: hit.at, theme }, (m, ...a) => vscode.l10n.t(m, ...a));
  const md = new vscode.MarkdownString(out.markdown, true);
  md.supportHtml = false;
  md.isTrusted = { enabledCommands: out.enabledCommands };
  const r = hit.range;
  return new vscode.Hover(md, new vscode.Range(r.line, r.column, r.endLine, r.endColumn));
}

/**
 * The side panel's view of a user-defined activation under the cursor that equals a built-in: the
 * built-in's curve (the same function), titled with the user's name. Others are left out there: the
 * panel draws catalog traces only (the hover draws any evaluable definition).
 */
export async function customSideInfo(document: vscode.TextDocument, position: vscode.Position, t: (m: string, ...a: Array<string | number>) => string): Promise<SideInfo | null> {
  await ensurePython();
  const e = entryFor(document);
  if (!e) return null;
  const hit = customAt(e.file, position.line, position.character, e.cell);
  if (!hit) return null;
  let report = e.reports.get(hit.definition);
  if (!report) e.reports.set(hit.definition, (report = reportDefinition(e.file, hit.definition)));
  const eq = report.match?.equivalent;
  const spec = eq ? getActivation(eq.id) : undefined;
  if (!eq || !spec) return null;
  const code = formulaLines(hit.definition).join('\n');
  return {
    trace: { id: spec.id, params: { ...defaultParams(spec), ...eq.params } },
    title: `${hit.definition.name} = ${spec.title}`,
    code: code.length > 300 ? code.slice(0, 299) + '…' : code,
    line: hit.range.line,
    advice: [`${t('This is {0}', spec.title)}: ${builtinSpelling(spec, eq.params)}`],
  };
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
