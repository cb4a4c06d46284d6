/** What the 'app:flush' event carries: why, and how long the main process waits for 'app:flushed' before going on. */
export interface FlushRequest {
  readonly reason: 'close' | 'quit';
  readonly timeoutMs: number;
}

/**
 * Quitting waits for the renderer to write its unsaved work. The main process sends the 'app:flush' event and
 * waits until the renderer answers on the 'app:flushed' channel (after its journal write or save), or until
 * the time is up — a hung renderer never keeps the app from closing. Pure: the sending is passed in.
 */
export interface AppFlush {
  /** Asks for a flush through `send` and resolves once acknowledged, or with 'timeout'. */
  request(send: (request: FlushRequest) => void, reason: FlushRequest['reason'], timeoutMs?: number): Promise<'flushed' | 'timeout'>;
  /** The renderer's answer ('app:flushed'): settles every request waiting. */
  acknowledge(): void;
}

/** How long quitting waits for the renderer. */
export const FLUSH_TIMEOUT_MS = 3000;

export function createAppFlush(): AppFlush {
  const waiting = new Set<() => void>();
  return {
    request(send, reason, timeoutMs = FLUSH_TIMEOUT_MS) {
      return new Promise((resolve) => {
        const done = (outcome: 'flushed' | 'timeout') => {
          clearTimeout(timer);
          waiting.delete(flushed);
          resolve(outcome);
        };
        const flushed = () => done('flushed');
        const timer = setTimeout(() => done('timeout'), timeoutMs);
        waiting.add(flushed);
        try {
          send({ reason, timeoutMs });
        } catch {
          done('timeout'); // the window is gone: nothing to wait for
        }
      });
    },
    acknowledge() {
      for (const flushed of [...waiting]) flushed();
    },
  };
}
