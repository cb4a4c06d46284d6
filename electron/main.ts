import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, screen, session, shell, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { startAppLog, watchContents } from './app-log.js';
import { createElectronDialogs } from './dialogs-electron.js';
import { createHandlers, dispatch } from './handlers.js';
import { CHANNELS, type EventName, type Events } from './ipc/contract.js';
import { installMenu } from './menu.js';
import { createServices, type Services } from '../services/container.js';
import type { FontFilesOptions } from '../services/font-files.js';
import { defaultLibraryDir, LIBRARY_ENV, userCacheDir } from '../services/paths.js';
import { readWindowState, restorableState, trackWindowState, MIN_HEIGHT, MIN_WIDTH } from './window-state.js';

/**
 * The main process, kept thin: one instance, one window, the services composed once (services/container.ts),
 * every IPC channel of the contract answered through handlers.ts, and the window locked down (sandboxed,
 * context-isolated, no Node, no navigation, no new windows, no permissions, a strict CSP, nothing remote).
 * Bundled by scripts/build-electron.mjs into out/main/main.cjs.
 */

const appDir = app.getAppPath();
const indexHtml = join(appDir, 'out', 'renderer', 'index.html');
const indexUrl = pathToFileURL(indexHtml);
const preloadFile = join(appDir, 'out', 'preload', 'preload.cjs');

// The log first, so that whatever fails next is recorded (<userData>/logs/bulletin.log, rotated).
const appLog = startAppLog(app.getPath('userData'));
const logger = appLog.logger;

let mainWindow: BrowserWindow | undefined;
let services: Services | undefined;
let quitting = false;

app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // A second launch: the first instance is told (second-instance) and focuses its window.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => harden(contents));
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void services?.close();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  app.whenReady().then(start).catch((err: unknown) => {
    logger.error('启动失败', err);
    dialog.showErrorBox('简报编辑台无法启动', `${err instanceof Error ? err.message : String(err)}\n\n详细信息已写入日志：${appLog.file.path}`);
    app.exit(1);
  });
}

function start(): void {
  logger.info('启动', { version: app.getVersion(), platform: process.platform, packaged: app.isPackaged, electron: process.versions.electron });
  lockDownSession();
  services = createServices({
    // $BULLETIN_LIBRARY (as for the command line) or <userData>/library.
    libraryDir: process.env[LIBRARY_ENV] ? defaultLibraryDir() : join(app.getPath('userData'), 'library'),
    listingCacheDir: userCacheDir(),
    dialogs: createElectronDialogs(() => BrowserWindow.getFocusedWindow() ?? mainWindow),
    version: app.getVersion(),
    platform: process.platform,
    fonts: fontDirs(),
    logger,
    logDir: appLog.file.dir,
    openFolder: (dir) => shell.openPath(dir),
    // The printers the operating system offers, as Electron sees them; printing itself goes through the spooler.
    listPrinters: async () => {
      const win = BrowserWindow.getFocusedWindow() ?? mainWindow;
      if (!win) return [];
      const printers = await win.webContents.getPrintersAsync();
      return printers.map((p) => ({ name: p.name, displayName: p.displayName || p.name }));
    },
  });
  const handlers = createHandlers(services);
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, raw: unknown) => {
      if (!fromOurPage(event)) return { ok: false, error: '拒绝：请求不是来自本程序的页面' };
      return dispatch(handlers, channel, raw, {
        onUnexpected: (ch, err) => logger.error(`请求出错：${ch}`, err),
      });
    });
  }
  installMenu(process.platform, (command) => {
    // Opened here, not by the page: it must work when the page is blank.
    if (command === 'openLogFolder') {
      void services?.logs.open().catch((err: unknown) => dialog.showErrorBox('无法打开日志文件夹', err instanceof Error ? err.message : String(err)));
      return;
    }
    const target = BrowserWindow.getFocusedWindow() ?? mainWindow;
    if (target) send(target.webContents, 'menu:command', command);
  });
  mainWindow = createWindow();
}

/** Fonts: the repository's fonts/ when run from sources; inside the package, manifest in the app, TTF cache in resources. */
function fontDirs(): FontFilesOptions {
  if (!app.isPackaged) return { fontsDir: join(appDir, 'fonts') };
  return { fontsDir: join(appDir, 'fonts'), cacheDir: join(process.resourcesPath, 'fonts', 'cache') };
}

function createWindow(): BrowserWindow {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state = restorableState(readWindowState(stateFile), screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    title: '简报编辑台',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // No middle-click (auxclick) navigation into new windows.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  trackWindowState(win, stateFile);
  // A renderer that crashed is reloaded (unsaved edits come back from the journal); the cause is in the log.
  let reloads = 0;
  watchContents(win.webContents, logger, () => {
    // Reloaded twice at most: a page that crashes on every load is left as it is (the log says why).
    if (!win.isDestroyed() && reloads++ < 2) win.webContents.reload();
  });
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
  flushBeforeClosing(win);
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = undefined;
  });
  void win.loadFile(indexHtml);
  return win;
}

/**
 * Closing (or quitting) waits for the renderer to write unsaved work: 'app:flush' goes out, the close is held
 * until the renderer answers 'app:flushed' or 3 s pass, then the window closes (and the quit goes on).
 */
function flushBeforeClosing(win: BrowserWindow): void {
  let flushed = false;
  let flushing = false;
  win.on('close', (event) => {
    if (flushed || !services) return;
    event.preventDefault();
    if (flushing) return;
    flushing = true;
    const contents = win.webContents;
    const reason = quitting ? 'quit' : 'close';
    const wasQuitting = quitting;
    void services.flush
      .request((request) => {
        if (contents.isDestroyed() || contents.isCrashed()) throw new Error('renderer gone');
        send(contents, 'app:flush', request);
      }, reason)
      .then(() => {
        flushed = true;
        if (win.isDestroyed()) return;
        if (wasQuitting) app.quit();
        else win.close();
      });
  });
}

function send<E extends EventName>(contents: WebContents, event: E, payload: Events[E]): void {
  if (!contents.isDestroyed()) contents.send(event, payload);
}

/** Only our own page may call the main process. */
function fromOurPage(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url;
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'file:' && decodeURIComponent(u.pathname) === decodeURIComponent(indexUrl.pathname);
  } catch {
    return false;
  }
}

/** Every web contents: no navigation away from our page, no new windows, no webviews. */
function harden(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isOurPage(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isOurPage(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function isOurPage(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'file:' && decodeURIComponent(u.pathname) === decodeURIComponent(indexUrl.pathname);
  } catch {
    return false;
  }
}

/** No permission is ever granted, no request leaves the machine, and every response carries the CSP. */
function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'] }, (_details, callback) =>
    callback({ cancel: true }),
  );
  // The renderer's policy. renderer/index.html carries the same in a <meta> (frame-ancestors only works as a
  // header); a literal here, so that Electronegativity can evaluate it.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ],
      },
    });
  });
}
