// The advice rules as data: each rule says when it applies to one activation use and what it
// says. The article's closing rules (hidden: ReLU first, Leaky ReLU next, beware dead ReLU, no
// sigmoid, tanh acceptable; output: sigmoid binary, softmax multi-class, identity regression)
// plus what the role and the loss found in the file make specific.
//
// Messages are built only from our own strings and catalog facts — never from the user's
// source text — so the hover can render them as markdown.
import type { Translate } from '../i18n';
import type { ActivationSpec } from '../catalog/types';
import type { LossKind } from './losses';
import { deadUnitMessage } from './deadZone';

export type Severity = 'info' | 'warning';

export interface AdviceUse {
  /** Catalog id. */
  id: string;
  role: 'hidden' | 'output' | null;
  /** The loss this use feeds, as written (`nn.CrossEntropyLoss`), when the parser could tell. */
  loss: string | null;
  /** Literal arguments found in the code, by PyTorch keyword name. */
  params: Record<string, unknown>;
  /** Parameters given as non-literal expressions (known only at run time). */
  runtimeParams: string[];
  spelling: string;
  /** PyTorch's path for the spelling ('torch.softmax', 'torch.Tensor.softmax'): decides whether a call without dim fails. */
  canonical?: string;
  /** PyTorch's deprecation text when this spelling is deprecated. */
  deprecation?: string;
  /** `relu_`, `x.tanh_()`. */
  inPlace?: boolean;
  /** A sigmoid (not at the output) whose value multiplies another: a gate, not a layer's activation. */
  gate?: boolean;
  /** False for a reference (`act=nn.Softmax`): nothing is computed there. */
  isCall?: boolean;
  /** Its value goes straight into a log: the loss after it receives log-probabilities. */
  logTaken?: boolean;
  /** Its regression loss compares it with the model's own input: a reconstruction, whose targets lie in the inputs' range. */
  reconstructs?: boolean;
  /** Its regression loss gets it scaled or shifted by constants: a range the code chose. */
  rescaled?: boolean;
  /** Its regression loss compares it with 0/1 labels the file writes: a binary classification. */
  binaryTargets?: boolean;
  /** Its value is also judged by another network (a GAN generator's image): data, in the data's range. */
  generates?: boolean;
  /** One module instance used both between layers and at the output: the hidden-layer advice holds too. */
  shared?: boolean;
  /** Its probabilities go into softmax or log_softmax again before the loss: normalized twice. */
  softmaxAgain?: boolean;
  /** It is a KL divergence's target in the other form than the loss reads it (see ActivationUse.klTarget). */
  klTarget?: 'log-probabilities' | 'probabilities';
  /** Its loss gets some of its elements, picked by an index (one class's probability of a softmax). */
  picked?: boolean;
  /** Its value goes into softmax or log_softmax before the loss (an activation other than the softmax family). */
  normalizedAfter?: boolean;
}

/** Everything a rule may look at, computed once per use. */
export interface RuleContext {
  use: AdviceUse;
  spec: ActivationSpec | undefined;
  role: 'hidden' | 'output' | null;
  /** Losses that apply to this use: its own if the parser linked one, else every loss in the file. */
  losses: Array<{ kind: LossKind; name: string }>;
  /** True when the loss was linked to this very use (not just seen elsewhere in the file). */
  lossLinked: boolean;
  has: (kind: LossKind) => { kind: LossKind; name: string } | undefined;
}

export interface Rule {
  key: string;
  /** The stable code (AL101…) when this advice is also a finding: see src/lint/rules.ts. */
  code?: string;
  /** When the advice is a finding only in some of the cases it is given in (AL401: hidden layers only). */
  codeWhen?: (c: RuleContext) => boolean;
  severity: Severity | ((c: RuleContext) => Severity);
  when: (c: RuleContext) => boolean;
  message: (t: Translate, c: RuleContext) => string;
  /** Catalog id of the activation the rule recommends instead (drives "compare"). */
  alternative?: string | ((c: RuleContext) => string | undefined);
}

/** The softmax family: the rules' and the lint's one list. */
export const SOFTMAX_FAMILY: ReadonlySet<string> = new Set(['softmax', 'log_softmax', 'softmin']);

/**
 * torch.softmax(x) and x.softmax() have no default dim: PyTorch raises TypeError (recorded in
 * test/fixtures/lint/torch-behaviour.json); F.softmax, nn.Softmax and F.softmin pick one and warn.
 */
export function softmaxWithoutDimFails(canonical: string | undefined): boolean {
  return canonical === 'torch.softmax' || canonical === 'torch.log_softmax' || canonical === 'torch.Tensor.softmax' || canonical === 'torch.Tensor.log_softmax';
}
/** The family's members giving probabilities (not log_softmax's log-probabilities). */
export const PROBABILITY_OUT: ReadonlySet<string> = new Set(['softmax', 'softmin']);
const notHidden = (c: RuleContext) => c.role !== 'hidden';
const atOutput = (c: RuleContext) => c.role === 'output';
const catalogKey = (key: string) => (c: RuleContext) => !!c.spec?.advice.includes(key);
/** A loss-based rule fires when the loss is linked to this use, or the use sits at the output. */
const lossApplies = (c: RuleContext) => c.role !== 'hidden' && (c.lossLinked || c.role === 'output');
const given = (c: RuleContext, name: string) => name in c.use.params || c.use.runtimeParams.includes(name);
const title = (c: RuleContext) => c.spec?.title ?? c.use.id;

export const RULES: Rule[] = [
  // ── wrong pairings with the loss: the costly mistakes, shown first ──
  {
    key: 'loss.double-softmax', code: 'AL101', severity: 'warning',
    when: (c) => SOFTMAX_FAMILY.has(c.use.id) && lossApplies(c) && !!c.has('cross_entropy'),
    // log_softmax of log-probabilities gives them back: the loss is the same, only computed twice
    // (PyTorch 1.13: 1.8120 both ways, docs/rules/AL101.md); a softmax in front changes the loss.
    message: (t, c) => c.use.id === 'log_softmax'
      ? t('{0} applies log_softmax itself and expects raw logits: with log_softmax here, it is computed twice (the loss is the same, but the model\'s output is no longer the logits). Remove it and pass the logits, or keep it and use NLLLoss.', c.has('cross_entropy')!.name)
      : t('{0} applies log_softmax itself and expects raw logits: with {1} here, softmax is applied twice. Remove it and pass the logits.', c.has('cross_entropy')!.name, c.use.id),
    alternative: 'identity',
  },
  {
    key: 'loss.nll-needs-log', code: 'AL102', severity: 'warning',
    when: (c) => PROBABILITY_OUT.has(c.use.id) && !c.use.logTaken && !c.use.softmaxAgain && lossApplies(c) && !!c.has('nll'),
    message: (t) => t('NLLLoss expects log-probabilities, not probabilities: use log_softmax here (or pass the logits to CrossEntropyLoss).'),
    alternative: 'log_softmax',
  },
  {
    key: 'loss.kl-needs-log', code: 'AL106', severity: 'warning',
    when: (c) => PROBABILITY_OUT.has(c.use.id) && !c.use.logTaken && !c.use.softmaxAgain && lossApplies(c) && !!c.has('kl_div'),
    message: (t) => t('KLDivLoss expects log-probabilities as its input: use log_softmax, not softmax.'),
    alternative: 'log_softmax',
  },
  {
    // `F.kl_div(F.log_softmax(s / T, 1), F.log_softmax(t / T, 1))`: the target read as probabilities
    key: 'loss.kl-target-form', code: 'AL109', severity: 'warning',
    when: (c) => (c.use.klTarget === 'log-probabilities' && c.use.id === 'log_softmax') || (c.use.klTarget === 'probabilities' && PROBABILITY_OUT.has(c.use.id)),
    message: (t, c) => c.use.klTarget === 'log-probabilities'
      ? t('These log-probabilities are the target of KLDivLoss, which reads its target as probabilities unless log_target=True: it takes their log, and every negative entry makes the loss NaN. Pass log_target=True, or give it the softmax.')
      : t('These probabilities are the target of KLDivLoss with log_target=True, which reads its target as log-probabilities: use log_softmax here, or drop log_target=True.'),
    alternative: (c) => (c.use.klTarget === 'probabilities' ? 'log_softmax' : undefined),
  },
  {
    // `F.log_softmax(model(x), 1)` into NLLLoss where the model ends in softmax: the scores are
    // normalized twice (before CrossEntropyLoss, which applies log_softmax itself, AL101 says so)
    key: 'loss.softmax-again', code: 'AL108', severity: 'warning',
    when: (c) => PROBABILITY_OUT.has(c.use.id) && !!c.use.softmaxAgain && c.role !== 'hidden' && !(c.lossLinked && c.has('cross_entropy')),
    message: (t) => t('These probabilities go into softmax or log_softmax again before the loss: softmax of probabilities squeezes them toward uniform ([0.9, 0.1] becomes [0.69, 0.31]), and over 10 classes the cross-entropy can then never fall below 1.4612. Normalize once: return the logits here, or drop the second softmax.'),
    alternative: 'identity',
  },
  {
    // `nn.Softmax(dim=1)` before BCELoss: the outputs compete for one unit of probability, where
    // BCELoss scores each as a probability of its own (multi-label tags, a one-channel mask)
    key: 'loss.softmax-into-bce', code: 'AL110', severity: 'warning',
    when: (c) => PROBABILITY_OUT.has(c.use.id) && !c.use.logTaken && !c.use.softmaxAgain && !c.use.picked && lossApplies(c) && !!c.has('bce') && !c.has('cross_entropy'),
    message: (t, c) => t('{0} scores each output as a probability of its own, but {1} makes them compete: they sum to 1 along its dim, so two labels can never both be 1 (the best BCE for the target [1, 1, 0] is 0.4621), and over a single channel softmax is always exactly 1. For one class per sample use CrossEntropyLoss on the logits; for independent labels, sigmoid (or BCEWithLogitsLoss on the logits).', c.has('bce')!.name, title(c)),
    alternative: 'sigmoid',
  },
  {
    key: 'loss.bce-with-logits', code: 'AL103', severity: 'warning',
    when: (c) => c.use.id === 'sigmoid' && lossApplies(c) && !!c.has('bce'),
    message: (t) => t('Sigmoid followed by BCELoss is numerically unstable for large logits: drop the sigmoid and use BCEWithLogitsLoss on the logits.'),
    alternative: 'identity',
  },
  {
    // ReLU (tanh, sigmoid, …) on the class scores, then log_softmax into NLLLoss: CrossEntropyLoss on distorted logits
    key: 'loss.log-probs-from-distorted', code: 'AL107', severity: 'warning',
    when: (c) => atOutput(c) && c.use.id !== 'identity' && !SOFTMAX_FAMILY.has(c.use.id) && !c.use.logTaken && !!c.has('nll') && !c.has('cross_entropy') && !c.has('bce_logits'),
    // `F.log_softmax(F.relu(out), 1)`: the scores distorted before the log_softmax; without one
    // (`F.nll_loss(torch.sigmoid(out), y)`) the loss gets no log-probabilities at all
    message: (t, c) => c.use.normalizedAfter || !c.lossLinked
      ? t('{0} expects log-probabilities, the log_softmax of raw scores: {1} at the output distorts the scores first. Remove the activation from the last layer.', c.has('nll')!.name, title(c))
      : t('{0} expects log-probabilities, the log_softmax of raw scores: {1} goes into it with no log_softmax, so it reads values that are not log-probabilities and the loss can fall without bound. Replace the activation with log_softmax on the raw scores (or pass them to CrossEntropyLoss).', c.has('nll')!.name, title(c)),
    alternative: 'identity',
  },
  {
    key: 'loss.double-sigmoid', code: 'AL104', severity: 'warning',
    when: (c) => c.use.id === 'sigmoid' && lossApplies(c) && !!c.has('bce_logits'),
    message: (t, c) => t('{0} applies sigmoid itself: with this sigmoid it is applied twice. Pass the raw logits.', c.has('bce_logits')!.name),
    alternative: 'identity',
  },
  {
    key: 'loss.logits-expected', code: 'AL107', severity: 'warning',
    // sigmoid before BCEWithLogitsLoss is AL104's; before CrossEntropyLoss it is this row's (no other says it);
    // softmax before CrossEntropyLoss is AL101's, before BCEWithLogitsLoss this row's: sigmoid(softmax(x)) lies in (0.5, 0.73)
    when: (c) => atOutput(c) && c.use.id !== 'identity' && (SOFTMAX_FAMILY.has(c.use.id)
      ? !c.has('cross_entropy') && !!c.has('bce_logits')
      : !!c.has('cross_entropy') || (c.use.id !== 'sigmoid' && !!c.has('bce_logits'))),
    message: (t, c) => t('{0} expects raw logits: {1} at the output distorts them. Remove the activation from the last layer.', (c.has('cross_entropy') ?? c.has('bce_logits'))!.name, title(c)),
    alternative: 'identity',
  },
  {
    key: 'output.regression-clipped', code: 'AL105', severity: 'info',
    when: (c) => atOutput(c) && !!c.has('regression') && !!c.spec && c.spec.properties.range !== '(-∞, ∞)' && c.use.id !== 'identity' && !c.use.reconstructs && !c.use.generates && !c.use.logTaken && !c.use.rescaled && !(c.use.binaryTargets && c.use.id === 'sigmoid'),
    message: (t, c) => t('{0} at the output of a regression ({1}) limits predictions to {2}; targets outside it cannot be reached. Use no activation (identity).', title(c), c.has('regression')!.name, c.spec!.properties.range),
    alternative: 'identity',
  },
  {
    // sigmoid into MSE against 0/1 labels the file writes: the range fits, the loss does not
    key: 'output.binary-by-regression', code: 'AL105', severity: 'info',
    when: (c) => atOutput(c) && c.use.id === 'sigmoid' && !!c.use.binaryTargets && !!c.has('regression') && !c.use.reconstructs && !c.use.generates && !c.use.logTaken && !c.use.rescaled,
    message: (t, c) => t('Sigmoid at the output, trained with {0} against 0/1 labels: a binary classification with a regression loss, whose gradient through the sigmoid vanishes where a prediction is confidently wrong. Use BCEWithLogitsLoss on the logits (no activation); for a least-squares GAN, keep {0} and drop the sigmoid.', c.has('regression')!.name),
    alternative: 'identity',
  },
  {
    // an autoencoder's output compared with its own input: the targets are the inputs, in their range
    key: 'output.reconstruction-bounded', severity: 'info',
    when: (c) => atOutput(c) && !!c.use.reconstructs && !!c.has('regression') && !!c.spec && c.spec.properties.range !== '(-∞, ∞)' && c.use.id !== 'identity',
    message: (t, c) => t('{0} bounds the reconstruction to {1}, and {2} compares it with the model\'s own input: right when the inputs lie in that range (ToTensor gives [0, 1], Normalize(0.5, 0.5) gives [-1, 1]).', title(c), c.spec!.properties.range, c.has('regression')!.name),
  },
  {
    // a generator's image: another network judges it too, and the regression term compares it with real data
    key: 'output.generated-bounded', severity: 'info',
    when: (c) => atOutput(c) && !c.use.reconstructs && !!c.use.generates && !!c.has('regression') && !!c.spec && c.spec.properties.range !== '(-∞, ∞)' && c.use.id !== 'identity',
    message: (t, c) => t('{0} bounds the generated output to {1}; another network judges it too, and {2} compares it with real data: right when the data are scaled to that range (Normalize(0.5, 0.5) gives [-1, 1]).', title(c), c.spec!.properties.range, c.has('regression')!.name),
  },
  {
    key: 'loss.log-softmax-nll-ok', severity: 'info',
    when: (c) => c.use.id === 'log_softmax' && lossApplies(c) && !!c.has('nll') && !c.has('cross_entropy'),
    message: (t) => t('log_softmax + NLLLoss is correct: together they compute CrossEntropyLoss.'),
  },
  // ── the spelling itself ──
  {
    key: 'output.softmax-dim', code: 'AL201', severity: 'warning',
    when: (c) => SOFTMAX_FAMILY.has(c.use.id) && c.use.isCall !== false && !given(c, 'dim'),
    message: (t, c) => (softmaxWithoutDimFails(c.use.canonical)
      ? t('Without dim this call fails: PyTorch raises TypeError ({0}() received an invalid combination of arguments). Pass dim: the class axis, usually dim=1 or dim=-1.', c.use.id)
      : t('Implicit dimension choice for {0} has been deprecated. Change the call to include dim=X as an argument.', c.use.id) + ' '
        + t('Without dim, PyTorch picks dim=0 for 0-, 1- and 3-D input and dim=1 for 2- and 4-D input: for a (batch, sequence, classes) tensor that is the batch axis. Pass the class axis, usually dim=1 or dim=-1.')),
  },
  {
    key: 'api.deprecated', code: 'AL202', severity: 'info',
    when: (c) => !!c.use.deprecation && (c.use.id === 'tanh' || c.use.id === 'sigmoid'),
    message: (t, c) => t('nn.functional.{0} is deprecated: PyTorch 1.13 warns on every call, recent 2.x sources no longer do. torch.{0} computes the same values in every version, without the warning.', c.use.id),
  },
  {
    key: 'note.inplace', severity: 'info',
    when: (c) => c.use.inPlace === true || c.use.params.inplace === true,
    message: (t) => t('In place: saves memory by overwriting its input; backward() raises an error if autograd still needs the overwritten tensor.'),
  },
  // ── the article's rules, by role ──
  {
    key: 'hidden.gate', severity: 'info',
    when: (c) => c.use.gate === true && c.role !== 'output',
    message: (t) => t('Used as a gate: its value multiplies another, so the 0–1 range is the point here (attention and squeeze-excitation gates, LSTM/GRU cells). The advice against sigmoid is about activations between layers.'),
  },
  {
    // the code is sigmoid's (docs/rules/AL401.md): Hardsigmoid gets the advice in the hover, without the code the lint never gives it
    key: 'hidden.avoid-sigmoid', code: 'AL401', codeWhen: (c) => (c.role === 'hidden' || !!c.use.shared) && c.use.id === 'sigmoid', severity: 'info',
    when: (c) => (c.role !== 'output' || !!c.use.shared) && c.use.gate !== true && catalogKey('hidden.avoid-sigmoid')(c),
    message: (t) => t('Avoid sigmoid in hidden layers: its gradient is at most 0.25, vanishes for |x| > 4.6, and its output is not zero-centred. Use ReLU, or tanh if you need a bounded output.'),
    alternative: 'relu',
  },
  {
    key: 'hidden.relu-first', severity: 'info',
    when: (c) => c.role !== 'output' && catalogKey('hidden.relu-first')(c),
    message: (t) => t('ReLU is the first choice for hidden layers: cheap, and its gradient is 1 for every x > 0.'),
  },
  {
    key: 'hidden.dead-relu', severity: 'info',
    when: (c) => c.role !== 'output' && catalogKey('hidden.dead-relu')(c),
    message: (t, c) => deadUnitMessage(t, c),
    alternative: 'leaky_relu',
  },
  {
    key: 'hidden.leaky-relu-next', severity: 'info',
    when: (c) => c.role !== 'output' && catalogKey('hidden.leaky-relu-next')(c),
    message: (t) => t('The next thing to try when ReLU struggles: the small negative slope keeps a gradient for x < 0, so units cannot die.'),
    alternative: 'relu',
  },
  {
    key: 'hidden.tanh-ok', severity: 'info',
    when: (c) => c.role !== 'output' && catalogKey('hidden.tanh-ok')(c),
    message: (t) => t('Acceptable in hidden layers: zero-centred with gradient up to 1, but it saturates for large |x| (tanh: |x| > 3). Prefer ReLU in deep networks.'),
    alternative: 'relu',
  },
  {
    key: 'hidden.smooth-relu', severity: 'info',
    when: (c) => c.role !== 'output' && catalogKey('hidden.smooth-relu')(c),
    message: (t) => t('A smooth ReLU variant, common in transformers and modern CNNs; it costs an exp or erf per element where ReLU costs a comparison.'),
    alternative: 'relu',
  },
  {
    key: 'hidden.selu-init', severity: 'info',
    when: (c) => c.role !== 'output' && catalogKey('hidden.selu-init')(c),
    message: (t) => t('SELU self-normalises only with LeCun-normal initialisation and AlphaDropout; otherwise it behaves like a scaled ELU.'),
    alternative: 'elu',
  },
  {
    key: 'hidden.shrink-rare', severity: 'info',
    when: (c) => c.role !== 'output' && catalogKey('hidden.shrink-rare')(c),
    message: (t) => t('Shrink functions zero out small inputs (sparse coding, denoising); they are rarely used as hidden-layer activations.'),
    alternative: 'relu',
  },
  {
    key: 'output.sigmoid-binary', severity: 'info',
    // not for an image a reconstruction or a generator outputs (its advice above says what the range is for)
    when: (c) => notHidden(c) && catalogKey('output.sigmoid-binary')(c) && !c.has('bce') && !c.has('bce_logits') && !c.use.reconstructs && !c.use.generates,
    message: (t) => t('At the output, sigmoid is the choice for binary (or multi-label) classification: one probability per output.'),
  },
  {
    key: 'output.softmax-multiclass', severity: 'info',
    when: (c) => notHidden(c) && catalogKey('output.softmax-multiclass')(c) && !(lossApplies(c) && (c.has('cross_entropy') || c.has('nll') || c.has('kl_div'))),
    // Not in a model (role unknown), a softmax is not "at the output" of anything we can see.
    message: (t, c) => (c.role === 'output' ? t('At the output, softmax is the choice for multi-class classification: class probabilities that sum to 1.') : t('Softmax turns scores into probabilities that sum to 1; at a classifier\'s output it is the choice for multi-class classification.')),
  },
  {
    key: 'output.log-softmax-nll', severity: 'info',
    when: (c) => notHidden(c) && catalogKey('output.log-softmax-nll')(c) && !(lossApplies(c) && (c.has('cross_entropy') || c.has('nll'))),
    message: (t) => t('log_softmax gives log-probabilities: pair it with NLLLoss (together they equal CrossEntropyLoss).'),
  },
  {
    key: 'output.logsigmoid-loss', severity: 'info',
    when: (c) => notHidden(c) && catalogKey('output.logsigmoid-loss')(c),
    message: (t) => t('LogSigmoid gives the log-probability of a binary output; for training, BCEWithLogitsLoss on the raw logits is the stable choice.'),
  },
  {
    key: 'output.identity-regression', severity: 'info',
    when: (c) => catalogKey('output.identity-regression')(c),
    message: (t) => t('Identity (no activation) is the output for regression.'),
  },
  {
    key: 'output.tanh-bounded', severity: 'info',
    when: (c) => atOutput(c) && catalogKey('output.tanh-bounded')(c) && !c.has('regression'),
    message: (t, c) => t('At the output, {0} bounds predictions to {1}: the usual choice for images scaled to [-1, 1] (GAN generators) or bounded actions. Scale the targets to the same range.', title(c), c.spec?.properties.range ?? ''),
  },
  {
    key: 'output.unusual', severity: 'info',
    when: (c) => atOutput(c) && !!c.spec && !c.spec.advice.some((k) => k.startsWith('output.'))
      && !c.has('cross_entropy') && !c.has('bce_logits') && !c.has('regression'),
    message: (t, c) => t('{0} is unusual at the output. The rule: sigmoid for binary, softmax for multi-class, identity for regression.', title(c)),
  },
];
