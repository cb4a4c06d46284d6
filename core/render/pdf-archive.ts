import { dict, ref, textString, type PdfObject } from './pdf-writer.js';

/**
 * The PDF/A-2 parts of a file (ISO 19005-2:2011): the XMP metadata packet (§6.6: dc, xmp and pdf properties equal
 * to the document information, pdfaid part 2 conformance U, the sign-off fields in our own schema described by a
 * pdfaExtension schema, §6.6.2.3) and the output intent with its embedded CMYK ICC profile (§6.2.3), for the
 * DeviceCMYK colours our pages use. Fonts (embedded, ToUnicode) are pdf-fonts.ts's; the /ID is pdf-writer.ts's.
 */

/** What a PDF/A file needs from outside the core: the output profile. */
export interface PdfaProfile {
  /** An ICC profile of a CMYK output device (class prtr, colour space CMYK). */
  readonly icc: Uint8Array;
  /** Its output condition, e.g. "Artifex PS CMYK" (the OutputConditionIdentifier). */
  readonly condition: string;
}

/** The namespace of the sign-off properties (prefix `bd`). */
export const SIGNOFF_NAMESPACE = 'http://ns.bulletin-desk.cn/signoff/1.0/';

/** The sign-off fields of the Info dictionary mirrored in XMP, with what they mean. */
const SIGNOFF_FIELDS: Readonly<Record<string, string>> = {
  Signer: 'Person who signed off the issue (签发人)',
  SignedAt: 'Time of sign-off, ISO 8601',
  SignOffOpinion: 'Sign-off opinion (签发意见)',
  ContentHash: 'SHA-256 of the signed-off issue content',
  SignerCertificate: "SHA-256 of the signer's certificate",
  ApprovalStatus: 'Approval status (签发状态)',
};

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** 2021-06-02T08:00:00Z: the XMP form of a date (equal to the Info dictionary's D:20210602080000Z). */
export function xmpDate(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

/** Document information as pdf-file.ts writes it: standard keys (Title, Author…) and custom ones. */
export interface XmpInput {
  readonly info: Readonly<Record<string, string>>;
  readonly created: Date;
}

/** The XMP packet (UTF-8 text) of a PDF/A-2u file. */
export function xmpPacket(input: XmpInput): string {
  const { info } = input;
  const alt = (v: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${xml(v)}</rdf:li></rdf:Alt>`;
  const date = xmpDate(input.created);
  let props = '<dc:format>application/pdf</dc:format>';
  if (info.Title) props += `<dc:title>${alt(info.Title)}</dc:title>`;
  if (info.Author) props += `<dc:creator><rdf:Seq><rdf:li>${xml(info.Author)}</rdf:li></rdf:Seq></dc:creator>`;
  if (info.Subject) props += `<dc:description>${alt(info.Subject)}</dc:description>`;
  if (info.Keywords) props += `<pdf:Keywords>${xml(info.Keywords)}</pdf:Keywords>`;
  if (info.Producer) props += `<pdf:Producer>${xml(info.Producer)}</pdf:Producer>`;
  if (info.Creator) props += `<xmp:CreatorTool>${xml(info.Creator)}</xmp:CreatorTool>`;
  props += `<xmp:CreateDate>${date}</xmp:CreateDate><xmp:MetadataDate>${date}</xmp:MetadataDate>`;
  props += '<pdfaid:part>2</pdfaid:part><pdfaid:conformance>U</pdfaid:conformance>';
  const custom = Object.keys(SIGNOFF_FIELDS).filter((k) => info[k] !== undefined);
  for (const k of custom) props += `<bd:${k}>${xml(info[k]!)}</bd:${k}>`;
  const properties = Object.keys(SIGNOFF_FIELDS)
    .map(
      (k) =>
        `<rdf:li rdf:parseType="Resource"><pdfaProperty:name>${k}</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType>` +
        `<pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>${xml(SIGNOFF_FIELDS[k]!)}</pdfaProperty:description></rdf:li>`,
    )
    .join('');
  const extension =
    '<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" ' +
    'xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">' +
    '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">' +
    `<pdfaSchema:schema>Bulletin sign-off</pdfaSchema:schema><pdfaSchema:namespaceURI>${SIGNOFF_NAMESPACE}</pdfaSchema:namespaceURI>` +
    `<pdfaSchema:prefix>bd</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq>${properties}</rdf:Seq></pdfaSchema:property>` +
    '</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>';
  return (
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" ' +
    `xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:bd="${SIGNOFF_NAMESPACE}">` +
    `${props}</rdf:Description>${extension}</rdf:RDF></x:xmpmeta>\n` +
    // Room for a later in-place edit of the packet, as XMP writers leave (§7.3.2 of the XMP specification).
    `${' '.repeat(99)}\n`.repeat(20) +
    '<?xpacket end="w"?>'
  );
}

/** The metadata stream, the output intent and its ICC stream, for the numbers given. */
export function archiveObjects(
  at: { metadata: number; outputIntent: number; icc: number },
  input: XmpInput & { readonly profile: PdfaProfile; readonly deflate?: (data: Uint8Array) => Uint8Array },
): { metadata: PdfObject; outputIntent: PdfObject; icc: PdfObject } {
  const packet = new TextEncoder().encode(xmpPacket(input));
  const iccData = input.deflate ? input.deflate(input.profile.icc) : input.profile.icc;
  return {
    metadata: { dict: { Type: '/Metadata', Subtype: '/XML' }, data: packet },
    outputIntent: {
      source: dict({
        Type: '/OutputIntent',
        S: '/GTS_PDFA1',
        OutputConditionIdentifier: textString(input.profile.condition),
        Info: textString(input.profile.condition),
        DestOutputProfile: ref(at.icc),
      }),
    },
    icc: { dict: { N: '4', Filter: input.deflate ? '/FlateDecode' : undefined }, data: iccData },
  };
}
