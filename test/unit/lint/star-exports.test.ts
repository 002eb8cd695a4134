// What `from model import *` hands an importer (crossFile.ts starExports), against Python itself:
// scripts/gen-star-import-fixtures.py imports each module text for real with /usr/bin/python3 and
// records the PyTorch names the importer then has (test/fixtures/lint/star-exports.json).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { starExports } from '../../../src/python/crossFile';
import { loadPython } from '../python/setup';

before(loadPython);

interface Row { name: string; text: string; torch: Record<string, string>; modules: Record<string, string>; other: string[] }
const fx = JSON.parse(readFileSync(join(__dirname, '../../fixtures/lint/star-exports.json'), 'utf8')) as { rows: Row[] };

for (const row of fx.rows) {
  test(`starExports agrees with Python: ${row.name}`, () => {
    const got = starExports(row.text);
    // Every PyTorch module alias Python hands on, with its module (nn → torch.nn, F → torch.nn.functional);
    // a `from torch.nn import *` also hands on torch.nn's submodules (init, utils…), which Activation Lens does not bind…
    const mine = Object.fromEntries([...got.torch].filter(([k]) => k in row.modules));
    if (/from torch\S* import \*/.test(row.text)) for (const [k, p] of Object.entries(mine)) assert.equal(p, row.modules[k], k);
    else assert.deepEqual(mine, row.modules, 'module aliases');
    // …and nothing Python does not hand on as PyTorch's (a class of `from torch.nn import *` may be left out, never made up).
    for (const k of got.torch.keys()) assert.ok(k in row.torch, `${k} is not PyTorch's in the importer`);
    // The names the module defines itself are the importer's too, never PyTorch's.
    for (const n of got.names) assert.ok(row.other.includes(n), `${n} is given as the module's own`);
  });
}
