// The log of a model that another file defines: `self.actor = nets.PolicyNet(…)` (or `from nets
// import PolicyNet`) … `torch.log(self.actor(s).gather(1, a))`, with PolicyNet's forward in nets.py
// returning `F.softmax(…)`. patterns.ts leaves such a log with the class's name as written
// (LogOfCall.modelClass); here the import it goes through is resolved to a file of the set (the
// same ModuleIndex as the join's), that file's classes are read (what each forward returns, as
// cellClasses reads a notebook cell), and the activation use found there is what AL301/AL302 judge
// the log by. Plain data and the file's text in, no file system: `check` and the editor read files.
import { AnalysisCache } from '../python/cache';
import type { ActivationUse, Analysis, ImportBinding } from '../python/types';
import { localImports, starModules, type ModuleIndex } from './join';
import { LineIndex } from './lines';
import { cellClasses, type CellClass, type LogOfCall, type PatternMatch, type Span } from './patterns';

/**
 * A log's model as another file defines it: the class's name there, the activations its forward
 * returns (ids: `softmax`, `sigmoid`), and where (`nets.py:14`). Plain data: it crosses to the editor's findings worker.
 */
export interface ImportedModel { name: string; ids: readonly string[]; where: string }

/** The analysis' call uses (of modules when `module`: the call building the module) whose call spans `span` of `text`. */
export function usesAt(analysis: Analysis, text: string, span: Span, module: boolean): ActivationUse[] {
  const lines = new LineIndex(text);
  return analysis.uses.filter((u) => u.isCall && u.callRange && (u.kind === 'module') === module
    && lines.offset(u.callRange.line, u.callRange.column) === span.start && lines.offset(u.callRange.endLine, u.callRange.endColumn) === span.end);
}

/** A file's model classes by name: the activations each one's forward returns, and the line (0-based) it returns them on (only classes whose forward returns one). */
export type ModelReturns = ReadonlyMap<string, { ids: readonly string[]; line: number }>;

/** What the forward of each class a Python file defines at its top level returns, read from a parse of `text`. Never throws. */
export function modelReturnsOfText(text: string): ModelReturns {
  const out = new Map<string, { ids: string[]; line: number }>();
  if (!/\bclass\b/.test(text) || !text.includes('forward')) return out;
  const cache = new AnalysisCache(1, (forest, t) => cellClasses(forest, t), true, true);
  try {
    const analysis = cache.get('model', 1, text);
    const classes = (cache.visit('model') as CellClass[] | undefined) ?? [];
    const seen = new Set<string>();
    for (const c of classes) {
      // defined twice: which one a call builds is not read here
      if (seen.has(c.name)) { out.delete(c.name); continue; }
      seen.add(c.name);
      const uses = c.returned ? usesAt(analysis, text, c.returned, !!c.module) : [];
      if (uses.length) out.set(c.name, { ids: [...new Set(uses.map((u) => u.id))], line: uses[0]!.range.line });
    }
  } catch {
    /* unreadable: no models */
  } finally {
    cache.clear();
  }
  return out;
}

/**
 * The logs of `patterns` whose model class the file imports from a file of the set: per log, what
 * that class's forward returns there. `modelsOf`: a file's ModelReturns (read by the caller, who
 * keeps them); `where`: how a finding names a line of a file (`nets.py:14`).
 */
export function importedModels(
  file: string, patterns: readonly PatternMatch[], imports: readonly ImportBinding[], index: ModuleIndex,
  modelsOf: (module: string) => ModelReturns | undefined, where: (module: string, line: number) => string,
): Map<PatternMatch, ImportedModel> | undefined {
  let out: Map<PatternMatch, ImportedModel> | undefined;
  let locals: Map<string, string> | undefined;
  for (const m of patterns) {
    const name = m.kind === 'log' ? (m as LogOfCall).modelClass : undefined;
    if (!name) continue;
    locals ??= localImports(file, imports as ImportBinding[], index);
    const parts = name.split('.');
    const target = locals.get(parts[0]!);
    const at = target ? index.locate(file, target, parts.slice(1)) : null;
    if (!at) {
      // `from models import *`: a class one star-imported file of the set defines
      const starred = parts.length === 1 ? starredModels(file, imports, index, modelsOf, where).get(name) : undefined;
      if (starred) (out ??= new Map()).set(m, starred);
      continue;
    }
    const model = modelsOf(at.module)?.get(at.name);
    if (model) (out ??= new Map()).set(m, { name: at.name, ids: model.ids, where: where(at.module, model.line) });
  }
  return out;
}

/**
 * The model classes the file takes from files of the set it star-imports (`from models import *`),
 * by name: those that no import of the file binds by name and exactly one starred file defines.
 */
function starredModels(
  file: string, imports: readonly ImportBinding[], index: ModuleIndex,
  modelsOf: (module: string) => ModelReturns | undefined, where: (module: string, line: number) => string,
): Map<string, ImportedModel> {
  const out = new Map<string, ImportedModel>();
  const twice = new Set<string>();
  for (const m of starModules(file, imports as ImportBinding[], index)) {
    if (m === file) continue;
    for (const [name, r] of modelsOf(m) ?? []) {
      if (out.has(name)) twice.add(name);
      out.set(name, { name, ids: r.ids, where: where(m, r.line) });
    }
  }
  for (const name of twice) out.delete(name);
  for (const b of imports) out.delete(b.local);
  return out;
}

/**
 * The files of the set a file's imports may take model classes from: `from nets import PolicyNet`
 * (nets.py), `import nets` / `import rl.nets as N` (the module's own file). What the editor reads
 * before importedModelNames asks (its reads are asynchronous, the names are not).
 */
export function importedModules(file: string, imports: readonly ImportBinding[], index: ModuleIndex): string[] {
  const out = new Set<string>();
  for (const target of localImports(file, imports as ImportBinding[], index).values()) {
    const at = index.locate(file, target, []);
    if (at) out.add(at.module);
    const m = index.moduleFileOf(file, target);
    if (m && m !== file) out.add(m);
  }
  for (const m of starModules(file, imports as ImportBinding[], index)) if (m !== file) out.add(m);
  return [...out];
}

/**
 * Every name the file may build another file's model class by, as written (`Policy` for
 * `from nets import PolicyNet as Policy`, `nets.PolicyNet` for `import nets`), with what that
 * class's forward returns: for readers that hand it on as plain data (the editor's findings worker).
 */
export function importedModelNames(
  file: string, imports: readonly ImportBinding[], index: ModuleIndex,
  modelsOf: (module: string) => ModelReturns | undefined, where: (module: string, line: number) => string,
): Map<string, ImportedModel> {
  const out = new Map<string, ImportedModel>();
  for (const [local, target] of localImports(file, imports as ImportBinding[], index)) {
    const at = index.locate(file, target, []);
    const model = at ? modelsOf(at.module)?.get(at.name) : undefined;
    if (at && model) out.set(local, { name: at.name, ids: model.ids, where: where(at.module, model.line) });
    const m = index.moduleFileOf(file, target);
    if (!m || m === file) continue;
    for (const [name, r] of modelsOf(m) ?? []) out.set(`${local}.${name}`, { name, ids: r.ids, where: where(m, r.line) });
  }
  for (const [name, model] of starredModels(file, imports, index, modelsOf, where)) if (!out.has(name)) out.set(name, model);
  return out;
}

/** The logs of `patterns` whose model class is one of `named` (importedModelNames). */
export function modelsByName(patterns: readonly PatternMatch[], named: ReadonlyMap<string, ImportedModel>): Map<PatternMatch, ImportedModel> | undefined {
  let out: Map<PatternMatch, ImportedModel> | undefined;
  for (const m of patterns) {
    const name = m.kind === 'log' ? (m as LogOfCall).modelClass : undefined;
    const model = name ? named.get(name) : undefined;
    if (model) (out ??= new Map()).set(m, model);
  }
  return out;
}
