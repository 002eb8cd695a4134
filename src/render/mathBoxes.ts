// Boxes for typesetting a formula as SVG: text runs, rows, fractions, superscripts, radicals,
// stretchy parentheses and brace-led cases. Each box knows its width, its height above the
// baseline and its depth below; drawing places it. Widths are estimated from a per-character table
// and every text run is drawn with that width (textLength), so the layout holds in whatever serif
// font the viewer has. All text is XML-escaped here.

export interface Box {
  w: number;
  /** Above the baseline. */
  a: number;
  /** Below the baseline. */
  d: number;
  draw(x: number, baseline: number, out: string[]): void;
}

/** Width of a character in em, for a serif font (close to Times/DejaVu Serif averages). */
function charEm(c: string): number {
  if (/[0-9]/.test(c)) return 0.5;
  if (/[il.,:;'!|]/.test(c)) return 0.28;
  if (/[jtfr ]/.test(c)) return 0.34;
  if (/[mw]/.test(c)) return 0.76;
  if (/[a-z]/.test(c)) return 0.5;
  if (/[MW]/.test(c)) return 0.9;
  if (/[A-Z]/.test(c)) return 0.68;
  if (/[α-ωϵϕ]/.test(c)) return 0.56;
  if (/[Α-Ω]/.test(c)) return 0.7;
  if (/[+−=<>≤≥≠×]/.test(c)) return 0.62;
  if (c === '·') return 0.3;
  if (/[()[\]{}]/.test(c)) return 0.34;
  return 0.55;
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const r2 = (v: number) => Math.round(v * 100) / 100;

export function text(s: string, size: number, italic = false): Box {
  const w = [...s].reduce((n, c) => n + charEm(c), 0) * size + (italic ? 0.04 * size : 0);
  return {
    w, a: 0.72 * size, d: 0.24 * size,
    draw(x, y, out) {
      if (!s) return;
      out.push(`<text x="${r2(x)}" y="${r2(y)}" font-size="${r2(size)}"${italic ? ' font-style="italic"' : ''} textLength="${r2(w)}" lengthAdjust="spacingAndGlyphs">${escapeXml(s)}</text>`);
    },
  };
}

export function space(w: number): Box {
  return { w, a: 0, d: 0, draw() { /* nothing */ } };
}

export function row(items: Box[]): Box {
  return {
    w: items.reduce((n, b) => n + b.w, 0),
    a: Math.max(0, ...items.map((b) => b.a)),
    d: Math.max(0, ...items.map((b) => b.d)),
    draw(x, y, out) {
      for (const b of items) { b.draw(x, y, out); x += b.w; }
    },
  };
}

/** Where fraction bars sit: the maths axis, about the height of a minus sign. */
const axis = (size: number) => 0.27 * size;

export function fraction(num: Box, den: Box, size: number): Box {
  const gap = 0.16 * size, pad = 0.12 * size, bar = Math.max(1, 0.06 * size);
  const w = Math.max(num.w, den.w) + 2 * pad;
  return {
    w, a: axis(size) + gap + num.d + num.a, d: den.a + gap - axis(size) + den.d,
    draw(x, y, out) {
      const barY = y - axis(size);
      num.draw(x + (w - num.w) / 2, barY - gap - num.d, out);
      den.draw(x + (w - den.w) / 2, barY + gap + den.a, out);
      out.push(`<rect x="${r2(x + pad / 2)}" y="${r2(barY - bar / 2)}" width="${r2(w - pad)}" height="${r2(bar)}"/>`);
    },
  };
}

export function superscript(base: Box, sup: Box, size: number): Box {
  const shift = Math.max(0.42 * size, base.a - 0.32 * size);
  return {
    w: base.w + sup.w + 0.04 * size, a: Math.max(base.a, shift + sup.a), d: Math.max(base.d, sup.d - shift),
    draw(x, y, out) {
      base.draw(x, y, out);
      sup.draw(x + base.w + 0.04 * size, y - shift, out);
    },
  };
}

export function radical(body: Box, size: number): Box {
  const sign = 0.62 * size, over = 0.14 * size, stroke = Math.max(1, 0.06 * size);
  const a = body.a + over, d = body.d;
  return {
    w: sign + body.w + 0.08 * size, a, d,
    draw(x, y, out) {
      const top = y - a + stroke / 2, bottom = y + d;
      const pts = [[x, bottom - 0.45 * (a + d)], [x + 0.16 * size, bottom - 0.52 * (a + d)], [x + 0.34 * size, bottom], [x + sign, top], [x + sign + body.w + 0.08 * size, top]];
      out.push(`<path d="M${pts.map(([px, py]) => `${r2(px!)} ${r2(py!)}`).join(' L')}" fill="none" stroke="currentColor" stroke-width="${r2(stroke)}" stroke-linejoin="round"/>`);
      body.draw(x + sign, y, out);
    },
  };
}

/** `(body)`, `[body]` or `|body|`: glyphs when the body is one line tall, drawn strokes when taller. */
export function fenced(body: Box, size: number, kind: '(' | '|' = '('): Box {
  const tall = body.a + body.d > 1.15 * size;
  if (!tall) {
    const [l, r] = kind === '(' ? [text('(', size), text(')', size)] : [text('|', size), text('|', size)];
    return row([l, body, r]);
  }
  const a = body.a + 0.06 * size, d = body.d + 0.06 * size, pw = 0.36 * size, stroke = Math.max(1, 0.065 * size);
  return {
    w: body.w + 2 * pw, a, d,
    draw(x, y, out) {
      const top = y - a, bottom = y + d, mid = (top + bottom) / 2;
      const side = (x0: number, dir: 1 | -1) => (kind === '('
        ? `M${r2(x0 + dir * 0.1 * size)} ${r2(top)} Q${r2(x0 - dir * 0.16 * size)} ${r2(mid)} ${r2(x0 + dir * 0.1 * size)} ${r2(bottom)}`
        : `M${r2(x0)} ${r2(top)} L${r2(x0)} ${r2(bottom)}`);
      out.push(`<path d="${side(x + pw / 2, 1)} ${side(x + body.w + 1.5 * pw, -1)}" fill="none" stroke="currentColor" stroke-width="${r2(stroke)}" stroke-linecap="round"/>`);
      body.draw(x + pw, y, out);
    },
  };
}

/** A left brace before rows of [value, condition]: `torch.where(c, a, b)`, `a if c else b`. */
export function cases(rows: Array<[Box, Box]>, size: number): Box {
  const gap = 0.3 * size, brace = 0.5 * size, col = 0.8 * size;
  const vw = Math.max(...rows.map(([v]) => v.w));
  const heights = rows.map(([v, c]) => [Math.max(v.a, c.a), Math.max(v.d, c.d)] as const);
  const total = heights.reduce((n, [a, d]) => n + a + d, 0) + gap * (rows.length - 1);
  const a = total / 2 + axis(size), d = total - a;
  return {
    w: brace + vw + col + Math.max(...rows.map(([, c]) => c.w)), a, d,
    draw(x, y, out) {
      const top = y - a, bottom = y + d, mid = y - axis(size), bx = x + 0.3 * size;
      const stroke = Math.max(1, 0.06 * size);
      out.push(`<path d="M${r2(bx + 0.12 * size)} ${r2(top)} Q${r2(bx)} ${r2(top)} ${r2(bx)} ${r2(top + 0.2 * size)} L${r2(bx)} ${r2(mid - 0.2 * size)} Q${r2(bx)} ${r2(mid)} ${r2(bx - 0.14 * size)} ${r2(mid)} Q${r2(bx)} ${r2(mid)} ${r2(bx)} ${r2(mid + 0.2 * size)} L${r2(bx)} ${r2(bottom - 0.2 * size)} Q${r2(bx)} ${r2(bottom)} ${r2(bx + 0.12 * size)} ${r2(bottom)}" fill="none" stroke="currentColor" stroke-width="${r2(stroke)}"/>`);
      let cy = top;
      rows.forEach(([v, c], i) => {
        const [ra, rd] = heights[i]!;
        v.draw(x + brace, cy + ra, out);
        c.draw(x + brace + vw + col, cy + ra, out);
        cy += ra + rd + gap;
      });
    },
  };
}

/** Lines stacked, their `=` signs aligned: each line is [left of =, right of =]. */
export function equations(lines: Array<[Box, Box]>, size: number): Box {
  const eq = row([space(0.28 * size), text('=', size), space(0.28 * size)]);
  const lw = Math.max(...lines.map(([l]) => l.w));
  const rows = lines.map(([l, r]) => row([space(lw - l.w), l, eq, r]));
  const gap = 0.45 * size;
  const total = rows.reduce((n, b) => n + b.a + b.d, 0) + gap * (rows.length - 1);
  return {
    w: Math.max(...rows.map((b) => b.w)), a: total, d: 0,
    draw(x, y, out) {
      let top = y - total;
      for (const b of rows) { b.draw(x, top + b.a, out); top += b.a + b.d + gap; }
    },
  };
}

export interface TypesetSvg { svg: string; width: number; height: number }

/** The box as a standalone SVG in `ink`, on a rounded card of `card` when given (else transparent). */
export function toSvg(box: Box, ink: string, card?: string, pad = 6): TypesetSvg {
  const width = Math.ceil(box.w + 2 * pad), height = Math.ceil(box.a + box.d + 2 * pad);
  const out: string[] = [];
  box.draw(pad, pad + box.a, out);
  const bg = card ? `<rect width="${width}" height="${height}" rx="4" fill="${escapeXml(card)}"/>` : '';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${bg}`
    + `<g fill="${escapeXml(ink)}" color="${escapeXml(ink)}" font-family="'STIX Two Math','Cambria Math','Times New Roman','Nimbus Roman','DejaVu Serif',serif">${out.join('')}</g></svg>`;
  return { svg, width, height };
}
