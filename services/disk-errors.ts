/**
 * File-system failures in words an office can act on — the one table of them, used by the log, the CLI and the
 * IPC handlers' messages. `diskReason` names the failure (磁盘已满, 没有写入权限, 路径太长…); callers say what
 * was not done and where.
 */

const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: '磁盘空间不足',
  EDQUOT: '超出磁盘配额',
  EROFS: '磁盘是只读的',
  EACCES: '没有权限',
  EPERM: '没有权限',
  ENOENT: '找不到文件或文件夹',
  ENOTDIR: '路径中有一段不是文件夹',
  EISDIR: '这是一个文件夹，不是文件',
  ENAMETOOLONG: '路径或文件名太长',
  EBUSY: '文件正被其他程序使用',
  EMFILE: '打开的文件太多',
  EIO: '磁盘读写错误',
  EEXIST: '文件已存在',
};

/** The error code of a Node error, if any. */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The Chinese reason of a file-system error, or undefined when the error is not one we can name. */
export function diskReason(error: unknown): string | undefined {
  const code = errnoCode(error);
  return code ? REASONS[code] : undefined;
}
