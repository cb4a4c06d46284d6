/**
 * The file dialogs the handlers need, as an interface: the app passes the Electron implementation
 * (electron/dialogs-electron.ts); tests and the end-to-end harness pass their own, returning paths they choose.
 * Every method answers the chosen path, or undefined when the user cancels.
 */
export interface Dialogs {
  /** 打开: an issue file (*.json) or text (*.txt) to import into the library. */
  openIssueFile(): Promise<string | undefined>;
  /** 另存为: where to write an issue file; `defaultName` like 联络动态2021年第8期（总第631期）.json. */
  saveIssueFile(defaultName: string): Promise<string | undefined>;
  /** 导出PDF: where to write the PDF; `defaultName` like 联络动态2021年第8期（总第631期）.pdf. */
  savePdf(defaultName: string): Promise<string | undefined>;
  /** 导出OFD: where to write the OFD; `defaultName` like 联络动态2021年第8期（总第631期）.ofd. */
  saveOfd(defaultName: string): Promise<string | undefined>;
  /** A font file (*.ttf, *.otf, *.ttc) for a role. */
  chooseFontFile(): Promise<string | undefined>;
  /** 期刊设置 › 刊名图: an SVG (preferred), vector PDF or PNG picture of the 刊名. */
  chooseMastheadArt(): Promise<string | undefined>;
  /** 导入 Word 文件 / 插入 Word 文件为文章: a .docx, .doc or .wps file. */
  openWordFile(): Promise<string | undefined>;
  /** 导出 Word: where to write the .docx; `defaultName` like 联络动态2021年第8期（总第631期）.docx. */
  saveDocx(defaultName: string): Promise<string | undefined>;
}

/** File-dialog filters, shared by the Electron implementation and tests. */
export const FILTERS = {
  issue: [
    { name: '简报文件', extensions: ['json'] },
    { name: '文本', extensions: ['txt'] },
  ],
  issueFile: [{ name: '简报文件', extensions: ['json'] }],
  pdf: [{ name: 'PDF', extensions: ['pdf'] }],
  ofd: [{ name: 'OFD 版式文档', extensions: ['ofd'] }],
  font: [{ name: '字体', extensions: ['ttf', 'otf', 'ttc'] }],
  mastheadArt: [{ name: '刊名图（SVG、PDF、PNG）', extensions: ['svg', 'pdf', 'png'] }],
  word: [{ name: 'Word 文档', extensions: ['docx', 'doc', 'wps'] }],
  docx: [{ name: 'Word 文档', extensions: ['docx'] }],
} as const;

/** Dialogs that answer from a script: for tests and the end-to-end harness. */
export interface ScriptedDialogs extends Dialogs {
  /** Queues the next answer of a method (a path, or undefined for 取消); answers are used once, in order. */
  answer(method: keyof Dialogs, path: string | undefined): void;
  /** Every question asked so far, with the default name offered. */
  readonly asked: { readonly method: keyof Dialogs; readonly defaultName?: string }[];
}

/** Dialogs answering from queues; a method with nothing queued answers undefined (as if canceled). */
export function scriptedDialogs(): ScriptedDialogs {
  const queues = new Map<keyof Dialogs, (string | undefined)[]>();
  const asked: ScriptedDialogs['asked'] = [];
  const reply = (method: keyof Dialogs, defaultName?: string) => {
    asked.push(defaultName === undefined ? { method } : { method, defaultName });
    return Promise.resolve(queues.get(method)?.shift());
  };
  return {
    asked,
    answer(method, path) {
      const queue = queues.get(method) ?? [];
      queue.push(path);
      queues.set(method, queue);
    },
    openIssueFile: () => reply('openIssueFile'),
    saveIssueFile: (name) => reply('saveIssueFile', name),
    savePdf: (name) => reply('savePdf', name),
    saveOfd: (name) => reply('saveOfd', name),
    chooseFontFile: () => reply('chooseFontFile'),
    chooseMastheadArt: () => reply('chooseMastheadArt'),
    openWordFile: () => reply('openWordFile'),
    saveDocx: (name) => reply('saveDocx', name),
  };
}
