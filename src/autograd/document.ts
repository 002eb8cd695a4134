// A Python file or a notebook's code cells → their autograd spellings. Each text is parsed once
// per version (the tree kept by src/python/versions.ts, shared with AL601): nothing from
// tree-sitter escapes this module.
import type { Node } from 'web-tree-sitter';
import { Forest } from '../python/forest';
import { newImportEnv, readImports, type ImportEnv } from '../python/imports';
import { parsableText } from '../python/parser';
import { withKeptTree } from '../python/versions';
import { findAutogradSpellings, type AutogradSpelling } from './spellings';

/** Whether the text could hold a spelling at all: most Python files never say `grad`. */
export function mentionsAutograd(source: string): boolean {
  return /grad|backward|is_leaf|detach/.test(source);
}

/**
 * Parses `source` (imports read into `env`, so a notebook's earlier cells count), hands the tree
 * to `visit`, frees it. A text that cannot be parsed (binary, abandoned) gives `fallback`.
 */
export function withTree<T>(source: string, env: ImportEnv, fallback: T, visit: (root: Node, text: string) => T): T {
  return withTreeLazily(source, fallback, (root, text, imports) => {
    imports(env);
    return visit(root, text);
  });
}

/**
 * As withTree, the imports read into an env only when `visit` calls `imports` (while the tree
 * lives): the findings need them only where the follower saw PyTorch raise or warn.
 */
export function withTreeLazily<T>(source: string, fallback: T, visit: (root: Node, text: string, imports: (env: ImportEnv) => void) => T): T {
  const { text, binary } = parsableText(source);
  if (binary) return fallback;
  // The version's one parse, shared with AL601 (src/python/versions.ts); the forest owns a copy.
  return withKeptTree(text, fallback, (root, tree) => visit(root, text, (env) => {
    const forest = Forest.whole(tree.copy(), text);
    try {
      readImports(forest, text, env);
    } finally {
      forest.delete();
    }
  }));
}

export function autogradSpellingsOf(source: string): AutogradSpelling[] {
  if (!mentionsAutograd(source)) return [];
  const env = newImportEnv();
  return withTree(source, env, [], (root, text) => findAutogradSpellings(root, text, env.torch));
}

/** One list per cell; an import in an earlier cell counts in later ones. */
export function autogradSpellingsOfNotebook(cells: readonly string[]): AutogradSpelling[][] {
  const env = newImportEnv(true);
  return cells.map((cell) => withTree(cell, env, [], (root, text) => (mentionsAutograd(text) ? findAutogradSpellings(root, text, env.torch) : [])));
}
