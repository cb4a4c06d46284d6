import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { assertIssueId } from './library-ids.js';
import { NODE_FS, writeAtomic } from './library-fs.js';

/**
 * The printed versions an issue had before a 修订 (revision), kept whole in the library as
 * `revisions/<id>/<n>/`: `issue.json` (the issue file as it was printed), `meta.json` (its status, signed sign-off
 * record and history) and `final.pdf` (the signed final PDF that was distributed). The 分发登记表 is drawn from
 * the archived issue's 送 list, so the register of that printing can be made again from `issue.json`.
 */
export interface RevisionArchive {
  /** Keeps a printed version; returns its number (1, 2, …) and its folder. */
  keep(id: string, files: { readonly issue: string; readonly meta: string; readonly finalPdf?: Uint8Array }): { number: number; dir: string };
  /** The kept versions of an issue, oldest first. */
  list(id: string): readonly ArchivedVersion[];
  /** The final PDF of kept version `number`, or undefined. */
  finalPdf(id: string, number: number): Buffer | undefined;
}

export interface ArchivedVersion {
  readonly number: number;
  readonly dir: string;
  readonly hasFinalPdf: boolean;
}

export function createRevisionArchive(options: { readonly dir: string }): RevisionArchive {
  const base = (id: string) => join(options.dir, 'revisions', assertIssueId(id));
  const numbers = (id: string): number[] => {
    try {
      return readdirSync(base(id))
        .filter((n) => /^\d+$/.test(n))
        .map(Number)
        .sort((a, b) => a - b);
    } catch {
      return [];
    }
  };
  const exists = (path: string) => {
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  };
  return {
    keep(id, files) {
      const number = (numbers(id).at(-1) ?? 0) + 1;
      const dir = join(base(id), String(number));
      if (files.finalPdf) writeAtomic(NODE_FS, join(dir, 'final.pdf'), files.finalPdf);
      writeAtomic(NODE_FS, join(dir, 'issue.json'), files.issue);
      writeAtomic(NODE_FS, join(dir, 'meta.json'), files.meta);
      return { number, dir };
    },
    list(id) {
      return numbers(id).map((number) => {
        const dir = join(base(id), String(number));
        return { number, dir, hasFinalPdf: exists(join(dir, 'final.pdf')) };
      });
    },
    finalPdf(id, number) {
      const path = join(base(id), String(number), 'final.pdf');
      return exists(path) ? readFileSync(path) : undefined;
    },
  };
}
