import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Real disk faults for tests, made with tmpfs mounts (root with CAP_SYS_ADMIN, as the tests run here and in
 * .ci/run): a tiny disk that fills up (ENOSPC) and a read-only one (EROFS, which even root cannot write). When
 * mounting is not allowed, `mountsAvailable()` is false and the tests that need it skip with MOUNT_SKIP.
 */

export interface Mounted {
  readonly dir: string;
  /** Unmounts and removes the mount point. */
  release(): void;
}

export const MOUNT_SKIP = '跳过：需要以 root 身份挂载 tmpfs（mount -t tmpfs）来制造写满或只读的磁盘';

let available: boolean | undefined;

/** Whether tmpfs can be mounted here (tried once). */
export function mountsAvailable(): boolean {
  if (available !== undefined) return available;
  try {
    const probe = mountTmpfs({ sizeKb: 64 });
    probe.release();
    available = true;
  } catch {
    available = false;
  }
  return available;
}

/**
 * A fresh tmpfs of `sizeKb` kilobytes (under a temporary folder whose name may hold Chinese and spaces);
 * `fill` runs on it before it is remounted read-only when `readOnly` is set.
 */
export function mountTmpfs(options: { sizeKb: number; readOnly?: boolean; name?: string; fill?: (dir: string) => void }): Mounted {
  const parent = mkdtempSync(join(tmpdir(), 'mount-'));
  const dir = join(parent, options.name ?? 'disk');
  mkdirSync(dir);
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${options.sizeKb}k,mode=0755`, 'tmpfs', dir], { stdio: 'pipe' });
  const release = () => {
    try {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
    } catch {
      /* already gone */
    }
    rmSync(parent, { recursive: true, force: true });
  };
  try {
    options.fill?.(dir);
    if (options.readOnly) execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'pipe' });
  } catch (e) {
    release();
    throw e;
  }
  return { dir, release };
}
