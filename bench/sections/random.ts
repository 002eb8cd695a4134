// PyTorch's generator (issue 17): randn of 65,536 elements in both dtypes, side by side with
// Debian's PyTorch (one thread). float64 normals repeat glibc's log and sincos with an emulated
// fused multiply-add per vfmadd (src/engine/glibc-libm.ts); the lab draws them for its float64
// init and inputs, so they must stay cheap: under 30 ms.
import { spawnSync } from 'node:child_process';
import { time } from '../lib/timing';
import type { Cell, Row, Section } from '../lib/types';
import { loadEngine } from '../workloads/engine';

const N = 65536;
const DTYPES = ['float64', 'float32'] as const;

const PY = `
import json, sys, time, torch
torch.set_num_threads(1)
out = {}
for name in ${JSON.stringify(DTYPES)}:
    dt = getattr(torch, name)
    for _ in range(5): torch.randn(${N}, dtype=dt)
    best = []
    for _ in range(30):
        t = time.perf_counter(); torch.randn(${N}, dtype=dt); best.append((time.perf_counter() - t) * 1000)
    best.sort(); out[name] = best[len(best) // 2]
print(json.dumps(out))
`;

function pytorch(): Record<string, Cell> {
  const r = spawnSync('/usr/bin/python3', ['-c', PY], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) {
    const na = (r.error?.message ?? r.stderr ?? 'failed').split('\n').filter(Boolean).pop() ?? 'failed';
    return Object.fromEntries(DTYPES.map((d) => [d, { na }]));
  }
  const j = JSON.parse(r.stdout) as Record<string, number>;
  return Object.fromEntries(DTYPES.map((d) => [d, { ms: j[d], samples: 30 }]));
}

export const section: Section = {
  id: 'random',
  async run({ quick }) {
    const py = pytorch();
    // bundled, as the extension ships it (see bench/workloads/engine.ts)
    const { torch } = await loadEngine();
    const rows: Row[] = DTYPES.map((dtype, i) => {
      torch.manual_seed(0);
      const engine = time(() => torch.randn([N], { dtype }), { budgetMs: quick ? 300 : 1000 });
      const abs = 'ms' in engine && dtype === 'float64' ? [{ label: '<30 ms', ratio: engine.ms / 30, limit: 1 }] : [];
      return { name: `R${i + 1} randn ${N} ${dtype}`, cells: { engine, PyTorch: py[dtype] }, targets: abs };
    });
    return {
      title: 'Generator: randn, bit for bit with PyTorch',
      columns: ['engine', 'PyTorch'],
      ratios: [['engine/PyTorch', 'engine', 'PyTorch']],
      rows,
      notes: ['float64: glibc 2.36 log/sincos (FMA variants) repeated with an exact fma emulation; float32: avx_mathfun in float32'],
    };
  },
};
