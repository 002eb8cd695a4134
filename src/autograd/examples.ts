// The autograd view's examples: the article's snippet, softmax of its scores, a two-layer
// expression. Each is code the user can edit; the view evaluates it on the engine, never runs it.
// They live in examples.json so scripts/gen-autograd-fixtures.py runs the same code under PyTorch.
import examples from './examples.json';

export interface AutogradExample { id: string; title: string; code: string }

export const AUTOGRAD_EXAMPLES: readonly AutogradExample[] = examples;
