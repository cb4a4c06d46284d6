/**
 * PDF objects and file structure (ISO 32000-1:2008 §7): numbered indirect objects, streams, a classic
 * cross-reference table and a trailer with the document /ID. Values are written as PDF source text by the helpers
 * below; streams carry bytes. No compression here: a caller that wants Flate passes the compressed bytes and the
 * /Filter entry.
 */

/** Bytes of ASCII/Latin-1 PDF source text (every character code below 256). */
export function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** A number as PDF writes it: at most 3 decimals, no exponent, no "-0". */
export function num(v: number): string {
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) || r === 0 ? '0' : String(r);
}

/** An object reference "n 0 R". */
export function ref(n: number): string {
  return `${n} 0 R`;
}

/** A text string: ASCII as a literal, anything else as UTF-16BE with a byte-order mark, in hex (§7.9.2.2). */
export function textString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  let hex = '<FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `${hex}>`;
}

/** A name object of ASCII/Latin-1 characters, those outside the regular set written as #xx (§7.3.5). */
export function name(value: string): string {
  let out = '/';
  for (const c of value) {
    const code = c.charCodeAt(0) & 0xff;
    out += code > 0x20 && code < 0x7f && !/[#()<>[\]{}/%]/.test(c) ? c : `#${code.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** A dictionary from entries (values are PDF source); undefined values are left out. */
export function dict(entries: Readonly<Record<string, string | undefined>>): string {
  let out = '<<';
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) out += `/${key} ${value}`;
  return `${out}>>`;
}

/** An indirect object's body: PDF source, or a stream (dictionary without /Length, and the bytes). */
export type PdfObject = { readonly source: string } | { readonly dict: Readonly<Record<string, string | undefined>>; readonly data: Uint8Array };

/** The pieces of a file. Object numbers are 1…objects.length (a `null` slot is written as the null object). */
export interface PdfFileParts {
  readonly objects: readonly (PdfObject | null)[];
  readonly root: number;
  readonly info?: number;
  /** The two halves of /ID, 16 bytes each. */
  readonly id: readonly [Uint8Array, Uint8Array];
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out.toUpperCase();
}

/** Serialises a whole PDF 1.7 file: header with a binary comment, objects, xref table, trailer. */
export function writePdf(parts: PdfFileParts): Uint8Array {
  const chunks: Uint8Array[] = [latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  let size = chunks[0]!.length;
  const offsets: number[] = [];
  const push = (chunk: Uint8Array) => {
    chunks.push(chunk);
    size += chunk.length;
  };
  parts.objects.forEach((obj, i) => {
    offsets.push(size);
    const n = i + 1;
    if (!obj) push(latin1(`${n} 0 obj\nnull\nendobj\n`));
    else if ('source' in obj) push(latin1(`${n} 0 obj\n${obj.source}\nendobj\n`));
    else {
      push(latin1(`${n} 0 obj\n${dict({ ...obj.dict, Length: String(obj.data.length) })}\nstream\n`));
      push(obj.data);
      push(latin1('\nendstream\nendobj\n'));
    }
  });
  const xrefAt = size;
  let xref = `xref\n0 ${parts.objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) xref += `${String(o).padStart(10, '0')} 00000 n \n`;
  const trailer = dict({
    Size: String(parts.objects.length + 1),
    Root: ref(parts.root),
    Info: parts.info ? ref(parts.info) : undefined,
    ID: `[<${hex(parts.id[0])}> <${hex(parts.id[1])}>]`,
  });
  push(latin1(`${xref}trailer\n${trailer}\nstartxref\n${xrefAt}\n%%EOF\n`));
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * A 16-byte fingerprint of some byte arrays (four interleaved 32-bit FNV-1a lanes): the document /ID, which needs
 * to differ between different files, not to resist forgery.
 */
export function fingerprint(parts: readonly Uint8Array[]): Uint8Array {
  const lanes = new Uint32Array([0x811c9dc5, 0x01000193 ^ 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35]);
  let k = 0;
  for (const p of parts) {
    for (let i = 0; i < p.length; i++, k++) {
      const lane = k & 3;
      lanes[lane] = Math.imul(lanes[lane]! ^ p[i]!, 0x01000193);
    }
    lanes[0] = Math.imul(lanes[0]! ^ p.length, 0x01000193);
  }
  return new Uint8Array(lanes.buffer.slice(0));
}
