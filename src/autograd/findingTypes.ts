// Findings as plain data, structurally the contract's src/lint/types.ts (CONTRACTS.md): until the
// findings framework is on this branch, the autograd rules build these and the lint layer reads them.
import type { SourceRange } from '../python/types';

export type FindingSeverity = 'error' | 'warning' | 'info' | 'hint';
export interface TextEdit { range: SourceRange; text: string }
export interface Fix { applicability: 'safe' | 'unsafe'; title: string; edits: TextEdit[] }
export interface Finding { code: string; severity: FindingSeverity; message: string; range: SourceRange; fixes: Fix[] }
