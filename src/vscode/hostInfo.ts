// In the web-worker extension host (vscode.dev, github.dev) one line in the extension host's
// console says so, with whether the WebAssembly SIMD kernels loaded there: the browser checks
// read it, and it is the first thing to look for when a user reports slowness on the web.
import { simdAvailable } from '../engine/wasm/simd';

export function announceWebHost(): void {
  if (typeof process !== 'undefined' && process.versions?.node) return;
  setTimeout(() => console.info(`[Activation Lens] running in the web worker extension host; SIMD kernels: ${simdAvailable() ? 'loaded' : 'unavailable (JavaScript kernels)'}`), 0);
}
