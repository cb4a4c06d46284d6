import type { ArtworkItem, ImageItem, PageLayout, RuleItem, TextItem } from '../typeset/page-layout.js';
import { segmentsToSvgD } from '../masthead-art/path-segments.js';
import { cmykCss } from './cmyk-rgb.js';

/**
 * Stage 4: pages become a pdfmake document definition — plain data, no pdfmake import. Every text item and
 * rule is absolutely positioned, so pdfmake does no line breaking of its own: the lines are ours. Each
 * face is a pdfmake font family named by its key, whose file the backend supplies.
 */

export interface PdfmakeNode {
  readonly [key: string]: unknown;
}

export interface PdfmakeDocument {
  readonly pageSize: { readonly width: number; readonly height: number };
  readonly pageMargins: readonly [number, number, number, number];
  readonly content: readonly PdfmakeNode[];
  readonly defaultStyle: { readonly font: string; readonly fontSize: number };
  readonly info: Readonly<Record<string, string>>;
  readonly watermark?: PdfmakeNode;
  readonly compress: boolean;
}

export interface DocumentOptions {
  /** Print the 样稿 (draft) watermark across every page. */
  readonly draft: boolean;
  /** Face key for the watermark and the default style. */
  readonly defaultFace: string;
  /** Extra metadata entries (e.g. the signer), merged into info. */
  readonly extraInfo?: Readonly<Record<string, string>>;
}

/** Builds the pdfmake document definition for a page layout. */
export function toPdfmakeDocument(layout: PageLayout, opts: DocumentOptions): PdfmakeDocument {
  const content = layout.pages.map((page, i) => ({
    stack: [
      ...(page.images ?? []).map(imageNode),
      ...page.rules.map(ruleNode),
      ...(page.artworks ?? []).flatMap((a) => artworkNode(a, layout)),
      ...page.texts.map((t) => textNode(t, layout.ascents)),
    ],
    ...(i > 0 ? { pageBreak: 'before' } : {}),
  }));
  return {
    pageSize: { width: layout.width, height: layout.height },
    pageMargins: [0, 0, 0, 0],
    content,
    defaultStyle: { font: opts.defaultFace, fontSize: 16 },
    info: {
      title: layout.info.title,
      author: layout.info.author,
      subject: layout.info.subject,
      keywords: layout.info.keywords,
      creator: '简报编辑台',
      producer: '简报编辑台 (pdfmake)',
      ...opts.extraInfo,
    },
    ...(opts.draft
      ? { watermark: { text: '样 稿', font: opts.defaultFace, fontSize: 110, color: [0, 0, 0, 25], opacity: 0.35, angle: -45 } }
      : {}),
    compress: true,
  };
}

/** pdfmake places a text's top at y and its baseline one ascent lower. */
function textNode(t: TextItem, ascents: ReadonlyMap<string, number>): PdfmakeNode {
  const ascent = ascents.get(t.face) ?? 0.88;
  return {
    text: t.text,
    font: t.face,
    fontSize: t.size,
    color: [...t.color],
    ...(t.charSpacing ? { characterSpacing: t.charSpacing } : {}),
    ...(t.invisible ? { opacity: 0 } : {}),
    noWrap: true,
    lineHeight: 1,
    absolutePosition: { x: t.x, y: t.baseline - ascent * t.size },
  };
}

/**
 * Artwork as a pdfmake SVG node over the whole page (pdfmake draws it with svg-to-pdfkit, in RGB: this backend
 * is the reference, not the print path), its outlines in page coordinates; a PNG as an image node over its box.
 */
function artworkNode(a: ArtworkItem, layout: PageLayout): PdfmakeNode[] {
  if (a.kind === 'image') {
    let bin = '';
    for (const b of a.png) bin += String.fromCharCode(b);
    return [{ image: `data:image/png;base64,${btoa(bin)}`, width: a.width, height: a.height, absolutePosition: { x: a.x, y: a.y } }];
  }
  const caps = { butt: 'butt', round: 'round', square: 'square' } as const;
  const paths = a.paths.map((p) => {
    const attrs = [
      `d="${segmentsToSvgD(p.segments)}"`,
      `fill="${p.fill ? cmykCss(p.fill) : 'none'}"`,
      p.fill && p.fillRule === 'evenodd' ? 'fill-rule="evenodd"' : '',
      p.stroke ? `stroke="${cmykCss(p.stroke)}" stroke-width="${p.strokeWidth}" stroke-linecap="${caps[p.lineCap]}" stroke-linejoin="${p.lineJoin}" stroke-miterlimit="${p.miterLimit}"` : '',
    ];
    return `<path ${attrs.filter(Boolean).join(' ')}/>`;
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}">${paths.join('')}</svg>`;
  return [{ svg, width: layout.width, height: layout.height, absolutePosition: { x: 0, y: 0 } }];
}

/** A picture: pdfmake embeds the JPEG as it is (DCTDecode) at its box. */
function imageNode(im: ImageItem): PdfmakeNode {
  return { image: `data:image/jpeg;base64,${im.image.data}`, width: im.width, height: im.height, absolutePosition: { x: im.x, y: im.y } };
}

function ruleNode(r: RuleItem): PdfmakeNode {
  return {
    canvas: [{ type: 'line', x1: r.x1, y1: r.y, x2: r.x2, y2: r.y2 ?? r.y, lineWidth: r.thickness, lineColor: [...r.color] }],
    absolutePosition: { x: 0, y: 0 },
  };
}
