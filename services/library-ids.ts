import { randomBytes } from 'node:crypto';
import { quote } from '../core/model/validate.js';
import { LibraryError } from './library-fs.js';

/**
 * Identifiers of the library: issue ids (`2021-008-k3x9`: year, 期号, four random base-36 characters) and
 * backup ids (the time stamp of the backup). Every id that comes from outside is checked against its
 * pattern before it becomes part of a path, so a crafted id can never reach outside the library folder.
 */

/** The shape of an issue id. */
export const ISSUE_ID_PATTERN = /^[0-9]{4}-[0-9]{3}-[a-z0-9]{4}$/;

/** The shape of a backup id: a file time stamp, with "-N" when several were made in the same millisecond. */
export const BACKUP_ID_PATTERN = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}-[0-9]{2}-[0-9]{2}-[0-9]{3}Z(?:-[0-9]{1,4})?$/;

/** Whether a value is a well-formed issue id. */
export function isIssueId(value: unknown): value is string {
  return typeof value === 'string' && ISSUE_ID_PATTERN.test(value);
}

/** Throws "无效的期刊编号" unless `value` is a well-formed issue id. */
export function assertIssueId(value: unknown): string {
  if (isIssueId(value)) return value;
  throw new LibraryError(`无效的期刊编号：${describe(value)}`);
}

/** Throws "无效的备份编号" unless `value` is a well-formed backup id. */
export function assertBackupId(value: unknown): string {
  if (typeof value === 'string' && BACKUP_ID_PATTERN.test(value)) return value;
  throw new LibraryError(`无效的备份编号：${describe(value)}`);
}

function describe(value: unknown): string {
  return typeof value === 'string' ? quote(value, 40) : typeof value;
}

/** Four random base-36 characters. */
export function randomSuffix(): string {
  const bytes = randomBytes(4);
  return [...bytes].map((b) => (b % 36).toString(36)).join('');
}

/**
 * A new issue id for a year and 期号 that `taken` does not know. Numbers above 999 are kept to three
 * digits in the id (the id only needs to be unique; the numbers themselves live in the issue file).
 */
export function newIssueId(year: number, number: number, taken: (id: string) => boolean): string {
  const y = String(Math.min(Math.max(year, 0), 9999)).padStart(4, '0');
  const n = String(Math.min(Math.max(number, 0), 999)).padStart(3, '0');
  for (;;) {
    const id = `${y}-${n}-${randomSuffix()}`;
    if (!taken(id)) return id;
  }
}
