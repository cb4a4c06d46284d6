import { join } from 'node:path';
import { app, dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { FILTERS, type Dialogs } from '../services/dialogs.js';

/** The file dialogs of the app, modal to the window `parent()` returns (when there is one). */
export function createElectronDialogs(parent: () => BrowserWindow | undefined): Dialogs {
  const open = async (options: OpenDialogOptions): Promise<string | undefined> => {
    const win = parent();
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? undefined : result.filePaths[0];
  };
  const save = async (options: SaveDialogOptions): Promise<string | undefined> => {
    const win = parent();
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? undefined : result.filePath;
  };
  const documents = (name: string) => join(app.getPath('documents'), name);
  return {
    openIssueFile: () =>
      open({ title: '打开简报', properties: ['openFile'], filters: [...FILTERS.issue.map((f) => ({ ...f, extensions: [...f.extensions] }))] }),
    saveIssueFile: (defaultName) =>
      save({
        title: '另存为',
        defaultPath: documents(defaultName),
        filters: FILTERS.issueFile.map((f) => ({ ...f, extensions: [...f.extensions] })),
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      }),
    savePdf: (defaultName) =>
      save({
        title: '导出PDF',
        defaultPath: documents(defaultName),
        filters: FILTERS.pdf.map((f) => ({ ...f, extensions: [...f.extensions] })),
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      }),
    saveOfd: (defaultName) =>
      save({
        title: '导出OFD',
        defaultPath: documents(defaultName),
        filters: FILTERS.ofd.map((f) => ({ ...f, extensions: [...f.extensions] })),
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      }),
    chooseFontFile: () =>
      open({ title: '选择字体文件', properties: ['openFile'], filters: FILTERS.font.map((f) => ({ ...f, extensions: [...f.extensions] })) }),
    chooseMastheadArt: () =>
      open({ title: '选择刊名图', properties: ['openFile'], filters: FILTERS.mastheadArt.map((f) => ({ ...f, extensions: [...f.extensions] })) }),
    openWordFile: () =>
      open({ title: '选择 Word 文件', properties: ['openFile'], filters: FILTERS.word.map((f) => ({ ...f, extensions: [...f.extensions] })) }),
    saveDocx: (defaultName) =>
      save({
        title: '导出 Word',
        defaultPath: documents(defaultName),
        filters: FILTERS.docx.map((f) => ({ ...f, extensions: [...f.extensions] })),
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      }),
  };
}
