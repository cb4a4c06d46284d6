import { useCallback, useMemo, useRef } from 'react';
import type { EditorView } from 'prosemirror-view';
import type { Inline } from '../../../core/model/inline.js';
import type { Block } from '../../../core/model/issue.js';
import { useNotices } from '../notices.js';
import type { EditorHandlers } from './editorHandlers.js';
import type { Dispatch } from './issueModel.js';
import { edit } from './issueModel.js';
import { setEditorNote } from '../doc.js';
import { slotId, type EditorSlot } from './RichText.js';
import { runAction, type FormatAction, type FormatInfo } from './richtext.js';

/**
 * The ProseMirror editors: their views by slot id, the one in use, the callbacks every RichText is given,
 * and the format bar's feed (it follows the selection of the editor in use without re-rendering the screen).
 */
export function useEditorViews(dispatch: Dispatch) {
  const notices = useNotices();
  const views = useRef(new Map<string, EditorView>());
  const activeRef = useRef<string | null>(null);

  const onChange = useCallback(
    (slot: EditorSlot, value: readonly Block[] | readonly (readonly Inline[])[]) => {
      if (slot.kind === 'note') {
        const paragraphs = value as readonly (readonly Inline[])[];
        edit(dispatch, (d) => setEditorNote(d, paragraphs));
      } else {
        dispatch({ type: 'body', key: slot.key, blocks: value as readonly Block[] });
      }
    },
    [dispatch],
  );

  const onView = useCallback((slot: EditorSlot, view: EditorView | null) => {
    if (view) views.current.set(slotId(slot), view);
    else views.current.delete(slotId(slot));
  }, []);

  const onFocus = useCallback((slot: EditorSlot) => {
    activeRef.current = slotId(slot);
  }, []);

  const formatListeners = useRef(new Set<(info: FormatInfo | null) => void>());
  const subscribeFormat = useCallback((listener: (info: FormatInfo | null) => void) => {
    formatListeners.current.add(listener);
    return () => {
      formatListeners.current.delete(listener);
    };
  }, []);
  const onFormat = useCallback((slot: EditorSlot, info: FormatInfo) => {
    if (activeRef.current !== slotId(slot)) return;
    for (const listener of formatListeners.current) listener(info);
  }, []);

  const activeView = useCallback((): EditorView | undefined => {
    const key = activeRef.current;
    return (key && views.current.get(key)) || undefined;
  }, []);

  const format = useCallback(
    (action: FormatAction) => {
      const view = activeView();
      if (!view) {
        notices.notify('info', '请先把光标放在编者按或正文中');
        return;
      }
      runAction(view, action);
      view.focus();
    },
    [activeView, notices],
  );

  const handlers: EditorHandlers = useMemo(() => ({ onChange, onView, onFocus, onFormat }), [onChange, onView, onFocus, onFormat]);

  return { views, activeRef, handlers, subscribeFormat, activeView, format };
}
