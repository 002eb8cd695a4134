// data: URIs for hover images. Base64 without Buffer so the browser extension host can use it.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Native btoa (Node ≥ 16, browsers, workers) is fast from the first call; the JS encoder is the fallback. */
export function base64(bytes: Uint8Array): string {
  if (typeof btoa === 'function') {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[]);
    return btoa(binary);
  }
  return base64Js(bytes);
}

export function base64Js(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + '==';
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + '=';
  }
  return out;
}

const encoder = new TextEncoder();

/** `data:image/svg+xml;base64,…` — base64 keeps markdown link syntax from ever seeing `)` or spaces. */
export function svgDataUri(svg: string): string {
  return svgData(svg).uri;
}

/** The data URI of an SVG and its size in bytes (UTF-8), encoded once. */
export function svgData(svg: string): { uri: string; bytes: number } {
  // ASCII text is its own UTF-8: btoa takes it as it is, without copying it to bytes and back.
  if (typeof btoa === 'function' && !NON_ASCII.test(svg)) return { uri: 'data:image/svg+xml;base64,' + btoa(svg), bytes: svg.length };
  const bytes = encoder.encode(svg);
  return { uri: 'data:image/svg+xml;base64,' + base64(bytes), bytes: bytes.length };
}

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;
