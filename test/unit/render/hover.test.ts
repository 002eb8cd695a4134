// The hover markdown: content for real uses (engine numbers), section toggles, and hostile
// sources that must show as plain text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHover, HOVER_COMMANDS, type HoverUse } from '../../../src/render/hoverMarkdown';
import { formulaTable } from '../../../src/render/formulas.generated';
import { formulaImage } from '../../../src/render/formulaImage';
import { plotImage } from '../../../src/render/plotImage';
import { escapeMarkdown } from '../../../src/render/escape';
import { ACTIVATIONS, defaultParams } from '../../../src/catalog';
import { checkXml } from './xml';

const use = (u: Partial<HoverUse> & { id: string }): HoverUse => ({ spelling: u.id, canonical: `torch.nn.functional.${u.id}`, role: null, loss: null, params: {}, runtimeParams: [], ...u });
const images = (md: string) => [...md.matchAll(/!\[[^\]]*\]\((data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+)\)/g)].map((m) => m[1]);
const decode = (uri: string) => Buffer.from(uri.slice(uri.indexOf(',') + 1), 'base64').toString('utf8');
/** Link targets the markdown would follow: `](target)`, excluding escaped `\](`. */
const links = (md: string) => [...md.matchAll(/(?<!\\)\]\(([^)\s]*)/g)].map((m) => m[1]);

test('ReLU in a hidden layer: linked title, role, both formulas, the plot, facts, advice, actions', () => {
  const r = renderHover({ use: use({ id: 'relu', spelling: 'F.relu', role: 'hidden' }), theme: 'dark' })!;
  const md = r.markdown;
  assert.match(md, /\*\*\[`torch\.nn\.functional\.relu`\]\(https:\/\/pytorch\.org\/docs\/stable\/generated\/torch\.nn\.functional\.relu\.html\)\*\*/);
  assert.match(md, /\*hidden layer\*/);
  const imgs = images(md);
  assert.equal(imgs.length, 3, 'f, f\' and the plot');
  for (const i of imgs) checkXml(decode(i));
  assert.match(decode(imgs[2]), /class="zone-zero"/);
  assert.ok(md.includes('**Range** \\[0\\, ∞\\)'), 'range fact');
  assert.match(md, /first choice for hidden layers/);
  assert.match(md, /dead ReLU/);
  assert.match(md, /command:activationLens\.openExplorer\?/);
  assert.match(md, /command:activationLens\.compare\?/);
  assert.match(md, /command:activationLens\.copyPlotScript\?/);
  assert.match(md, /Compare with Leaky ReLU/);
  assert.deepEqual(r.enabledCommands, [...HOVER_COMMANDS]);
  assert.ok(md.length < 100_000, `hover markdown is cut at 100,000 chars: ${md.length}`);
});

test('command links carry { id, params } and { ids, params } as JSON arrays', () => {
  const r = renderHover({ use: use({ id: 'leaky_relu', role: 'hidden', params: { negative_slope: 0.2 } }), theme: 'light' })!;
  const cmd = (name: string) => {
    const m = new RegExp(`command:${name.replace('.', '\\.')}\\?([^)\\s]+)`).exec(r.markdown)!;
    return JSON.parse(decodeURIComponent(m[1]));
  };
  assert.deepEqual(cmd('activationLens.openExplorer'), [{ id: 'leaky_relu', params: { negative_slope: 0.2, inplace: false } }]);
  assert.deepEqual(cmd('activationLens.copyPlotScript'), [{ id: 'leaky_relu', params: { negative_slope: 0.2, inplace: false }, range: [-6, 6] }]);
  assert.deepEqual(cmd('activationLens.compare')[0].ids, ['leaky_relu', 'relu']);
});

test('parameters from the code are stated beside the formula; runtime ones are never guessed', () => {
  const md = renderHover({ use: use({ id: 'leaky_relu', params: { negative_slope: 0.2 }, runtimeParams: [] }), theme: 'dark' })!.markdown;
  assert.match(md, /negative\\_slope α = \*\*0\\\.2\*\*/);
  const rt = renderHover({ use: use({ id: 'leaky_relu', params: {}, runtimeParams: ['negative_slope'] }), theme: 'dark' })!.markdown;
  assert.match(rt, /negative\\_slope α: \*set at run time\* \(plotted with the default 0\\\.01\)/);
  assert.ok(!/negative\\_slope α = /.test(rt));
  const bad = renderHover({ use: use({ id: 'leaky_relu', params: { negative_slope: 'big' } }), theme: 'dark' })!;
  assert.match(bad.markdown, /not a valid value/);
  assert.equal(bad.params.negative_slope, 0.01);
});

test('this call\'s parameters shape the plot and the max-gradient fact', () => {
  const spec = ACTIVATIONS.find((a) => a.id === 'hardtanh')!;
  const p = plotImage(spec, { ...defaultParams(spec), min_val: -2, max_val: 2 }, [-4, 4], 'light');
  const zones = p.zones.filter((z) => z.kind === 'zero');
  assert.equal(zones.length, 2);
  assert.ok(Math.abs(zones[0].x1 + 2) < 0.03 && Math.abs(zones[1].x0 - 2) < 0.03, JSON.stringify(zones));
  const md = renderHover({ use: use({ id: 'softplus', params: { beta: 5 } }), theme: 'light' })!.markdown;
  assert.match(md, /beta β = \*\*5\*\*/);
});

test('tanh: vanishing zones for |x| > 3 from the engine; deprecated F.tanh warned', () => {
  const r = renderHover({ use: use({ id: 'tanh', spelling: 'F.tanh', deprecation: 'nn.functional.tanh is deprecated. Use torch.tanh instead.' }), theme: 'light' })!;
  const v = r.plot!.zones.filter((z) => z.kind === 'vanishing');
  assert.equal(v.length, 2);
  assert.ok(Math.abs(v[0].x1 + 3) < 0.1 && Math.abs(v[1].x0 - 3) < 0.1, JSON.stringify(v));
  assert.match(r.markdown, /\$\(lightbulb\) `AL202` nn\\\.functional\\\.tanh is deprecated\\: PyTorch 1\\\.13 warns on every call/);
});

test('softmax before CrossEntropyLoss: the double-softmax warning, and the plot is explained as a slice', () => {
  const md = renderHover({ use: use({ id: 'softmax', role: 'output', loss: 'nn.CrossEntropyLoss', params: { dim: 1 } }), theme: 'dark' })!.markdown;
  assert.match(md, /softmax is applied twice/);
  assert.match(md, /1\\-D slice/);
  assert.match(md, /\*output layer\*/);
});

test('a model trained in another file: the hover says where its output reaches the loss, as the Problems panel does', () => {
  const req = { use: use({ id: 'softmax', role: 'output' as const, loss: 'CrossEntropyLoss', params: { dim: 1 } }), theme: 'light' as const };
  const here = renderHover(req)!.markdown;
  const there = renderHover({ ...req, elsewhere: { loss: 'CrossEntropyLoss', where: 'project/train.py:13' } })!.markdown;
  assert.doesNotMatch(here, /reaches/);
  assert.ok(there.includes(escapeMarkdown("The model's output reaches CrossEntropyLoss in project/train.py:13.")), there.slice(0, 600));
  // under the warning it explains, before the formulas
  assert.ok(there.indexOf('reaches') > there.indexOf('softmax is applied twice') && there.indexOf('reaches') < there.indexOf('---'));
  // in the hover's language, and not with the advice section off
  const zh = renderHover({ ...req, elsewhere: { loss: 'CrossEntropyLoss', where: 'train.py:13' } }, (m, ...a) => (m.startsWith("The model's output") ? `该模型的输出在 ${a[1]} 处送入 ${a[0]}。` : m))!.markdown;
  assert.ok(zh.includes(escapeMarkdown('该模型的输出在 train.py:13 处送入 CrossEntropyLoss。')));
  assert.doesNotMatch(renderHover({ ...req, sections: { advice: false }, elsewhere: { loss: 'CrossEntropyLoss', where: 'train.py:13' } })!.markdown, /reaches/);
});

test('sections can be turned off one by one', () => {
  const u = use({ id: 'sigmoid', role: 'hidden' });
  const off = (k: string) => renderHover({ use: u, theme: 'dark', sections: { [k]: false } })!;
  assert.equal(images(off('formula').markdown).length, 1);
  assert.equal(images(off('graph').markdown).length, 2);
  assert.ok(!off('facts').markdown.includes('**Range**'));
  assert.ok(!off('advice').markdown.includes('$(warning)'));
  const noActions = off('actions');
  assert.ok(!noActions.markdown.includes('command:'));
  assert.deepEqual(noActions.enabledCommands, []);
});

test('unknown ids render nothing', () => {
  assert.equal(renderHover({ use: use({ id: 'not_an_activation' }), theme: 'dark' }), undefined);
});

// ── hostile sources: everything from the user's file shows as text ──

const HOSTILE = [
  '[click](command:workbench.action.terminal.new)',
  '](javascript:alert(1))',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '`code` **bold** _it_ # heading',
  '$(alert) icon',
  'command:activationLens.openExplorer?%5B%5D',
  'line\nbreak\r\n## injected heading',
  '![img](data:image/svg+xml;base64,AAAA)',
  '&lt;entity&gt; &#60;',
  '\\](x)',
  'x'.repeat(200_000),
];

for (const evil of HOSTILE) {
  test(`hostile text stays text: ${JSON.stringify(evil.slice(0, 40))}`, () => {
    const r = renderHover({
      use: {
        id: 'gelu', spelling: evil, canonical: evil, role: 'hidden', loss: evil,
        params: { approximate: evil, inplace: evil, [evil.slice(0, 50)]: evil }, runtimeParams: [evil, 'approximate'], deprecation: evil,
      },
      fileLosses: [evil, evil],
      theme: 'dark',
      elsewhere: { loss: evil, where: evil },
    })!;
    const md = r.markdown;
    // The only link targets are ours: the docs page, data URIs and our three commands.
    for (const l of links(md)) {
      assert.ok(l.startsWith('https://pytorch.org/docs/') || l.startsWith('data:image/svg+xml;base64,') || HOVER_COMMANDS.some((c) => l.startsWith(`command:${c}?`)), `unexpected link target ${l.slice(0, 80)}`);
    }
    assert.ok(!md.includes('<'), 'no raw HTML can start');
    assert.ok(!md.includes('$(alert)'), 'no icon syntax from the source');
    assert.ok(!/^#/m.test(md), 'no headings injected');
    assert.ok(!md.includes('x'.repeat(200)), 'giant literal cut short');
    assert.ok(md.length < 100_000);
    // Command args only carry validated catalog values.
    for (const m of md.matchAll(/command:[\w.]+\?([^)\s]+)/g)) {
      const [args] = JSON.parse(decodeURIComponent(m[1]));
      assert.deepEqual(args.params, { approximate: 'none' });
    }
  });
}

test('escapeMarkdown escapes every ASCII punctuation mark and cuts long text', () => {
  assert.equal(escapeMarkdown('a](b)'), 'a\\]\\(b\\)');
  assert.equal(escapeMarkdown('x'.repeat(100), 10), 'x'.repeat(10) + '…');
  assert.equal(escapeMarkdown('a\nb'), 'a b');
});

test('every catalog activation has typeset f and f\' formulas, well-formed, coloured per theme', () => {
  const table = formulaTable();
  for (const a of ACTIVATIONS) {
    assert.ok(table[a.id], `${a.id} has no formula SVG (run npm run build)`);
    for (const which of ['f', 'df'] as const) {
      const f = table[a.id][which];
      checkXml(f.svg);
      assert.ok(f.width > 10 && f.height > 5, `${a.id} ${which} size`);
      assert.ok(!f.svg.includes('merror') && !f.svg.includes('data-mjx-error'), `${a.id} ${which} typeset without errors`);
      // every glyph's outline put back in place (the generated file keeps each once: `d="@3"`)
      const ds = [...f.svg.matchAll(/ d="([^"]*)"/g)].map((m) => m[1]!);
      assert.ok(ds.some((d) => d.length > 0) && ds.every((d) => /^(M[-\d. MLHVCSQTAZmlhvcsqtaz]+)?$/.test(d)), `${a.id} ${which} path data`);
      for (const theme of ['light', 'dark', 'highContrast'] as const) {
        const svg = decode(formulaImage(a.id, which, theme)!.uri);
        assert.ok(!svg.includes('currentColor'));
      }
    }
  }
  assert.ok(decode(formulaImage('relu', 'f', 'light')!.uri).includes('#1f2328'));
  assert.ok(decode(formulaImage('relu', 'f', 'dark')!.uri).includes('#cccccc'));
});

test('the plot of every catalog activation is well-formed and under 20 KB in every theme', () => {
  for (const a of ACTIVATIONS) for (const theme of ['light', 'dark', 'highContrast', 'highContrastLight'] as const) {
    const p = plotImage(a, defaultParams(a), a.plotRange, theme, `${a.title} and its derivative`);
    assert.ok(p.bytes < 20_000, `${a.id} ${theme}: ${p.bytes} bytes`);
    checkXml(decode(p.uri));
  }
});

test('formula images: transparent glyphs by default (usable as a CSS mask), on a card in the hover', () => {
  const bare = decode(formulaImage('tanh', 'f', 'dark')!.uri);
  assert.ok(!bare.includes('#1e1e1e'), 'no card by default');
  const card = formulaImage('tanh', 'f', 'dark', { card: true })!;
  assert.match(decode(card.uri), /<rect [^>]*fill="#1e1e1e"/);
  assert.ok(card.width > formulaImage('tanh', 'f', 'dark')!.width, 'padded');
  const md = renderHover({ use: use({ id: 'tanh' }), theme: 'dark' })!.markdown;
  assert.match(decode(images(md)[0]), /<rect [^>]*fill="#1e1e1e"/);
});

test('plot range: the setting\'s [min, max] when valid, else the catalog\'s range', async () => {
  const { plotRangeFor } = await import('../../../src/render/plotImage');
  const relu = ACTIVATIONS.find((a) => a.id === 'relu')!;
  assert.deepEqual(plotRangeFor(relu, 'auto'), relu.plotRange);
  assert.deepEqual(plotRangeFor(relu, [-10, 10]), [-10, 10]);
  for (const bad of [[3, 1], [0, 0], ['a', 2], [1], [-1e9, 1], null, 42]) assert.deepEqual(plotRangeFor(relu, bad), relu.plotRange, JSON.stringify(bad));
  const r = renderHover({ use: use({ id: 'relu' }), theme: 'light', plotRange: [-10, 10] })!;
  assert.deepEqual(r.plot!.range, [-10, 10]);
  assert.match(decode(images(r.markdown)[2]), />−10</);
});

test('image alt text is clean readable text (no markdown backslashes for a screen reader to read out)', () => {
  for (const id of ['softmax', 'leaky_relu', 'gelu', 'hardtanh', 'log_softmax', 'tanh']) {
    const md = renderHover({ use: use({ id }), theme: 'dark' })!.markdown;
    const alts = [...md.matchAll(/!\[([^\]]*)\]\(data:/g)].map((m) => m[1]);
    assert.ok(alts.length >= 3, `${id}: ${alts.length} images`);
    for (const a of alts) {
      assert.doesNotMatch(a, /\\/, `${id}: alt "${a}"`);
      assert.ok(a.length > 3);
    }
  }
  const sm = renderHover({ use: use({ id: 'softmax' }), theme: 'dark' })!.markdown;
  assert.ok(sm.includes('![softmax(z)'), 'the formula reads as written');
});

test('the graph\'s legend names the derivative unmistakably, in the hover\'s language', () => {
  const svgOf = (md: string) => { const m = /!\[[^\]]*and its derivative[^\]]*\]\(data:image\/svg\+xml;base64,([^)]+)\)/.exec(md)!; return Buffer.from(m[1], 'base64').toString('utf8'); };
  const svg = svgOf(renderHover({ use: use({ id: 'tanh' }), theme: 'light' })!.markdown);
  assert.match(svg, /<text[^>]*>f′\(x\) = derivative<\/text>/);
  assert.match(svg, /<text[^>]*>f\(x\)<\/text>/);
});

test('the hover weighs its advice with the user\'s lint settings, as the Problems panel does', () => {
  const req = { use: use({ id: 'softmax', role: 'output', loss: 'nn.CrossEntropyLoss', params: { dim: 1 } }), theme: 'dark' as const };
  const lead = (md: string) => md.split('\n\n---\n\n')[0]!;
  const plain = renderHover(req)!.markdown;
  assert.match(lead(plain), /\$\(warning\) `AL101`/, 'a warning leads the hover by default');
  const asError = renderHover({ ...req, weights: { severity: { AL1: 'error' } } })!.markdown;
  assert.match(lead(asError), /\$\(error\) `AL101`/, 'a prefix override makes it an error');
  assert.doesNotMatch(asError, /\$\(warning\) `AL101`/);
  const exact = renderHover({ ...req, weights: { severity: { AL1: 'error', AL101: 'info' } } })!.markdown;
  assert.doesNotMatch(lead(exact), /AL101/, 'the most specific override wins: info goes with the notes');
  assert.match(exact, /\$\(lightbulb\) `AL101`/);
  const ignored = renderHover({ ...req, weights: { ignore: ['AL101'] } })!.markdown;
  assert.doesNotMatch(lead(ignored), /AL101/, 'an ignored code no longer leads');
  assert.match(ignored, /\$\(lightbulb\) `AL101` .*CrossEntropyLoss/, 'but its explanation stays as a note');
  const selected = renderHover({ ...req, weights: { select: ['AL1'], ignore: ['AL10'] } })!.markdown;
  assert.doesNotMatch(lead(selected), /AL101/, 'select AL1 + ignore AL10: the more specific ignore wins');
  const hidden = renderHover({ use: use({ id: 'sigmoid', role: 'hidden' }), theme: 'light', weights: { severity: { AL401: 'warning' } } })!.markdown;
  assert.match(lead(hidden), /\$\(warning\) `AL401`/, 'a hint raised to a warning leads');
  assert.doesNotMatch(lead(renderHover({ use: use({ id: 'sigmoid', role: 'hidden' }), theme: 'light' })!.markdown), /AL401/);
});
