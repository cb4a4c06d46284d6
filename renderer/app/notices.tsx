import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { errorMessage } from './api.js';

/** The notice bar: errors from the API, warnings and short confirmations, in Chinese. */

export type NoticeKind = 'error' | 'warning' | 'info';

export interface Notice {
  readonly id: number;
  readonly kind: NoticeKind;
  readonly text: string;
}

interface NoticeApi {
  /** Shows a notice; returns its id (for dismiss). */
  notify(kind: NoticeKind, text: string, options?: { timeoutMs?: number }): number;
  /** Shows an API error: "保存失败：…". */
  fail(what: string, error: unknown): void;
  dismiss(id: number): void;
}

const NoticeContext = createContext<NoticeApi>({ notify: () => 0, fail: () => undefined, dismiss: () => undefined });

export function useNotices(): NoticeApi {
  return useContext(NoticeContext);
}

export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const next = useRef(1);

  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);

  const notify = useCallback(
    (kind: NoticeKind, text: string, options: { timeoutMs?: number } = {}) => {
      const id = next.current++;
      setNotices((list) => [...list.filter((n) => n.text !== text), { id, kind, text }].slice(-4));
      const timeout = options.timeoutMs ?? (kind === 'info' ? 4000 : kind === 'warning' ? 10_000 : 0);
      if (timeout > 0) setTimeout(() => dismiss(id), timeout);
      return id;
    },
    [dismiss],
  );

  const fail = useCallback(
    (what: string, error: unknown) => {
      notify('error', `${what}：${errorMessage(error)}`);
    },
    [notify],
  );

  const api = useMemo(() => ({ notify, fail, dismiss }), [notify, fail, dismiss]);

  return (
    <NoticeContext.Provider value={api}>
      {children}
      <div className="notice-bar" role="status" aria-live="polite">
        {notices.map((n) => (
          <div key={n.id} className={`notice notice-${n.kind}`} data-kind={n.kind}>
            <span className="notice-icon" aria-hidden="true">
              {n.kind === 'error' ? '✕' : n.kind === 'warning' ? '!' : 'i'}
            </span>
            <span className="notice-text">{n.text}</span>
            <button type="button" className="notice-close" title="关闭" onClick={() => dismiss(n.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </NoticeContext.Provider>
  );
}
