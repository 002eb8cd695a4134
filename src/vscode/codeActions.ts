// Quick fixes for the findings (each fix of the finding, safe ones preferred), "Suppress CODE on
// this line" (`# noqa: CODE`), and source.fixAll.activationLens for editor.codeActionsOnSave,
// which applies safe fixes only. Thin: fixes are text edits computed by the lint layer.
import * as vscode from 'vscode';
import { fixAll, withNoqa, type Finding, type Fix } from '../lint';
import { findingsForText, findingsOf } from './pythonAnalysis';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { lintSettings, t } from './lintSettings';
import { lastCrossFileLosses, lastImportedModels } from './crossFile';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('activationLens');
const range = (r: Finding['range']) => new vscode.Range(r.line, r.column, r.endLine, r.endColumn);

function fixAction(document: vscode.TextDocument, fix: Fix, diagnostic: vscode.Diagnostic | undefined, preferred: boolean): vscode.CodeAction {
  const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  a.edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) a.edit.replace(document.uri, range(e.range), e.text);
  if (diagnostic) a.diagnostics = [diagnostic];
  a.isPreferred = preferred;
  return a;
}

function suppressAction(document: vscode.TextDocument, f: Finding, diagnostic: vscode.Diagnostic | undefined): vscode.CodeAction {
  const a = new vscode.CodeAction(t('Suppress {0} on this line', f.code), vscode.CodeActionKind.QuickFix);
  const line = document.lineAt(f.range.line);
  a.edit = new vscode.WorkspaceEdit();
  a.edit.replace(document.uri, line.range, withNoqa(line.text, f.code));
  if (diagnostic) a.diagnostics = [diagnostic];
  return a;
}

/** The smallest single edit turning `a` into `b`. */
function changedSpan(document: vscode.TextDocument, a: string, b: string): vscode.TextEdit {
  let start = 0;
  while (start < a.length && start < b.length && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let ea = a.length;
  let eb = b.length;
  while (ea > start && eb > start && a.charCodeAt(ea - 1) === b.charCodeAt(eb - 1)) { ea--; eb--; }
  return vscode.TextEdit.replace(new vscode.Range(document.positionAt(start), document.positionAt(ea)), b.slice(start, eb));
}

async function fixAllAction(document: vscode.TextDocument): Promise<vscode.CodeAction | undefined> {
  const { enabled, options } = lintSettings(document.uri);
  if (!enabled) return undefined;
  // The losses of other files the Problems panel judged the model with: the same findings here.
  const external = lastCrossFileLosses(document);
  const models = lastImportedModels(document);
  await findingsOf(document, options, t, external, models); // loads the parser; the rounds below run on scratch keys
  const text = document.getText();
  const r = fixAll(text, (x) => findingsForText(document, x, options, t, external, models), { unsafe: false });
  const a = new vscode.CodeAction(t('Fix all safe Activation Lens findings'), FIX_ALL_KIND);
  a.edit = new vscode.WorkspaceEdit();
  if (r.text !== text) a.edit.set(document.uri, [changedSpan(document, text, r.text)]);
  return a;
}

export class LintCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  async provideCodeActions(document: vscode.TextDocument, at: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    if (context.only && (context.only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(context.only))) {
      const a = await fixAllAction(document);
      return a ? [a] : [];
    }
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix)) return [];
    const { enabled, options } = lintSettings(document.uri);
    if (!enabled) return [];
    const results = await findingsOf(document, options, t, lastCrossFileLosses(document), lastImportedModels(document));
    const mine = results.find((r) => r.document === document)?.findings ?? [];
    const out: vscode.CodeAction[] = [];
    for (const f of mine) {
      const r = range(f.range);
      if (!r.intersection(at) && !(at.isEmpty && r.contains(at.start))) continue;
      const diagnostic = context.diagnostics.find((d) => d.source === DIAGNOSTIC_SOURCE && d.range.isEqual(r) && (typeof d.code === 'object' ? d.code.value : d.code) === f.code);
      f.fixes.forEach((fix, i) => out.push(fixAction(document, fix, diagnostic, i === 0 && fix.applicability === 'safe')));
      out.push(suppressAction(document, f, diagnostic));
    }
    return out;
  }
}

export function registerCodeActions(): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    [{ language: 'python' }, { notebookType: 'jupyter-notebook', language: 'python' }],
    new LintCodeActions(),
    { providedCodeActionKinds: LintCodeActions.kinds },
  );
}
