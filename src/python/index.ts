// Reading Python: a real parser (tree-sitter), the import table, the activation call sites with
// their literal arguments, the layer role and the loss. Pure functions of source text → plain data.
export type { ActivationUse, Analysis, ImportBinding, LossUse, LiteralValue, Role, SourceRange } from './types';
export { initPython, isPythonReady, MAX_PARSE_CHARS, type PythonWasm } from './parser';
export { analyzePython, analyzeNotebook, useAt } from './analysis';
export { AnalysisCache } from './cache';
export { MAX_LITERAL_CHARS } from './literals';
