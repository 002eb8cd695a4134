// The walkthrough's "open the demo": a Python file with activations to hover, for a user with no
// PyTorch code at hand. Read from the extension's own media through workspace.fs (so it works in
// the browser host too) and opened as an untitled document: nothing is written to their disk.
import * as vscode from 'vscode';

export const OPEN_DEMO = 'activationLens.openDemo';

export function registerWalkthrough(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_DEMO, async () => {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'media', 'walkthrough', 'demo.py'));
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: new TextDecoder().decode(bytes) });
    return vscode.window.showTextDocument(doc);
  });
}
