// The findings skip evaluating a module whose own __init__ `Cls()` cannot call
// (src/custom/unbuildable.ts). That shortcut must never decide wrongly: every definition it takes
// must fail on the interpreter, for both requests the findings make, and the classes that look
// like models but do build (a default, *args, keyword-only with defaults, **kwargs, an inherited
// __init__, a rebinding of the name or of __init__) must be left to the interpreter and evaluate
// as before. Through the findings too: what AL601 and the rows at uses read is what a plain
// evaluation gives.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPython } from '../python/setup';
import { cannotBuildWithoutArguments, evaluateDefinition, findCustom, findCustomPartially, reportDefinition, sketchClassesFirst, type CustomFile } from '../../../src/custom';
import { COMPARE_POINTS, COMPARE_RANGE } from '../../../src/custom/equivalence';
import { customProgram } from '../../../src/lint/customProgram';
import { checkTree } from '../../../bench/check-tree';
import { default_generator, manual_seed } from '../../../src/engine/random';

before(loadPython);
// `check`'s reading (each file read once): classes are decided on their sketch first. The editor's
// (sketchClassesFirst off) lowers them; the property test below holds both to findCustom's verdicts.
before(() => sketchClassesFirst(true));
after(() => sketchClassesFirst(false));

const HEAD = 'import torch\nimport torch.nn as nn\n\n';
/** A module computing swish, its __init__ (or none) given. */
const swish = (name: string, init: string, base = 'nn.Module') =>
  `class ${name}(${base}):\n${init ? `    ${init}\n        super().__init__()\n\n` : ''}    def forward(self, x):\n        return x * torch.sigmoid(x)\n`;

const plain = (file: CustomFile, name: string) => {
  const d = file.definitions.find((x) => x.name === name);
  assert.ok(d, `${name} is found`);
  return d;
};

const fails = (file: CustomFile, name: string) => {
  const d = plain(file, name);
  const few = evaluateDefinition(file, d, { points: 9 });
  const grid = evaluateDefinition(file, d, { from: COMPARE_RANGE[0], to: COMPARE_RANGE[1], points: COMPARE_POINTS, dtype: 'float64' });
  return !few.ok && !grid.ok;
};

test('classes that build without arguments are left to the interpreter, and evaluate', () => {
  const builds: Record<string, string> = {
    WithDefault: 'def __init__(self, beta=1.0):',
    StarArgs: 'def __init__(self, *args):',
    OnlyStar: 'def __init__(*args):',
    KeywordOnlyDefaults: 'def __init__(self, *, beta=1.0, inplace=False):',
    StarThenKeywordDefault: 'def __init__(self, *args, beta=1.0):',
    KwArgs: 'def __init__(self, **kwargs):',
    PositionalOnlyDefault: 'def __init__(self, beta=1.0, /):',
    Typed: 'def __init__(self, beta: float = 1.0, *extra: int, **more: int):',
  };
  const text = HEAD + Object.entries(builds).map(([n, init]) => swish(n, init)).join('\n');
  for (const file of [findCustom(text), findCustomPartially(text)])
    for (const name of Object.keys(builds)) {
      const d = plain(file, name);
      assert.equal(cannotBuildWithoutArguments(file.module, d), false, name);
      assert.ok(evaluateDefinition(file, d, { points: 9 }).ok, `${name} evaluates`);
      assert.ok(reportDefinition(file, d).evaluable, `${name}'s report`);
    }
});

test('an inherited __init__, a rebound __init__ or a rebound class name are left to the interpreter', () => {
  const text = `${HEAD}class Base(nn.Module):\n    def __init__(self, beta=1.0):\n        super().__init__()\n        self.beta = beta\n\n` +
    `class Inherits(Base):\n    def forward(self, x):\n        return x * torch.sigmoid(self.beta * x)\n\n` +
    `class Needs(nn.Module):\n    def __init__(self, d):\n        super().__init__()\n\n` +
    `class InheritsRequired(Needs):\n    def forward(self, x):\n        return x * torch.sigmoid(x)\n\n` +
    // the last def binding __init__ decides, and an assignment after it is the interpreter's to read
    `class Redefined(nn.Module):\n    def __init__(self, d):\n        super().__init__()\n\n    def __init__(self, beta=1.0):\n        super().__init__()\n\n    def forward(self, x):\n        return x * torch.sigmoid(x)\n\n` +
    `class Reassigned(Base):\n    def __init__(self, d):\n        super().__init__()\n\n    __init__ = Base.__init__\n\n    def forward(self, x):\n        return x * torch.sigmoid(x)\n\n` +
    // the first Twice is never built: the name's last binding is
    swish('Twice', 'def __init__(self, d):') + '\n' + swish('Twice', 'def __init__(self, beta=2.0):');
  for (const file of [findCustom(text), findCustomPartially(text)]) {
    const verdicts = file.definitions.map((d) => [d.name, cannotBuildWithoutArguments(file.module, d), evaluateDefinition(file, d, { points: 9 }).ok]);
    assert.deepEqual(verdicts, [
      ['Inherits', false, true],
      ['InheritsRequired', false, false],
      ['Redefined', false, true],
      ['Reassigned', false, true],
      ['Twice', false, true],
      ['Twice', false, true],
    ]);
  }
});

test('classes whose own __init__ Cls() cannot call are taken, and do fail on the interpreter', () => {
  const cannot: Record<string, string> = {
    Required: 'def __init__(self, d):',
    RequiredAfterDefault: 'def __init__(self, d_in, hidden=64):',
    KeywordOnlyRequired: 'def __init__(self, *, d):',
    StarThenRequired: 'def __init__(self, *args, d):',
    OnlyStarThenRequired: 'def __init__(*args, d):',
    NoSelf: 'def __init__():',
    TypedRequired: 'def __init__(self, d: int, p: float = 0.1, **kw):',
    Decorated: '@torch.jit.unused\n    def __init__(self, d):',
  };
  const text = HEAD + Object.entries(cannot).map(([n, init]) => swish(n, init)).join('\n');
  for (const file of [findCustom(text), findCustomPartially(text)])
    for (const name of Object.keys(cannot)) {
      assert.equal(cannotBuildWithoutArguments(file.module, plain(file, name)), true, name);
      assert.ok(fails(file, name), `${name} fails on the interpreter`);
    }
});

const sources = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.py')).map((f) => ({ name: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));

test('an __init__ whose body always fails is taken; one that may return first, or calls what it binds itself, is not', () => {
  const init = (name: string, body: string) => `class ${name}(nn.Module):\n    def __init__(self, channels=3):\n        super().__init__()\n${body.replace(/^/gm, '        ')}\n\n    def forward(self, x):\n        return x * torch.sigmoid(x)\n`;
  const text = `${HEAD}import torchvision.ops as ops\n\n` + [
    init('Conv', 'self.scale = 2.0\nself.conv = nn.Conv2d(channels, 8, 3)'),
    init('Nested', 'self.net = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.zeros(1))'),
    init('Loop', 'self.layers = []\nfor i in range(channels):\n    self.layers.append(i)'),
    init('ReturnsFirst', 'self.beta = 1.0\nif channels > 0:\n    return\nself.conv = nn.Conv2d(channels, 8, 3)'),
    init('ReturnsAtTop', 'return\nself.conv = nn.Conv2d(channels, 8, 3)'),
    init('BindsItsOwn', 'ops = torch\nself.t = ops.tanh(torch.zeros(2))'),
    init('BindsAfter', 'self.conv = nn.Conv2d(channels, 8, 3)\nnn = torch'),
    init('Parameter', 'self.w = nn.Parameter(torch.ones(1))'),
    init('Conditional', 'if channels > 100:\n    self.conv = nn.Conv2d(channels, 8, 3)'),
  ].join('\n');
  for (const file of [findCustom(text), findCustomPartially(text)]) {
    const verdicts = file.definitions.map((d) => [d.name, cannotBuildWithoutArguments(file.module, d), evaluateDefinition(file, d, { points: 9 }).ok]);
    assert.deepEqual(verdicts, [
      ['Conv', true, false],
      ['Nested', true, false],
      ['Loop', true, false],
      ['ReturnsFirst', false, true],
      ['ReturnsAtTop', false, true],
      ['BindsItsOwn', false, true],
      ['BindsAfter', true, false],
      ['Parameter', false, true],
      ['Conditional', false, true],
    ]);
  }
});

test('a model that would draw random numbers before failing is left to the interpreter: the generator moves as before', () => {
  const text = `${HEAD}class Noisy(nn.Module):\n    def __init__(self, d=3):\n        super().__init__()\n        self.w = nn.Parameter(torch.randn(d))\n        self.fc = nn.Linear(d, d)\n\n    def forward(self, x):\n        return self.fc(x)\n\n` +
    `class NoisyDefault(nn.Module):\n    def __init__(self, d, w=torch.randn(2)):\n        super().__init__()\n\n    def forward(self, x):\n        return x * 2\n\n` +
    `NOISE = torch.rand(1)\n\nclass NoisyConstant(nn.Module):\n    def __init__(self, d, w=NOISE):\n        super().__init__()\n\n    def forward(self, x):\n        return x * 2\n\n` +
    `class Quiet(nn.Module):\n    def __init__(self, d, w=EPS):\n        super(Quiet, self).__init__()\n\n    def forward(self, x):\n        return x * 2\n\nEPS = 1e-6\n\n` +
    // evaluable, and what it computes depends on where the generator stands when it is evaluated
    `SLOPE = torch.rand(1)\n\ndef random_leaky(x):\n    return torch.where(x > 0, x, SLOPE * x)\n`;
  const file = findCustomPartially(text);
  assert.deepEqual(file.definitions.map((d) => [d.name, cannotBuildWithoutArguments(file.module, d)]),
    [['Noisy', false], ['NoisyDefault', false], ['NoisyConstant', false], ['Quiet', true], ['random_leaky', false]]);
  // the findings' answers, in the findings' order, leave the generator where plain evaluations do
  const plainly = () => {
    manual_seed(5);
    const few = file.definitions.map((d) => evaluateDefinition(file, d, { points: 9 }).ok);
    const reports = file.definitions.map((d) => reportDefinition(file, d));
    return { few, evaluable: reports.map((r) => r.evaluable), slope: reports[4]!.shape, state: default_generator.get_state() };
  };
  const want = plainly();
  assert.deepEqual(want.evaluable, [false, false, false, false, true]);
  manual_seed(5);
  const program = customProgram([text]);
  const few = program.file.definitions.map((d) => program.evaluates(d));
  const evaluable = program.file.definitions.map((d) => program.evaluable(d));
  assert.deepEqual({ few, evaluable, slope: program.reportOf(program.file.definitions[4]!).shape, state: default_generator.get_state() }, want);
});

test('every corpus, demo, fixture and bench file: what the shortcut takes fails, and the findings read what evaluation gives', () => {
  const files = [...sources('test/corpus'), ...sources('demo'), ...sources('test/fixtures/al601'), ...checkTree(12, 100)];
  let taken = 0;
  let evaluable = 0;
  for (const f of files) {
    const program = customProgram([f.text]);
    for (const d of program.file.definitions) {
      const few = evaluateDefinition(program.file, d, { points: 9 }).ok;
      const report = reportDefinition(program.file, d).evaluable;
      if (cannotBuildWithoutArguments(program.file.module, d)) {
        taken++;
        assert.ok(!few && !report, `${d.name} in ${f.name}`);
      }
      assert.equal(program.evaluates(d), few, `${d.name} in ${f.name} on a few points`);
      assert.equal(program.evaluable(d), report, `${d.name}'s report in ${f.name}`);
      if (report) evaluable++;
    }
  }
  assert.ok(taken >= 40 && evaluable >= 15, `${taken} taken, ${evaluable} evaluable`);
});

// partialFile.ts decides a class on its sketch (classSketch.ts) before lowering it: the verdicts
// must be the lowered class's, on every file and on the shapes the sketch reads differently
// (members it lowers whole, a class keyword, a forward returning only inside an if, later bindings).
const sketchVariants = [
  `${HEAD}class Meta(type):\n    pass\n\nclass Keyword(nn.Module, metaclass=Meta):\n    def __init__(self, d):\n        super().__init__()\n\n    def forward(self, x):\n        return x * 2\n`,
  `${HEAD}class Async(nn.Module):\n    async def __init__(self, d=1):\n        super().__init__()\n\n    def forward(self, x):\n        return x * 2\n\nclass AsyncAfter(nn.Module):\n    def __init__(self, d):\n        super().__init__()\n\n    async def helper(self):\n        return 1\n\n    def forward(self, x):\n        return x * 2\n`,
  `${HEAD}class Later(nn.Module):\n    def __init__(self, d):\n        super().__init__()\n\n    def forward(self, x):\n        return x * 2\n\nLater = nn.Identity\n\nclass Imported(nn.Module):\n    def __init__(self, d):\n        super().__init__()\n\n    def forward(self, x):\n        return x * 2\n\nfrom torch.nn import ReLU as Imported\n`,
  `${HEAD}class SelfDefault(nn.Module):\n    def __init__(self, d, kind=None, again=None):\n        super().__init__()\n\n    def forward(self, x, mode=None):\n        return x * 2\n\ndef helper(x, cls=SelfDefault):\n    return x\n`,
  `${HEAD}class IfForward(nn.Module):\n    def __init__(self, d):\n        super().__init__()\n\n    def forward(self, x):\n        if x is not None:\n            return x * 2\n\nclass IfInit(nn.Module):\n    def __init__(self, d):\n        super().__init__()\n\n    if True:\n        def __init__(self, d=1):\n            super().__init__()\n\n    def forward(self, x):\n        return x * 2\n`,
  `${HEAD}class Members(nn.Module):\n    f"""a {1} docstring"""\n    scale = 2.0\n    # a comment\n    class Inner:\n        def __init__(self, q):\n            pass\n\n    @staticmethod\n    def make(k=torch.randn(1)):\n        return k\n\n    def __init__(self, d, w=-1.5, s='a', b=True, n=None):\n        super().__init__()\n\n    def forward(self, x):\n        return x * self.scale\n\nclass Quietly(nn.Module):\n    """A model."""\n\n    def __init__(self, channels=3, hidden=(4, 8)):\n        super(Quietly, self).__init__()\n        self.scale = 2.0 * channels\n        self.net = nn.Sequential(nn.Conv2d(channels, hidden[0], 3), nn.ReLU())\n\n    def forward(self, x):\n        return self.net(x)\n`,
  `${HEAD}class NotACandidate:\n    def __init__(self, d):\n        pass\n\n    def forward(self, x):\n        return x\n\nclass NoForward(nn.Module):\n    def __init__(self, d):\n        super().__init__()\n\nclass TwoTensors(nn.Module):\n    def __init__(self, d):\n        super().__init__()\n\n    def forward(self, x, y):\n        return x * y\n`,
];

test('a class decided before it is lowered gets the lowered class\'s verdict, on every file', () => {
  const files = [...sources('test/corpus'), ...sources('demo'), ...sources('test/fixtures/al601'), ...checkTree(12, 100), ...sketchVariants.map((text, i) => ({ name: `variant ${i}`, text }))];
  let taken = 0;
  for (const [sketching, f] of files.flatMap((f) => [[true, f], [false, f]] as const)) {
    sketchClassesFirst(sketching);
    const part = findCustomPartially(f.text);
    const whole = findCustom(f.text);
    assert.deepEqual(part.definitions.map((d) => d.name), whole.definitions.map((d) => d.name), f.name);
    part.definitions.forEach((d, i) => {
      const verdict = cannotBuildWithoutArguments(part.module, d);
      assert.equal(verdict, cannotBuildWithoutArguments(whole.module, whole.definitions[i]!), `${d.name} in ${f.name}`);
      if (verdict && sketching) taken++;
    });
  }
  sketchClassesFirst(true);
  assert.ok(taken >= 100, `${taken} taken`);
});

test('a file of models: deciding that none can be built lowers none of them', () => {
  const text = `${HEAD}class Mlp(nn.Module):\n    """Two layers."""\n\n    def __init__(self, d_in, hidden=64):\n        super().__init__()\n        self.fc = nn.Linear(d_in, hidden)\n\n    def forward(self, x):\n        return self.fc(x)\n\n` +
    `class Conv(nn.Module):\n    def __init__(self, channels=3):\n        super(Conv, self).__init__()\n        self.scale = 0.5\n        self.net = nn.Sequential(nn.Conv2d(channels, 8, 3), nn.ReLU())\n\n    def forward(self, x):\n        return self.net(x) * self.scale\n\n` +
    `class Data:\n    def __init__(self, root):\n        self.root = root\n\n    def __getitem__(self, i):\n        return i\n`;
  const part = findCustomPartially(text);
  assert.deepEqual(part.definitions.map((d) => [d.name, cannotBuildWithoutArguments(part.module, d)]), [['Mlp', true], ['Conv', true]]);
  // only `import torch.nn as nn`, which the bases and the layers name
  assert.equal(part.loweredCount, 1);
  // the definitions are findCustom's when read
  assert.deepEqual(part.definitions, findCustom(text).definitions);
  assert.ok(part.definitions.every((d) => !evaluateDefinition(part, d, { points: 9 }).ok));
});
