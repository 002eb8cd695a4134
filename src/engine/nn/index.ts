// torch.nn: the modules and init the lab trains with. Names mirror PyTorch.
export { Module, Lambda } from './module';
export { Linear, Sequential } from './linear';
export type { LinearOptions } from './linear';
export { Activation, PReLU, RReLU, ReLU, Tanh, Sigmoid, Identity, activationModule, ACTIVATION_MODULES } from './activations';
export type { ModuleKwargs } from './activations';
export * as init from './init';
export { linear } from './linear_op';
