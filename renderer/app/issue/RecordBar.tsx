import { useState } from 'react';
import type { IssueMeta } from '../../../services/library-types.js';
import { api } from '../api.js';
import { useNotices } from '../notices.js';

/**
 * The one line a signed (已签发) or printed (已印发) issue shows: it is a record and reads only. Changing it is an
 * explicit act with a reason, recorded in the history: 撤回签发 (signed, not yet printed) or 修订 (printed; the
 * printed version is archived whole by the library).
 */
export function RecordBar(props: { id: string; meta: IssueMeta; onReopened: (meta: IssueMeta) => void }) {
  const { id, meta } = props;
  const notices = useNotices();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const printed = meta.status === 'printed';
  const act = printed ? '修订' : '撤回签发';
  const signer = meta.signOff?.signer;

  const reopen = async () => {
    setBusy(true);
    try {
      const r = await api.approvalReopen({ id, reason: reason.trim() });
      setAsking(false);
      setReason('');
      notices.notify('info', printed ? '已进入修订：原印发版本已存档，修订稿须重新送审签发' : '已撤回签发：本期回到草稿，须重新送审签发', { timeoutMs: 8000 });
      props.onReopened(r.meta);
    } catch (e) {
      notices.fail(`${act}失败`, e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="record-bar" data-testid="record-bar">
      <span>
        {printed ? '本期已印发' : `本期已由${signer ?? ''}签发`}，内容只读。
        {printed ? '如需改动，请“修订”（原印发版本存档保留）。' : '如需改动，请先“撤回签发”。'}
      </span>
      {!asking && (
        <button type="button" onClick={() => setAsking(true)}>
          {act}…
        </button>
      )}
      {asking && (
        <span className="record-reason" data-testid="reopen-form">
          <input
            aria-label={`${act}原因`}
            placeholder={`${act}原因（记入处理记录）`}
            value={reason}
            autoFocus
            onChange={(e) => setReason(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && reason.trim().length >= 2 && void reopen()}
          />
          <button type="button" className="primary" disabled={busy || reason.trim().length < 2} onClick={() => void reopen()}>
            确定{act}
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            取消
          </button>
        </span>
      )}
    </div>
  );
}
