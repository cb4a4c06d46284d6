import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { assertIssueId } from './library-ids.js';
import { NODE_FS, writeAtomic } from './library-fs.js';

/**
 * The digitally signed final PDFs (正式版), made once at sign-off — when the signer's PIN opens the key — and
 * kept in the library as `finals/<id>.pdf` (written atomically). `export --final` and printing hand out this
 * very file; the sign-off record names its SHA-256, so a file changed or left from an earlier, voided sign-off
 * is never used (the next sign-off overwrites it).
 */
export interface FinalStore {
  write(id: string, bytes: Uint8Array): void;
  /** The stored bytes, or undefined when there is none. */
  read(id: string): Buffer | undefined;
}

/** Largest final PDF read back (a bulletin is a few hundred kilobytes). */
const MAX_FINAL_BYTES = 200 * 1024 * 1024;

export function createFinalStore(options: { readonly dir: string }): FinalStore {
  const pathOf = (id: string) => join(options.dir, 'finals', `${assertIssueId(id)}.pdf`);
  return {
    write(id, bytes) {
      writeAtomic(NODE_FS, pathOf(id), bytes);
    },
    read(id) {
      const path = pathOf(id);
      try {
        const stat = statSync(path);
        if (!stat.isFile() || stat.size > MAX_FINAL_BYTES) return undefined;
        return readFileSync(path);
      } catch {
        return undefined;
      }
    },
  };
}
