// The findings of a document computed off the editor's thread. A whole lint of a large file (its
// every use followed through the flow, the AL5xx follower, the AL601 definitions evaluated) takes
// hundreds of milliseconds at a time, none of which can be interrupted: on the extension host's
// only thread a hover arriving meanwhile waited for all of it. Here it runs in a worker (a
// worker_threads thread on desktop, a Web Worker in the browser host) with its own parser and
// AnalysisCache: one analysis per document version for the findings, the same code as in-process,
// so the same findings. Transport-free: worker.ts wires it to the port of either host.
import { english, type Translate } from '../i18n';
import { initPython } from '../python';
import type { PythonWasm } from '../python';
import { findingsCache, lintCachedFile, lintCachedNotebook } from './cached';
import type { LintOptions } from './lint';
import type { Finding } from './types';
import type { ExternalLoss } from './external';
import { starTorchFrom, withStarTorch, type StarTorchEntries } from '../python/imports';
import { ModuleIndex, type FileLinks } from './join';
import { linksOfSource, type LinkSource } from './linksOf';
import { modelsByName, type ImportedModel } from './importedModels';

/** The files a links request resolves imports among: sent once per key (a workspace listing), then named by its key. */
export interface LinkIndex { key: string; files?: string[]; roots: string[] }

export type LintWorkerCommand =
  | { cmd: 'init'; wasm: PythonWasm }
  /** A file's findings (`findings` answers with one list) or a notebook's (one list per code cell). */
  | { cmd: 'lint'; id: number; key: string; version: number; text?: string; cells?: string[]; options: LintOptions; l10n?: Record<string, string>; external?: Array<[string, ExternalLoss[]]>; models?: Array<[string, ImportedModel]>; stars?: StarTorchEntries }
  | { cmd: 'forget'; key: string }
  /** A file's links for the editor's look through the workspace (src/lint/linksOf.ts). */
  | { cmd: 'links'; id: number; path: string; source: LinkSource; index: LinkIndex };

export type LintWorkerEvent =
  | { type: 'findings'; id: number; file?: Finding[]; cells?: Finding[][] }
  | { type: 'links'; id: number; links: FileLinks | null }
  | { type: 'error'; id: number; message: string };

/**
 * vscode.l10n.t for a worker, which cannot reach the vscode API: the host's loaded bundle (English
 * source string → translation) with the same `{0}` placeholders; English where a key is missing.
 */
export function bundleTranslate(bundle: Record<string, string> | undefined): Translate {
  if (!bundle) return english;
  return (message, ...args) => english(Object.prototype.hasOwnProperty.call(bundle, message) ? bundle[message]! : message, ...args);
}

export function createLintWorkerCore(post: (e: LintWorkerEvent) => void) {
  const cache = findingsCache(8);
  let ready: Promise<void> | undefined;
  let translate: { bundle: Record<string, string> | undefined; t: Translate } = { bundle: undefined, t: english };
  const tOf = (bundle: Record<string, string> | undefined): Translate => {
    if (translate.bundle !== bundle) translate = { bundle, t: bundleTranslate(bundle) };
    return translate.t;
  };
  // Requests are answered in order; the port delivers them while an earlier one waits on the parser.
  let queue: Promise<void> = Promise.resolve();
  let modules: { key: string; index: ModuleIndex } | undefined;

  return function handle(c: LintWorkerCommand): void {
    if (c.cmd === 'init') { ready ??= initPython(c.wasm, { warmUp: true }); return; }
    queue = queue.then(async () => {
      // In turn with the requests: an analysis a request before it is still to make is forgotten too
      // (a document read again with what its star imports give it: pythonAnalysis.ts setDocumentStars).
      if (c.cmd === 'forget') { cache.delete(c.key); return; }
      try {
        if (!ready) throw new Error('Activation Lens: the findings worker got no parser');
        await ready;
        if (c.cmd === 'links') {
          if (c.index.files) modules = { key: c.index.key, index: new ModuleIndex(c.index.files, c.index.roots) };
          if (modules?.key !== c.index.key) throw new Error('Activation Lens: the findings worker has no such file index');
          post({ type: 'links', id: c.id, links: linksOfSource(c.path, c.source, modules.index) ?? null });
          return;
        }
        const t = tOf(c.l10n);
        if (c.cells) post({ type: 'findings', id: c.id, cells: lintCachedNotebook(cache, c.key, c.version, c.cells, c.options, t) });
        else {
          const models = c.models?.length ? new Map(c.models) : undefined;
          post({ type: 'findings', id: c.id, file: withStarTorch(starTorchFrom(c.stars), () => lintCachedFile(cache, c.key, c.version, c.text ?? '', c.options, t, c.external ? new Map(c.external) : undefined, models && ((patterns) => modelsByName(patterns, models)))) });
        }
      } catch (e) {
        post({ type: 'error', id: c.id, message: String((e as Error)?.message ?? e) });
      }
    });
  };
}
