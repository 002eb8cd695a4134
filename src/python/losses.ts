// PyTorch's loss functions, as the advice needs them: which loss a model trains with decides
// whether a trailing softmax/sigmoid is right (NLLLoss after log_softmax) or doubled
// (CrossEntropyLoss after softmax). Losses are not activations, so they are not in the catalog.

/** torch.nn loss classes → the functional spelling of the same loss (null when there is none). */
const MODULE_LOSSES: Record<string, string | null> = {
  L1Loss: 'l1_loss', MSELoss: 'mse_loss', CrossEntropyLoss: 'cross_entropy', CTCLoss: 'ctc_loss',
  NLLLoss: 'nll_loss', PoissonNLLLoss: 'poisson_nll_loss', GaussianNLLLoss: 'gaussian_nll_loss',
  KLDivLoss: 'kl_div', BCELoss: 'binary_cross_entropy', BCEWithLogitsLoss: 'binary_cross_entropy_with_logits',
  MarginRankingLoss: 'margin_ranking_loss', HingeEmbeddingLoss: 'hinge_embedding_loss',
  MultiLabelMarginLoss: 'multilabel_margin_loss', HuberLoss: 'huber_loss', SmoothL1Loss: 'smooth_l1_loss',
  SoftMarginLoss: 'soft_margin_loss', MultiLabelSoftMarginLoss: 'multilabel_soft_margin_loss',
  CosineEmbeddingLoss: 'cosine_embedding_loss', MultiMarginLoss: 'multi_margin_loss',
  TripletMarginLoss: 'triplet_margin_loss', TripletMarginWithDistanceLoss: 'triplet_margin_with_distance_loss',
  NLLLoss2d: 'nll_loss',
};
const FUNCTIONAL_LOSSES = new Map<string, string>();
for (const [cls, fn] of Object.entries(MODULE_LOSSES)) if (fn && !FUNCTIONAL_LOSSES.has(fn)) FUNCTIONAL_LOSSES.set(fn, cls);

export function isModuleLoss(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(MODULE_LOSSES, name);
}
export function isFunctionalLoss(name: string): boolean {
  return FUNCTIONAL_LOSSES.has(name);
}
/** One name per loss whatever the spelling: `cross_entropy` and `CrossEntropyLoss` are the same kind. */
export function lossKind(name: string): string {
  return FUNCTIONAL_LOSSES.get(name) ?? name;
}
export function moduleLossNames(): string[] {
  return Object.keys(MODULE_LOSSES);
}
export function functionalLossNames(): string[] {
  return [...FUNCTIONAL_LOSSES.keys()];
}

/** Where a loss takes its prediction(s): positional indexes and keyword names (most losses: `input` first). */
const INPUTS: Record<string, { at: number[]; names: string[] }> = {
  margin_ranking_loss: { at: [0, 1], names: ['input1', 'input2'] },
  cosine_embedding_loss: { at: [0, 1], names: ['input1', 'input2'] },
  triplet_margin_loss: { at: [0, 1, 2], names: ['anchor', 'positive', 'negative'] },
  triplet_margin_with_distance_loss: { at: [0, 1, 2], names: ['anchor', 'positive', 'negative'] },
  ctc_loss: { at: [0], names: ['log_probs'] },
};

/**
 * Whether the argument at positional `index` (or given as `keyword`) of the loss `name` is what
 * the loss judges (its input, the prediction). Anything else — the target (soft labels, a
 * teacher's softmax for kl_div), a `weight`, a variance — is what it compares or scales with.
 */
export function isLossInputArg(name: string, index: number | null, keyword: string | null): boolean {
  const fn = FUNCTIONAL_LOSSES.has(name) ? name : MODULE_LOSSES[name] ?? null;
  if (!fn) return true;
  const spec = INPUTS[fn] ?? { at: [0], names: ['input'] };
  return keyword !== null ? spec.names.includes(keyword) : index !== null && spec.at.includes(index);
}
