import type { OfdPicture } from './ofd-pictures.js';
import { multiMediaElement } from './ofd-pictures.js';
import type { DocumentInfo } from '../../typeset/page-layout.js';
import { fontElement, type OfdFont } from './ofd-fonts.js';
import { el, esc, mmOf, OFD_NS, XML_HEAD } from './xml.js';

/**
 * The document-level parts of an OFD package (GB/T 33190-2016):
 *  - OFD.xml, the entry (§7.4, CT_DocBody): DocInfo — DocID, Title, Author, Subject, CreationDate, Keywords,
 *    Creator, CreatorVersion and CustomDatas (the sign-off: signer, date, opinion, content hash) — and DocRoot;
 *  - Doc_0/Document.xml (§7.5): CommonData (MaxUnitID, PageArea, PublicRes), the pages, the CustomTags;
 *  - Doc_0/PublicRes.xml (§7.9, CT_Res): the embedded fonts, their files in BaseLoc "Res".
 */

/** The folder of the one document in the package, and its entry, relative to the package root. */
export const DOC_DIR = 'Doc_0';
/** Resource files' folder, relative to the document folder (PublicRes BaseLoc). */
export const RES_DIR = 'Res';

export interface DocInfoOptions {
  readonly info: DocumentInfo;
  /** 32 hexadecimal digits (a UUID without dashes). */
  readonly docId: string;
  /** xs:date, e.g. 2021-06-02. */
  readonly creationDate: string;
  readonly creatorVersion?: string;
  /** Name → value pairs written as CustomData (the sign-off record's fields). */
  readonly customData?: Readonly<Record<string, string>>;
}

/** OFD.xml. */
export function ofdEntryXml(opts: DocInfoOptions): string {
  const { info } = opts;
  const keywords = info.keywords
    .split(/[,，]\s*/)
    .map((k) => k.trim())
    .filter(Boolean);
  const custom = Object.entries(opts.customData ?? {}).filter(([, v]) => v !== '');
  const docInfo =
    el('ofd:DocID', {}, esc(opts.docId)) +
    (info.title ? el('ofd:Title', {}, esc(info.title)) : '') +
    (info.author ? el('ofd:Author', {}, esc(info.author)) : '') +
    (info.subject ? el('ofd:Subject', {}, esc(info.subject)) : '') +
    el('ofd:CreationDate', {}, esc(opts.creationDate)) +
    (keywords.length ? el('ofd:Keywords', {}, keywords.map((k) => el('ofd:Keyword', {}, esc(k))).join('')) : '') +
    el('ofd:Creator', {}, '简报编辑台') +
    (opts.creatorVersion ? el('ofd:CreatorVersion', {}, esc(opts.creatorVersion)) : '') +
    (custom.length ? el('ofd:CustomDatas', {}, custom.map(([name, value]) => el('ofd:CustomData', { Name: name }, esc(value))).join('')) : '');
  return (
    XML_HEAD +
    el(
      'ofd:OFD',
      { 'xmlns:ofd': OFD_NS, Version: '1.0', DocType: 'OFD' },
      el('ofd:DocBody', {}, el('ofd:DocInfo', {}, docInfo) + el('ofd:DocRoot', {}, `${DOC_DIR}/Document.xml`)),
    ) +
    '\n'
  );
}

export interface DocumentXmlOptions {
  readonly width: number;
  readonly height: number;
  readonly maxUnitId: number;
  /** Each page's ID and its Content.xml path relative to the document folder. */
  readonly pages: readonly { readonly id: number; readonly loc: string }[];
  /** The CustomTags index, relative to the document folder. */
  readonly customTags: string;
}

/** Doc_0/Document.xml. */
export function documentXml(opts: DocumentXmlOptions): string {
  const common =
    el('ofd:MaxUnitID', {}, String(opts.maxUnitId)) +
    el('ofd:PageArea', {}, el('ofd:PhysicalBox', {}, `0 0 ${mmOf(opts.width)} ${mmOf(opts.height)}`)) +
    el('ofd:PublicRes', {}, 'PublicRes.xml');
  const pages = opts.pages.map((p) => el('ofd:Page', { ID: p.id, BaseLoc: p.loc })).join('');
  return (
    XML_HEAD +
    el(
      'ofd:Document',
      { 'xmlns:ofd': OFD_NS },
      el('ofd:CommonData', {}, common) + el('ofd:Pages', {}, pages) + el('ofd:CustomTags', {}, esc(opts.customTags)),
    ) +
    '\n'
  );
}

/** Doc_0/PublicRes.xml: the fonts, and the pictures as multimedia (§7.9, CT_MultiMedia). */
export function publicResXml(fonts: Iterable<OfdFont>, pictures: Iterable<OfdPicture> = []): string {
  const list = [...fonts].map(fontElement).join('');
  const media = [...pictures].map(multiMediaElement).join('');
  return (
    XML_HEAD +
    el('ofd:Res', { 'xmlns:ofd': OFD_NS, BaseLoc: RES_DIR }, (list ? el('ofd:Fonts', {}, list) : '') + (media ? el('ofd:MultiMedias', {}, media) : '')) +
    '\n'
  );
}
