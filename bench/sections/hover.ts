// Hover latency (issue 4): measured by bench/hover.ts, owned with the hover.
export { section } from '../hover';
