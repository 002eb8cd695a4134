// Findings as plain data: what the Problems panel, the CLI and the hover's codes are made of.
// Layers below src/vscode build them; nothing here knows about VS Code.
import type { SourceRange } from '../python/types';

export type FindingSeverity = 'error' | 'warning' | 'info' | 'hint';
/** 0-based, UTF-16 columns. */
export interface TextEdit { range: SourceRange; text: string }
export interface Fix {
  applicability: 'safe' | 'unsafe';
  title: string;
  edits: TextEdit[];
  /** Offered as a quick fix in the editor only: `check --fix` never applies it (the user must choose, e.g. which dim). */
  editorOnly?: boolean;
}
/** Another place the finding is about (the loss in the file that trains the model): `file` as the reader of findings named it. */
export interface RelatedPlace { file: string; range: SourceRange; cell?: number; message: string }
export interface Finding { code: string; severity: FindingSeverity; message: string; range: SourceRange; fixes: Fix[]; related?: RelatedPlace[] }
