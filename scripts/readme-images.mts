// Copies screenshots made by the browser checks (test-results/screenshots/, after
// `npm run test:browser -- --check hover,explorer,sideview,lab,untrusted --theme light`, then `--check sideview --theme dark`)
// into the walkthrough's media and the README's images, scaled down and cropped to what matters.
// Run: node --import tsx scripts/readme-images.mts
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

interface Shot { from: string; to: string[]; width: number; crop?: { x: number; y: number; w: number; h: number } }
// Full-window shots are 1400×900: the editor area starts at x ≈ 352, y ≈ 36.
const EDITOR = { x: 352, y: 36, w: 1048, h: 830 };
const SHOTS: Shot[] = [
  // The README uses the walkthrough's images too: one copy in the package, shown on the extension's page.
  { from: 'light/hover-softmax-whole.png', to: ['media/walkthrough/hover.png'], width: 520 },
  { from: 'light/explorer-compare.png', to: ['media/walkthrough/explorer.png'], width: 720, crop: EDITOR },
  { from: 'light/explorer-softmax.png', to: ['media/walkthrough/playground.png'], width: 720, crop: EDITOR },
  { from: 'light/lab-race.png', to: ['media/walkthrough/lab.png'], width: 640, crop: { x: 352, y: 322, w: 1048, h: 478 } },
  { from: 'untrusted/untrusted-problems.png', to: ['media/walkthrough/findings.png'], width: 720, crop: { x: 0, y: 0, w: 1044, h: 110 } },
  { from: 'dark/sideview-relu.png', to: ['media/readme/side-panel.png'], width: 560, crop: { x: 0, y: 36, w: 700, h: 830 } },
];

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ deviceScaleFactor: 1 });
for (const s of SHOTS) {
  const src = `test-results/screenshots/${s.from}`;
  if (!existsSync(src)) { console.error(`missing ${src}: run the browser checks first`); process.exitCode = 1; continue; }
  const uri = `data:image/png;base64,${readFileSync(src).toString('base64')}`;
  const { w: natW, h: natH } = await page.evaluate(async (u) => { const i = new Image(); i.src = u; await i.decode(); return { w: i.naturalWidth, h: i.naturalHeight }; }, uri);
  const c = s.crop ?? { x: 0, y: 0, w: natW, h: natH };
  const scale = Math.min(1, s.width / c.w);
  const w = Math.round(c.w * scale), h = Math.round(c.h * scale);
  await page.setViewportSize({ width: w, height: h });
  await page.setContent(`<body style="margin:0;overflow:hidden"><div style="width:${w}px;height:${h}px;background:url(${uri}) ${-c.x * scale}px ${-c.y * scale}px / ${natW * scale}px ${natH * scale}px no-repeat"></div></body>`);
  const png = await page.screenshot({ clip: { x: 0, y: 0, width: w, height: h } });
  for (const to of s.to) {
    mkdirSync(to.slice(0, to.lastIndexOf('/')), { recursive: true });
    writeFileSync(to, png);
    console.log(`${to}: ${w}×${h}, ${(png.length / 1024).toFixed(0)} KB`);
  }
}
await browser.close();
// Debian's Pillow (python3-matplotlib's dependency, scripts/install-system-deps.sh) shrinks them.
const written = SHOTS.flatMap((s) => s.to).filter((f) => existsSync(f));
const shrink = spawnSync('/usr/bin/python3', ['scripts/shrink-png.py', ...written], { stdio: 'inherit' });
if (shrink.status !== 0) { console.error('scripts/shrink-png.py failed'); process.exitCode = 1; }
