/**
 * The end-to-end harness: the built renderer (out/renderer) in Debian's Chromium through playwright-core, with
 * the preload API bridged onto the REAL main-process services over a library folder.
 *
 *     const app = await launchApp({ libraryDir });
 *     await app.page.getByRole('button', { name: '新建' }).click();
 *     await app.sendMenu('save');
 *     await app.close();
 *
 * How: the renderer is built with Vite once per run (skipped when out/renderer is newer than its sources; a lock
 * folder keeps parallel test files from building at the same time) and served from 127.0.0.1 on a random port
 * with the app's Content-Security-Policy as a header too. The page gets `window.__bulletinInvoke(channel, json)`
 * (page.exposeFunction) which runs `dispatch(createHandlers(createServices({ libraryDir, dialogs })), …)` — the
 * very code the main process's ipcMain handlers run — and an init script that defines `window.bulletin` with one
 * method per channel of the contract, as the preload does. The bridge is JSON: Uint8Array values cross as
 * {"$bytes": base64} both ways (only here, inside the harness).
 *
 * Two ways to load the page (`scheme`):
 * - 'http' (default): served from 127.0.0.1 as above.
 * - 'file': exactly as the packaged app does (`win.loadFile`): `file://…/index.html` from a renderer folder —
 *   out/renderer, or the one extracted from the real app.asar (tests/helpers/package-build.ts) — with no server
 *   and no CSP header, so the page's own <meta> CSP is the policy, as in Electron. Chromium runs with
 *   `--allow-file-access-from-files`, which sets the two WebKit preferences Electron sets for every page while
 *   its `GrantFileProtocolExtraPrivileges` fuse is on (the default, and electron-builder.yml leaves it on):
 *   `allow_file_access_from_file_urls` and `allow_universal_access_from_file_urls` (electron/electron,
 *   shell/browser/electron_browser_client.cc, ElectronBrowserClient::OverrideWebkitPrefs; the fuse:
 *   docs/tutorial/fuses.md). Without them a file:// page's module scripts and workers are cross-origin and
 *   blocked — the window would be blank (tests/e2e/packaged.e2e.test.ts shows it). `E2E_SCHEME=file` runs any
 *   scenario this way.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createHandlers, dispatch } from '../../electron/handlers.js';
import { CHANNELS, methodName, type EventName, type Events, type MenuCommand } from '../../electron/ipc/contract.js';
import type { Spooler } from '../../services/cups.js';
import { createServices, type Printing, type Services, type ServicesOptions } from '../../services/container.js';
import { TEST_KDF } from '../helpers/signing.js';
import { toolAvailable } from '../helpers/system-tools.js';
import { scriptedDialogs, type Dialogs } from '../../services/dialogs.js';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const OUT_DIR = join(ROOT, 'out', 'renderer');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The CSP of renderer/index.html, also sent as a header. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
  "form-action 'none'";

/**
 * Whether the browser is there; the e2e files skip themselves (with a message) when it is not — except under CI=true,
 * where a missing Chromium fails them with a message naming the package (tests/helpers/system-tools.ts).
 */
export const hasChromium = toolAvailable('chromium');
export const SKIP_MESSAGE = `跳过端到端测试：找不到 Chromium（${CHROMIUM}）。安装：apt-get install -y chromium fonts-noto-cjk`;

export interface LaunchOptions {
  readonly libraryDir: string;
  /** File dialogs (default: every dialog is canceled). */
  readonly dialogs?: Dialogs;
  /** Printing (default: the container's). */
  readonly printing?: Printing | ((services: Omit<Services, 'printing'>) => Printing);
  /**
   * A spooler (tests: a recorder). It cannot cross to the worker thread, so the container then prints in the
   * main process (see container.ts).
   */
  readonly spooler?: Spooler;
  readonly viewport?: { width: number; height: number };
  /** The operator recorded in the history (default "编辑甲"). */
  readonly operator?: string;
  /** The services' clock (new issues are dated by it). */
  readonly now?: () => Date;
  /** How the page is loaded (see above); default $E2E_SCHEME or 'http'. */
  readonly scheme?: Scheme;
  /** The built renderer folder to load (default out/renderer, built when stale). */
  readonly rendererDir?: string;
  /** Chromium without the file-scheme privileges Electron grants (only to show what they are for). */
  readonly plainFileScheme?: boolean;
  /** More of the services' options (a logger, a log-folder opener, a broken thread for fail-safe tests…). */
  readonly services?: Partial<ServicesOptions>;
}

export type Scheme = 'http' | 'file';

/** The scheme of this run: $E2E_SCHEME=file loads every scenario over file://. */
export const DEFAULT_SCHEME: Scheme = process.env.E2E_SCHEME === 'file' ? 'file' : 'http';

export interface LaunchedApp {
  readonly page: Page;
  readonly services: Services;
  readonly context: BrowserContext;
  /** The address the renderer is served from. */
  readonly url: string;
  /** Errors the page threw or logged (console.error), for assertions. */
  readonly pageErrors: string[];
  /** What the page printed on its console. */
  readonly consoleLines: string[];
  /** Every URL the page and its workers requested, in order (data: and blob: included). */
  readonly requests: string[];
  /** Simulates an application menu command (as the main process would send it). */
  sendMenu(command: MenuCommand): Promise<void>;
  /** Sends any main-process event. */
  emit<E extends EventName>(event: E, payload: Events[E]): Promise<void>;
  /** Reloads the page (the services and library stay). */
  reload(): Promise<void>;
  close(): Promise<void>;
}

const browsers = new Map<string, Promise<Browser>>();
let serverPromise: Promise<{ server: Server; url: string }> | undefined;
let built: Promise<void> | undefined;

/** Starts the app on a library folder; each call gets a fresh browser context and fresh services. */
export async function launchApp(options: LaunchOptions): Promise<LaunchedApp> {
  const scheme = options.scheme ?? DEFAULT_SCHEME;
  if (!options.rendererDir) await (built ??= ensureRendererBuilt());
  const rendererDir = options.rendererDir ?? OUT_DIR;
  const url =
    scheme === 'file'
      ? pathToFileURL(rendererDir).href.replace(/\/$/, '')
      : options.rendererDir
        ? (await serve(rendererDir)).url
        : (await (serverPromise ??= serve(OUT_DIR))).url;
  const fileFlags = scheme === 'file' && !options.plainFileScheme ? ['--allow-file-access-from-files'] : [];
  const browserKey = fileFlags.join(' ');
  let browserLaunch = browsers.get(browserKey);
  if (!browserLaunch) {
    browserLaunch = chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--lang=zh-CN',
        ...fileFlags,
      ],
    });
    browsers.set(browserKey, browserLaunch);
  }
  const browser = await browserLaunch;

  const custom = options.printing;
  const base = createServices({
    libraryDir: options.libraryDir,
    dialogs: options.dialogs ?? scriptedDialogs(),
    operator: options.operator ?? '编辑甲',
    version: 'e2e',
    ...(options.now ? { now: options.now } : {}),
    // Signing keys sealed at the tests' cheap cost (tests/helpers/signing.ts): the UI flow is the same.
    kdf: TEST_KDF,
    ...(custom && typeof custom !== 'function' ? { printing: custom } : {}),
    ...(options.spooler ? { spooler: options.spooler } : {}),
    ...options.services,
  });
  const services: Services = typeof custom === 'function' ? { ...base, printing: custom(base) } : base;
  const handlers = createHandlers(services);

  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1440, height: 900 },
    locale: 'zh-CN',
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  const consoleLines: string[] = [];
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) pageErrors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  // A file the page asked for and did not get (missing, blocked by CORS or the CSP).
  page.on('requestfailed', (r) => {
    if (scheme === 'file') pageErrors.push(`请求失败 ${r.failure()?.errorText ?? ''}: ${r.url()}`);
  });
  page.on('console', (m) => {
    consoleLines.push(`${m.type()}: ${m.text()}`);
    if (m.type() === 'error') pageErrors.push(m.text());
  });

  await page.exposeFunction('__bulletinInvoke', async (channel: string, requestJson: string) => {
    const request = fromWire(JSON.parse(requestJson));
    const envelope = await dispatch(handlers, channel, request);
    return JSON.stringify(toWire(envelope));
  });
  await page.addInitScript(bridgeScript());
  await page.goto(`${url}/index.html`);

  const emit = async <E extends EventName>(event: E, payload: Events[E]) => {
    await page.evaluate(([e, p]) => (globalThis as unknown as BridgeWindow).__bulletinEmit(e, p), [event, payload] as const);
  };
  return {
    page,
    services,
    context,
    url,
    pageErrors,
    consoleLines,
    requests,
    sendMenu: (command) => emit('menu:command', command),
    emit,
    reload: async () => {
      await page.reload();
    },
    close: async () => {
      await context.close().catch(() => undefined);
      await services.close().catch(() => undefined);
    },
  };
}

/** Ends the shared browser and server (call from afterAll of the last file, or let the process end). */
export async function shutdown(): Promise<void> {
  const all = [...browsers.values()];
  const s = serverPromise;
  browsers.clear();
  serverPromise = undefined;
  for (const b of all) await (await b).close().catch(() => undefined);
  if (s) (await s).server.close();
}

interface BridgeWindow {
  __bulletinEmit(event: string, payload: unknown): void;
}

// ---------------------------------------------------------------------------------------------------------
// The bridge: JSON with bytes as base64

type Wire = unknown;

function toWire(value: unknown): Wire {
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toWire(v);
    return out;
  }
  return value;
}

function fromWire(value: Wire): unknown {
  if (Array.isArray(value)) return value.map(fromWire);
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (typeof obj.$bytes === 'string' && Object.keys(obj).length === 1) return new Uint8Array(Buffer.from(obj.$bytes, 'base64'));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) out[k] = fromWire(v);
    return out;
  }
  return value;
}

/**
 * The preload's equivalent, as a script run before the page's own: `window.bulletin` with one method per channel
 * (names generated here from the contract, since the page cannot import it) and `on(event, listener)`.
 */
function bridgeScript(): string {
  const methods = Object.fromEntries(CHANNELS.map((c) => [c, methodName(c)]));
  return `(() => {
  const METHODS = ${JSON.stringify(methods)};
  const listeners = new Map();
  const invoke = window.__bulletinInvoke;
  function toWire(v) {
    if (v instanceof Uint8Array) {
      let s = '';
      for (let i = 0; i < v.length; i += 0x8000) s += String.fromCharCode.apply(null, v.subarray(i, i + 0x8000));
      return { $bytes: btoa(s) };
    }
    if (Array.isArray(v)) return v.map(toWire);
    if (v && typeof v === 'object') {
      const out = {};
      for (const k of Object.keys(v)) if (v[k] !== undefined) out[k] = toWire(v[k]);
      return out;
    }
    return v;
  }
  function fromWire(v) {
    if (Array.isArray(v)) return v.map(fromWire);
    if (v && typeof v === 'object') {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === '$bytes' && typeof v.$bytes === 'string') {
        const s = atob(v.$bytes);
        const bytes = new Uint8Array(s.length);
        for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
        return bytes;
      }
      const out = {};
      for (const k of keys) out[k] = fromWire(v[k]);
      return out;
    }
    return v;
  }
  const api = {};
  for (const [channel, method] of Object.entries(METHODS)) {
    api[method] = async (request) => {
      const envelope = fromWire(JSON.parse(await invoke(channel, JSON.stringify(toWire(request ?? {})))));
      if (envelope.ok) return envelope.value;
      throw new Error(envelope.error);
    };
  }
  api.on = (event, listener) => {
    if (!listeners.has(event)) listeners.set(event, new Set());
    const set = listeners.get(event);
    const wrapped = (payload) => listener(payload);
    set.add(wrapped);
    return () => set.delete(wrapped);
  };
  Object.defineProperty(window, '__bulletinEmit', {
    value: (event, payload) => { for (const l of [...(listeners.get(event) || [])]) l(payload); },
  });
  Object.defineProperty(window, 'bulletin', { value: Object.freeze(api), enumerable: true });
})();`;
}

// ---------------------------------------------------------------------------------------------------------
// Building and serving the renderer

/** What the renderer bundle is made of: when any is newer than out/renderer/index.html, build again. */
const SOURCES = ['renderer', 'core', 'electron/ipc', 'services/library-types.ts', 'vite.config.ts', 'package-lock.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function isFresh(): boolean {
  const index = join(OUT_DIR, 'index.html');
  if (!existsSync(index)) return false;
  const builtAt = statSync(index).mtimeMs;
  return SOURCES.every((s) => newestMtime(join(ROOT, s)) <= builtAt);
}

/** Builds out/renderer with Vite unless it is up to date; parallel test processes take turns (a lock folder). */
export async function ensureRendererBuilt(): Promise<void> {
  if (process.env.E2E_SKIP_BUILD === '1' || isFresh()) return;
  const lock = join(ROOT, 'out', '.renderer-build.lock');
  mkdirSync(join(ROOT, 'out'), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another process is building; a lock older than 3 minutes is left over from a crash.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() - started > 240_000) throw new Error('等待渲染进程构建超时');
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (isFresh()) return;
    const { build } = await import('vite');
    // The production build whoever builds: under vitest NODE_ENV is 'test', and Vite then bundles React's development
    // build (slower, StrictMode's double effects) — a benchmark run after a test would measure that one.
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error', mode: 'production' });
    } finally {
      if (env === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = env;
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
};

/** A static server for one folder on 127.0.0.1, random port, with the CSP header. */
export function serve(dir: string): Promise<{ server: Server; url: string }> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    res.end(readFileSync(file));
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.unref();
      resolvePromise({ server, url: `http://127.0.0.1:${port}` });
    });
  });
}
