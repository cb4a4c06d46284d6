import { useCallback, type RefObject } from 'react';
import { importPlainText, type ImportNote } from '../../../core/import/plain-text.js';
import type { Article } from '../../../core/model/issue.js';
import { api } from '../api.js';
import { useNotices } from '../notices.js';
import type { Autosave } from '../issue/useAutosave.js';
import { droppedKind, fileBytes } from './dropped-files.js';
import { useImportReport } from './ImportReport.js';

/**
 * The open issue's Word commands: 插入 Word 文件为文章 (the open dialog, or a dropped .docx/.doc/.wps), a dropped
 * .txt inserted the same way (read by the core's plain-text importer), and 导出 Word… (after saving). Each import
 * shows the 导入报告.
 */
export function useWordCommands(options: {
  id: string;
  autosaveRef: RefObject<Autosave>;
  /** Inserts articles at the end of the issue. */
  insertArticles: (articles: readonly Article[]) => void;
  articleCount: () => number;
}) {
  const { id, autosaveRef, insertArticles, articleCount } = options;
  const notices = useNotices();
  const report = useImportReport();

  const inserted = useCallback(
    (name: string, articles: readonly Article[], notes: readonly ImportNote[]) => {
      const first = articleCount() + 1;
      insertArticles(articles);
      const where = articles.length === 1 ? `第${first}篇文章` : `第${first}—${first + articles.length - 1}篇文章`;
      notices.notify('info', `已将“${name}”插入为${where}`, { timeoutMs: 6000 });
      report.show(`已将“${name}”插入为${where}`, notes);
    },
    [articleCount, insertArticles, notices, report],
  );

  /** 插入 Word 文件为文章: a dropped file, or one chosen in the open dialog. */
  const insertWord = useCallback(
    async (file?: File) => {
      try {
        const request = file ? await fileBytes(file) : {};
        const result = await api.wordReadArticle(request);
        if ('canceled' in result) return;
        inserted(result.name, result.articles, result.notes);
      } catch (e) {
        notices.fail(`插入${file ? `“${file.name}”` : ' Word 文件'}失败`, e);
      }
    },
    [inserted, notices],
  );

  /** A dropped .txt: its articles (read as `bulletin import` reads text) inserted at the end. */
  const insertText = useCallback(
    async (file: File) => {
      try {
        const text = new TextDecoder('utf-8').decode(await file.arrayBuffer());
        const result = importPlainText(text);
        inserted(file.name, result.document.issue.articles, result.notes);
      } catch (e) {
        notices.fail(`插入“${file.name}”失败`, e);
      }
    },
    [inserted, notices],
  );

  /** Files dropped onto the open issue. */
  const dropFiles = useCallback(
    async (files: readonly File[]) => {
      for (const file of files) {
        const kind = droppedKind(file.name);
        if (kind === 'word') await insertWord(file);
        else if (kind === 'text' && /\.txt$/iu.test(file.name)) await insertText(file);
        else notices.notify('warning', `不能插入“${file.name}”：只接受 Word 文件（.docx、.doc、.wps）和文本文件（.txt）`);
      }
    },
    [insertWord, insertText, notices],
  );

  const exportWord = useCallback(async () => {
    try {
      if (!(await autosaveRef.current.flush())) throw new Error('当前内容尚未保存，请稍后再试');
      const result = await api.exportDocx({ id });
      if ('canceled' in result) return;
      notices.notify('info', `已导出 Word 文件：${result.path}`, { timeoutMs: 8000 });
    } catch (e) {
      notices.fail('导出 Word 失败', e);
    }
  }, [id, autosaveRef, notices]);

  return { insertWord, dropFiles, exportWord };
}
