import { useCallback, useEffect } from 'react';
import type { EditorView } from 'prosemirror-view';
import { insertPicture, isPictureFile, PICTURE_FILES_EVENT, type PictureFilesDetail } from '../../editor/plugins/picture-insert.js';
import { api } from '../api.js';
import { useNotices } from '../notices.js';

/**
 * 插入图片 (issue 12 point 3): picture files from the format bar's button, or pasted/dropped into an article body
 * (the editor fires PICTURE_FILES_EVENT), are sent to the main process to be checked and re-encoded, then
 * inserted where they were dropped or after the caret's paragraph. A refused file shows its reason and changes
 * nothing.
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

  /** The format bar's 插图 button: files chosen in the file picker, inserted in the editor in use. */
  const insertChosen = useCallback((files: readonly File[]) => void insertFiles(activeView(), files), [activeView, insertFiles]);
  return { insertChosen };
}
