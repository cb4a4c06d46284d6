import { unzipSync } from 'fflate';
import { ImportError } from '../plain-text.js';

/**
 * The parts of a Word package (.docx is a zip of XML parts) that the importer reads, unzipped with fflate
 * (pure JavaScript). Only the named parts are inflated — pictures are listed, never decompressed — and every
 * part's declared size is checked first, so a zip bomb is refused before any memory is spent on it.
 */

/** Largest uncompressed XML part accepted (a 200-page report's document.xml is a few megabytes). */
export const MAX_PART_BYTES = 64 * 1024 * 1024;
/** Largest sum of uncompressed sizes accepted for the parts read. */
export const MAX_TOTAL_BYTES = 128 * 1024 * 1024;
/** Largest total of the pictures unpacked from word/media/. */
export const MAX_MEDIA_BYTES = 256 * 1024 * 1024;

/** The parts read, as text, and the names of every entry of the package. */
export interface PackageParts {
  readonly names: readonly string[];
  readonly text: ReadonlyMap<string, string>;
  /** The pictures of word/media/ (JPEG and PNG files only, by their package path). */
  readonly media: ReadonlyMap<string, Uint8Array>;
}

/** Picture files read from word/media/ (those an article can hold; others are reported as not imported). */
const MEDIA = /^word\/media\/[^/]+\.(jpe?g|png)$/iu;

const WANTED = /^(\[Content_Types\]\.xml|word\/(document|styles|numbering|comments|footnotes|endnotes)\.xml|word\/_rels\/document\.xml\.rels)$/u;

/** What kind of file the first bytes say it is. */
export function sniff(bytes: Uint8Array): 'zip' | 'cfb' | 'pdf' | 'rtf' | 'other' {
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0x50 && b(1) === 0x4b && (b(2) === 3 || b(2) === 5 || b(2) === 7)) return 'zip';
  if (b(0) === 0xd0 && b(1) === 0xcf && b(2) === 0x11 && b(3) === 0xe0) return 'cfb';
  if (b(0) === 0x25 && b(1) === 0x50 && b(2) === 0x44 && b(3) === 0x46) return 'pdf';
  if (b(0) === 0x7b && b(1) === 0x5c && b(2) === 0x72 && b(3) === 0x74) return 'rtf';
  return 'other';
}

/** Unzips the parts the importer reads. Throws ImportError (Chinese) for a damaged package or a zip bomb. */
export function readPackageParts(bytes: Uint8Array): PackageParts {
  const names: string[] = [];
  let total = 0;
  let mediaTotal = 0;
  let tooBig: string | undefined;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter(file) {
        names.push(file.name);
        if (MEDIA.test(file.name)) {
          mediaTotal += file.originalSize;
          if (mediaTotal > MAX_MEDIA_BYTES) tooBig ??= file.name;
          return tooBig === undefined;
        }
        if (!WANTED.test(file.name)) return false;
        total += file.originalSize;
        if (file.originalSize > MAX_PART_BYTES || total > MAX_TOTAL_BYTES) tooBig ??= file.name;
        return tooBig === undefined;
      },
    });
  } catch (error) {
    if (tooBig !== undefined) throw bomb();
    throw new ImportError('文件已损坏，无法解压（不是完整的 Word 文档）', { cause: error });
  }
  if (tooBig !== undefined) throw bomb();
  const text = new Map<string, string>();
  const decoder = new TextDecoder('utf-8');
  const media = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(files)) {
    if (MEDIA.test(name)) {
      media.set(name, data);
      continue;
    }
    if (data.length > MAX_PART_BYTES) throw bomb();
    text.set(name, decoder.decode(data));
  }
  return { names, text, media };
}

function bomb(): ImportError {
  return new ImportError('文件解压后过大（疑似“压缩炸弹”），已拒绝导入');
}
