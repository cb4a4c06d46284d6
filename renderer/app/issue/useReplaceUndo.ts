import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { BulletinDocument } from '../../../core/model/document.js';
import { useNotices } from '../notices.js';
import type { Dispatch } from './issueModel.js';

/**
 * 全部替换 undone by one Ctrl+Z: `replaced(before, after)` shows the replaced document (every editor mounted
 * afresh) and remembers the one before; while nothing else has changed the document, Ctrl+Z — the key, wherever
 * the focus is, or the menu's 撤销 through `undoReplace` — puts it back whole. Any other edit forgets it.
 */
export function useReplaceUndo(options: { docRef: RefObject<BulletinDocument>; dispatch: Dispatch }) {
  const { docRef, dispatch } = options;
  const notices = useNotices();
  const pending = useRef<{ before: BulletinDocument; after: BulletinDocument } | null>(null);

  const replaced = useCallback(
    (before: BulletinDocument, after: BulletinDocument) => {
      pending.current = { before, after };
      dispatch({ type: 'replace', doc: after });
    },
    [dispatch],
  );

  const undoReplace = useCallback((): boolean => {
    const last = pending.current;
    pending.current = null;
    if (!last || docRef.current !== last.after) return false;
    dispatch({ type: 'replace', doc: last.before });
    notices.notify('info', '已撤销全部替换', { timeoutMs: 3000 });
    return true;
  }, [dispatch, docRef, notices]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'z') return;
      if (!pending.current || docRef.current !== pending.current.after) return;
      e.preventDefault();
      e.stopPropagation();
      undoReplace();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [docRef, undoReplace]);

  return { replaced, undoReplace };
}
