// Every string the hover, its advice and its commands pass through t() has a zh-cn translation,
// and so does every catalog fact the hover translates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ACTIVATIONS } from '../../../src/catalog';
import { renderHover } from '../../../src/render/hoverMarkdown';

const zh: Record<string, string> = JSON.parse(readFileSync('l10n/bundle.l10n.zh-cn.json', 'utf8'));

function sources(): string[] {
  const out: string[] = [];
  const walk = (d: string) => { for (const n of readdirSync(d)) { const p = join(d, n); if (statSync(p).isDirectory()) walk(p); else if (p.endsWith('.ts') && !p.includes('.generated.')) out.push(p); } };
  walk('src/advice');
  walk('src/render');
  for (const f of readdirSync('src/vscode')) if (/^(hover|commandsPlotScript|pythonAnalysis)/.test(f)) out.push(join('src/vscode', f));
  return out.filter(existsSync);
}

/** Literal first arguments of t(...) calls, as the source writes them. */
function literalKeys(): Array<{ file: string; key: string }> {
  const keys: Array<{ file: string; key: string }> = [];
  for (const file of sources()) {
    const s = readFileSync(file, 'utf8');
    for (const m of s.matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)) keys.push({ file, key: m[1].replace(/\\(['\\])/g, '$1') });
  }
  return keys;
}

test('every literal t() string of the hover has a zh-cn translation with the same placeholders', () => {
  const keys = literalKeys();
  assert.ok(keys.length > 40, `found ${keys.length} strings`);
  for (const { file, key } of keys) {
    assert.ok(zh[key], `${file}: no zh-cn for ${JSON.stringify(key)}`);
    const ph = (s: string) => [...new Set(s.match(/\{\d+\}/g) ?? [])].sort().join();
    assert.equal(ph(zh[key]), ph(key), `placeholders of ${JSON.stringify(key)}`);
  }
});

test('catalog facts the hover translates have zh-cn', () => {
  for (const a of ACTIVATIONS) {
    assert.ok(zh[a.properties.saturates], `${a.id}: saturates ${JSON.stringify(a.properties.saturates)}`);
    if (/[a-z]{4,}/i.test(a.properties.maxSlope.at)) assert.ok(zh[a.properties.maxSlope.at], `${a.id}: maxSlope.at`);
  }
});

test('rendered in zh-cn, every hover string comes from the bundle (a recording translator sees no misses)', () => {
  const misses = new Set<string>();
  const t = (m: string, ...args: Array<string | number | boolean>) => {
    const tr = zh[m];
    if (!tr && /[a-z]{3,}/i.test(m)) misses.add(m);
    return (tr ?? m).replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
  };
  for (const a of ACTIVATIONS) for (const role of ['hidden', 'output', null] as const) {
    for (const loss of [null, 'nn.CrossEntropyLoss', 'nn.BCELoss', 'nn.MSELoss', 'nn.NLLLoss']) {
      renderHover({ use: { id: a.id, spelling: a.id, canonical: a.id, role, loss, params: {}, runtimeParams: a.params.length ? [a.params[0].name] : [], deprecation: a.id === 'tanh' ? 'x' : undefined, inPlace: true }, theme: 'dark', sections: { graph: false } }, t);
    }
  }
  assert.deepEqual([...misses], []);
});

test('package.nls has zh-cn for every hover setting and command', () => {
  const en = JSON.parse(readFileSync('package.nls.json', 'utf8'));
  const zhPkg = JSON.parse(readFileSync('package.nls.zh-cn.json', 'utf8'));
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const conf = [pkg.contributes.configuration].flat();
  const refs: string[] = [];
  const collect = (o: unknown) => {
    if (typeof o === 'string' && /^%.+%$/.test(o)) refs.push(o.slice(1, -1));
    else if (o && typeof o === 'object') for (const v of Object.values(o)) collect(v);
  };
  for (const c of conf) for (const [k, v] of Object.entries(c.properties ?? {})) if (k.startsWith('activationLens.hover.')) collect(v);
  for (const c of pkg.contributes.commands) if (['activationLens.compare', 'activationLens.copyPlotScript'].includes(c.command)) collect(c);
  assert.ok(refs.length >= 10, refs.join());
  for (const r of refs) { assert.ok(en[r], `package.nls.json: ${r}`); assert.ok(zhPkg[r], `package.nls.zh-cn.json: ${r}`); }
});
