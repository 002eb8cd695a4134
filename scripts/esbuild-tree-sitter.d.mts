// Types of the build-time patch of web-tree-sitter's glue (a plain .mjs module, shared with scripts/build.mjs).
import type { Plugin } from 'esbuild';
export declare const treeSitterGlue: Plugin;
