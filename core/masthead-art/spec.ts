/**
 * The 刊名 artwork of a publication (issue 12): a picture drawn in place of the typeset 刊名 in the masthead.
 * A profile (and the issue file's publication) names it as a file, or carries it embedded so that an issue file
 * moves as one file. SVG is preferred (drawn as vector paths); PNG is accepted at ≥ 600 dpi at its printed size.
 */
export type MastheadArtSpec =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'embedded'; readonly mime: MastheadArtMime; readonly data: string; readonly name?: string };

/** The formats accepted. */
export type MastheadArtMime = 'image/svg+xml' | 'image/png' | 'application/pdf';

/** How the artwork is coloured: recoloured to the masthead red (CMYK 0 100 100 0), or its own colours. */
export type MastheadArtColour = 'red' | 'own';

/**
 * The name (wp:docPr name) of the 刊名 picture in an exported .docx: our Word importer reads the picture's
 * alternative text back as the 刊名 instead of taking it as an article's picture.
 */
export const MASTHEAD_PICTURE_NAME = '刊名图';

/** The largest artwork file accepted (bytes): 5 MB. */
export const MASTHEAD_ART_MAX_BYTES = 5 * 1024 * 1024;

/** Resolution a PNG 刊名 needs at its printed size (dots per inch). */
export const MASTHEAD_ART_MIN_DPI = 600;

/** The MIME type of an artwork from its first bytes (and its name, for SVG text); undefined when none fits. */
export function sniffMime(bytes: Uint8Array, name = ''): MastheadArtMime | undefined {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return 'application/pdf';
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096));
  if (/<svg[\s>]/i.test(head) || /\.svg$/i.test(name)) return 'image/svg+xml';
  return undefined;
}

/** Base64 of bytes (pure, no Buffer: core runs in the renderer too). */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(s);
}

/** Bytes of base64 text; throws on text that is not base64. */
export function fromBase64(data: string): Uint8Array {
  const s = atob(data.replace(/\s+/g, ''));
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
