// The webview document as text: its Content-Security-Policy, and the boot block that carries the
// first messages (init, the first charts) — which no string from the user's code can break out of.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTIVATIONS } from '../../../src/catalog';
import { catalogIndex, defaultState, validateToHost, validateToWebview, type ToWebview } from '../../../src/protocol';
import { catalogMeta, seriesMessage } from '../../../src/vscode/explorerData';
import { BOOT_ELEMENT_ID, bootBlock, inlineable, webviewPage } from '../../../src/vscode/webviewPage';
import { build } from 'esbuild';
import { english } from '../../../src/i18n';

const index = catalogIndex(ACTIVATIONS);
const parts = { cspSource: 'https://x.vscode-cdn.net', nonce: 'abc123', cssUri: 'https://x/main.css', jsUri: 'https://x/main.js', lang: 'zh-cn', view: 'explorer' as const, title: 'T' };

/** What a browser would take from the data block: its text up to the first `</script`. */
function bootOf(html: string): unknown {
  const open = html.indexOf(`<script type="application/json" id="${BOOT_ELEMENT_ID}"`);
  assert.ok(open >= 0, 'no boot block');
  const start = html.indexOf('>', open) + 1;
  const end = html.toLowerCase().indexOf('</script', start);
  return JSON.parse(html.slice(start, end));
}

test('the page has a strict CSP and exactly our two script elements, both with the nonce', () => {
  const html = webviewPage({ ...parts, boot: [{ type: 'status', message: 'hi' }] });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1].replace(/&#39;/g, "'") ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-abc123'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  assert.equal(scripts.length, 2);
  for (const s of scripts) assert.match(s, /nonce="abc123"/);
  assert.match(scripts[0], /type="application\/json"/);
});

test('without boot messages there is no data block', () => {
  assert.equal(bootBlock([], 'n'), '');
  assert.doesNotMatch(webviewPage(parts), /application\/json/);
});

test('hostile strings in boot messages stay data: no early </script>, no comment, same values back', () => {
  const hostile = '</script><script>alert(1)</script><!-- <SCRIPT> \u2028\u2029 & &amp; "\' ]]>';
  const boot: ToWebview[] = [{ type: 'status', message: hostile }, { type: 'refused', message: '</ScRiPt >' }];
  const html = webviewPage({ ...parts, boot });
  assert.equal((html.match(/<script\b/gi) ?? []).length, 2, 'a value opened a script element');
  assert.equal((html.match(/<\/script/gi) ?? []).length, 2, 'a value closed a script element');
  assert.doesNotMatch(html, /<!--/);
  assert.deepEqual(bootOf(html), boot);
});

test('a real boot (init + first series) round-trips and passes the webview validation', () => {
  const state = defaultState([{ id: 'leaky_relu', params: { negative_slope: 0.2 } }]);
  const init: ToWebview = { type: 'init', view: 'explorer', strings: {}, catalog: catalogMeta(english), state };
  const series = seriesMessage(state.traces, state.range, 1);
  const back = bootOf(webviewPage({ ...parts, boot: [init, series] })) as unknown[];
  const initChecked = validateToWebview(back[0], undefined, english);
  assert.ok(initChecked.ok, initChecked.ok ? '' : initChecked.error);
  const seriesChecked = validateToWebview(back[1], index, english);
  assert.ok(seriesChecked.ok, seriesChecked.ok ? '' : seriesChecked.error);
  assert.deepEqual(back[1], JSON.parse(JSON.stringify(series)));
});

test('ready says whether the document booted; anything but true is false', () => {
  const booted = (v: unknown) => {
    const r = validateToHost(v === undefined ? { type: 'ready' } : { type: 'ready', booted: v }, index);
    assert.ok(r.ok);
    return r.ok && r.value.type === 'ready' ? r.value.booted : undefined;
  };
  assert.equal(booted(true), true);
  assert.equal(booted(undefined), false);
  assert.equal(booted('true'), false);
  assert.equal(booted(1), false);
});

test('inline bundle: the script and the style carry the nonce, nothing is fetched, the CSP is unchanged', () => {
  const inline = { js: 'document.body.dataset.x = "1";', css: 'body { color: red; }' };
  const html = webviewPage({ ...parts, inline, boot: [{ type: 'status', message: 'hi' }] });
  assert.doesNotMatch(html, /src="https:\/\/x\/main\.js"|href="https:\/\/x\/main\.css"/);
  assert.match(html, /<style nonce="abc123">body \{ color: red; \}<\/style>/);
  assert.match(html, /<script nonce="abc123">document\.body\.dataset\.x = "1";<\/script>/);
  assert.equal((html.match(/<script\b/g) ?? []).length, 2);
  assert.doesNotMatch(/http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '', /unsafe/);
});

test('a bundle that would end its element early is served as files instead', () => {
  for (const js of ['const s = "</script>";', 'x = `<script>`', '/<\\/SCRIPT/']) {
    const a = { js, css: '' };
    if (/<\/?script/i.test(js)) assert.equal(inlineable(a), false, js);
    const html = webviewPage({ ...parts, inline: a });
    if (!inlineable(a)) assert.match(html, /<script nonce="abc123" src="https:\/\/x\/main\.js"><\/script>/, js);
  }
  assert.equal(inlineable({ js: '', css: 'a::after { content: "</style>" }' }), false);
});

test('the webview bundle, built as scripts/build.mjs builds it, can be inlined (no </script, <script or </style inside)', async () => {
  const r = await build({ entryPoints: ['webview/main.ts'], bundle: true, minify: true, write: false, platform: 'browser', format: 'iife', target: 'es2022', outdir: 'out-inline-check' });
  const js = r.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const css = r.outputFiles.find((f) => f.path.endsWith('.css'))!.text;
  assert.ok(js.length > 100_000 && css.length > 1000, `bundle sizes ${js.length}, ${css.length}`);
  assert.ok(inlineable({ js, css }));
});
