// The HTML shell shared by the explorer panel and the side view: a strict Content-Security-Policy
// (nothing by default; our bundle's script only, by nonce; styles and images from the extension
// and data: URIs), the bundled stylesheet and script, and the view kind on <body>.
import * as vscode from 'vscode';
import type { ViewKind } from '../protocol';

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

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    // The toolkit styles its components with constructable stylesheets (not governed by
    // style-src); its one probe <style> element carries the nonce it reads from the csp-nonce
    // meta. Everything else comes from our bundled stylesheet. No 'unsafe-inline'.
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    "connect-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, view: ViewKind, title: string): string {
  const nonce = makeNonce();
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
  const lang = vscode.env.language || 'en';
  return `<!DOCTYPE html>
<html lang="${esc(lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${esc(contentSecurityPolicy(webview.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta property="csp-nonce" content="${nonce}">
<link rel="stylesheet" href="${esc(asset('main.css'))}" nonce="${nonce}">
<title>${esc(title)}</title>
</head>
<body data-view="${view}">
<div id="app" aria-busy="true"></div>
<script nonce="${nonce}" src="${esc(asset('main.js'))}"></script>
</body>
</html>`;
}
