// What the engine's WebAssembly modules share: their bytes decoded from the base64 the build
// writes (no file read, so the browser bundle loads them too), and float32 views on memories
// that grow on demand.

export function decodeModule(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(s.length));
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** How far a module's memory may grow; a product or kernel needing more takes the JavaScript path. */
export const MAX_BYTES = 256 << 20;

/**
 * `memory` grown to at least `bytes`, as float32: `view` when it still covers the memory's
 * buffer (growing replaces the buffer and detaches views on the old one), else a new view;
 * null past MAX_BYTES.
 */
export function grownView(memory: WebAssembly.Memory, view: Float32Array, bytes: number): Float32Array | null {
  if (bytes > MAX_BYTES) return null;
  const have = memory.buffer.byteLength;
  if (have < bytes) memory.grow(Math.ceil((bytes - have) / 65536));
  return view.buffer === memory.buffer ? view : new Float32Array(memory.buffer);
}
