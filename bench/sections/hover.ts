// Hover latency (issue 4): measured by bench/hover.ts, owned with the hover.
// Loaded only when the section runs, as firstpaint is: importing the hover's modules (the
// Python analyser and 645 KB of formula SVG strings) into the bench process made the engine
// section's W3 float64 about 25% slower (7.0 → 8.7 ms median): a larger heap makes each of
// the scavenges and mark-compacts that W3's 24 MB of fresh buffers per call sets off cost more.
import type { Section } from '../lib/types';

export const section: Section = {
  id: 'hover',
  async run(ctx) {
    const { section: impl } = await import('../hover');
    return impl.run(ctx);
  },
};
