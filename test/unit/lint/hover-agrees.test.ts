// One rule table (issue 15): for every activation use of the corpus, the codes the hover shows,
// the codes the side panel lists and the findings the Problems panel / `check` report at that use
// are the same, with the same weight (a hover warning is a Problems warning or error). Also on
// rows where they used to part: a softmax as a loss's target, a log taken of a softmax, a class
// reference, a sigmoid outside any model. And at the uses of the file's own activations (the
// custom hover: a definition equal to a built-in gets its rows, any other the rows its shape maps
// to), where a built-in inside such a definition is part of it.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPython } from '../python/setup';
import { advise, adviceUseOf, RULES as ADVICE } from '../../../src/advice';
import { renderHover } from '../../../src/render/hoverMarkdown';
import { AnalysisCache, lossNamesOf, type ActivationUse, type Analysis } from '../../../src/python';
import { lint, findPatterns, RULE_BY_CODE, type Finding } from '../../../src/lint';
import { definitionCovering, evaluateDefinition, findCustom, findCustomNotebook, reportDefinition, rolesOfUses, usesOf, type CustomFile } from '../../../src/custom';
import { customSideContent, renderCustomHover } from '../../../src/render/customHover';
import type { SourceRange } from '../../../src/python/types';
import { lintCells } from './helpers';

before(loadPython);

const CORPUS = 'test/corpus';
const notebookCells = (text: string): string[] => (JSON.parse(text) as { cells: Array<{ cell_type: string; source: string | string[] }> }).cells
  .filter((c) => c.cell_type === 'code').map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source));
const HEAD = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n';

const EXTRA: Array<[string, string]> = [
  ['softmax target through a variable', `${HEAD}def kd(s, t, T=2.0):\n    q = F.softmax(t / T, dim=1)\n    return F.kl_div(F.log_softmax(s / T, dim=1), q, reduction="batchmean")\n`],
  ['softmax target of a KLDivLoss object', `${HEAD}kl = nn.KLDivLoss(reduction="batchmean")\n\ndef kd(s, t):\n    return kl(F.log_softmax(s, dim=1), target=F.softmax(t, dim=1))\n`],
  ['log of softmax into NLLLoss', `${HEAD}def step(logits, y):\n    return F.nll_loss(torch.log(F.softmax(logits, dim=1)), y)\n`],
  ['.log() of softmax into KLDivLoss', `${HEAD}def kd(s, t):\n    return F.kl_div(s.softmax(dim=1).log(), t.softmax(dim=1), reduction="batchmean")\n`],
  ['softmax class reference', `${HEAD}def make(act=nn.Softmax):\n    return act(dim=1)\n`],
  ['sigmoid outside a model', `${HEAD}p = torch.sigmoid(torch.randn(4))\nhit = p > 0.5\n`],
  ['hidden sigmoid', `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.a = nn.Linear(4, 8)\n        self.b = nn.Linear(8, 1)\n\n    def forward(self, x):\n        return self.b(torch.sigmoid(self.a(x)))\n\n\nnet = Net()\nloss = F.mse_loss(net(torch.randn(2, 4)), torch.randn(2, 1))\n`],
];

const hoverCodes = (u: ActivationUse, fileLosses: string[]) => {
  const md = renderHover({ use: u, fileLosses, theme: 'light' })?.markdown ?? '';
  // Each advice line: its icon, then its code.
  return [...md.matchAll(/\$\((warning|lightbulb)\) `(AL\d{3})`/g)].map((m) => `${m[2]} ${m[1] === 'warning' ? 'warning' : 'note'}`).sort();
};
const sideCodes = (u: ActivationUse, fileLosses: string[]) =>
  advise({ use: adviceUseOf(u), fileLosses }).filter((f) => f.code).map((f) => `${f.code} ${f.severity === 'warning' ? 'warning' : 'note'}`).sort();
const weight = (f: Finding) => (f.severity === 'error' || f.severity === 'warning' ? 'warning' : 'note');

/** Findings of the per-use rules (not the AL3xx/AL5xx/AL601 document patterns) at this position. */
function lintCodesAt(findings: Finding[], r: SourceRange): string[] {
  return findings.filter((f) => !RULE_BY_CODE.get(f.code)?.check && f.range.line === r.line && f.range.column === r.column)
    .map((f) => `${f.code} ${weight(f)}`).sort();
}
const lintCodes = (findings: Finding[], u: ActivationUse) => lintCodesAt(findings, u.range);

/**
 * Inside a definition the engine evaluates, the editor shows the definition's hover, not the
 * built-in's (src/vscode/customHover.ts decides it so): the built-in there has no role of its own,
 * and Problems keeps only what its spelling says.
 */
function insideCustom(file: CustomFile | null, cell: number | undefined, u: ActivationUse): boolean {
  const d = file && definitionCovering(file, u.range.line, u.range.column, cell);
  return !!d && evaluateDefinition(file, d, { points: 9 }).ok;
}

const stats = { custom: 0, customCoded: 0, inner: 0 };

function compare(name: string, analysis: Analysis, findings: Finding[], fileLosses: string[], file: CustomFile | null = null, cell?: number): number {
  for (const u of analysis.uses) {
    const at = `${name} line ${u.range.line + 1} ${u.spelling}`;
    const hover = hoverCodes(u, fileLosses);
    assert.deepEqual(sideCodes(u, fileLosses), hover, `${at}: side panel vs hover`);
    if (insideCustom(file, cell, u)) {
      stats.inner++;
      const own = sideCodes({ ...u, role: null, loss: null }, fileLosses);
      assert.ok(own.every((c) => hover.includes(c)), `${at}: ${own} beyond ${hover}`);
      assert.deepEqual(lintCodes(findings, u), own, `${at}: Problems inside a hand-written activation`);
    } else assert.deepEqual(lintCodes(findings, u), hover, `${at}: Problems vs hover`);
  }
  return analysis.uses.length;
}

/** Every use of the file's own activations: the custom hover's codes, the side panel's and Problems' at that use. */
function compareCustom(name: string, file: CustomFile, findingsOf: (cell: number) => Finding[]): void {
  for (const d of file.definitions) {
    const report = reportDefinition(file, d);
    for (const use of usesOf(file, d)) {
      const at = `${name} ${d.name} used at cell ${use.cell ?? 0} line ${use.range.line + 1}`;
      const roles = report.evaluable ? rolesOfUses(file, d, use) : [];
      const md = renderCustomHover({ report, series: null, at: 'use', theme: 'light', roles }).markdown;
      const hover = [...md.matchAll(/\$\((warning|lightbulb)\) `(AL\d{3})`/g)].map((m) => `${m[2]} ${m[1] === 'warning' ? 'warning' : 'note'}`).sort();
      const side = customSideContent(report, use.range.line, undefined, roles).advice.map((a) => /^(AL\d{3}) \u00b7 /.exec(a)?.[1]).filter(Boolean).sort();
      assert.deepEqual(side, hover.map((h) => h.split(' ')[0]), `${at}: side panel vs hover`);
      assert.deepEqual(lintCodesAt(findingsOf(use.cell ?? 0), use.range), hover, `${at}: Problems vs hover`);
      stats.custom++;
      if (hover.length) stats.customCoded++;
    }
  }
}

const ALL = { showHints: true, noqa: false } as const;

function checkFile(name: string, text: string): number {
  const cache = new AnalysisCache(2, (forest, src) => findPatterns(forest, src));
  const analysis = cache.get('a.py', 1, text);
  const findings = lint({ text, analysis, fileLosses: lossNamesOf(analysis), patterns: cache.visit('a.py') as never }, ALL);
  const file = findCustom(text);
  compareCustom(name, file, () => findings);
  return compare(name, analysis, findings, lossNamesOf(analysis), file);
}

test('hover, side panel and Problems give the same codes with the same weight on every use of the corpus', () => {
  let uses = 0;
  let coded = 0;
  for (const f of readdirSync(CORPUS).sort()) {
    const text = readFileSync(join(CORPUS, f), 'utf8');
    if (f.endsWith('.py')) {
      uses += checkFile(f, text);
      const a = new AnalysisCache().get('b.py', 1, text);
      coded += a.uses.filter((u) => hoverCodes(u, lossNamesOf(a)).length > 0).length;
    } else if (f.endsWith('.ipynb')) {
      const cells = notebookCells(text);
      const analyses = new AnalysisCache().getNotebook('n.ipynb', 1, cells);
      const fileLosses = [...new Set(analyses.flatMap((a) => a.losses.map((l) => l.name)))];
      const findings = lintCells(cells, ALL);
      const file = findCustomNotebook(cells);
      compareCustom(f, file, (i) => findings[i] ?? []);
      analyses.forEach((a, i) => { uses += compare(`${f} cell ${i + 1}`, a, findings[i] ?? [], fileLosses, file, i); });
    }
  }
  assert.ok(uses >= 120, `only ${uses} uses compared`);
  assert.ok(coded >= 10, `only ${coded} uses with a code: the comparison would prove little`);
  // the user's own activations: at outputs before losses, in hidden layers, in notebooks (corpus 51, 52, …)
  assert.ok(stats.custom >= 12, `only ${stats.custom} uses of custom activations compared`);
  assert.ok(stats.customCoded >= 6, `only ${stats.customCoded} custom uses with a code`);
  assert.ok(stats.inner >= 3, `only ${stats.inner} built-ins inside hand-written activations`);
});

test('…and on the rows where they used to part', () => {
  for (const [name, src] of EXTRA) checkFile(name, src);
  const uses = (src: string) => new AnalysisCache().get('c.py', 1, src).uses;
  const [target] = uses(EXTRA[0]![1]).filter((u) => u.id === 'softmax');
  assert.equal(target!.loss, null, 'a softmax written as kl_div\'s target has no loss of its own');
  const logged = uses(EXTRA[2]![1]).find((u) => u.id === 'softmax')!;
  assert.equal(logged.logTaken, true);
  assert.deepEqual(hoverCodes(logged, ['nll_loss']), [], 'no AL102 where the log is taken (AL301 says what to do)');
  const hidden = uses(EXTRA[6]![1]).find((u) => u.id === 'sigmoid')!;
  assert.deepEqual(hoverCodes(hidden, []), ['AL401 note']);
  const free = uses(EXTRA[5]![1]).find((u) => u.id === 'sigmoid')!;
  assert.deepEqual(hoverCodes(free, []), [], 'outside a model the sigmoid advice is not AL401');
});

test('every coded advice rule has the weight of its row in the lint table', () => {
  for (const r of ADVICE) {
    if (!r.code || typeof r.severity === 'function') continue;
    const lintSeverity = RULE_BY_CODE.get(r.code)!.severity;
    assert.equal(r.severity === 'warning', lintSeverity === 'warning' || lintSeverity === 'error', r.code);
  }
});
