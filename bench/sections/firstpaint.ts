// Explorer first paint (issue 5): measured by bench/firstpaint.ts in code-server and Chromium.
export { section } from '../firstpaint';
