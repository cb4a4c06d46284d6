import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type Ref } from 'react';
import { numberingWarnings } from '../../../core/model/issue-numbers.js';
import type { IssueMeta, IssueSummary, StoredIssue } from '../../../services/library-types.js';
import { api } from '../api.js';
import { ApprovalPanel, isSignedOff } from '../approval/ApprovalPanel.js';
import { PrintDialog } from '../approval/PrintDialog.js';
import { useNotices } from '../notices.js';
import { ArticleCard } from './ArticleCard.js';
import { BackupsDialog } from './BackupsDialog.js';
import { ConflictDialog } from './ConflictDialog.js';
import { DistributionCards } from './DistributionCards.js';
import { FindBar } from './FindBar.js';
import { FormatBar } from './FormatBar.js';
import { IssueToolbar } from './IssueToolbar.js';
import { initModel, reducer } from './issueModel.js';
import { MastheadCard } from './MastheadCard.js';
import { NoteCard } from './NoteCard.js';
import { RecoveryBar } from './RecoveryBar.js';
import { RemoveArticleDialog } from './RemoveArticleDialog.js';
import { SidePanel, type Tab } from './SidePanel.js';
import { useAutosave } from './useAutosave.js';
import { useEditorViews } from './useEditorViews.js';
import { useIssueCommands, type IssueScreenHandle } from './useIssueCommands.js';
import { useIssueReload } from './useIssueReload.js';
import { useOpenIssue, type Journal } from './useOpenIssue.js';
import { useProblemJump } from './useProblemJump.js';
import { useProfile } from './useProfile.js';
import { useSaveFailureNotice } from './useSaveFailureNotice.js';
import { useWordCommands } from '../word/useWordCommands.js';

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
  const [findOpen, setFindOpen] = useState(false);
  const [findFocus, setFindFocus] = useState(0);
  const [printing, setPrinting] = useState(false);
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

  useEffect(() => {
    api
      .libraryList({})
      .then((l) => setSummaries(l.issues))
      .catch(() => undefined);
  }, []);
  const { profile, updateMastheadFromProfile, resetDistribution } = useProfile(dispatch);

  const warnings = useMemo(() => numberingWarnings({ issues: summaries }, { id, ...doc.issue }), [id, doc.issue, summaries]);

  const { views, activeRef, handlers, subscribeFormat, activeView, format } = useEditorViews(dispatch);

  const openPrint = useCallback(() => setPrinting(true), []);
  const openFind = useCallback(() => {
    setFindOpen(true);
    setFindFocus((n) => n + 1);
  }, []);
  const { insertWord, exportWord, dropFiles } = useWordCommands({
    id,
    autosaveRef,
    insertArticles: useCallback(
      (articles) => {
        articles.forEach((article, i) => dispatch({ type: 'insertArticle', at: keysRef.current.length + i, article }));
      },
      [dispatch],
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
    word,
  });

  const jump = useProblemJump(keysRef, views, activeRef);

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
      {journal && <RecoveryBar journal={journal} onRecover={recover} onDiscard={discardJournal} />}

      <div className="issue-body">
        <div className="editor-column" data-testid="editor-column">
          <div className="editor-page">
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
          </div>
        </div>

        <SidePanel
          tab={tab}
          onTab={setTab}
          doc={doc}
          signed={signed}
          onJump={jump}
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
              onBackups={() => setBackupsOpen(true)}
            />
          }
        />
      </div>

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
