import * as nodeFs from 'node:fs';
import { dirname, resolve } from 'node:path';
import { errnoCode } from './disk-errors.js';

/** The file-system function {@link makeDirs} uses (node:fs by default; tests inject faults). */
export type MkdirFs = Pick<typeof nodeFs, 'mkdirSync'>;

/**
 * `mkdir -p` whose failure tells the real reason. Node's recursive mkdir reports a read-only disk as ENOENT
 * (“找不到文件夹” — the opposite of what is wrong); when it does, the missing folders are made one by one with a
 * plain mkdir, whose error is the true one (EROFS, EACCES, ENOSPC…). A folder that exists is fine.
 */
export function makeDirs(dir: string, fs: MkdirFs = nodeFs): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    if (errnoCode(e) !== 'ENOENT') throw e;
    makeOneByOne(resolve(dir), fs);
  }
}

function makeOneByOne(dir: string, fs: MkdirFs): void {
  try {
    fs.mkdirSync(dir);
  } catch (e) {
    const code = errnoCode(e);
    if (code === 'EEXIST') return;
    if (code !== 'ENOENT' || dirname(dir) === dir) throw e;
    makeOneByOne(dirname(dir), fs);
    fs.mkdirSync(dir);
  }
}
