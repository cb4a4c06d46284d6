import { LibraryError, moveFile } from './library-fs.js';
import { assertIssueId } from './library-ids.js';
import type { LibraryStore } from './library-store.js';

/**
 * The 回收站: `trash/<id>.json` and its meta file. Moving an issue there and back never overwrites an issue
 * of the same id on the other side.
 */

/** Moves an issue (and its meta file) to the trash. */
export function trashIssue(store: LibraryStore, id: string): void {
  assertIssueId(id);
  const from = store.issuePath(id);
  const to = store.issuePath(id, 'trash');
  if (!store.exists(from)) throw new LibraryError(`找不到期刊：${id}`);
  if (store.exists(to)) throw new LibraryError(`回收站中已有编号为 ${id} 的期刊，未移动`);
  moveFile(store.fs, from, to);
  if (store.exists(store.metaPath(id))) moveFile(store.fs, store.metaPath(id), store.metaPath(id, 'trash'));
}

/** Moves an issue (and its meta file) back from the trash. */
export function restoreFromTrash(store: LibraryStore, id: string): void {
  assertIssueId(id);
  const from = store.issuePath(id, 'trash');
  const to = store.issuePath(id);
  if (store.exists(to)) throw new LibraryError(`期刊库中已有编号为 ${id} 的期刊，不能从回收站恢复`);
  if (!store.exists(from)) throw new LibraryError(`回收站中没有这一期：${id}`);
  moveFile(store.fs, from, to);
  if (store.exists(store.metaPath(id, 'trash'))) moveFile(store.fs, store.metaPath(id, 'trash'), store.metaPath(id));
}
