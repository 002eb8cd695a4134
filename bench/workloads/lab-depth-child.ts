// L2 timed under another Node (the bench section starts it with Node 24, the Node that VS Code's
// code-server runs the extension host on here: V8 12+ validates relaxed SIMD, so the products
// take the fused multiply-add module that Node 20 leaves aside). Prints {"ms", "samples", "tanh":
// the same with Tanh, "variant", "node"}.
import { time } from '../lib/timing';
import { gemmVariant } from '../../src/engine/wasm/gemm';
import { depthStep } from './labDepth';

const quick = process.argv.includes('--quick');
const opts = { budgetMs: quick ? 300 : 1500, warmup: 2 };
const cell = time(depthStep('relu'), opts);
const tanh = time(depthStep('tanh'), opts);
console.log(JSON.stringify({ ...cell, tanh, variant: gemmVariant(), node: process.version }));
