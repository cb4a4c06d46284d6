import { readFileSync, statSync } from 'node:fs';
import { InputError, MAX_INPUT_BYTES } from '../core/io/read-input.js';

/**
 * The bytes of a file the user names on the command line, with one clear Chinese line for what is wrong:
 * missing, a folder, too large (checked before reading), unreadable.
 */
export function readInputFile(file: string): Uint8Array {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError(`这是一个文件夹，不是文件：${file}`);
    // A device or a pipe (/dev/zero, a FIFO) would be read forever.
    if (!st.isFile()) throw new InputError(`这不是普通文件（设备或管道），无法读取：${file}`);
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`找不到文件：${file}`);
  }
  if (size > MAX_INPUT_BYTES) throw new InputError(`文件过大（${(size / 1048576).toFixed(1)} MB），不像是简报文件：${file}`);
  try {
    return readFileSync(file);
  } catch {
    throw new InputError(`无法读取文件：${file}`);
  }
}
