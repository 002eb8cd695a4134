// Losses named in other files, for the model a document defines: `check` (and the editor) find
// where another file feeds the instances of an imported class into a loss; lint() then judges
// the activation at that class's output as if the loss were in this file, naming where it is.
import { lossKind, PROBABILITY_OUT } from '../advice';
import type { Translate } from '../i18n';
import { callTakes, type CallArgs } from '../python/armTest';
import { outputEndsOf } from '../python/crossFile';
import { lossAssumed } from '../python/loss-attach';
import type { ActivationUse, SourceRange } from '../python/types';
import type { RelatedPlace } from './types';
import { ANY_NAME } from '../python/flow';

export interface ExternalLoss {
  /** As PyTorch names it: 'CrossEntropyLoss', 'nll_loss'. */
  loss: string;
  /** The file that names it, as findings show files (`train.py`). */
  file: string;
  /** The same file as its reader addresses it (the editor: a URI), when not `file`. */
  uri?: string;
  /** Where the loss is named in that file (0-based; for a notebook, within `cell`). */
  range: SourceRange;
  /** For a notebook: the code cell, 1-based over all cells. */
  cell?: number;
  /** The loss gets the log of the output (`torch.log(net(x))`). */
  logged: boolean;
  /** The imported name was called as a model it holds, not as a maker of one (flow.ts OutputEnd). */
  instance?: boolean;
  /** The loss gets this element of the tuple the model returns (flow.ts OutputEnd): it trains the end of that slot only. */
  slot?: number;
  /** A regression loss comparing the output with the model's own input (an autoencoder's reconstruction). */
  reconstruction?: boolean;
  /** A regression loss on an output another network also judges (a GAN generator's image). */
  generated?: boolean;
  /** A regression loss on the output scaled or shifted by constants (a range the code chose). */
  rescaled?: boolean;
  /** The loss gets the output normalized again by softmax or log_softmax (AL108). */
  again?: boolean;
  /** The loss gets some elements of the output, picked by an index (AL110). */
  picked?: boolean;
  /** The loss is what a call gives this parameter (position or keyword) of the name (join.ts Feed.param). */
  param?: number | string;
  /** The parameter's name, as the use's file writes it (set where a use's end matched `param`). */
  paramName?: string;
  /** What the call building the model gives its parameters (join.ts Feed.args). */
  args?: CallArgs;
}

/** Per name the document defines (a model class, a factory, a module-level model): the losses other files feed its output into. */
export type ExternalLosses = ReadonlyMap<string, readonly ExternalLoss[]>;

/** Every loss name other files feed this document's models into. */
export function externalLossNames(external: ExternalLosses | undefined): string[] {
  if (!external) return [];
  const names = new Set<string>();
  for (const list of external.values()) for (const e of list) names.add(e.loss);
  return [...names];
}

/**
 * The losses of other files the use's value reaches unchanged, one per loss name (the first
 * place each is named): only for a use whose own file names no loss for it.
 */
export function externalLossesOf(use: ActivationUse, external: ExternalLosses | undefined): ExternalLoss[] {
  // a loss of this file the use was only paired with (loss-attach.ts lossAssumed) gives way to one another file is followed into
  if (!external || (use.loss && !lossAssumed.has(use))) return [];
  const out: ExternalLoss[] = [];
  // (a loss fed to any name of the file, `getattr(models, args.arch)(…)` in another: flow.ts ANY_NAME)
  const any = external.get(ANY_NAME);
  for (const end of outputEndsOf(use)) {
    for (const e of any && !end.instance && !end.param ? [...(external.get(end.name) ?? []), ...any] : external.get(end.name) ?? []) {
      if (!!e.instance !== !!end.instance || e.slot !== end.slot) continue;
      if ((e.param === undefined) !== (end.param === undefined)) continue;
      if (end.param && e.param !== end.param.name && e.param !== end.param.index) continue;
      // built under branches on the maker's arguments: the ones this call takes (a literal decides; a value read at run time only where the branches agree)
      if (end.arms && !callTakes(end.arms, e.args)) continue;
      if (out.some((o) => o.loss === e.loss)) continue;
      let seen = end.param ? { ...e, paramName: end.param.name } : e;
      if (end.logged && !seen.logged) seen = { ...seen, logged: true };
      if (end.rescaled && !seen.rescaled) seen = { ...seen, rescaled: true };
      if (end.again && !seen.again) seen = { ...seen, again: true };
      out.push(seen);
    }
  }
  return out;
}

/** The use as judged with another file's loss: its model's output, into that loss, the log taken where either file takes it. */
export function withExternalLoss(use: ActivationUse, e: ExternalLoss): ActivationUse {
  // A use handed to a loss its caller passes (`loss_fn(soft_label, soft_out)` in a training function)
  // keeps the role its own file gives it, as when caller and function share a file: a softmax the
  // function applies to a model's output is no layer of that model (a distillation's soft targets).
  const out: ActivationUse = { ...use, role: e.paramName !== undefined ? use.role : 'output', loss: e.loss, lossRange: undefined, logTaken: use.logTaken || e.logged };
  if (e.reconstruction) out.reconstructs = true;
  if (e.generated) out.generates = true;
  if (e.rescaled) out.rescaled = true;
  if (e.again && PROBABILITY_OUT.has(use.id)) out.softmaxAgain = true;
  else if (e.again) out.normalizedAfter = true;
  if (e.picked) out.picked = true;
  return out;
}

const CLASSIFICATION = new Set(['cross_entropy', 'nll', 'bce', 'bce_logits', 'kl_div']);

/**
 * The external losses of one use as lint judges them: a regression loss is left out where another
 * file trains the same output with a classification loss (a smoke test's `F.mse_loss(out,
 * torch.zeros_like(out)).backward()` beside the real training); `conflicting` when the losses left
 * still expect different things (NLLLoss here, CrossEntropyLoss there): each finding stands, but
 * no fix can suit both.
 */
export function judgedExternal(list: readonly ExternalLoss[]): { losses: ExternalLoss[]; conflicting: boolean } {
  const kinds = list.map((e) => lossKind(e.loss));
  const classified = kinds.some((k) => k !== null && CLASSIFICATION.has(k));
  const losses = classified ? list.filter((_, i) => kinds[i] !== 'regression') : [...list];
  const expects = new Set(losses.map((e) => `${lossKind(e.loss)}:${e.logged ? 1 : 0}:${e.again ? 1 : 0}`));
  return { losses, conflicting: expects.size > 1 };
}

/** Where the loss is, as the message says it: `train.py:42`, or `train.ipynb, cell 3, line 2`. */
export function whereOf(e: ExternalLoss, t: Translate): string {
  return e.cell !== undefined ? t('{0}, cell {1}, line {2}', e.file, e.cell, e.range.line + 1) : `${e.file}:${e.range.line + 1}`;
}

/** The in-file message, and where the loss it speaks of is. */
export function externalMessage(message: string, e: ExternalLoss, t: Translate): string {
  if (e.paramName !== undefined) return `${message} ${t('It reaches {0} (named in {1}), given as the argument {2}.', e.loss, whereOf(e, t), e.paramName)}`;
  return `${message} ${t('The model\'s output reaches {0} in {1}.', e.loss, whereOf(e, t))}`;
}

/** The loss's place, for a finding's related information (SARIF relatedLocations, the editor's related information). */
export function externalPlace(e: ExternalLoss, t: Translate): RelatedPlace {
  return { file: e.uri ?? e.file, range: e.range, ...(e.cell !== undefined ? { cell: e.cell } : {}), message: t('{0} is named here: the model\'s output goes into it', e.loss) };
}
