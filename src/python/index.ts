// Reading Python: a real parser (tree-sitter), the import table, the activation call sites with
// their literal arguments, the layer role and the loss. Pure functions of source text → plain data.
//
//   await initPython({ treeSitter, python })   // wasm bytes from the caller: no fs, works in a browser worker
//   const a = analyzePython(text)              // or analyzeNotebook(cells) → one Analysis per cell
//   const use = useAt(a, line, column)          // 0-based, UTF-16 columns (VS Code's Position)
//   cache.get(uri, version, () => text)         // same version → same object; new version → incremental re-parse
//
// Never throws on what a file contains (half-typed, binary, huge); only initPython() not having
// finished is an error. Sources over MAX_PARSE_CHARS are read up to a line break (truncated: true).
export type { ActivationUse, Analysis, ImportBinding, LossUse, LiteralValue, Role, SourceRange } from './types';
export { isPythonReady, MAX_PARSE_CHARS, type PythonWasm } from './parser';
export { initPython, type InitOptions } from './init';
export { analyzePython, analyzeNotebook, useAt, lossNamesOf, warmUses, judgeUse } from './analysis';
export { AnalysisCache, type TreeVisitor } from './cache';
export { MAX_LITERAL_CHARS } from './literals';
export { judgeNames, type NameSpot, type NameVerdict } from './customRoles';
export { GATES } from './analyze';
