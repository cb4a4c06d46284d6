import { createHash } from 'node:crypto';
import { tableCells } from '../core/model/table.js';
import type { BulletinDocument } from '../core/model/document.js';
import { MAX_TEXT_LENGTH, parseDocument, type ParseOptions } from '../core/model/format.js';
import { inlineText } from '../core/model/inline.js';
import type { Block } from '../core/model/issue.js';
import { describeProblems } from './library-meta.js';
import type { LibraryFs } from './library-fs.js';
import { statOrUndefined } from './library-fs.js';

/**
 * Reading issue files of the library defensively: the size is checked before anything is read, the bytes
 * must be UTF-8 and a valid issue file; anything else is a Chinese reason, and the file is left alone.
 */

/** Largest issue file read (an issue is a few dozen kilobytes). Larger files are reported, never read. */
export const MAX_ISSUE_BYTES = MAX_TEXT_LENGTH;

/** An issue file that could be read. */
export interface LoadedIssue {
  readonly ok: true;
  readonly bytes: Uint8Array;
  readonly document: BulletinDocument;
  readonly revision: string;
  readonly stats: FileStamp;
  /** The file's format version when it is older than the current one (the document was upgraded in memory). */
  readonly migratedFrom?: number;
}

/** An issue file that could not be read, and why (Chinese). */
export interface UnreadableIssue {
  readonly ok: false;
  readonly reason: string;
  readonly stats: FileStamp;
}

/** What identifies one version of a file on disk without reading it: size, modification time, inode. */
export interface FileStamp {
  readonly size: number;
  readonly key: string;
  readonly mtime: Date;
}

/** The revision of an issue file: SHA-256 (hex) of its bytes. */
export function revisionOf(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The stamp of a file, or undefined when it does not exist. */
export function fileStamp(fs: LibraryFs, path: string): (FileStamp & { isFile: boolean }) | undefined {
  const st = statOrUndefined(fs, path);
  if (!st) return undefined;
  return { size: st.size, key: `${st.size}:${st.mtimeMs}:${st.ino}`, mtime: st.mtime, isFile: st.isFile() };
}

/** Reads and checks an issue file; undefined when there is no such file. Never reads a file over 20 MB. */
export function loadIssueFile(
  fs: LibraryFs,
  path: string,
  options: ParseOptions = {},
): LoadedIssue | UnreadableIssue | undefined {
  const stamp = fileStamp(fs, path);
  if (!stamp) return undefined;
  const stats: FileStamp = { size: stamp.size, key: stamp.key, mtime: stamp.mtime };
  if (!stamp.isFile) return { ok: false, reason: '这不是文件', stats };
  if (stamp.size > MAX_ISSUE_BYTES) {
    const mb = (stamp.size / 1024 / 1024).toFixed(1);
    return { ok: false, reason: `文件过大（约 ${mb} MB），简报文件不会超过 20 MB`, stats };
  }
  const checked = checkIssueBytes(fs.readFileSync(path), options);
  return checked.ok ? { ...checked, stats } : { ...checked, stats };
}

/** Checks the bytes of an issue file. */
export function checkIssueBytes(
  bytes: Uint8Array,
  options: ParseOptions = {},
):
  | { ok: true; bytes: Uint8Array; document: BulletinDocument; revision: string; migratedFrom?: number }
  | { ok: false; reason: string } {
  if (bytes.length === 0) return { ok: false, reason: '文件是空的' };
  if (bytes.length > MAX_ISSUE_BYTES) return { ok: false, reason: '文件过大，简报文件不会超过 20 MB' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: '不是文本文件（可能是二进制文件或已损坏）' };
  }
  const parsed = parseDocument(text, options);
  if (!parsed.ok) {
    const reason =
      parsed.kind === 'invalid' ? `简报文件内容有误：${describeProblems(parsed.problems)}` : describeProblems(parsed.problems);
    return { ok: false, reason };
  }
  const checked = { ok: true as const, bytes, document: parsed.document, revision: revisionOf(bytes) };
  return parsed.migratedFrom === undefined ? checked : { ...checked, migratedFrom: parsed.migratedFrom };
}

/** Everything searchable in a document, lower-cased: titles, 编者按, body text, contributors. */
export function searchTextOf(doc: BulletinDocument): string {
  const parts: string[] = doc.issue.editorNote.map(inlineText);
  for (const article of doc.issue.articles) {
    parts.push(article.title, article.contributor, ...article.body.map(blockText));
  }
  return parts.join('\n').toLowerCase();
}

function blockText(block: Block): string {
  if (block.type === 'table') return tableCells(block).map(inlineText).join(' ');
  return block.type === 'heading' ? inlineText(block.content) + inlineText(block.body ?? []) : inlineText(block.content);
}

/** The title an issue is listed under: its first article's title. */
export function titleOf(doc: BulletinDocument): string {
  return doc.issue.articles[0]?.title ?? '';
}
