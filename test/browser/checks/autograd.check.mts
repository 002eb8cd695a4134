// The article's autograd lesson where the code is: the hover on `.backward()` in
// demo/activations_article.py shows the computation graph (SumBackward0 → TanhBackward0 →
// AccumulateGrad (x)) and a plot of x.grad, both images decoded; the autograd view renders the
// graph of its example and, with `.sum()` dropped, PyTorch's exact error and the failed
// condition. Light, dark and zh-cn, with screenshots.
import * as assert from 'node:assert/strict';
import type { Check } from '../framework.mjs';

const TEXT = {
  light: { command: 'Activation Lens: Open Autograd View', leaf: /is a leaf that requires grad: after this line x\.grad holds tanh′ at each of the 1000 points/, lesson: /must be a scalar/ },
  dark: { command: 'Activation Lens: Open Autograd View', leaf: /is a leaf that requires grad: after this line x\.grad holds tanh′ at each of the 1000 points/, lesson: /must be a scalar/ },
  'zh-cn': { command: 'Activation Lens: 打开自动求导视图', leaf: /是需要梯度的叶子节点：这一行之后，x\.grad 中是 1000 个点上每一点的 tanh′/, lesson: /必须是标量/ },
} as const;

export default {
  name: 'autograd: the hover on .backward() shows the graph; the autograd view shows the graph and a broken variant\'s error',
  themes: ['light', 'dark', 'zh-cn'],
  timeoutMs: 150_000,
  async run(ctx) {
    const want = TEXT[ctx.theme as keyof typeof TEXT];
    await ctx.openFile('activations_article.py');
    const h = await ctx.hover('backward', { line: /F\.tanh\(x\)\.sum\(\)\.backward\(\)/, contains: /SumBackward0/, timeoutMs: 30_000 });
    assert.match(h.text, /SumBackward0 → TanhBackward0 → AccumulateGrad \(x\)/);
    assert.match(h.text, want.leaf);
    assert.match(h.text, want.lesson);
    const imgs = h.images.filter((i) => i.src.startsWith('data:image/svg+xml;base64,'));
    assert.equal(imgs.length, 2, `graph and x.grad images: ${imgs.length}`);
    for (const i of imgs) assert.ok(i.complete && i.naturalWidth > 0 && i.naturalHeight > 0, `image "${i.alt}" did not decode`);
    await ctx.page.waitForTimeout(400);
    ctx.log(`hover on .backward() → ${await ctx.screenshot('backward-hover', h.element)}`);
    await ctx.closeHover();

    await ctx.runCommand(want.command);
    const f = await ctx.findFrame('body[data-runs]', 60_000);
    const graph = f.locator('#graph img');
    await graph.waitFor({ state: 'visible', timeout: 20_000 });
    assert.ok(await graph.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0), 'the graph image did not decode');
    assert.match(await f.locator('#graph').innerText(), /SumBackward0 → TanhBackward0 → AccumulateGrad \(x\)/);
    assert.ok(await f.locator('.grad img').first().evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0), 'x.grad was not plotted');
    assert.equal(await f.locator('.cond.ok').count(), 3, 'all three conditions hold for the article\'s snippet');
    ctx.log(`autograd view → ${await ctx.screenshot('view')}`);

    // The broken variant: .sum() dropped
    const runs = Number(await f.locator('body').getAttribute('data-runs'));
    const code = await f.locator('#code').inputValue();
    await f.locator('#code').fill(code.replace('.sum()', ''));
    await f.waitForFunction((n) => Number(document.body.dataset.runs) > n, runs, { timeout: 20_000 });
    const events = await f.locator('#events').innerText();
    assert.match(events, /RuntimeError: grad can be implicitly created only for scalar outputs/);
    assert.match(await f.locator('.cond.bad[data-id="scalar"]').innerText(), /\[1000\]/);
    ctx.log(`broken variant → ${await ctx.screenshot('view-broken')}`);
  },
} satisfies Check;
