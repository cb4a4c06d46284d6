import type { BulletinDocument } from '../core/model/document.js';
import { documentFromUnknown } from '../core/model/format.js';
import { isPlainObject } from '../core/model/validate.js';
import { removeFile, writeAtomic } from './library-fs.js';
import { assertIssueId } from './library-ids.js';
import { MAX_ISSUE_BYTES, fileStamp } from './library-issue-file.js';
import { checkedText, type LibraryStore } from './library-store.js';

/**
 * The journal of unsaved editor state, for crash recovery: `journal/<id>.json` holds `{ savedAt, document }`,
 * written atomically as the editor types and discarded once the issue is saved. A journal that cannot be read
 * is treated as absent (it never blocks opening the issue).
 */

/** Writes the editor's current document for issue `id`. */
export function writeJournal(store: LibraryStore, id: string, document: BulletinDocument): void {
  assertIssueId(id);
  const entry = { savedAt: store.nowIso(), document: JSON.parse(checkedText(document)) as unknown };
  writeAtomic(store.fs, store.journalPath(id), `${JSON.stringify(entry)}\n`);
}

/** The journal of issue `id`, or nothing when there is none or it cannot be read. */
export function readJournal(store: LibraryStore, id: string): { document?: BulletinDocument; savedAt?: string } {
  assertIssueId(id);
  const path = store.journalPath(id);
  const stamp = fileStamp(store.fs, path);
  if (!stamp || !stamp.isFile || stamp.size > MAX_ISSUE_BYTES + 1024) return {};
  try {
    const raw: unknown = JSON.parse(store.fs.readFileSync(path, 'utf8'));
    if (!isPlainObject(raw) || typeof raw.savedAt !== 'string') return {};
    const parsed = documentFromUnknown(raw.document, store.parseOptions);
    return parsed.ok ? { document: parsed.document, savedAt: raw.savedAt } : {};
  } catch {
    return {};
  }
}

/** Removes the journal of issue `id`. */
export function discardJournal(store: LibraryStore, id: string): void {
  assertIssueId(id);
  removeFile(store.fs, store.journalPath(id));
}
