// torch.optim: SGD and Adam with PyTorch 1.13's update formulas and operation order.
export { Optimizer } from './optimizer';
export { SGD } from './sgd';
export type { SGDOptions } from './sgd';
export { Adam } from './adam';
export type { AdamOptions } from './adam';
