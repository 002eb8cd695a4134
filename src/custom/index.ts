// User-defined activations: found in the parse tree (find.ts), evaluated by the interpreter on the
// engine (evaluate.ts), compared with the catalog (equivalence.ts). Never runs the user's code.
export * from './types';
export { findCustom, findCustomNotebook, literal, type CustomFile, type FoundDefinition } from './find';
export { evaluateDefinition, CUSTOM_BUDGET, type EvalRequest, type EvalResult, type EvalOutcome } from './evaluate';
export { matchCatalog, numbersOf, COMPARE_RANGE, COMPARE_POINTS, CLOSE_RANGE, EQUAL_REL, CLOSE_REL } from './equivalence';
export { reportDefinition, type CustomReport } from './report';
export { formulaLines } from './formula';
export { customAt, definitionCovering, contains as rangeContains, type CustomHit } from './lookup';
export type { CustomUse } from './find';
export { equivalenceFinding, functionalCall, AL601, type CustomFinding, type CustomFix, type CustomTextEdit } from './finding';
export { rolesOfUses, adviseCustom, judgeUses, usesOf, type UseRole } from './roles';
export { measureShape } from './shape';
export { LazyCustomFile } from './lazyFile';
export { findCustomPartially, sketchClassesFirst, type PartialCustomFile } from './partialFile';
export { cannotBuildWithoutArguments } from './unbuildable';
