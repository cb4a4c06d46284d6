import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Publication } from '../../../core/model/publication.js';
import { STATUS_NAMES } from '../../../core/model/status.js';
import type { IssueSummary, LibraryListing } from '../../../services/library-types.js';
import { api } from '../api.js';
import { STATUS_CLASS, chineseDate } from '../doc.js';
import { useNotices } from '../notices.js';
import { Dialog } from '../ui.js';

/**
 * 期刊库: every issue by year with 期号, 总期号, date, title and status; search over title and text; 新建,
 * 导入文本…, 打开…, 复制, 删除 (to the 回收站, which has its own view with 还原); files that could not be read are
 * listed with their reason. A library of several publications (刊物) shows which each issue is of, and lists one
 * publication or all (导入文本… then imports into the one shown).
 */
export function LibraryView(props: {
  onOpen: (id: string) => void;
  onCreate: () => void;
  onOpenFile: () => void;
  onImported: (id: string, notes: readonly string[]) => void;
  /** 导入 Word 文件…: a .docx/.doc/.wps as a new issue (the open dialog is the main process's). */
  onImportWord: () => void;
  onSettings: () => void;
  /**
   * The publication listed (its id), '' for all: kept by the app, so that it lasts while an issue is open and a
   * Word or text file dropped on the window goes into it (App.tsx).
   */
  publication: string;
  onPublicationChange: (id: string) => void;
}) {
  const { onOpen, onCreate, onOpenFile, onImported, onImportWord, onSettings, publication, onPublicationChange: setPublication } = props;
  const notices = useNotices();
  const [query, setQuery] = useState('');
  const [trash, setTrash] = useState(false);
  const [publications, setPublications] = useState<readonly Publication[]>([]);
  const [listing, setListing] = useState<LibraryListing | null>(null);
  const [loading, setLoading] = useState(true);
  const [selected, setSelected] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<IssueSummary | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const seq = useRef(0);

  useEffect(() => {
    api
      .profileGet({})
      .then((r) => {
        const list = r.publications ?? [];
        setPublications(list);
        // A publication deleted since it was chosen: list all.
        if (publication && !list.some((p) => p.id === publication)) setPublication('');
      })
      .catch((e: unknown) => notices.fail('读取刊物列表失败', e));
    // Read once on opening; the filter is checked against that list.
  }, [notices]);

  const refresh = useCallback(
    (q: string, inTrash: boolean, only: string) => {
      const my = ++seq.current;
      setLoading(true);
      api
        .libraryList({ query: q.trim() || undefined, trash: inTrash, ...(only ? { publication: only } : {}) })
        .then((l) => my === seq.current && setListing(l))
        .catch((e: unknown) => notices.fail('读取期刊库失败', e))
        .finally(() => my === seq.current && setLoading(false));
    },
    [notices],
  );

  useEffect(() => {
    const timer = setTimeout(() => refresh(query, trash, publication), query ? 200 : 0);
    return () => clearTimeout(timer);
  }, [query, trash, publication, refresh]);

  const several = publications.length > 1;
  const publicationName = (id: string) => publications.find((p) => p.id === id)?.name ?? '—';

  const years = useMemo(() => {
    const groups = new Map<number, IssueSummary[]>();
    for (const issue of listing?.issues ?? []) {
      const list = groups.get(issue.year) ?? [];
      list.push(issue);
      groups.set(issue.year, list);
    }
    return [...groups.entries()].sort((a, b) => b[0] - a[0]);
  }, [listing]);

  const selectedIssue = listing?.issues.find((i) => i.id === selected) ?? null;

  const importFile = async (file: File) => {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const result = await api.libraryImportText({ name: file.name, bytes, ...(publication ? { publication } : {}) });
      onImported(result.id, result.notes);
    } catch (e) {
      notices.fail(`导入“${file.name}”失败`, e);
    }
  };

  const duplicate = async (issue: IssueSummary) => {
    try {
      const created = await api.libraryDuplicate({ id: issue.id });
      for (const w of created.warnings) notices.notify('warning', w);
      notices.notify('info', `已复制“${issue.title || '无标题'}”`);
      setSelected(created.id);
      refresh(query, trash, publication);
    } catch (e) {
      notices.fail('复制失败', e);
    }
  };

  const remove = async (issue: IssueSummary) => {
    setConfirmDelete(null);
    try {
      await api.libraryTrash({ id: issue.id });
      notices.notify('info', `已移到回收站：${issue.year}年第${issue.number}期`);
      setSelected(null);
      refresh(query, trash, publication);
    } catch (e) {
      notices.fail('删除失败', e);
    }
  };

  const restore = async (issue: IssueSummary) => {
    try {
      await api.libraryRestore({ id: issue.id });
      notices.notify('info', `已还原：${issue.year}年第${issue.number}期`);
      refresh(query, trash, publication);
    } catch (e) {
      notices.fail('还原失败', e);
    }
  };

  return (
    <div className="library" data-testid="library">
      <div className="toolbar">
        {trash ? (
          <>
            <button type="button" onClick={() => setTrash(false)}>
              ← 返回期刊库
            </button>
            <span className="toolbar-title">回收站</span>
          </>
        ) : (
          <>
            <button type="button" className="primary" onClick={onCreate} title="新建一期（Ctrl+N）">
              新建
            </button>
            <button type="button" onClick={() => fileInput.current?.click()}>
              导入文本…
            </button>
            <input
              ref={fileInput}
              type="file"
              accept=".txt,.json,text/plain,application/json"
              hidden
              data-testid="import-input"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void importFile(file);
              }}
            />
            <button type="button" onClick={onImportWord} title="把 Word 文件（.docx、.doc、.wps）导入为一期简报；也可把文件拖到窗口中">
              导入 Word 文件…
            </button>
            <button type="button" onClick={onOpenFile} title="打开其他位置的简报文件（Ctrl+O）">
              打开…
            </button>
            <span className="toolbar-sep" />
            <button type="button" disabled={!selectedIssue} onClick={() => selectedIssue && onOpen(selectedIssue.id)}>
              编辑
            </button>
            <button type="button" disabled={!selectedIssue} onClick={() => selectedIssue && void duplicate(selectedIssue)}>
              复制
            </button>
            <button type="button" disabled={!selectedIssue} onClick={() => selectedIssue && setConfirmDelete(selectedIssue)}>
              删除
            </button>
          </>
        )}
        <span className="toolbar-fill" />
        {several && (
          <select aria-label="刊物" data-testid="publication-filter" value={publication} onChange={(e) => setPublication(e.target.value)}>
            <option value="">全部刊物</option>
            {publications.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        )}
        <input
          className="search"
          type="search"
          placeholder={trash ? '在回收站中搜索' : '搜索标题和正文'}
          aria-label="搜索"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        {!trash && (
          <>
            <button type="button" onClick={() => setTrash(true)}>
              回收站
            </button>
            <button type="button" onClick={onSettings}>
              期刊设置
            </button>
          </>
        )}
      </div>

      <div className="library-body">
        {listing && listing.issues.length === 0 && !loading && (
          <div className="empty-state">
            {query ? (
              <p>没有找到包含“{query}”的期刊。</p>
            ) : trash ? (
              <p>回收站是空的。</p>
            ) : (
              <>
                <p>期刊库中还没有简报。</p>
                <p>
                  <button type="button" className="primary" onClick={onCreate}>
                    新建第一期
                  </button>{' '}
                  或{' '}
                  <button type="button" onClick={() => fileInput.current?.click()}>
                    导入文本…
                  </button>
                </p>
              </>
            )}
          </div>
        )}
        {years.length > 0 && (
          <table className="issue-table" data-testid="issue-table">
            <thead>
              <tr>
                {several && <th className="col-publication">刊物</th>}
                <th className="col-number">期号</th>
                <th className="col-total">总期号</th>
                <th className="col-date">日期</th>
                <th>标题</th>
                <th className="col-status">状态</th>
                {trash && <th className="col-actions" />}
              </tr>
            </thead>
            {years.map(([year, issues]) => (
              <tbody key={year}>
                <tr className="year-row">
                  <th colSpan={(trash ? 6 : 5) + (several ? 1 : 0)}>
                    {year}年<span className="muted">（{issues.length} 期）</span>
                  </th>
                </tr>
                {issues.map((issue) => (
                  <tr
                    key={issue.id}
                    className={`issue-row ${issue.id === selected ? 'selected' : ''}`}
                    data-id={issue.id}
                    tabIndex={0}
                    onClick={() => setSelected(issue.id)}
                    onDoubleClick={() => !trash && onOpen(issue.id)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' && !trash) onOpen(issue.id);
                      if (e.key === 'Delete' && !trash) setConfirmDelete(issue);
                    }}
                  >
                    {several && <td className="col-publication">{publicationName(issue.publication)}</td>}
                    <td className="col-number">第{issue.number}期</td>
                    <td className="col-total">{issue.totalNumber === undefined ? '—' : `总第${issue.totalNumber}期`}</td>
                    <td className="col-date">{chineseDate(issue.date)}</td>
                    <td className="col-title">{issue.title || <span className="muted">（无标题）</span>}</td>
                    <td className="col-status">
                      <span className={`status ${STATUS_CLASS[issue.status]}`}>{STATUS_NAMES[issue.status]}</span>
                    </td>
                    {trash && (
                      <td className="col-actions">
                        <button type="button" onClick={() => void restore(issue)}>
                          还原
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        )}
        {listing && listing.damaged.length > 0 && (
          <section className="damaged" data-testid="damaged">
            <h3>无法读取的文件（{listing.damaged.length}）</h3>
            <p className="muted">这些文件保留原样，未作任何改动。可用文本编辑器修复，或从备份恢复。</p>
            <ul>
              {listing.damaged.map((d) => (
                <li key={d.file}>
                  <code>{d.file}</code>：{d.reason}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
      <div className="statusbar">
        {loading ? '正在读取…' : listing ? `共 ${listing.issues.length} 期${trash ? '（回收站）' : ''}` : ''}
      </div>

      {confirmDelete && (
        <Dialog
          title="删除期刊"
          onClose={() => setConfirmDelete(null)}
          actions={
            <>
              <button type="button" onClick={() => setConfirmDelete(null)}>
                取消
              </button>
              <button type="button" className="primary danger" onClick={() => void remove(confirmDelete)}>
                移到回收站
              </button>
            </>
          }
        >
          <p>
            将“{confirmDelete.year}年第{confirmDelete.number}期 {confirmDelete.title}”移到回收站？
          </p>
          <p className="muted">可在回收站中还原。</p>
        </Dialog>
      )}
    </div>
  );
}
