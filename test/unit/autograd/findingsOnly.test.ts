// The lint reads the autograd findings alone (analyze.ts's findingsOnly): the spellings, and the
// imports they are read with, only where the follower saw PyTorch raise or warn. Held to the whole
// reading, which the hover uses, on every snippet of the table, corpus file and demo file, file by
// file and notebook by notebook.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPython } from '../python/setup';
import { analyzeAutograd, analyzeAutogradNotebook } from '../../../src/autograd/analyze';
import { forgetFollowedStatements } from '../../../src/autograd/follow';
import { loadSnippets } from './snippets';

before(loadPython);

function pythonFiles(dir: string): string[][] {
  return readdirSync(dir).filter((n) => n.endsWith('.py')).sort().map((n) => [readFileSync(join(dir, n), 'utf8')]);
}

test('findings alone equal the findings of the whole reading: snippets, corpus and demo', () => {
  const programs = [...loadSnippets().map((s) => s.cells), ...pythonFiles('test/corpus'), ...pythonFiles('demo')];
  let found = 0;
  for (const cells of programs) {
    // each reading follows afresh: the follower's kept result would answer the second one
    forgetFollowedStatements();
    const whole = cells.length > 1 ? analyzeAutogradNotebook(cells).map((c) => c.findings) : [analyzeAutograd(cells[0]!).findings];
    forgetFollowedStatements();
    const alone = cells.length > 1 ? analyzeAutogradNotebook(cells, undefined, true).map((c) => c.findings) : [analyzeAutograd(cells[0]!, undefined, true).findings];
    assert.deepEqual(alone, whole, cells[0]!.split('\n')[0]);
    found += whole.flat().length;
  }
  // the comparison means something only where there are findings (the snippet table has one or more per code)
  assert.ok(found >= 20, `only ${found} findings`);
});
