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

export function themeKind(): ChartTheme['kind'] {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  return c.contains('vscode-light') ? 'light' : 'dark';
}

export function readTheme(): ChartTheme {
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
  return {
    kind, fg,
    muted: cssVar('--vscode-descriptionForeground', withAlpha(fg, 0.7)),
    grid: hc ? withAlpha(fg, 0.35) : withAlpha(fg, dark ? 0.12 : 0.1),
    axis: withAlpha(fg, hc ? 0.9 : 0.45),
    background: cssVar('--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff'),
    font: cssVar('--vscode-font-family', 'system-ui, sans-serif'),
    fontSize: parseFloat(cssVar('--vscode-font-size', '13')) || 13,
    series,
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
