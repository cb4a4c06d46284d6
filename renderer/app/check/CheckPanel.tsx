import { useEffect, useRef, useState } from 'react';
import type { Problem } from '../../../core/check/problem.js';
import type { BulletinDocument } from '../../../core/model/document.js';
import { api, errorMessage } from '../api.js';

const CHECK_DEBOUNCE_MS = 600;
/** The longest wait: a check of a huge issue (a 1 MB paste takes the main process about a second). */
const CHECK_DEBOUNCE_MAX_MS = 10_000;

/**
 * How long to wait after typing stops: {@link CHECK_DEBOUNCE_MS}, or four times what the last check took when
 * that is longer, so a huge issue is not re-checked (on the main process) at every pause in typing.
 */
export function checkDelay(lastCheckMs: number): number {
  return Math.min(CHECK_DEBOUNCE_MAX_MS, Math.max(CHECK_DEBOUNCE_MS, Math.round(lastCheckMs * 4)));
}

/**
 * The 校对 panel: the core's checks (missing characters, punctuation, numbering, fields) and the 版面 facts of the
 * layout report (lines per page, holes, tightened or loosened paragraphs, the last page); a click jumps there.
 */
export function CheckPanel(props: {
  doc: BulletinDocument;
  onJump: (problem: Problem) => void;
  onCount?: (count: { errors: number; warnings: number }) => void;
}) {
  const { doc, onJump, onCount } = props;
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);
  const onCountRef = useRef(onCount);
  onCountRef.current = onCount;

  const lastMs = useRef(0);

  useEffect(() => {
    const my = ++seq.current;
    const timer = setTimeout(() => {
      setBusy(true);
      const t0 = performance.now();
      api
        .checkRun({ document: doc })
        .then((r) => {
          lastMs.current = performance.now() - t0;
          if (my !== seq.current) return;
          setProblems(r.problems);
          setError(null);
          onCountRef.current?.({
            errors: r.problems.filter((p) => p.severity === 'error').length,
            warnings: r.problems.filter((p) => p.severity === 'warning').length,
          });
        })
        .catch((e: unknown) => my === seq.current && setError(errorMessage(e)))
        .finally(() => my === seq.current && setBusy(false));
    }, checkDelay(lastMs.current));
    return () => clearTimeout(timer);
  }, [doc]);

  return (
    <div className="check-panel" data-testid="check-panel">
      <div className="panel-head">
        <span>校对结果</span>
        <span className="muted">
          {busy ? '检查中…' : problems ? `${problems.filter((p) => p.severity !== 'info').length} 处` : ''}
        </span>
      </div>
      {error && <div className="panel-error">校对失败：{error}</div>}
      {problems && !problems.some((p) => p.severity !== 'info') && <div className="empty-note">未发现问题。</div>}
      <ul className="problem-list">
        {problems?.map((p, i) => (
          <li key={`${p.path}-${p.offset ?? ''}-${i}`}>
            <button
              type="button"
              className={`problem problem-${p.severity}`}
              data-path={p.path}
              onClick={() => onJump(p)}
              title="转到此处"
            >
              <span className="problem-badge">{p.severity === 'error' ? '错误' : p.severity === 'info' ? '版面' : '提示'}</span>
              <span className="problem-text">{p.message}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
