import { useEffect, useState } from 'react';
import type { BackupInfo } from '../../../services/library-types.js';
import { api, errorMessage } from '../api.js';
import { chineseDateTime, fileSize } from '../doc.js';
import { Dialog } from '../ui.js';

/**
 * 历史版本: the versions the library kept of this issue (before every save, the previous one; the newest 20), each
 * with its time and size, and 恢复此版本 after a confirmation. The library backs up the current version before
 * it restores, so a restore can itself be undone from this same list.
 */
export function BackupsDialog(props: {
  id: string;
  /** When the issue was last saved (shown as the current version). */
  currentAt: string;
  /** Whether the issue is signed off (a restore that changes the content voids it). */
  signed: boolean;
  /** Saves what is typed; true when all of it is saved. */
  flush: () => Promise<boolean>;
  /** After a restore: read the issue again into the editor. */
  onRestored: (backup: BackupInfo) => Promise<void>;
  onClose: () => void;
}) {
  const { id, flush } = props;
  const [backups, setBackups] = useState<readonly BackupInfo[] | null>(null);
  const [unsaved, setUnsaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<BackupInfo | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void (async () => {
      // What is typed is saved first: the list then shows every earlier version, and the current one is on disk.
      const saved = await flush().catch(() => false);
      try {
        const r = await api.libraryBackups({ id });
        if (!live) return;
        setUnsaved(!saved);
        setBackups(r.backups);
      } catch (e) {
        if (live) setError(`读取历史版本失败：${errorMessage(e)}`);
      }
    })();
    return () => {
      live = false;
    };
  }, [id, flush]);

  const restore = async (backup: BackupInfo) => {
    setBusy(true);
    setError(null);
    try {
      if (!(await flush())) {
        throw new Error('当前的修改尚未保存，不能恢复（否则这些修改会丢失）。请等“已保存”后再试');
      }
      await api.libraryRestoreBackup({ id, backupId: backup.id });
      await props.onRestored(backup);
    } catch (e) {
      setError(`恢复失败：${errorMessage(e)}`);
      setConfirm(null);
      setBusy(false);
    }
  };

  if (confirm) {
    const when = chineseDateTime(confirm.at);
    return (
      <Dialog
        key="confirm"
        title="恢复历史版本"
        testId="restore-confirm"
        onClose={busy ? undefined : () => setConfirm(null)}
        actions={
          <>
            <button type="button" disabled={busy} onClick={() => setConfirm(null)}>
              取消
            </button>
            <button type="button" className="primary" disabled={busy} onClick={() => void restore(confirm)}>
              {busy ? '正在恢复…' : '恢复'}
            </button>
          </>
        }
      >
        <p>
          将本期恢复为 <strong>{when}</strong> 备份的版本？
        </p>
        <p>恢复前，当前版本会先自动备份，之后仍可在“历史版本”中找回，不会丢失任何内容。</p>
        {props.signed && <p className="field-error">本期已签发：恢复为内容不同的版本会使签发作废，须重新送审签发。</p>}
      </Dialog>
    );
  }

  return (
    <Dialog
      key="list"
      title="历史版本"
      className="backups-dialog"
      testId="backups-dialog"
      onClose={props.onClose}
      actions={
        <button type="button" onClick={props.onClose}>
          关闭
        </button>
      }
    >
      <p className="muted small">
        每次保存时，程序自动保留上一个版本（最近 20 个）。恢复某个版本前，当前版本也会先保留在这里，随时可以找回。
      </p>
      {unsaved && <p className="field-error">当前有未保存的修改，下表不含这些修改。</p>}
      {error && (
        <p className="field-error" role="alert" data-testid="backups-error">
          {error}
        </p>
      )}
      {backups === null && !error && <p className="muted">正在读取…</p>}
      {backups && (
        <table className="backups-table" data-testid="backups">
          <thead>
            <tr>
              <th>备份时间</th>
              <th className="col-size">大小</th>
              <th className="col-actions" />
            </tr>
          </thead>
          <tbody>
            <tr className="backup-current">
              <td>
                <span className="tag">当前版本</span>
                保存于 {chineseDateTime(props.currentAt)}
              </td>
              <td className="col-size muted">—</td>
              <td className="col-actions" />
            </tr>
            {backups.map((b) => (
              <tr key={b.id} className="backup-row" data-backup-id={b.id}>
                <td className="backup-time">{chineseDateTime(b.at)}</td>
                <td className="col-size">{fileSize(b.bytes)}</td>
                <td className="col-actions">
                  <button type="button" className="small" onClick={() => setConfirm(b)}>
                    恢复此版本
                  </button>
                </td>
              </tr>
            ))}
            {backups.length === 0 && (
              <tr>
                <td colSpan={3} className="muted empty-row">
                  还没有历史版本：修改并保存后，之前的版本会出现在这里。
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}
