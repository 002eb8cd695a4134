// The lab's event-loop lag in the real VS Code (issue 17: "the host's event-loop lag stays under
// 50 ms while a race runs"): code-server + headless Chromium, the working tree as the extension;
// the lab races four networks in its worker while the extension host times a 20 ms timer
// (src/lab/lagMeter.ts) and logs the result when the race is paused. The same race as L3's.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CheckContext } from '../test/browser/framework.mjs';
import { ensureCodeServer } from '../scripts/vscode-setup.mjs';
import { UNRELATED_BUILTINS, baseSettings, launchBrowser, makeRunDirs, newRunFolder, startCodeServer, workbenchUrl, writeUserSettings } from '../scripts/vscode-server.mjs';
import { parseLagReport, type LagStats } from '../src/lab/lagMeter';

const ROOT = resolve('.');
const DEMO = join(ROOT, 'demo');
const LAB = 'Activation Lens: Open Activation Lab (training race, gradients by depth)';

export interface RealLag extends LagStats { steps: number; worker: string }

export async function labLagInVsCode(ms: number, log: (s: string) => void): Promise<RealLag> {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`build failed:\n${b.stdout}${b.stderr}`);
  ensureCodeServer();
  const run = newRunFolder('bench-lablag');
  const dirs = makeRunDirs(join(run, 'light'), join(run, 'extensions'));
  writeUserSettings(dirs, baseSettings('light'));
  const server = await startCodeServer({ dirs, smokeTestDriver: true, disableExtensions: UNRELATED_BUILTINS });
  const home = join(run, 'home');
  mkdirSync(home, { recursive: true });
  const browser = await launchBrowser(home);
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });
    const page = await context.newPage();
    const said: string[] = [];
    page.on('console', (m) => { if (m.text().includes('[Activation Lens] lab')) said.push(m.text()); });
    const ctx = new CheckContext(page, 'light', server, DEMO, join(run, 'screenshots'));
    await page.goto(workbenchUrl(server, { folder: DEMO, extensionDevelopmentPath: ROOT }), { waitUntil: 'domcontentloaded' });
    await ctx.openFile('mlp.py', 120_000);
    await ctx.waitForExtensionActive(60_000);
    await ctx.runCommand(LAB);
    const f = await ctx.findFrame('#lab[aria-busy="false"] #chart-loss', 60_000);
    await f.click('#tab-race');
    // L3's race: spiral, tanh/relu/sigmoid/gelu, Adam, lr 0.05, long enough to outlast the window
    const set = async (sel: string, v: string) => { await f.fill(sel, v); await f.dispatchEvent(sel, 'change'); };
    await f.selectOption('#race-dataset', 'spiral');
    await f.selectOption('#race-optimizer', 'adam');
    await set('#race-lr', '0.05');
    await set('#race-steps', '100000');
    for (const id of ['tanh', 'relu', 'sigmoid', 'gelu'])
      if (!(await f.isChecked(`input[data-act="${id}"]`))) await f.click(`input[data-act="${id}"]`);
    await f.waitForFunction(() => document.getElementById('race-status')?.textContent?.includes('100000') && document.body.dataset.raceStep === '0', null, { timeout: 30_000 });
    await f.click('#lab-play');
    await f.waitForFunction(() => document.body.dataset.running === 'true', null, { timeout: 30_000 });
    await page.waitForTimeout(ms);
    await f.click('#lab-play'); // pause: the host logs the lag of this race
    const end = Date.now() + 20_000;
    while (!said.some((s) => parseLagReport(s)) && Date.now() < end) await page.waitForTimeout(100);
    const line = said.find((s) => parseLagReport(s));
    if (!line) throw new Error(`the host logged no lag line: ${said.join(' | ')}`);
    const worker = /runs in: (\S+)/.exec(said.find((s) => s.includes('runs in:')) ?? '')?.[1] ?? '?';
    const steps = Number(await f.evaluate(() => document.body.dataset.raceStep));
    log(`lab in VS Code: ${steps} steps in the ${worker} worker; ${line.replace(/^.*\[Activation Lens\] /, '').replace(/ color:.*$/, '')}`);
    await context.close();
    return { ...parseLagReport(line)!, steps, worker };
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
    rmSync(run, { recursive: true, force: true });
  }
}
