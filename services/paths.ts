import { homedir } from 'node:os';
import path from 'node:path';

/**
 * Where the app keeps its data. The folders follow Electron's app.getPath('userData') for the product name
 * 简报编辑台, so the command line and the app find the same library without Electron being loaded.
 */

/** The product name: the name of the app's data folder. */
export const PRODUCT_NAME = '简报编辑台';

/** The environment variable that points the app and the command line at another library folder. */
export const LIBRARY_ENV = 'BULLETIN_LIBRARY';

/** What the folders depend on (the running process by default; tests pass their own). */
export interface PathOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly platform?: NodeJS.Platform;
  readonly home?: string;
}

/**
 * Electron's userData folder for 简报编辑台: Linux `${XDG_CONFIG_HOME:-~/.config}/简报编辑台`, macOS
 * `~/Library/Application Support/简报编辑台`, Windows `%APPDATA%\简报编辑台`.
 */
export function userDataDir(options: PathOptions = {}): string {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const home = options.home ?? homedir();
  if (platform === 'win32') {
    return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  const config = env.XDG_CONFIG_HOME || path.posix.join(home, '.config');
  return path.posix.join(config, PRODUCT_NAME);
}

/** The app's library folder: $BULLETIN_LIBRARY when set, else `<userData>/library`. */
export function defaultLibraryDir(options: PathOptions = {}): string {
  const env = options.env ?? process.env;
  const override = env[LIBRARY_ENV];
  if (override) return path.resolve(override);
  const platform = options.platform ?? process.platform;
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  return join(userDataDir(options), 'library');
}

/** The environment variable that points the listing caches elsewhere (tests; an empty value turns them off). */
export const CACHE_ENV = 'BULLETIN_CACHE_DIR';

/**
 * The folder for caches that can always be rebuilt (services/listing-cache.ts): $BULLETIN_CACHE_DIR when set
 * (undefined when set empty: no cache), else Linux `${XDG_CACHE_HOME:-~/.cache}/简报编辑台`, macOS
 * `~/Library/Caches/简报编辑台`, Windows `%LOCALAPPDATA%\\简报编辑台\\Cache`.
 */
export function userCacheDir(options: PathOptions = {}): string | undefined {
  const env = options.env ?? process.env;
  const override = env[CACHE_ENV];
  if (override !== undefined) return override === '' ? undefined : path.resolve(override);
  const platform = options.platform ?? process.platform;
  const home = options.home ?? homedir();
  if (platform === 'win32') {
    return path.win32.join(env.LOCALAPPDATA || path.win32.join(home, 'AppData', 'Local'), PRODUCT_NAME, 'Cache');
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Caches', PRODUCT_NAME);
  return path.posix.join(env.XDG_CACHE_HOME || path.posix.join(home, '.cache'), PRODUCT_NAME);
}

/** The app's log folder, `<userData>/logs` (log-file.ts writes bulletin.log there, rotated). */
export function logDir(options: PathOptions = {}): string {
  const platform = options.platform ?? process.platform;
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  return join(userDataDir(options), 'logs');
}
