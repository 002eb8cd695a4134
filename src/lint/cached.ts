// Linting through the AnalysisCache the hover uses: the same analysis object per document
// version, and the AL3xx patterns read from the tree that version was parsed into (the cache's
// visitor), so a document is parsed once whether it is hovered, linted, or both.
import { english, type Translate } from '../i18n';
import { AnalysisCache, lossNamesOf, type TreeVisitor } from '../python';
import type { ImportBinding } from '../python/types';
import { adoptVersion } from '../python/versions';
import { lint, type LintOptions } from './lint';
import { findPatterns, type PatternMatch } from './patterns';
import type { Finding } from './types';
import type { ExternalLosses } from './external';

export const patternVisitor: TreeVisitor = (forest, text) => {
  // AL601's lowering and the autograd follower read this version's whole tree from
  // src/python/versions.ts: handing it over saves them a parse of their own.
  const whole = forest.wholeTree;
  if (whole) adoptVersion(text, whole);
  return findPatterns(forest, text);
};

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

const patternsOf = (v: unknown): PatternMatch[] => (Array.isArray(v) ? (v as PatternMatch[]) : []);

/** `external`: losses other files feed this file's models into (external.ts). */
export function lintCachedFile(cache: AnalysisCache, key: string, version: number, text: string, options: LintOptions = {}, t: Translate = english, external?: ExternalLosses): Finding[] {
  const analysis = cache.get(key, version, text);
  return lint({ text, analysis, fileLosses: lossNamesOf(analysis), patterns: patternsOf(cache.visit(key)), external }, options, t);
}

/** Findings per code cell (positions within the cell), imports of earlier cells counting in later ones. */
export function lintCachedNotebook(cache: AnalysisCache, key: string, version: number, cells: string[], options: LintOptions = {}, t: Translate = english): Finding[][] {
  const analyses = cache.getNotebook(key, version, cells);
  const visited = cache.visitNotebook(key) ?? [];
  const fileLosses = [...new Set(analyses.flatMap((a) => a.losses.map((l) => l.name)))];
  const imports: ImportBinding[] = [];
  return analyses.map((analysis, i) => {
    imports.push(...analysis.imports);
    return lint({ text: cells[i] ?? '', analysis, fileLosses, imports: [...imports], patterns: patternsOf(visited[i]), previousCells: cells.slice(0, i), laterCells: cells.slice(i + 1) }, options, t);
  });
}
