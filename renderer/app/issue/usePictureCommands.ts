import { useCallback, useEffect } from 'react';
import type { EditorView } from 'prosemirror-view';
import type { PictureImage } from '../../../core/model/issue.js';
import { insertPicture, isPictureFile, PICTURE_FILES_EVENT, type PictureFilesDetail } from '../../editor/plugins/picture-insert.js';
import {
  PICTURE_HTML_EVENT,
  pasteHtmlWithPictures,
  remoteImagesMessage,
  type PictureHtmlDetail,
} from '../../editor/plugins/picture-paste.js';
import { api } from '../api.js';
import { useNotices } from '../notices.js';

/**
 * 插入图片 (issue 12 point 3): picture files from the format bar's button, or pasted/dropped into an article body
 * (the editor fires PICTURE_FILES_EVENT), are sent to the main process to be checked and re-encoded, then
 * inserted where they were dropped or after the caret's paragraph. A refused file shows its reason and changes
 * nothing. Pasted HTML with data: URL images (PICTURE_HTML_EVENT) has each image prepared the same way, then is
 * pasted with the prepared ones as pictures; a refused image is left out with its reason, the text is kept.
 */
export function usePictureCommands(options: { activeView: () => EditorView | undefined; locked: boolean; lockedMessage: string }) {
  const { activeView, locked, lockedMessage } = options;
  const notices = useNotices();

  const insertFiles = useCallback(
    async (view: EditorView | undefined, files: readonly File[], pos?: number) => {
      if (locked) {
        notices.notify('info', lockedMessage);
        return;
      }
      if (!view || !view.state.schema.nodes.picture) {
        notices.notify('warning', '请先在文章正文中点一下要插入图片的位置（编者按中不能插图）');
        return;
      }
      let at = pos;
      for (const file of files) {
        if (!isPictureFile(file)) {
          notices.notify('warning', `不能插入“${file.name}”：只能插入 JPEG 或 PNG 图片`);
          continue;
        }
        try {
          const { image } = await api.picturePrepare({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
          const tr = insertPicture(view.state, image, at);
          if (!tr) continue;
          view.dispatch(tr);
          at = tr.selection.$from.after();
          view.focus();
        } catch (e) {
          notices.fail(`插入图片“${file.name}”失败`, e);
        }
      }
    },
    [locked, lockedMessage, notices],
  );

  useEffect(() => {
    const listener = (event: Event) => {
      const detail = (event as CustomEvent<PictureFilesDetail>).detail;
      void insertFiles(detail.view, detail.files, detail.pos);
    };
    document.addEventListener(PICTURE_FILES_EVENT, listener);
    return () => document.removeEventListener(PICTURE_FILES_EVENT, listener);
  }, [insertFiles]);

  const pasteHtml = useCallback(
    async (detail: PictureHtmlDetail) => {
      if (locked) {
        notices.notify('info', lockedMessage);
        return;
      }
      const pictures = new Map<string, PictureImage>();
      for (const image of detail.images) {
        if (pictures.has(image.src)) continue;
        if (!image.bytes) {
          notices.notify('warning', `粘贴的图片未能插入（${image.name}）：图片数据已损坏，读不出来；文字已粘贴`);
          continue;
        }
        try {
          const { image: prepared } = await api.picturePrepare({ name: image.name, bytes: image.bytes });
          pictures.set(image.src, prepared);
        } catch (e) {
          notices.fail(`粘贴的图片未能插入（${image.name}），文字已粘贴`, e);
        }
      }
      if (detail.remote > 0) notices.notify('warning', remoteImagesMessage(detail.remote), { timeoutMs: 15_000 });
      const doc = detail.view.dom.ownerDocument.implementation.createHTMLDocument('');
      pasteHtmlWithPictures(detail.view, detail.html, pictures, doc);
      detail.view.focus();
    },
    [locked, lockedMessage, notices],
  );

  useEffect(() => {
    const listener = (event: Event) => void pasteHtml((event as CustomEvent<PictureHtmlDetail>).detail);
    document.addEventListener(PICTURE_HTML_EVENT, listener);
    return () => document.removeEventListener(PICTURE_HTML_EVENT, listener);
  }, [pasteHtml]);

  /** The format bar's 插图 button: files chosen in the file picker, inserted in the editor in use. */
  const insertChosen = useCallback((files: readonly File[]) => void insertFiles(activeView(), files), [activeView, insertFiles]);
  return { insertChosen };
}
