import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useMemo,
  useReducer,
  useRef,
  useState,
  type Ref,
} from 'react';
import type { EditorView } from 'prosemirror-view';
import type { Problem } from '../../../core/check/problem.js';
import type { BulletinDocument } from '../../../core/model/document.js';
import type { Inline } from '../../../core/model/inline.js';
import type { Block } from '../../../core/model/issue.js';
import type { PublicationProfile } from '../../../core/model/profile.js';
import type { MenuCommand } from '../../../electron/ipc/contract.js';
import type { BackupInfo, IssueMeta, IssueSummary, StoredIssue } from '../../../electron/services/library-types.js';
import { STATUS_NAMES } from '../../../electron/services/library-types.js';
import { api } from '../api.js';
import { ApprovalPanel, isSignedOff } from '../approval/ApprovalPanel.js';
import { PrintDialog } from '../approval/PrintDialog.js';
import { CheckPanel } from '../check/CheckPanel.js';
import { DateInput } from '../common/DateInput.js';
import { DistributionEditor, NameListEditor } from '../common/ListEditors.js';
import {
  STATUS_CLASS,
  chineseDateTime,
  dateTime,
  emptyArticle,
  insertArticle,
  issueName,
  moveArticle,
  moveItem,
  numberingWarnings,
  patchArticle,
  patchIssue,
  plainText,
  problemPlace,
  removeArticle,
  setArticleBody,
  setDistribution,
  setEditorNote,
  setPublication,
} from '../doc.js';
import { useNotices } from '../notices.js';
import { PreviewPane } from '../preview/PreviewPane.js';
import { Dialog, Field, NumberInput } from '../ui.js';
import { BackupsDialog } from './BackupsDialog.js';
import { FindBar } from './FindBar.js';
import { FormatBar } from './FormatBar.js';
import { RichText, slotId, type EditorSlot } from './RichText.js';
import { runAction, scrollToBlockIn, type FormatAction, type FormatInfo } from './richtext.js';
import { useAutosave, type SaveState } from './useAutosave.js';

export interface IssueScreenHandle {
  /** A menu command or shortcut meant for the open issue. */
  command(cmd: MenuCommand): void;
  /** Saves what is typed; true when all of it is saved. */
  flush(): Promise<boolean>;
  /** Before the window closes: save, or at least write the journal. */
  flushForQuit(): Promise<void>;
}

interface Journal {
  readonly document: BulletinDocument;
  readonly savedAt?: string;
}

/** Opens an issue: reads it, looks for a newer journal (unsaved typing from a crash), then shows the editor. */
export function IssueScreen(props: {
  id: string;
  ref?: Ref<IssueScreenHandle>;
  onLibrary: () => void;
  onSettings: () => void;
  onMissing: () => void;
}) {
  const { id, onMissing } = props;
  const notices = useNotices();
  const [stored, setStored] = useState<StoredIssue | null>(null);
  const [journal, setJournal] = useState<Journal | null>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const s = await api.libraryRead({ id });
        if (!live) return;
        try {
          const j = await api.journalRead({ id });
          if (live && j.document && isNewer(j.savedAt, s.meta.updatedAt) && !sameContent(j.document, s.document)) {
            setJournal({ document: j.document, ...(j.savedAt ? { savedAt: j.savedAt } : {}) });
          }
        } catch {
          /* no journal to offer */
        }
        if (live) setStored(s);
      } catch (e) {
        if (!live) return;
        notices.fail('打开失败', e);
        onMissing();
      }
    })();
    return () => {
      live = false;
    };
  }, [id, notices, onMissing]);

  if (!stored) return <div className="issue-loading">正在打开…</div>;
  return (
    <IssueEditor
      id={id}
      stored={stored}
      journal={journal}
      onJournalDone={() => setJournal(null)}
      ref={props.ref}
      onLibrary={props.onLibrary}
      onSettings={props.onSettings}
    />
  );
}

function isNewer(savedAt: string | undefined, updatedAt: string): boolean {
  if (!savedAt) return true;
  return Date.parse(savedAt) > Date.parse(updatedAt);
}

function sameContent(a: BulletinDocument, b: BulletinDocument): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// ---------------------------------------------------------------------------------------------------------
// The document being edited, with a stable key per article (for React and for the article's editor)

interface Model {
  readonly doc: BulletinDocument;
  readonly keys: readonly string[];
  /** Bumped when the document is replaced as a whole: every editor is mounted afresh. */
  readonly generation: number;
}

type Action =
  | { type: 'edit'; change: (doc: BulletinDocument) => BulletinDocument }
  | { type: 'body'; key: string; blocks: readonly Block[] }
  | { type: 'addArticle'; at: number }
  | { type: 'removeArticle'; index: number }
  | { type: 'moveArticle'; from: number; to: number }
  | { type: 'replace'; doc: BulletinDocument };

let keySeq = 0;
const newKey = () => `a${++keySeq}`;

function initModel(doc: BulletinDocument): Model {
  return { doc, keys: doc.issue.articles.map(newKey), generation: 0 };
}

function reducer(model: Model, action: Action): Model {
  switch (action.type) {
    case 'edit': {
      const doc = action.change(model.doc);
      return doc === model.doc ? model : { ...model, doc };
    }
    case 'body': {
      const index = model.keys.indexOf(action.key);
      if (index < 0) return model;
      return { ...model, doc: setArticleBody(model.doc, index, action.blocks) };
    }
    case 'addArticle': {
      const keys = [...model.keys];
      keys.splice(action.at, 0, newKey());
      return { ...model, keys, doc: insertArticle(model.doc, action.at, emptyArticle()) };
    }
    case 'removeArticle':
      if (model.keys.length <= 1) return model;
      return {
        ...model,
        keys: model.keys.filter((_, i) => i !== action.index),
        doc: removeArticle(model.doc, action.index),
      };
    case 'moveArticle':
      if (action.to < 0 || action.to >= model.keys.length) return model;
      return {
        ...model,
        keys: moveItem(model.keys, action.from, action.to),
        doc: moveArticle(model.doc, action.from, action.to),
      };
    case 'replace':
      return { doc: action.doc, keys: action.doc.issue.articles.map(newKey), generation: model.generation + 1 };
  }
}

type Tab = 'preview' | 'check' | 'approval';


function IssueEditor(props: {
  id: string;
  stored: StoredIssue;
  journal: Journal | null;
  onJournalDone: () => void;
  ref?: Ref<IssueScreenHandle>;
  onLibrary: () => void;
  onSettings: () => void;
}) {
  const { id, stored, journal } = props;
  const notices = useNotices();
  const [model, dispatch] = useReducer(reducer, stored.document, initModel);
  const { doc, keys, generation } = model;
  const [meta, setMeta] = useState<IssueMeta>(stored.meta);
  const metaRef = useRef(meta);
  metaRef.current = meta;
  const [conflict, setConflict] = useState(false);
  const [tab, setTab] = useState<Tab>('preview');
  const [findOpen, setFindOpen] = useState(false);
  const [findFocus, setFindFocus] = useState(0);
  const [printing, setPrinting] = useState(false);
  const [backupsOpen, setBackupsOpen] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState<number | null>(null);
  const [summaries, setSummaries] = useState<readonly IssueSummary[]>([]);
  const [profile, setProfile] = useState<PublicationProfile | null>(null);
  const [checkCount, setCheckCount] = useState<{ errors: number; warnings: number } | null>(null);
  const views = useRef(new Map<string, EditorView>());
  const activeRef = useRef<string | null>(null);
  const docRef = useRef(doc);
  docRef.current = doc;
  const keysRef = useRef(keys);
  keysRef.current = keys;

  const autosave = useAutosave({
    id,
    doc,
    initialRevision: stored.revision,
    onSaved: (next) => {
      const before = metaRef.current;
      if (isSignedOff(before) && !isSignedOff(next)) {
        notices.notify('warning', '内容已修改，原签发已作废：须重新送审签发。', { timeoutMs: 15_000 });
      }
      setMeta(next);
    },
    onConflict: () => setConflict(true),
  });
  const autosaveRef = useRef(autosave);
  autosaveRef.current = autosave;

  // A failed save is also said in the notice bar (once per reason); the indicator keeps saying 未保存（…）.
  const lastFailure = useRef<string | undefined>(undefined);
  const failureNotice = useRef<number | null>(null);
  useEffect(() => {
    const reason = autosave.state.kind === 'unsaved' ? autosave.state.reason : undefined;
    if (reason && reason !== lastFailure.current) {
      if (failureNotice.current !== null) notices.dismiss(failureNotice.current);
      failureNotice.current = notices.notify('error', `保存失败：${reason}。输入的内容都还在，程序会自动重试。`);
    }
    if (autosave.state.kind !== 'saving') lastFailure.current = reason;
    if (autosave.state.kind === 'saved' && failureNotice.current !== null) {
      notices.dismiss(failureNotice.current);
      failureNotice.current = null;
    }
  }, [autosave.state, notices]);

  useEffect(() => {
    api
      .libraryList({})
      .then((l) => setSummaries(l.issues))
      .catch(() => undefined);
    api
      .profileGet({})
      .then((r) => setProfile(r.profile))
      .catch(() => undefined);
  }, []);

  const warnings = useMemo(() => numberingWarnings(id, doc.issue, summaries), [id, doc.issue, summaries]);

  // ---------------------------------------------------------------------------------------------------
  // Editors

  const onRichChange = useCallback((slot: EditorSlot, value: readonly Block[] | readonly (readonly Inline[])[]) => {
    if (slot.kind === 'note') {
      const paragraphs = value as readonly (readonly Inline[])[];
      dispatch({ type: 'edit', change: (d) => setEditorNote(d, paragraphs) });
    } else {
      dispatch({ type: 'body', key: slot.key, blocks: value as readonly Block[] });
    }
  }, []);

  const onView = useCallback((slot: EditorSlot, view: EditorView | null) => {
    if (view) views.current.set(slotId(slot), view);
    else views.current.delete(slotId(slot));
  }, []);

  const onFocus = useCallback((slot: EditorSlot) => {
    activeRef.current = slotId(slot);
  }, []);

  // The format bar follows the selection of the editor in use, without re-rendering the whole screen.
  const formatListeners = useRef(new Set<(info: FormatInfo | null) => void>());
  const subscribeFormat = useCallback((listener: (info: FormatInfo | null) => void) => {
    formatListeners.current.add(listener);
    return () => {
      formatListeners.current.delete(listener);
    };
  }, []);
  const onFormat = useCallback((slot: EditorSlot, info: FormatInfo) => {
    if (activeRef.current !== slotId(slot)) return;
    for (const listener of formatListeners.current) listener(info);
  }, []);

  const activeView = useCallback((): EditorView | undefined => {
    const key = activeRef.current;
    return (key && views.current.get(key)) || undefined;
  }, []);

  const format = useCallback(
    (action: FormatAction) => {
      const view = activeView();
      if (!view) {
        notices.notify('info', '请先把光标放在编者按或正文中');
        return;
      }
      runAction(view, action);
      view.focus();
    },
    [activeView, notices],
  );

  // ---------------------------------------------------------------------------------------------------
  // Commands

  const exportPdf = useCallback(
    async (final: boolean) => {
      try {
        if (!(await autosaveRef.current.flush())) throw new Error('当前内容尚未保存，请稍后再试');
        const result = await api.exportPdf({ id, final });
        if ('canceled' in result) return;
        notices.notify('info', `已导出${final ? '正式版' : '样稿'}：${result.path}`, { timeoutMs: 8000 });
        const fresh = await api.libraryRead({ id });
        setMeta(fresh.meta);
      } catch (e) {
        notices.fail('导出PDF失败', e);
      }
    },
    [id, notices],
  );

  const saveAs = useCallback(async () => {
    try {
      if (!(await autosaveRef.current.flush())) throw new Error('当前内容尚未保存，请稍后再试');
      const result = await api.librarySaveAs({ id });
      if ('canceled' in result) return;
      notices.notify('info', `已另存为：${result.path}`, { timeoutMs: 8000 });
    } catch (e) {
      notices.fail('另存为失败', e);
    }
  }, [id, notices]);

  const command = useCallback(
    (cmd: MenuCommand) => {
      switch (cmd) {
        case 'save':
          void autosaveRef.current.flush().then((ok) => ok && notices.notify('info', '已保存', { timeoutMs: 1500 }));
          return;
        case 'saveAs':
          void saveAs();
          return;
        case 'exportPdf':
          void exportPdf(isSignedOff(metaRef.current));
          return;
        case 'print':
          setPrinting(true);
          return;
        case 'find':
          setFindOpen(true);
          setFindFocus((n) => n + 1);
          return;
        case 'undo':
          format('undo');
          return;
        case 'redo':
          format('redo');
          return;
        default:
          return;
      }
    },
    [exportPdf, format, notices, saveAs],
  );

  useImperativeHandle(
    props.ref,
    () => ({
      command,
      flush: () => autosaveRef.current.flush(),
      flushForQuit: async () => {
        const ok = await autosaveRef.current.flush().catch(() => false);
        if (!ok) await api.journalWrite({ id, document: docRef.current }).catch(() => undefined);
      },
    }),
    [command, id],
  );

  // ---------------------------------------------------------------------------------------------------
  // Jumping to a problem

  const flash = (el: Element | null | undefined) => {
    if (!el) return;
    el.classList.remove('flash');
    void (el as HTMLElement).offsetWidth;
    el.classList.add('flash');
  };

  const jump = useCallback(
    (problem: Problem) => {
      const place = problemPlace(problem.path);
      const focusField = (selector: string) => {
        const el = document.querySelector<HTMLElement>(selector);
        el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
        el?.focus();
        flash(el);
      };
      switch (place.kind) {
        case 'article': {
          const key = keysRef.current[place.article];
          if (!key) return;
          const card = document.querySelector(`[data-article-key="${key}"]`);
          if (place.field === 'title') focusField(`[data-article-key="${key}"] .article-title`);
          else if (place.field === 'contributor') focusField(`[data-article-key="${key}"] .article-contributor`);
          else {
            const view = views.current.get(`body:${key}`);
            if (view) {
              activeRef.current = `body:${key}`;
              scrollToBlockIn(view, place.block ?? 0, problem.offset);
            } else card?.scrollIntoView({ block: 'start' });
          }
          flash(card);
          return;
        }
        case 'note': {
          const view = views.current.get('note');
          if (view) {
            activeRef.current = 'note';
            scrollToBlockIn(view, place.paragraph, problem.offset);
          }
          flash(document.querySelector('.note-card'));
          return;
        }
        case 'distribution':
          focusField(`.distribution-editor .list-row[data-index="${place.index}"] .list-text`);
          return;
        case 'field':
          if (place.field === 'editors') focusField('.editors-card input, .editors-card button');
          else focusField(`[data-field="${place.field}"]`);
          return;
        case 'publication':
          flash(document.querySelector('.masthead-card'));
          notices.notify('info', '刊头信息（刊名、编印单位、批准文号等）在“期刊设置”中修改，然后点“从期刊设置更新刊头”。');
          return;
      }
    },
    [notices],
  );

  // ---------------------------------------------------------------------------------------------------
  // Conflict and recovery

  /** Reads the issue as it is on disk now into the editor (every editor is mounted afresh). */
  const loadFresh = async () => {
    const fresh = await api.libraryRead({ id });
    autosave.reset(fresh.document, fresh.revision);
    dispatch({ type: 'replace', doc: fresh.document });
    setMeta(fresh.meta);
    return fresh;
  };

  const reload = async () => {
    try {
      await loadFresh();
      setConflict(false);
      notices.notify('info', '已重新载入文件的当前内容');
    } catch (e) {
      notices.fail('重新载入失败', e);
    }
  };

  const restored = async (backup: BackupInfo) => {
    const before = metaRef.current;
    setBackupsOpen(false);
    try {
      const fresh = await loadFresh();
      notices.notify('info', `已恢复为 ${chineseDateTime(backup.at)} 备份的版本；恢复前的版本已保留在“历史版本”中。`, {
        timeoutMs: 8000,
      });
      if (isSignedOff(before) && !isSignedOff(fresh.meta)) {
        notices.notify('warning', '内容已改变，原签发已作废：须重新送审签发。', { timeoutMs: 15_000 });
      }
    } catch (e) {
      notices.fail('已恢复，但重新读取失败，请重新打开本期', e);
    }
  };

  const overwrite = async () => {
    setConflict(false);
    const ok = await autosave.overwrite();
    if (ok) notices.notify('info', '已用本窗口的内容覆盖文件');
  };

  const recover = () => {
    if (!journal) return;
    autosave.noteJournal();
    dispatch({ type: 'replace', doc: journal.document });
    props.onJournalDone();
    notices.notify('info', '已恢复未保存的内容');
  };

  const discardJournal = () => {
    api.journalDiscard({ id }).catch(() => undefined);
    props.onJournalDone();
  };

  const updateMastheadFromProfile = async () => {
    try {
      const r = await api.profileGet({});
      setProfile(r.profile);
      dispatch({ type: 'edit', change: (d) => setPublication(d, r.profile) });
      notices.notify('info', '已按期刊设置更新刊头、版式和字体');
    } catch (e) {
      notices.fail('读取期刊设置失败', e);
    }
  };

  const resetDistribution = async () => {
    try {
      const r = await api.profileGet({});
      setProfile(r.profile);
      dispatch({ type: 'edit', change: (d) => setDistribution(d, r.profile.defaultDistribution) });
    } catch (e) {
      notices.fail('读取期刊设置失败', e);
    }
  };

  const signed = isSignedOff(meta);
  const issue = doc.issue;

  return (
    <div className="issue-screen" data-testid="issue-screen" data-issue-id={id}>
      <div className="toolbar">
        <button type="button" onClick={props.onLibrary} title="返回期刊库">
          ← 期刊库
        </button>
        <span className="toolbar-title" data-testid="issue-title">
          {issueName(doc)}
        </span>
        <span className={`status ${STATUS_CLASS[meta.status]}`} data-testid="toolbar-status">
          {STATUS_NAMES[meta.status]}
        </span>
        <SaveIndicator state={autosave.state} />
        <span className="toolbar-fill" />
        <button type="button" onClick={() => command('save')} title="保存（Ctrl+S）">
          保存
        </button>
        <button type="button" onClick={() => command('find')} title="查找（Ctrl+F）">
          查找
        </button>
        <button type="button" onClick={() => void exportPdf(signed)} title="导出PDF（Ctrl+E）">
          {signed ? '导出正式版' : '导出PDF'}
        </button>
        <button type="button" onClick={() => setPrinting(true)} title="打印（Ctrl+P）">
          打印
        </button>
        <button type="button" onClick={() => setBackupsOpen(true)} title="查看和恢复以前保存的版本">
          历史版本
        </button>
        <button type="button" onClick={() => setTab('approval')}>
          签发
        </button>
        <button type="button" onClick={props.onSettings} title="期刊设置">
          设置
        </button>
      </div>
      <FormatBar subscribe={subscribeFormat} onAction={format} />
      {findOpen && (
        <FindBar
          focusSignal={findFocus}
          views={views}
          order={['note', ...keys.map((k) => `body:${k}`)]}
          onClose={() => {
            setFindOpen(false);
            activeView()?.focus();
          }}
        />
      )}
      {signed && (
        <div className="signed-bar" data-testid="signed-bar">
          本期已由{meta.signOff?.signer}签发。修改任何内容都会使签发作废，须重新送审签发。
        </div>
      )}
      {journal && (
        <div className="recovery-bar" data-testid="recovery">
          <span>
            发现{journal.savedAt ? ` ${dateTime(journal.savedAt)} ` : ''}未保存的内容（上次未正常关闭）。
          </span>
          <button type="button" className="primary" onClick={recover}>
            恢复未保存的内容
          </button>
          <button type="button" onClick={discardJournal}>
            放弃
          </button>
        </div>
      )}

      <div className="issue-body">
        <div className="editor-column" data-testid="editor-column">
          <div className="editor-page">
            <section className="card masthead-card">
              <div className="masthead-head">
                <div>
                  <div className="masthead-name">{doc.publication.name}</div>
                  <div className="muted small">{doc.publication.unit}编</div>
                </div>
                <button type="button" className="link" onClick={() => void updateMastheadFromProfile()}>
                  从期刊设置更新刊头
                </button>
              </div>
              <div className="form-row masthead-fields">
                <Field label="年度">
                  <span className="affix">
                    <NumberInput
                      className="num-4"
                      name="year"
                      ariaLabel="年度"
                      value={issue.year}
                      min={1900}
                      max={2999}
                      onChange={(n) => n !== undefined && dispatch({ type: 'edit', change: (d) => patchIssue(d, { year: n }) })}
                    />
                    年
                  </span>
                </Field>
                <Field label="期号">
                  <span className="affix" data-field="number">
                    第
                    <NumberInput
                      className="num-3"
                      name="number"
                      ariaLabel="期号"
                      value={issue.number}
                      min={1}
                      onChange={(n) => n !== undefined && dispatch({ type: 'edit', change: (d) => patchIssue(d, { number: n }) })}
                    />
                    期
                  </span>
                </Field>
                <Field label="总期号">
                  <span className="affix" data-field="totalNumber">
                    总第
                    <NumberInput
                      className="num-4"
                      name="totalNumber"
                      ariaLabel="总期号"
                      value={issue.totalNumber}
                      min={1}
                      allowEmpty
                      onChange={(n) => dispatch({ type: 'edit', change: (d) => patchIssue(d, { totalNumber: n }) })}
                    />
                    期
                  </span>
                </Field>
                <Field label="日期">
                  <DateInput
                    name="date"
                    field="date"
                    ariaLabel="日期"
                    value={issue.date}
                    onChange={(date) => dispatch({ type: 'edit', change: (d) => patchIssue(d, { date }) })}
                  />
                </Field>
              </div>
              {warnings.length > 0 && (
                <ul className="warnings" data-testid="numbering-warnings">
                  {warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              )}
            </section>

            <section className="card note-card">
              <h2>编者按</h2>
              <RichText
                key={`note:${generation}`}
                slot={NOTE_SLOT}
                initialParagraphs={issue.editorNote}
                label="编者按"
                placeholder="编者按（可留空）"
                onChange={onRichChange}
                onView={onView}
                onFocus={onFocus}
                onFormat={onFormat}
              />
            </section>

            {issue.articles.map((article, i) => {
              const key = keys[i]!;
              return (
                <section className="card article-card" key={key} data-article-key={key} data-article={i}>
                  <div className="card-head">
                    <h2>{issue.articles.length > 1 ? `第${i + 1}篇文章` : '文章'}</h2>
                    <span className="card-tools">
                      <button type="button" className="small" disabled={i === 0} onClick={() => dispatch({ type: 'moveArticle', from: i, to: i - 1 })}>
                        上移
                      </button>
                      <button
                        type="button"
                        className="small"
                        disabled={i === issue.articles.length - 1}
                        onClick={() => dispatch({ type: 'moveArticle', from: i, to: i + 1 })}
                      >
                        下移
                      </button>
                      <button
                        type="button"
                        className="small danger"
                        disabled={issue.articles.length <= 1}
                        onClick={() => setConfirmRemove(i)}
                      >
                        删除文章
                      </button>
                    </span>
                  </div>
                  <input
                    className="article-title"
                    aria-label={`第${i + 1}篇文章标题`}
                    placeholder="文章标题"
                    value={article.title}
                    onChange={(e) => dispatch({ type: 'edit', change: (d) => patchArticle(d, i, { title: plainText(e.target.value) }) })}
                  />
                  <RichText
                    key={`${key}:${generation}`}
                    slot={bodySlot(key)}
                    initialBlocks={article.body}
                    label={`第${i + 1}篇文章正文`}
                    placeholder="正文。段首输入“一、”“（一）”“1.”“（1）”即成为标题。"
                    onChange={onRichChange}
                    onView={onView}
                    onFocus={onFocus}
                    onFormat={onFormat}
                  />
                  <label className="contributor-line">
                    <span>（</span>
                    <input
                      className="article-contributor"
                      aria-label={`第${i + 1}篇文章供稿单位`}
                      placeholder="供稿单位"
                      value={article.contributor}
                      onChange={(e) => dispatch({ type: 'edit', change: (d) => patchArticle(d, i, { contributor: plainText(e.target.value) }) })}
                    />
                    <span>供稿）</span>
                  </label>
                  <div className="add-article">
                    <button type="button" className="small" onClick={() => dispatch({ type: 'addArticle', at: i + 1 })}>
                      ＋ 在此后添加文章
                    </button>
                  </div>
                </section>
              );
            })}

            <section className="card distribution-card">
              <h2>送发范围</h2>
              <DistributionEditor
                entries={issue.distribution}
                onChange={(entries) => dispatch({ type: 'edit', change: (d) => setDistribution(d, entries) })}
                onReset={() => void resetDistribution()}
                testId="distribution"
              />
            </section>

            <section className="card editors-card">
              <h2>责任编辑</h2>
              <NameListEditor
                names={issue.editors}
                onChange={(editors) => dispatch({ type: 'edit', change: (d) => patchIssue(d, { editors }) })}
                suggestions={profile?.defaultEditors ?? []}
                addLabel="添加责任编辑"
                placeholder="姓名"
                listId="issue-editors"
              />
            </section>
          </div>
        </div>

        <div className="side-column">
          <div className="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === 'preview'} className={tab === 'preview' ? 'active' : ''} onClick={() => setTab('preview')}>
              预览
            </button>
            <button type="button" role="tab" aria-selected={tab === 'check'} className={tab === 'check' ? 'active' : ''} onClick={() => setTab('check')}>
              校对
              {checkCount && checkCount.errors + checkCount.warnings > 0 && (
                <span className={`badge ${checkCount.errors > 0 ? 'badge-error' : ''}`}>{checkCount.errors + checkCount.warnings}</span>
              )}
            </button>
            <button type="button" role="tab" aria-selected={tab === 'approval'} className={tab === 'approval' ? 'active' : ''} onClick={() => setTab('approval')}>
              签发与印发
            </button>
          </div>
          <div className={`tab-panel ${tab === 'preview' ? '' : 'hidden'}`}>
            <PreviewPane doc={doc} draft={!signed} />
          </div>
          <div className={`tab-panel ${tab === 'check' ? '' : 'hidden'}`}>
            <CheckPanel doc={doc} onJump={jump} onCount={setCheckCount} />
          </div>
          <div className={`tab-panel ${tab === 'approval' ? '' : 'hidden'}`}>
            <ApprovalPanel
              id={id}
              meta={meta}
              unsaved={autosave.state.kind !== 'saved'}
              by={issue.editors[0] ?? ''}
              flush={autosave.flush}
              onMeta={setMeta}
              onExport={(final) => void exportPdf(final)}
              onPrint={() => setPrinting(true)}
              onBackups={() => setBackupsOpen(true)}
            />
          </div>
        </div>
      </div>

      {conflict && (
        <Dialog
          title="文件已在别处修改"
          testId="conflict-dialog"
          actions={
            <>
              <button type="button" onClick={() => void reload()}>
                重新载入
              </button>
              <button type="button" className="primary danger" onClick={() => void overwrite()}>
                覆盖
              </button>
            </>
          }
        >
          <p>本期简报的文件在您编辑期间被其他窗口或程序修改了，本窗口的修改尚未保存。</p>
          <ul className="plain">
            <li>
              <strong>重新载入</strong>：读取文件的当前内容，放弃本窗口未保存的修改。
            </li>
            <li>
              <strong>覆盖</strong>：用本窗口的内容覆盖文件（原内容保留在备份中）。
            </li>
          </ul>
        </Dialog>
      )}

      {confirmRemove !== null && (
        <Dialog
          title="删除文章"
          onClose={() => setConfirmRemove(null)}
          actions={
            <>
              <button type="button" onClick={() => setConfirmRemove(null)}>
                取消
              </button>
              <button
                type="button"
                className="primary danger"
                onClick={() => {
                  dispatch({ type: 'removeArticle', index: confirmRemove });
                  setConfirmRemove(null);
                }}
              >
                删除
              </button>
            </>
          }
        >
          <p>删除“{issue.articles[confirmRemove]?.title || `第${confirmRemove + 1}篇文章`}”？删除后不能撤销（此前保存的版本保留在自动备份中）。</p>
        </Dialog>
      )}

      {backupsOpen && (
        <BackupsDialog
          id={id}
          currentAt={meta.updatedAt}
          signed={signed}
          flush={autosave.flush}
          onRestored={restored}
          onClose={() => setBackupsOpen(false)}
        />
      )}

      {printing && (
        <PrintDialog
          id={id}
          signedOff={signed}
          distribution={issue.distribution}
          flush={autosave.flush}
          onClose={() => setPrinting(false)}
          onPrinted={(result) => {
            setPrinting(false);
            setMeta(result.meta);
            notices.notify('info', `已提交 ${result.jobs.length} 个打印作业（共 ${result.jobs.reduce((s, j) => s + j.copies, 0)} 份）`, {
              timeoutMs: 8000,
            });
          }}
        />
      )}
    </div>
  );
}

const NOTE_SLOT: EditorSlot = { kind: 'note' };
const bodySlots = new Map<string, EditorSlot>();
function bodySlot(key: string): EditorSlot {
  let slot = bodySlots.get(key);
  if (!slot) {
    slot = { kind: 'body', key };
    bodySlots.set(key, slot);
  }
  return slot;
}

function SaveIndicator({ state }: { state: SaveState }) {
  const text =
    state.kind === 'saved'
      ? '已保存'
      : state.kind === 'saving'
        ? '保存中…'
        : state.kind === 'conflict'
          ? '未保存（文件已在别处修改）'
          : state.reason
            ? `未保存（${state.reason}）`
            : '未保存';
  return (
    <span className={`save-state ${state.kind}`} data-testid="save-state" data-state={state.kind} title={text}>
      {text}
    </span>
  );
}
