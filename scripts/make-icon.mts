// Renders the Marketplace icon (media/icon.png, 128×128) from an SVG drawn here: the activity
// bar's motif (a tanh-like curve and a lens) on a rounded tile. Run once with
// `node --import tsx scripts/make-icon.mts` (needs Chromium: $CHROME_PATH or /usr/bin/chromium).
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1f3b73"/><stop offset="1" stop-color="#0e1f40"/></linearGradient></defs>
<rect x="4" y="4" width="120" height="120" rx="24" fill="url(#g)"/>
<path d="M18 64h92M64 18v92" stroke="#9fb4d9" stroke-opacity=".45" stroke-width="3" stroke-linecap="round"/>
<path d="M18 96c20 0 24-2 32-18s12-36 26-42 22-6 34-6" fill="none" stroke="#ffb454" stroke-width="8" stroke-linecap="round"/>
<path d="M18 96c20 0 24-2 32-18s12-36 26-42 22-6 34-6" fill="none" stroke="#ffd08a" stroke-width="2.5" stroke-linecap="round" stroke-dasharray="1 9" opacity=".8"/>
<circle cx="84" cy="84" r="17" fill="#0e1f40" fill-opacity=".55" stroke="#e8eefc" stroke-width="6"/>
<path d="M96.5 96.5 108 108" stroke="#e8eefc" stroke-width="8" stroke-linecap="round"/>
</svg>`;

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
writeFileSync('media/icon.png', await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } }));
await browser.close();
