// The pure pieces of the editor's look through a workspace for a model's importers
// (src/vscode/crossFile.ts): the import prefilter, .gitignore matching shared with `check`, and a
// saved notebook's code cells shared with `check`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importWords } from '../../../src/lint/importWords';
import { gitIgnored, parseGitignore } from '../../../src/lint/gitignore';
import { notebookCodeCells } from '../../../src/lint/notebookJson';

const has = (text: string, ...words: string[]) => {
  const got = importWords(text);
  for (const w of words) assert.ok(got.has(w), `${JSON.stringify(text)}: ${w} in ${JSON.stringify([...got])}`);
};

test('importWords: the module and the names a from-import takes, every spelling', () => {
  has('from . import net\n', 'net');
  has('from .. import net as n\n', 'net');
  has('from pkg import net\n', 'pkg', 'net'); // pkg a namespace package: net may be the model file
  has('from .models import resnet as r', 'models', 'resnet');
  has('from model import (\n    Net,\n    Other,\n)\n', 'model', 'Net', 'Other');
  has('import torch\nif True:\n    from model import Net', 'model');
  has('x = 1; import model', 'model');
  has('try:\n\tfrom model import Net\nexcept ImportError:\n    pass\n', 'model');
  has('from\tmodel import Net', 'model');
  has('import a.b.c, d as e', 'a', 'b', 'c', 'd');
  has('\ufefffrom model import Net\n', 'model', 'Net'); // a file saved with a BOM
});

test('importWords: a notebook as saved, a cell\'s source a list of lines or one string', () => {
  const lines = JSON.stringify({ cells: [{ cell_type: 'code', source: ['import torch\n', 'from model import Net\n'] }] }, null, 1);
  has(lines, 'torch', 'model', 'Net');
  const one = JSON.stringify({ cells: [{ cell_type: 'code', source: 'import torch\nfrom model import Net\nnet = Net()' }] });
  has(one, 'model', 'Net');
  const indented = JSON.stringify({ cells: [{ cell_type: 'code', source: 'if True:\n\tfrom . import net\n' }] });
  has(indented, 'net');
  assert.ok(!importWords(one).has('n'), 'an escaped line break is no word');
});

test('importWords: words that are no import are not taken', () => {
  const got = importWords('model = build()\nprint("from the model")\nimportant = 1\n');
  assert.deepEqual([...got], []);
});

test('gitIgnored: globs, folder-only rules, negation, nested files, ignored folders', () => {
  const files = [
    { base: '/w', rules: parseGitignore('# build output\nbuild/\n*.gen.py\n!keep.gen.py\n/runs\n') },
    { base: '/w/pkg', rules: parseGitignore('scratch.py\n') },
  ];
  assert.equal(gitIgnored(files, '/w/model.py'), false);
  assert.equal(gitIgnored(files, '/w/build/model.py'), true, 'inside an ignored folder');
  assert.equal(gitIgnored(files, '/w/a/build/model.py'), true, 'an unanchored folder rule matches at any depth');
  assert.equal(gitIgnored(files, '/w/x.gen.py'), true);
  assert.equal(gitIgnored(files, '/w/keep.gen.py'), false, 'negated');
  assert.equal(gitIgnored(files, '/w/runs/train.py'), true, 'anchored');
  assert.equal(gitIgnored(files, '/w/pkg/runs/train.py'), false, 'anchored to its own folder only');
  assert.equal(gitIgnored(files, '/w/pkg/scratch.py'), true, 'a nested .gitignore');
  assert.equal(gitIgnored(files, '/w/scratch.py'), false, "a nested .gitignore says nothing above its folder");
  assert.equal(gitIgnored([{ base: '/w', rules: parseGitignore('env/\n') }], '/w/env.py'), false, 'a folder rule leaves a file of that name');
});

test('notebookCodeCells: code cells with their index over all cells; null cells and missing sources survive', () => {
  const nb = { cells: [null, { cell_type: 'markdown', source: ['# x'] }, { cell_type: 'code', source: ['a = 1\n', 'b = 2'] }, { cell_type: 'code', source: 'c = 3' }, { cell_type: 'code' }] };
  assert.deepEqual(notebookCodeCells(nb), [{ index: 2, source: 'a = 1\nb = 2' }, { index: 3, source: 'c = 3' }, { index: 4, source: '' }]);
  assert.equal(notebookCodeCells({ nbformat: 4 }), undefined);
  assert.equal(notebookCodeCells(null), undefined);
  assert.equal(notebookCodeCells('cells'), undefined);
});
