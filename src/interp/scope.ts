// Python's name lookup for the subset: a function's locals, then the scopes it was defined in,
// then the module's globals. Globals may be lazy (a module-level `ALPHA = 1.702` is evaluated the
// first time a definition reads it, never otherwise).
import type { Value } from './values';

export class Scope {
  private readonly vars = new Map<string, Value>();
  constructor(readonly parent: Scope | null) {}

  get(name: string): Value | undefined {
    for (let s: Scope | null = this; s; s = s.parent) {
      if (s.vars.has(name)) return s.vars.get(name);
      const lazy = s.resolve(name);
      if (lazy !== undefined) return lazy;
    }
    return undefined;
  }

  set(name: string, v: Value): void {
    this.vars.set(name, v);
  }

  has(name: string): boolean {
    return this.vars.has(name);
  }

  /**
   * Whether some name `get` would find here holds a value `holds` accepts (bindings shadowed by an
   * inner scope do not count); undefined when a scope on the way binds names lazily, which only
   * asking for each name could tell, or when more than `limit` bindings would have to be looked at
   * (a caller with fewer names to ask about asks for each instead).
   */
  anyVisible(holds: (v: Value) => boolean, limit = Number.POSITIVE_INFINITY): boolean | undefined {
    let bindings = 0;
    for (let s: Scope | null = this; s; s = s.parent) {
      if (s.resolve !== Scope.prototype.resolve) return undefined;
      bindings += s.vars.size;
    }
    if (bindings > limit) return undefined;
    let found = false;
    for (let s: Scope | null = this; s && !found; s = s.parent) {
      const outer = s;
      // forEach: a for-of over the entries would allocate an array per binding
      outer.vars.forEach((v, name) => {
        if (found || !holds(v)) return;
        for (let inner: Scope | null = this; inner !== outer; inner = inner!.parent) if (inner!.vars.has(name)) return;
        found = true;
      });
    }
    return found;
  }

  /** Overridden by the module scope for names bound by statements not evaluated yet. */
  protected resolve(_name: string): Value | undefined {
    return undefined;
  }
}
