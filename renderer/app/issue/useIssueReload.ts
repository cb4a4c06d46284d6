import type { BackupInfo, IssueMeta } from '../../../services/library-types.js';
import { api } from '../api.js';
import { isSignedOff } from '../approval/ApprovalPanel.js';
import { chineseDateTime } from '../doc.js';
import { useNotices } from '../notices.js';
import type { Dispatch } from './issueModel.js';
import type { Autosave } from './useAutosave.js';
import type { Journal } from './useOpenIssue.js';

/**
 * Replacing the document being edited as a whole: after a conflict (reload, or overwrite the file instead), after
 * a backup is restored, or from the journal (unsaved typing from a crash).
 */
export function useIssueReload(options: {
  id: string;
  autosave: Autosave;
  dispatch: Dispatch;
  metaRef: { readonly current: IssueMeta };
  setMeta: (meta: IssueMeta) => void;
  journal: Journal | null;
  onJournalDone: () => void;
}) {
  const { id, autosave, dispatch, metaRef, setMeta, journal } = options;
  const notices = useNotices();

  /** Reads the issue as it is on disk now into the editor (every editor is mounted afresh). */
  const loadFresh = async () => {
    const fresh = await api.libraryRead({ id });
    autosave.reset(fresh.document, fresh.revision);
    dispatch({ type: 'replace', doc: fresh.document });
    setMeta(fresh.meta);
    return fresh;
  };

  /** Reloads after a conflict; true when done. */
  const reload = async (): Promise<boolean> => {
    try {
      await loadFresh();
      notices.notify('info', '已重新载入文件的当前内容');
      return true;
    } catch (e) {
      notices.fail('重新载入失败', e);
      return false;
    }
  };

  const restored = async (backup: BackupInfo) => {
    const before = metaRef.current;
    try {
      const fresh = await loadFresh();
      notices.notify('info', `已恢复为 ${chineseDateTime(backup.at)} 备份的版本；恢复前的版本已保留在“历史版本”中。`, {
        timeoutMs: 8000,
      });
      if (isSignedOff(before) && !isSignedOff(fresh.meta)) {
        notices.notify('warning', '内容已改变，原签发已作废：须重新送审签发。', { timeoutMs: 15_000 });
      }
    } catch (e) {
      notices.fail('已恢复，但重新读取失败，请重新打开本期', e);
    }
  };

  const overwrite = async () => {
    const ok = await autosave.overwrite();
    if (ok) notices.notify('info', '已用本窗口的内容覆盖文件');
  };

  const recover = () => {
    if (!journal) return;
    autosave.noteJournal();
    dispatch({ type: 'replace', doc: journal.document });
    options.onJournalDone();
    notices.notify('info', '已恢复未保存的内容');
  };

  const discardJournal = () => {
    api.journalDiscard({ id }).catch(() => undefined);
    options.onJournalDone();
  };

  return { reload, restored, overwrite, recover, discardJournal };
}
