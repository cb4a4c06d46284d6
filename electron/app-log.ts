import { join } from 'node:path';
import type { WebContents } from 'electron';
import { createLogFile, type LogFile } from '../services/log-file.js';
import { createLogger, type Logger } from '../services/logger.js';

/**
 * The app's log, wired to Electron: a rotating file in `<userData>/logs` (services/log-file.ts), every uncaught
 * error of the main process, and what goes wrong in a window (renderer crash, preload failure, page that does
 * not load, console errors — including those of a bundle that failed before the page could report anything
 * itself). The export thread's failures are logged by services/export-worker.ts, the renderer's own through the
 * 'app:log' channel. Nothing here throws.
 */
export interface AppLog {
  readonly logger: Logger;
  readonly file: LogFile;
}

/** Opens the log in `<userDataDir>/logs` and records the main process's uncaught errors in it. */
export function startAppLog(userDataDir: string): AppLog {
  const file = createLogFile({ dir: join(userDataDir, 'logs') });
  const logger = createLogger({ sink: file.sink, scope: 'main' });
  process.on('uncaughtException', (error) => logger.error('主进程未捕获的错误', error));
  process.on('unhandledRejection', (reason) => logger.error('主进程未处理的 Promise 拒绝', reason));
  return { logger, file };
}

/** Records a window's failures. `onGone` is told when its renderer process ended abnormally. */
export function watchContents(contents: WebContents, logger: Logger, onGone: () => void): void {
  const log = logger.child('window');
  contents.on('render-process-gone', (_event, details) => {
    log.error('渲染进程意外结束', undefined, { reason: details.reason, exitCode: details.exitCode });
    if (details.reason !== 'clean-exit') onGone();
  });
  contents.on('preload-error', (_event, preloadPath, error) => log.error('预加载脚本出错', error, { preloadPath }));
  contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    log.error('页面无法加载', undefined, { errorCode, errorDescription, url: validatedURL, isMainFrame });
  });
  contents.on('unresponsive', () => log.warn('窗口无响应'));
  contents.on('console-message', (details) => {
    if (details.level === 'error') log.warn('页面控制台错误', { message: details.message, source: details.sourceId, line: details.lineNumber });
  });
}
