import { useCallback, useEffect, useRef, useState } from 'react';
import type { MenuCommand } from '../../electron/ipc/contract.js';
import { api } from './api.js';
import { IssueScreen, type IssueScreenHandle } from './issue/IssueScreen.js';
import type { Publication } from '../../core/model/publication.js';
import { LibraryView } from './library/LibraryView.js';
import { NewIssueDialog, rememberPublication } from './library/NewIssueDialog.js';
import { NoticeProvider, useNotices } from './notices.js';
import { SettingsView } from './settings/SettingsView.js';
import { carriesFiles, droppedKind, fileBytes } from './word/dropped-files.js';
import { ImportReportProvider, useImportReport } from './word/ImportReport.js';

type View = { kind: 'library' } | { kind: 'issue'; id: string } | { kind: 'settings'; back: { kind: 'library' } | { kind: 'issue'; id: string } };

export function App() {
  return (
    <NoticeProvider>
      <ImportReportProvider>
        <Shell />
      </ImportReportProvider>
    </NoticeProvider>
  );
}

/** Shortcuts the page handles itself (the Electron menu has the same accelerators). */
function shortcut(e: KeyboardEvent): MenuCommand | undefined {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return undefined;
  const key = e.key.toLowerCase();
  if (e.shiftKey) return key === 's' ? 'saveAs' : undefined;
  switch (key) {
    case 'n':
      return 'new';
    case 'o':
      return 'open';
    case 's':
      return 'save';
    case 'e':
      return 'exportPdf';
    case 'p':
      return 'print';
    case 'f':
      return 'find';
    case 'h':
      return 'replace';
    case ',':
      return 'settings';
    default:
      return undefined;
  }
}

function Shell() {
  const notices = useNotices();
  const report = useImportReport();
  const [view, setView] = useState<View>(() => initialView());
  const issueRef = useRef<IssueScreenHandle>(null);
  const viewRef = useRef(view);
  viewRef.current = view;
  /** 新建 in a library of several publications: which one (NewIssueDialog), while it is asked. */
  const [choosing, setChoosing] = useState<readonly Publication[] | null>(null);
  /** Files dropped on the library (or 导入 Word 文件…: no files) while it lists all of several publications: where to. */
  const [importChoice, setImportChoice] = useState<{ publications: readonly Publication[]; files: readonly File[] | null } | null>(null);
  /** The publication the library lists (its id), '' for all; dropped files go into it. */
  const [libraryPublication, setLibraryPublication] = useState('');
  const libraryPublicationRef = useRef(libraryPublication);
  libraryPublicationRef.current = libraryPublication;

  // The open issue survives a page reload (the Electron window's reload, the tests' reload).
  useEffect(() => {
    const hash = view.kind === 'issue' ? `#issue=${encodeURIComponent(view.id)}` : view.kind === 'settings' ? '#settings' : '';
    if (location.hash !== hash) history.replaceState(null, '', hash || location.pathname + location.search);
  }, [view]);

  /** Leaves the open issue only after its typing is saved (or the user was told why not). */
  const leaveIssue = useCallback(async (): Promise<boolean> => {
    if (viewRef.current.kind !== 'issue' || !issueRef.current) return true;
    const saved = await issueRef.current.flush();
    if (!saved) notices.notify('warning', '本期内容尚未保存成功；已保留在恢复记录中，再次打开时可恢复。');
    return true;
  }, [notices]);

  const open = useCallback(
    async (id: string) => {
      await leaveIssue();
      setView({ kind: 'issue', id });
    },
    [leaveIssue],
  );

  /** 新建: asks which publication first when the library has several (NewIssueDialog). */
  const create = useCallback(async (publication?: string) => {
    await leaveIssue();
    try {
      if (publication === undefined) {
        const { publications = [] } = await api.profileGet({});
        if (publications.length > 1) {
          setChoosing(publications);
          return;
        }
      } else {
        setChoosing(null);
        rememberPublication(publication);
      }
      const created = await api.libraryCreate(publication === undefined ? {} : { publication });
      for (const w of created.warnings) notices.notify('warning', w);
      setView({ kind: 'issue', id: created.id });
    } catch (e) {
      notices.fail('新建失败', e);
    }
  }, [leaveIssue, notices]);

  const openFile = useCallback(async () => {
    try {
      const result = await api.libraryOpenFile({});
      if ('canceled' in result) return;
      for (const n of result.notes) notices.notify('info', n, { timeoutMs: 8000 });
      await open(result.id);
    } catch (e) {
      notices.fail('打开失败', e);
    }
  }, [notices, open]);

  /**
   * 导入 Word 文件…: a dropped Word file, or one chosen in the open dialog, as a new issue of `publication` (its id;
   * the library's first when absent); then the 导入报告.
   */
  const importWord = useCallback(
    async (file?: File, publication?: string) => {
      try {
        const result = await api.wordImportIssue({ ...(file ? await fileBytes(file) : {}), ...(publication ? { publication } : {}) });
        if ('canceled' in result) return;
        report.show(`已导入${file ? `“${file.name}”` : ' Word 文件'}为新的一期`, result.notes);
        await open(result.id);
      } catch (e) {
        notices.fail(`导入${file ? `“${file.name}”` : ' Word 文件'}失败`, e);
      }
    },
    [notices, open, report],
  );

  /** A text or issue file dropped onto the library: imported as a new issue, as 导入文本… does. */
  const importText = useCallback(
    async (file: File, publication?: string) => {
      try {
        const result = await api.libraryImportText({ ...(await fileBytes(file)), ...(publication ? { publication } : {}) });
        report.show(`已导入“${file.name}”`, result.notes.map((message) => ({ kind: 'info' as const, message })));
        await open(result.id);
      } catch (e) {
        notices.fail(`导入“${file.name}”失败`, e);
      }
    },
    [notices, open, report],
  );

  /** Word and text files as new issues of `publication` (its id; the first when absent), one after another. */
  const importFiles = useCallback(
    async (files: readonly File[], publication?: string) => {
      for (const file of files) {
        if (droppedKind(file.name) === 'word') await importWord(file, publication);
        else await importText(file, publication);
      }
    },
    [importWord, importText],
  );

  /**
   * Where new issues from files go: the publication the library lists; with all listed, the only one, or — in a
   * library of several — the user is asked (the NewIssueDialog, as 新建 asks) and `null` returned.
   */
  const importTarget = useCallback(
    async (files: readonly File[] | null): Promise<string | undefined | null> => {
      const listed = libraryPublicationRef.current;
      if (listed) return listed;
      const { publications = [] } = await api.profileGet({});
      if (publications.length <= 1) return undefined;
      setImportChoice({ publications, files });
      return null;
    },
    [],
  );

  /** Files dropped onto the window: into the open issue as articles, or into the library as new issues. */
  const dropFiles = useCallback(
    async (files: readonly File[]) => {
      if (viewRef.current.kind === 'issue' && issueRef.current) {
        await issueRef.current.dropFiles(files);
        return;
      }
      const wanted = files.filter((file) => {
        if (droppedKind(file.name) !== 'other') return true;
        notices.notify('warning', `不能导入“${file.name}”：只接受 Word 文件（.docx、.doc、.wps）、文本文件（.txt）和简报文件（.json）`);
        return false;
      });
      if (!wanted.length) return;
      try {
        const target = await importTarget(wanted);
        if (target !== null) await importFiles(wanted, target);
      } catch (e) {
        notices.fail('导入失败', e);
      }
    },
    [importFiles, importTarget, notices],
  );

  /** 导入 Word 文件… from the menu or the library's button: into the listed publication, or the one chosen. */
  const importWordChosen = useCallback(async () => {
    try {
      const target = await importTarget(null);
      if (target !== null) await importWord(undefined, target);
    } catch (e) {
      notices.fail('导入 Word 文件失败', e);
    }
  }, [importTarget, importWord, notices]);

  const command = useCallback(
    (cmd: MenuCommand) => {
      switch (cmd) {
        case 'new':
          void create();
          return;
        case 'importWord':
          void leaveIssue().then(() => importWordChosen());
          return;
        case 'open':
          void openFile();
          return;
        case 'library':
          void leaveIssue().then(() => setView({ kind: 'library' }));
          return;
        case 'settings': {
          const current = viewRef.current;
          if (current.kind === 'settings') return;
          void leaveIssue().then(() => setView({ kind: 'settings', back: current }));
          return;
        }
        case 'openLogFolder':
          void api.appOpenLogFolder({}).catch((e: unknown) => notices.fail('无法打开日志文件夹', e));
          return;
        case 'undo':
        case 'redo':
          // From the menu (on macOS the menu sees Ctrl/Cmd+Z first): a text field undoes its own typing.
          if (isTextField(document.activeElement)) {
            document.execCommand(cmd);
            return;
          }
          issueRef.current?.command(cmd);
          return;
        default:
          if (viewRef.current.kind === 'issue' && issueRef.current) issueRef.current.command(cmd);
          else if (cmd === 'save' || cmd === 'find' || cmd === 'replace') return;
          else notices.notify('info', '请先打开一期简报');
      }
    },
    [create, openFile, leaveIssue, notices, importWordChosen],
  );

  useEffect(() => api.on('menu:command', (cmd) => command(cmd)), [command]);

  // Closing the window or quitting: write unsaved work, then tell the main process.
  useEffect(
    () =>
      api.on('app:flush', () => {
        const done = issueRef.current ? issueRef.current.flushForQuit() : Promise.resolve();
        void done.finally(() => api.appFlushed({}).catch(() => undefined));
      }),
    [],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const cmd = shortcut(e);
      if (!cmd) return;
      e.preventDefault();
      command(cmd);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [command]);

  return (
    <div
      className="app"
      onDragOver={(e) => {
        if (!carriesFiles([...e.dataTransfer.types])) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDrop={(e) => {
        // A picture dropped into an article body was taken by the editor (renderer/editor/plugins/picture-insert.ts).
        if (e.defaultPrevented || !carriesFiles([...e.dataTransfer.types])) return;
        e.preventDefault();
        e.stopPropagation();
        void dropFiles([...e.dataTransfer.files]);
      }}
    >
      {view.kind === 'library' && (
        <LibraryView
          onOpen={(id) => void open(id)}
          onCreate={() => void create()}
          onOpenFile={() => void openFile()}
          onImported={(id, notes) => {
            if (notes.length) notices.notify('info', `导入时作了以下处理：${notes.join('；')}`, { timeoutMs: 10_000 });
            void open(id);
          }}
          onImportWord={() => void importWordChosen()}
          onSettings={() => setView({ kind: 'settings', back: { kind: 'library' } })}
          publication={libraryPublication}
          onPublicationChange={setLibraryPublication}
        />
      )}
      {view.kind === 'issue' && (
        <IssueScreen
          key={view.id}
          ref={issueRef}
          id={view.id}
          onLibrary={() => void leaveIssue().then(() => setView({ kind: 'library' }))}
          onSettings={() => void leaveIssue().then(() => setView({ kind: 'settings', back: { kind: 'issue', id: view.id } }))}
          onMissing={() => setView({ kind: 'library' })}
        />
      )}
      {view.kind === 'settings' && (
        <SettingsView onClose={() => setView(view.back)} onPublicationRemoved={(id) => setLibraryPublication((shown) => (shown === id ? '' : shown))} />
      )}
      {choosing && <NewIssueDialog publications={choosing} onCreate={(id) => void create(id)} onClose={() => setChoosing(null)} />}
      {importChoice && (
        <NewIssueDialog
          publications={importChoice.publications}
          importing={importChoice.files?.map((f) => f.name) ?? []}
          onCreate={(id) => {
            const { files } = importChoice;
            setImportChoice(null);
            rememberPublication(id);
            void (files ? importFiles(files, id) : importWord(undefined, id));
          }}
          onClose={() => setImportChoice(null)}
        />
      )}
    </div>
  );
}

function isTextField(el: Element | null): boolean {
  return el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'file'].includes(el.type));
}

function initialView(): View {
  const m = /^#issue=(.+)$/.exec(location.hash);
  if (m) return { kind: 'issue', id: decodeURIComponent(m[1]!) };
  if (location.hash === '#settings') return { kind: 'settings', back: { kind: 'library' } };
  return { kind: 'library' };
}
