import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { EditorView } from 'prosemirror-view';
import { findMatches, gotoMatch, setQueryIn } from './richtext.js';

/**
 * 查找 (Ctrl+F): one search box over every editor of the issue (编者按, then each article in order), using the
 * editor's find plugin for highlighting and selection. Enter: next; Shift+Enter: previous; Esc: close.
 */
export function FindBar(props: {
  views: RefObject<Map<string, EditorView>>;
  order: readonly string[];
  focusSignal: number;
  onClose: () => void;
}) {
  const { views, order, onClose } = props;
  const [query, setQuery] = useState('');
  const [total, setTotal] = useState(0);
  const [current, setCurrent] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [props.focusSignal]);

  const orderedViews = useCallback(
    () => order.map((key) => views.current?.get(key)).filter((v): v is EditorView => !!v),
    [order, views],
  );

  // Highlight in every editor as the query changes.
  useEffect(() => {
    let count = 0;
    for (const view of orderedViews()) {
      setQueryIn(view, query);
      count += findMatches(view, query).length;
    }
    setTotal(count);
    setCurrent(-1);
  }, [query, orderedViews]);

  // Clear highlights on close.
  useEffect(
    () => () => {
      for (const view of orderedViews()) setQueryIn(view, '');
    },
    [orderedViews],
  );

  const go = (delta: 1 | -1) => {
    const all = orderedViews().flatMap((view) => findMatches(view, query).map((m) => ({ view, m })));
    setTotal(all.length);
    if (all.length === 0) {
      setCurrent(-1);
      return;
    }
    const next = current < 0 ? (delta === 1 ? 0 : all.length - 1) : (current + delta + all.length) % all.length;
    const target = all[next]!;
    gotoMatch(target.view, target.m);
    setCurrent(next);
  };

  return (
    <div className="find-bar" role="search" data-testid="find-bar">
      <label>
        查找
        <input
          ref={inputRef}
          type="search"
          aria-label="查找内容"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              go(e.shiftKey ? -1 : 1);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              onClose();
            }
          }}
        />
      </label>
      <span className="find-count" data-testid="find-count">
        {query ? (total === 0 ? '无匹配' : current >= 0 ? `${current + 1} / ${total}` : `共 ${total} 处`) : ''}
      </span>
      <button type="button" disabled={total === 0} onClick={() => go(-1)}>
        上一处
      </button>
      <button type="button" disabled={total === 0} onClick={() => go(1)}>
        下一处
      </button>
      <button type="button" className="icon" title="关闭（Esc）" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
