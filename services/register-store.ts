import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { assertIssueId } from './library-ids.js';
import { NODE_FS, writeAtomic } from './library-fs.js';

/**
 * The 分发登记表 of an issue's last distribution print, kept in the library as `registers/<id>.pdf` (written
 * atomically when the print is submitted), so that a 修订 can archive it with the printed version it belongs to.
 */
export interface RegisterStore {
  write(id: string, bytes: Uint8Array): void;
  /** The stored register, or undefined when the issue has none. */
  read(id: string): Buffer | undefined;
  /** Forgets the register (after a 修订 has archived it). */
  remove(id: string): void;
}

export function createRegisterStore(options: { readonly dir: string }): RegisterStore {
  const pathOf = (id: string) => join(options.dir, 'registers', `${assertIssueId(id)}.pdf`);
  return {
    write(id, bytes) {
      writeAtomic(NODE_FS, pathOf(id), bytes);
    },
    read(id) {
      try {
        const path = pathOf(id);
        return statSync(path).isFile() ? readFileSync(path) : undefined;
      } catch {
        return undefined;
      }
    },
    remove(id) {
      rmSync(pathOf(id), { force: true });
    },
  };
}
