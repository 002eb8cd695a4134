// The shape of one catalog record. The catalog is the single source of truth about
// activations: hover, panel, side view, parser and tests all read it and none re-lists them.
import type { Tensor } from '../engine';

export type ParamValue = number | string | boolean;
export type ParamValues = Record<string, ParamValue>;

export interface NumberParam {
  /** PyTorch keyword name, e.g. `negative_slope`. */
  name: string;
  kind: 'number';
  default: number;
  /** Sensible UI range (the slider); the engine accepts any finite value. */
  min: number;
  max: number;
  step: number;
  /** TeX symbol used in the formulas, e.g. `\alpha`. */
  symbol?: string;
  /** Integer-valued (e.g. `dim`). */
  integer?: boolean;
}
export interface EnumParam {
  name: string;
  kind: 'enum';
  default: string;
  options: string[];
}
export interface BooleanParam {
  name: string;
  kind: 'boolean';
  default: boolean;
}
export type ParamSpec = NumberParam | EnumParam | BooleanParam;

/** Where and how PyTorch spells an activation. Names are bare (`relu`, not `F.relu`). */
export interface Spellings {
  /** `torch.nn.functional.<name>`; the first is the canonical one. */
  functional: string[];
  /** `torch.<name>` (and `torch.special.<name>` when prefixed with `special.`). */
  torch: string[];
  /** `Tensor.<name>` methods, e.g. `x.relu()`. */
  tensorMethods: string[];
  /** The `torch.nn` module class and its constructor's positional parameter names. */
  module?: { name: string; args: string[] };
  /**
   * Positional parameter names after `input` for the functional/torch forms (PyTorch's
   * signature order), e.g. leaky_relu: `['negative_slope', 'inplace']`.
   */
  functionalArgs: string[];
  /** Positional parameter names of the Tensor method forms (after self). */
  methodArgs: string[];
  /** Spellings PyTorch deprecates, with the exact warning text it prints. */
  deprecated?: Record<string, string>;
}

export interface Formula {
  /** TeX of f, typeset to SVG at build time for hovers and shown in the panel. */
  tex: string;
  /** TeX of f'. */
  texDerivative: string;
  /** Plain-text f for screen readers, copy and fallbacks. */
  text: string;
  textDerivative: string;
}

export interface Properties {
  /** Output range in interval notation, e.g. `(-1, 1)`. */
  range: string;
  zeroCentred: boolean;
  monotonic: boolean;
  /** Continuously differentiable everywhere (no kink). */
  smooth: boolean;
  /** Largest |f'| and where it is reached. */
  maxSlope: { value: number; at: string };
  /** Where |f'| becomes negligible or exactly zero, in words (English; keys into l10n). */
  saturates: string;
  /** Cost of one evaluation: `cheap` (compare/multiply) or `exp` (needs exp/log/erf). */
  cost: 'cheap' | 'exp';
  /** The gradient is exactly zero on a whole interval (dead units possible). */
  zeroGradientRegion: boolean;
}

export type Family = 'elementwise' | 'softmax';
export type AdviceKey = string;

export interface ActivationSpec {
  /** Stable id = PyTorch's functional name, e.g. `leaky_relu`. */
  id: string;
  title: string;
  family: Family;
  spellings: Spellings;
  params: ParamSpec[];
  /**
   * Builds f(x) from engine ops for a 1-D input. For the softmax family this is the
   * probability of one class whose logit is x against a second class at 0 (the 2-class slice),
   * which is what a 1-D plot of it can show.
   */
  build: (x: Tensor, params: ParamValues) => Tensor;
  formula: Formula;
  properties: Properties;
  /** x-range a plot shows by default: wide enough to show saturation, narrow enough to see the kink. */
  plotRange: [number, number];
  docs: string;
  /** Advice texts that apply to this activation (keys into src/advice). */
  advice: AdviceKey[];
}
