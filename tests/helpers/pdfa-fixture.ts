/**
 * A PDF that meets PDF/A-2u, made in the tests from one of our PDFs with pdf-lib: an XMP packet (pdfaid
 * part 2 / conformance U, Dublin Core title, the sign-off in a custom schema declared as a PDF/A extension
 * schema), a GTS_PDFA1 output intent with an embedded CMYK printer profile (Ghostscript's ps_cmyk.icc, from
 * Debian's libgs-common), a document ID, saved with a classic cross-reference table. The PDF/A checker must
 * pass it; variants of it break one clause each.
 */
import { readFileSync } from 'node:fs';
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';

export const CMYK_PROFILE = '/usr/share/color/icc/ghostscript/ps_cmyk.icc';

export const XMP_PDFA2U = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>U</pdfaid:conformance>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">联络动态 2021年第8期</rdf:li></rdf:Alt></dc:title>
   <xmp:CreateDate>2021-06-02T09:00:00+08:00</xmp:CreateDate>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>签发信息</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>urn:bulletin-desk:signoff:1</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>signoff</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
     <pdfaProperty:name>signer</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType>
     <pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>签发人</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:signoff="urn:bulletin-desk:signoff:1">
   <signoff:signer>张三</signoff:signer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;

export interface FixtureOptions {
  readonly xmp?: string;
  readonly icc?: Uint8Array;
  /** Changes made to the document before it is saved (one clause broken). */
  readonly tamper?: (pdf: PDFDocument) => void;
}

/** Our PDF made PDF/A-2u (or broken in one way, with `tamper`). */
export async function pdfaFixture(ours: Uint8Array, options: FixtureOptions = {}): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(ours, { updateMetadata: false });
  const { context, catalog } = pdf;
  const xmp = context.stream(new TextEncoder().encode(options.xmp ?? XMP_PDFA2U), { Type: 'Metadata', Subtype: 'XML' });
  catalog.set(PDFName.of('Metadata'), context.register(xmp));
  const icc = context.flateStream(options.icc ?? readFileSync(CMYK_PROFILE), { N: 4 });
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('CMYK'),
    DestOutputProfile: context.register(icc),
  });
  catalog.set(PDFName.of('OutputIntents'), context.obj([context.register(intent)]) as PDFArray);
  const id = PDFHexString.of('0123456789ABCDEF0123456789ABCDEF');
  context.trailerInfo.ID = context.obj([id, id]);
  options.tamper?.(pdf);
  return pdf.save({ useObjectStreams: false, updateFieldAppearances: false });
}
