// A tree of realistic PyTorch files for the `check` bench: models, training loops, data code and
// utilities in several styles (aliases, functional and module spellings, notebooks-turned-scripts),
// a few with the mistakes the rules find. Written by us, deterministic (an LCG picks the variants).

const HEADS = [
  'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n',
  'import math\nimport torch\nfrom torch import nn\nfrom torch.nn import functional as F\n',
  'from __future__ import annotations\n\nimport os\nimport torch as th\nimport torch.nn as nn\nimport torch.nn.functional as F\nimport numpy as np\n',
];

const torchOf = (h: number) => (h === 2 ? 'th' : 'torch');

const PARTS: Array<(i: number, t: string) => string> = [
  (i, t) => `

class MLP${i}(nn.Module):
    """A small multilayer perceptron."""

    def __init__(self, d_in: int = 784, hidden: int = 256, n_classes: int = 10, p: float = 0.1):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(d_in, hidden),
            nn.ReLU(inplace=True),
            nn.Dropout(p),
            nn.Linear(hidden, hidden // 2),
            nn.GELU(),
            nn.Linear(hidden // 2, n_classes),
        )

    def forward(self, x):
        return self.net(x.flatten(1))
`,
  (i, t) => `

class ConvNet${i}(nn.Module):
    def __init__(self, channels=3, n_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.bn = nn.BatchNorm2d(64)
        self.fc = nn.Linear(64 * 8 * 8, n_classes)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.bn(self.conv2(x))), 2)
        x = x.view(x.size(0), -1)
        return F.log_softmax(self.fc(x), dim=1)
`,
  (i, t) => `

class Attention${i}(nn.Module):
    def __init__(self, dim, heads=8):
        super().__init__()
        self.heads = heads
        self.scale = (dim // heads) ** -0.5
        self.qkv = nn.Linear(dim, dim * 3, bias=False)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x, mask=None):
        b, n, d = x.shape
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        q, k, v = (y.view(b, n, self.heads, -1).transpose(1, 2) for y in (q, k, v))
        scores = (q @ k.transpose(-2, -1)) * self.scale
        if mask is not None:
            scores = scores.masked_fill(mask == 0, float("-inf"))
        w = ${t}.softmax(scores, dim=-1)
        out = (w @ v).transpose(1, 2).reshape(b, n, d)
        return self.proj(out)
`,
  (i, t) => `

def train_epoch_${i}(model, loader, optimizer, device="cpu", clip=1.0):
    model.train()
    total, correct, running = 0, 0, 0.0
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
    for step, (inputs, targets) in enumerate(loader):
        inputs, targets = inputs.to(device), targets.to(device)
        optimizer.zero_grad(set_to_none=True)
        logits = model(inputs)
        loss = criterion(logits, targets)
        loss.backward()
        ${t}.nn.utils.clip_grad_norm_(model.parameters(), clip)
        optimizer.step()
        running += loss.item() * inputs.size(0)
        correct += (logits.argmax(dim=1) == targets).sum().item()
        total += inputs.size(0)
        if step % 100 == 0:
            print(f"step {step}: loss {running / max(total, 1):.4f} acc {correct / max(total, 1):.3f}")
    return running / max(total, 1), correct / max(total, 1)
`,
  (i, t) => `

@${t}.no_grad()
def evaluate_${i}(model, loader, device="cpu"):
    model.eval()
    probs_all, labels_all = [], []
    for inputs, labels in loader:
        logits = model(inputs.to(device))
        probs = F.softmax(logits, dim=1)
        probs_all.append(probs.cpu())
        labels_all.append(labels)
    probs = ${t}.cat(probs_all)
    labels = ${t}.cat(labels_all)
    confidence, predicted = probs.max(dim=1)
    return (predicted == labels).float().mean().item(), confidence.mean().item()
`,
  (i, t) => `

class GatedUnit${i}(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.value = nn.Linear(d, d)
        self.gate = nn.Linear(d, d)
        self.norm = nn.LayerNorm(d)

    def forward(self, x):
        g = ${t}.sigmoid(self.gate(x))
        return self.norm(x + g * ${t}.tanh(self.value(x)))
`,
  (i, t) => `

def sample_${i}(model, prompt, steps=20, temperature=0.8, top_k=50):
    tokens = prompt.clone()
    for _ in range(steps):
        logits = model(tokens)[:, -1, :] / temperature
        if top_k:
            v, _ = ${t}.topk(logits, top_k)
            logits[logits < v[:, [-1]]] = -float("inf")
        probs = F.softmax(logits, dim=-1)
        nxt = ${t}.multinomial(probs, num_samples=1)
        tokens = ${t}.cat([tokens, nxt], dim=1)
    return tokens
`,
  (i, t) => `

class Regressor${i}(nn.Module):
    def __init__(self, d_in, hidden=64):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(d_in, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh())
        self.head = nn.Linear(hidden, 1)

    def forward(self, x):
        return self.head(self.body(x)).squeeze(-1)


def fit_${i}(model, xs, ys, epochs=100, lr=1e-3):
    opt = ${t}.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss()
    for epoch in range(epochs):
        opt.zero_grad()
        loss = loss_fn(model(xs), ys)
        loss.backward()
        opt.step()
    return loss.item()
`,
  // Mistakes, in a minority of files.
  (i, t) => `

def nll_${i}(scores, targets):
    log_probs = ${t}.log(F.softmax(scores, dim=1))
    return F.nll_loss(log_probs, targets)


def manual_softmax_${i}(x):
    return ${t}.exp(x) / ${t}.exp(x).sum(-1, keepdim=True)
`,
  (i, t) => `

class Binary${i}(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.fc = nn.Linear(d, 1)

    def forward(self, x):
        return ${t}.sigmoid(self.fc(x))


binary_model_${i} = Binary${i}(16)
binary_loss_${i} = nn.BCELoss()
`,
];

let seed = 12345;
const rand = (n: number) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 8) % n; };

/** `files` Python sources of about `linesEach` lines, with names. */
export function checkTree(files = 120, linesEach = 100): Array<{ name: string; text: string }> {
  seed = 12345;
  const out: Array<{ name: string; text: string }> = [];
  for (let f = 0; f < files; f++) {
    const h = rand(HEADS.length);
    const t = torchOf(h);
    let text = `"""Module ${f}: models and training code."""\n${HEADS[h]}`;
    let k = 0;
    while (text.split('\n').length < linesEach) {
      // Mistakes in about one part in ten.
      const pick = rand(10) === 0 ? 8 + rand(2) : rand(8);
      text += PARTS[pick]!(f * 100 + k++, t);
    }
    out.push({ name: `pkg${f % 6}/module_${f}.py`, text });
  }
  return out;
}
