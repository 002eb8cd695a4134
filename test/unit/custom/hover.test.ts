// The custom activation hover's markdown: equivalence or closeness said right, the formula as
// written, the graph, facts, learned parameters, reasons, and nothing from the file unescaped.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPython } from '../python/setup';
import { customAt, evaluateDefinition, findCustom, reportDefinition } from '../../../src/custom';
import { renderCustomHover } from '../../../src/render/customHover';

before(loadPython);

const DEMO = readFileSync(join(process.cwd(), 'demo/custom_activations.py'), 'utf8');

/** The markdown with its backslash escapes removed: what a reader sees. */
const plain = (md: string) => md.replace(/\\(.)/g, '$1');

function hoverAt(source: string, needle: string, occurrence = 0, offset = 0): { markdown: string; enabledCommands: string[]; at: string } {
  const file = findCustom(source);
  let idx = -1;
  for (let i = 0; i <= occurrence; i++) idx = source.indexOf(needle, idx + 1);
  const before = source.slice(0, idx);
  const line = before.split('\n').length - 1;
  const column = idx - before.lastIndexOf('\n') - 1;
  const hit = customAt(file, line, column + 1 + offset);
  assert.ok(hit, `no custom activation at ${needle}`);
  const report = reportDefinition(file, hit.definition);
  const s = evaluateDefinition(file, hit.definition, { from: -6, to: 6, points: 401 });
  const out = renderCustomHover({ report, series: s.ok ? s.value : null, at: hit.at, theme: 'light' });
  return { markdown: plain(out.markdown), enabledCommands: out.enabledCommands, at: hit.at };
}

test('on a definition: the equivalence, the formula as written, the graph, facts', () => {
  const h = hoverAt(DEMO, 'NewGELU(nn.Module)');
  assert.equal(h.at, 'definition');
  assert.match(h.markdown, /\*\*`NewGELU`\*\* — \*your own activation \(nn\.Module\)\*/);
  assert.match(h.markdown, /This is GELU: `nn\.GELU\(approximate='tanh'\)`/);
  assert.match(h.markdown, /f\(x\) = 0\.5·x·\(1 \+ tanh\(√\(2 \/ π\)·\(x \+ 0\.044715·x³\)\)\)/);
  assert.match(h.markdown, /!\[NewGELU and its derivative\]\(data:image\/svg\+xml;base64,/);
  assert.match(h.markdown, /Largest \|f'\| 1\.1\d* at x = /);
  assert.match(h.markdown, /command:activationLens\.openExplorer\?/);
  assert.ok(h.enabledCommands.includes('activationLens.openExplorer'));
});

test('on a use (act_layer=NewGELU, QuickGELU(), swish(...)): the same hover, saying where it is defined', () => {
  const u = hoverAt(DEMO, 'act_layer=NewGELU', 0, 'act_layer='.length);
  assert.equal(u.at, 'use');
  assert.match(u.markdown, /defined at line 13/);
  assert.match(u.markdown, /This is GELU/);
  const q = hoverAt(DEMO, 'QuickGELU()', 0);
  assert.equal(q.at, 'use');
  assert.match(q.markdown, /Close to GELU: at most 0\.020\d+ apart on \[-6, 6\] \(not the same function\)/);
  assert.doesNotMatch(q.markdown, /This is/);
  const s = hoverAt(DEMO, 'swish(torch', 0);
  assert.match(s.markdown, /This is SiLU \(Swish\): `nn\.SiLU\(\)`/);
});

test('learned parameters are said to be learned and drawn at their initial value', () => {
  const h = hoverAt(DEMO, 'Snake(nn.Module)');
  assert.match(h.markdown, /alpha = \*\*0\.5\*\* \*\(nn\.Parameter: learned, drawn at its initial value\)\*/);
  assert.doesNotMatch(h.markdown, /This is|Close to/);
});

test('a definition the engine cannot evaluate says why, and draws nothing', () => {
  const src = 'import torch\ndef f(x):\n    for i in range(2):\n        x = torch.tanh(x)\n    return x\n';
  const h = hoverAt(src, 'f(x)');
  assert.match(h.markdown, /cannot evaluate it: not evaluable: a for loop at line 3/);
  assert.doesNotMatch(h.markdown, /data:image/);
  assert.deepEqual(h.enabledCommands, []);
});

test("nothing from the file reaches the markdown unescaped", () => {
  const src = 'import torch\ndef f(x, mode="[x](command:workbench.action.terminal.new) <img src=x>"):\n    return x * torch.sigmoid(x) if mode else x\n';
  const h = hoverAt(src, 'f(x');
  const raw = renderCustomHover({ report: reportDefinition(findCustom(src), findCustom(src).definitions[0]!), series: null, at: 'definition', theme: 'dark' }).markdown;
  assert.doesNotMatch(raw, /\]\(command:workbench/);
  assert.doesNotMatch(raw, /<img/);
  assert.match(h.markdown, /mode = \*\*/);
});
