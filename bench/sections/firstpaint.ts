// Explorer first paint (issue 5): measured by bench/firstpaint.ts in code-server and Chromium.
// Loaded only when the section runs: importing the browser stack (playwright-core and the
// check framework) into the bench process made the engine section's W4 about 30% slower in the
// same process (77 → 106 ms median), and sections must not perturb each other.
import type { Section } from '../lib/types';

export const section: Section = {
  id: 'firstpaint',
  async run(ctx) {
    const { section: impl } = await import('../firstpaint');
    return impl.run(ctx);
  },
};
