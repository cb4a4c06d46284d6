import { useEffect, useRef, useState } from 'react';
import { checkDocument } from '../../../core/check/index.js';
import type { Problem } from '../../../core/check/problem.js';
import { documentTexts } from '../../../core/check/texts.js';
import type { BulletinDocument } from '../../../core/model/document.js';
import { api, errorMessage } from '../api.js';
import { blockInlines } from '../../../core/model/block-text.js';

/** The pause after a keystroke before 校对 runs here, in the page (the core's checks take milliseconds). */
export const LOCAL_CHECK_DELAY_MS = 120;
/**
 * Above this many characters (a pasted report of hundreds of pages) the checks do not run in the page, which must
 * stay responsive: the worker's check is the list, at its own pace. A 20-page issue has about 20 000.
 */
export const LOCAL_CHECK_MAX_CHARS = 200_000;
const CHECK_DEBOUNCE_MS = 600;
/** The longest wait: a check of a huge issue (a 1 MB paste takes the main process about a second). */
const CHECK_DEBOUNCE_MAX_MS = 10_000;

/**
 * How long to wait after typing stops before the fonts' check (in the worker): {@link CHECK_DEBOUNCE_MS}, or four
 * times what the last one took when that is longer, so a huge issue is not re-checked at every pause in typing.
 */
export function checkDelay(lastCheckMs: number): number {
  return Math.min(CHECK_DEBOUNCE_MAX_MS, Math.max(CHECK_DEBOUNCE_MS, Math.round(lastCheckMs * 4)));
}

/** About how many characters a document holds (its 编者按 and articles), cheaply. */
export function roughSize(doc: BulletinDocument): number {
  let n = 0;
  for (const p of doc.issue.editorNote) for (const r of p) n += r.text.length;
  for (const a of doc.issue.articles) {
    n += a.title.length;
    for (const b of a.body) {
      for (const r of blockInlines(b)) n += r.text.length;
      if (b.type === 'heading') for (const r of b.body ?? []) n += r.text.length;
    }
  }
  return n;
}

/** The characters the fonts lack, read from the worker's 缺字 findings on the document it checked. */
export function missingCodePoints(doc: BulletinDocument, problems: readonly Problem[]): number[] {
  const texts = new Map(documentTexts(doc).map((t) => [t.path, t.text]));
  const out: number[] = [];
  for (const p of problems) {
    if (p.code !== 'missing-glyph' || p.offset === undefined) continue;
    const cp = texts.get(p.path)?.codePointAt(p.offset);
    if (cp !== undefined) out.push(cp);
  }
  return out;
}

/**
 * The 校对 panel: the core's checks (missing characters, punctuation, numbering, fields) and the 版面 facts of the
 * layout report (lines per page, holes, tightened or loosened paragraphs, the last page); a click jumps there.
 * They run here, in the page, {@link LOCAL_CHECK_DELAY_MS} after each change, so the list is current within a
 * fraction of a second; which characters the fonts lack is learnt from the worker (which has the fonts), checked
 * at a slower pace, and applied to every check here. `onProblems` gets each result with the document it is of.
 */
export function CheckPanel(props: {
  doc: BulletinDocument;
  onJump: (problem: Problem) => void;
  onCount?: (count: { errors: number; warnings: number }) => void;
  onProblems?: (doc: BulletinDocument, problems: readonly Problem[]) => void;
}) {
  const { doc, onJump } = props;
  const [problems, setProblems] = useState<readonly Problem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const latest = useRef(props);
  latest.current = props;
  const missing = useRef(new Set<number>());
  const lastMs = useRef(0);
  const lastLocalMs = useRef(0);
  /** The 版面 findings (code 'layout') of the worker's last check: they need the typesetter. */
  const layout = useRef<readonly Problem[]>([]);

  /** Shows a result (of the document `checked`): the list, the counts, the underlines. */
  const show = (checked: BulletinDocument, found: readonly Problem[]) => {
    setProblems(found);
    setError(null);
    latest.current.onCount?.({
      errors: found.filter((p) => p.severity === 'error').length,
      warnings: found.filter((p) => p.severity === 'warning').length,
    });
    latest.current.onProblems?.(checked, found);
    document.body.dataset.checkedAt = String(performance.now());
  };

  const runLocal = (checked: BulletinDocument) => {
    const t0 = performance.now();
    const found = [...checkDocument(checked, { hasGlyph: (cp) => !missing.current.has(cp) }), ...layout.current];
    const ms = performance.now() - t0;
    lastLocalMs.current = ms;
    if (ms > 50) console.info(`校对用时 ${Math.round(ms)} 毫秒`);
    show(checked, found);
  };
  const huge = roughSize(doc) > LOCAL_CHECK_MAX_CHARS;

  // Here, in the page: soon after every change.
  useEffect(() => {
    if (huge) return;
    // A huge issue (a 1 MB paste) waits longer, so the page is not held at every pause in typing.
    const timer = setTimeout(() => runLocal(doc), Math.max(LOCAL_CHECK_DELAY_MS, Math.round(lastLocalMs.current * 4)));
    return () => clearTimeout(timer);
  }, [doc]);

  // In the worker, with the fonts: which characters no font has.
  useEffect(() => {
    const my = ++seq.current;
    const timer = setTimeout(() => {
      const t0 = performance.now();
      api
        .checkRun({ document: doc })
        .then((r) => {
          lastMs.current = performance.now() - t0;
          const before = missing.current.size;
          for (const cp of missingCodePoints(doc, r.problems)) missing.current.add(cp);
          const layoutBefore = layout.current;
          layout.current = r.problems.filter((p) => p.code === 'layout');
          const layoutChanged = JSON.stringify(layoutBefore) !== JSON.stringify(layout.current);
          if (my !== seq.current) return;
          if (huge) show(doc, r.problems);
          else if (missing.current.size !== before || layoutChanged) runLocal(latest.current.doc);
        })
        .catch((e: unknown) => my === seq.current && setError(errorMessage(e)));
    }, checkDelay(lastMs.current));
    return () => clearTimeout(timer);
  }, [doc]);

  return (
    <div className="check-panel" data-testid="check-panel">
      <div className="panel-head">
        <span>校对结果</span>
        <span className="muted">{problems ? `${problems.filter((p) => p.severity !== 'info').length} 处` : '检查中…'}</span>
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
              <span className="problem-badge">{p.severity === 'error' ? '错误' : '提示'}</span>
              <span className="problem-text">{p.message}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
