import { MastheadArtError } from './svg-tree.js';
import type { PdfDocument } from './pdf-document.js';
import { readTintFunction, type TintFunction } from './pdf-function.js';
import { isDict, isName, isStream, type PdfDict, type PdfValue } from './pdf-objects.js';
import type { Rgb } from './svg-colour.js';
import type { CmykPercent } from './vector-art.js';

/**
 * Colour spaces of a 刊名 PDF (ISO 32000-1 §8.6): DeviceGray/RGB/CMYK, CalGray/CalRGB (as their device
 * counterparts), ICCBased by its component count (/N), Indexed over one of these, and Separation (a spot colour)
 * through its tint transform (pdf-function.ts: exponential, sampled or PostScript calculator) into one of these. Pattern spaces (shadings,
 * tiling patterns) are kept as such so that painting with them is refused; Lab, DeviceN and other tint
 * transforms are refused.
 */

export type ColourSpace =
  | { readonly kind: 'gray' | 'rgb' | 'cmyk' }
  | { readonly kind: 'indexed'; readonly base: ColourSpace; readonly hival: number; readonly lookup: Uint8Array }
  | { readonly kind: 'separation'; readonly alt: ColourSpace; readonly tint: TintFunction }
  | { readonly kind: 'pattern' };

/** A colour as set: its RGB for previews and, for colours given as ink (gray, CMYK), the exact CMYK. */
export interface PaintColour {
  readonly rgb: Rgb;
  readonly cmyk?: CmykPercent;
}

export const DEVICE_GRAY: ColourSpace = { kind: 'gray' };
const DEVICE_RGB: ColourSpace = { kind: 'rgb' };
const DEVICE_CMYK: ColourSpace = { kind: 'cmyk' };

/** Initial colour of a space (§8.6.5: black for device spaces; the first index; full tint). */
export function initialComponents(cs: ColourSpace): number[] {
  switch (cs.kind) {
    case 'gray':
      return [0];
    case 'rgb':
      return [0, 0, 0];
    case 'cmyk':
      return [0, 0, 0, 1];
    case 'indexed':
      return [0];
    case 'separation':
      return [1];
    case 'pattern':
      return [];
  }
}

export function componentCount(cs: ColourSpace): number {
  return initialComponents(cs).length;
}

const clamp = (v: number) => Math.max(0, Math.min(1, Number.isFinite(v) ? v : 0));
const pct = (v: number) => Math.round(clamp(v) * 1000) / 10;

/** The colour of components in a space; undefined for a pattern. */
export function colourOf(cs: ColourSpace, c: readonly number[]): PaintColour | undefined {
  switch (cs.kind) {
    case 'gray': {
      const g = clamp(c[0] ?? 0);
      const v = Math.round(g * 255);
      return { rgb: [v, v, v], cmyk: [0, 0, 0, pct(1 - g)] };
    }
    case 'rgb':
      return { rgb: [0, 1, 2].map((i) => Math.round(clamp(c[i] ?? 0) * 255)) as unknown as Rgb };
    case 'cmyk': {
      const [cc, m, y, k] = [0, 1, 2, 3].map((i) => clamp(c[i] ?? 0)) as [number, number, number, number];
      return {
        rgb: [Math.round(255 * (1 - cc) * (1 - k)), Math.round(255 * (1 - m) * (1 - k)), Math.round(255 * (1 - y) * (1 - k))],
        cmyk: [pct(cc), pct(m), pct(y), pct(k)],
      };
    }
    case 'indexed': {
      const i = Math.max(0, Math.min(cs.hival, Math.round(c[0] ?? 0)));
      const n = componentCount(cs.base);
      const comps = Array.from({ length: n }, (_, k) => (cs.lookup[i * n + k] ?? 0) / 255);
      return colourOf(cs.base, comps);
    }
    case 'separation':
      return colourOf(cs.alt, cs.tint(clamp(c[0] ?? 1)));
    case 'pattern':
      return undefined;
  }
}

/** The colour space `v` names (a device family name, a /ColorSpace resource name, or an array). */
export function readColourSpace(v: PdfValue | undefined, opts: { doc: PdfDocument; resources: PdfDict | undefined }, depth = 0): ColourSpace {
  const { doc } = opts;
  const value = doc.resolve(v);
  if (depth > 4) throw new MastheadArtError('PDF 的颜色空间嵌套过深');
  if (isName(value)) {
    switch (value.name) {
      case 'DeviceGray':
      case 'G':
      case 'CalGray':
        return DEVICE_GRAY;
      case 'DeviceRGB':
      case 'RGB':
      case 'CalRGB':
        return DEVICE_RGB;
      case 'DeviceCMYK':
      case 'CMYK':
        return DEVICE_CMYK;
      case 'Pattern':
        return { kind: 'pattern' };
    }
    const named = doc.resolve(opts.resources?.get('ColorSpace'));
    const entry = isDict(named) ? named.get(value.name) : undefined;
    if (entry === undefined) throw new MastheadArtError(`PDF 使用了未定义的颜色空间（${value.name}）`);
    return readColourSpace(entry, opts, depth + 1);
  }
  if (Array.isArray(value) && isName(value[0])) {
    const family = value[0].name;
    switch (family) {
      case 'CalGray':
        return DEVICE_GRAY;
      case 'CalRGB':
        return DEVICE_RGB;
      case 'ICCBased': {
        const s = doc.resolve(value[1]);
        const n = isStream(s) ? doc.resolve(s.dict.get('N')) : undefined;
        if (n === 1) return DEVICE_GRAY;
        if (n === 3) return DEVICE_RGB;
        if (n === 4) return DEVICE_CMYK;
        throw new MastheadArtError('PDF 使用了无法识别的 ICC 颜色空间');
      }
      case 'Indexed':
      case 'I': {
        const base = readColourSpace(value[1], opts, depth + 1);
        const hival = doc.resolve(value[2]);
        const table = doc.resolve(value[3]);
        const lookup = isStream(table) ? doc.decode(table) : table && typeof table === 'object' && 'str' in table ? table.str : undefined;
        if (typeof hival !== 'number' || !lookup || base.kind === 'pattern') throw new MastheadArtError('PDF 的索引颜色空间无效');
        return { kind: 'indexed', base, hival, lookup };
      }
      case 'Separation': {
        const alt = readColourSpace(value[2], opts, depth + 1);
        const tint = alt.kind === 'pattern' ? undefined : readTintFunction(value[3], doc);
        const full = tint?.(1);
        if (!tint || !full || full.length !== componentCount(alt) || full.some((x) => !Number.isFinite(x))) {
          const spot = isName(value[1]) ? value[1].name : '专色';
          throw new MastheadArtError(`PDF 使用了专色「${spot}」，其颜色换算方式无法读取：请在绘图软件中把专色转换为 CMYK 后再导出`);
        }
        return { kind: 'separation', alt, tint };
      }
      case 'Pattern':
        return { kind: 'pattern' };
      case 'DeviceGray':
      case 'DeviceRGB':
      case 'DeviceCMYK':
        return readColourSpace(value[0], opts, depth + 1);
      default:
        throw new MastheadArtError(`PDF 使用了不支持的颜色空间（${family}），请在绘图软件中转换为 CMYK 或 RGB 后再导出`);
    }
  }
  throw new MastheadArtError('PDF 的颜色空间无效');
}
