import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFObject,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
} from 'pdf-lib';

/**
 * A PDF as the PDF/A checker reads it: the raw bytes (for the clauses about the file's syntax: header,
 * trailer, cross-reference table, stream keywords) and the object graph parsed by pdf-lib (for the clauses
 * about dictionaries: fonts, output intent, metadata, actions…), with small helpers to walk it.
 */
export interface PdfaDocument {
  readonly bytes: Uint8Array;
  /** The bytes as Latin-1 text (one character per byte). */
  readonly text: string;
  readonly pdf: PDFDocument;
  readonly catalog: PDFDict;
  /** Every indirect object, with its reference. */
  readonly objects: readonly (readonly [PDFRef, PDFObject])[];
  /** The page dictionaries, in order. */
  readonly pages: readonly PDFDict[];
  lookup(obj: PDFObject | undefined): PDFObject | undefined;
  dict(obj: PDFObject | undefined): PDFDict | undefined;
  /** A stream's decoded bytes (undefined when its filter cannot be decoded). */
  decode(stream: PDFStream): Uint8Array | undefined;
}

/** Reads a PDF for checking; throws a Chinese message when pdf-lib cannot parse it. */
export async function openPdfaDocument(bytes: Uint8Array): Promise<PdfaDocument> {
  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  } catch (e) {
    throw new Error(`无法解析 PDF：${(e as Error).message}`);
  }
  const context = pdf.context;
  const lookup = (obj: PDFObject | undefined): PDFObject | undefined => (obj instanceof PDFRef ? context.lookup(obj) : obj);
  const dict = (obj: PDFObject | undefined): PDFDict | undefined => {
    const value = lookup(obj);
    if (value instanceof PDFDict) return value;
    if (value instanceof PDFStream) return value.dict;
    return undefined;
  };
  return {
    bytes,
    text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
    pdf,
    catalog: pdf.catalog,
    objects: context.enumerateIndirectObjects(),
    pages: pdf.getPages().map((p) => p.node),
    lookup,
    dict,
    decode(stream) {
      if (!(stream instanceof PDFRawStream)) return stream.getContents();
      try {
        return decodePDFRawStream(stream).decode();
      } catch {
        return undefined;
      }
    },
  };
}

/** A name's value without the slash, or undefined. */
export function nameOf(obj: PDFObject | undefined): string | undefined {
  return obj instanceof PDFName ? obj.decodeText() : undefined;
}

export function numberOf(obj: PDFObject | undefined): number | undefined {
  return obj instanceof PDFNumber ? obj.asNumber() : undefined;
}

/** A text string's value (literal or hexadecimal). */
export function textOf(obj: PDFObject | undefined): string | undefined {
  return obj instanceof PDFString || obj instanceof PDFHexString ? obj.decodeText() : undefined;
}

export function get(d: PDFDict | undefined, key: string): PDFObject | undefined {
  return d?.get(PDFName.of(key));
}

/** Every dictionary reachable inside an object (arrays and dictionaries walked; references not followed). */
export function* dictsIn(obj: PDFObject): Generator<PDFDict> {
  if (obj instanceof PDFStream) {
    yield obj.dict;
    yield* dictsIn(obj.dict);
    return;
  }
  if (obj instanceof PDFDict) {
    for (const [, value] of obj.entries()) {
      if (value instanceof PDFDict) {
        yield value;
        yield* dictsIn(value);
      } else if (value instanceof PDFArray) yield* dictsIn(value);
    }
  } else if (obj instanceof PDFArray) {
    for (const value of obj.asArray()) {
      if (value instanceof PDFDict) {
        yield value;
        yield* dictsIn(value);
      } else if (value instanceof PDFArray) yield* dictsIn(value);
    }
  }
}

/** Every dictionary of the file: each indirect object's and those nested in it. */
export function* allDicts(doc: PdfaDocument): Generator<PDFDict> {
  for (const [, obj] of doc.objects) {
    if (obj instanceof PDFDict) yield obj;
    yield* dictsIn(obj);
  }
}

/** The page's resources, inherited from the page tree when the page has none. */
export function pageResources(doc: PdfaDocument, page: PDFDict): PDFDict | undefined {
  let node: PDFDict | undefined = page;
  while (node) {
    const res = doc.dict(get(node, 'Resources'));
    if (res) return res;
    node = doc.dict(get(node, 'Parent'));
  }
  return undefined;
}

/** A page's content as text (its streams decoded and joined). */
export function pageContent(doc: PdfaDocument, page: PDFDict): string {
  const contents = doc.lookup(get(page, 'Contents'));
  const streams = contents instanceof PDFArray ? contents.asArray().map((c) => doc.lookup(c)) : [contents];
  return streams
    .filter((s): s is PDFStream => s instanceof PDFStream)
    .map((s) => {
      const bytes = doc.decode(s);
      return bytes ? Buffer.from(bytes).toString('latin1') : '';
    })
    .join('\n');
}
