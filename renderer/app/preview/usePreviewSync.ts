import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { EditorView } from 'prosemirror-view';
import { TextSelection } from 'prosemirror-state';
import { findInDoc } from '../../editor/create-editor.js';
import type { FormatInfo } from '../issue/richtext.js';
import { lineAt, pageOfText, type PreviewPageText } from './preview-text.js';

/** How many characters before the caret identify its place in the printed text. */
const KEY_CHARS = 12;

/**
 * Text ↔ preview: the page the caret's text prints on (shown in the status bar, and the preview scrolls to it),
 * and a click on a preview page puts the caret at the start of the line clicked, in its editor. Works on the
 * text of the pages shown (preview-text.ts: from the live layout or the PDF) and the preview's page slots
 * (`.preview-page[data-page]`), so the preview component itself only hands over a reader of its text.
 */
export function usePreviewSync(options: {
  views: RefObject<Map<string, EditorView>>;
  order: () => readonly string[];
  activeRef: RefObject<string | null>;
  subscribeFormat: (listener: (info: FormatInfo | null) => void) => () => void;
  /** The element holding the preview (its clicks are listened to). */
  previewRef: RefObject<HTMLElement | null>;
}) {
  const { views, activeRef, subscribeFormat, previewRef } = options;
  const orderRef = useRef(options.order);
  orderRef.current = options.order;
  const texts = useRef<PreviewPageText[]>([]);
  const [caretPage, setCaretPage] = useState<number | undefined>(undefined);
  const caretPageRef = useRef<number | undefined>(undefined);

  const locateCaret = useCallback(() => {
    const key = activeRef.current;
    const view = key ? views.current.get(key) : undefined;
    if (!view || texts.current.length === 0) return;
    const { $head } = view.state.selection;
    const block = $head.parent;
    const before = block.textBetween(0, $head.parentOffset, '');
    // The characters before the caret; near a paragraph's start, its first characters (the caret's one marked).
    const page =
      before.length >= KEY_CHARS
        ? pageOfText(texts.current, before.slice(-KEY_CHARS))
        : pageOfText(texts.current, block.textContent.slice(0, KEY_CHARS), Math.max(before.length - 1, 0));
    if (page === undefined || page === caretPageRef.current) return;
    caretPageRef.current = page;
    setCaretPage(page);
    // The preview follows the caret's page.
    previewRef.current?.querySelector<HTMLElement>(`.preview-page[data-page="${page}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [activeRef, views, previewRef]);

  useEffect(() => subscribeFormat(() => locateCaret()), [subscribeFormat, locateCaret]);

  /** Each new preview: read its text, then place the caret again. */
  const onPreviewText = useCallback(
    (read: (() => Promise<readonly PreviewPageText[]>) | undefined) => {
      if (!read) return;
      read()
        .then((pages) => {
          texts.current = [...pages];
          caretPageRef.current = undefined;
          locateCaret();
        })
        .catch(() => undefined); // replaced (and destroyed) meanwhile: the next one is read instead
    },
    [locateCaret],
  );

  // A click on a page: the caret goes to that line in the text.
  useEffect(() => {
    const root = previewRef.current;
    if (!root) return;
    const onClick = (e: MouseEvent) => {
      const slot = (e.target as HTMLElement).closest<HTMLElement>('.preview-page[data-page]');
      const page = slot && texts.current[Number(slot.dataset.page) - 1];
      if (!slot || !page) return;
      const rect = slot.getBoundingClientRect();
      const line = lineAt(page, (e.clientY - rect.top) / rect.height);
      if (!line) return;
      // A heading's label (一、) is not text: try the line from its third character too.
      for (const start of [0, 2, 4]) {
        const needle = line.text.slice(start, start + KEY_CHARS);
        if (needle.length < 2) break;
        for (const slotKey of orderRef.current()) {
          const view = views.current.get(slotKey);
          const match = view && findInDoc(view.state, { text: needle, caseSensitive: true })[0];
          if (!view || !match) continue;
          view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, match.from)).scrollIntoView());
          view.focus();
          activeRef.current = slotKey;
          caretPageRef.current = page.page;
          setCaretPage(page.page);
          const dom = view.domAtPos(match.from).node;
          (dom instanceof HTMLElement ? dom : dom.parentElement)?.scrollIntoView({ block: 'center' });
          return;
        }
      }
    };
    root.addEventListener('click', onClick);
    return () => root.removeEventListener('click', onClick);
  }, [previewRef, views, activeRef]);

  return { caretPage, onPreviewText };
}
