import { readFileSync } from 'node:fs';
import { createArtSource } from '../core/masthead-art/art-source.js';
import type { ImportNote } from '../core/import/import-notes.js';
import { ImportError } from '../core/import/plain-text.js';
import { importWordIssue, wordToArticles, type WordArticlesResult } from '../core/import/word/word-issue.js';
import { exportDocx } from '../core/render/docx-export.js';
import { createDocxArtCache } from '../core/render/docx-masthead-art.js';
import { presetByName, type LayoutPreset } from '../core/typeset/preset.js';
import { issueFileName } from './issue-export.js';
import type { Library } from './library-types.js';
import { readWordFile, type PicturePreparer } from './word-file.js';

/**
 * Word in, Word out, over the library, for the command line and the app alike: a Word file as a new issue, a
 * Word file as one article (read, or appended to an issue of the library), and an issue as a .docx. Every import
 * returns the report (notes) of what was changed or left out; a file that cannot be read throws ImportError with
 * one Chinese sentence, and then nothing in the library has changed.
 */

export interface WordImportService {
  /** A Word file as a new issue of the library, on the library's publication profile. */
  importIssue(bytes: Uint8Array, name: string, options?: { today?: string; by?: string; publication?: string }): Promise<{ id: string; notes: ImportNote[] }>;
  /** A Word file as articles (one contribution: one), not stored: the editor inserts them into the open issue. */
  readArticles(bytes: Uint8Array, name: string): Promise<WordArticlesResult>;
  /** A Word file appended as the last article(s) of issue `id` (saved, with a backup of the previous version). */
  insertArticles(id: string, bytes: Uint8Array, name: string, options?: { by?: string }): Promise<WordArticlesResult>;
  /**
   * The .docx of issue `id`, with its suggested file name (联络动态2021年第8期（总第631期）.docx); the profile's 刊名
   * picture in its masthead (read as the PDF reads it), or the typeset 刊名 and `onMastheadArtProblem` told why.
   */
  exportDocx(
    id: string,
    options?: { preset?: LayoutPreset; by?: string; target?: string; onMastheadArtProblem?: (reason: string) => void },
  ): Promise<{ bytes: Uint8Array; fileName: string }>;
}

/** Composes the Word service over a library (services/container.ts). */
export function createWordImport(deps: {
  library: Library;
  today?: () => string;
  /** How pictures are re-encoded (the app: the export worker's thread); default in-process (services/word-file.ts). */
  preparePicture?: PicturePreparer;
}): WordImportService {
  const { library } = deps;
  // The 刊名 picture of a profile, read as the typesetter reads it (files from disk, parsed once per content).
  const artSource = createArtSource({ readFile: (path) => readFileSync(path) });
  const artCache = createDocxArtCache();
  const readOptions = deps.preparePicture ? { preparePicture: deps.preparePicture } : {};
  return {
    async importIssue(bytes, name, options = {}) {
      const content = await readWordFile(bytes, name, readOptions);
      const today = options.today ?? deps.today?.();
      // The publication's profile (the first's by default) fills what the Word file lacks; the issue is of it.
      const publication = library.publication(options.publication);
      const result = importWordIssue(content, { base: publication.profile, ...(today ? { today } : {}) });
      const { id, warnings } = library.importDocument(result.document, name, { by: options.by, publication: publication.id });
      return { id, notes: [...result.notes, ...warnings.map((message) => ({ kind: 'info' as const, message }))] };
    },
    async readArticles(bytes, name) {
      return wordToArticles(await readWordFile(bytes, name, readOptions));
    },
    async insertArticles(id, bytes, name, options = {}) {
      const stored = library.read(id);
      const result = wordToArticles(await readWordFile(bytes, name, readOptions));
      const articles = [...stored.document.issue.articles, ...result.articles];
      const document = { ...stored.document, issue: { ...stored.document.issue, articles } };
      const saved = library.save(id, document, stored.revision, { by: options.by });
      if (saved.status !== 'saved') throw new ImportError('期刊已在别处被修改，文章未加入，请重试');
      return result;
    },
    async exportDocx(id, options = {}) {
      const { document } = library.read(id);
      const preset = options.preset ?? presetByName(document.publication.preset);
      const bytes = await exportDocx(document, { preset, artSource, artCache, ...(options.onMastheadArtProblem ? { onMastheadArtProblem: options.onMastheadArtProblem } : {}) });
      const fileName = issueFileName(document, { final: true }).replace(/\.pdf$/u, '.docx');
      library.record(id, { action: 'exported', by: options.by || undefined, detail: `Word：${options.target ?? fileName}` });
      return { bytes, fileName };
    },
  };
}
