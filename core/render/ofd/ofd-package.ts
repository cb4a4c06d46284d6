import { strToU8, zipSync, type Zippable } from 'fflate';
import type { LoadedFace } from '../../fonts/face-set.js';
import type { PageLayout } from '../../typeset/page-layout.js';
import { customTagsXml, structureXml, type HeadingLevels } from './ofd-structure.js';
import { documentXml, DOC_DIR, ofdEntryXml, publicResXml, RES_DIR } from './ofd-document.js';
import { ofdArtPictures, ofdPictures } from './ofd-pictures.js';
import { embedFonts, type SubsetCache } from './ofd-fonts.js';
import { createIds } from './ofd-ids.js';
import { writePage, type OfdPage } from './ofd-page.js';

/**
 * A page layout as an OFD package (GB/T 33190-2016 §7.2): a ZIP holding
 *
 *     OFD.xml                         entry: document info, the sign-off as CustomDatas, DocRoot
 *     Doc_0/Document.xml              common data, page list, custom tags
 *     Doc_0/PublicRes.xml             fonts
 *     Doc_0/Res/Font_N.ttf            embedded subset fonts
 *     Doc_0/Pages/Page_i/Content.xml  each page's text and path objects
 *     Doc_0/CustomTags.xml            → Doc_0/Tags/Structure.xml, the logical structure
 *
 * zipped with fflate (pure JavaScript). Drawn from the same backend-neutral PageLayout as the PDF.
 */

export interface OfdPackageOptions {
  readonly layout: PageLayout;
  /** Faces by key (the typesetter's loaded faces). */
  readonly faces: ReadonlyMap<string, LoadedFace>;
  /** 32 hexadecimal digits identifying the document. */
  readonly docId: string;
  /** The date written as the creation date (its UTC calendar day) and as the files' time in the ZIP. */
  readonly created: Date;
  readonly creatorVersion?: string;
  /** CustomData entries of the document info (the sign-off). */
  readonly customData?: Readonly<Record<string, string>>;
  /** Heading levels by model path, for the structure (headings run in with their paragraph included). */
  readonly headingLevels?: HeadingLevels;
  /** Subsets kept from earlier exports of the session (reused when a face sets the same characters). */
  readonly subsetCache?: SubsetCache;
  /** The 样稿 watermark on every page, set in this face. */
  readonly watermark?: { readonly text: string; readonly face: string; readonly size: number };
}

/** Writes the package and returns its bytes. */
export function writeOfdPackage(opts: OfdPackageOptions): Uint8Array {
  const { layout } = opts;
  const ids = createIds();
  const extraText = opts.watermark ? new Map([[opts.watermark.face, opts.watermark.text]]) : undefined;
  const fonts = embedFonts({ layout, faces: opts.faces, extraText, ids, ...(opts.subsetCache ? { cache: opts.subsetCache } : {}) });
  const pictures = ofdPictures(layout, ids);
  const art = ofdArtPictures(layout, ids);
  const pages: OfdPage[] = layout.pages.map((page) =>
    writePage({ page, width: layout.width, height: layout.height, fonts, ids, watermark: opts.watermark, pictures, art }),
  );
  const files: Zippable = {};
  const add = (path: string, data: string | Uint8Array) => {
    files[path] = typeof data === 'string' ? strToU8(data) : data;
  };
  add(
    'OFD.xml',
    ofdEntryXml({
      info: layout.info,
      docId: opts.docId,
      creationDate: opts.created.toISOString().slice(0, 10),
      creatorVersion: opts.creatorVersion,
      customData: opts.customData,
    }),
  );
  const pageLocs = pages.map((p, i) => ({ id: p.id, loc: `Pages/Page_${i}/Content.xml` }));
  add(
    `${DOC_DIR}/Document.xml`,
    documentXml({ width: layout.width, height: layout.height, maxUnitId: ids.max, pages: pageLocs, customTags: 'CustomTags.xml' }),
  );
  add(`${DOC_DIR}/PublicRes.xml`, publicResXml(fonts.values(), [...pictures.values(), ...art.values()]));
  for (const font of fonts.values()) add(`${DOC_DIR}/${RES_DIR}/${font.file}`, font.bytes);
  for (const picture of [...pictures.values(), ...art.values()]) add(`${DOC_DIR}/${RES_DIR}/${picture.file}`, picture.bytes);
  pages.forEach((p, i) => add(`${DOC_DIR}/${pageLocs[i]!.loc}`, p.xml));
  add(`${DOC_DIR}/CustomTags.xml`, customTagsXml('Tags/Structure.xml'));
  add(`${DOC_DIR}/Tags/Structure.xml`, structureXml(pages, opts.headingLevels));
  // ZIP stores DOS times: 1980–2099 only (a clock outside that range must not stop an export).
  const time = Math.min(Math.max(opts.created.getTime(), Date.UTC(1980, 0, 2)), Date.UTC(2099, 11, 30));
  return zipSync(files, { level: 6, mtime: new Date(time) });
}
