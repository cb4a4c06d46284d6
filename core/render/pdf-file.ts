import type { LoadedFace } from '../fonts/face-set.js';
import type { ArtworkItem, ImageItem, PageLayout, TextItem } from '../typeset/page-layout.js';
import { pngImageDict } from './artwork-content.js';
import { pngImageData } from '../masthead-art/png-artwork.js';
import { collectImages, imageObjects } from './pdf-images.js';
import { pageContent, watermarkContent, type Watermark } from './page-content.js';
import { archiveObjects, type PdfaProfile } from './pdf-archive.js';
import { createTagger, type Tagger } from './pdf-structure.js';
import { sfntOf } from '../fonts/sfnt.js';
import type { Deflate, SubsetPool } from './pdf-fonts.js';
import { shapeText } from './shaping.js';
import { dict, fingerprint, latin1, num, ref, textString, writePdf, type PdfObject } from './pdf-writer.js';

/**
 * Document assembly for our own PDF backend: a PageLayout becomes a PDF 1.7 file — catalog, page tree, one
 * shared resource dictionary, a content stream per page (plus one watermark stream shared by every page of a
 * draft), the fonts of the pool, the document information and the /ID.
 *
 * Object numbers: 1 catalog, 2 page tree, 3 information, then `reserved` null objects kept near the catalog —
 * 4 the XMP metadata and 5 the output intent of a PDF/A file, 6 the structure tree root and 7 the parent tree of
 * a tagged one — then resources, pages, fonts, and last the ICC profile and the structure elements.
 */

export interface PdfFileOptions {
  readonly pool: SubsetPool;
  /** The loaded face of every face key the layout names. */
  readonly face: (key: string) => LoadedFace;
  /** Compresses fonts and ToUnicode maps (and content streams when `compressContent`). */
  readonly deflate?: Deflate;
  /** Compress page content streams (exports); the preview, which never stores its PDF, leaves them plain. */
  readonly compressContent: boolean;
  /**
   * Content streams by their text, reused by the next export of the same pool (a page that did not change costs
   * a lookup). Only valid with one pool: codes are the pool's.
   */
  readonly contentCache?: Map<string, Uint8Array>;
  readonly watermark?: Watermark;
  /** Information dictionary entries; title/author/subject/keywords/creator/producer are the standard ones. */
  readonly info: Readonly<Record<string, string>>;
  /** PDF date of creation. */
  readonly created?: Date;
  /** Extra catalog entries (PDF source). */
  readonly catalogExtras?: Readonly<Record<string, string>>;
  /** Null objects kept after the information dictionary (default 4; at least 4 for `pdfa` or `tagged`). */
  readonly reserved?: number;
  /**
   * Tagged PDF (pdf-structure.ts) from `layout.structure`: marked content, structure tree, /MarkInfo, /Lang.
   * Ignored when the layout carries no structure.
   */
  readonly tagged?: boolean;
  /** The document's language (/Lang), default zh-CN. */
  readonly lang?: string;
  /** PDF/A-2u (pdf-archive.ts): XMP metadata and the output intent with this profile; needs `created`. */
  readonly pdfa?: PdfaProfile;
}

const STANDARD_INFO: Readonly<Record<string, string>> = {
  title: 'Title',
  author: 'Author',
  subject: 'Subject',
  keywords: 'Keywords',
  creator: 'Creator',
  producer: 'Producer',
};

/** D:YYYYMMDDHHmmSSZ (§7.9.4). */
export function pdfDate(d: Date): string {
  const p = (v: number) => String(v).padStart(2, '0');
  return `D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

const MAX_CACHED_PAGES = 400;

/** Writes the PDF of a page layout. */
export function writeLayoutPdf(layout: PageLayout, opts: PdfFileOptions): Uint8Array {
  const reserved = opts.reserved ?? 4;
  const encode = (key: string, text: string) => opts.pool.encode(opts.face(key), text);
  const used = new Set<string>();
  const tagger: Tagger | undefined = opts.tagged && layout.structure ? createTagger(layout.structure) : undefined;
  if ((tagger || opts.pdfa) && reserved < 4) throw new Error('PDF/A 与标签结构需要保留对象 4–7');
  if (opts.pdfa && !opts.created) throw new Error('PDF/A 文件需要创建时间');
  // Image artworks (a PNG 刊名): one XObject per distinct file, named /Art1, /Art2… in the shared resources.
  const artImages = new Map<Uint8Array, { name: string; item: Extract<ArtworkItem, { kind: 'image' }> }>();
  const artImage = (a: ArtworkItem): string => {
    if (a.kind !== 'image') return '';
    let entry = artImages.get(a.png);
    if (!entry) {
      entry = { name: `Art${artImages.size + 1}`, item: a };
      artImages.set(a.png, entry);
    }
    return entry.name;
  };
  // Pictures in articles: one XObject per distinct picture, /Im0, /Im1… (pdf-images.ts).
  const images = collectImages(layout);
  const imageName = (item: ImageItem) => images.names.get(item.image.data)!;
  const figure = tagger ? (item: ImageItem) => tagger.owner(item.source) : undefined;
  const contents = layout.pages.map((page, index) => {
    for (const t of page.texts) used.add(t.face);
    const marking = tagger ? { mark: (t: TextItem) => tagger.mark(index, t), begin: (owner: object) => tagger.begin(index, owner) } : {};
    const pictures = page.images?.length ? { image: imageName, ...(figure ? { figure } : {}) } : {};
    const source = pageContent(page, { pageHeight: layout.height, encode, artImage, ...marking, ...pictures });
    let data = opts.contentCache?.get(source);
    if (!data) {
      data = opts.compressContent && opts.deflate ? opts.deflate(latin1(source)) : latin1(source);
      if (opts.contentCache) {
        if (opts.contentCache.size >= MAX_CACHED_PAGES) opts.contentCache.clear();
        opts.contentCache.set(source, data);
      }
    }
    return data;
  });
  let watermark: Uint8Array | undefined;
  if (opts.watermark) {
    const w = opts.watermark;
    const font = sfntOf(opts.face(w.face));
    used.add(w.face);
    const units = shapeText(opts.face(w.face), w.text).reduce((sum, g) => sum + g.advance, 0);
    const em = font.unitsPerEm;
    const metrics = { advance: (units / em) * w.size, ascent: font.ascent / em, descent: font.descent / em };
    const source = watermarkContent(w, { width: layout.width, height: layout.height, ...metrics, encode });
    watermark = latin1(source);
  }
  const filter = opts.compressContent && opts.deflate ? '/FlateDecode' : undefined;

  const objects: (PdfObject | null)[] = [];
  const CATALOG = 1;
  const PAGES = 2;
  const INFO = 3;
  const RESOURCES = 4 + reserved;
  const firstPage = RESOURCES + 1;
  const pageObjects = layout.pages.length * 2;
  const watermarkAt = firstPage + pageObjects;
  const gsAt = watermarkAt + 1;
  const fontsAt = watermark ? gsAt + 1 : watermarkAt;
  const fonts = opts.pool.fontObjects(fontsAt, used);

  const pageRefs = layout.pages.map((_, i) => ref(firstPage + 2 * i));
  const [METADATA, OUTPUT_INTENT, STRUCT_ROOT, PARENT_TREE] = [INFO + 1, INFO + 2, INFO + 3, INFO + 4];
  const catalog: Record<string, string | undefined> = { Type: '/Catalog', Pages: ref(PAGES) };
  if (opts.pdfa) {
    catalog.Metadata = ref(METADATA);
    catalog.OutputIntents = `[${ref(OUTPUT_INTENT)}]`;
  }
  if (tagger || opts.pdfa) catalog.Lang = textString(opts.lang ?? 'zh-CN');
  if (tagger) {
    catalog.MarkInfo = '<</Marked true>>';
    catalog.StructTreeRoot = ref(STRUCT_ROOT);
    catalog.ViewerPreferences = '<</DisplayDocTitle true>>';
  }
  objects[CATALOG - 1] = { source: dict({ ...catalog, ...opts.catalogExtras }) };
  objects[PAGES - 1] = { source: dict({ Type: '/Pages', Kids: `[${pageRefs.join(' ')}]`, Count: String(layout.pages.length) }) };
  const info: Record<string, string> = {};
  const plainInfo: Record<string, string> = {};
  for (const [key, value] of Object.entries(opts.info)) {
    if (value === undefined || value === '') continue;
    info[STANDARD_INFO[key] ?? key] = textString(value);
    plainInfo[STANDARD_INFO[key] ?? key] = value;
  }
  if (opts.created) info.CreationDate = textString(pdfDate(opts.created));
  objects[INFO - 1] = { source: dict(info) };
  for (let i = 0; i < reserved; i++) objects[INFO + i] = null;
  let fontDict = '<<';
  fonts.forEach((f, i) => {
    fontDict += `/${f.resource} ${ref(fontsAt + 5 * i)}`;
  });
  fontDict += '>>';
  // Pictures come after the fonts: an sRGB ICC profile, then one image XObject per distinct picture.
  const pictureObjects = images.list.length ? imageObjects(images.list, { first: fontsAt + fonts.reduce((n, f) => n + f.objects.length, 0), deflate: opts.deflate }) : undefined;
  const mediaBox = `[0 0 ${num(layout.width)} ${num(layout.height)}]`;
  contents.forEach((data, i) => {
    const pageAt = firstPage + 2 * i;
    const contentRef = watermark ? `[${ref(pageAt + 1)} ${ref(watermarkAt)}]` : ref(pageAt + 1);
    objects[pageAt - 1] = {
      source: dict({
        Type: '/Page',
        Parent: ref(PAGES),
        MediaBox: mediaBox,
        Resources: ref(RESOURCES),
        Contents: contentRef,
        StructParents: tagger ? String(i) : undefined,
        Tabs: tagger ? '/S' : undefined,
      }),
    };
    objects[pageAt] = { dict: { Filter: filter }, data };
  });
  if (watermark && opts.watermark) {
    objects[watermarkAt - 1] = { dict: {}, data: watermark };
    objects[gsAt - 1] = { source: dict({ Type: '/ExtGState', ca: num(opts.watermark.opacity), CA: num(opts.watermark.opacity) }) };
  }
  for (const f of fonts) for (const o of f.objects) objects.push(o);
  if (pictureObjects) {
    if (objects.length + 1 !== pictureObjects.first) throw new Error('图片对象编号错位');
    objects.push(...pictureObjects.objects);
  }
  let xobjects = pictureObjects ? pictureObjects.resources.slice(2, -2) : '';
  for (const { name, item } of artImages.values()) {
    objects.push({ dict: pngImageDict(item), data: item.tint || !item.cmyk ? pngImageData(item.png) : item.cmyk });
    xobjects += `/${name} ${ref(objects.length)}`;
  }
  objects[RESOURCES - 1] = {
    source: dict({
      Font: fontDict,
      ExtGState: watermark ? `<</GSw ${ref(gsAt)}>>` : undefined,
      XObject: xobjects ? `<<${xobjects}>>` : undefined,
    }),
  };
  if (opts.pdfa && opts.created) {
    const icc = objects.length + 1;
    const parts = archiveObjects(
      { metadata: METADATA, outputIntent: OUTPUT_INTENT, icc },
      { info: plainInfo, created: opts.created, profile: opts.pdfa, deflate: opts.deflate },
    );
    objects.push(parts.icc);
    objects[METADATA - 1] = parts.metadata;
    objects[OUTPUT_INTENT - 1] = parts.outputIntent;
  }
  if (tagger) {
    const [root, parentTree, ...elements] = tagger.objects({ root: STRUCT_ROOT, parentTree: PARENT_TREE, first: objects.length + 1, pageRefs });
    objects[STRUCT_ROOT - 1] = root!;
    objects[PARENT_TREE - 1] = parentTree!;
    objects.push(...elements);
  }

  const id = fingerprint([latin1(JSON.stringify(info)), ...contents]);
  return writePdf({ objects, root: CATALOG, info: INFO, id: [id, id] });
}
