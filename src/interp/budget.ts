// Limits that make any definition end quickly, whatever it contains: hostile code (deep
// recursion, huge expressions, enormous tensors) stops as "not evaluable" instead of freezing
// the editor. The reason is data: NotEvaluable is caught at the interpreter's edge and returned.

export interface Budget {
  /** Expression and statement evaluations. */
  steps: number;
  /** Nested calls of the user's own functions. */
  depth: number;
  /** Tensor elements produced, summed over every op. */
  elements: number;
  /** Wall-clock milliseconds. */
  ms: number;
}

/**
 * Enough for any real activation on a few thousand points; steps, depth and elements end hostile
 * definitions in well under 100 ms, and do so deterministically (the same reason on a busy
 * machine). The clock is only a backstop, with room for a cold start and a loaded machine.
 */
export const DEFAULT_BUDGET: Budget = { steps: 50_000, depth: 32, elements: 500_000, ms: 1000 };

/** Why a definition could not be evaluated: the construct, at a 0-based line. */
export class NotEvaluable extends Error {
  constructor(
    readonly construct: string,
    readonly line: number,
    /** The library function called, where calling it is what the interpreter does not evaluate (`torch.nn.functional.mse_loss`). */
    readonly callee?: string,
  ) {
    // Thrown for every statement a model's code cannot be evaluated in (thousands per edit of a
    // large file) and always caught as data: a stack trace would be most of its cost.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(`not evaluable: ${construct} at line ${line + 1}`);
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.name = 'NotEvaluable';
  }
}

// Node's process.hrtime where there is one: the first read of `performance` loads Node's perf_hooks
// (a few ms of a short `check` run); both are monotonic, in ms here.
const now: () => number = typeof process !== 'undefined' && typeof process.hrtime === 'function'
  ? () => { const t = process.hrtime(); return t[0] * 1e3 + t[1] / 1e6; }
  : () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class Meter {
  private steps = 0;
  private elements = 0;
  private depth = 0;
  private readonly deadline: number;

  constructor(readonly budget: Budget) {
    this.deadline = now() + budget.ms;
  }

  step(line: number): void {
    if (++this.steps > this.budget.steps) throw new NotEvaluable(`more than ${this.budget.steps} evaluation steps`, line);
    // the clock is read every 16 steps (and before every tensor op): cheap, and no step takes long on its own
    if ((this.steps & 15) === 0 && now() > this.deadline) throw new NotEvaluable(`more than ${this.budget.ms} ms of evaluation`, line);
  }

  /** Before creating `n` elements: refuses what would exceed the budget, before any memory is taken. */
  reserve(n: number, line: number): void {
    if (!(n >= 0) || this.elements + n > this.budget.elements)
      throw new NotEvaluable(`a tensor computation beyond ${this.budget.elements} elements`, line);
    this.elements += n;
    if (now() > this.deadline) throw new NotEvaluable(`more than ${this.budget.ms} ms of evaluation`, line);
  }

  enter(line: number): void {
    if (++this.depth > this.budget.depth) throw new NotEvaluable(`recursion deeper than ${this.budget.depth} calls`, line);
  }

  leave(): void {
    this.depth--;
  }

  checkClock(line: number): void {
    if (now() > this.deadline) throw new NotEvaluable(`more than ${this.budget.ms} ms of evaluation`, line);
  }
}
