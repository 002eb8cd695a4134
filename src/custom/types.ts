// Plain data about the activations a file defines for itself: where they are, what parameters
// they take, whether the engine could evaluate them and what they equal. Serialisable (CLI, webview).
import type { SourceRange } from '../python/types';

export type CustomKind = 'function' | 'module' | 'lambda';
export type LiteralParam = number | string | boolean;

export interface CustomDefinition {
  name: string;
  kind: CustomKind;
  /** Notebook: index of the code cell holding it (ranges are within that cell). */
  cell?: number;
  /** The defined name (a def's or class's name, or the name a lambda is assigned to). */
  nameRange: SourceRange;
  /** The whole definition. */
  range: SourceRange;
  /** Literal defaults of the further parameters (a function's after x, a module's __init__'s). */
  params: Record<string, LiteralParam>;
}

export interface Equivalence {
  /** Catalog id. */
  id: string;
  /** The catalog's number and enum parameters, fitted. */
  params: Record<string, LiteralParam>;
  /** Largest |f − g| on the comparison range. */
  maxDiff: number;
  range: [number, number];
}

export interface CustomMatch {
  /** Agrees to 1e-6 relative on the whole comparison grid. */
  equivalent: Equivalence | null;
  /** Nearest catalog activation when none is equal, within the "close" bound. */
  close: Equivalence | null;
}
