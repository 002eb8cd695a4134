// `check` follows a file once and keeps nothing for a next version (keepFollowForNextVersion(false)):
// then a def's body is lowered only when the follow first reads it, and other shortcuts of that
// mode apply. Held to the editor's follow, which keeps its lowering: the same events, graphs, spots
// and statements not followed, on every snippet, corpus and demo file and on programs whose
// findings sit in bodies read late (a decorated def, a def called after it was followed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPython } from '../python/setup';
import { analyzeAutograd, analyzeAutogradNotebook, type AutogradCell } from '../../../src/autograd/analyze';
import { forgetFollowedStatements, keepFollowForNextVersion } from '../../../src/autograd/follow';
import { loadSnippets } from './snippets';

before(loadPython);
after(() => keepFollowForNextVersion(true));

/** Programs whose AL5xx findings are inside function bodies, read at different moments of the follow. */
export const LATE_BODIES: Array<{ name: string; source: string; codes: string[] }> = [
  {
    name: 'a def under @torch.jit.script is followed into',
    source: 'import torch\n\n\n@torch.jit.script\ndef make():\n    idx = torch.tensor([1, 2], requires_grad=True)\n    return idx\n',
    codes: ['AL503'],
  },
  {
    name: 'a def under a decorator the follower cannot evaluate is not, in either mode',
    source: 'import torch\nimport functools\n\n\n@functools.lru_cache()\ndef make():\n    idx = torch.tensor([1, 2], requires_grad=True)\n    return idx\n\n\nw = torch.tensor([1, 2], requires_grad=True)\n',
    codes: ['AL503'],
  },
  {
    name: 'a def called from module code once a tensor requiring grad exists',
    source: 'import torch\n\n\ndef step(w):\n    out = w * 2\n    out.backward()\n    return out\n\n\nw = torch.ones(3, requires_grad=True)\nstep(w)\n',
    codes: ['AL501'],
  },
  {
    name: 'nested defs and a def inside an if',
    source: 'import torch\n\nif True:\n    def outer():\n        def inner():\n            a = torch.randn(3, requires_grad=True)\n            b = a.sigmoid()\n            b.sum().backward()\n            return b.grad\n        return inner()\n    outer()\n',
    codes: ['AL504'],
  },
];

function pythonFiles(dir: string): string[][] {
  return readdirSync(dir).filter((n) => n.endsWith('.py')).sort().map((n) => [readFileSync(join(dir, n), 'utf8')]);
}

function read(cells: string[], keep: boolean): AutogradCell[] {
  keepFollowForNextVersion(keep);
  forgetFollowedStatements();
  return cells.length > 1 ? analyzeAutogradNotebook(cells) : [analyzeAutograd(cells[0]!)];
}

test("check's follow (nothing kept, bodies lowered when read) equals the editor's, findings and all", () => {
  const programs = [...loadSnippets().map((s) => s.cells), ...pythonFiles('test/corpus'), ...pythonFiles('demo'), ...LATE_BODIES.map((p) => [p.source])];
  let events = 0;
  for (const cells of programs) {
    const editor = read(cells, true);
    const check = read(cells, false);
    assert.deepEqual(check, editor, cells[0]!.split('\n')[0]);
    events += editor.reduce((n, c) => n + c.follow.events.length, 0);
  }
  assert.ok(events >= 20, `only ${events} events`);
});

test('findings inside bodies read late are found by check', () => {
  for (const p of LATE_BODIES) {
    const [cell] = read([p.source], false);
    assert.deepEqual(cell!.findings.map((f) => f.code), p.codes, p.name);
  }
});
