// PyTorch warns through Python's `warnings`; here warnings go to subscribers only, never the
// console, so the extension decides how (and whether) to show them.
export interface EngineWarning {
  category: 'UserWarning' | 'DeprecationWarning';
  message: string;
}
export type WarningHandler = (w: EngineWarning) => void;

const handlers = new Set<WarningHandler>();

/** Subscribe to engine warnings; returns the unsubscribe function. */
export function onWarning(handler: WarningHandler): () => void {
  handlers.add(handler);
  return () => {
    handlers.delete(handler);
  };
}

export function warn(message: string, category: EngineWarning['category'] = 'UserWarning'): void {
  for (const h of [...handlers]) h({ category, message });
}
