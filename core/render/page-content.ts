import type { Cmyk } from '../typeset/preset.js';
import type { ImageItem, Page, RuleItem, TextItem } from '../typeset/page-layout.js';
import type { MarkedPiece } from './pdf-structure.js';
import { num } from './pdf-writer.js';
import { artworkContent } from './artwork-content.js';
import type { ArtworkItem } from '../typeset/page-layout.js';

/**
 * Stage 5 of the PDF backend: one page of the backend-neutral PageLayout as a PDF content stream (ISO 32000-1
 * §8–9). Rules are stroked lines, texts are runs of 2-byte glyph codes (Identity-H) set at their baseline with
 * their character spacing as Tc — the PDF's own meaning of TextItem.charSpacing. The layout's y runs down from
 * the page's top; PDF's runs up from its bottom.
 */

/** How a text is written in a font resource: its resource name and the operator showing it (Tj or TJ). */
export interface TextEncoding {
  readonly resource: string;
  readonly op: string;
}

export interface PageContentOptions {
  readonly pageHeight: number;
  /** Encodes a text in a face (adding its glyphs to the face's subset). */
  readonly encode: (face: string, text: string) => TextEncoding;
  /**
   * Tagged PDF: how each text is marked (pdf-structure.ts), called in drawing order. With it, every text is
   * marked content (an MCID, or an artifact) and the rules are layout artifacts.
   */
  readonly mark?: (t: TextItem) => readonly MarkedPiece[];
  /** With `mark`: the MCID of a new marked-content sequence of a piece's owner. */
  readonly begin?: (owner: object) => number;
  /** The XObject resource name of an image artwork (absent: image artworks are left out). */
  readonly artImage?: (a: ArtworkItem) => string;
  /** The XObject resource name of a picture (pictures are drawn only with it). */
  readonly image?: (item: ImageItem) => string;
  /** Tagged: the structure element owning a picture (its Figure); absent, the picture is an artifact. */
  readonly figure?: (item: ImageItem) => object | undefined;
}

/** A picture as an image XObject scaled into its box (§8.9.5: the image space is the unit square). */
function image(item: ImageItem, opts: PageContentOptions): string {
  const y = opts.pageHeight - item.y - item.height;
  const draw = `q ${num(item.width)} 0 0 ${num(item.height)} ${num(item.x)} ${num(y)} cm /${opts.image!(item)} Do Q\n`;
  if (!opts.mark || !opts.begin) return draw;
  const owner = opts.figure?.(item);
  return owner ? `/Figure <</MCID ${opts.begin(owner)}>> BDC\n${draw}EMC\n` : `/Artifact <</Type /Layout>> BDC\n${draw}EMC\n`;
}

/** CMYK in percent (the layout's colours) as PDF operands 0…1. */
function cmyk(color: Cmyk): string {
  return color.map((c) => num(c / 100)).join(' ');
}

function rule(r: RuleItem, height: number): string {
  const y = num(height - r.y);
  const y2 = r.y2 === undefined ? y : num(height - r.y2);
  return `${cmyk(r.color)} K ${num(r.thickness)} w ${num(r.x1)} ${y} m ${num(r.x2)} ${y2} l S\n`;
}

function text(t: TextItem, opts: PageContentOptions, pieces?: readonly MarkedPiece[], begin?: (owner: object) => number): string {
  // Invisible text (render mode 3, §9.3.6) is set in its own q … Q: Tr is graphics state and outlives ET.
  if (t.invisible) return `q 3 Tr ${text({ ...t, invisible: false }, opts, pieces, begin).replace(/\n$/, '')} Q\n`;
  const start = `${cmyk(t.color)} k BT /`;
  const position = ` ${num(t.size)} Tf ${num(t.charSpacing)} Tc 1 0 0 1 ${num(t.x)} ${num(opts.pageHeight - t.baseline)} Tm `;
  if (!pieces || !begin) {
    const { resource, op } = opts.encode(t.face, t.text);
    return `${start}${resource}${position}${op} ET\n`;
  }
  // Marked content inside the text object (§14.6: a sequence there stays within it); Tj continues where the
  // previous piece ended, so a split text is drawn exactly as a whole one.
  let resource = '';
  let shown = '';
  for (const piece of pieces) {
    const enc = opts.encode(t.face, piece.text);
    resource = enc.resource;
    shown += `${tagOf(piece, begin)} ${enc.op} EMC `;
  }
  return `${start}${resource}${position}${shown}ET\n`;
}

function tagOf(piece: MarkedPiece, begin: (owner: object) => number): string {
  return piece.owner ? `/${piece.role} <</MCID ${begin(piece.owner)}>> BDC` : '/Artifact <</Type /Pagination>> BDC';
}

/**
 * The content stream of a page: rules first, then artwork, then texts (the order the pdfmake backend draws them in). Tagged:
 * consecutive texts of one element (or artifacts) share one marked-content sequence around their text objects;
 * a text split into a label and the rest is marked inside its text object.
 */
export function pageContent(page: Page, opts: PageContentOptions): string {
  let out = '';
  if (opts.image) for (const item of page.images ?? []) out += image(item, opts);
  const tagged = opts.mark && opts.begin;
  if (page.rules.length && tagged) out += '/Artifact <</Type /Layout>> BDC\n';
  for (const r of page.rules) out += rule(r, opts.pageHeight);
  if (page.rules.length && tagged) out += 'EMC\n';
  // Artwork (the 刊名 picture) is decoration of the 刊名 text set invisibly over it: a layout artifact when tagged.
  const artworks = page.artworks ?? [];
  if (artworks.length && tagged) out += '/Artifact <</Type /Layout>> BDC\n';
  for (const a of artworks) out += artworkContent(a, { pageHeight: opts.pageHeight, ...(opts.artImage ? { image: opts.artImage } : {}) });
  if (artworks.length && tagged) out += 'EMC\n';
  if (!opts.mark || !opts.begin) {
    for (const t of page.texts) out += text(t, opts);
    return out;
  }
  const ARTIFACT = {};
  let open: object | undefined;
  for (const t of page.texts) {
    const pieces = opts.mark(t);
    const single = pieces.length === 1 ? pieces[0]! : undefined;
    if (single) {
      const owner = single.owner ?? ARTIFACT;
      if (owner !== open) {
        if (open) out += 'EMC\n';
        out += `${tagOf(single, opts.begin)}\n`;
        open = owner;
      }
      out += text(t, opts);
    } else {
      if (open) out += 'EMC\n';
      open = undefined;
      out += text(t, opts, pieces, opts.begin);
    }
  }
  if (open) out += 'EMC\n';
  return out;
}

/** The draft watermark of a page, as the preview draws it too: text, size, colour, opacity and angle. */
export interface Watermark {
  readonly text: string;
  readonly face: string;
  readonly size: number;
  readonly color: Cmyk;
  readonly opacity: number;
  /** Degrees, counter-clockwise (45: rising to the right). */
  readonly angle: number;
}

/** The 样稿 watermark drawn across every page of a draft. */
export function draftWatermark(face: string): Watermark {
  return { text: '样 稿', face, size: 110, color: [0, 0, 0, 25], opacity: 0.35, angle: 45 };
}

/**
 * Where a watermark's baseline starts in layout coordinates (y down) before rotation about the page centre:
 * the text is centred on the page, its em box centred vertically.
 */
export function watermarkOrigin(w: Watermark, opts: { width: number; height: number; advance: number; ascent: number; descent: number }): { x: number; y: number } {
  const boxHeight = (opts.ascent - opts.descent) * w.size;
  return { x: opts.width / 2 - opts.advance / 2, y: opts.height / 2 - boxHeight / 2 + opts.ascent * w.size };
}

/** The watermark's content stream (needs a graphics state named /GSw with its opacity). */
export function watermarkContent(
  w: Watermark,
  opts: { width: number; height: number; advance: number; ascent: number; descent: number; encode: PageContentOptions['encode'] },
): string {
  const { resource, op } = opts.encode(w.face, w.text);
  const origin = watermarkOrigin(w, opts);
  const rad = (w.angle * Math.PI) / 180;
  const cos = num(Math.cos(rad));
  const sin = num(Math.sin(rad));
  const cx = opts.width / 2;
  const cy = opts.height / 2;
  // Rotate about the page centre, then set the text at its origin relative to the centre.
  return (
    `q /GSw gs 1 0 0 1 ${num(cx)} ${num(cy)} cm ${cos} ${sin} ${num(-Math.sin(rad))} ${cos} 0 0 cm ` +
    `${cmyk(w.color)} k BT /${resource} ${num(w.size)} Tf 1 0 0 1 ${num(origin.x - cx)} ${num(cy - origin.y)} Tm ${op} ET Q\n`
  );
}
