// "Copy as PyTorch" for the training race: a script that rebuilds the lab's data and networks
// from the same seed, trains them with the same steps and plots what the lab shows. Each line
// mirrors src/lab/ (datasets.ts, network.ts, trainer.ts): same draws from the same generators,
// same elementwise order, so Debian's PyTorch reproduces the lab's loss curves (float32: within
// 1e-4 relative at every step). Pure; configs are checked (src/lab/config.ts) before they get here.
import type { Translate } from '../i18n';
import { english } from '../i18n';
import type { TrainConfig } from '../lab/config';
import { moduleOf } from '../lab/network';

function py(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'float("nan")';
  if (v === null || v === undefined) return 'None';
  return JSON.stringify(String(v));
}

/** `nn.LeakyReLU(negative_slope=0.2)` for a checked config's activation. */
export function moduleExpression(cfg: Pick<TrainConfig, 'activation' | 'params'>): string {
  const { name, kwargs } = moduleOf(cfg.activation, cfg.params);
  return `nn.${name}(${Object.entries(kwargs).map(([k, v]) => `${k}=${py(v)}`).join(', ')})`;
}

const DATASET_CODE = `def make_data():
    """The lab's dataset: float64 draws from a private generator, then cast."""
    g = torch.Generator().manual_seed(SEED)
    n = POINTS
    first = torch.arange(n) < n // 2
    label = (~first).to(torch.float64)
    if DATASET in ('moons', 'circles', 'spiral'):
        u = torch.rand(n, generator=g, dtype=torch.float64)
        if DATASET == 'moons':
            t = u * math.pi
            c, s = torch.cos(t), torch.sin(t)
            x0 = torch.where(first, c, 1 - c) - 0.5
            x1 = torch.where(first, s, 0.5 - s) - 0.25
        elif DATASET == 'circles':
            t = u * (2 * math.pi)
            r = 1.0 - 0.5 * label
            x0, x1 = r * torch.cos(t), r * torch.sin(t)
        else:
            a = u * (3 * math.pi) + label * math.pi
            x0, x1 = u * torch.cos(a), u * torch.sin(a)
    elif DATASET == 'xor':
        p = torch.rand(n, 2, generator=g, dtype=torch.float64)
        x0, x1 = p[:, 0] * 2 - 1, p[:, 1] * 2 - 1
        label = (x0 * x1 > 0).to(torch.float64)
    else:  # blobs
        b = torch.randn(n, 2, generator=g, dtype=torch.float64)
        centre = label * 2 - 1
        x0, x1 = b[:, 0] * 0.4 + centre, b[:, 1] * 0.4 + centre
    e = torch.randn(n, 2, generator=g, dtype=torch.float64)
    x = torch.stack([x0 + e[:, 0] * NOISE, x1 + e[:, 1] * NOISE], dim=1)
    return x.to(DTYPE), label.to(DTYPE).unsqueeze(1), g
`;

const TRAIN_CODE = `def make_model(act):
    torch.manual_seed(SEED)
    layers = [nn.Linear(2, WIDTH), act()]
    for _ in range(DEPTH - 1):
        layers += [nn.Linear(WIDTH, WIDTH), act()]
    layers.append(nn.Linear(WIDTH, 1))
    return nn.Sequential(*layers).to(DTYPE)


def batches(x, y, g):
    n = x.shape[0]
    if BATCH_SIZE is None or BATCH_SIZE >= n:
        while True:
            yield x, y
    while True:
        perm = torch.randperm(n, generator=g)
        for k in range(0, n, BATCH_SIZE):
            idx = perm[k:k + BATCH_SIZE]
            yield x[idx], y[idx]


def train(act):
    x, y, g = make_data()
    model = make_model(act)
    opt = torch.optim.SGD(model.parameters(), lr=LR) if OPTIMIZER == 'sgd' else torch.optim.Adam(model.parameters(), lr=LR)
    losses, accuracy = [], []
    data = batches(x, y, g)
    for _ in range(STEPS):
        xb, yb = next(data)
        opt.zero_grad()
        logits = model(xb)
        loss = F.binary_cross_entropy_with_logits(logits, yb)
        loss.backward()
        opt.step()
        losses.append(loss.item())
        accuracy.append(((logits.detach() > 0) == (yb > 0.5)).to(DTYPE).mean().item())
    return model, x, y, losses, accuracy
`;

const PLOT_CODE = `def plot(results):
    import matplotlib.pyplot as plt
    names = list(results)
    fig, axes = plt.subplots(2, max(2, len(names)), figsize=(4 * max(2, len(names)), 7))
    for name in names:
        axes[0][0].plot(results[name][3], label=name)
        axes[0][1].plot(results[name][4], label=name)
    axes[0][0].set_title('loss'); axes[0][0].set_yscale('log'); axes[0][0].legend()
    axes[0][1].set_title('accuracy'); axes[0][1].legend()
    for ax in axes[0][2:]:
        ax.axis('off')
    for ax, name in zip(axes[1], names):
        model, x, y = results[name][:3]
        ext = float(x.abs().max()) * 1.15
        gx, gy = torch.meshgrid(torch.linspace(-ext, ext, 120), torch.linspace(ext, -ext, 120), indexing='xy')
        with torch.no_grad():
            p = torch.sigmoid(model.eval()(torch.stack([gx.flatten(), gy.flatten()], 1).to(DTYPE))).reshape(120, 120)
        ax.imshow(p, extent=(-ext, ext, -ext, ext), cmap='RdBu', vmin=0, vmax=1)
        ax.scatter(x[:, 0], x[:, 1], c=y[:, 0], cmap='RdBu', edgecolors='k', s=12)
        ax.set_title(name)
    plt.tight_layout()
    plt.show()
`;

/** The script for one or more race entries that share everything but the activation. */
export function labScript(configs: TrainConfig[], t: Translate = english): string {
  const c = configs[0];
  const acts = configs.map((k) => `    ${py(k.activation)}: lambda: ${moduleExpression(k)},`).join('\n');
  return `# ${t('Activation Lens — training race, reproduced in PyTorch.')}
# ${t('Run it with Python and PyTorch: it rebuilds the same data and networks from the same seed and plots the loss curves and decision boundaries. --json prints the curves instead.')}
import json
import math
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)

SEED = ${c.seed}
DATASET = ${py(c.dataset)}
POINTS = ${c.points}
NOISE = ${py(c.noise)}
DEPTH = ${c.depth}
WIDTH = ${c.width}
STEPS = ${c.steps}
LR = ${py(c.lr)}
OPTIMIZER = ${py(c.optimizer)}
BATCH_SIZE = ${py(c.batchSize)}
DTYPE = torch.${c.dtype}
ACTIVATIONS = {
${acts}
}


${DATASET_CODE}

${TRAIN_CODE}

${PLOT_CODE}

if __name__ == '__main__':
    results = {name: train(act) for name, act in ACTIVATIONS.items()}
    if '--json' in sys.argv:
        print(json.dumps({name: {'losses': r[3], 'accuracy': r[4]} for name, r in results.items()}))
    else:
        plot(results)
`;
}
