import { loadEmbeddedArt, loadMastheadArt, type LoadResult } from './load.js';
import type { MastheadArtSpec } from './spec.js';

/**
 * Where the typesetter gets a profile's 刊名 picture from: an embedded picture is decoded here; a file is read
 * through `readFile` (services supply it: core reads no files). Results are kept by the bytes' digest, so a
 * preview that typesets on every keystroke parses the picture once.
 */
export interface MastheadArtSource {
  load(spec: MastheadArtSpec): LoadResult;
}

export interface ArtSourceOptions {
  /** Reads a file's bytes; throws when it cannot (the message is shown). Absent: file pictures are refused. */
  readonly readFile?: (path: string) => Uint8Array;
}

/** FNV-1a over the bytes, with the length: a cache key, not a security digest. */
function digest(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return `${bytes.length}:${(h >>> 0).toString(36)}`;
}

export function createArtSource(opts: ArtSourceOptions = {}): MastheadArtSource {
  const cache = new Map<string, LoadResult>();
  const remember = (key: string, load: () => LoadResult): LoadResult => {
    let hit = cache.get(key);
    if (!hit) {
      if (cache.size > 16) cache.delete(cache.keys().next().value!);
      hit = load();
      cache.set(key, hit);
    }
    return hit;
  };
  return {
    load(spec) {
      if (spec.kind === 'embedded') return remember(`e:${spec.mime}:${spec.data.length}:${spec.data.slice(0, 64)}:${spec.data.slice(-64)}`, () => loadEmbeddedArt(spec));
      if (!opts.readFile) return { ok: false, reason: `无法读取刊名图文件 ${spec.path}` };
      let bytes: Uint8Array;
      try {
        bytes = opts.readFile(spec.path);
      } catch (error) {
        return { ok: false, reason: `无法读取刊名图文件 ${spec.path}：${error instanceof Error ? error.message : String(error)}` };
      }
      return remember(`f:${digest(bytes)}`, () => loadMastheadArt(bytes, { name: spec.path }));
    },
  };
}
