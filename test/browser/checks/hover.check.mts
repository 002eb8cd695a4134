// The hover a PyTorch user sees: resting the mouse on an activation in demo/ shows its title,
// both typeset formulas, the graph (images decoded, non-zero size) and the advice for that spot —
// in light and dark themes, with screenshots of the hover itself. (Editor lines use no-break
// spaces, so line patterns use \s.)
import * as assert from 'node:assert/strict';
import type { Check, CheckContext, HoverInfo } from '../framework.mjs';

function assertImages(h: HoverInfo, what: string) {
  const imgs = h.images.filter((i) => i.src.startsWith('data:image/svg+xml;base64,'));
  assert.ok(imgs.length >= 3, `${what}: expected f, f' and the graph as images, saw ${imgs.length}: ${JSON.stringify(h.images.map((i) => ({ ...i, src: i.src.slice(0, 60) })))}`);
  for (const i of imgs) assert.ok(i.complete && i.naturalWidth > 0 && i.naturalHeight > 0, `${what}: image "${i.alt}" did not decode (${i.naturalWidth}×${i.naturalHeight})`);
  const graph = imgs.find((i) => /and its derivative/.test(i.alt));
  assert.ok(graph && graph.naturalWidth >= 400, `${what}: the graph image is missing or small: ${JSON.stringify(graph && { ...graph, src: graph.src.slice(0, 60) })}`);
}

async function look(ctx: CheckContext, file: string, word: string, line: RegExp, expect: RegExp[], shot: string, tall = false) {
  // tall: a window high enough for the whole hover (its advice below the graph) in the screenshot
  const size = ctx.page.viewportSize();
  if (tall) await ctx.page.setViewportSize({ width: size?.width ?? 1400, height: 2400 });
  try {
    await lookAt(ctx, file, word, line, expect, shot);
  } finally {
    if (tall && size) await ctx.page.setViewportSize(size);
  }
}

async function lookAt(ctx: CheckContext, file: string, word: string, line: RegExp, expect: RegExp[], shot: string) {
  await ctx.openFile(file);
  const h = await ctx.hover(word, { line, contains: /Range/, timeoutMs: 30_000 });
  for (const re of expect) assert.match(h.text, re, `${file} ${word}: hover text lacks ${re}`);
  assertImages(h, `${file} ${word}`);
  await ctx.page.waitForTimeout(500); // let decoded images paint before the screenshot
  const path = await ctx.screenshot(shot, h.element);
  ctx.log(`${file}: hover on ${word} → ${path}`);
  await ctx.closeHover();
}

/** The whole hover at once: VS Code caps a hover at max(editor height / 4, 250 px), so a tall window shows it all. */
async function lookWhole(ctx: CheckContext, file: string, word: string, line: RegExp, shot: string) {
  const size = ctx.page.viewportSize();
  await ctx.page.setViewportSize({ width: size?.width ?? 1400, height: 2400 });
  try {
    await ctx.openFile(file);
    const h = await ctx.hover(word, { line, contains: /Range/, timeoutMs: 30_000 });
    assert.match(h.text, /Open in Explorer/);
    await ctx.page.waitForTimeout(500);
    const path = await ctx.screenshot(shot, h.element);
    ctx.log(`${file}: whole hover on ${word} → ${path}`);
    await ctx.closeHover();
  } finally {
    if (size) await ctx.page.setViewportSize(size);
  }
  await ctx.closeHover();
}

export default {
  name: 'hover on an activation shows title, formulas, graph and advice',
  timeoutMs: 200_000,
  async run(ctx) {
    await look(ctx, 'classifier.py', 'softmax', /return\s+torch\.softmax/, [/torch\.softmax/, /output layer/, /applied twice/, /Open in Explorer/], 'softmax');
    await look(ctx, 'mlp.py', 'ReLU', /nn\.ReLU\(\),/, [/torch\.nn\.ReLU/, /hidden layer/, /dead ReLU/i], 'relu');
    await look(ctx, 'classifier.py', 'LeakyReLU', /negative_slope/, [/negative_slope α = 0\.1/, /Leaky/], 'leaky-relu');
    await lookWhole(ctx, 'classifier.py', 'softmax', /return\s+torch\.softmax/, 'softmax-whole');
    // An autoencoder's sigmoid into MSELoss against its own input: a reconstruction, not a clipped regression (no AL105).
    await look(ctx, 'autoencoder.py', 'Sigmoid', /nn\.Sigmoid\(\)\)/, [/torch\.nn\.Sigmoid/, /bounds the reconstruction/, /model's own input/], 'autoencoder-sigmoid', true);
    // A notebook cell: F was imported in an earlier cell.
    await ctx.openFile('notebook.ipynb');
    await ctx.editorLine(/F\.relu\(x\)/).waitFor({ state: 'visible', timeout: 30_000 });
    const nb = await ctx.hover('relu', { line: /F\.relu\(x\)/, contains: /Range/, timeoutMs: 30_000 });
    assert.match(nb.text, /torch\.nn\.functional\.relu/);
    assertImages(nb, 'notebook F.relu');
    await ctx.page.waitForTimeout(500);
    ctx.log(`notebook: hover on F.relu → ${await ctx.screenshot('notebook-relu', nb.element)}`);
    await ctx.closeHover();
  },
} satisfies Check;
