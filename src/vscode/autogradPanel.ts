// The autograd view (command "Activation Lens: Open Autograd View"): the article's snippet,
// editable, evaluated on the engine by the autograd layer; the graph, x.grad and PyTorch's own
// errors shown. Thin: validate the view's messages, call the autograd layer, post the result.
import * as vscode from 'vscode';
import { AUTOGRAD_EXAMPLES } from '../autograd/examples';
import { AUTOGRAD_VIEW_STRINGS, autogradViewResult } from '../autograd/view';
import { AUTOGRAD_PROTOCOL_VERSION, AutogradRefusal, MAX_SNIPPET_CHARS, validateToAutogradHost, type AutogradViewResult, type ToAutogradView } from '../protocolAutograd';
import { themeKindFromVscode } from '../render/theme';
import { ensurePython } from './pythonAnalysis';
import { makeNonce } from './webviewHtml';

export const AUTOGRAD_VIEW_TYPE = 'activationLens.autograd';
const t = (m: string, ...a: Array<string | number | boolean>) => vscode.l10n.t(m, ...a);

/** What tests read back (command `activationLens.autograd.testInfo`). */
const diag = { open: false, runs: 0, last: null as AutogradViewResult | null, refused: [] as string[], problems: [] as string[] };

function html(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = makeNonce();
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
  const csp = `default-src 'none'; img-src data:; style-src ${webview.cspSource}; script-src 'nonce-${nonce}';`;
  const lang = (vscode.env.language || 'en').replace(/[^A-Za-z-]/g, '');
  return `<!DOCTYPE html><html lang="${lang}"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="${csp}">`
    + `<meta name="viewport" content="width=device-width, initial-scale=1.0"><link rel="stylesheet" href="${asset('autograd.css')}"><title>Autograd</title></head>`
    + '<body><h1 id="title"></h1><div class="layout"><section>'
    + '<label><span id="examplesLabel"></span><select id="examples"></select></label>'
    + '<textarea id="code" spellcheck="false" aria-label="code"></textarea>'
    + '<h2 id="conditionsTitle"></h2><ul id="conditions"></ul>'
    + '<h2 id="eventsTitle"></h2><ul id="events" hidden></ul><ul id="notes"></ul>'
    + '</section><section><h2 id="graphTitle"></h2><div id="graph"></div><h2 id="gradsTitle"></h2><div id="grads"></div></section></div>'
    + `<script nonce="${nonce}" src="${asset('autograd.js')}"></script></body></html>`;
}

let current: vscode.WebviewPanel | undefined;

function open(extensionUri: vscode.Uri, code?: string): void {
  if (current) {
    current.reveal();
    if (code !== undefined) void current.webview.postMessage({ type: 'setCode', code } satisfies ToAutogradView);
    return;
  }
  const panel = vscode.window.createWebviewPanel(AUTOGRAD_VIEW_TYPE, t('Autograd'), vscode.ViewColumn.Beside, {
    enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
  });
  current = panel;
  diag.open = true;
  panel.onDidDispose(() => { current = undefined; diag.open = false; });
  const send = (m: ToAutogradView) => void panel.webview.postMessage(m);
  panel.webview.onDidReceiveMessage(async (raw: unknown) => {
    try {
      const m = validateToAutogradHost(raw);
      if (m.type === 'ready') {
        const strings: Record<string, string> = {};
        for (const s of AUTOGRAD_VIEW_STRINGS) strings[s] = t(s);
        const examples = AUTOGRAD_EXAMPLES.map((e) => ({ id: e.id, title: t(e.title), code: e.code }));
        send({ type: 'init', v: AUTOGRAD_PROTOCOL_VERSION, strings, examples, code: code ?? AUTOGRAD_EXAMPLES[0]!.code });
      } else if (m.type === 'run') {
        await ensurePython();
        const theme = themeKindFromVscode(vscode.window.activeColorTheme.kind, vscode.workspace.getConfiguration('workbench').get<string>('colorTheme'));
        const result = autogradViewResult(m.code, m.seq, theme, t);
        diag.runs++;
        diag.last = result;
        send({ type: 'result', result });
      } else {
        diag.problems.push(m.message);
        console.error('[Activation Lens] autograd view:', m.message);
      }
    } catch (e) {
      if (e instanceof AutogradRefusal) diag.refused.push(e.message);
      else throw e;
    }
  });
  panel.webview.html = html(panel.webview, extensionUri);
}

export function registerAutogradPanel(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('activationLens.openAutograd', (args?: unknown) => {
      // reached from hover links too: only a string of bounded length is taken
      const raw = args && typeof args === 'object' ? (args as { code?: unknown }).code : undefined;
      const code = typeof raw === 'string' && raw.length <= MAX_SNIPPET_CHARS ? raw : undefined;
      open(context.extensionUri, code);
    }),
    // For the extension-host tests; not contributed to the palette.
    vscode.commands.registerCommand('activationLens.autograd.testInfo', () => JSON.parse(JSON.stringify(diag))),
  );
}
