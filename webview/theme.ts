// Colours for charts from VS Code's theme variables, re-read whenever the theme changes (VS Code
// swaps the body class and rewrites the variables on <html>).
export interface ChartTheme {
  kind: 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';
  fg: string;
  muted: string;
  grid: string;
  axis: string;
  background: string;
  font: string;
  fontSize: number;
  series: string[];
  crosshair: string;
  vanish: string;
  dead: string;
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim() || getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

/** `color` with alpha, for any CSS colour the browser understands (hex, rgb(), named). */
export function withAlpha(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{3,8})$/i.exec(color.trim());
  if (m) {
    let h = m[1];
    if (h.length <= 4) h = [...h].map((c) => c + c).join('');
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  const rgb = /^rgba?\(([^)]+)\)$/i.exec(color.trim());
  if (rgb) {
    const [r, g, b] = rgb[1].split(/[ ,/]+/).filter(Boolean);
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  return color;
}

let parser: CanvasRenderingContext2D | null | undefined;
/** [r, g, b] of any CSS colour, through the canvas's own colour parser (one small canvas, reused). */
function rgbOf(color: string): [number, number, number] | null {
  parser ??= document.createElement('canvas').getContext('2d');
  const ctx = parser;
  if (!ctx) return null;
  ctx.fillStyle = '#000';
  ctx.fillStyle = color;
  const v = String(ctx.fillStyle);
  const hex = /^#([0-9a-f]{6})$/i.exec(v);
  if (hex) return [0, 2, 4].map((i) => parseInt(hex[1].slice(i, i + 2), 16)) as [number, number, number];
  const m = /^rgba?\(([^)]+)\)$/.exec(v);
  if (m) { const [r, g, b] = m[1].split(',').map((x) => parseFloat(x)); return [r, g, b]; }
  return null;
}
function luminance([r, g, b]: [number, number, number]) {
  const c = (v: number) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
}
/**
 * A theme's chart colour can sit too close to its background (a dark orange on a dark editor):
 * mix it towards the text colour until a line of it has 3:1 contrast. Any alpha is dropped.
 */
export function legible(color: string, background: string, fg: string): string {
  const c = rgbOf(color), bg = rgbOf(background), f = rgbOf(fg);
  if (!c || !bg || !f) return color;
  const ratio = (x: [number, number, number]) => { const a = luminance(x) + 0.05, b = luminance(bg) + 0.05; return a > b ? a / b : b / a; };
  let cur = c;
  for (let k = 0; k < 8 && ratio(cur) < 3; k++) cur = cur.map((v, i) => Math.round(v + (f[i] - v) * 0.25)) as [number, number, number];
  // Always opaque: some themes give chart colours an alpha, which washes lines out on either background.
  return `rgb(${cur[0]}, ${cur[1]}, ${cur[2]})`;
}

export function themeKind(): ChartTheme['kind'] {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  return c.contains('vscode-light') ? 'light' : 'dark';
}

let cached: { key: string; theme: ChartTheme } | undefined;
/**
 * The chart colours of the current theme. Read once per theme: the panel asks for them while it
 * builds (and each read of a CSS variable makes the browser bring styles up to date first).
 */
export function readTheme(): ChartTheme {
  const key = `${document.body.className}|${document.documentElement.className}|${document.documentElement.getAttribute('style') ?? ''}|${document.body.getAttribute('style') ?? ''}`;
  if (cached?.key !== key) cached = { key, theme: computeTheme() };
  return { ...cached.theme, series: cached.theme.series.slice() };
}

function computeTheme(): ChartTheme {
  const kind = themeKind();
  const dark = kind === 'dark' || kind === 'high-contrast';
  const fg = cssVar('--vscode-editor-foreground', dark ? '#cccccc' : '#333333');
  const hc = kind.startsWith('high-contrast');
  const series = [
    cssVar('--vscode-charts-blue', '#3794ff'),
    cssVar('--vscode-charts-orange', '#d18616'),
    cssVar('--vscode-charts-green', '#89d185'),
    cssVar('--vscode-charts-purple', '#b180d7'),
    cssVar('--vscode-charts-red', '#f14c4c'),
    cssVar('--vscode-charts-yellow', '#cca700'),
  ];
  const background = cssVar('--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff');
  return {
    kind, fg,
    muted: cssVar('--vscode-descriptionForeground', withAlpha(fg, 0.7)),
    grid: hc ? withAlpha(fg, 0.35) : withAlpha(fg, dark ? 0.12 : 0.1),
    axis: withAlpha(fg, hc ? 0.9 : 0.45),
    background,
    font: cssVar('--vscode-font-family', 'system-ui, sans-serif'),
    fontSize: parseFloat(cssVar('--vscode-font-size', '13')) || 13,
    series: series.map((c) => legible(c, background, fg)),
    crosshair: withAlpha(fg, 0.55),
    vanish: withAlpha(cssVar('--vscode-charts-yellow', '#cca700'), dark ? 0.13 : 0.16),
    dead: withAlpha(cssVar('--vscode-charts-red', '#f14c4c'), dark ? 0.16 : 0.13),
  };
}

/** Calls `onChange` when the user switches theme. */
export function watchTheme(onChange: () => void): void {
  let last = document.body.className + '|' + (document.documentElement.getAttribute('style') ?? '').length;
  const check = () => {
    const now = document.body.className + '|' + (document.documentElement.getAttribute('style') ?? '').length;
    if (now !== last) {
      last = now;
      onChange();
    }
  };
  const obs = new MutationObserver(check);
  obs.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  obs.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}
