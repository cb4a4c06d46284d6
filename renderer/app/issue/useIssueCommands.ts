import { useCallback, useImperativeHandle, type Ref, type RefObject } from 'react';
import type { BulletinDocument } from '../../../core/model/document.js';
import type { MenuCommand } from '../../../electron/ipc/contract.js';
import type { IssueMeta } from '../../../services/library-types.js';
import { api } from '../api.js';
import { isSignedOff } from '../approval/ApprovalPanel.js';
import { useNotices } from '../notices.js';
import type { Autosave } from './useAutosave.js';
import type { FormatAction } from './richtext.js';

export interface IssueScreenHandle {
  /** A menu command or shortcut meant for the open issue. */
  command(cmd: MenuCommand): void;
  /** Saves what is typed; true when all of it is saved. */
  flush(): Promise<boolean>;
  /** Before the window closes: save, or at least write the journal. */
  flushForQuit(): Promise<void>;
  /** Files dropped onto the window while this issue is open: Word and text files become articles. */
  dropFiles(files: readonly File[]): Promise<void>;
}

/** The Word commands of the open issue (../word/useWordCommands.ts). */
export interface IssueWordCommands {
  insertWord(): Promise<void>;
  exportWord(): Promise<void>;
  dropFiles(files: readonly File[]): Promise<void>;
}

/**
 * The open issue's commands (menu, shortcuts, toolbar): save, save as, export, print, find, undo and redo; and
 * the handle the app holds (`ref`) to send them and to save before leaving.
 */
export function useIssueCommands(options: {
  id: string;
  ref: Ref<IssueScreenHandle> | undefined;
  autosaveRef: RefObject<Autosave>;
  docRef: RefObject<BulletinDocument>;
  metaRef: RefObject<IssueMeta>;
  setMeta: (meta: IssueMeta) => void;
  format: (action: FormatAction) => void;
  onPrint: () => void;
  onFind: () => void;
  /** Ctrl+H: 查找和替换. */
  onReplace?: () => void;
  /** Asked before a draft export (样稿): false stops it (e.g. 校对 found errors and the editor chose 查看问题). */
  confirmDraft?: () => Promise<boolean>;
  word: IssueWordCommands;
}) {
  const { id, autosaveRef, docRef, metaRef, setMeta, format, onPrint, onFind, onReplace, confirmDraft, word } = options;
  const notices = useNotices();

  const exportPdf = useCallback(
    async (final: boolean) => {
      try {
        if (!(await autosaveRef.current.flush())) throw new Error('当前内容尚未保存，请稍后再试');
        if (!final && confirmDraft && !(await confirmDraft())) return;
        const result = await api.exportPdf({ id, final });
        if ('canceled' in result) return;
        notices.notify('info', `已导出${final ? '正式版' : '样稿'}：${result.path}`, { timeoutMs: 8000 });
        const fresh = await api.libraryRead({ id });
        setMeta(fresh.meta);
      } catch (e) {
        notices.fail('导出PDF失败', e);
      }
    },
    [id, notices, autosaveRef, setMeta, confirmDraft],
  );

  const exportOfd = useCallback(
    async (final: boolean) => {
      try {
        if (!(await autosaveRef.current.flush())) throw new Error('当前内容尚未保存，请稍后再试');
        const result = await api.exportOfd({ id, final });
        if ('canceled' in result) return;
        notices.notify('info', `已导出 OFD ${final ? '正式版' : '样稿'}：${result.path}`, { timeoutMs: 8000 });
        const fresh = await api.libraryRead({ id });
        setMeta(fresh.meta);
      } catch (e) {
        notices.fail('导出OFD失败', e);
      }
    },
    [id, notices, autosaveRef, setMeta],
  );

  const saveAs = useCallback(async () => {
    try {
      if (!(await autosaveRef.current.flush())) throw new Error('当前内容尚未保存，请稍后再试');
      const result = await api.librarySaveAs({ id });
      if ('canceled' in result) return;
      notices.notify('info', `已另存为：${result.path}`, { timeoutMs: 8000 });
    } catch (e) {
      notices.fail('另存为失败', e);
    }
  }, [id, notices, autosaveRef]);

  const command = useCallback(
    (cmd: MenuCommand) => {
      switch (cmd) {
        case 'save':
          void autosaveRef.current.flush().then((ok) => ok && notices.notify('info', '已保存', { timeoutMs: 1500 }));
          return;
        case 'saveAs':
          void saveAs();
          return;
        case 'exportPdf':
          void exportPdf(isSignedOff(metaRef.current));
          return;
        case 'exportOfd':
          void exportOfd(isSignedOff(metaRef.current));
          return;
        case 'print':
          onPrint();
          return;
        case 'insertWordArticle':
          void word.insertWord();
          return;
        case 'exportWord':
          void word.exportWord();
          return;
        case 'find':
          onFind();
          return;
        case 'replace':
          (onReplace ?? onFind)();
          return;
        case 'undo':
          format('undo');
          return;
        case 'redo':
          format('redo');
          return;
        default:
          return;
      }
    },
    [exportPdf, exportOfd, format, notices, saveAs, autosaveRef, metaRef, onPrint, onFind, onReplace, word],
  );

  useImperativeHandle(
    options.ref,
    () => ({
      command,
      flush: () => autosaveRef.current.flush(),
      flushForQuit: async () => {
        const ok = await autosaveRef.current.flush().catch(() => false);
        if (!ok) await api.journalWrite({ id, document: docRef.current }).catch(() => undefined);
      },
      dropFiles: (files) => word.dropFiles(files),
    }),
    [command, id, autosaveRef, docRef, word],
  );

  return { command, exportPdf, exportOfd };
}
