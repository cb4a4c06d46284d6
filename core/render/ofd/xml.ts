/**
 * Writing the XML of an OFD package: escaping, numbers in millimetres, and a tiny element builder. Every part
 * is UTF-8 XML in the OFD namespace (GB/T 33190-2016 §7.1: namespace http://www.ofdspec.org/2016, prefix ofd).
 */

/** The OFD namespace URI. */
export const OFD_NS = 'http://www.ofdspec.org/2016';

/** The XML declaration every part starts with. */
export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** Characters XML 1.0 does not allow (C0 controls other than tab, LF, CR; lone surrogates; U+FFFE/U+FFFF). */
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escapes text for element content or a double-quoted attribute; characters XML forbids are dropped. */
export function esc(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Points to millimetres (OFD's unit, GB/T 33190-2016 §7.3.2). */
export function ptToMm(pt: number): number {
  return (pt * 25.4) / 72;
}

/** A number as OFD writes it: at most 3 decimals (1 µm), no trailing zeros, no "-0". */
export function num(v: number): string {
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) || r === 0 ? '0' : String(r);
}

/** A length in points written in millimetres. */
export function mmOf(pt: number): string {
  return num(ptToMm(pt));
}

/** An ST_Box "x y w h", from points. */
export function box(x: number, y: number, w: number, h: number): string {
  return `${mmOf(x)} ${mmOf(y)} ${mmOf(w)} ${mmOf(h)}`;
}

/** An element: `el('ofd:Title', {}, esc(title))`; attributes with undefined values are left out. */
export function el(name: string, attrs: Readonly<Record<string, string | number | undefined>>, content?: string): string {
  let open = `<${name}`;
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined) open += ` ${key}="${esc(String(value))}"`;
  }
  return content === undefined ? `${open}/>` : `${open}>${content}</${name}>`;
}
