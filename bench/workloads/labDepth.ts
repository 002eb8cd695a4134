// L2's workload (bench/sections/lab.ts): the depth experiment at 50 layers × 256 wide, batch 256,
// float32 — model(x).sum().backward() after zero_grad, as bench/lab_bench.py times it in PyTorch.
// With ReLU (the target's row) or Tanh (no exact zeros: every product dense).
import { torch, nn } from '../../src/engine';

export function depthStep(act: 'relu' | 'tanh' = 'relu', depth = 50, width = 256, batch = 256): () => void {
  torch.manual_seed(0);
  const layers: nn.Module[] = [];
  for (let i = 0; i < depth; i++) layers.push(new nn.Linear(width, width), act === 'relu' ? new nn.ReLU() : new nn.Tanh());
  layers.push(new nn.Linear(width, width));
  const model = new nn.Sequential(...layers);
  const x = torch.randn([batch, width]);
  return () => {
    model.zero_grad();
    model.forward(x).sum().backward();
  };
}
