// The webview shell shared by the explorer panel and the side view: options (scripts on, local
// resources limited to the bundles and media/) and the document from ./webviewPage.
import * as vscode from 'vscode';
import type { ToWebview, ViewKind } from '../protocol';
import { inlineable, webviewPage, type InlineAssets, type PageParts } from './webviewPage';

export function makeNonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Folders a webview may load from: the bundles and the media, nothing else of the extension. */
export function webviewRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: webviewRoots(extensionUri) };
}

let assets: InlineAssets | null | undefined;
let loading: Promise<void> | undefined;

/**
 * Reads the webview bundle once (≈350 KB; a few ms), so documents carry it inline: a webview
 * fetches its files through VS Code's resource service worker, which delays the first paint by
 * tens to hundreds of ms. Started in idle time (registerExplorer) and by the first document;
 * documents never wait for it — one built before it finished, or for a bundle that cannot be
 * read or inlined, loads the files. (Awaiting it in a command let queued start-up work run
 * first: a 900 ms command on a fresh window.)
 */
export function loadWebviewAssets(extensionUri: vscode.Uri): Promise<void> {
  loading ??= (async () => {
    try {
      const read = async (name: string) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)));
      const [js, css] = await Promise.all([read('main.js'), read('main.css')]);
      assets = inlineable({ js, css }) ? { js, css } : null;
    } catch {
      assets = null;
    }
  })();
  return loading;
}

/** The document; `boot` are messages it starts with instead of asking the host for them. */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, view: ViewKind, title: string, boot: readonly ToWebview[] = [], o: { inline?: boolean; firstPaint?: PageParts['firstPaint'] } = {}): string {
  const inline = o.inline ?? true;
  if (inline && assets === undefined) void loadWebviewAssets(extensionUri);
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
  return webviewPage({
    cspSource: webview.cspSource, nonce: makeNonce(), cssUri: asset('main.css'), jsUri: asset('main.js'), inline: inline ? assets ?? undefined : undefined,
    lang: vscode.env.language || 'en', view, title, boot, firstPaint: o.firstPaint,
  });
}
