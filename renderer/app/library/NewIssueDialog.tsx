import { useState } from 'react';
import type { Publication } from '../../../core/model/publication.js';
import { Dialog } from '../ui.js';

/** Where the publication last chosen for 新建 is remembered (this window's storage; ids only). */
const LAST_KEY = 'bulletin.lastPublication';

/** The publication 新建 offers first: the one last used, else the library's first. */
export function defaultPublication(publications: readonly Publication[]): string | undefined {
  let last: string | null = null;
  try {
    last = localStorage.getItem(LAST_KEY);
  } catch {
    last = null;
  }
  return publications.find((p) => p.id === last)?.id ?? publications[0]?.id;
}

/** Remembers the publication an issue was made for, so the next 新建 offers it first. */
export function rememberPublication(id: string): void {
  try {
    localStorage.setItem(LAST_KEY, id);
  } catch {
    // storage unavailable: the first publication is offered next time
  }
}

/**
 * 新建 in a library of several publications (刊物): which one the new issue is of — its numbering continues that
 * publication's, its masthead and lists come from its profile. The last used one is chosen at first. The same
 * question for files dropped on the library (or 导入 Word 文件…) while it lists all publications: `importing`
 * names the files, and the dialog says 导入.
 */
export function NewIssueDialog(props: {
  publications: readonly Publication[];
  onCreate: (publication: string) => void;
  onClose: () => void;
  /** The files to import (their names), when the question is where an import goes. */
  importing?: readonly string[];
}) {
  const [chosen, setChosen] = useState(() => defaultPublication(props.publications) ?? '');
  const importing = props.importing;
  const files = importing?.length ? importing.map((n) => `“${n}”`).join('、') : '所选的 Word 文件';
  return (
    <Dialog
      title={importing ? '导入到哪种刊物' : '新建一期'}
      testId={importing ? 'import-publication-dialog' : 'new-issue-dialog'}
      onClose={props.onClose}
      actions={
        <>
          <button type="button" onClick={props.onClose}>
            取消
          </button>
          <button type="button" className="primary" disabled={!chosen} onClick={() => props.onCreate(chosen)}>
            {importing ? '导入' : '新建'}
          </button>
        </>
      }
    >
      <p>
        {importing
          ? `将${files}导入为哪种刊物的新一期？期号接该刊的上一期，文件中没有的刊头、送发范围和责任编辑取自该刊的设置。`
          : '新的一期属于哪种刊物？期号接该刊的上一期，刊头、送发范围和责任编辑取自该刊的设置。'}
      </p>
      <div className="publication-choices" role="radiogroup" aria-label="刊物">
        {props.publications.map((p) => (
          <label key={p.id} className="checkbox">
            <input type="radio" name="publication" value={p.id} checked={chosen === p.id} onChange={() => setChosen(p.id)} />
            {p.name}
            <span className="muted small">（刊名“{p.profile.name}”{p.totalNumbering === 'none' ? '，无总期号' : ''}）</span>
          </label>
        ))}
      </div>
    </Dialog>
  );
}
