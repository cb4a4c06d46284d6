import { useEffect, useState } from 'react';
import type { Inline } from '../../../core/model/inline.js';
import type { BulletinApi } from '../../../electron/ipc/contract.js';
import { api } from '../api.js';
import { dateTime, plainText } from '../doc.js';
import { useNotices } from '../notices.js';
import { Dialog } from '../ui.js';
import { blockInlines } from '../../../core/model/block-text.js';

type Opened = Awaited<ReturnType<BulletinApi['approvalReadRevision']>>;

const text = (inlines: readonly Inline[]) => plainText(inlines.map((i) => i.text).join(''));

/**
 * 查看第 N 版: a printed version kept by 修订, shown read only as it was printed — 编者按, articles, 供稿 and 送
 * lines, who signed it and when — with its signed 正式版 and its 分发登记表 to export again. Nothing here edits.
 */
export function RevisionView(props: { id: string; number: number; onClose: () => void }) {
  const { id, number, onClose } = props;
  const notices = useNotices();
  const [opened, setOpened] = useState<Opened | null>(null);

  useEffect(() => {
    let live = true;
    api.approvalReadRevision({ id, number }).then(
      (r) => live && setOpened(r),
      (e: unknown) => {
        notices.fail(`无法打开第 ${number} 版印发稿`, e);
        onClose();
      },
    );
    return () => {
      live = false;
    };
  }, [id, number, notices, onClose]);

  const save = async (what: 'final' | 'register') => {
    try {
      const r = what === 'final' ? await api.approvalExportRevision({ id, number }) : await api.approvalExportRevisionRegister({ id, number });
      if ('canceled' in r) return;
      notices.notify('info', `已导出第 ${number} 版${what === 'final' ? '印发稿' : '分发登记表'}：${r.path}`, { timeoutMs: 8000 });
    } catch (e) {
      notices.fail('导出失败', e);
    }
  };

  const doc = opened?.document;
  const signOff = opened?.meta.signOff;
  return (
    <Dialog
      title={`第 ${number} 版印发稿（只读）`}
      testId="revision-view"
      className="revision-view"
      onClose={onClose}
      actions={
        <>
          <button type="button" disabled={!opened?.hasFinalPdf} onClick={() => void save('final')}>
            导出正式版…
          </button>
          <button type="button" disabled={!opened?.hasRegisterPdf} onClick={() => void save('register')} title={opened && !opened.hasRegisterPdf ? '该版未经分发印制，没有分发登记表' : undefined}>
            导出分发登记表…
          </button>
          <button type="button" className="primary" onClick={onClose}>
            关闭
          </button>
        </>
      }
    >
      {!doc ? (
        <p className="muted">正在打开…</p>
      ) : (
        <div className="revision-content" data-testid="revision-content">
          <p className="muted" data-testid="revision-record">
            {plainText(doc.publication.name)} 第{doc.issue.number}期 · 修订前印发的版本，只读
            {signOff ? ` · ${plainText(signOff.signer)} 签发于 ${dateTime(signOff.at)}` : ''}
            {opened.hasRegisterPdf ? ' · 分发登记表已存档' : ' · 未经分发印制'}
          </p>
          {doc.issue.editorNote.length > 0 && (
            <section>
              <h4>编者按</h4>
              {doc.issue.editorNote.map((p, i) => (
                <p key={i}>{text(p)}</p>
              ))}
            </section>
          )}
          {doc.issue.articles.map((a, i) => (
            <section key={i} data-testid="revision-article">
              <h4>{plainText(a.title) || '（无标题）'}</h4>
              {a.body.map((b, k) => (
                <p key={k}>{text(blockInlines(b)) + (b.type === 'heading' && b.body ? text(b.body) : '')}</p>
              ))}
              {a.contributor && <p className="muted">（{plainText(a.contributor)}供稿）</p>}
            </section>
          ))}
          <section>
            <h4>送</h4>
            <ul data-testid="revision-distribution">
              {doc.issue.distribution.map((d, i) => (
                <li key={i}>
                  {plainText(d.text)}（{d.copies} 份）
                </li>
              ))}
            </ul>
          </section>
        </div>
      )}
    </Dialog>
  );
}
