// `activationLens.copyPlotScript` ({ id, params }): copies a runnable PyTorch + matplotlib script
// drawing the activation and its derivative. Args come from a hover link or a caller: validated
// against the catalog by plotScript (unknown ids refused, invalid values replaced by defaults).
import * as vscode from 'vscode';
import { ACTIVATIONS } from '../catalog';
import { plotScript } from '../render/plotScript';

export const COPY_PLOT_SCRIPT = 'activationLens.copyPlotScript';

export function registerPlotScriptCommand(): vscode.Disposable {
  return vscode.commands.registerCommand(COPY_PLOT_SCRIPT, async (args?: unknown) => {
    const a = (args && typeof args === 'object' ? args : {}) as { id?: unknown; params?: unknown; range?: unknown };
    // The hover's range (checked like the setting it came from; anything else plots the default).
    const r = Array.isArray(a.range) && a.range.length === 2 ? a.range.map(Number) : [];
    const range = r.length === 2 && r.every((v) => Number.isFinite(v) && Math.abs(v) <= 1e6) && r[0] < r[1] ? { min: r[0], max: r[1] } : {};
    const params = a.params && typeof a.params === 'object' && !Array.isArray(a.params) ? (a.params as Record<string, unknown>) : {};
    const t = (m: string, ...x: Array<string | number | boolean>) => vscode.l10n.t(m, ...x);
    let id = typeof a.id === 'string' ? a.id : undefined;
    if (args === undefined) {
      // From the command palette: ask which activation.
      const pick = await vscode.window.showQuickPick(ACTIVATIONS.map((s) => ({ label: s.title, description: s.formula.text, id: s.id })), { placeHolder: t('Which activation should the script draw?') });
      if (!pick) return undefined;
      id = pick.id;
    }
    const script = id ? plotScript(id, params, t, range) : undefined;
    if (!script) {
      void vscode.window.showErrorMessage(t('Activation Lens: unknown activation.'));
      return undefined;
    }
    await vscode.env.clipboard.writeText(script);
    void vscode.window.setStatusBarMessage(t('$(check) Plot script copied: paste it into a .py file and run it.'), 4000);
    return script;
  });
}
