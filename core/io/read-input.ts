import type { BulletinDocument } from '../model/document.js';
import { parseDocument } from '../model/format.js';
import { ImportError, importPlainText, type ImportNote } from '../import/plain-text.js';

/**
 * Turning the bytes of a file a user hands us — an issue file (.json) or plain text (.txt) — into a
 * document, with one clear Chinese message when that cannot be done.
 */

/** The input cannot be used; the message says why, in Chinese, in one line. */
export class InputError extends Error {
  constructor(message: string, readonly details: readonly string[] = []) {
    super(message);
    this.name = 'InputError';
  }
}

export interface ReadInputOptions {
  /** The file's name, to tell JSON from text and to name it in messages. */
  readonly name: string;
  /** Today's date (ISO), for text that names none. */
  readonly today?: string;
}

export interface ReadInputResult {
  readonly document: BulletinDocument;
  readonly notes: readonly ImportNote[];
  readonly kind: 'issue-file' | 'text';
}

/** Largest input accepted (an issue is a few dozen kilobytes). */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

/** Reads an issue file or a text file from its bytes. Throws InputError. */
export function readInput(bytes: Uint8Array, opts: ReadInputOptions): ReadInputResult {
  if (bytes.length === 0) throw new InputError(`文件是空的：${opts.name}`);
  if (bytes.length > MAX_INPUT_BYTES) {
    throw new InputError(`文件过大（${(bytes.length / 1048576).toFixed(1)} MB），不像是简报文件：${opts.name}`);
  }
  if (bytes.includes(0)) throw new InputError(`这不是文本文件（含有二进制内容）：${opts.name}`);
  const { text, encoding } = decodeText(bytes, opts.name);
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (/\.json$/i.test(opts.name) || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const parsed = parseDocument(text);
    if (!parsed.ok) {
      const details = parsed.problems.map((p) => (p.path ? `${p.path}：${p.reason}` : p.reason));
      const head =
        parsed.kind === 'not-json'
          ? '不是有效的简报文件（JSON 格式错误）'
          : parsed.kind === 'foreign'
            ? '这不是简报文件'
            : parsed.kind === 'too-new'
              ? '文件版本过新'
              : `简报文件内容有 ${parsed.problems.length} 处错误`;
      const first = parsed.kind === 'foreign' || !details.length ? '' : `（${details[0]}${details.length > 1 ? ' 等' : ''}）`;
      throw new InputError(`${head}：${opts.name}${first}`, details);
    }
    return { document: parsed.document, notes: [], kind: 'issue-file' };
  }
  try {
    const result = importPlainText(text, { today: opts.today });
    const notes = encoding === 'utf-8' ? result.notes : [{ kind: 'info' as const, message: '文件按 GB18030（GBK）编码读取' }, ...result.notes];
    return { document: result.document, notes, kind: 'text' };
  } catch (e) {
    if (e instanceof ImportError) throw new InputError(`${e.message}：${opts.name}`);
    throw e;
  }
}

/** UTF-8 first; text saved by older Windows tools in GB18030/GBK second. */
function decodeText(bytes: Uint8Array, name: string): { text: string; encoding: 'utf-8' | 'gb18030' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
    } catch {
      throw new InputError(`无法识别文件的文字编码（既不是 UTF-8 也不是 GBK）：${name}`);
    }
  }
}
