let enabled = true;

export function is_grad_enabled(): boolean {
  return enabled;
}

/** Runs `fn` with gradient recording off (PyTorch's `with torch.no_grad():`). */
export function no_grad<T>(fn: () => T): T {
  const prev = enabled;
  enabled = false;
  try {
    return fn();
  } finally {
    enabled = prev;
  }
}

export function set_grad_enabled(mode: boolean): void {
  enabled = mode;
}
