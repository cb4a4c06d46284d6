/**
 * One heading grammar (core/model/heading-grammar.ts): a label typed, pasted, imported or checked by 校对 is the
 * same label of the same level, and paste and import cut a run-in heading's phrase at the same place.
 */
import type { EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { describe, expect, it } from 'vitest';
import { checkNumbering } from '../../core/check/numbering.js';
import { importPlainText } from '../../core/import/plain-text.js';
import {
  headingLabel,
  headingPhraseEnd,
  LABEL_FORMS,
  matchHeadingLabel,
  TYPED_LABEL_PATTERNS,
} from '../../core/model/heading-grammar.js';
import { inlineText } from '../../core/model/inline.js';
import type { Block } from '../../core/model/issue.js';
import { defaultProfile } from '../../core/model/profile.js';
import { pastedTextToBlocks } from '../../renderer/editor/clean-text.js';
import { docToBlocks } from '../../renderer/editor/convert.js';
import { HEADING_LABEL_PATTERNS } from '../../renderer/editor/plugins/input-rules.js';
import { createEditorState } from '../../renderer/editor/state.js';
import { blockInlines } from '../../core/model/block-text.js';

/** Types text into an empty article body through the input-rules plugin's real handleTextInput. */
function typeIntoBody(text: string): Block[] {
  const view = {
    state: createEditorState({ kind: 'body', blocks: [] }),
    composing: false,
    dispatch(tr: Parameters<EditorView['dispatch']>[0]) {
      view.state = view.state.apply(tr);
    },
  } as unknown as EditorView & { state: EditorState };
  for (const ch of text) {
    const { from, to } = view.state.selection;
    let handled = false;
    view.state.plugins.forEach((plugin) => {
      const handler = plugin.props.handleTextInput;
      if (!handled && handler?.call(plugin, view, from, to, ch, () => view.state.tr.insertText(ch, from, to))) handled = true;
    });
    if (!handled) view.dispatch(view.state.tr.insertText(ch, from, to));
  }
  return docToBlocks(view.state.doc);
}

/** Every written form of a label the grammar accepts, with its level. */
const LABELS: readonly [string, 1 | 2 | 3 | 4][] = [
  ['一、', 1], ['十二、', 1], ['三，', 1],
  ['（一）', 2], ['(二)', 2], ['（十)', 2],
  ['1.', 3], ['2．', 3], ['3、', 3], ['１２．', 3],
  ['（1）', 4], ['(2)', 4], ['（３）', 4],
];
const PHRASE = '明确进站安排。';
const BODY = '每月安排代表进站接待群众。';

describe('one heading grammar', () => {
  it('prints the four levels as GB/T 9704 §7.3.3 numbers them', () => {
    expect([1, 2, 3, 4].map((l) => headingLabel(l as 1 | 2 | 3 | 4, 3))).toEqual(['三、', '（三）', '3.', '（3）']);
    expect(LABEL_FORMS.map((f) => f.level)).toEqual([1, 2, 3, 4]);
    expect(HEADING_LABEL_PATTERNS).toBe(TYPED_LABEL_PATTERNS);
  });

  it.each(LABELS)('%s is level %i typed, pasted, imported and in 校对', (label, level) => {
    expect(matchHeadingLabel(`${label}${PHRASE}`)?.level).toBe(level);
    expect(TYPED_LABEL_PATTERNS.find((p) => p.pattern.test(label))?.level).toBe(level);

    const typed = typeIntoBody(`${label}${PHRASE}`);
    expect(typed[0]).toMatchObject({ type: 'heading', level });
    expect(inlineText(blockInlines(typed[0]!))).toBe(PHRASE);

    const pasted = pastedTextToBlocks(`${label}${PHRASE}${BODY}`)[0]!;
    const { document } = importPlainText(`标题在这里\n${label}${PHRASE}${BODY}\n`, { today: '2021-06-02' });
    const imported = document.issue.articles[0]!.body[0]!;
    for (const block of [pasted, imported]) {
      expect(block).toMatchObject({ type: 'heading', level });
      expect(inlineText(blockInlines(block))).toBe(PHRASE);
      expect(block.type === 'heading' && block.body ? inlineText(block.body) : '').toBe(BODY);
    }

    const checked = checkNumbering({
      publication: defaultProfile(),
      issue: {
        year: 2021, number: 8, date: '2021-06-02', editorNote: [], distribution: [], editors: [],
        articles: [{ title: '标题', body: [{ type: 'paragraph', content: [{ text: `${label}${PHRASE}` }] }], contributor: '' }],
      },
    });
    expect(checked.map((p) => p.message)).toEqual([`第1篇文章第1段：段首手工输入了序号“${label}”，应改为小标题（序号会自动编排）`]);
  });

  it('does not take numbers, dates or 一是 for labels', () => {
    for (const text of ['3.4万余名', '2021年', '一是加强学习', '今年3月', '1.5倍']) {
      expect(matchHeadingLabel(text), text).toBeUndefined();
      expect(pastedTextToBlocks(text)[0]!.type, text).toBe('paragraph');
    }
  });

  it('ends the heading phrase at the first sentence end', () => {
    expect(headingPhraseEnd('明确进站安排。每月')).toBe(7);
    expect(headingPhraseEnd('是否建立？已建立')).toBe(5);
    expect(headingPhraseEnd('基本情况')).toBe(-1);
  });
});
