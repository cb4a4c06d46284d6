import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../electron/ipc/contract.js';

/**
 * electron/main.ts with a stand-in 'electron' module (the real one cannot be loaded here: its binary is not
 * downloadable): what main registers, how it builds the window and locks the session down, and the flush
 * before closing. The services behind it are the real ones (createServices over a temporary folder).
 */

const fake = vi.hoisted(() => {
  // vi.hoisted runs before the imports: Node's modules through require.
  const { EventEmitter: Emitter } = require('node:events') as typeof import('node:events');
  const { mkdtempSync } = require('node:fs') as typeof import('node:fs');
  const { tmpdir } = require('node:os') as typeof import('node:os');
  const userData = mkdtempSync(`${tmpdir()}/main-test-`);
  const appDir = '/opt/bulletin-desk/resources/app.asar';

  class FakeWebContents extends Emitter {
    openHandler: ((details: unknown) => unknown) | undefined;
    sent: [string, unknown][] = [];
    setWindowOpenHandler(handler: (details: unknown) => unknown) {
      this.openHandler = handler;
    }
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
    isDestroyed() {
      return false;
    }
    isCrashed() {
      return false;
    }
    reloads = 0;
    reload() {
      this.reloads++;
    }
  }

  class FakeBrowserWindow extends Emitter {
    static windows: FakeBrowserWindow[] = [];
    static getAllWindows = () => FakeBrowserWindow.windows;
    static getFocusedWindow = () => undefined;
    webContents = new FakeWebContents();
    loaded: string | undefined;
    closed = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      FakeBrowserWindow.windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadFile(file: string) {
      this.loaded = file;
      return Promise.resolve();
    }
    close() {
      const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
      this.emit('close', event);
      if (!event.defaultPrevented) this.closed = true;
    }
    isDestroyed() {
      return this.closed;
    }
    isMinimized() {
      return false;
    }
    isMaximized() {
      return false;
    }
    isFullScreen() {
      return false;
    }
    getBounds() {
      return { x: 10, y: 10, width: 1200, height: 800 };
    }
    getNormalBounds() {
      return this.getBounds();
    }
    show() {}
    focus() {}
    restore() {}
    maximize() {}
  }

  const app = Object.assign(new Emitter(), {
    lock: true,
    quits: 0,
    sandboxed: false,
    isPackaged: false,
    requestSingleInstanceLock: () => app.lock,
    enableSandbox: () => {
      app.sandboxed = true;
    },
    whenReady: () => Promise.resolve(),
    isReady: () => true,
    getAppPath: () => appDir,
    getPath: (name: string) => (name === 'userData' ? userData : tmpdirOf(name)),
    getVersion: () => '1.2.3',
    quit: () => {
      app.quits++;
    },
    exit: () => {},
  });
  function tmpdirOf(name: string) {
    return `${userData}/${name}`;
  }

  const handled = new Map<string, (event: unknown, raw: unknown) => unknown>();
  const ipcMain = { handle: (channel: string, handler: (event: unknown, raw: unknown) => unknown) => handled.set(channel, handler) };

  const sessionCalls: Record<string, unknown[]> = {};
  const record = (name: string) => (...args: unknown[]) => {
    sessionCalls[name] = args;
  };
  const session = {
    defaultSession: {
      setPermissionRequestHandler: record('setPermissionRequestHandler'),
      setPermissionCheckHandler: record('setPermissionCheckHandler'),
      webRequest: { onBeforeRequest: record('onBeforeRequest'), onHeadersReceived: record('onHeadersReceived') },
    },
  };
  const menus: unknown[] = [];
  const Menu = { buildFromTemplate: (t: unknown) => ({ t }), setApplicationMenu: (m: unknown) => menus.push(m) };
  const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] };
  const dialog = { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: true }), showErrorBox: () => {} };
  const opened: string[] = [];
  const shell = {
    openPath: async (p: string) => {
      opened.push(p);
      return '';
    },
  };
  return { app, ipcMain, handled, session, sessionCalls, Menu, menus, screen, dialog, shell, opened, BrowserWindow: FakeBrowserWindow, userData, appDir };
});

vi.mock('electron', () => {
  const m = { app: fake.app, ipcMain: fake.ipcMain, session: fake.session, Menu: fake.Menu, screen: fake.screen, dialog: fake.dialog, shell: fake.shell, BrowserWindow: fake.BrowserWindow };
  return { ...m, default: m };
});

const indexHtml = path.join(fake.appDir, 'out', 'renderer', 'index.html');
const ourFrame = { senderFrame: { url: pathToFileURL(indexHtml).href } };

beforeAll(async () => {
  await import('../../electron/main.js');
  await new Promise((r) => setTimeout(r, 0)); // whenReady().then(start)
});
afterAll(() => {
  fake.app.emit('will-quit');
  rmSync(fake.userData, { recursive: true, force: true });
});

function window() {
  const win = fake.BrowserWindow.windows[0];
  expect(win).toBeDefined();
  return win!;
}

describe('electron/main.ts', () => {
  it('takes the single-instance lock and enables the sandbox for every renderer', () => {
    expect(fake.app.sandboxed).toBe(true);
    expect(fake.app.listenerCount('second-instance')).toBe(1);
  });

  it('answers every channel of the contract through dispatch', async () => {
    expect([...fake.handled.keys()].sort()).toEqual([...CHANNELS].sort());
    const info = await fake.handled.get('app:info')!(ourFrame, {});
    expect(info).toEqual({ ok: true, value: { version: '1.2.3', libraryDir: path.join(fake.userData, 'library'), platform: process.platform } });
    const invalid = (await fake.handled.get('library:read')!(ourFrame, { id: '../x' })) as { ok: boolean; error: string };
    expect(invalid.ok).toBe(false);
    expect(invalid.error).toMatch(/请求无效/);
  });

  it('refuses calls from any frame but our own page', async () => {
    for (const frame of [{ senderFrame: { url: 'https://example.com/' } }, { senderFrame: null }, { senderFrame: { url: 'file:///tmp/evil.html' } }]) {
      const answer = (await fake.handled.get('app:info')!(frame, {})) as { ok: boolean };
      expect(answer.ok).toBe(false);
    }
  });

  it('opens one locked-down window on the built renderer, with the preload bundle', () => {
    const win = window();
    expect(win.loaded).toBe(indexHtml);
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      preload: path.join(fake.appDir, 'out', 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(win.options).toMatchObject({ width: 1280, height: 860, title: '简报编辑台' });
    expect(fake.menus).toHaveLength(1);
  });

  it('blocks navigation away from the page, new windows and webviews', () => {
    const contents = window().webContents;
    const navigate = (url: string) => {
      const event = { prevented: false, preventDefault() { this.prevented = true; } };
      contents.emit('will-navigate', event, url);
      return event.prevented;
    };
    expect(navigate('https://example.com/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate(pathToFileURL(indexHtml).href)).toBe(false);
    expect(navigate(`${pathToFileURL(indexHtml).href}#/library`)).toBe(false);
    expect(contents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const webview = { prevented: false, preventDefault() { this.prevented = true; } };
    contents.emit('will-attach-webview', webview);
    expect(webview.prevented).toBe(true);
  });

  it('denies every permission, cancels network requests, and sends the CSP header', () => {
    const [permission] = fake.sessionCalls.setPermissionRequestHandler as [(c: unknown, p: string, cb: (ok: boolean) => void) => void];
    let granted: boolean | undefined;
    permission({}, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    const [check] = fake.sessionCalls.setPermissionCheckHandler as [() => boolean];
    expect(check()).toBe(false);

    const [filter, before] = fake.sessionCalls.onBeforeRequest as [{ urls: string[] }, (d: unknown, cb: (r: unknown) => void) => void];
    expect(filter.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*']));
    let cancel: unknown;
    before({ url: 'https://example.com/' }, (r) => (cancel = r));
    expect(cancel).toEqual({ cancel: true });

    const [headers] = fake.sessionCalls.onHeadersReceived as [(d: unknown, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void];
    let response: Record<string, string[]> = {};
    headers({ responseHeaders: { 'X-Other': ['1'] } }, (r) => (response = r.responseHeaders));
    expect(response['X-Other']).toEqual(['1']);
    const csp = response['Content-Security-Policy']![0]!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('a second launch focuses the existing window', () => {
    const win = window();
    const focus = vi.spyOn(win, 'focus');
    fake.app.emit('second-instance');
    expect(focus).toHaveBeenCalled();
  });

  it('logs to <userData>/logs/bulletin.log: the start, a crashed renderer (then reloaded), a page that fails to load', async () => {
    const win = window();
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(win.webContents.reloads).toBe(1);
    win.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'file:///x/index.html', true);
    const log = readFileSync(path.join(fake.userData, 'logs', 'bulletin.log'), 'utf8');
    expect(log).toMatch(/INFO  \[main\] 启动 \{"version":"1\.2\.3"/);
    expect(log).toContain('ERROR [main/window] 渲染进程意外结束 {"reason":"crashed","exitCode":139}');
    expect(log).toContain('ERROR [main/window] 页面无法加载 {"errorCode":-6,"errorDescription":"ERR_FILE_NOT_FOUND"');
  });

  it('帮助 › 打开日志文件夹 opens <userData>/logs from the main process (not through the page)', async () => {
    const template = (fake.menus[0] as { t: { label?: string; submenu?: { label?: string; click?: () => void }[] }[] }).t;
    const item = template.find((m) => m.label === '帮助')!.submenu!.find((i) => i.label === '打开日志文件夹')!;
    const sentBefore = window().webContents.sent.length;
    item.click!();
    await new Promise((r) => setTimeout(r, 10));
    expect(fake.opened).toEqual([path.join(fake.userData, 'logs')]);
    expect(window().webContents.sent.length).toBe(sentBefore);
  });

  it('closing waits for the renderer to flush (app:flush → app:flushed), then closes', async () => {
    const win = window();
    win.close();
    expect(win.closed).toBe(false); // held
    const flush = win.webContents.sent.find(([event]) => event === 'app:flush');
    expect(flush).toEqual(['app:flush', { reason: 'close', timeoutMs: 3000 }]);
    await fake.handled.get('app:flushed')!(ourFrame, {});
    await new Promise((r) => setTimeout(r, 0));
    expect(win.closed).toBe(true);
  });
});
