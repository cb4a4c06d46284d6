import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultLibraryDir, userCacheDir, userDataDir } from '../../services/paths.js';

describe('defaultLibraryDir: the app library, where Electron keeps userData for 简报编辑台', () => {
  it('Linux: $XDG_CONFIG_HOME, else ~/.config', () => {
    expect(defaultLibraryDir({ platform: 'linux', home: '/home/li', env: {} })).toBe('/home/li/.config/简报编辑台/library');
    expect(defaultLibraryDir({ platform: 'linux', home: '/home/li', env: { XDG_CONFIG_HOME: '/cfg' } })).toBe(
      '/cfg/简报编辑台/library',
    );
  });

  it('macOS: ~/Library/Application Support', () => {
    expect(userDataDir({ platform: 'darwin', home: '/Users/li', env: {} })).toBe('/Users/li/Library/Application Support/简报编辑台');
  });

  it('Windows: %APPDATA%', () => {
    const env = { APPDATA: 'C:\\Users\\li\\AppData\\Roaming' };
    expect(defaultLibraryDir({ platform: 'win32', home: 'C:\\Users\\li', env })).toBe(
      'C:\\Users\\li\\AppData\\Roaming\\简报编辑台\\library',
    );
    expect(userDataDir({ platform: 'win32', home: 'C:\\Users\\li', env: {} })).toBe('C:\\Users\\li\\AppData\\Roaming\\简报编辑台');
  });

  it('BULLETIN_LIBRARY wins when set', () => {
    expect(defaultLibraryDir({ platform: 'linux', home: '/home/li', env: { BULLETIN_LIBRARY: '/srv/lib' } })).toBe('/srv/lib');
    expect(defaultLibraryDir({ env: { BULLETIN_LIBRARY: 'rel/lib' } })).toBe(path.resolve('rel/lib'));
    expect(defaultLibraryDir({ platform: 'linux', home: '/h', env: { BULLETIN_LIBRARY: '' } })).toBe('/h/.config/简报编辑台/library');
  });
});

describe('userCacheDir: where the listing cache is kept', () => {
  it('follows each platform’s cache folder; BULLETIN_CACHE_DIR wins, and empty turns the cache off', () => {
    expect(userCacheDir({ platform: 'linux', home: '/home/li', env: {} })).toBe('/home/li/.cache/简报编辑台');
    expect(userCacheDir({ platform: 'linux', home: '/home/li', env: { XDG_CACHE_HOME: '/c' } })).toBe('/c/简报编辑台');
    expect(userCacheDir({ platform: 'darwin', home: '/Users/li', env: {} })).toBe('/Users/li/Library/Caches/简报编辑台');
    expect(userCacheDir({ platform: 'win32', home: 'C:\\Users\\li', env: { LOCALAPPDATA: 'D:\\L' } })).toBe('D:\\L\\简报编辑台\\Cache');
    expect(userCacheDir({ platform: 'linux', home: '/h', env: { BULLETIN_CACHE_DIR: '/srv/c' } })).toBe('/srv/c');
    expect(userCacheDir({ platform: 'linux', home: '/h', env: { BULLETIN_CACHE_DIR: '' } })).toBeUndefined();
  });
});
