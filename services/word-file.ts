import { readDocx } from '../core/import/word/docx-reader.js';
import type { WordContent } from '../core/import/word/word-content.js';
import { sniff } from '../core/import/word/zip-parts.js';
import { ImportError } from '../core/import/plain-text.js';
import { readWordBinary } from './word-binary.js';
import { PictureError } from '../core/model/picture.js';
import { preparePicture } from './picture-prepare.js';
import type { PictureImage } from '../core/model/issue.js';

/** How a picture's bytes become an embedded image: in-process by default, or in the export worker's thread. */
export type PicturePreparer = (bytes: Uint8Array) => Promise<PictureImage> | PictureImage;

/** Options of {@link readWordFile}. */
export interface ReadWordOptions {
  /**
   * Re-encodes each picture (default: services/picture-prepare.ts in this process, as the command line does; the
   * app passes the export worker's, so a Word file full of photos does not freeze the window). It throws an error
   * named 'PictureError' with the Chinese reason when a picture cannot be used.
   */
  readonly preparePicture?: PicturePreparer;
}

const inProcess: PicturePreparer = (bytes) => preparePicture(bytes).image;

/** The pictures of a .docx re-encoded as pictures of the issue (services/picture-prepare.ts), or the reason not. */
async function withPreparedPictures(content: WordContent, prepare: PicturePreparer): Promise<WordContent> {
  if (!content.paragraphs.some((p) => p.pictures?.length)) return content;
  const paragraphs = [];
  for (const p of content.paragraphs) {
    if (!p.pictures?.length) {
      paragraphs.push(p);
      continue;
    }
    const pictures = [];
    for (const pic of p.pictures) {
      try {
        pictures.push({ ...pic, image: await prepare(pic.bytes) });
      } catch (e) {
        // PictureError in-process, or its name carried over from the worker's thread.
        const refused = e instanceof PictureError || (e instanceof Error && e.name === 'PictureError');
        pictures.push({ ...pic, error: refused ? (e as Error).message : '图片无法读取' });
      }
    }
    paragraphs.push({ ...p, pictures });
  }
  return { ...content, paragraphs };
}

/**
 * A Word file's bytes read into paragraphs, whichever kind it is: .docx by the core's OOXML reader, .doc/.wps
 * (a compound file) by the binary reader. The kind comes from the bytes, not the extension, so a renamed file
 * is read as what it is or refused with the reason.
 */

/** Largest Word file accepted: a contribution with photographs is a few megabytes; pictures are never unpacked. */
export const MAX_WORD_BYTES = 100 * 1024 * 1024;

/** File names the Word importer takes. */
export const WORD_EXTENSIONS = /\.(docx|docm|doc|wps|dot|dotx)$/iu;

/** Reads a Word file. Throws ImportError with one Chinese sentence, never anything else. */
export async function readWordFile(bytes: Uint8Array, name: string, options: ReadWordOptions = {}): Promise<WordContent> {
  if (bytes.length === 0) throw new ImportError('文件是空的（0 字节）');
  if (bytes.length > MAX_WORD_BYTES) {
    throw new ImportError(`文件过大（${(bytes.length / 1048576).toFixed(0)} MB，上限 ${MAX_WORD_BYTES / 1048576} MB），未导入`);
  }
  try {
    if (sniff(bytes) === 'cfb') return await readWordBinary(bytes);
    return await withPreparedPictures(readDocx(bytes, { name }), options.preparePicture ?? inProcess);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError('无法读取这个 Word 文档：文件内容不符合 Word 格式', { cause: error });
  }
}
