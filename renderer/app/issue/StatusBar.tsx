import { useEffect, useRef, useState, type RefObject } from 'react';
import { articleCharCount, issueCharCount } from '../../../core/model/counts.js';
import type { Article, Issue } from '../../../core/model/issue.js';
import type { FormatInfo } from './richtext.js';

/**
 * The status bar: the characters of the article the caret is in and of the issue, and the page count (from the
 * preview); the caret's page when the preview knows it.
 */
export function StatusBar(props: {
  issue: Issue;
  keys: readonly string[];
  activeRef: RefObject<string | null>;
  subscribeFormat: (listener: (info: FormatInfo | null) => void) => () => void;
  pages: number | undefined;
  caretPage?: number | undefined;
}) {
  const { issue, keys, activeRef } = props;
  const [active, setActive] = useState<string | null>(activeRef.current);
  useEffect(() => props.subscribeFormat(() => setActive(activeRef.current)), [props.subscribeFormat, activeRef]);
  const index = active?.startsWith('body:') ? keys.indexOf(active.slice(5)) : -1;
  const article = index >= 0 ? issue.articles[index] : undefined;
  const n = (value: number) => value.toLocaleString('zh-CN');
  // Counts by article object: an edit makes a new object of the article it changes only, so a keystroke in a
  // 60-page issue counts one article again, not the whole issue.
  const counted = useRef(new WeakMap<Article, number>());
  const countOf = (a: Article) => {
    let count = counted.current.get(a);
    if (count === undefined) counted.current.set(a, (count = articleCharCount(a)));
    return count;
  };
  const issueCount = issueCharCount(issue, countOf);
  return (
    <div className="status-bar" data-testid="status-bar">
      {article && (
        <span data-testid="article-count">
          第{index + 1}篇 {n(countOf(article))} 字
        </span>
      )}
      {active === 'note' && <span data-testid="article-count">编者按</span>}
      <span data-testid="issue-count">全期 {n(issueCount)} 字</span>
      <span data-testid="page-count">{props.pages !== undefined ? `共 ${props.pages} 页` : '排版中…'}</span>
      {props.caretPage !== undefined && <span data-testid="caret-page">光标在第 {props.caretPage} 页</span>}
    </div>
  );
}
