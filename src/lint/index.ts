// Findings for PyTorch activations and losses: the rule table, lint(), fixes, `# noqa`, selection.
//
//   const findings = lint({ text, analysis, fileLosses, patterns }, { select, ignore }, t)
//   const { text: fixed } = fixAll(text, (t) => lint({...}), { unsafe: false, parses })
export type { Finding, FindingSeverity, Fix, TextEdit } from './types';
export { RULES, RULE_BY_CODE, type LintRule, type FixKind } from './rules';
export { lint, type LintInput, type LintOptions } from './lint';
export { applyFixes, fixAll, fixFor, type FixOptions, type FixResult } from './apply';
export { noqaOf, suppressed, withNoqa } from './noqa';
export { isEnabled, severityOf, unknownSelectors, type Selection } from './select';
export { findPatterns, type PatternMatch } from './patterns';
export { LineIndex } from './lines';
export { rulePageName, RULE_DOCS_BASE } from './docs';
export { findingsCache, lintingCache, lintCachedFile, lintCachedNotebook, patternVisitor } from './cached';
