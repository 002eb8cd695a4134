// The 10,000-line training module the hover and edit rows read (bench/hover.ts, bench/check.ts).

const BLOCK = (i: number) => `
class Block${i}(nn.Module):
    def __init__(self, d_in, d_out):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(d_in, 64), nn.ReLU(inplace=True), nn.Linear(64, 64), nn.LeakyReLU(0.${(i % 9) + 1}), nn.Linear(64, d_out))
        self.gate = nn.Sigmoid()

    def forward(self, x):
        h = F.gelu(self.body(x))
        h = torch.tanh(h) + x.relu()
        scores = F.softmax(h, dim=-1)
        return F.log_softmax(scores, dim=1)


def step_${i}(model, batch, labels, opt):
    logits = model(batch)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    opt.step()
    return loss.item()
`;

/** A realistic 10,000-line training module: imports once, then blocks of model code. */
export function tenThousandLines(): string {
  const head = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\ncriterion = nn.CrossEntropyLoss()\n';
  const parts = [head];
  let lines = head.split('\n').length;
  for (let i = 0; lines < 10_000; i++) {
    const b = BLOCK(i);
    parts.push(b);
    lines += b.split('\n').length - 1;
  }
  return parts.join('').split('\n').slice(0, 10_000).join('\n') + '\n';
}
