// `check` vs Debian's flake8, and diagnostics after an edit (issue 15): bench/check.ts, loaded
// only when the section runs (as the hover section is), so its modules stay out of the others' heap.
import type { Section } from '../lib/types';

export const section: Section = {
  id: 'check',
  async run(ctx) {
    const { section: impl } = await import('../check');
    return impl.run(ctx);
  },
};
