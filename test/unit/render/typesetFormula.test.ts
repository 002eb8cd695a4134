// A user's formula typeset from its parsed expression: fractions, powers, radicals, bars, cases,
// Greek letters and upright function names, as well-formed SVG with everything from the file
// escaped; in the hover per theme (its text as the alt text), in the side panel as a mask image.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPython } from '../python/setup';
import { checkXml } from './xml';
import { evaluateDefinition, findCustom, reportDefinition } from '../../../src/custom';
import { typesetDefinition } from '../../../src/render/typesetFormula';
import { customSideContent, renderCustomHover } from '../../../src/render/customHover';
import { palette } from '../../../src/render/theme';
import { catalogIndex, validateToWebview } from '../../../src/protocol';
import { ACTIVATIONS } from '../../../src/catalog';

before(loadPython);

const DEMO = readFileSync(join(process.cwd(), 'demo/custom_activations.py'), 'utf8');

function svgOf(source: string, name: string, ink = '#000000', card?: string) {
  const d = findCustom(source).definitions.find((x) => x.name === name)!;
  const out = typesetDefinition(d, ink, card);
  assert.ok(out, `${name} was not typeset`);
  checkXml(out.svg);
  return out;
}
/** The text runs of the SVG, in order. */
const runs = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
const sizes = (svg: string) => [...svg.matchAll(/<text[^>]*font-size="([\d.]+)"[^>]*>([^<]*)<\/text>/g)].map((m) => [m[2], Number(m[1])] as const);

test('NewGELU: a fraction under a radical, π as a letter, x³ as a superscript, tanh upright; no Python left', () => {
  const { svg, width, height } = svgOf(DEMO, 'NewGELU');
  const r = runs(svg);
  assert.ok(r.includes('tanh') && r.includes('π') && r.includes('2'), r.join(' '));
  assert.ok(!r.some((s) => /torch|math\.|\*\*|pow|sqrt/.test(s)), `Python spelled out: ${r.join(' ')}`);
  assert.equal((svg.match(/<rect /g) ?? []).length, 1, 'one fraction bar (2/π)');
  assert.match(svg, /<path d="M[^"]*L[^"]*L[^"]*L/, 'a radical sign drawn as a path');
  const three = sizes(svg).find(([s]) => s === '3');
  assert.ok(three && three[1] < 15, 'the exponent 3 is set smaller');
  assert.ok(width > 200 && width < 700 && height > 30 && height < 80, `${width}×${height}`);
});

test('sigmoid by hand: 1 over (1 + e^−x) — a fraction with a small exponent; hard-swish and self.alpha', () => {
  const sig = svgOf('import torch\nsig = lambda z: 1 / (1 + torch.exp(-z))\n', 'sig').svg;
  assert.deepEqual(runs(sig).slice(-6), ['1', '1', '+', 'e', '−', 'x'], 'the input z reads as x; exp(−z) as e to the −x');
  assert.ok(sizes(sig).filter(([s]) => s === '−' || s === 'x').some(([, n]) => n < 15));
  const snake = runs(svgOf(DEMO, 'Snake').svg);
  assert.ok(snake.filter((s) => s === 'α').length === 2 && !snake.includes('self'), snake.join(' '));
  assert.ok(runs(svgOf(DEMO, 'QuickGELU').svg).includes('σ'), 'sigmoid as σ');
});

test('where and if-else as cases; abs as bars; local assignments aligned on their own lines', () => {
  const src = 'import torch\nleaky = lambda v: torch.where(v > 0, v, 0.2 * v)\ndef soft(x):\n    t = torch.abs(x)\n    return x / (1 + t) if t < 5 else torch.sign(x)\n';
  const leaky = runs(svgOf(src, 'leaky').svg);
  assert.ok(leaky.includes('if') && leaky.includes('otherwise') && leaky.includes('&gt;'), leaky.join(' '));
  const soft = runs(svgOf(src, 'soft').svg);
  assert.deepEqual(soft.slice(0, 5), ['t', '=', '|', 'x', '|']);
  assert.ok(soft.includes('sign') && soft.includes('otherwise'));
});

test('hostile text is escaped; what cannot be typeset (a subscript) is left to the text', () => {
  const src = "import torch\nimport torch.nn.functional as F\ng = lambda x: F.gelu(x, approximate='</text><script>alert(1)</script>&')\nh = lambda x: x * torch.ones(3)[0]\n";
  const { svg } = svgOf(src, 'g');
  assert.ok(!svg.includes('<script') && svg.includes('&lt;/text&gt;&lt;script&gt;') && svg.includes('&amp;'));
  assert.equal(typesetDefinition(findCustom(src).definitions.find((d) => d.name === 'h')!, '#000'), null);
});

test('hover: the formula is an image in the theme\'s ink on its card (light, dark, high contrast), its text the alt', () => {
  const file = findCustom(DEMO);
  const d = file.definitions.find((x) => x.name === 'NewGELU')!;
  const report = reportDefinition(file, d);
  const s = evaluateDefinition(file, d);
  for (const theme of ['light', 'dark', 'highContrast'] as const) {
    const md = renderCustomHover({ report, series: s.ok ? s.value : null, at: 'definition', theme }).markdown;
    const m = /!\[(f\(x\) = 0\.5·x·[^\]]*)\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/.exec(md);
    assert.ok(m, `${theme}: no formula image`);
    const svg = Buffer.from(m[2]!, 'base64').toString('utf8');
    checkXml(svg);
    assert.match(svg, new RegExp(`<g fill="${palette(theme).text}"`));
    assert.match(svg, new RegExp(`<rect width="\\d+" height="\\d+" rx="4" fill="${palette(theme).card}"`));
  }
});

test('side panel: the typeset formula travels as a checked image; a non-SVG one is refused', () => {
  const file = findCustom(DEMO);
  const d = file.definitions.find((x) => x.name === 'QuickGELU')!;
  const info = customSideContent(reportDefinition(file, d), d.nameRange.line);
  assert.ok(info.formula && info.formula.uri.startsWith('data:image/svg+xml;base64,') && info.formula.width > 50);
  const idx = catalogIndex(ACTIVATIONS);
  const ok = validateToWebview(JSON.parse(JSON.stringify({ type: 'side', info, pinned: false })), idx);
  assert.ok(ok.ok && ok.value.type === 'side' && ok.value.info?.formula?.uri === info.formula.uri);
  const bad = validateToWebview(JSON.parse(JSON.stringify({ type: 'side', info: { ...info, formula: { ...info.formula, uri: 'javascript:alert(1)' } }, pinned: false })), idx);
  assert.equal(bad.ok, false);
});
