// Hover latency in the real VS Code (issue 18): mouse arrives on a word → hover on screen, on a
// 10,000-line file, in freshly opened windows. Measured by bench/hoverLatency.ts in code-server
// and Chromium (loaded only when this section runs, as firstpaint does).
import type { Section } from '../lib/types';

export const section: Section = {
  id: 'hoverlatency',
  async run(ctx) {
    const { section: impl } = await import('../hoverLatency');
    return impl.run(ctx);
  },
};
