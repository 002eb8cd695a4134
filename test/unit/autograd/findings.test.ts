// AL501–AL506 on the snippet table: each positive finds exactly what the table says, at the
// line where PyTorch raised or warned, quoting PyTorch's own text (pytorch.json, written by
// scripts/gen-autograd-fixtures.py under PyTorch 1.13); negatives and code whose values cannot
// be followed find nothing. Fixes applied give code on which the finding is gone.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadPython } from '../python/setup';
import { analyzeAutograd, analyzeAutogradNotebook } from '../../../src/autograd/analyze';
import type { Finding, TextEdit } from '../../../src/autograd/findingTypes';
import { loadSnippets, pytorchEventAt } from './snippets';

before(loadPython);

const snippets = loadSnippets();

function findingsOf(cells: string[], notebook: boolean): Array<Finding & { cell: number }> {
  if (!notebook) return analyzeAutograd(cells[0]).findings.map((f) => ({ ...f, cell: 0 }));
  return analyzeAutogradNotebook(cells).flatMap((c, i) => c.findings.map((f) => ({ ...f, cell: i })));
}

/** Applies edits (0-based, UTF-16) to a text, last first. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (l: number, c: number) => lines.slice(0, l).reduce((a, s) => a + s.length + 1, 0) + c;
  const sorted = [...edits].sort((a, b) => offset(b.range.line, b.range.column) - offset(a.range.line, a.range.column));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.line, e.range.column)) + e.text + out.slice(offset(e.range.endLine, e.range.endColumn));
  return out;
}

for (const s of snippets) {
  test(`${s.name}: ${s.expect.length ? s.expect.map((e) => e.code).join(' ') : 'nothing'}`, () => {
    const found = findingsOf(s.cells, s.notebook);
    assert.deepEqual(
      found.map((f) => `${f.code}@${s.notebook ? `${f.cell}:` : ''}${f.range.line + 1}`),
      s.expect.map((e) => `${e.code}@${s.notebook ? `${e.cell}:` : ''}${e.line}`),
    );
    for (const [i, e] of s.expect.entries()) {
      const f = found[i]!;
      const said = pytorchEventAt(s, e);
      assert.ok(said, 'PyTorch said nothing there');
      // the finding quotes PyTorch's text exactly
      assert.ok(f.message.includes(`\u201c${said.message}\u201d`), `${f.code}: ${f.message}\n  PyTorch: ${said.message}`);
      assert.equal(f.severity, said.type ? 'error' : 'warning');
    }
  });
}

test('fixes: AL501 appends .sum(), AL503 writes floats, AL505 detaches, AL504 retains the grad; the fixed code has no such finding', () => {
  const fixed = (name: string, code: string, pick = 0) => {
    const s = snippets.find((x) => x.name === name)!;
    const f = analyzeAutograd(s.cells[0]).findings.find((x) => x.code === code)!;
    const fix = f.fixes[pick]!;
    const after = applyEdits(s.cells[0], fix.edits);
    return { fix, after, again: analyzeAutograd(after).findings.filter((x) => x.code === code) };
  };
  let r = fixed('al501-article-no-sum.py', 'AL501');
  assert.equal(r.fix.applicability, 'unsafe');
  assert.match(r.after, /^F\.tanh\(x\)\.sum\(\)\.backward\(\)$/m);
  assert.deepEqual(r.again, []);
  r = fixed('al503-int-tensor.py', 'AL503');
  assert.equal(r.fix.applicability, 'safe');
  assert.match(r.after, /torch\.tensor\(\[1\., 2\., 3\.\], requires_grad=True\)/);
  assert.deepEqual(r.again, []);
  r = fixed('al503-arange.py', 'AL503');
  assert.match(r.after, /torch\.arange\(10\., requires_grad=True\)/);
  assert.deepEqual(r.again, []);
  r = fixed('al503-requires-grad-underscore.py', 'AL503');
  assert.match(r.after, /torch\.tensor\(\[\[0\., 1\.\], \[1\., 0\.\]\]\)\.requires_grad_\(\)/);
  assert.deepEqual(r.again, []);
  r = fixed('al505-plot-requires-grad.py', 'AL505');
  assert.equal(r.fix.applicability, 'safe');
  assert.match(r.after, /plt\.plot\(x\.detach\(\), x\.grad\)/);
  assert.deepEqual(r.again, []);
  r = fixed('al505-numpy.py', 'AL505');
  assert.match(r.after, /x\.detach\(\)\.numpy\(\)/);
  assert.deepEqual(r.again, []);
  r = fixed('al505-axes-plot.py', 'AL505');
  assert.match(r.after, /axes\[0\]\.plot\(x\.detach\(\), y\.detach\(\)\)/);
  r = fixed('al504-non-leaf-grad.py', 'AL504');
  assert.equal(r.fix.applicability, 'unsafe');
  assert.match(r.after, /^h\.retain_grad\(\)\nout\.backward\(\)$/m);
  assert.deepEqual(r.again, []);
  r = fixed('al504-in-function.py', 'AL504', 1);
  assert.match(r.after, /return a\.grad/);
  assert.deepEqual(r.again, []);
});

test('no fix where the choice is the author\'s: AL502, AL506, AL503 with an explicit dtype', () => {
  for (const [name, code] of [['al502-no-requires-grad.py', 'AL502'], ['al506-manual-sgd.py', 'AL506'], ['al503-long-dtype.py', 'AL503']]) {
    const s = snippets.find((x) => x.name === name)!;
    assert.deepEqual(analyzeAutograd(s.cells[0]).findings.find((f) => f.code === code)!.fixes, [], name);
  }
});

test('what the follower cannot see stays silent: a rebinding from an unknown call forgets the old tensor', () => {
  const src = [
    'import torch',
    'from lib import model',
    'x = torch.ones(3, requires_grad=True)',
    'x = model(x)',
    'x.backward()',
    'x += 1',
    'x.numpy()',
  ].join('\n');
  assert.deepEqual(analyzeAutograd(src).findings, []);
});

test('a loop the interpreter does not read makes the tensors it names unknown', () => {
  const src = [
    'import torch',
    'w = torch.ones(3, requires_grad=True)',
    'for step in range(3):',
    '    w = w * 2',
    'w.backward()',
  ].join('\n');
  assert.deepEqual(analyzeAutograd(src).findings, []);
});

test('a statement the interpreter does not read forgets the tensors it names from enclosing scopes too, not others', () => {
  const body = (loop: string[]) => [
    'import torch',
    'w = torch.ones(3, requires_grad=True)',
    'v = torch.ones(3, requires_grad=True)',
    'def f():',
    ...loop,
    '    w.numpy()',
    '    v.numpy()',
  ].join('\n');
  const lines = (src: string) => analyzeAutograd(src).findings.map((f) => `${f.code}@${f.range.line + 1}`);
  // read: both raise
  assert.deepEqual(lines(body([])), ['AL505@5', 'AL505@6']);
  // a loop naming w: w is unknown after it, v still known (the module's tensors, seen from the function)
  assert.deepEqual(lines(body(['    for i in range(3):', '        w.data += 1'])), ['AL505@8']);
  // a loop naming no tensor forgets nothing
  assert.deepEqual(lines(body(['    for i in range(3):', '        print(i)'])), ['AL505@7', 'AL505@8']);
});

test('the rule records and the shared check: a notebook cell sees the cells before it; every code has a page', async () => {
  const { AUTOGRAD_RULES, autogradFindingsOf } = await import('../../../src/autograd/rules');
  const { english } = await import('../../../src/i18n');
  const { existsSync, readFileSync } = await import('node:fs');
  assert.deepEqual(AUTOGRAD_RULES.map((r) => r.code), ['AL501', 'AL502', 'AL503', 'AL504', 'AL505', 'AL506']);
  for (const r of AUTOGRAD_RULES) {
    const page = `docs/rules/${r.code}.md`;
    assert.ok(existsSync(page), page);
    assert.match(readFileSync(page, 'utf8'), new RegExp(`^# ${r.code}: .+\n\nName: \`${r.name}\` · \\*\\*Severity\\*\\* ${r.severity} · \\*\\*Fix\\*\\* ${r.fix === 'none' ? 'none' : r.fix}`));
  }
  const nb = snippets.find((s) => s.name === 'nb-al501.ipynb')!;
  const last = nb.cells.length - 1;
  assert.deepEqual(autogradFindingsOf(nb.cells[last]!, nb.cells.slice(0, last), english).map((f) => f.code), ['AL501']);
  // alone, the cell's x is unknown: nothing is said
  assert.deepEqual(autogradFindingsOf(nb.cells[last]!, undefined, english), []);
});

test('silent on the 41 model files of test/corpus (GANs, VAEs, actor-critics, training loops, notebooks)', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  let spellings = 0;
  const files = readdirSync('test/corpus').filter((n) => /\.(py|ipynb)$/.test(n));
  assert.ok(files.length >= 40);
  for (const n of files) {
    const src = readFileSync(`test/corpus/${n}`, 'utf8');
    const cells = n.endsWith('.ipynb')
      ? analyzeAutogradNotebook((JSON.parse(src) as { cells: Array<{ cell_type: string; source: string | string[] }> }).cells.filter((c) => c.cell_type === 'code').map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source)))
      : [analyzeAutograd(src)];
    for (const c of cells) {
      spellings += c.spellings.length;
      assert.deepEqual(c.findings.map((f) => `${f.code}@${f.range.line + 1}`), [], n);
    }
  }
  assert.ok(spellings >= 30, `${spellings} autograd spellings read`);
});

test('in the findings\' rule table: lint() of a file and of notebook cells (Problems panel, check) reports AL5xx with their fixes', async () => {
  const { lintCachedFile, lintCachedNotebook, lintingCache, RULE_BY_CODE } = await import('../../../src/lint');
  for (const code of ['AL501', 'AL502', 'AL503', 'AL504', 'AL505', 'AL506']) assert.ok(RULE_BY_CODE.get(code)?.check, code);
  const cache = lintingCache(2);
  const file = snippets.find((s) => s.name === 'al505-plot-requires-grad.py')!;
  const f = lintCachedFile(cache, 'f.py', 1, file.cells[0]!).filter((x) => x.code.startsWith('AL5'));
  assert.deepEqual(f.map((x) => [x.code, x.range.line + 1, x.fixes[0]?.applicability]), [['AL505', 8, 'safe']]);
  const nb = snippets.find((s) => s.name === 'nb-al502-al506.ipynb')!;
  const cells = lintCachedNotebook(cache, 'n.ipynb', 1, nb.cells);
  assert.deepEqual(cells.map((c) => c.filter((x) => x.code.startsWith('AL5')).map((x) => `${x.code}@${x.range.line + 1}`)), [[], ['AL506@2'], ['AL502@2']]);
  // `# noqa: AL505` silences it like any other code
  const quiet = lintCachedFile(cache, 'q.py', 1, file.cells[0]!.replace('plt.plot(x, x.grad)', 'plt.plot(x, x.grad)  # noqa: AL505'));
  assert.deepEqual(quiet.filter((x) => x.code === 'AL505'), []);
});

test('a text beyond MAX_FOLLOW_CHARS is not followed (its spellings still are)', async () => {
  const { MAX_FOLLOW_CHARS } = await import('../../../src/autograd/analyze');
  const s = snippets.find((x) => x.name === 'al501-article-no-sum.py')!;
  // one long comment: past the limit, yet quick to parse
  const big = s.cells[0]! + '\n#' + 'x'.repeat(MAX_FOLLOW_CHARS) + '\n';
  const c = analyzeAutograd(big);
  assert.deepEqual(c.findings, []);
  assert.ok(c.spellings.some((x) => x.kind === 'backward'));
});
