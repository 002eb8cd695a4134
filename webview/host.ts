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

/**
 * `seq` (the webview's clock, also sent to the host with setState) lets the host tell which of
 * its two copies — this one and its workspace memento — is newer when it restores after a reload:
 * VS Code persists webview state lazily, so after a quick reload it can be older than the memento.
 */
export function saveState(state: ExplorerState & { pinned?: boolean }, seq?: number) {
  api.setState(seq === undefined ? state : { ...state, seq });
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
