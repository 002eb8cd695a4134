// The hover's settings: a bad plotRange is explained (not silently ignored), and the settings the
// hover reads for a document are declared resource-scoped (read with a document, a window-scoped
// setting makes VS Code log a warning on every hover).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { plotRangeFor, plotRangeProblem } from '../../../src/render/plotImage';
import { getActivation } from '../../../src/catalog';

test('plotRange: [5, 1] and "abc" are explained in words, and the hover falls back to the activation\'s own range', () => {
  assert.match(plotRangeProblem([5, 1])!, /is \[5,1\], but its first number must be below the second/);
  assert.match(plotRangeProblem('abc')!, /is "abc", but it must be "auto" or two numbers \[min, max\]/);
  assert.match(plotRangeProblem([0, 1e7])!, /within ±1e6/);
  assert.match(plotRangeProblem([1, 'x'])!, /must be "auto"/);
  for (const ok of ['auto', [-10, 10], [0, 0.5], undefined]) assert.equal(plotRangeProblem(ok), undefined, JSON.stringify(ok));
  const relu = getActivation('relu')!;
  assert.deepEqual(plotRangeFor(relu, [5, 1]), relu.plotRange);
  assert.deepEqual(plotRangeFor(relu, [-3, 2]), [-3, 2]);
});

test('the settings the hover reads with a document as scope are declared resource-scoped', () => {
  const src = readFileSync('src/vscode/hover.ts', 'utf8');
  const section = /getConfiguration\('(activationLens\.hover)', document\)/.exec(src)?.[1];
  assert.equal(section, 'activationLens.hover');
  const props = JSON.parse(readFileSync('package.json', 'utf8')).contributes.configuration.properties as Record<string, { scope?: string }>;
  const read = [...src.matchAll(/\bc\.get(?:<[^(]+>)?\('(\w+)'/g)].map((m) => `${section}.${m[1]}`);
  assert.ok(read.length >= 3, read.join());
  for (const k of read) assert.ok(['resource', 'language-overridable'].includes(props[k]?.scope ?? ''), `${k} is read with a document but declared ${props[k]?.scope ?? 'window (default)'}-scoped`);
});

test('every activationLens setting read with a resource (getConfiguration(section, document or uri)) is resource-scoped', async () => {
  const { readdirSync } = await import('node:fs');
  const props = JSON.parse(readFileSync('package.json', 'utf8')).contributes.configuration.properties as Record<string, { scope?: string }>;
  const problems: string[] = [];
  for (const f of readdirSync('src/vscode').filter((n) => n.endsWith('.ts'))) {
    const src = readFileSync(`src/vscode/${f}`, 'utf8');
    for (const m of src.matchAll(/getConfiguration\('(activationLens\.[\w.]+)',\s*\w+\)/g)) {
      for (const k of Object.keys(props).filter((p) => p.startsWith(`${m[1]}.`))) {
        if (!['resource', 'language-overridable'].includes(props[k].scope ?? '')) problems.push(`${f}: ${k} is read with a resource but ${props[k].scope ?? 'window (default)'}-scoped`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

