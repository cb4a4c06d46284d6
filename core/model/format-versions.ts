import { isPlainObject } from './validate.js';

/**
 * The versions of the issue file format and the upgrades between them. A file of version N is upgraded step by
 * step (N → N + 1 → … → {@link CURRENT_VERSION}) before it is checked against the current schema
 * (./format-schema.ts). To change the format: raise CURRENT_VERSION, add the upgrade from the previous version
 * to {@link MIGRATIONS}, and change the schema; files of every older version keep opening.
 */

/** The value of the `format` field of every issue file. */
export const FORMAT_ID = 'bulletin-issue';

/** The version this program writes, and the newest it reads. */
export const CURRENT_VERSION = 1;

/**
 * Upgrades the raw content of a file of version N to version N + 1. It receives the parsed JSON (already
 * known to be an object with the right `format`) and returns the upgraded content; it must not modify its
 * argument. The `version` field of the result is set to N + 1 by the caller.
 */
export type Migration = (raw: unknown) => unknown;

/** The upgrades from version N (the key) to N + 1. Empty while version 1 is the only version. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = Object.freeze({});

/** Applies the upgrades from `version` to the current version, in order. */
export function migrate(
  raw: Record<string, unknown>,
  version: number,
  migrations: Readonly<Record<number, Migration>>,
): { ok: true; raw: unknown } | { ok: false; reason: string; path: string } {
  let current: unknown = raw;
  for (let v = version; v < CURRENT_VERSION; v++) {
    const step = Object.hasOwn(migrations, v) ? migrations[v] : undefined;
    if (!step) {
      const reason = `文件版本 ${version} 过旧，本程序无法读取（不能从版本 ${v} 升级到 ${v + 1}）`;
      return { ok: false, path: 'version', reason };
    }
    try {
      current = step(current);
    } catch (error) {
      const reason = `从版本 ${v} 升级到 ${v + 1} 时出错：${error instanceof Error ? error.message : String(error)}`;
      return { ok: false, path: '', reason };
    }
    if (isPlainObject(current)) current = { ...current, version: v + 1 };
  }
  return { ok: true, raw: current };
}
