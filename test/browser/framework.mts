// The browser-check framework: what a check is, and the context (helpers) each check gets.
// A check drives the real VS Code (code-server) in Chromium the way a person would and looks at
// what they would see. See test/README.md for how to add one.
import type { Frame, Locator, Page } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extensionHostLogs, type CodeServer, type Theme } from '../../scripts/vscode-server.mjs';

export type { Theme };
/** A run of the checks: a colour theme, and for zh-cn also VS Code's display language. */
export type Variant = Theme | 'zh-cn' | 'untrusted' | 'web';
export const VARIANTS: Record<Variant, { theme: Theme; locale?: string; settings?: Record<string, unknown>; workspaceTrust?: boolean }> = {
  light: { theme: 'light' },
  dark: { theme: 'dark' },
  // The browser is not in forced-colours mode: without this VS Code would trade the HC theme for the OS's.
  hc: { theme: 'hc', settings: { 'window.autoDetectHighContrast': false } },
  'zh-cn': { theme: 'light', locale: 'zh-cn' },
  // A freshly cloned repo: Workspace Trust on and demo/ not trusted, so VS Code is in Restricted Mode.
  untrusted: { theme: 'light', workspaceTrust: true, settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'always' } },
  // vscode.dev / github.dev: the extension's browser entry in the web-worker extension host.
  web: { theme: 'dark', settings: { 'remote.extensionKind': { 'activation-lens.activation-lens': ['web'] } } },
};
/** Checks run in these unless they say otherwise. */
export const DEFAULT_VARIANTS: Variant[] = ['light', 'dark'];

export interface Check {
  /** One line saying what a person would see, e.g. "hover on F.relu shows its graph". */
  name: string;
  /** Variants to run in (default: light and dark). */
  themes?: Variant[];
  /** Default 120 s (the machine may be busy: 2 cores shared). */
  timeoutMs?: number;
  run(ctx: CheckContext): Promise<void>;
}

/** A CSP violation, an uncaught error or an extension-host error, seen while a check ran. */
export interface Problem {
  kind: 'csp' | 'uncaught' | 'webview-console-error' | 'extension-console-error' | 'exthost-log';
  text: string;
  where?: string;
}

export interface HoverInfo {
  element: Locator;
  text: string;
  images: { alt: string; src: string; complete: boolean; naturalWidth: number; naturalHeight: number }[];
}

export interface HoverOptions {
  /** Only view lines containing this (default: the first line containing the word). */
  line?: string | RegExp;
  /** Which occurrence of the word on matching lines, 0-based. */
  occurrence?: number;
  /** Wait for a hover whose text matches this (default: any visible hover). */
  contains?: string | RegExp;
  timeoutMs?: number;
}

export const EXTENSION_ID = 'activation-lens.activation-lens';

/** Helpers given to every check. They wrap the workbench DOM so checks stay short. */
export class CheckContext {
  readonly problems: Problem[] = [];
  private exthostSeen = new Map<string, number>();

  constructor(
    readonly page: Page,
    readonly theme: Variant,
    readonly server: CodeServer,
    /** Absolute path of the demo/ workspace. */
    readonly demo: string,
    /** test-results/screenshots/<theme> */
    readonly screenshotDir: string,
    /** The current check's id (file name without .check.mts), set by the runner. */
    public checkId = '',
  ) {}

  /** Set by the runner when a check starts; log lines show seconds since then. */
  checkStarted = Date.now();

  log(msg: string) {
    console.error(`      [${this.theme} +${((Date.now() - this.checkStarted) / 1000).toFixed(1)}s] ${msg}`);
  }

  /** Saves test-results/screenshots/<theme>/<check>[-name].png (of `target` or the page). */
  async screenshot(name?: string, target?: Locator): Promise<string> {
    mkdirSync(this.screenshotDir, { recursive: true });
    const file = join(this.screenshotDir, `${this.checkId}${name ? `-${name}` : ''}.png`);
    await (target ?? this.page).screenshot({ path: file });
    return file;
  }

  /** Runs a command from the palette (F1) by its label, e.g. "Activation Lens: Open Explorer". */
  /** Runs a command from the palette; returns when Enter was pressed (epoch ms), for timings. */
  async runCommand(label: string): Promise<number> {
    await this.openPalette(label);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    const at = Date.now();
    await this.page.keyboard.press('Enter');
    return at;
  }

  /**
   * Whether the command palette lists a command with this label, after typing `label` (or
   * `query`). Closes the palette again unless `keepOpen` (e.g. for a screenshot).
   */
  async paletteHas(label: string, o: { query?: string; keepOpen?: boolean; timeoutMs?: number } = {}): Promise<boolean> {
    await this.openPalette(o.query ?? label);
    const ok = await this.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first()
      .waitFor({ state: 'visible', timeout: o.timeoutMs ?? 10_000 }).then(() => true, () => false);
    if (!o.keepOpen) await this.page.keyboard.press('Escape');
    return ok;
  }

  /** The rows the command palette lists for `query` (their text), e.g. every "Activation Lens" command. */
  async paletteRows(query: string, timeoutMs = 10_000): Promise<string[]> {
    await this.openPalette(query);
    const rows = this.page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor({ state: 'visible', timeout: timeoutMs }).catch(() => {});
    await this.page.waitForTimeout(200); // the list fills in one go; let it settle
    const texts = await rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
    await this.page.keyboard.press('Escape');
    return texts;
  }

  private async openPalette(text: string) {
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('F1');
      const input = this.page.locator('.quick-input-widget input').first();
      try {
        await input.waitFor({ state: 'visible', timeout: 10_000 });
        await input.fill(`>${text}`, { timeout: 10_000 });
        return;
      } catch (e) {
        if (attempt >= 3) throw e;
        // Focus can sit in a webview's iframe while it redraws (seen once in CI: the palette's input
        // never became fillable); hand focus back to the workbench and open the palette again.
        await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur()).catch(() => {});
      }
    }
  }

  /**
   * Opens demo/<relPath> by clicking it in the Explorer (expanding folders on the way), as a
   * person would, and waits until its editor is active. (Quick Open depends on the file search
   * of a busy extension host right after start-up; the Explorer does not.)
   */
  async openFile(relPath: string, timeoutMs = 45_000) {
    await this.page.keyboard.press('Escape');
    const parts = relPath.split('/');
    const tree = this.page.locator('.explorer-folders-view');
    // Another check may have switched the side bar to a different view.
    if (!(await tree.isVisible())) await this.runCommand('View: Show Explorer');
    for (const [i, name] of parts.entries()) {
      const row = tree.locator(`.monaco-list-row[aria-label="${name}"]`).first();
      await row.waitFor({ state: 'visible', timeout: timeoutMs });
      const last = i === parts.length - 1;
      if (last) await row.dblclick(); // double-click: a pinned editor, not a preview
      else if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    }
    const base = parts[parts.length - 1];
    await this.page.locator('.tabs-container .tab.active', { hasText: base }).first().waitFor({ state: 'visible', timeout: timeoutMs });
    if (!relPath.endsWith('.ipynb')) await this.page.locator('.editor-instance .view-lines').first().waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** The visible editor line (`.view-line`) containing `text`. */
  editorLine(text: string | RegExp): Locator {
    return this.page.locator('.view-lines .view-line', { hasText: text }).first();
  }

  /** The centre of the `occurrence`-th `word` in the visible editor lines (matching `line`), in page px; null if not visible. */
  wordPoint(word: string, o: Pick<HoverOptions, 'line' | 'occurrence'> = {}): Promise<{ x: number; y: number } | null> {
    return this.page.evaluate(({ word, line, lineIsRe, occurrence }) => {
      const re = line === undefined ? undefined : lineIsRe ? new RegExp(line) : undefined;
      const lines = Array.from(document.querySelectorAll<HTMLElement>('.view-lines .view-line')).filter((l) => {
        const t = l.textContent ?? '';
        if (!t.includes(word)) return false;
        return line === undefined || (re ? re.test(t) : t.includes(line));
      });
      let seen = 0;
      for (const l of lines) {
        const walker = document.createTreeWalker(l, NodeFilter.SHOW_TEXT);
        let full = '';
        const nodes: { node: Text; start: number }[] = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push({ node: n as Text, start: full.length }); full += n.textContent; }
        for (let i = full.indexOf(word); i >= 0; i = full.indexOf(word, i + 1)) {
          if (seen++ !== occurrence) continue;
          const mid = i + Math.floor(word.length / 2);
          const hit = nodes.filter((x) => x.start <= mid).pop()!;
          const r = document.createRange();
          r.setStart(hit.node, mid - hit.start);
          r.setEnd(hit.node, Math.min(mid - hit.start + 1, hit.node.length));
          const b = r.getBoundingClientRect();
          return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
        }
      }
      return null;
    }, { word, line: o.line instanceof RegExp ? o.line.source : o.line, lineIsRe: o.line instanceof RegExp, occurrence: o.occurrence ?? 0 });
  }

  /**
   * Moves the mouse over `word` in the visible editor (or notebook cell) and returns the hover
   * that appears, after its images decoded. Falls back to the keyboard (Ctrl+K Ctrl+I).
   */
  async hover(word: string, o: HoverOptions = {}): Promise<HoverInfo> {
    const timeoutMs = o.timeoutMs ?? 20_000;
    // Located again before each attempt: a notebook's layout can shift under the mouse (a cell
    // taking focus, its toolbar appearing), and a stale point hovers the wrong word.
    const locate = () => this.wordPoint(word, o);
    let rect = await locate();
    if (!rect) throw new Error(`"${word}" is not visible in any editor line${o.line ? ` matching ${String(o.line)}` : ''}`);

    const matches = o.contains;
    const visibleHover = () => this.page.waitForFunction(({ src, flags }) => {
      const re = src === undefined ? undefined : new RegExp(src, flags);
      return Array.from(document.querySelectorAll<HTMLElement>('.monaco-hover')).some((h) =>
        h.offsetParent !== null && !h.classList.contains('hidden') && (h.innerText.trim().length > 0) && (!re || re.test(h.innerText)));
    }, { src: matches === undefined ? undefined : matches instanceof RegExp ? matches.source : matches.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags: matches instanceof RegExp ? matches.flags : '' },
    { timeout: timeoutMs / 4 }).then(() => true, () => false);

    let shown = false;
    for (let attempt = 0; attempt < 4 && !shown; attempt++) {
      if (attempt > 0) rect = (await locate()) ?? rect;
      if (attempt < 3) {
        await this.page.mouse.move(5, 5);
        await this.page.mouse.move(rect.x, rect.y, { steps: 4 });
      } else {
        await this.page.mouse.click(rect.x, rect.y);
        await this.page.keyboard.press('Control+K');
        await this.page.keyboard.press('Control+I');
      }
      shown = await visibleHover();
    }
    if (!shown) throw new Error(`no hover${matches ? ` matching ${String(matches)}` : ''} appeared over "${word}"`);
    const element = this.page.locator('.monaco-hover:visible').last();
    await this.page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLImageElement>('.monaco-hover img')).every((i) => i.complete), null, { timeout: 5_000 }).catch(() => {});
    const info = await element.evaluate((h) => ({
      text: (h as HTMLElement).innerText,
      images: Array.from(h.querySelectorAll('img')).map((i) => ({ alt: i.alt, src: i.getAttribute('src') ?? '', complete: i.complete, naturalWidth: i.naturalWidth, naturalHeight: i.naturalHeight })),
    }));
    return { element, ...info };
  }

  /** Hides any hover and moves the mouse out of the way. */
  async closeHover() {
    await this.page.mouse.move(5, 5);
    await this.page.keyboard.press('Escape');
  }

  /**
   * The frame (e.g. a webview's content frame) whose document has an element matching
   * `selector`. Webviews are nested iframes, so every frame of the page is searched.
   */
  async findFrame(selector: string, timeoutMs = 45_000): Promise<Frame> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      for (const f of this.page.frames()) {
        if (await f.$(selector).then((e) => !!e, () => false)) return f;
      }
      if (Date.now() > end) throw new Error(`no frame contains ${selector} after ${timeoutMs} ms`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Lines of the extension host log(s) so far. */
  extensionHostLog(): string[] {
    return extensionHostLogs(this.server.dirs).flatMap((f) => readFileSync(f, 'utf8').split('\n'));
  }

  /** Waits until the extension host log says the extension activated; returns that line. */
  async waitForExtensionActive(timeoutMs = 60_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const line = this.extensionHostLog().find((l) => l.includes(`_doActivateExtension ${EXTENSION_ID},`));
      if (line) return line;
      if (Date.now() > end) throw new Error(`${EXTENSION_ID} did not activate within ${timeoutMs} ms (no _doActivateExtension line in the extension host log)`);
      await this.page.waitForTimeout(200);
    }
  }

  /** Moves new `[error]` lines of the extension host log(s) into `problems`. Called by the runner. */
  scanExtensionHostLogs() {
    for (const f of extensionHostLogs(this.server.dirs)) {
      const lines = readFileSync(f, 'utf8').split('\n');
      const from = this.exthostSeen.get(f) ?? 0;
      for (const l of lines.slice(from)) {
        if (/\[error\]/.test(l) && !KNOWN_EXTHOST_NOISE.some((re) => re.test(l))) this.problems.push({ kind: 'exthost-log', text: l, where: f.split('/logs/')[1] });
      }
      this.exthostSeen.set(f, Math.max(lines.length - 1, 0));
    }
  }
}

/** Extension-host log errors that are VS Code's own offline noise, not ours. Keep this short. */
const KNOWN_EXTHOST_NOISE: RegExp[] = [
  /ENOTFOUND open-vsx\.org/,
  // zh-cn variant: the stand-in language pack (fixtures/zh-hans-stand-in) carries no translations
  // for VS Code's built-in extensions, so the host says so once for each of them (vscode.* only).
  /\[error\] No bundle location found for extension vscode\.[\w-]+\s*$/,
];
