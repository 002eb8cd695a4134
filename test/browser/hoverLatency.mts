// Hover latency as a user sees it in the real VS Code: from the mouse arriving on a word to the
// hover with our content on screen (the frame after it is in the DOM), minus nothing — the
// editor's hover delay is part of it and reported beside it. On a 10,000-line file: the first
// hover at its end, later hovers on other activations, and a hover right after typing a line.
// Used by the browser check (hover-latency) and `npm run bench -- hoverlatency`.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckContext } from './framework.mjs';
import { tenThousandLines } from '../../bench/hover';

export interface HoverLatency {
  /** ms, mouse move → hover visible. */
  first: number;
  later: number[];
  afterEdit: number;
  /** editor.hover.delay in these runs (ms). */
  delay: number;
}

export const HOVER_DELAY_MS = 150;
export const BIG_FILE = 'hover_10k.py';

declare const window: Window & { __alHover?: { start: number; shown: number } };

/** One hover: the mouse moves once onto the word; timed in the page from that mousemove to the painted hover. */
async function timeHover(ctx: CheckContext, word: string, line: RegExp, occurrence = 0, retried = false): Promise<number> {
  const { page } = ctx;
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !Array.from(document.querySelectorAll<HTMLElement>('.monaco-hover')).some((h) => h.offsetParent !== null && !h.classList.contains('hidden') && h.innerText.trim()), null, { timeout: 5_000 }).catch(() => {});
  const at = await ctx.wordPoint(word, { line, occurrence });
  if (!at) throw new Error(`"${word}" is not visible on a line matching ${line}`);
  // A string, not a function: the TypeScript loader would wrap named arrow functions in a helper the page lacks.
  await page.evaluate(`(() => {
    const rec = { start: 0, shown: 0 };
    window.__alHover = rec;
    addEventListener('mousemove', () => { if (!rec.start) rec.start = performance.now(); }, { capture: true, once: true });
    const obs = new MutationObserver(() => {
      const ours = Array.from(document.querySelectorAll('.monaco-hover')).some((h) =>
        h.offsetParent !== null && !h.classList.contains('hidden') && /Range|值域|输出范围/.test(h.innerText));
      if (!ours) return;
      obs.disconnect();
      requestAnimationFrame(() => { rec.shown = performance.now(); });
    });
    obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  })()`);
  await page.mouse.move(at.x, at.y);
  const seen = await page.waitForFunction(() => (window.__alHover?.shown ?? 0) > 0, null, { timeout: 15_000 }).then(() => true, () => false);
  // Once in a while the workbench drops a hover request (the mouse arrived mid-layout): a person moves again.
  if (!seen) {
    if (retried) throw new Error(`no hover over "${word}" within 15 s, twice`);
    return timeHover(ctx, word, line, occurrence, true);
  }
  const r = await page.evaluate(() => window.__alHover!);
  return r.shown - r.start;
}

export async function measureHoverLatency(ctx: CheckContext, log: (s: string) => void, laterRounds = 2): Promise<HoverLatency> {
  const { page } = ctx;
  const file = join(ctx.demo, BIG_FILE);
  writeFileSync(file, tenThousandLines());
  try {
    await ctx.openFile(BIG_FILE);
    await page.keyboard.press('Control+End');
    await page.waitForTimeout(300);
    const first = await timeHover(ctx, 'softmax', /scores\s=\sF\.softmax\(h/);
    log(`first hover at the end of the 10,000-line file: ${first.toFixed(0)} ms after the mouse arrived (hover delay ${HOVER_DELAY_MS} ms)`);
    const later: number[] = [];
    const spots: Array<[string, RegExp]> = [['tanh', /torch\.tanh\(h\)/], ['gelu', /F\.gelu\(/], ['log_softmax', /F\.log_softmax\(/], ['relu', /x\.relu\(\)/], ['softmax', /scores\s=\sF\.softmax\(h/]];
    for (let r = 0; r < laterRounds; r++) for (const [w, l] of spots) later.push(await timeHover(ctx, w, l, r % 2));
    const sorted = [...later].sort((a, b) => a - b);
    log(`later hovers: median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms over ${later.length}`);
    // Type a line at the end, then hover in it at once (a new document version: re-parse).
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await ctx.editorLine(/scores\s=\sF\.softmax\(h/).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('probs = torch.sigmoid(scores)', { delay: 0 });
    const afterEdit = await timeHover(ctx, 'sigmoid', /probs\s=\storch\.sigmoid\(scores\)/).catch(async (e) => {
      const seen = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.monaco-hover')).map((h) => `${h.className}: ${h.innerText.slice(0, 200)}`).join(' || '));
      throw new Error(`${String(e).slice(0, 200)}; hovers in the page: ${seen}`);
    });
    log(`hover right after typing a line: ${afterEdit.toFixed(0)} ms`);
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await ctx.runCommand('View: Revert and Close Editor');
    return { first, later, afterEdit, delay: HOVER_DELAY_MS };
  } finally {
    rmSync(file, { force: true });
    // The next check clicks rows of the Explorer: let its list settle without this file first.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: BIG_FILE }).waitFor({ state: 'detached', timeout: 15_000 }).catch(() => {});
    await page.waitForTimeout(300);
  }
}
