// The HTML of a webview document, as pure text (no `vscode` import: unit tests read it): a strict
// Content-Security-Policy (nothing by default; our bundle's script only, by nonce; styles and
// images from the extension and data: URIs), the bundled stylesheet and script, the view kind on
// <body>, and the messages the document boots with.
import type { ToWebview, ViewKind } from '../protocol';
import { escapeHtml as esc } from '../render/escape';

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

/** The id of the JSON data block that carries the boot messages. */
export const BOOT_ELEMENT_ID = 'al-boot';

/**
 * Messages the document carries from the start (`init`, the first series…), so it paints without
 * waiting for a host round trip. A JSON data block is never executed; `<` is escaped so no value
 * (a hostile string from the user's code included) can close the element.
 */
export function bootBlock(boot: readonly ToWebview[], nonce: string): string {
  if (!boot.length) return '';
  const json = JSON.stringify(boot).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `<script type="application/json" id="${BOOT_ELEMENT_ID}" nonce="${nonce}">${json}</script>\n`;
}


/** The webview bundle's text, put into the document itself (no fetch through the webview's service worker). */
export interface InlineAssets {
  js: string;
  css: string;
}

/**
 * Whether a bundle can sit inside a <script>/<style> element: HTML ends those at the first
 * `</script`/`</style` whatever the JavaScript around it means, and `<script` inside script data
 * can swallow the rest. A bundle with any of them is served as a file instead.
 */
export function inlineable(a: InlineAssets): boolean {
  return !/<\/?script|<\/style/i.test(a.js) && !/<\/?script|<\/?style/i.test(a.css);
}

export interface PageParts {
  cspSource: string;
  nonce: string;
  cssUri: string;
  jsUri: string;
  /** When given (and inlineable), the bundle goes into the page instead of cssUri/jsUri. */
  inline?: InlineAssets;
  lang: string;
  view: ViewKind;
  title: string;
  boot?: readonly ToWebview[];
  /**
   * What the document shows before any script runs (src/render/firstPaint.ts). With it, the
   * bundle is loaded from jsUri only after that first paint (see loaderScript), and `boot` is
   * left out: VS Code keeps the frame hidden until the document's load event, and every script
   * (and every byte) in the HTML delays that.
   */
  firstPaint?: { html: string; css: string };
}

/**
 * The script that loads the bundle once the first paint is on screen: at the document's first
 * contentful paint, or a second after its load event if the browser reports no paint timing. The
 * bundle's element carries the nonce (the CSP allows nothing else); the URL is data in a JS string.
 */
export function loaderScript(jsUri: string, nonce: string): string {
  const src = JSON.stringify(jsUri).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `<script nonce="${nonce}">(function () {
  var started = false;
  function start() {
    if (started) return;
    started = true;
    var s = document.createElement('script');
    s.nonce = ${JSON.stringify(nonce)};
    s.src = ${src};
    document.body.appendChild(s);
  }
  try {
    new PerformanceObserver(function (list, o) {
      if (list.getEntries().some(function (e) { return e.name === 'first-contentful-paint'; })) { o.disconnect(); setTimeout(start, 0); }
    }).observe({ type: 'paint', buffered: true });
  } catch (e) { /* no paint timing: the load event's timer starts it */ }
  addEventListener('load', function () { setTimeout(start, 1000); }, { once: true });
})();</script>`;
}

export function webviewPage(p: PageParts): string {
  const inline = p.inline && inlineable(p.inline) ? p.inline : undefined;
  const css = inline ? `<style nonce="${p.nonce}">${inline.css}</style>` : `<link rel="stylesheet" href="${esc(p.cssUri)}" nonce="${p.nonce}">`;
  if (p.firstPaint) return firstPaintPage(p, css);
  const js = inline ? `<script nonce="${p.nonce}">${inline.js}</script>` : `<script nonce="${p.nonce}" src="${esc(p.jsUri)}"></script>`;
  return `${head(p, css)}
<title>${esc(p.title)}</title>
</head>
<body data-view="${p.view}">
<div id="app" aria-busy="true"></div>
${bootBlock(p.boot ?? [], p.nonce)}${js}
</body>
</html>`;
}

/** The document's start up to `</head>`'s contents: language, CSP with the nonce, viewport, then `css`. Every panel's page starts so. */
export function head(p: Pick<PageParts, 'lang' | 'cspSource' | 'nonce'>, css: string): string {
  return `<!DOCTYPE html>
<html lang="${esc(p.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${esc(contentSecurityPolicy(p.cspSource, p.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta property="csp-nonce" content="${p.nonce}">
${css}`;
}

function firstPaintPage(p: PageParts, css: string): string {
  const fp = p.firstPaint!;
  // The generated rules are our own text, but a `</style` in them would end the element early.
  const rules = fp.css.replace(/<\/style/gi, '<\\/style');
  return `${head(p, css)}
<style nonce="${p.nonce}">${rules}</style>
<title>${esc(p.title)}</title>
</head>
<body data-view="${p.view}">
<div id="app" aria-busy="true"></div>
${fp.html}
${loaderScript(p.jsUri, p.nonce)}
</body>
</html>`;
}
