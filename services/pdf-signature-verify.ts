import { X509Certificate } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, type PDFObject } from 'pdf-lib';
import { readDetachedSignature } from './cms-signature.js';
import { isIssuedBy, isValidAt } from './certificate-checks.js';

/**
 * Reading back a PDF's signatures (what `bulletin verify` and the final export check): for each signature
 * dictionary, who signed (the certificate), when (/M), whether the signed byte ranges cover the whole file
 * except the /Contents hex string (nothing added or changed after signing), whether the CMS digest and
 * signature hold, and whether the signer's certificate was issued by a given authority.
 */

export interface PdfSignatureCheck {
  readonly subFilter: string;
  /** /Name, else the certificate's common name. */
  readonly signerName: string;
  /** /M as ISO time, when present. */
  readonly signedAt?: string;
  readonly reason?: string;
  readonly location?: string;
  /** The signer's certificate (DER), when the CMS carries it. */
  readonly signerCertificate?: Buffer;
  /** Every certificate the CMS carries (DER). */
  readonly certificates: readonly Buffer[];
  /** The byte ranges start at 0, end at the end of the file, and leave out exactly the /Contents string. */
  readonly coversWholeFile: boolean;
  /** The signed bytes are those that were signed (digest) and the signature verifies with the certificate. */
  readonly intact: boolean;
  /** The signing-certificate-v2 attribute names the signer's certificate. */
  readonly signingCertificateBound: boolean;
}

/** The signatures of a PDF, in file order; none for an unsigned file. Throws (Chinese) when it is no PDF. */
export async function readPdfSignatures(bytes: Uint8Array): Promise<PdfSignatureCheck[]> {
  const pdf = Buffer.from(bytes);
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true });
  } catch (error) {
    throw new Error(`不是可读取的 PDF 文件（${(error as Error).message}）`);
  }
  const out: PdfSignatureCheck[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict)) continue;
    const contents = object.get(PDFName.of('Contents'));
    const range = object.get(PDFName.of('ByteRange'));
    if (!(range instanceof PDFArray) || !(contents instanceof PDFHexString || contents instanceof PDFString)) continue;
    out.push(checkOne(pdf, object, range, contents));
  }
  return out.sort((a, b) => (a.signedAt ?? '').localeCompare(b.signedAt ?? ''));
}

function checkOne(pdf: Buffer, dict: PDFDict, range: PDFArray, contents: PDFHexString | PDFString): PdfSignatureCheck {
  const numbers = range.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : NaN));
  const [a = NaN, la = NaN, b = NaN, lb = NaN] = numbers;
  const sane = numbers.length === 4 && numbers.every((n) => Number.isInteger(n) && n >= 0) && a + la <= b && b + lb <= pdf.length;
  const gap = sane ? pdf.subarray(a + la, b).toString('latin1') : '';
  const coversWholeFile = sane && a === 0 && b + lb === pdf.length && /^<[0-9A-Fa-f]*>$/.test(gap);
  const signed = sane ? Buffer.concat([pdf.subarray(a, a + la), pdf.subarray(b, b + lb)]) : Buffer.alloc(0);
  const text = (key: string) => {
    const value: PDFObject | undefined = dict.get(PDFName.of(key));
    return value instanceof PDFHexString || value instanceof PDFString ? value.decodeText() : undefined;
  };
  const date = dict.get(PDFName.of('M'));
  let signedAt: string | undefined;
  try {
    signedAt = date instanceof PDFString || date instanceof PDFHexString ? date.decodeDate().toISOString() : undefined;
  } catch {
    signedAt = undefined;
  }
  const subFilter = dict.get(PDFName.of('SubFilter'));
  let cms: ReturnType<typeof readDetachedSignature> | undefined;
  try {
    cms = sane ? readDetachedSignature(contents.asBytes(), signed) : undefined;
  } catch {
    cms = undefined;
  }
  const commonName = cms?.signerCertificate ? commonNameOf(cms.signerCertificate) : '';
  const reason = text('Reason');
  const location = text('Location');
  return {
    subFilter: subFilter instanceof PDFName ? subFilter.decodeText() : '',
    signerName: text('Name') || commonName,
    ...(signedAt ? { signedAt } : {}),
    ...(reason ? { reason } : {}),
    ...(location ? { location } : {}),
    ...(cms?.signerCertificate ? { signerCertificate: cms.signerCertificate } : {}),
    certificates: cms?.certificates ?? [],
    coversWholeFile,
    intact: !!cms && cms.digestMatches && cms.signatureValid,
    signingCertificateBound: !!cms?.signingCertificateMatches,
  };
}

/** Whether a signature's certificate was issued by `authority` (DER) and was valid at the signing time. */
export function chainsTo(check: PdfSignatureCheck, authority: Uint8Array): { issued: boolean; validAtSigning: boolean } {
  if (!check.signerCertificate) return { issued: false, validAtSigning: false };
  try {
    const cert = new X509Certificate(check.signerCertificate);
    const ca = new X509Certificate(authority);
    const at = check.signedAt ? new Date(check.signedAt) : new Date();
    return { issued: isIssuedBy(cert, ca), validAtSigning: isValidAt(cert, at) && isValidAt(ca, at) };
  } catch {
    return { issued: false, validAtSigning: false };
  }
}

function commonNameOf(der: Buffer): string {
  try {
    const line = new X509Certificate(der).subject.split('\n').find((l) => l.startsWith('CN='));
    return line ? line.slice(3) : '';
  } catch {
    return '';
  }
}
