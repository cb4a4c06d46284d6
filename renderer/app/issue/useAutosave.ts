import { useCallback, useEffect, useRef, useState } from 'react';
import type { BulletinDocument } from '../../../core/model/document.js';
import type { IssueMeta } from '../../../services/library-types.js';
import { api, errorMessage } from '../api.js';

/** Save this long after the last change. */
export const AUTOSAVE_MS = 1000;
/** While changes stay unsaved, write the journal this often. */
export const JOURNAL_MS = 3000;
/** After a failed save, try again this often. */
export const RETRY_MS = 4000;

export type SaveState =
  | { readonly kind: 'saved' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'unsaved'; readonly reason?: string }
  | { readonly kind: 'conflict' };

export interface Autosave {
  readonly state: SaveState;
  /** Saves now (Ctrl+S); resolves true when everything typed is saved. */
  flush(): Promise<boolean>;
  /** After a conflict: take the file as it is now elsewhere (the caller reloads) or overwrite it with ours. */
  overwrite(): Promise<boolean>;
  /** The document is now `doc` at `revision`, as stored (after a reload or restore). */
  reset(doc: BulletinDocument, revision: string): void;
  readonly revision: () => string;
  /** A journal exists on disk (e.g. one just recovered from): discard it after the next successful save. */
  noteJournal(): void;
}

/**
 * Automatic saving: {@link AUTOSAVE_MS} after the last change the document goes to librarySave with the revision
 * it was read at; a conflict (the file changed elsewhere) stops autosaving until the user chooses. While changes
 * are unsaved a journal is written every {@link JOURNAL_MS} and discarded after a successful save. A failed save
 * keeps everything and is retried every {@link RETRY_MS}.
 */
export function useAutosave(options: {
  id: string;
  doc: BulletinDocument | null;
  initialRevision: string;
  onSaved: (meta: IssueMeta) => void;
  onConflict: () => void;
}): Autosave {
  const { id, doc } = options;
  const [state, setState] = useState<SaveState>({ kind: 'saved' });
  const docRef = useRef(doc);
  const savedRef = useRef(doc);
  const revisionRef = useRef(options.initialRevision);
  const conflictRevision = useRef<string | null>(null);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const journalTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const journalWritten = useRef(false);
  const callbacks = useRef(options);
  callbacks.current = options;
  const stateRef = useRef(state);
  stateRef.current = state;

  const dirty = () => docRef.current !== null && docRef.current !== savedRef.current;

  const writeJournal = useCallback(() => {
    journalTimer.current = undefined;
    const current = docRef.current;
    if (!current || !dirty()) return;
    api
      .journalWrite({ id, document: current })
      .then(() => {
        journalWritten.current = true;
      })
      .catch(() => undefined);
  }, [id]);

  const scheduleJournal = useCallback(() => {
    if (journalTimer.current === undefined) journalTimer.current = setTimeout(writeJournal, JOURNAL_MS);
  }, [writeJournal]);

  const save = useCallback((): Promise<boolean> => {
    clearTimeout(saveTimer.current);
    saveTimer.current = undefined;
    if (inFlight.current) {
      // One at a time, with the revision the previous save returns; then save what is newest.
      return inFlight.current.then(() => (dirty() ? save() : stateRef.current.kind === 'saved'));
    }
    const sending = docRef.current;
    if (!sending || !dirty()) return Promise.resolve(stateRef.current.kind !== 'conflict');
    if (stateRef.current.kind === 'conflict') return Promise.resolve(false);
    setState({ kind: 'saving' });
    const run = (async (): Promise<boolean> => {
      try {
        const result = await api.librarySave({ id, document: sending, revision: revisionRef.current });
        if (result.status === 'conflict') {
          conflictRevision.current = result.revision;
          setState({ kind: 'conflict' });
          callbacks.current.onConflict();
          return false;
        }
        revisionRef.current = result.revision;
        savedRef.current = sending;
        callbacks.current.onSaved(result.meta);
        if (docRef.current === sending) {
          setState({ kind: 'saved' });
          clearTimeout(journalTimer.current);
          journalTimer.current = undefined;
          if (journalWritten.current) {
            journalWritten.current = false;
            api.journalDiscard({ id }).catch(() => undefined);
          }
          return true;
        }
        setState({ kind: 'unsaved' });
        saveTimer.current = setTimeout(() => void save(), AUTOSAVE_MS);
        return false;
      } catch (e) {
        setState({ kind: 'unsaved', reason: errorMessage(e) });
        writeJournal();
        saveTimer.current = setTimeout(() => void save(), RETRY_MS);
        return false;
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = run;
    return run;
  }, [id, writeJournal]);

  // Every change: unsaved now, saved a second after typing stops.
  useEffect(() => {
    docRef.current = doc;
    if (!doc || doc === savedRef.current) return;
    if (stateRef.current.kind === 'conflict') return;
    if (stateRef.current.kind !== 'saving' && !(stateRef.current.kind === 'unsaved' && stateRef.current.reason)) {
      setState({ kind: 'unsaved' });
    }
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => void save(), AUTOSAVE_MS);
    scheduleJournal();
  }, [doc, save, scheduleJournal]);

  // Leaving the page with unsaved typing: the journal keeps it.
  useEffect(() => {
    const onUnload = () => {
      if (dirty() && docRef.current) void api.journalWrite({ id, document: docRef.current }).catch(() => undefined);
    };
    window.addEventListener('beforeunload', onUnload);
    return () => {
      window.removeEventListener('beforeunload', onUnload);
      clearTimeout(saveTimer.current);
      clearTimeout(journalTimer.current);
    };
  }, [id]);

  const flush = useCallback(async () => {
    if (stateRef.current.kind === 'conflict') return false;
    if (!dirty()) {
      if (inFlight.current) return inFlight.current;
      return true;
    }
    return save();
  }, [save]);

  const overwrite = useCallback(async () => {
    if (conflictRevision.current) revisionRef.current = conflictRevision.current;
    conflictRevision.current = null;
    stateRef.current = { kind: 'unsaved' };
    setState({ kind: 'unsaved' });
    return save();
  }, [save]);

  const reset = useCallback((next: BulletinDocument, revision: string) => {
    clearTimeout(saveTimer.current);
    saveTimer.current = undefined;
    conflictRevision.current = null;
    revisionRef.current = revision;
    docRef.current = next;
    savedRef.current = next;
    stateRef.current = { kind: 'saved' };
    setState({ kind: 'saved' });
  }, []);

  const noteJournal = useCallback(() => {
    journalWritten.current = true;
  }, []);

  // A change shows as 未保存 from the very render that shows it (the effect above runs after paint).
  const shown: SaveState = state.kind === 'saved' && doc !== null && doc !== savedRef.current ? { kind: 'unsaved' } : state;

  return { state: shown, flush, overwrite, reset, noteJournal, revision: () => revisionRef.current };
}
