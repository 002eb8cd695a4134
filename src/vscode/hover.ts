// The hover on activation uses in Python files and notebook cells. Thin: find the use (python
// layer, via the shared analysis), render (render layer), wrap in a MarkdownString that may run
// only our own commands.
import * as vscode from 'vscode';
import { ALL_SECTIONS, type HoverSections } from '../render/hoverMarkdown';
import { renderHoverCached, warmUpHover } from '../render/hoverCache';
import { themeKindFromVscode } from '../render/theme';
import { plotRangeProblem } from '../render/plotImage';
import { getAnalysisAt, setExtensionUri, forgetDocument, forgetNotebook, registerAnalysisWarmup } from './pythonAnalysis';
import { registerPlotScriptCommand } from './commandsPlotScript';
import { insideCustomActivation } from './customHover';
import { lintSettings } from './lintSettings';
import { lastCrossFileLosses } from './crossFile';
import { externalLossesOf, judgedExternal, whereOf, withExternalLoss } from '../lint/external';

/**
 * Where Python lives: files on disk or a remote, untitled editors (the walkthrough's demo), notebook
 * cells, virtual workspaces (github.dev). A selector without a scheme makes VS Code log a warning
 * at every activation, and would also match diff and git views.
 */
export const HOVER_SCHEMES = ['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vscode-notebook-cell'] as const;
export const HOVER_SELECTOR: vscode.DocumentSelector = [
  ...HOVER_SCHEMES.map((scheme) => ({ scheme, language: 'python' })),
  { scheme: 'vscode-notebook-cell', notebookType: 'jupyter-notebook', language: 'python' },
];

interface HoverSettings { enabled: boolean; sections: HoverSections; plotRange: unknown }

function settings(document: vscode.TextDocument): HoverSettings {
  const c = vscode.workspace.getConfiguration('activationLens.hover', document);
  const raw = c.get<Partial<Record<keyof HoverSections, unknown>>>('sections') ?? {};
  const sections = { ...ALL_SECTIONS };
  for (const k of Object.keys(ALL_SECTIONS) as Array<keyof HoverSections>) if (typeof raw[k] === 'boolean') sections[k] = raw[k] as boolean;
  const plotRange = c.get('plotRange', 'auto');
  warnOnce(plotRangeProblem(plotRange, t));
  return { enabled: c.get<boolean>('enabled', true) !== false, sections, plotRange };
}

/** A bad setting is said once per distinct value, as VS Code does for its own settings, not on every hover. */
const warned = new Set<string>();
function warnOnce(message: string | undefined) {
  if (!message || warned.has(message)) return;
  warned.add(message);
  void vscode.window.showWarningMessage(message);
}

const t = (message: string, ...args: Array<string | number | boolean>) => vscode.l10n.t(message, ...args);

/** Provider time of recent hovers that found a use, ms (command `activationLens.hover.testInfo`). */
const recent: number[] = [];

export async function provideActivationHover(document: vscode.TextDocument, position: vscode.Position, token?: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
  const t0 = performance.now();
  const s = settings(document);
  if (!s.enabled) return undefined;
  const found = await getAnalysisAt(document, position);
  if (!found || token?.isCancellationRequested) return undefined;
  if (insideCustomActivation(document, position)) return undefined; // part of the user's own activation (its own hover)
  const { fileLosses } = found;
  // A model trained in another file: advised with that file's loss, as the Problems panel judges it
  // (lint.ts: a smoke test's regression loss beside a classification loss does not count).
  const there = judgedExternal(externalLossesOf(found.use, lastCrossFileLosses(document))).losses[0];
  const use = there ? withExternalLoss(found.use, there) : found.use;
  const theme = themeKindFromVscode(vscode.window.activeColorTheme.kind, vscode.workspace.getConfiguration('workbench').get<string>('colorTheme'));
  const { options } = lintSettings(document);
  const weights = { select: options.select, ignore: options.ignore, severity: options.severity };
  const elsewhere = there ? { loss: there.loss, where: whereOf(there, t) } : undefined;
  const out = renderHoverCached({ use, fileLosses, theme, sections: s.sections, plotRange: s.plotRange, weights, elsewhere }, t, vscode.env.language);
  if (!out) return undefined;
  const md = new vscode.MarkdownString(out.markdown, true);
  md.supportHtml = false;
  md.isTrusted = { enabledCommands: out.enabledCommands };
  const r = use.callRange ?? use.range; // the whole call, as the side panel reads it
  recent.push(performance.now() - t0);
  if (recent.length > 200) recent.shift();
  return new vscode.Hover(md, new vscode.Range(r.line, r.column, r.endLine, r.endColumn));
}

/** One line in activate(): registers the provider and the hover's commands; loads nothing yet. */
let registerMs = -1;

export function registerHover(context: vscode.ExtensionContext): void {
  const t0 = performance.now();
  setExtensionUri(context.extensionUri);
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(HOVER_SELECTOR, {
      provideHover: (document, position, token) => provideActivationHover(document, position, token).catch((e: unknown) => {
        console.error('[Activation Lens] hover failed:', e);
        return undefined;
      }),
    }),
    vscode.workspace.onDidCloseTextDocument(forgetDocument),
    vscode.workspace.onDidCloseNotebookDocument(forgetNotebook),
    registerPlotScriptCommand(),
    registerAnalysisWarmup(() => warmUpHover(t)),
    // For the extension-host tests and the benchmark; not contributed to the palette.
    vscode.commands.registerCommand('activationLens.hover.testInfo', () => ({ providerMs: [...recent], registerMs })),
  );
  registerMs = performance.now() - t0;
}
