// The hover on autograd spellings (`.backward()`, `requires_grad=True`, `.grad`, …) in Python files
// and notebook cells. Thin: read the document through the autograd layer, render, wrap.
import * as vscode from 'vscode';
import { analyzeAutograd, analyzeAutogradNotebook, type AutogradCell } from '../autograd/analyze';
import { mentionsAutograd } from '../autograd/document';
import { maySpellAt, spellingAt } from '../autograd/spellings';
import { autogradFacts } from '../render/autogradFacts';
import { renderAutogradHover } from '../render/autogradHover';
import { themeKindFromVscode } from '../render/theme';
import { MAX_SNIPPET_CHARS } from '../protocolAutograd';
import { escapeMarkdown } from '../render/escape';
import { commandUri } from '../render/hoverMarkdown';
import { HOVER_SELECTOR } from './hover';

const OPEN_AUTOGRAD = 'activationLens.openAutograd';
import { ensurePython, notebookOf, notebookVersion } from './pythonAnalysis';

const t = (message: string, ...args: Array<string | number | boolean>) => vscode.l10n.t(message, ...args);

interface Entry { version: number; cells: AutogradCell[] }
/** Per file or notebook: the analysis of the version last asked about (the follower runs once per version). */
const cache = new Map<string, Entry>();
const CACHE_LIMIT = 32;

function remember(key: string, version: number, read: () => AutogradCell[]): AutogradCell[] {
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.cells;
  const cells = read();
  cache.delete(key);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, { version, cells });
  return cells;
}

/** The analysis of this document (for a notebook cell: of that cell, the cells before it followed first). */
export function autogradCellOf(document: vscode.TextDocument): AutogradCell | undefined {
  const nb = notebookOf(document);
  if (nb) {
    const code = nb.cells.filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
    const index = code.findIndex((c) => c.document === document);
    if (index < 0) return undefined;
    const cells = remember(nb.notebook.uri.toString(), notebookVersion(nb.notebook, nb.cells), () => analyzeAutogradNotebook(code.map((c) => c.document.getText()), t));
    return cells[index];
  }
  const text = document.getText();
  if (!mentionsAutograd(text)) return undefined;
  return remember(document.uri.toString(), document.version, () => [analyzeAutograd(text, t)])[0];
}

/** What "Open in the autograd view" takes along: the file, or a notebook's code cells up to this one. */
function snippetOf(document: vscode.TextDocument): string {
  const nb = notebookOf(document);
  if (!nb) return document.getText();
  const code = nb.cells.filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
  const upTo = code.findIndex((c) => c.document === document);
  return code.slice(0, upTo + 1).map((c) => c.document.getText()).join('\n');
}

export async function provideAutogradHover(document: vscode.TextDocument, position: vscode.Position, token?: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
  if (vscode.workspace.getConfiguration('activationLens.hover', document).get<boolean>('enabled', true) === false) return undefined;
  // Most hovers are on no autograd word: they must not wait for the follower to read the file.
  if (position.line >= document.lineCount || !maySpellAt(document.lineAt(position.line).text, position.character)) return undefined;
  await ensurePython();
  if (token?.isCancellationRequested) return undefined;
  const cell = autogradCellOf(document);
  const spot = cell && spellingAt(cell.spellings, position.line, position.character);
  if (!cell || !spot) return undefined;
  const theme = themeKindFromVscode(vscode.window.activeColorTheme.kind, vscode.workspace.getConfiguration('workbench').get<string>('colorTheme'));
  const facts = autogradFacts(cell, spot, theme, t);
  let markdown = renderAutogradHover({ kind: spot.kind, facts }, t);
  const text = snippetOf(document);
  const link = spot.kind === 'backward' && text.length <= MAX_SNIPPET_CHARS;
  if (link) markdown += `\n\n---\n\n[$(graph) ${escapeMarkdown(t('Open in the autograd view'))}](${commandUri(OPEN_AUTOGRAD, { code: text })})`;
  const md = new vscode.MarkdownString(markdown, true);
  md.supportHtml = false;
  md.isTrusted = link ? { enabledCommands: [OPEN_AUTOGRAD] } : false;
  const r = spot.range;
  return new vscode.Hover(md, new vscode.Range(r.line, r.column, r.endLine, r.endColumn));
}

/** One line in activate(): registers the provider; loads nothing until the first hover. */
export function registerAutogradHover(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerHoverProvider(HOVER_SELECTOR, {
      provideHover: (document, position, token) => provideAutogradHover(document, position, token).catch((e: unknown) => {
        console.error('[Activation Lens] autograd hover failed:', e);
        return undefined;
      }),
    }),
    vscode.workspace.onDidCloseTextDocument((d) => cache.delete(d.uri.toString())),
    vscode.workspace.onDidCloseNotebookDocument((n) => cache.delete(n.uri.toString())),
  );
}
