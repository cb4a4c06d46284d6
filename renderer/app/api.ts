import type { BulletinApi } from '../../electron/ipc/contract.js';

declare global {
  interface Window {
    /** The preload API (Electron) or the test harness's bridge: the renderer's only way to storage. */
    readonly bulletin: BulletinApi;
  }
}

/** The API, or a stand-in whose every call fails with a clear message when the page runs without it. */
export const api: BulletinApi =
  typeof window !== 'undefined' && window.bulletin
    ? window.bulletin
    : (new Proxy(
        {},
        {
          get: (_target, name) =>
            name === 'on'
              ? () => () => undefined
              : () => Promise.reject(new Error('程序接口不可用：请在简报编辑台中打开本页面')),
        },
      ) as BulletinApi);

/** The message of an error, for the notice bar (the API's errors are already in Chinese). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message.replace(/^Error invoking remote method '[^']+': (Error: )?/, '');
  return String(error);
}
