import { useCallback, type RefObject } from 'react';
import type { EditorView } from 'prosemirror-view';
import type { Problem } from '../../../core/check/problem.js';
import { problemPlace } from '../doc.js';
import { useNotices } from '../notices.js';
import { scrollToBlockIn } from './richtext.js';

function flash(el: Element | null | undefined) {
  if (!el) return;
  el.classList.remove('flash');
  void (el as HTMLElement).offsetWidth;
  el.classList.add('flash');
}

/** Jumping to a problem (校对): to the field, or the block of an editor, that it is about. */
export function useProblemJump(
  keysRef: RefObject<readonly string[]>,
  views: RefObject<Map<string, EditorView>>,
  activeRef: RefObject<string | null>,
) {
  const notices = useNotices();
  return useCallback(
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
    [keysRef, views, activeRef, notices],
  );
}
