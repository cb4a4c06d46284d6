import { Plugin, TextSelection, type EditorState, type Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { PictureImage } from '../../../core/model/issue.js';
import type { HtmlDocumentLike } from '../clean-html.js';
import { handlePastedHtmlImages } from './picture-paste.js';
import { EDITOR_NOTICE_EVENT } from './tables.js';

/**
 * Pictures in an article body (issue 12 point 3): inserting a prepared picture, and picture files pasted or
 * dropped into the editor. The editor does not read image files itself: a paste or drop of JPEG/PNG files fires
 * {@link PICTURE_FILES_EVENT} on the editor's DOM with the files and the position, and the app prepares them (the
 * main process re-encodes them, services/picture-prepare.ts) and calls {@link insertPicture}. Pasted HTML with
 * data: URL images (a web page, WPS) is handed to ./picture-paste.ts. In a caption, Enter
 * starts a new paragraph after the picture instead of splitting it.
 */

/** The DOM event a paste or drop of picture files fires (bubbling, on the editor's DOM). */
export const PICTURE_FILES_EVENT = 'bulletin-picture-files';

/** The detail of {@link PICTURE_FILES_EVENT}. */
export interface PictureFilesDetail {
  readonly view: EditorView;
  readonly files: readonly File[];
  /** Where to insert (a document position), from the drop point or the selection. */
  readonly pos: number;
}

/** Whether a file is offered as a picture (by its type or name; the main process checks the bytes). */
export function isPictureFile(file: { readonly type: string; readonly name: string }): boolean {
  return /^image\//i.test(file.type) || /\.(jpe?g|png|gif|bmp|webp|tiff?|heic)$/i.test(file.name);
}

/**
 * Inserts a picture with an empty caption as its own block: at `pos` rounded to the nearest block boundary, or
 * after the block holding the selection; the caret goes into its caption.
 */
export function insertPicture(state: EditorState, image: PictureImage, pos?: number): Transaction | null {
  const type = state.schema.nodes.picture;
  if (!type) return null;
  const node = type.create({ data: image.data, width: image.width, height: image.height });
  const at = blockBoundary(state, pos ?? state.selection.to);
  const tr = state.tr.insert(at, node);
  return tr.setSelection(TextSelection.create(tr.doc, at + 1)).scrollIntoView();
}

/** The boundary between top-level blocks nearest to `pos` (after the block it is in, or before it at its start). */
function blockBoundary(state: EditorState, pos: number): number {
  const $pos = state.doc.resolve(Math.max(0, Math.min(pos, state.doc.content.size)));
  if ($pos.depth === 0) return $pos.pos;
  const start = $pos.before(1);
  const end = $pos.after(1);
  if ($pos.parent.content.size > 0 && $pos.parentOffset === 0) return start;
  return end;
}

function pictureFiles(list: ArrayLike<File> | null | undefined): File[] {
  return list ? Array.from(list).filter(isPictureFile) : [];
}

function fire(view: EditorView, files: File[], pos: number): void {
  const detail: PictureFilesDetail = { view, files, pos };
  view.dom.dispatchEvent(new CustomEvent(PICTURE_FILES_EVENT, { detail, bubbles: true }));
}

/** The plugin: picture files pasted or dropped, and Enter in a caption. Only in a schema with pictures. */
export function picturePlugin(): Plugin {
  let detached: HtmlDocumentLike | undefined;
  return new Plugin({
    props: {
      handlePaste(view, event) {
        if (!view.state.schema.nodes.picture) return false;
        const files = pictureFiles(event.clipboardData?.files);
        const html = event.clipboardData?.getData('text/html') ?? '';
        // A copied picture comes with no text of its own (a browser adds <img> HTML, Word adds the text too).
        if (!files.length || (event.clipboardData?.getData('text/plain') ?? '').trim()) {
          if (!html) return false;
          const doc: HtmlDocumentLike = detached ?? view.dom.ownerDocument.implementation.createHTMLDocument('');
          detached = doc;
          const notice = (message: string) => view.dom.dispatchEvent(new CustomEvent(EDITOR_NOTICE_EVENT, { detail: message, bubbles: true }));
          return handlePastedHtmlImages(view, html, { doc, notice });
        }
        fire(view, files, view.state.selection.to);
        return true;
      },
      handleDrop(view, event) {
        if (!view.state.schema.nodes.picture) return false;
        const files = pictureFiles((event as { dataTransfer?: { files?: ArrayLike<File> } | null }).dataTransfer?.files);
        if (!files.length) return false;
        const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
        event.preventDefault();
        fire(view, files, at?.pos ?? view.state.selection.to);
        return true;
      },
      handleKeyDown(view, event) {
        if (event.key !== 'Enter' || event.shiftKey || event.ctrlKey || event.metaKey || event.altKey) return false;
        const { $from } = view.state.selection;
        if ($from.parent.type.name !== 'picture') return false;
        const after = $from.after();
        const tr = view.state.tr.insert(after, view.state.schema.nodes.paragraph!.create());
        view.dispatch(tr.setSelection(TextSelection.create(tr.doc, after + 1)).scrollIntoView());
        return true;
      },
    },
  });
}
