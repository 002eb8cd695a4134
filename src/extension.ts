// Entry point for both the Node and the browser extension host. Kept thin: each feature
// registers itself from its own file under src/vscode/.
import * as vscode from 'vscode';
import { registerHover } from './vscode/hover';
import { registerExplorer } from './vscode/explorerPanel';
import { registerSideView } from './vscode/sideView';
import { registerLab } from './vscode/labPanel';
import { registerAutogradHover } from './vscode/autogradHover';
import { registerAutogradPanel } from './vscode/autogradPanel';
import { registerWalkthrough } from './vscode/walkthrough';
import { announceWebHost } from './vscode/hostInfo';
import { registerDiagnostics } from './vscode/diagnostics';
import { registerCodeActions } from './vscode/codeActions';
import { registerCustomHover } from './vscode/customHover';
// The findings worker loads this same bundle and starts here (src/lint/workerSource.ts).
export { runLintWorker } from './lint/worker';

/** Milliseconds spent in activate(), read by tests and the benchmark. */
export let activationMs = -1;

export function activate(context: vscode.ExtensionContext) {
  const t0 = performance.now();
  context.subscriptions.push(
    registerExplorer(context),
    registerSideView(context),
    registerLab(context),
    registerAutogradHover(),
    registerAutogradPanel(context),
    registerWalkthrough(context),
    registerDiagnostics(context),
    registerCodeActions(),
  );
  registerHover(context);
  registerCustomHover(context);
  announceWebHost();
  activationMs = performance.now() - t0;
  return { activationMs: () => activationMs };
}

export function deactivate() {}
