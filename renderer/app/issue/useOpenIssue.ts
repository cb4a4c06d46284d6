import { useEffect, useState } from 'react';
import type { BulletinDocument } from '../../../core/model/document.js';
import type { StoredIssue } from '../../../services/library-types.js';
import { api } from '../api.js';
import { useNotices } from '../notices.js';

/** Unsaved typing from a session that did not end normally. */
export interface Journal {
  readonly document: BulletinDocument;
  readonly savedAt?: string;
}

/**
 * Reads issue `id`, and looks for a newer journal (unsaved typing from a crash) to offer back; `stored` is null
 * until read. A failed read is said and `onMissing` called.
 */
export function useOpenIssue(id: string, onMissing: () => void) {
  const notices = useNotices();
  const [stored, setStored] = useState<StoredIssue | null>(null);
  const [journal, setJournal] = useState<Journal | null>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const s = await api.libraryRead({ id });
        if (!live) return;
        try {
          const j = await api.journalRead({ id });
          if (live && j.document && isNewer(j.savedAt, s.meta.updatedAt) && !sameContent(j.document, s.document)) {
            setJournal({ document: j.document, ...(j.savedAt ? { savedAt: j.savedAt } : {}) });
          }
        } catch {
          /* no journal to offer */
        }
        if (live) setStored(s);
      } catch (e) {
        if (!live) return;
        notices.fail('打开失败', e);
        onMissing();
      }
    })();
    return () => {
      live = false;
    };
  }, [id, notices, onMissing]);

  return { stored, journal, journalDone: () => setJournal(null) };
}

function isNewer(savedAt: string | undefined, updatedAt: string): boolean {
  if (!savedAt) return true;
  return Date.parse(savedAt) > Date.parse(updatedAt);
}

function sameContent(a: BulletinDocument, b: BulletinDocument): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
