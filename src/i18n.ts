// Layers below src/vscode never import `vscode`; they receive this function instead.
// In the extension it is vscode.l10n.t (English source strings are the keys; `{0}` placeholders).
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** English, with `{0}`-style placeholders filled: for the CLI, unit tests and the browser worker before l10n loads. */
export const english: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
