import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BulletinDocument } from '../core/model/document.js';
import { parseDocument } from '../core/model/format.js';
import { parseMeta } from './library-meta.js';
import type { IssueMeta } from './library-types.js';
import { assertIssueId } from './library-ids.js';
import { NODE_FS, writeAtomic } from './library-fs.js';

/**
 * The printed versions an issue had before a 修订 (revision), kept whole in the library as
 * `revisions/<id>/<n>/`: `issue.json` (the issue file as it was printed), `meta.json` (its status, signed sign-off
 * record and history), `final.pdf` (the signed final PDF that was distributed) and `register.pdf` (the 分发登记表
 * of that printing, as printed — 份号 and recipients). `open` reads a kept version back, read only.
 */
export interface RevisionArchive {
  /** Keeps a printed version; returns its number (1, 2, …) and its folder. */
  keep(
    id: string,
    files: { readonly issue: string; readonly meta: string; readonly finalPdf?: Uint8Array | undefined; readonly registerPdf?: Uint8Array | undefined },
  ): { number: number; dir: string };
  /** The kept versions of an issue, oldest first. */
  list(id: string): readonly ArchivedVersion[];
  /** The final PDF of kept version `number`, or undefined. */
  finalPdf(id: string, number: number): Buffer | undefined;
  /** The 分发登记表 of kept version `number`, or undefined. */
  registerPdf(id: string, number: number): Buffer | undefined;
  /** Kept version `number` read back (content and record); a clear Chinese error when it is missing or damaged. */
  open(id: string, number: number): OpenedVersion;
}

/** A kept printed version, read back for a read-only view. */
export interface OpenedVersion extends ArchivedVersion {
  readonly document: BulletinDocument;
  readonly meta: IssueMeta;
}

export interface ArchivedVersion {
  readonly number: number;
  readonly dir: string;
  readonly hasFinalPdf: boolean;
  readonly hasRegisterPdf: boolean;
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
  const file = (id: string, number: number, name: string) => {
    const path = join(base(id), String(number), name);
    return exists(path) ? readFileSync(path) : undefined;
  };
  const list = (id: string): ArchivedVersion[] =>
    numbers(id).map((number) => {
      const dir = join(base(id), String(number));
      return { number, dir, hasFinalPdf: exists(join(dir, 'final.pdf')), hasRegisterPdf: exists(join(dir, 'register.pdf')) };
    });
  return {
    keep(id, files) {
      const number = (numbers(id).at(-1) ?? 0) + 1;
      const dir = join(base(id), String(number));
      if (files.finalPdf) writeAtomic(NODE_FS, join(dir, 'final.pdf'), files.finalPdf);
      if (files.registerPdf) writeAtomic(NODE_FS, join(dir, 'register.pdf'), files.registerPdf);
      writeAtomic(NODE_FS, join(dir, 'issue.json'), files.issue);
      writeAtomic(NODE_FS, join(dir, 'meta.json'), files.meta);
      return { number, dir };
    },
    list,
    finalPdf: (id, number) => file(id, number, 'final.pdf'),
    registerPdf: (id, number) => file(id, number, 'register.pdf'),
    open(id, number) {
      const version = list(id).find((v) => v.number === number);
      if (!version) throw new Error(`第 ${number} 版印发稿不在存档中`);
      const issue = file(id, number, 'issue.json');
      const metaText = file(id, number, 'meta.json');
      const parsed = issue ? parseDocument(issue.toString('utf8')) : undefined;
      const meta = metaText ? parseMeta(metaText.toString('utf8'), id) : undefined;
      if (!parsed?.ok) throw new Error(`第 ${number} 版印发稿的内容文件缺失或已损坏，无法打开`);
      if (!meta?.ok) throw new Error(`第 ${number} 版印发稿的签发记录缺失或已损坏，无法打开`);
      return { ...version, document: parsed.document, meta: meta.meta };
    },
  };
}
