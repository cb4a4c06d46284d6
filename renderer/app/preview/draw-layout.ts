import { cmykCss } from '../../../core/render/cmyk-rgb.js';
import type { PreviewArtImage, PreviewArtwork, PreviewImage, PreviewLayout, PreviewPage, PreviewText, PreviewWatermark } from '../../../core/render/preview-layout.js';

/**
 * The preview's drawing backend: a page of the PreviewLayout (core/render/preview-layout.ts) drawn on a canvas —
 * glyph outlines filled at the positions the PDF puts them, rules stroked, the 样稿 watermark — with pdf.js's
 * CMYK → RGB conversion (core/render/cmyk-rgb.ts), so that the pixels are those of the exported PDF.
 */

/** Glyph outlines received in this preview session, as Path2D objects (built once). */
export class GlyphStore {
  private readonly faces = new Map<string, { unitsPerEm: number; paths: Map<number, Path2D> }>();
  /** Decoded image artwork (a PNG 刊名) of this preview session. */
  readonly images = new ImageStore();

  /** Adds the outlines a result carried. */
  merge(glyphs: PreviewLayout['glyphs']): void {
    for (const [key, face] of Object.entries(glyphs)) {
      let entry = this.faces.get(key);
      if (!entry) {
        entry = { unitsPerEm: face.unitsPerEm, paths: new Map() };
        this.faces.set(key, entry);
      }
      for (const [gid, d] of Object.entries(face.paths)) entry.paths.set(Number(gid), new Path2D(d));
    }
  }

  /** Whether every glyph of the texts is here. */
  has(texts: readonly PreviewText[]): boolean {
    return texts.every((t) => {
      const face = this.faces.get(t.face);
      return !!face && t.gids.every((g) => face.paths.has(g));
    });
  }

  face(key: string): { unitsPerEm: number; paths: Map<number, Path2D> } | undefined {
    return this.faces.get(key);
  }
}

/**
 * Decoded image artwork (a PNG 刊名) by its bytes: decoding is asynchronous, so a page drawn before its picture is
 * ready is drawn again when it is (`onReady`).
 */
export class ImageStore {
  private readonly images = new WeakMap<Uint8Array, ImageBitmap | 'loading'>();

  /** The decoded image, or undefined while it decodes (then `onReady` is called once it has). */
  get(png: Uint8Array, onReady: () => void): ImageBitmap | undefined {
    const hit = this.images.get(png);
    if (hit && hit !== 'loading') return hit;
    if (!hit) {
      this.images.set(png, 'loading');
      void createImageBitmap(new Blob([png as BlobPart], { type: 'image/png' })).then((bitmap) => {
        this.images.set(png, bitmap);
        onReady();
      });
    }
    return undefined;
  }
}

/** Pictures received in this preview session, decoded once (drawn only when decoded). */
export class PictureStore {
  private readonly images = new Map<string, HTMLImageElement>();

  /** Adds the pictures a result carried; resolves when they are decoded (a broken one is left out). */
  async merge(pictures: PreviewLayout['pictures']): Promise<void> {
    const pending: Promise<void>[] = [];
    for (const [id, data] of Object.entries(pictures ?? {})) {
      if (this.images.has(id)) continue;
      const img = new Image();
      img.src = `data:image/jpeg;base64,${data}`;
      this.images.set(id, img);
      pending.push(img.decode().catch(() => undefined));
    }
    await Promise.all(pending);
  }

  /** Whether every picture of the pages is here. */
  has(images: readonly PreviewImage[]): boolean {
    return images.every((im) => this.images.has(im.id));
  }

  get(id: string): HTMLImageElement | undefined {
    return this.images.get(id);
  }
}

/**
 * Pages by key, as received (a result names a page it sent before by its key only): those with their drawing data,
 * and those with only their text lines (sent out of the view's window; drawn once their data is asked for).
 */
export class PageStore {
  private readonly pages = new Map<string, PreviewPage>();
  private readonly outlines = new Map<string, PreviewPage>();
  private static readonly LIMIT = 3000;
  private static readonly TEXT_LIMIT = 20_000;

  merge(pages: readonly PreviewPage[]): void {
    for (const p of pages) {
      if (p.lines && !this.outlines.has(p.key)) {
        if (this.outlines.size >= PageStore.TEXT_LIMIT) this.outlines.delete(this.outlines.keys().next().value!);
        this.outlines.set(p.key, { number: p.number, key: p.key, lines: p.lines });
      }
      if (!p.texts) continue;
      if (this.pages.size >= PageStore.LIMIT) this.pages.delete(this.pages.keys().next().value!);
      this.pages.set(p.key, p);
    }
  }

  /** The full page for a (possibly key-only) page of a result, if known. */
  get(page: PreviewPage): PreviewPage | undefined {
    return page.texts ? page : this.pages.get(page.key);
  }

  /** The full page if known, else the page's text lines without its drawing data, else undefined. */
  resolve(page: PreviewPage): PreviewPage | undefined {
    return this.get(page) ?? this.outlines.get(page.key);
  }
}

/** A 2-D affine transform [a, b, c, d, e, f] (canvas setTransform order). */
type Affine = readonly [number, number, number, number, number, number];

const IDENTITY: Affine = [1, 0, 0, 1, 0, 0];

/**
 * Fills a text's glyphs. Each glyph's transform (base × scale-and-flip at its origin) is computed here as six numbers
 * and set with setTransform(a, …, f): no DOMMatrix is made per glyph (the allocation and the matrix argument's
 * conversion cost more than the fill on a page of a thousand glyphs).
 */
function drawText(ctx: CanvasRenderingContext2D, t: PreviewText, glyphs: GlyphStore, scale: number, base: Affine): void {
  const face = glyphs.face(t.face);
  if (!face) return;
  ctx.fillStyle = cmykCss(t.color);
  const s = (t.size / face.unitsPerEm) * scale;
  const [a, b, c, d, e, f] = base;
  const ty = t.baseline * scale;
  for (let i = 0; i < t.gids.length; i++) {
    const path = face.paths.get(t.gids[i]!);
    if (!path) continue;
    const tx = t.xs[i]! * scale;
    // base × [s 0 0 −s tx ty]
    ctx.setTransform(a * s, b * s, -c * s, -d * s, a * tx + c * ty + e, b * tx + d * ty + f);
    ctx.fill(path);
  }
}

/**
 * A PNG 刊名 as the PDF prints it: a grey one's dark pixels in the tint (the image drawn, then the tint laid over
 * it with 'screen' so white stays paper and black becomes the tint); a coloured one as it is.
 */
function drawArtImage(
  ctx: CanvasRenderingContext2D,
  image: PreviewArtImage,
  scale: number,
  opts: { readonly images?: ImageStore; readonly onImageReady?: () => void },
): void {
  const bitmap = opts.images?.get(image.png, opts.onImageReady ?? (() => undefined));
  if (!bitmap) return;
  const box = [image.x * scale, image.y * scale, image.width * scale, image.height * scale] as const;
  ctx.save();
  ctx.beginPath();
  ctx.rect(...box);
  ctx.clip();
  ctx.drawImage(bitmap, ...box);
  if (image.tint) {
    ctx.globalCompositeOperation = 'screen';
    ctx.fillStyle = cmykCss(image.tint);
    ctx.fillRect(...box);
  }
  ctx.restore();
}

/** An outline of the 刊名 picture (page coordinates, as the PDF's path operators). */
function drawArtwork(ctx: CanvasRenderingContext2D, a: PreviewArtwork, scale: number): void {
  ctx.setTransform(new DOMMatrix([scale, 0, 0, scale, 0, 0]));
  paintOutline(ctx, a);
  ctx.setTransform(new DOMMatrix());
  ctx.lineCap = 'butt';
  ctx.lineJoin = 'miter';
}

/** Fills and strokes an artwork outline in the canvas's current transform (the preview and 期刊设置's card). */
export function paintOutline(ctx: CanvasRenderingContext2D, a: PreviewArtwork): void {
  const path = new Path2D(a.d);
  if (a.fill) {
    ctx.fillStyle = cmykCss(a.fill);
    ctx.fill(path, a.fillRule);
  }
  if (a.stroke) {
    ctx.strokeStyle = cmykCss(a.stroke);
    ctx.lineWidth = a.strokeWidth;
    ctx.lineCap = a.lineCap;
    ctx.lineJoin = a.lineJoin;
    ctx.miterLimit = a.miterLimit;
    ctx.stroke(path);
  }
}

function drawWatermark(ctx: CanvasRenderingContext2D, w: PreviewWatermark, layout: PreviewLayout, glyphs: GlyphStore, scale: number): void {
  const cx = (layout.width / 2) * scale;
  const cy = (layout.height / 2) * scale;
  const m = new DOMMatrix().translate(cx, cy).rotate(-w.angle).translate(-cx, -cy);
  ctx.save();
  ctx.globalAlpha = w.opacity;
  drawText(ctx, w.text, glyphs, scale, [m.a, m.b, m.c, m.d, m.e, m.f]);
  ctx.restore();
}

/**
 * Draws one page on a canvas `pixelWidth` wide (its height follows the page's shape). The canvas is redrawn in
 * one task, so it never shows half a page.
 */
export function drawPage(
  canvas: HTMLCanvasElement,
  page: PreviewPage,
  opts: { readonly layout: PreviewLayout; readonly glyphs: GlyphStore; readonly pixelWidth: number; readonly pictures?: PictureStore },
): void {
  const { layout, glyphs } = opts;
  const width = Math.round(opts.pixelWidth);
  const height = Math.round((width * layout.height) / layout.width);
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const scale = width / layout.width;
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) return;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = 1;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingQuality = 'high';
  for (const im of page.images ?? []) {
    const img = opts.pictures?.get(im.id);
    if (img?.complete && img.naturalWidth > 0) ctx.drawImage(img, im.x * scale, im.y * scale, im.width * scale, im.height * scale);
  }
  ctx.lineCap = 'butt';
  ctx.lineJoin = 'miter';
  for (const r of page.rules ?? []) {
    ctx.strokeStyle = cmykCss(r.color);
    ctx.lineWidth = r.thickness * scale;
    ctx.beginPath();
    ctx.moveTo(r.x1 * scale, r.y * scale);
    ctx.lineTo(r.x2 * scale, (r.y2 ?? r.y) * scale);
    ctx.stroke();
  }
  // A PNG 刊名 decodes asynchronously: the page is drawn again once it has, if the canvas still shows this page.
  canvas.dataset.artKey = page.key;
  const redraw = () => {
    if (canvas.dataset.artKey === page.key) drawPage(canvas, page, opts);
  };
  for (const image of page.artImages ?? []) drawArtImage(ctx, image, scale, { images: glyphs.images, onImageReady: redraw });
  for (const a of page.artworks ?? []) drawArtwork(ctx, a, scale);
  for (const t of page.texts ?? []) drawText(ctx, t, glyphs, scale, IDENTITY);
  if (layout.watermark) drawWatermark(ctx, layout.watermark, layout, glyphs, scale);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
}
