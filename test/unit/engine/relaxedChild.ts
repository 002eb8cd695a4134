// Node 20 validates relaxed SIMD only behind a flag, so a test file of the products runs itself
// again in a child Node with the flag: both product modules are tested on every host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { decodeModule } from '../../../src/engine/wasm/memory';
import { GEMM_RELAXED_WASM } from '../../../src/engine/wasm/kernels.generated';

const CHILD = 'ACTIVATION_LENS_RELAXED_CHILD';
export const relaxedHere = WebAssembly.validate(decodeModule(GEMM_RELAXED_WASM));

/** Registers the child run of `file` (its report must match `ran`), or, in the child, a check that it has relaxed SIMD. */
export function rerunWithRelaxed(file: string, ran: RegExp): void {
  if (!relaxedHere && !process.env[CHILD])
    test('relaxed module: the same checks in a child Node with relaxed SIMD enabled', () => {
      // without the parent runner's NODE_TEST_CONTEXT, so the child prints its own report
      const env: NodeJS.ProcessEnv = { ...process.env, [CHILD]: '1' };
      delete env.NODE_TEST_CONTEXT;
      const r = spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', '--import', 'tsx', '--test-reporter=spec', file], {
        encoding: 'utf8', env, timeout: 300_000,
      });
      assert.equal(r.status, 0, `child failed:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-2000)}`);
      assert.match(r.stdout, ran, 'the child ran the relaxed checks');
    });
  else if (process.env[CHILD])
    test('the child validates relaxed SIMD', () => assert.equal(relaxedHere, true));
}
