// Helpers for extension-host tests (test/vscode/suite/**/*.test.ts). They use only the public
// `vscode` API, so a test reads like what a user does: open a file, hover a word, run a command.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'activation-lens.activation-lens';

/** The extension under test (fails the test if VS Code does not know it). */
export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed/loaded in this VS Code`);
  return ext;
}

/** Activates (if needed) and returns the extension's exports. */
export async function activate<T = Record<string, unknown>>(): Promise<T> {
  const ext = extension();
  if (!ext.isActive) await ext.activate();
  return ext.exports as T;
}

/** The demo/ workspace folder the suite runs in. */
export function demoFolder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'no workspace folder is open (the runner opens demo/)');
  return f;
}

/** Opens demo/<relPath> in an editor (notebooks in the notebook editor) and returns it. */
export async function openDemoFile(relPath: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(demoFolder().uri, relPath);
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

export async function openDemoNotebook(relPath: string): Promise<vscode.NotebookEditor> {
  const uri = vscode.Uri.joinPath(demoFolder().uri, relPath);
  const nb = await vscode.workspace.openNotebookDocument(uri);
  return vscode.window.showNotebookDocument(nb);
}

/**
 * An untitled Jupyter notebook of the given cells, shown in the notebook editor: a string is a
 * Python code cell, `{ markdown }` a markup cell.
 */
export async function openScratchNotebook(cells: Array<string | { markdown: string }>): Promise<vscode.NotebookDocument> {
  const data = new vscode.NotebookData(cells.map((c) => (typeof c === 'string'
    ? new vscode.NotebookCellData(vscode.NotebookCellKind.Code, c, 'python')
    : new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, c.markdown, 'markdown'))));
  const nb = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
  await vscode.window.showNotebookDocument(nb);
  return nb;
}

/** Position of the `occurrence`-th (0-based) match of `needle` in the document, plus `offset` characters. */
export function positionOf(doc: vscode.TextDocument, needle: string | RegExp, offset = 1, occurrence = 0): vscode.Position {
  const text = doc.getText();
  const re = typeof needle === 'string' ? new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g') : new RegExp(needle.source, needle.flags.includes('g') ? needle.flags : needle.flags + 'g');
  let m: RegExpExecArray | null;
  let i = 0;
  while ((m = re.exec(text))) {
    if (i++ === occurrence) return doc.positionAt(m.index + offset);
  }
  assert.fail(`${String(needle)} (occurrence ${occurrence}) not found in ${doc.uri.path}`);
}

/** All hover markdown VS Code would show at that position (every provider), joined. */
export async function hoverText(doc: vscode.TextDocument, pos: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
}

/** Polls until `fn` returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(fn: () => T | Promise<T>, what: string, timeoutMs = 10_000, everyMs = 20): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Waits for a tab whose label matches (e.g. a webview panel) and returns it. */
export function waitForTab(label: string | RegExp, timeoutMs = 10_000): Promise<vscode.Tab> {
  const match = (t: vscode.Tab) => (typeof label === 'string' ? t.label === label : label.test(t.label));
  return waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find(match), `a tab labelled ${String(label)}`, timeoutMs);
}

export async function closeAllEditors() {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** A line printed by the runner after the results (e.g. a measured time). */
export function note(line: string) {
  ((globalThis as { __activationLensNotes?: string[] }).__activationLensNotes ??= []).push(line);
}
