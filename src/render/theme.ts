// Colours for images in hovers. An <img> cannot read the editor's CSS variables, so each image
// is emitted per theme kind with concrete colours.

export type ThemeKind = 'light' | 'dark' | 'highContrast' | 'highContrastLight';

export interface Palette {
  /**
   * Background card behind every image. Images carry their own background so they stay readable
   * even when the reported theme kind is wrong (code-server's extension host has reported Light
   * under a dark theme): light ink always sits on a dark card and dark ink on a light one.
   */
  card: string;
  /** Formula glyphs and tick labels. */
  text: string;
  /** Axes, ticks and zero lines. */
  axis: string;
  grid: string;
  f: string;
  df: string;
  /** |f'| < 0.01: gradient vanishes. */
  vanishing: string;
  vanishingOpacity: number;
  /** f' == 0 exactly: hatched. */
  zero: string;
  zeroOpacity: number;
  /** Stroke widths: high contrast themes get heavier lines. */
  line: number;
}

const PALETTES: Record<ThemeKind, Palette> = {
  // PyTorch orange for f, a blue for f' that stays apart from it for colour-blind readers too.
  light: { card: '#ffffff', text: '#1f2328', axis: '#6e7781', grid: '#d8dee4', f: '#e2451d', df: '#0969da', vanishing: '#d4a72c', vanishingOpacity: 0.22, zero: '#6e7781', zeroOpacity: 0.55, line: 2 },
  dark: { card: '#1e1e1e', text: '#cccccc', axis: '#8b949e', grid: '#3a3f45', f: '#ff7b56', df: '#58a6ff', vanishing: '#d29922', vanishingOpacity: 0.2, zero: '#8b949e', zeroOpacity: 0.5, line: 2 },
  highContrast: { card: '#000000', text: '#ffffff', axis: '#ffffff', grid: '#6f6f6f', f: '#ffa657', df: '#79c0ff', vanishing: '#f2cc60', vanishingOpacity: 0.3, zero: '#ffffff', zeroOpacity: 0.6, line: 2.5 },
  highContrastLight: { card: '#ffffff', text: '#000000', axis: '#000000', grid: '#8c8c8c', f: '#b62400', df: '#0030a8', vanishing: '#9a6700', vanishingOpacity: 0.3, zero: '#000000', zeroOpacity: 0.6, line: 2.5 },
};

export function palette(kind: ThemeKind): Palette {
  return PALETTES[kind] ?? PALETTES.dark;
}

/**
 * VS Code's ColorThemeKind numbers (1 light, 2 dark, 3 high contrast, 4 high contrast light),
 * cross-checked with the configured theme's name: a name that says Dark (or Light) wins over a
 * kind that says the opposite, which some hosts report before the theme has loaded.
 */
export function themeKindFromVscode(kind: number, themeName?: string): ThemeKind {
  const k: ThemeKind = kind === 1 ? 'light' : kind === 3 ? 'highContrast' : kind === 4 ? 'highContrastLight' : 'dark';
  const name = (themeName ?? '').toLowerCase();
  if (k === 'light' && /\b(dark|black|night|midnight)\b/.test(name)) return 'dark';
  if (k === 'dark' && /\blight\b/.test(name) && !/\bdark\b/.test(name)) return 'light';
  return k;
}
