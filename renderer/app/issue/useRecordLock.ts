import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { EditorView } from 'prosemirror-view';
import { setEditable } from '../../editor/create-editor.js';
import { useNotices } from '../notices.js';
import type { FormatAction } from './richtext.js';

/** What the editor says when an edit reaches a signed or printed issue. */
export const LOCKED_MESSAGE = '本期已签发或印发，内容只读：如需改动，请先撤回签发或修订';

/**
 * Keeps a signed or printed issue read-only: every ProseMirror editor is made non-editable while `locked`
 * (re-applied when the editors are mounted afresh), and the format actions — undo and redo included — are
 * refused with one line. The fields (inputs) are disabled by the fieldset they sit in.
 */
export function useRecordLock(options: {
  locked: boolean;
  views: RefObject<Map<string, EditorView>>;
  generation: number;
  format: (action: FormatAction) => void;
}): (action: FormatAction) => void {
  const { locked, views, generation, format } = options;
  const notices = useNotices();
  const lockedRef = useRef(locked);
  lockedRef.current = locked;

  useEffect(() => {
    for (const view of views.current.values()) setEditable(view, !locked);
  }, [locked, views, generation]);

  return useCallback(
    (action: FormatAction) => {
      if (lockedRef.current) {
        notices.notify('info', LOCKED_MESSAGE);
        return;
      }
      format(action);
    },
    [format, notices],
  );
}
