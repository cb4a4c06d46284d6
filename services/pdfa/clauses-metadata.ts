import { PDFStream } from 'pdf-lib';
import { get, nameOf, type PdfaDocument } from './pdfa-document.js';
import type { PdfaClause } from './pdfa-types.js';

/** ISO 19005-2:2011 §6.6, metadata: the XMP packet, its schemas, the PDF/A identification. */

function xmp(doc: PdfaDocument): { stream?: PDFStream; text?: string } {
  const stream = doc.lookup(get(doc.catalog, 'Metadata'));
  if (!(stream instanceof PDFStream)) return {};
  const bytes = doc.decode(stream);
  return { stream, ...(bytes ? { text: Buffer.from(bytes).toString('utf8') } : {}) };
}

/** Namespaces XMP and ISO 19005-2 Table 1 predefine (6.6.2.3.1): properties in them need no extension schema. */
const PREDEFINED = new Set([
  'http://purl.org/dc/elements/1.1/',
  'http://ns.adobe.com/xap/1.0/',
  'http://ns.adobe.com/xap/1.0/rights/',
  'http://ns.adobe.com/xap/1.0/mm/',
  'http://ns.adobe.com/xap/1.0/bj/',
  'http://ns.adobe.com/xap/1.0/t/pg/',
  'http://ns.adobe.com/xap/1.0/g/img/',
  'http://ns.adobe.com/xmp/1.0/DynamicMedia/',
  'http://ns.adobe.com/pdf/1.3/',
  'http://ns.adobe.com/photoshop/1.0/',
  'http://ns.adobe.com/camera-raw-settings/1.0/',
  'http://ns.adobe.com/exif/1.0/',
  'http://ns.adobe.com/exif/1.0/aux/',
  'http://ns.adobe.com/tiff/1.0/',
  'http://www.aiim.org/pdfa/ns/id/',
  'http://www.aiim.org/pdfa/ns/extension/',
  'http://www.aiim.org/pdfa/ns/schema#',
  'http://www.aiim.org/pdfa/ns/property#',
  'http://www.aiim.org/pdfa/ns/type#',
  'http://www.aiim.org/pdfa/ns/field#',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  'adobe:ns:meta/',
  'http://ns.adobe.com/xap/1.0/sType/ResourceRef#',
  'http://ns.adobe.com/xap/1.0/sType/ResourceEvent#',
  'http://ns.adobe.com/xap/1.0/sType/Version#',
]);

/** The value of an XMP property given as an element or as an attribute of rdf:Description. */
function property(text: string, prefixed: string): string | undefined {
  const el = new RegExp(`<${prefixed}>\\s*([^<]*?)\\s*</${prefixed}>`).exec(text);
  if (el) return el[1];
  return new RegExp(`\\s${prefixed}="([^"]*)"`).exec(text)?.[1];
}

/** The prefix the packet declares for a namespace (xmlns:prefix="uri"). */
function prefixOf(text: string, uri: string): string | undefined {
  const escaped = uri.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`xmlns:([A-Za-z_][\\w.-]*)="${escaped}"`).exec(text)?.[1];
}

export const METADATA_CLAUSES: readonly PdfaClause[] = [
  {
    clause: '6.6.2.1',
    title: 'XMP 元数据流：目录含 Metadata，流为 Type /Metadata、Subtype /XML 的 XMP 包，包头不含 bytes 属性',
    check(doc) {
      const { stream, text } = xmp(doc);
      if (!stream) return ['目录没有 Metadata 元数据流'];
      const problems: string[] = [];
      if (nameOf(get(stream.dict, 'Type')) !== 'Metadata' || nameOf(get(stream.dict, 'Subtype')) !== 'XML') problems.push('元数据流的 Type/Subtype 不是 Metadata/XML');
      if (!text || !/<\?xpacket\s+begin=/.test(text)) problems.push('元数据不是 XMP 包（没有 xpacket 头）');
      else if (/<\?xpacket[^>]*\sbytes=/.test(text)) problems.push('XMP 包头含 bytes 属性');
      if (text && !/<x:xmpmeta|<rdf:RDF/.test(text)) problems.push('XMP 包中没有 rdf:RDF');
      return problems;
    },
  },
  {
    clause: '6.6.2.3.1',
    title: 'XMP 架构：所用属性属于预定义架构，或在 pdfaExtension 扩展架构中声明（如签发信息的自定义架构）',
    check(doc) {
      const { text } = xmp(doc);
      if (!text) return ['没有 XMP 元数据'];
      const declared = new Map<string, string>();
      for (const m of text.matchAll(/xmlns:([A-Za-z_][\w.-]*)="([^"]*)"/g)) declared.set(m[1]!, m[2]!);
      const extension = new Set<string>();
      for (const m of text.matchAll(/namespaceURI(?:>|=")\s*([^<"]+?)\s*(?:<|")/g)) extension.add(m[1]!);
      const used = new Set<string>();
      const rdf = /<rdf:RDF[\s\S]*<\/rdf:RDF>/.exec(text)?.[0] ?? '';
      for (const m of rdf.matchAll(/<([A-Za-z_][\w.-]*):[A-Za-z_][\w.-]*[\s>/]/g)) used.add(m[1]!);
      for (const m of rdf.matchAll(/\s([A-Za-z_][\w.-]*):[A-Za-z_][\w.-]*="/g)) used.add(m[1]!);
      // xml: is bound by XML itself (xml:lang); xmlns: declares.
      used.delete('xml');
      used.delete('xmlns');
      const problems: string[] = [];
      for (const prefix of used) {
        const uri = declared.get(prefix);
        if (!uri) problems.push(`前缀 ${prefix} 未声明命名空间`);
        else if (!PREDEFINED.has(uri) && !extension.has(uri)) problems.push(`命名空间 ${uri}（${prefix}）既非预定义架构，也未在 pdfaExtension 中声明`);
      }
      return problems;
    },
  },
  {
    clause: '6.6.4',
    title: '版本标识：XMP 中 pdfaid:part 为 2，pdfaid:conformance 为 A、B 或 U',
    check(doc) {
      const { text } = xmp(doc);
      if (!text) return ['没有 XMP 元数据，无法标识 PDF/A 版本'];
      const prefix = prefixOf(text, 'http://www.aiim.org/pdfa/ns/id/');
      if (!prefix) return ['XMP 中没有 pdfaid 命名空间（http://www.aiim.org/pdfa/ns/id/）'];
      const problems: string[] = [];
      const part = property(text, `${prefix}:part`);
      const conformance = property(text, `${prefix}:conformance`);
      if (part !== '2') problems.push(`pdfaid:part 为 ${part ?? '无'}，应为 2`);
      if (!conformance || !/^[ABU]$/.test(conformance)) problems.push(`pdfaid:conformance 为 ${conformance ?? '无'}，应为 A、B 或 U`);
      return problems;
    },
  },
];
