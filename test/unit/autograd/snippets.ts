// The autograd snippet table: test/fixtures/autograd/snippets/*.py and *.ipynb, each saying on
// its first line what it must produce (`# expect: AL501@7`, notebooks `AL504@2:1` = code cell 2,
// line 1; `# expect: none`, or `none (unknown)` for code whose values cannot be followed), and
// what PyTorch itself raised or warned running it (pytorch.json, scripts/gen-autograd-fixtures.py).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const DIR = 'test/fixtures/autograd/snippets';

export interface Expected { code: string; cell: number; line: number }
export interface PyTorchEvent { type?: string; category?: string; message: string; line: number | null; cell?: number }
export interface Snippet {
  name: string;
  notebook: boolean;
  /** A .py file is one cell. */
  cells: string[];
  expect: Expected[];
  /** Code whose values come from outside (a model, a loader, a parameter): nothing may be claimed. */
  unknown: boolean;
  pytorch: { errors: PyTorchEvent[]; warnings: PyTorchEvent[] };
}

const fixture = JSON.parse(readFileSync('test/fixtures/autograd/pytorch.json', 'utf8')) as {
  meta: { torch_version: string };
  cases: Record<string, { errors: PyTorchEvent[]; warnings: PyTorchEvent[] }>;
};
export const PYTORCH_META = fixture.meta;

function cellsOf(name: string): string[] {
  const raw = readFileSync(join(DIR, name), 'utf8');
  if (!name.endsWith('.ipynb')) return [raw];
  const nb = JSON.parse(raw) as { cells: Array<{ cell_type: string; source: string[] | string }> };
  return nb.cells.filter((c) => c.cell_type === 'code').map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source));
}

function parseExpect(first: string, name: string): { expect: Expected[]; unknown: boolean } {
  const m = /^# expect: (.*)$/.exec(first);
  if (!m) throw new Error(`${name}: the first line must be "# expect: …"`);
  if (m[1].startsWith('none')) return { expect: [], unknown: m[1].includes('unknown') };
  const expect = m[1].trim().split(/\s+/).map((e) => {
    const x = /^(AL\d{3})@(?:(\d+):)?(\d+)$/.exec(e);
    if (!x) throw new Error(`${name}: bad expectation ${e}`);
    return { code: x[1], cell: x[2] ? Number(x[2]) : 0, line: Number(x[3]) };
  });
  return { expect, unknown: false };
}

export function loadSnippets(): Snippet[] {
  return readdirSync(DIR).filter((n) => n.endsWith('.py') || n.endsWith('.ipynb')).sort().map((name) => {
    const cells = cellsOf(name);
    const { expect, unknown } = parseExpect(cells[0].split('\n')[0], name);
    const pytorch = fixture.cases[name];
    if (!pytorch) throw new Error(`${name}: not in pytorch.json — run /usr/bin/python3 scripts/gen-autograd-fixtures.py`);
    return { name, notebook: name.endsWith('.ipynb'), cells, expect, unknown, pytorch };
  });
}

/** The texts each finding quotes, as PyTorch 1.13 says them (the fixture decides, not this table). */
export const PYTORCH_TEXT_OF: Record<string, RegExp> = {
  AL501: /^grad can be implicitly created only for scalar outputs$/,
  AL502: /^element 0 of tensors does not require grad and does not have a grad_fn$/,
  AL503: /floating point .*dtype can require gradients$/,
  AL504: /^The \.grad attribute of a Tensor that is not a leaf Tensor is being accessed/,
  AL505: /^Can't call numpy\(\) on Tensor that requires grad/,
  AL506: /in-place operation\.$/,
};

/** What PyTorch raised or warned at the expected spot. */
export function pytorchEventAt(s: Snippet, e: Expected): PyTorchEvent | undefined {
  const all = [...s.pytorch.errors, ...s.pytorch.warnings];
  return all.find((ev) => ev.line === e.line && (ev.cell ?? 0) === e.cell && PYTORCH_TEXT_OF[e.code].test(ev.message));
}
