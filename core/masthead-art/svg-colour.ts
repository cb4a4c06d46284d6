/**
 * SVG paint values (SVG 1.1 §11.2, CSS colour syntax): none, #rgb, #rrggbb, rgb(r, g, b) with numbers or
 * percentages, currentColor, and the CSS basic colour keywords. Result 0…255 per channel; null for none;
 * undefined for a value not understood (url(#gradient) paints among them: the caller refuses those).
 */
export type Rgb = readonly [number, number, number];

/** CSS Color Module Level 3 §4.1, the basic keywords (plus orange), which is what drawn artwork uses. */
const KEYWORDS: Readonly<Record<string, Rgb>> = {
  black: [0, 0, 0],
  silver: [192, 192, 192],
  gray: [128, 128, 128],
  grey: [128, 128, 128],
  white: [255, 255, 255],
  maroon: [128, 0, 0],
  red: [255, 0, 0],
  purple: [128, 0, 128],
  fuchsia: [255, 0, 255],
  green: [0, 128, 0],
  lime: [0, 255, 0],
  olive: [128, 128, 0],
  yellow: [255, 255, 0],
  navy: [0, 0, 128],
  blue: [0, 0, 255],
  teal: [0, 128, 128],
  aqua: [0, 255, 255],
  orange: [255, 165, 0],
  crimson: [220, 20, 60],
  darkred: [139, 0, 0],
};

export function parsePaint(value: string, current: Rgb): Rgb | null | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'none' || v === 'transparent') return null;
  if (v === 'currentcolor') return current;
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(v);
  if (hex) {
    const h = hex[1]!.length === 3 ? [...hex[1]!].map((c) => c + c).join('') : hex[1]!;
    return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
  }
  const rgb = /^rgba?\(\s*([^,\s]+)\s*,?\s*([^,\s]+)\s*,?\s*([^,\s)]+)\s*(?:[,/]\s*[^)]*)?\)$/.exec(v);
  if (rgb) {
    const channel = (s: string) => {
      const n = s.endsWith('%') ? (parseFloat(s) * 255) / 100 : parseFloat(s);
      return Math.max(0, Math.min(255, Math.round(n)));
    };
    const out = [channel(rgb[1]!), channel(rgb[2]!), channel(rgb[3]!)] as const;
    return out.some(Number.isNaN) ? undefined : out;
  }
  return KEYWORDS[v];
}

/**
 * A simple RGB → CMYK (percent) separation for artwork printed in its own colours: k from the darkest channel,
 * the rest from what remains (no ICC profile: the press proof is the reference). Pure red #ff0000 gives 0 100 100 0.
 */
export function rgbToCmyk(rgb: Rgb): [number, number, number, number] {
  const [r, g, b] = rgb.map((c) => c / 255) as [number, number, number];
  const k = 1 - Math.max(r, g, b);
  if (k >= 1) return [0, 0, 0, 100];
  const f = (c: number) => Math.round(((1 - c - k) / (1 - k)) * 1000) / 10;
  return [f(r), f(g), f(b), Math.round(k * 1000) / 10];
}
