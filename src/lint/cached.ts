// Linting through the AnalysisCache the hover uses: the same analysis object per document
// version, and the AL3xx patterns read from the tree that version was parsed into (the cache's
// visitor), so a document is parsed once whether it is hovered, linted, or both.
import { english, type Translate } from '../i18n';
import { AnalysisCache, lossNamesOf, type TreeVisitor } from '../python';
import type { ImportBinding } from '../python/types';
import { adoptVersion } from '../python/versions';
import { lint, type LintOptions } from './lint';
import { cellClasses, cellTail, findPatterns, touchedIn, type CellClass, type CellTail, type LogOfCall, type PatternMatch } from './patterns';
import type { ActivationUse, Analysis } from '../python/types';
import type { Finding } from './types';
import type { ExternalLosses } from './external';
import { usesAt, type ImportedModel } from './importedModels';

/**
 * Resolves the logs of models whose class the document imports from another file (importedModels.ts):
 * given by a reader that can read those files (`check`, the editor), else nothing is looked up.
 */
export type ModelResolver = (patterns: readonly PatternMatch[], imports: readonly ImportBinding[]) => ReadonlyMap<PatternMatch, ImportedModel> | undefined;

export const patternVisitor: TreeVisitor = (forest, text, cell) => {
  // AL601's lowering and the autograd follower read this version's whole tree from
  // src/python/versions.ts: handing it over saves them a parse of their own.
  const whole = forest.wholeTree;
  if (whole) adoptVersion(text, whole);
  const patterns = findPatterns(forest, text);
  // A notebook cell's last statements: a log in a later cell may read a name they bind; and its
  // classes: a log in a later cell may take that of what an instance's forward returns. A `.py`
  // file has no later cell: neither is read (the tail's binders were ~6% of `check` on 120 files).
  if (cell === undefined) return { patterns } satisfies Visited;
  return { patterns, tail: cellTail(forest, text), classes: cellClasses(forest, text) } satisfies Visited;
};

interface Visited { patterns: PatternMatch[]; tail?: CellTail; classes?: CellClass[] }

/** A cache whose trees the lint's patterns are read from. */
export function lintingCache(capacity = 16): AnalysisCache {
  return new AnalysisCache(capacity, patternVisitor);
}

/**
 * The cache of a reader of findings only (the findings worker, `check`): findings read every run
 * of a file and AL601 and the autograd follower its whole tree, so each version is parsed whole,
 * once (incrementally from the last), and that tree serves them all. A hover's cache (lintingCache)
 * parses runs on demand instead. `oneVersion`: each file is read at one version (see AnalysisCache).
 */
export function findingsCache(capacity = 16, oneVersion = false): AnalysisCache {
  return new AnalysisCache(capacity, patternVisitor, true, oneVersion);
}

const patternsOf = (v: unknown): PatternMatch[] => (Array.isArray(v) ? (v as PatternMatch[]) : Array.isArray((v as Visited | undefined)?.patterns) ? (v as Visited).patterns : []);
const tailOf = (v: unknown): CellTail | undefined => (v as Visited | undefined)?.tail;

/**
 * For each log at the top of cell `i` whose name no statement before it in the cell binds
 * (patterns.ts `earlier`): the activation use the same name was last given in the cells before,
 * read off their last statements as boundCall reads a block (a plain assignment within the same
 * window of statements, nothing between binding it again or changing it in place), and matched
 * to that cell's analysis. `sm = nn.Softmax(dim=1)` in one cell, `torch.log(sm(x))` in the next.
 */
function earlierUses(i: number, patterns: PatternMatch[], cells: string[], analyses: Analysis[], visited: unknown[]): Map<PatternMatch, ActivationUse[]> | undefined {
  let out: Map<PatternMatch, ActivationUse[]> | undefined;
  for (const m of patterns) {
    const model = m.kind === 'log' ? (m as LogOfCall).modelClass : undefined;
    if (model) {
      // the class the instance is built from, as the cells before define it last
      for (let j = i - 1; j >= 0; j--) {
        const cls = (visited[j] as Visited | undefined)?.classes?.find((k) => k.name === model);
        if (!cls) continue;
        const uses = cls.returned && analyses[j] ? usesAt(analyses[j]!, cells[j] ?? '', cls.returned, !!cls.module) : [];
        if (uses.length) (out ??= new Map()).set(m, uses);
        break;
      }
      continue;
    }
    const e = m.kind === 'log' ? (m as LogOfCall).earlier : undefined;
    if (!e) continue;
    const touched = touchedIn(e.name);
    let window = e.window;
    let found: { cell: number; value: { start: number; end: number } } | null = null;
    search: for (let j = i - 1; j >= 0 && window > 0; j--) {
      const tail = tailOf(visited[j]);
      if (!tail) break;
      for (const s of tail.statements) {
        if (window-- <= 0) break search;
        if (s.assign?.name === e.name) {
          if (s.assign.call) found = { cell: j, value: s.assign.value };
          break search;
        }
        if (s.binds.includes(e.name) || !s.text || touched.test(s.text)) break search;
      }
      if (!tail.complete) break;
    }
    if (!found) continue;
    const uses = analyses[found.cell] ? usesAt(analyses[found.cell]!, cells[found.cell] ?? '', found.value, e.module) : [];
    if (uses.length) (out ??= new Map()).set(m, uses);
  }
  return out;
}

/** `external`: losses other files feed this file's models into (external.ts); `models`: see ModelResolver. */
export function lintCachedFile(cache: AnalysisCache, key: string, version: number, text: string, options: LintOptions = {}, t: Translate = english, external?: ExternalLosses, models?: ModelResolver): Finding[] {
  const analysis = cache.get(key, version, text);
  const patterns = patternsOf(cache.visit(key));
  const imported = models ? models(patterns, analysis.imports) : undefined;
  return lint({ text, analysis, fileLosses: lossNamesOf(analysis), patterns, external, ...(imported ? { imported } : {}) }, options, t);
}

/** Findings per code cell (positions within the cell), imports of earlier cells counting in later ones. */
export function lintCachedNotebook(cache: AnalysisCache, key: string, version: number, cells: string[], options: LintOptions = {}, t: Translate = english, models?: ModelResolver): Finding[][] {
  const analyses = cache.getNotebook(key, version, cells);
  const visited = cache.visitNotebook(key) ?? [];
  const fileLosses = [...new Set(analyses.flatMap((a) => a.losses.map((l) => l.name)))];
  const imports: ImportBinding[] = [];
  return analyses.map((analysis, i) => {
    imports.push(...analysis.imports);
    const patterns = patternsOf(visited[i]);
    const earlier = earlierUses(i, patterns, cells, analyses, visited);
    // a model class no earlier cell defines may be one the notebook imports from a file beside it
    const imported = models ? models(patterns.filter((m) => m.kind === 'log' && (m as LogOfCall).modelClass && !earlier?.has(m)), imports) : undefined;
    return lint({ text: cells[i] ?? '', analysis, fileLosses, imports: [...imports], patterns, earlier, ...(imported ? { imported } : {}), previousCells: cells.slice(0, i), laterCells: cells.slice(i + 1) }, options, t);
  });
}
