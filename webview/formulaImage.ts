// A typeset formula (an SVG of glyphs from the host) shown in the theme's text colour: the image is
// a CSS mask over the foreground colour, so light, dark and high-contrast themes need no repaint.
import type { FormulaImage } from '../src/protocol';
import { h } from './dom';

export function formulaSpan(img: FormulaImage, text: string, cls = ''): HTMLElement {
  const el = h('span', { class: `formula-img ${cls}`.trim(), role: 'img', 'aria-label': text, title: text });
  // Scales down (never up past 1.15×) to fit a narrow column, keeping its proportions.
  el.style.width = `min(100%, ${img.width * 1.15}px)`;
  el.style.aspectRatio = `${img.width} / ${img.height}`;
  el.style.maskImage = `url("${img.uri}")`;
  el.style.webkitMaskImage = `url("${img.uri}")`;
  return el;
}
