// Plain data produced by reading a Python file. No tree-sitter nodes escape this layer:
// everything here can be cached, serialised, sent to a webview or printed by the CLI.
import type { SpellingKind } from '../catalog';

/** 0-based, columns in UTF-16 code units (what VS Code's Position uses). */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type Role = 'hidden' | 'output';
export type LiteralValue = number | string | boolean;

export interface ActivationUse {
  /** Catalog id. */
  id: string;
  /** As written, normalised to dots: 'F.relu', 'torch.nn.functional.relu', 'nn.LeakyReLU', 'x.sigmoid', 'relu', 'th.tanh'. */
  spelling: string;
  /** PyTorch's canonical path: 'torch.nn.functional.relu', 'torch.nn.LeakyReLU', 'torch.Tensor.sigmoid', 'torch.tanh'. */
  canonical: string;
  kind: SpellingKind;
  /** False for references such as `act=nn.GELU` or `F.relu` passed as a value. */
  isCall: boolean;
  inPlace: boolean;
  /** The activation's name (what a hover covers). */
  range: SourceRange;
  /** The whole call expression, when it is a call. */
  callRange?: SourceRange;
  /** Literal arguments under PyTorch's keyword names (positional ones mapped through the catalog's argument order). */
  params: Record<string, LiteralValue>;
  /** Keyword names whose value is not a literal: set at run time, never guessed. */
  runtimeParams: string[];
  role: Role | null;
  /** The loss this spot feeds, e.g. 'CrossEntropyLoss' or 'cross_entropy'. */
  loss: string | null;
  /** Where the loss this spot feeds is named: the class in `nn.BCELoss()` or the function in `F.binary_cross_entropy(...)`. */
  lossRange?: SourceRange;
  /** PyTorch's own warning when this spelling is deprecated. */
  deprecation?: string;
  /** A sigmoid (not at the output) whose value multiplies another value: a gate, not a layer's activation. */
  gate?: boolean;
  /** The value goes straight into a log (`torch.log(F.softmax(x, 1))`): what follows gets log-probabilities (AL301 says how to compute them stably). */
  logTaken?: boolean;
  /** The regression loss it reaches compares it with the model's own input (an autoencoder's reconstruction). */
  reconstructs?: boolean;
  /** Its regression loss gets it scaled or shifted by constants (`torch.sigmoid(x) * 4 + 1`): a range the code chose. */
  rescaled?: boolean;
  /** Its regression loss compares it with 0/1 labels the file writes (`torch.tensor([[1.0], [0.0]])`): a binary classification. */
  binaryTargets?: boolean;
  /** It reaches other losses than `loss` too, named at other places (a validation step's beside the training step's). */
  moreLosses?: boolean;
  /** A module applied once whose value reaches the loss and, through more computation, something else too: a fix would change that as well. */
  onward?: boolean;
  /** Its value is also judged by another network (a GAN generator's image, whose regression term sits beside the discriminator's loss). */
  generates?: boolean;
  /** One module instance the model calls both between layers and at its output: role output, a hidden layer's activation too. */
  shared?: boolean;
  /** A softmax whose value goes into softmax or log_softmax again before its loss (or `.backward()`) takes it: probabilities normalized twice. */
  softmaxAgain?: boolean;
  /** Its value is the target of a KL divergence in the other form than the loss reads it (AL109): log-probabilities without `log_target=True`, or probabilities with it. */
  klTarget?: 'log-probabilities' | 'probabilities';
  /** Another activation whose value goes into softmax or log_softmax before its loss (`F.log_softmax(F.relu(h), 1)` into NLLLoss). */
  normalizedAfter?: boolean;
  /** Its loss gets some of its elements, picked by an index (`F.softmax(z, 1)[:, 1]` into BCELoss: one class's probability). */
  picked?: boolean;
  /** Its loss gets it through a log, softmax or log_softmax on the way, layers between or not (`F.nll_loss(F.log_softmax(model(x), 1), y)`), whatever its role. */
  lossLogged?: boolean;
  /** An output also compared with a threshold or rounded (`(out > 0.5).float()`): a fix removing the activation would leave that code reading logits. */
  thresholded?: boolean;
}

export interface LossUse {
  /** As PyTorch names it: 'CrossEntropyLoss' (module) or 'cross_entropy' (functional). */
  name: string;
  line: number;
  column: number;
  /** Where its name is written. */
  range?: SourceRange;
}

export interface ImportBinding {
  /** The name the file binds: 'F', 'nn', 'relu'. */
  local: string;
  /** What it is bound to: 'torch.nn.functional', 'torch.nn.functional.relu', 'numpy'. */
  target: string;
  line: number;
  column: number;
}

export interface Analysis {
  /** Sorted by position. */
  uses: ActivationUse[];
  losses: LossUse[];
  /** Every import the file makes (PyTorch's and others), in source order. */
  imports: ImportBinding[];
  /** The parser had to recover from syntax errors somewhere (half-typed code). */
  parseErrors: boolean;
  /** Only part of the source was read (it exceeded the size or time budget). */
  truncated: boolean;
}
