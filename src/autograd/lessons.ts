// The article's autograd lesson, one rule per spelling: what this spot does and the condition
// the article states for it. English source strings are the l10n keys (zh-cn in
// l10n/bundle.l10n.zh-cn.json); `t` is vscode.l10n.t in the extension, `english` elsewhere.
import type { Translate } from '../i18n';
import type { AutogradKind } from './spellings';

export interface Lesson {
  /** `backward()`, `requires_grad=True`, … as PyTorch spells it. */
  title: string;
  /** Paragraphs (markdown with inline code written by us; nothing from the user's file). */
  body: string[];
}

const TITLES: Record<AutogradKind, string> = {
  backward: '.backward()',
  requires_grad: 'requires_grad',
  requires_grad_: '.requires_grad_()',
  grad: '.grad',
  is_leaf: '.is_leaf',
  detach: '.detach()',
  retain_grad: '.retain_grad()',
  no_grad: 'torch.no_grad()',
  retain_graph: 'retain_graph=',
};

/** The three conditions of the article, quoted wherever a lesson depends on them. */
function conditions(t: Translate): string {
  return t('The article\'s three conditions for `backward()`: the tensor whose gradient you want is a leaf (created, not computed from other tensors); it was created with `requires_grad=True`; and every tensor computed from it requires grad too, so the gradient can flow through the whole graph.');
}

export function lessonFor(kind: AutogradKind, t: Translate): Lesson {
  const title = TITLES[kind];
  switch (kind) {
    case 'backward':
      return {
        title,
        body: [
          t('Computes the gradient of this value with respect to every leaf tensor behind it that requires grad, and adds it into their `.grad`. Not only for losses: any value computed from such tensors can be differentiated.'),
          t('Without an argument the value must be a scalar (one element). That is why the article writes `F.tanh(x).sum().backward()`: the derivative of the sum with respect to each x[i] is tanh′(x[i]), so `x.grad` holds the derivative at every point.'),
          conditions(t),
          t('The graph is freed after the call: a second `backward()` through it needs `retain_graph=True`.'),
        ],
      };
    case 'requires_grad':
      return {
        title,
        body: [
          t('Tells autograd to record every operation on this tensor, so that `backward()` can fill its `.grad`. Only floating-point (and complex) tensors can require grad: write `1.` rather than `1`, or pass a float `dtype`.'),
          conditions(t),
        ],
      };
    case 'requires_grad_':
      return {
        title,
        body: [
          t('Turns `requires_grad` on in place and returns the same tensor. Call it on a leaf you created (a computed tensor already requires grad when its inputs do); only floating-point tensors can require grad.'),
          conditions(t),
        ],
      };
    case 'grad':
      return {
        title,
        body: [
          t('The gradient `backward()` computed for this tensor: None until then, and added to (not replaced) by every further `backward()`, so zero it between steps.'),
          t('Only leaves that require grad get it. On a computed (non-leaf) tensor PyTorch warns and gives None, unless `.retain_grad()` was called on it before `backward()`.'),
        ],
      };
    case 'is_leaf':
      return {
        title,
        body: [
          t('True for tensors you created (and for every tensor that does not require grad); False for results of operations on tensors that require grad. `backward()` fills `.grad` of leaves only.'),
        ],
      };
    case 'detach':
      return {
        title,
        body: [
          t('The same values, cut out of the graph: the result shares the data but does not require grad and has no `grad_fn`. The article plots `x.detach()` because NumPy and matplotlib cannot read a tensor that requires grad (`Can\'t call numpy() on Tensor that requires grad`).'),
        ],
      };
    case 'retain_grad':
      return {
        title,
        body: [
          t('Asks `backward()` to keep this computed (non-leaf) tensor\'s gradient in its `.grad`. Call it before `backward()`; on a leaf it changes nothing.'),
        ],
      };
    case 'no_grad':
      return {
        title,
        body: [
          t('Inside this block autograd records nothing: results do not require grad and have no `grad_fn`, so `backward()` cannot reach through them. Use it to update weights in place (`w -= lr * w.grad`) and to evaluate a model.'),
        ],
      };
    case 'retain_graph':
      return {
        title,
        body: [
          t('Keeps the graph\'s saved values after `backward()` so that `backward()` can run through the same graph again. Without it a second call fails (`Trying to backward through the graph a second time`). The gradients of both calls add up in `.grad`.'),
        ],
      };
  }
}
