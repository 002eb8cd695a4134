// What a rule sees of one document (a file, or one notebook cell in the context of the cells before it).
import type { Translate } from '../i18n';
import type { ActivationUse, Analysis, ImportBinding } from '../python/types';
import type { LineIndex } from './lines';
import type { PatternMatch } from './patterns';
import type { ImportedModel } from './importedModels';

export interface DocContext {
  lines: LineIndex;
  analysis: Analysis;
  /** The bindings visible here: the file's, or those of this cell and the cells before it. */
  imports: ImportBinding[];
  /** The AL3xx candidates read from the document's tree (patterns.ts). */
  patterns: PatternMatch[];
  /** For a notebook cell: the code cells before it, in order (rules that follow values across cells read them). */
  previousCells?: readonly string[];
  /** For a notebook cell: the code cells after it (where a model defined here is trained). */
  laterCells?: readonly string[];
  /** For a notebook cell: the activation uses of earlier cells a log pattern's name holds (cached.ts earlierUses). */
  earlier?: ReadonlyMap<PatternMatch, readonly ActivationUse[]>;
  /** A log's model class defined in another file: what its forward returns there (importedModels.ts). */
  imported?: ReadonlyMap<PatternMatch, ImportedModel>;
  t: Translate;
}
