// Losses as the advice rules see them. The parser reports a loss as written in the file
// (`CrossEntropyLoss`, `nn.CrossEntropyLoss`, `F.cross_entropy`, `torch.nn.functional.nll_loss`);
// every spelling of one loss folds to one kind here, and messages name the loss by its
// canonical class name — never by the user's text, so advice never carries source text.

export type LossKind =
  | 'cross_entropy' // expects raw logits, applies log_softmax itself
  | 'nll' // expects log-probabilities
  | 'bce' // expects probabilities (after sigmoid)
  | 'bce_logits' // expects raw logits, applies sigmoid itself
  | 'kl_div' // expects log-probabilities as input
  | 'regression' // MSE / L1 / Huber: unbounded targets
  | 'other';

interface KnownLoss { kind: LossKind; name: string }

const KNOWN: Record<string, KnownLoss> = {};
function known(kind: LossKind, name: string, ...aliases: string[]) {
  for (const a of [name, ...aliases]) KNOWN[a.replace(/[^A-Za-z0-9]/g, '').toLowerCase()] = { kind, name };
}
known('cross_entropy', 'CrossEntropyLoss', 'cross_entropy');
known('nll', 'NLLLoss', 'nll_loss');
known('bce', 'BCELoss', 'binary_cross_entropy');
known('bce_logits', 'BCEWithLogitsLoss', 'binary_cross_entropy_with_logits');
// the mean over classes of BCEWithLogitsLoss's terms: the same loss of raw logits, sigmoid applied inside
known('bce_logits', 'MultiLabelSoftMarginLoss', 'multilabel_soft_margin_loss');
known('kl_div', 'KLDivLoss', 'kl_div');
known('regression', 'MSELoss', 'mse_loss');
known('regression', 'L1Loss', 'l1_loss');
known('regression', 'SmoothL1Loss', 'smooth_l1_loss');
known('regression', 'HuberLoss', 'huber_loss');
known('regression', 'GaussianNLLLoss', 'gaussian_nll_loss');

function lookup(written: string | null | undefined): KnownLoss | undefined {
  if (!written || written.length > 200) return undefined;
  const last = written.split('.').pop() ?? written;
  return KNOWN[last.replace(/[^A-Za-z0-9]/g, '').toLowerCase()];
}

/** `nn.CrossEntropyLoss` / `F.cross_entropy` → 'cross_entropy'; unknown names → 'other'; none → null. */
export function lossKind(written: string | null | undefined): LossKind | null {
  if (!written) return null;
  return lookup(written)?.kind ?? 'other';
}

const EXPECTS: Partial<Record<LossKind, 'logits' | 'probabilities' | 'log-probabilities' | 'values'>> = {
  cross_entropy: 'logits', bce_logits: 'logits', bce: 'probabilities', nll: 'log-probabilities', kl_div: 'log-probabilities', regression: 'values',
};

/** What the loss expects as its input (the kinds above): raw logits, probabilities, log-probabilities or values; null when not known. */
export function lossExpects(written: string | null | undefined): 'logits' | 'probabilities' | 'log-probabilities' | 'values' | null {
  const kind = lossKind(written);
  return (kind && EXPECTS[kind]) ?? null;
}

/** The class name users know the loss by (`CrossEntropyLoss`), or undefined for losses we do not know. */
export function lossClassName(written: string | null | undefined): string | undefined {
  return lookup(written)?.name;
}
