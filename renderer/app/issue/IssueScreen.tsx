import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type Ref } from 'react';
import { numberingWarnings } from '../../../core/model/issue-numbers.js';
import { replaceAllInIssue } from '../../../core/model/replace-all.js';
import { fieldMatches, replaceNextInFields, type FieldCursor } from '../../../core/model/replace-in-fields.js';
import { isRecordStatus } from '../../../core/model/status.js';
import type { IssueMeta, IssueSummary, StoredIssue } from '../../../services/library-types.js';
import { api } from '../api.js';
import { ApprovalPanel, isSignedOff } from '../approval/ApprovalPanel.js';
import { PrintDialog } from '../approval/PrintDialog.js';
import { printedMessage } from '../approval/print-summary.js';
import { useNotices } from '../notices.js';
import { ArticleCard } from './ArticleCard.js';
import { BackupsDialog } from './BackupsDialog.js';
import { ConflictDialog } from './ConflictDialog.js';
import { DistributionCards } from './DistributionCards.js';
import { DraftErrorsDialog } from './DraftErrorsDialog.js';
import { FindBar } from './FindBar.js';
import { FormatBar } from './FormatBar.js';
import { usePictureCommands } from './usePictureCommands.js';
import { IssueToolbar } from './IssueToolbar.js';
import { initModel, reducer } from './issueModel.js';
import { MastheadCard } from './MastheadCard.js';
import { NoteCard } from './NoteCard.js';
import { RecordBar } from './RecordBar.js';
import { RecoveryBar } from './RecoveryBar.js';
import { RemoveArticleDialog } from './RemoveArticleDialog.js';
import { SidePanel, type Tab } from './SidePanel.js';
import { StatusBar } from './StatusBar.js';
import { useAutosave } from './useAutosave.js';
import { useEditorViews } from './useEditorViews.js';
import { useIssueCommands, type IssueScreenHandle } from './useIssueCommands.js';
import { useIssueReload } from './useIssueReload.js';
import { useOpenIssue, type Journal } from './useOpenIssue.js';
import { useProblemJump } from './useProblemJump.js';
import { useProfile } from './useProfile.js';
import { LOCKED_MESSAGE, useRecordLock } from './useRecordLock.js';
import { useReplaceUndo } from './useReplaceUndo.js';
import { useProofMarks } from './useProofMarks.js';
import { usePreviewSync } from '../preview/usePreviewSync.js';
import { useSaveFailureNotice } from './useSaveFailureNotice.js';
import { useWordCommands } from '../word/useWordCommands.js';
import { EDITOR_NOTICE_EVENT } from './richtext.js';

export type { IssueScreenHandle } from './useIssueCommands.js';

/** Opens an issue: reads it, looks for a newer journal (unsaved typing from a crash), then shows the editor. */
export function IssueScreen(props: {
  id: string;
  ref?: Ref<IssueScreenHandle>;
  onLibrary: () => void;
  onSettings: () => void;
  onMissing: () => void;
}) {
  const { id } = props;
  const { stored, journal, journalDone } = useOpenIssue(id, props.onMissing);

  if (!stored) return <div className="issue-loading">正在打开…</div>;
  return (
    <IssueEditor
      id={id}
      stored={stored}
      journal={journal}
      onJournalDone={journalDone}
      ref={props.ref}
      onLibrary={props.onLibrary}
      onSettings={props.onSettings}
    />
  );
}

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
  const [findOpen, setFindOpen] = useState<false | 'find' | 'replace'>(false);
  const [findFocus, setFindFocus] = useState(0);
  const [printing, setPrinting] = useState<false | 'print' | 'distribute'>(false);
  const [pages, setPages] = useState<number | undefined>(undefined);
  const [backupsOpen, setBackupsOpen] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState<number | null>(null);
  const [summaries, setSummaries] = useState<readonly IssueSummary[]>([]);
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
  useSaveFailureNotice(autosave.state);
  // What an editor refuses (a pasted table with merged cells) is said here, once, as a warning.
  useEffect(() => {
    const show = (e: Event) => notices.notify('warning', String((e as CustomEvent).detail), { timeoutMs: 15_000 });
    document.addEventListener(EDITOR_NOTICE_EVENT, show);
    return () => document.removeEventListener(EDITOR_NOTICE_EVENT, show);
  }, [notices]);

  useEffect(() => {
    api
      .libraryList({})
      .then((l) => setSummaries(l.issues))
      .catch(() => undefined);
  }, []);
  const { profile, updateMastheadFromProfile, resetDistribution } = useProfile(dispatch, meta.publication);

  // Numbers are compared within the issue's own publication (each 刊物 is its own series).
  const ownPublication = summaries.find((s) => s.id === id)?.publication;
  const warnings = useMemo(
    () => numberingWarnings({ issues: summaries }, { id, ...doc.issue }, ownPublication ? { publication: ownPublication } : {}),
    [id, doc.issue, summaries, ownPublication],
  );

  const { views, activeRef, handlers, subscribeFormat, activeView, format: formatAny } = useEditorViews(dispatch);
  // A signed or printed issue is a record: its editors read only, and no edit (undo included) reaches it.
  const locked = isRecordStatus(meta.status);
  const lockedFormat = useRecordLock({ locked, views, generation, format: formatAny });
  // 全部替换 is one step: Ctrl+Z (key or menu) right after it puts the whole issue back.
  const { replaced, undoReplace } = useReplaceUndo({ docRef, dispatch });
  const format = useCallback(
    (action: Parameters<typeof lockedFormat>[0]) => {
      if (action === 'undo' && undoReplace()) return;
      lockedFormat(action);
    },
    [lockedFormat, undoReplace],
  );
  const { insertChosen: insertPictures } = usePictureCommands({ activeView, locked, lockedMessage: LOCKED_MESSAGE });
  const replaceAll = useCallback(
    (find: string, replacement: string) => {
      if (locked) {
        notices.notify('info', LOCKED_MESSAGE);
        return;
      }
      const { document, count } = replaceAllInIssue(docRef.current, { find, replace: replacement });
      if (count === 0) {
        notices.notify('info', `未找到“${find}”`);
        return;
      }
      replaced(docRef.current, document);
      notices.notify('info', `已全部替换 ${count} 处（Ctrl+Z 撤销）`, { timeoutMs: 8000 });
    },
    [locked, notices, replaced],
  );

  /** 替换 one match in a title, 供稿 or 送 line (the find bar steps through them after the editors). */
  const replaceInField = useCallback(
    (find: string, replacement: string, from: FieldCursor | undefined): FieldCursor | undefined => {
      if (locked) {
        notices.notify('info', LOCKED_MESSAGE);
        return undefined;
      }
      const result = replaceNextInFields(docRef.current, { find, replace: replacement, ...(from ? { from } : {}) });
      if (!result) return undefined;
      dispatch({ type: 'edit', change: () => result.document });
      notices.notify('info', `已替换${result.match.label}中的一处`, { timeoutMs: 4000 });
      return result.cursor;
    },
    [dispatch, locked, notices],
  );
  const fieldMatchCount = useCallback((find: string) => fieldMatches(docRef.current, { find, replace: '' }).length, []);

  const openPrint = useCallback(() => setPrinting('print'), []);
  const openFind = useCallback(() => {
    setFindOpen((open) => open || 'find');
    setFindFocus((n) => n + 1);
  }, []);
  const openReplace = useCallback(() => {
    setFindOpen('replace');
    setFindFocus((n) => n + 1);
  }, []);
  /** The 校对 errors of the content as typed (they stop 送审, 签发 and, unless the editor says so, 导出样稿). */
  const releaseErrors = useCallback(
    async () => (await api.checkRun({ document: docRef.current })).problems.filter((p) => p.severity === 'error'),
    [],
  );
  const [draftAsk, setDraftAsk] = useState<{ messages: readonly string[]; answer: (go: boolean) => void } | null>(null);
  const confirmDraft = useCallback(async () => {
    const errors = await releaseErrors();
    if (errors.length === 0) return true;
    return new Promise<boolean>((resolve) => setDraftAsk({ messages: errors.map((e) => e.message), answer: resolve }));
  }, [releaseErrors]);
  const { insertWord, exportWord, dropFiles } = useWordCommands({
    id,
    autosaveRef,
    insertArticles: useCallback(
      (articles) => {
        // A signed or printed issue takes no new articles either.
        if (isRecordStatus(metaRef.current.status)) {
          notices.notify('info', LOCKED_MESSAGE);
          return;
        }
        articles.forEach((article, i) => dispatch({ type: 'insertArticle', at: keysRef.current.length + i, article }));
      },
      [dispatch, notices],
    ),
    articleCount: useCallback(() => keysRef.current.length, []),
  });
  const word = useMemo(() => ({ insertWord: () => insertWord(), exportWord, dropFiles }), [insertWord, exportWord, dropFiles]);
  const { command, exportPdf } = useIssueCommands({
    id,
    ref: props.ref,
    autosaveRef,
    docRef,
    metaRef,
    setMeta,
    format,
    onPrint: openPrint,
    onFind: openFind,
    onReplace: openReplace,
    confirmDraft,
    word,
  });

  const jump = useProblemJump(keysRef, views, activeRef);
  const showProblems = useProofMarks({ views, docRef, keysRef });
  const previewRef = useRef<HTMLDivElement>(null);
  const slotOrder = useCallback(() => ['note', ...keysRef.current.map((k) => `body:${k}`)], []);
  const { caretPage, onPreviewText } = usePreviewSync({ views, order: slotOrder, activeRef, subscribeFormat, previewRef });

  const { reload, restored, overwrite, recover, discardJournal } = useIssueReload({
    id,
    autosave,
    dispatch,
    metaRef,
    setMeta,
    journal,
    onJournalDone: props.onJournalDone,
  });

  const signed = isSignedOff(meta);
  const issue = doc.issue;

  return (
    <div className="issue-screen" data-testid="issue-screen" data-issue-id={id}>
      <IssueToolbar
        doc={doc}
        meta={meta}
        saveState={autosave.state}
        signed={signed}
        command={command}
        onExport={() => void exportPdf(signed)}
        onPrint={openPrint}
        onBackups={() => setBackupsOpen(true)}
        onSignOff={() => setTab('approval')}
        onLibrary={props.onLibrary}
        onSettings={props.onSettings}
      />
      <FormatBar subscribe={subscribeFormat} onAction={format} onPictures={insertPictures} />
      {findOpen && (
        <FindBar
          focusSignal={findFocus}
          views={views}
          replace={findOpen === 'replace'}
          readOnly={locked}
          onReplaceAll={replaceAll}
          onReplaceInField={replaceInField}
          fieldMatchCount={fieldMatchCount}
          order={['note', ...keys.map((k) => `body:${k}`)]}
          onClose={() => {
            setFindOpen(false);
            activeView()?.focus();
          }}
        />
      )}
      {locked && (
        <RecordBar
          id={id}
          meta={meta}
          onReopened={(next) => {
            setMeta(next);
            // Undo never crosses a status change: the editors start afresh over the reopened content.
            void api.libraryRead({ id }).then((fresh) => dispatch({ type: 'replace', doc: fresh.document }));
          }}
        />
      )}
      {journal && <RecoveryBar journal={journal} onRecover={recover} onDiscard={discardJournal} />}

      <div className="issue-body">
        <div className="editor-column" data-testid="editor-column">
          <fieldset className="editor-page record-lock" disabled={locked} data-locked={locked || undefined}>
            <MastheadCard doc={doc} dispatch={dispatch} warnings={warnings} onUpdateFromProfile={() => void updateMastheadFromProfile()} />
            <NoteCard paragraphs={issue.editorNote} generation={generation} handlers={handlers} />
            {issue.articles.map((article, i) => {
              const key = keys[i]!;
              return (
                <ArticleCard
                  key={key}
                  article={article}
                  index={i}
                  count={issue.articles.length}
                  articleKey={key}
                  generation={generation}
                  dispatch={dispatch}
                  handlers={handlers}
                  onRemove={setConfirmRemove}
                />
              );
            })}
            <DistributionCards issue={issue} profile={profile} dispatch={dispatch} onResetDistribution={() => void resetDistribution()} />
          </fieldset>
        </div>

        <SidePanel
          tab={tab}
          onTab={setTab}
          doc={doc}
          signed={signed}
          onJump={jump}
          previewRef={previewRef}
          onPreviewInfo={(info) => {
            setPages(info.pages);
            onPreviewText(info.text);
          }}
          onProblems={showProblems}
          approval={
            <ApprovalPanel
              id={id}
              meta={meta}
              unsaved={autosave.state.kind !== 'saved'}
              by={issue.editors[0] ?? ''}
              flush={autosave.flush}
              onMeta={setMeta}
              onExport={(final) => void exportPdf(final)}
              onPrint={openPrint}
              onDistribute={() => setPrinting('distribute')}
              onBackups={() => setBackupsOpen(true)}
              releaseErrors={releaseErrors}
              onJump={jump}
            />
          }
        />
      </div>

      <StatusBar issue={issue} keys={keys} activeRef={activeRef} subscribeFormat={subscribeFormat} pages={pages} caretPage={caretPage} />

      {draftAsk && (
        <DraftErrorsDialog
          messages={draftAsk.messages}
          onExport={() => {
            draftAsk.answer(true);
            setDraftAsk(null);
          }}
          onShow={() => {
            draftAsk.answer(false);
            setDraftAsk(null);
            setTab('check');
          }}
        />
      )}

      {conflict && (
        <ConflictDialog
          onReload={() => void reload().then((ok) => ok && setConflict(false))}
          onOverwrite={() => {
            setConflict(false);
            void overwrite();
          }}
        />
      )}

      {confirmRemove !== null && (
        <RemoveArticleDialog
          index={confirmRemove}
          title={issue.articles[confirmRemove]?.title}
          onCancel={() => setConfirmRemove(null)}
          onRemove={() => {
            dispatch({ type: 'removeArticle', index: confirmRemove });
            setConfirmRemove(null);
          }}
        />
      )}

      {backupsOpen && (
        <BackupsDialog
          id={id}
          currentAt={meta.updatedAt}
          signed={signed}
          flush={autosave.flush}
          onRestored={(backup) => {
            setBackupsOpen(false);
            return restored(backup);
          }}
          onClose={() => setBackupsOpen(false)}
        />
      )}

      {printing && (
        <PrintDialog
          id={id}
          signedOff={signed}
          distribution={issue.distribution}
          flush={autosave.flush}
          pages={pages}
          distributionRun={printing === 'distribute'}
          onClose={() => setPrinting(false)}
          onPrinted={(result, distribution) => {
            setPrinting(false);
            setMeta(result.meta);
            // The job ids go to the log; the editor is told copies and the register.
            console.info('打印作业', result.jobs.map((j) => j.jobId).join('、'));
            notices.notify('info', printedMessage(result, distribution), { timeoutMs: 8000 });
          }}
        />
      )}
    </div>
  );
}
