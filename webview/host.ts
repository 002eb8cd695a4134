// The webview's only link to the extension host: typed posts, the saved state, and the
// localized strings the init message brought.
import type { ExplorerState, ToHost } from '../src/protocol';

interface VsCodeApi {
  postMessage(msg: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api: VsCodeApi = acquireVsCodeApi();

export function post(msg: ToHost) {
  api.postMessage(msg);
}

export function saveState(state: ExplorerState & { pinned?: boolean }) {
  api.setState(state);
}

export function savedState(): unknown {
  return api.getState();
}

let table: Record<string, string> = {};
export function setStrings(s: Record<string, string>) {
  table = s;
}

/** The host's translation of an English UI string, with `{0}` placeholders filled. */
export function t(message: string, ...args: Array<string | number | boolean>): string {
  const s = Object.prototype.hasOwnProperty.call(table, message) ? table[message] : message;
  return s.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}
