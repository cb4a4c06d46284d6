import { zlibSync } from 'fflate';

/**
 * Small one-page PDFs for the PDF 刊名 reader's unit tests: a content stream (plain or FlateDecode) with the page's
 * resources and extra objects, written with a classic cross-reference table. Files from other writers (mutool,
 * qpdf object streams, cairo, pdf-lib) are made in the tests themselves.
 */
export interface ArtPdfOptions {
  readonly mediaBox?: string;
  /** The page dictionary's extra entries, e.g. "/CropBox [0 0 50 50] /Rotate 90". */
  readonly page?: string;
  /** The /Resources dictionary's body, e.g. "/XObject << /F1 5 0 R >>". */
  readonly resources?: string;
  /** Objects 5, 6…: each a full object body ("<< … >>" or "<< … >> stream\n…\nendstream"). */
  readonly objects?: readonly string[];
  readonly compress?: boolean;
  /** Extra trailer entries, e.g. "/Encrypt 9 0 R". */
  readonly trailer?: string;
}

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

/** A stream object body for `objects`. */
export function streamObject(dict: string, data: string): string {
  return `<< ${dict} /Length ${data.length} >>\nstream\n${data}\nendstream`;
}

export function contentPdf(content: string, opts: ArtPdfOptions = {}): Uint8Array {
  const data = opts.compress ? String.fromCharCode(...zlibSync(latin1(content))) : content;
  const bodies = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox ${opts.mediaBox ?? '[0 0 200 100]'} /Resources << ${opts.resources ?? ''} >> /Contents 4 0 R ${opts.page ?? ''} >>`,
    `<< /Length ${data.length}${opts.compress ? ' /Filter /FlateDecode' : ''} >>\nstream\n${data}\nendstream`,
    ...(opts.objects ?? []),
  ];
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  bodies.forEach((b, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${b}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R ${opts.trailer ?? ''} >>\nstartxref\n${xref}\n%%EOF\n`;
  return latin1(out);
}
