/// <reference path="./word-extractor.d.ts" />
import CFB from 'cfb';
import WordExtractor from 'word-extractor';
import { plain } from '../core/model/inline.js';
import type { ImportNote } from '../core/import/import-notes.js';
import { ImportError } from '../core/import/plain-text.js';
import type { WordContent } from '../core/import/word/word-content.js';

/**
 * The reader of Word 97–2003 binary files (.doc, and WPS's .doc/.wps): a compound file (CFB) checked first with
 * the cfb package, so an encrypted document, an Excel or PowerPoint file or a damaged one gets a clear reason;
 * then its text and paragraphs extracted with word-extractor. Formatting (bold, centring, automatic numbers) is
 * not read: headings are recognised from their typed numbers, and the importer says so.
 */

/** The Word file-information block's flag for an encrypted document (FIB base, offset 0x0A, bit 8: fEncrypted). */
const F_ENCRYPTED = 0x0100;

/** Checks the compound file; throws ImportError (Chinese) for what is not a readable Word binary document. */
export function checkCompoundFile(bytes: Uint8Array): CFB.CFB$Container {
  let container: CFB.CFB$Container;
  try {
    container = CFB.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: 'buffer' });
  } catch (error) {
    throw new ImportError('文件已损坏，无法读取（Word 97–2003 复合文档结构有误）', { cause: error });
  }
  const has = (name: string) => CFB.find(container, name) !== null;
  if (has('EncryptionInfo') || has('EncryptedPackage')) {
    throw new ImportError('文档设有打开密码（已加密），无法导入；请在 Word 中取消密码（文件→信息→保护文档）后再导入');
  }
  if (has('Workbook') || has('Book')) throw new ImportError('这是 Excel 表格（.xls），不是 Word 文档');
  if (has('PowerPoint Document')) throw new ImportError('这是 PowerPoint 演示文稿（.ppt），不是 Word 文档');
  const word = CFB.find(container, 'WordDocument');
  if (!word) throw new ImportError('这不是 Word 文档（复合文档中没有 WordDocument 内容）');
  const fib = word.content as Uint8Array;
  if (fib.length < 12 || fib[0] !== 0xec || fib[1] !== 0xa5) throw new ImportError('文件已损坏：Word 文档头无效');
  const flags = (fib[10] ?? 0) | ((fib[11] ?? 0) << 8);
  if (flags & F_ENCRYPTED) {
    throw new ImportError('文档设有打开密码（已加密），无法导入；请在 Word 中取消密码后再导入');
  }
  return container;
}

/** The streams word-extractor reads: the document, its table stream and the data stream. */
const WORD_STREAMS = ['WordDocument', '0Table', '1Table', 'Data'] as const;

/**
 * The Word streams copied into a fresh compound file written by cfb. word-extractor has its own compound-file
 * reader, which follows sector chains without a loop check: a damaged file whose chain loops makes it grow an array
 * until V8 aborts the whole process. cfb reads chains safely; what it writes has clean chains.
 */
function rebuilt(container: CFB.CFB$Container): Buffer {
  const fresh = CFB.utils.cfb_new();
  for (const name of WORD_STREAMS) {
    const entry = CFB.find(container, name);
    if (entry?.content) CFB.utils.cfb_add(fresh, `/${name}`, Buffer.from(entry.content as Uint8Array));
  }
  return CFB.write(fresh, { type: 'buffer' }) as Buffer;
}

/** Reads a .doc/.wps file's paragraphs (text only). Throws ImportError. */
export async function readWordBinary(bytes: Uint8Array): Promise<WordContent> {
  const container = checkCompoundFile(bytes);
  let doc;
  try {
    doc = await new WordExtractor().extract(rebuilt(container));
  } catch (error) {
    throw new ImportError('文件已损坏，无法读取 Word 文档的文字', { cause: error });
  }
  const paragraphs = doc
    .getBody()
    .split(/\r\n|[\r\n\u2029]/u)
    .map((line) => line.replace(/[\u0007]/g, '\t'))
    .filter((line) => /[^\s\u3000\u00a0]/u.test(line))
    .map((line) => ({ runs: plain(line) }));
  const notes: ImportNote[] = [];
  const report = (kind: ImportNote['kind'], what: string, text: string) => {
    const items = text.split(/\n+/).map((t) => t.trim()).filter(Boolean);
    for (const item of items) notes.push({ kind, message: `${what}“${item.slice(0, 30)}”未导入（.doc 文件不记录其位置）` });
  };
  report('footnote', '脚注', doc.getFootnotes());
  report('footnote', '尾注', doc.getEndnotes());
  report('comment', '批注', doc.getAnnotations());
  report('text-box', '文本框', doc.getTextboxes({ includeHeadings: false, includeBody: true }));
  if (paragraphs.length === 0) throw new ImportError('文档中没有文字');
  return { paragraphs, notes, source: 'doc' };
}
