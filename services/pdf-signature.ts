import { randomBytes } from 'node:crypto';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';
import { signDetached, type CmsSigner } from './cms-signature.js';

/**
 * Digitally signing a finished PDF (PAdES baseline B), by post-processing its bytes — so the PDF writer
 * (core/render) can change underneath without this module knowing:
 *
 *  1. an incremental update is appended to the file, never touching a byte of it: a signature dictionary
 *     (/Filter /Adobe.PPKLite, /SubFilter /ETSI.CAdES.detached, /ByteRange and /Contents placeholders, /M, /Name,
 *     /Reason, /Location), an invisible signature field (a Widget with a zero /Rect and the Print flag, as
 *     PDF/A-2 allows), the first page with the widget added to its /Annots, and the catalog with an /AcroForm
 *     (/SigFlags 3). Its cross-reference section is a table or a stream, as the file's own last one, and its
 *     trailer keeps /Root, /Info and the first /ID element (the second changes, as the PDF spec asks of an update);
 *  2. @signpdf/signpdf fills /ByteRange (the whole file except the /Contents hex string) and puts in /Contents
 *     the CMS SignedData that cms-signature.ts makes over those ranges.
 *
 * pdf-lib only reads the file here (to find the catalog, the first page and the trailer, whatever the writer's
 * cross-reference form); it never rewrites it.
 */

/** Bytes reserved for the CMS SignedData in /Contents (two ECDSA certificates need about 1.5 KB). */
export const SIGNATURE_BYTES = 8192;
const BYTE_RANGE_PLACEHOLDER = '**********';

/** What a signature says besides the CMS. */
export interface PdfSignatureFields {
  /** The signer's name (/Name). */
  readonly name: string;
  /** Why (/Reason), e.g. "签发：同意印发". */
  readonly reason: string;
  /** Where (/Location), e.g. the 编印单位. */
  readonly location?: string;
  /** The claimed signing time (/M). */
  readonly signedAt: Date;
}

/** Signs a PDF: the same bytes followed by an incremental update carrying the signature. */
export async function signPdf(pdf: Uint8Array, options: { readonly signer: CmsSigner; readonly fields: PdfSignatureFields }): Promise<Buffer> {
  const prepared = await withSignaturePlaceholder(pdf, options.fields);
  const signer = new (class extends Signer {
    async sign(data: Buffer): Promise<Buffer> {
      return signDetached(data, options.signer);
    }
  })();
  return new SignPdf().sign(prepared, signer);
}

/** The PDF with an incremental update holding an empty signature (the placeholders @signpdf/signpdf fills). */
export async function withSignaturePlaceholder(pdf: Uint8Array, fields: PdfSignatureFields): Promise<Buffer> {
  const original = trimTrailingWhitespace(Buffer.from(pdf));
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(original, { updateMetadata: false });
  } catch (error) {
    throw new Error(`PDF 无法读取，不能签名（${(error as Error).message}）`);
  }
  const { context } = doc;
  const trailer = context.trailerInfo;
  if (trailer.Encrypt) throw new Error('PDF 已加密，不能签名');
  const rootRef = trailer.Root;
  if (!(rootRef instanceof PDFRef)) throw new Error('PDF 的目录对象无法找到，不能签名');
  const catalog = context.lookup(rootRef, PDFDict).clone(context);
  const page = doc.getPage(0);
  const pageRef = page.ref;

  const changed = new Map<PDFRef, PDFObject>();
  const add = (object: PDFObject): PDFRef => {
    const ref = context.nextRef();
    changed.set(ref, object);
    return ref;
  };

  const sigDict = context.obj({});
  sigDict.set(PDFName.of('Type'), PDFName.of('Sig'));
  sigDict.set(PDFName.of('Filter'), PDFName.of('Adobe.PPKLite'));
  sigDict.set(PDFName.of('SubFilter'), PDFName.of('ETSI.CAdES.detached'));
  // ByteRange before Contents: @signpdf/signpdf looks for /Contents after the ByteRange placeholder.
  sigDict.set(PDFName.of('ByteRange'), context.obj([0, PDFName.of(BYTE_RANGE_PLACEHOLDER), PDFName.of(BYTE_RANGE_PLACEHOLDER), PDFName.of(BYTE_RANGE_PLACEHOLDER)]));
  sigDict.set(PDFName.of('Contents'), PDFHexString.of('0'.repeat(SIGNATURE_BYTES * 2)));
  sigDict.set(PDFName.of('M'), PDFString.fromDate(fields.signedAt));
  sigDict.set(PDFName.of('Name'), PDFHexString.fromText(fields.name));
  sigDict.set(PDFName.of('Reason'), PDFHexString.fromText(fields.reason));
  if (fields.location) sigDict.set(PDFName.of('Location'), PDFHexString.fromText(fields.location));
  const sigRef = add(sigDict);

  const widget = context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [0, 0, 0, 0],
    F: 4 | 128, // Print | Locked
    P: pageRef,
  });
  widget.set(PDFName.of('T'), PDFHexString.fromText(`签发-${randomBytes(3).toString('hex')}`));
  widget.set(PDFName.of('V'), sigRef);
  const widgetRef = add(widget);

  // The first page, with the widget in its /Annots (an indirect /Annots array is updated in place).
  const annots = page.node.get(PDFName.of('Annots'));
  if (annots instanceof PDFRef) {
    const array = context.lookup(annots, PDFArray).clone(context);
    array.push(widgetRef);
    changed.set(annots, array);
  } else {
    const pageDict = page.node.clone(context);
    const array = annots instanceof PDFArray ? annots.clone(context) : context.obj([]);
    array.push(widgetRef);
    pageDict.set(PDFName.of('Annots'), array);
    changed.set(pageRef, pageDict);
  }

  // The catalog's /AcroForm: the widget added to /Fields, /SigFlags 3 (signatures exist, append only).
  const formEntry = catalog.get(PDFName.of('AcroForm'));
  const form = formEntry instanceof PDFRef ? context.lookup(formEntry, PDFDict).clone(context) : formEntry instanceof PDFDict ? formEntry.clone(context) : context.obj({});
  const fieldsEntry = form.get(PDFName.of('Fields'));
  const formFields = fieldsEntry instanceof PDFRef ? context.lookup(fieldsEntry, PDFArray).clone(context) : fieldsEntry instanceof PDFArray ? fieldsEntry.clone(context) : context.obj([]);
  formFields.push(widgetRef);
  form.set(PDFName.of('Fields'), formFields);
  form.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  form.delete(PDFName.of('NeedAppearances'));
  if (formEntry instanceof PDFRef) {
    changed.set(formEntry, form);
  } else {
    catalog.set(PDFName.of('AcroForm'), form);
    changed.set(rootRef, catalog);
  }

  return Buffer.concat([original, incrementalUpdate(original, context, changed)]);
}

/** The bytes of an incremental update: the changed objects, a cross-reference section and a trailer. */
function incrementalUpdate(original: Buffer, context: PDFContext, changed: ReadonlyMap<PDFRef, PDFObject>): Buffer {
  const parts: Buffer[] = [Buffer.from('\n')];
  let offset = original.length + 1;
  const offsets = new Map<number, { offset: number; generation: number }>();
  for (const [ref, object] of changed) {
    const bytes = Buffer.concat([Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`), bytesOf(object), Buffer.from('\nendobj\n')]);
    offsets.set(ref.objectNumber, { offset, generation: ref.generationNumber });
    parts.push(bytes);
    offset += bytes.length;
  }
  const previous = lastStartXref(original);
  const trailer = context.trailerInfo;
  const id = trailer.ID instanceof PDFArray ? trailer.ID.get(0) : undefined;
  const firstId = id instanceof PDFHexString || id instanceof PDFString ? id : PDFHexString.of(randomBytes(16).toString('hex'));
  const idArray = context.obj([firstId, PDFHexString.of(randomBytes(16).toString('hex'))]);
  const sorted = [...offsets.entries()].sort((a, b) => a[0] - b[0]);
  const usesStream = !/^\s*xref/.test(original.subarray(previous, previous + 32).toString('latin1'));

  if (!usesStream) {
    const rows = ['xref', ...subsections(sorted).flatMap(([first, entries]) => [
      `${first} ${entries.length}`,
      ...entries.map(([, e]) => `${String(e.offset).padStart(10, '0')} ${String(e.generation).padStart(5, '0')} n\r`),
    ])];
    const dict = context.obj({});
    dict.set(PDFName.of('Size'), PDFNumber.of(context.largestObjectNumber + 1));
    dict.set(PDFName.of('Root'), trailer.Root as PDFObject);
    if (trailer.Info) dict.set(PDFName.of('Info'), trailer.Info as PDFObject);
    dict.set(PDFName.of('ID'), idArray);
    dict.set(PDFName.of('Prev'), PDFNumber.of(previous));
    parts.push(Buffer.from(`${rows.join('\n')}\ntrailer\n`), bytesOf(dict), Buffer.from(`\nstartxref\n${offset}\n%%EOF\n`));
    return Buffer.concat(parts);
  }

  // A cross-reference stream (the file's own form), uncompressed: entries of type 1, field widths 1 4 2.
  const streamNumber = context.largestObjectNumber + 1;
  const all = [...sorted, [streamNumber, { offset, generation: 0 }] as const].sort((a, b) => a[0] - b[0]);
  const data = Buffer.concat(
    all.map(([, e]) => {
      const row = Buffer.alloc(7);
      row.writeUInt8(1, 0);
      row.writeUInt32BE(e.offset, 1);
      row.writeUInt16BE(e.generation, 5);
      return row;
    }),
  );
  const index = subsections(all).flatMap(([first, entries]) => [first, entries.length]);
  const dict = context.obj({ Type: 'XRef', Size: streamNumber + 1, W: [1, 4, 2], Index: index, Length: data.length });
  dict.set(PDFName.of('Root'), trailer.Root as PDFObject);
  if (trailer.Info) dict.set(PDFName.of('Info'), trailer.Info as PDFObject);
  dict.set(PDFName.of('ID'), idArray);
  dict.set(PDFName.of('Prev'), PDFNumber.of(previous));
  parts.push(Buffer.from(`${streamNumber} 0 obj\n`), bytesOf(dict), Buffer.from('\nstream\n'), data, Buffer.from(`\nendstream\nendobj\nstartxref\n${offset}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** Consecutive object numbers grouped: [[first, entries], …]. */
function subsections<T>(sorted: readonly (readonly [number, T])[]): [number, (readonly [number, T])[]][] {
  const out: [number, (readonly [number, T])[]][] = [];
  for (const entry of sorted) {
    const last = out.at(-1);
    if (last && last[0] + last[1].length === entry[0]) last[1].push(entry);
    else out.push([entry[0], [entry]]);
  }
  return out;
}

function bytesOf(object: PDFObject): Buffer {
  const buffer = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(buffer, 0);
  return Buffer.from(buffer);
}

/** The offset the file's last `startxref` names. */
function lastStartXref(pdf: Buffer): number {
  const at = pdf.lastIndexOf('startxref');
  const match = at < 0 ? null : /startxref\s+(\d+)/.exec(pdf.subarray(at, at + 40).toString('latin1'));
  if (!match) throw new Error('PDF 的交叉引用表无法找到，不能签名');
  return Number(match[1]);
}

function trimTrailingWhitespace(pdf: Buffer): Buffer {
  let end = pdf.length;
  while (end > 0 && (pdf[end - 1] === 0x0a || pdf[end - 1] === 0x0d || pdf[end - 1] === 0x20)) end--;
  return pdf.subarray(0, end);
}
