// The hover on autograd spellings (`.backward()`, `requires_grad=True`, `.grad`, …) in Python files
// and notebook cells. Thin: read the document through the autograd layer, render, wrap.
import * as vscode from 'vscode';
import { autogradSpellingsOf, autogradSpellingsOfNotebook } from '../autograd/document';
import { spellingAt, type AutogradSpelling } from '../autograd/spellings';
import { renderAutogradHover } from '../render/autogradHover';
import { HOVER_SELECTOR } from './hover';
import { ensurePython, notebookOf, notebookVersion } from './pythonAnalysis';

const t = (message: string, ...args: Array<string | number | boolean>) => vscode.l10n.t(message, ...args);

interface Entry { version: number; cells: AutogradSpelling[][] }
/** Per file or notebook: the spellings of the version last asked about. */
const cache = new Map<string, Entry>();
const CACHE_LIMIT = 32;

function remember(key: string, version: number, read: () => AutogradSpelling[][]): AutogradSpelling[][] {
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.cells;
  const cells = read();
  cache.delete(key);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, { version, cells });
  return cells;
}

/** The spellings of this document (for a notebook cell: of that cell, imports of earlier cells counted). */
function spellingsOf(document: vscode.TextDocument): AutogradSpelling[] {
  const nb = notebookOf(document);
  if (nb) {
    const code = nb.cells.filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
    const index = code.findIndex((c) => c.document === document);
    if (index < 0) return [];
    const cells = remember(nb.notebook.uri.toString(), notebookVersion(nb.notebook, nb.cells), () => autogradSpellingsOfNotebook(code.map((c) => c.document.getText())));
    return cells[index] ?? [];
  }
  return remember(document.uri.toString(), document.version, () => [autogradSpellingsOf(document.getText())])[0] ?? [];
}

export async function provideAutogradHover(document: vscode.TextDocument, position: vscode.Position, token?: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
  if (vscode.workspace.getConfiguration('activationLens.hover', document).get<boolean>('enabled', true) === false) return undefined;
  await ensurePython();
  if (token?.isCancellationRequested) return undefined;
  const spot = spellingAt(spellingsOf(document), position.line, position.character);
  if (!spot) return undefined;
  const md = new vscode.MarkdownString(renderAutogradHover({ kind: spot.kind }, t), true);
  md.supportHtml = false;
  md.isTrusted = false;
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
