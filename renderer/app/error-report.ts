import { api, errorMessage } from './api.js';

/**
 * The renderer's failures, written to the app's log file through the 'app:log' channel: uncaught errors and
 * rejected promises (installed once at start), and failures the UI catches and shows (the preview). At most
 * {@link MAX_REPORTS} per page load, so a failure repeating on every keystroke cannot flood the log; a report
 * that cannot be delivered is dropped (logging must never fail the app).
 */
export const MAX_REPORTS = 50;

let reports = 0;

/** Writes one failure to the log: a short message and the technical detail (the error's stack). */
export function reportError(message: string, error?: unknown, level: 'error' | 'warn' = 'error'): void {
  if (reports >= MAX_REPORTS) return;
  reports++;
  const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : error === undefined ? undefined : errorMessage(error);
  void api
    .appLog({ level, message: message.slice(0, 2000), ...(detail ? { detail: detail.slice(0, 20_000) } : {}) })
    .catch(() => undefined);
}

/** Sends every uncaught error and unhandled rejection of the page to the log. */
export function installErrorReporting(target: Window = window): void {
  target.addEventListener('error', (event) => {
    reportError(`页面未捕获的错误：${event.message}`, event.error ?? `${event.filename}:${event.lineno}:${event.colno}`);
  });
  target.addEventListener('unhandledrejection', (event) => {
    reportError('页面未处理的 Promise 拒绝', event.reason);
  });
}
