// AL301/AL302 where the model is defined in another file of the run: `torch.log(self.actor(s))`
// with `self.actor = nets.PolicyNet(…)` (or `from nets import PolicyNet as Policy`) and PolicyNet's
// forward returning F.softmax in nets.py — the actor-critic of hands-on RL code split over files.
// Through `check` (text, json, threads, a notebook importing the file) and silent where the
// class is not a file of the run, returns logits, or is defined twice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { bundleCli } from '../../../scripts/bundle-cli';
import { importedModelNames, modelReturnsOfText } from '../../../src/lint/importedModels';
import { ModuleIndex } from '../../../src/lint/join';
import { loadPython } from '../python/setup';

let dir = '';
let cli = '';
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'al-imported-models-'));
  cli = await bundleCli(dir);
  await loadPython();
});
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

function run(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, 'check', ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const NETS = `import torch
import torch.nn as nn
import torch.nn.functional as F


class PolicyNet(nn.Module):
    def __init__(self, state_dim, hidden_dim, action_dim):
        super().__init__()
        self.fc1 = nn.Linear(state_dim, hidden_dim)
        self.fc2 = nn.Linear(hidden_dim, action_dim)

    def forward(self, x):
        x = F.relu(self.fc1(x))
        return F.softmax(self.fc2(x), dim=1)


class LogitNet(nn.Module):
    def __init__(self, state_dim, action_dim):
        super().__init__()
        self.fc = nn.Linear(state_dim, action_dim)

    def forward(self, x):
        return self.fc(x)


class Discriminator(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(d, 64), nn.LeakyReLU(0.2), nn.Linear(64, 1), nn.Sigmoid())

    def forward(self, x):
        return self.net(x)
`;

function project(name: string, extra: Record<string, string> = {}): string {
  const root = join(dir, name);
  const files: Record<string, string> = {
    'rl/nets.py': NETS,
    'rl/agent.py': `import torch
import torch.nn.functional as F

import nets


class ActorCritic:
    def __init__(self, state_dim, hidden_dim, action_dim, lr, gamma, device):
        self.actor = nets.PolicyNet(state_dim, hidden_dim, action_dim).to(device)
        self.critic = nets.LogitNet(state_dim, 1).to(device)
        self.opt = torch.optim.Adam(list(self.actor.parameters()) + list(self.critic.parameters()), lr=lr)
        self.gamma = gamma

    def update(self, s, a, r, s2, done):
        target = r + self.gamma * self.critic(s2) * (1 - done)
        delta = target - self.critic(s)
        log_probs = torch.log(self.actor(s).gather(1, a))
        actor_loss = torch.mean(-log_probs * delta.detach())
        critic_loss = F.mse_loss(self.critic(s), target.detach())
        self.opt.zero_grad()
        (actor_loss + critic_loss).backward()
        self.opt.step()
`,
    'rl/reinforce.py': `import torch
from nets import PolicyNet as Policy, LogitNet


class Reinforce:
    def __init__(self, n_states, n_actions):
        self.policy = Policy(n_states, 128, n_actions)
        self.scorer = LogitNet(n_states, n_actions)

    def loss(self, states, actions, returns):
        probs = self.policy(states)
        picked = probs.gather(1, actions)
        loss = -(torch.log(picked) * returns).sum()
        # a model returning logits: its log is no log of a softmax
        floor = torch.log(self.scorer(states).clamp_min(1e-6))
        return loss + floor.mean()
`,
    'rl/gan.py': `import torch
from nets import Discriminator

D = Discriminator(784)
real, fake = torch.rand(16, 784), torch.rand(16, 784)
p_real = D(real)
p_fake = D(fake)
d_loss = -(torch.log(p_real) + torch.log(1 - p_fake)).mean()
`,
    ...extra,
  };
  for (const [f, text] of Object.entries(files)) {
    const p = join(root, f);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return root;
}

test('modelReturnsOfText: what each class\'s forward returns, through a Sequential\'s last module; a class defined twice is left out', () => {
  const m = modelReturnsOfText(NETS);
  assert.deepEqual([...m].map(([k, v]) => [k, [...v.ids], v.line]), [['PolicyNet', ['softmax'], 13], ['Discriminator', ['sigmoid'], 28]]);
  assert.deepEqual([...modelReturnsOfText(NETS + '\n\nclass PolicyNet(nn.Module):\n    def forward(self, x):\n        return x\n')].map(([k]) => k), ['Discriminator']);
  assert.deepEqual([...modelReturnsOfText('def forward(x):\n    return x\n')], []);
});

test('check: the log of a model another file defines, by module attribute, alias and module-level instance; silent for logits', () => {
  const root = project('formats');
  const t = run(root, 'rl');
  assert.equal(t.code, 1, t.err);
  const lines = t.out.split('\n').filter((l) => /: AL3/.test(l));
  assert.deepEqual(lines.map((l) => l.slice(0, l.indexOf(' ', l.indexOf('AL')))), [
    'rl/agent.py:17:21: AL301',
    'rl/gan.py:8:12: AL302',
    'rl/gan.py:8:32: AL302',
    'rl/reinforce.py:13:18: AL301',
  ]);
  assert.match(lines[0]!, /the forward of PolicyNet \(rl\/nets\.py:14\) returns softmax probabilities/);
  assert.match(lines[3]!, /the forward of PolicyNet \(rl\/nets\.py:14\) returns softmax probabilities/);
  assert.match(lines[1]!, /log of a sigmoid: the forward of Discriminator \(rl\/nets\.py:29\) returns a sigmoid/);
  assert.match(lines[1]!, /rl\/nets\.py:29/);
  assert.match(lines[2]!, /log of one minus a sigmoid: the forward of Discriminator \(rl\/nets\.py:29\)/);
  // found, never rewritten from here: the model is another file's
  const rows = run(root, '--format', 'json', 'rl').out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { code: string; fix: unknown });
  assert.ok(rows.filter((r) => r.code.startsWith('AL3')).every((r) => r.fix === null));
  // in threads, the same lines
  assert.equal(run(root, '--jobs', '3', 'rl').out, t.out);
});

test('check: silent where the model file is not part of the run, and where the class is not one the file defines', () => {
  const root = project('alone', { 'rl/other.py': 'import torch\nfrom nets import Critic\n\nc = Critic(4)\nprint(torch.log(c(torch.ones(1, 4))))\n' });
  const alone = run(join(root, 'rl'), 'agent.py', 'reinforce.py', 'other.py');
  assert.doesNotMatch(alone.out, /AL30/);
  const all = run(join(root, 'rl'), '.');
  assert.doesNotMatch(all.out, /other\.py/);
});

test('check: a notebook importing the model class from a file beside it', () => {
  const nb = {
    cells: [
      { cell_type: 'code', metadata: {}, execution_count: 1, outputs: [], source: ['import torch\n', 'from nets import PolicyNet\n'] },
      { cell_type: 'markdown', metadata: {}, source: ['## One REINFORCE step'] },
      { cell_type: 'code', metadata: {}, execution_count: 2, outputs: [], source: ['policy = PolicyNet(4, 64, 2)\n', 'probs = policy(torch.randn(8, 4))\n', 'loss = -torch.log(probs[:, 0]).mean()\n'] },
    ],
    metadata: {}, nbformat: 4, nbformat_minor: 5,
  };
  const root = project('notebook', { 'rl/play.ipynb': JSON.stringify(nb, null, 1) });
  const rows = run(root, '--format', 'json', 'rl').out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { file: string; cell?: number; line: number; code: string; message: string });
  const mine = rows.filter((r) => r.file === 'rl/play.ipynb');
  assert.deepEqual(mine.map((r) => [r.cell, r.line, r.code]), [[3, 3, 'AL301']]);
  assert.match(mine[0]!.message, /PolicyNet \(rl\/nets\.py:14\)/);
});

test('check: a model class taken through `from nets import *`, built in main(); silent where two starred files define it or an import binds the name', () => {
  const gan = 'import torch\nfrom nets import *\n\n\ndef main(loader):\n    D = Discriminator(784)\n    for real in loader:\n        d_loss = -torch.log(D(real)).mean()\n        d_loss.backward()\n';
  const root = project('star', {
    'rl/star_gan.py': gan,
    'rl/both/nets.py': NETS,
    'rl/both/more.py': NETS,
    'rl/both/gan2.py': gan.replace('from nets import *', 'from nets import *\nfrom more import *'),
    'rl/named/nets.py': NETS,
    'rl/named/gan3.py': gan.replace('from nets import *', 'from nets import *\nfrom mylib import Discriminator'),
  });
  const lines = run(root, 'rl').out.split('\n').filter((l) => /: AL3/.test(l));
  const star = lines.filter((l) => l.includes('star_gan.py'));
  assert.deepEqual(star.map((l) => l.slice(0, l.indexOf(' ', l.indexOf('AL')))), ['rl/star_gan.py:8:19: AL302']);
  assert.match(star[0]!, /the forward of Discriminator \(rl\/nets\.py:29\) returns a sigmoid/);
  assert.deepEqual(lines.filter((l) => /gan2|gan3/.test(l)), []);
});

// Real code (a pointer network): `from model import Pointer`, then `model = Pointer()`, and the log of
// `model(x)` in the training loop below. The import binds `Pointer`, not `model`: the instance is the
// module-level one (it had been taken for a name the import might bind again, and the log went unseen).
test('check: an instance named like the module its class is imported from, read in a training loop', () => {
  const loop = 'import torch\nfrom nets import PolicyNet\n\nnets = PolicyNet(4, 64, 2)\n\nfor epoch in range(3):\n    loss = -torch.log(nets(torch.randn(8, 4))[:, 0]).mean()\n    loss.backward()\n';
  const root = project('named-like-module', {
    'rl/loop.py': loop,
    // `import nets.sub as nets2`, `from nets import PolicyNet as nets`: these do bind the names they write
    'rl/aliased.py': loop.replace('from nets import PolicyNet\n', 'from nets import PolicyNet\nfrom other import thing as nets\n'),
  });
  const lines = run(root, 'rl').out.split('\n').filter((l) => /(loop|aliased)\.py.*: AL3/.test(l));
  assert.deepEqual(lines.map((l) => l.slice(0, l.indexOf(' ', l.indexOf('AL')))), ['rl/loop.py:7:13: AL301']);
  assert.match(lines[0]!, /the forward of PolicyNet \(rl\/nets\.py:14\) returns softmax probabilities/);
});

test('importedModelNames (the editor): the classes a star import gives, by their own name', () => {
  const index = new ModuleIndex(['/w/nets.py', '/w/train.py'], ['/w']);
  const models = new Map([['/w/nets.py', modelReturnsOfText(NETS)]]);
  const imports = [{ local: '*', target: 'nets.*', line: 1 }] as unknown as Parameters<typeof importedModelNames>[1];
  const named = importedModelNames('/w/train.py', imports, index, (m) => models.get(m), (m, line) => `${m}:${line + 1}`);
  assert.deepEqual([...named].map(([k, v]) => [k, v.name, [...v.ids]]), [['PolicyNet', 'PolicyNet', ['softmax']], ['Discriminator', 'Discriminator', ['sigmoid']]]);
});
