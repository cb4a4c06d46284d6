import { useCallback, useEffect, useState } from 'react';
import type { Problem } from '../../../core/check/problem.js';
import { HISTORY_NAMES, STATUS_NAMES } from '../../../core/model/status.js';
import type { IssueMeta, SignerInfo } from '../../../services/library-types.js';
import { api } from '../api.js';
import { STATUS_CLASS, chineseDateTime, dateTime, plainText } from '../doc.js';
import { useNotices } from '../notices.js';
import { Field } from '../ui.js';
import { RevisionView } from './RevisionView.js';

export function isSignedOff(meta: IssueMeta): boolean {
  return (meta.status === 'approved' || meta.status === 'printed') && meta.signOff !== undefined;
}

/**
 * 签发与印发: the issue's status and history, and the action its status calls for — 草稿: 送审 (or, for a signer
 * at the desk, 送审并签发); 送审: 签发 (signer, PIN, opinion); 已签发: 导出正式版 and 印发 — with 导出PDF (样稿)
 * and 打印. 校对 errors stop 送审 and 签发: they are listed, each a click from its place.
 */
export function ApprovalPanel(props: {
  id: string;
  meta: IssueMeta;
  unsaved: boolean;
  by: string;
  flush: () => Promise<boolean>;
  onMeta: (meta: IssueMeta) => void;
  onExport: (final: boolean) => void;
  onPrint: () => void;
  /** 印发: the print dialog with the distribution run chosen. */
  onDistribute?: () => void;
  /** Opens 历史版本 (the saved versions, with restore). */
  onBackups?: () => void;
  /** The 校对 errors of the content as it is now (run before 送审 and 签发). */
  releaseErrors: () => Promise<readonly Problem[]>;
  /** Goes to a problem's place in the text. */
  onJump: (problem: Problem) => void;
}) {
  const { id, meta, flush, onMeta } = props;
  const notices = useNotices();
  const [signers, setSigners] = useState<readonly SignerInfo[] | null>(null);
  /** The issue's publication allows only some of the library's signers (期刊设置 → 刊物). */
  const [restricted, setRestricted] = useState(false);
  const [signing, setSigning] = useState(false);
  const [signer, setSigner] = useState('');
  const [pin, setPin] = useState('');
  const [opinion, setOpinion] = useState('同意印发');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [blocked, setBlocked] = useState<{ step: string; problems: readonly Problem[] } | null>(null);
  const signed = isSignedOff(meta);
  const draft = meta.status === 'draft';

  /** Runs 校对; false (and the errors listed) when any error stops `step`. */
  const releasable = async (step: string): Promise<boolean> => {
    const errors = await props.releaseErrors();
    setBlocked(errors.length > 0 ? { step, problems: errors } : null);
    return errors.length === 0;
  };

  // The signers offered: those the issue's publication allows (期刊设置; every signer when it names none).
  const publicationId = meta.publication;
  useEffect(() => {
    api
      .profileGet({})
      .then((r) => {
        const publications = r.publications ?? [];
        const allowed = (publications.find((p) => p.id === publicationId) ?? publications[0])?.signers;
        const offered = allowed === undefined ? r.signers : r.signers.filter((x) => allowed.includes(x.name));
        setSigners(offered);
        setRestricted(offered.length < r.signers.length);
        setSigner((s) => s || offered.find((x) => !x.legacy)?.name || '');
      })
      .catch((e: unknown) => notices.fail('读取签发人失败', e));
  }, [notices, publicationId]);

  const submit = async () => {
    setBusy(true);
    try {
      if (!(await flush())) throw new Error('当前内容尚未保存，请稍后再试');
      if (!(await releasable('送审'))) return;
      const r = await api.approvalSubmit({ id, by: props.by });
      onMeta(r.meta);
      notices.notify('info', '已送审');
    } catch (e) {
      notices.fail('送审失败', e);
    } finally {
      setBusy(false);
    }
  };

  const signOff = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      if (!(await flush())) throw new Error('当前内容尚未保存，请稍后再试');
      if (!(await releasable(draft ? '送审并签发' : '签发'))) return;
      const r = await api.approvalSignOff({ id, signer, pin, opinion: opinion.trim() || '同意印发' });
      if (!r.ok) {
        setRefusal(r.reason);
        if (r.problems?.length) setBlocked({ step: '签发', problems: r.problems });
        // A refusal may have been recorded (five wrong PINs lock the signer out): show the history as it is.
        onMeta((await api.libraryRead({ id })).meta);
        return;
      }
      setPin('');
      setSigning(false);
      onMeta(r.meta);
      setBlocked(null);
      notices.notify('info', `${signer} 已签发`);
    } catch (e) {
      notices.fail('签发失败', e);
    } finally {
      setBusy(false);
    }
  };

  /** The printed version kept by a 修订: its signed final PDF, saved where the editor says. */
  const exportRevision = async (number: number) => {
    try {
      const r = await api.approvalExportRevision({ id, number });
      if ('canceled' in r) return;
      notices.notify('info', `已导出第 ${number} 版印发稿：${r.path}`, { timeoutMs: 8000 });
    } catch (e) {
      notices.fail('导出失败', e);
    }
  };

  const [viewing, setViewing] = useState<number | null>(null);
  const closeView = useCallback(() => setViewing(null), []);

  return (
    <div className="approval" data-testid="approval">
      {viewing !== null && <RevisionView id={id} number={viewing} onClose={closeView} />}
      <div className="approval-status">
        <span className="muted">状态</span>
        <span className={`status big ${STATUS_CLASS[meta.status]}`} data-testid="issue-status">
          {STATUS_NAMES[meta.status]}
        </span>
      </div>
      {meta.signOff && signed && (
        <div className="signoff-box" data-testid="signoff">
          <div>
            签发人：<strong>{meta.signOff.signer}</strong>
          </div>
          <div>签发意见：{meta.signOff.opinion}</div>
          <div className="muted small">签发时间：{dateTime(meta.signOff.at)}</div>
          <div className="muted small">数字签名已验证；正式版为签发时生成并签名的 PDF</div>
          {props.unsaved && <div className="field-error">内容已修改：保存后签发将作废，须重新签发。</div>}
        </div>
      )}
      {!signed && unverifiable(meta) && (
        <div className="void-box" data-testid="signoff-unverifiable">
          {unverifiable(meta)}。此记录不作为签发，须重新签发。
        </div>
      )}
      {!signed && !unverifiable(meta) && meta.history.at(-1)?.action === 'voided' && (
        <div className="void-box">签发已作废：签发后内容有改动，须重新送审签发。</div>
      )}
      {!signed && meta.legacySignOff && (
        <div className="void-box" data-testid="signoff-legacy">
          旧版签发（无数字签名）：{meta.legacySignOff.signer}于 {dateTime(meta.legacySignOff.at)} 签发，意见“{meta.legacySignOff.opinion}”。须重新签发后才能导出正式版。
        </div>
      )}

      <div className="approval-actions">
        {draft && (
          <button type="button" className="primary" disabled={busy} onClick={() => void submit()}>
            送审
          </button>
        )}
        {draft && (
          <button type="button" disabled={busy} onClick={() => setSigning((s) => !s)} title="签发人在场时：送审并立即签发，处理记录中两步都有">
            送审并签发…
          </button>
        )}
        {!draft && !signed && (
          <button type="button" className="primary" disabled={busy} onClick={() => setSigning((s) => !s)}>
            签发…
          </button>
        )}
        {signed && (
          <button type="button" className="primary" onClick={() => props.onExport(true)}>
            导出正式版
          </button>
        )}
        {meta.status === 'approved' && signed && (
          <button type="button" className="primary" onClick={props.onDistribute ?? props.onPrint} title="按送发范围印制，每份标注份号，另印分发登记表">
            印发…
          </button>
        )}
        <button type="button" onClick={() => props.onExport(false)} title="导出带“样稿”水印的 PDF（Ctrl+E）">
          导出PDF（样稿）
        </button>
        {meta.status !== 'approved' && (
          <button type="button" onClick={props.onPrint} title="打印（Ctrl+P）">
            打印…
          </button>
        )}
      </div>

      {blocked && (
        <div className="blocking-errors" data-testid="blocking-errors" role="alert">
          校对发现 {blocked.problems.length} 处错误，改正后才能{blocked.step}：
          <ul>
            {blocked.problems.map((p, i) => (
              <li key={`${p.path}-${i}`}>
                <button type="button" className="link" onClick={() => props.onJump(p)} title="转到此处">
                  {p.message}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}

      {signing && !signed && (
        <div className="signoff-form" data-testid="signoff-form">
          {signers && signers.length === 0 ? (
            <p className="field-error">
              {restricted
                ? '本刊没有可签发的签发人：请在“期刊设置 → 刊物”中选择可签发本刊的签发人。'
                : '尚未设置签发人：请在“期刊设置”中添加签发人。'}
            </p>
          ) : (
            <>
              <Field label="签发人">
                <select name="signer" value={signer} onChange={(e) => setSigner(e.target.value)}>
                  {signers?.map((s) => (
                    <option key={s.name} value={s.name} disabled={s.legacy}>
                      {s.name}
                      {s.legacy ? '（旧版设置，须重新添加）' : s.expired ? '（证书已过期）' : ''}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="PIN 码">
                <input
                  name="pin"
                  type="password"
                  autoComplete="off"
                  value={pin}
                  onChange={(e) => setPin(e.target.value)}
                  onKeyDown={(e) => e.key === 'Enter' && pin && void signOff()}
                />
              </Field>
              <Field label="签发意见">
                <input name="opinion" value={opinion} onChange={(e) => setOpinion(plainText(e.target.value))} />
              </Field>
              {refusal && (
                <div className="field-error" data-testid="signoff-refusal">
                  {refusal}
                </div>
              )}
              <div className="form-actions">
                <button type="button" onClick={() => setSigning(false)}>
                  取消
                </button>
                <button type="button" className="primary" disabled={busy || !signer || !pin} onClick={() => void signOff()}>
                  确认签发
                </button>
              </div>
            </>
          )}
        </div>
      )}

      <div className="history-head">
        <h3 className="history-title">处理记录</h3>
        {props.onBackups && (
          <button type="button" className="link" onClick={props.onBackups} title="查看和恢复以前保存的版本">
            历史版本…
          </button>
        )}
      </div>
      <ol className="history" data-testid="history">
        {[...meta.history].reverse().map((h, i) => (
          <li key={i} className={`history-${h.action}`}>
            <span className="history-time">{dateTime(h.at)}</span>
            <span className="history-action">{HISTORY_NAMES[h.action] ?? h.action}</span>
            {h.by && <span className="history-by">{h.by}</span>}
            {h.detail && <div className="history-detail">{readableDetail(h.detail)}</div>}
            {h.action === 'revised' && archivedNumber(h.detail) !== undefined && (
              <button type="button" className="link" onClick={() => setViewing(archivedNumber(h.detail)!)} title="只读查看修订前印发的版本及其分发登记表">
                查看第 {archivedNumber(h.detail)} 版
              </button>
            )}
            {h.action === 'revised' && archivedNumber(h.detail) !== undefined && (
              <button type="button" className="link" onClick={() => void exportRevision(archivedNumber(h.detail)!)} title="保存修订前印发的签名正式版">
                导出第 {archivedNumber(h.detail)} 版印发稿…
              </button>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The reason a sign-off record was set aside as unverifiable, when that is the issue's last sign-off event. */
function unverifiable(meta: IssueMeta): string | undefined {
  const last = [...meta.history].reverse().find((h) => h.action === 'voided' || h.action === 'approved');
  return last?.action === 'voided' && last.detail?.startsWith('签发记录无法验证') ? last.detail.replace(/；不作为签发.*$/, '') : undefined;
}

/** The number of the printed version a 修订 kept ("…已存档为第 2 版"), from its history detail. */
function archivedNumber(detail: string | undefined): number | undefined {
  const m = detail ? /存档为第 (\d+) 版/.exec(detail) : null;
  return m ? Number(m[1]) : undefined;
}

/** A history detail with its ISO time stamps (e.g. 恢复为 2021-06-02T06:03:05.120Z 备份的版本) in local Chinese form. */
function readableDetail(detail: string): string {
  return detail.replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\b/g, (iso) => chineseDateTime(iso));
}
