import { cmykCss } from '../../../core/render/cmyk-rgb.js';
import type { PreviewImage, PreviewLayout, PreviewPage, PreviewText, PreviewWatermark } from '../../../core/render/preview-layout.js';

/**
 * The preview's drawing backend: a page of the PreviewLayout (core/render/preview-layout.ts) drawn on a canvas —
 * glyph outlines filled at the positions the PDF puts them, rules stroked, the 样稿 watermark — with pdf.js's
 * CMYK → RGB conversion (core/render/cmyk-rgb.ts), so that the pixels are those of the exported PDF.
 */

/** Glyph outlines received in this preview session, as Path2D objects (built once). */
export class GlyphStore {
  private readonly faces = new Map<string, { unitsPerEm: number; paths: Map<number, Path2D> }>();

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

/** Pages by key, as received (a result names a page it sent before by its key only). */
export class PageStore {
  private readonly pages = new Map<string, PreviewPage>();
  private static readonly LIMIT = 3000;

  merge(pages: readonly PreviewPage[]): void {
    for (const p of pages) {
      if (!p.texts) continue;
      if (this.pages.size >= PageStore.LIMIT) this.pages.delete(this.pages.keys().next().value!);
      this.pages.set(p.key, p);
    }
  }

  /** The full page for a (possibly key-only) page of a result, if known. */
  get(page: PreviewPage): PreviewPage | undefined {
    return page.texts ? page : this.pages.get(page.key);
  }
}

function drawText(ctx: CanvasRenderingContext2D, t: PreviewText, glyphs: GlyphStore, scale: number, base: DOMMatrix): void {
  const face = glyphs.face(t.face);
  if (!face) return;
  ctx.fillStyle = cmykCss(t.color);
  const s = (t.size / face.unitsPerEm) * scale;
  for (let i = 0; i < t.gids.length; i++) {
    const path = face.paths.get(t.gids[i]!);
    if (!path) continue;
    const m = base.multiply(new DOMMatrix([s, 0, 0, -s, t.xs[i]! * scale, t.baseline * scale]));
    ctx.setTransform(m);
    ctx.fill(path);
  }
}

function drawWatermark(ctx: CanvasRenderingContext2D, w: PreviewWatermark, layout: PreviewLayout, glyphs: GlyphStore, scale: number): void {
  const cx = (layout.width / 2) * scale;
  const cy = (layout.height / 2) * scale;
  const base = new DOMMatrix().translate(cx, cy).rotate(-w.angle).translate(-cx, -cy);
  ctx.save();
  ctx.globalAlpha = w.opacity;
  drawText(ctx, w.text, glyphs, scale, base);
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
  const identity = new DOMMatrix();
  ctx.setTransform(identity);
  ctx.globalAlpha = 1;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingQuality = 'high';
  for (const im of page.images ?? []) {
    const img = opts.pictures?.get(im.id);
    if (img?.complete && img.naturalWidth > 0) ctx.drawImage(img, im.x * scale, im.y * scale, im.width * scale, im.height * scale);
  }
  ctx.lineCap = 'butt';
  for (const r of page.rules ?? []) {
    ctx.strokeStyle = cmykCss(r.color);
    ctx.lineWidth = r.thickness * scale;
    ctx.beginPath();
    ctx.moveTo(r.x1 * scale, r.y * scale);
    ctx.lineTo(r.x2 * scale, r.y * scale);
    ctx.stroke();
  }
  for (const t of page.texts ?? []) drawText(ctx, t, glyphs, scale, identity);
  if (layout.watermark) drawWatermark(ctx, layout.watermark, layout, glyphs, scale);
  ctx.setTransform(identity);
}
