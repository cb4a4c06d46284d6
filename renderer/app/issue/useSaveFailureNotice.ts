import { useEffect, useRef } from 'react';
import { useNotices } from '../notices.js';
import type { SaveState } from './useAutosave.js';

/** A failed save is also said in the notice bar (once per reason); the indicator keeps saying 未保存（…）. */
export function useSaveFailureNotice(state: SaveState): void {
  const notices = useNotices();
  const lastFailure = useRef<string | undefined>(undefined);
  const failureNotice = useRef<number | null>(null);
  useEffect(() => {
    const reason = state.kind === 'unsaved' ? state.reason : undefined;
    if (reason && reason !== lastFailure.current) {
      if (failureNotice.current !== null) notices.dismiss(failureNotice.current);
      failureNotice.current = notices.notify('error', `保存失败：${reason}。输入的内容都还在，程序会自动重试。`);
    }
    if (state.kind !== 'saving') lastFailure.current = reason;
    if (state.kind === 'saved' && failureNotice.current !== null) {
      notices.dismiss(failureNotice.current);
      failureNotice.current = null;
    }
  }, [state, notices]);
}
