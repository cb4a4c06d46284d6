import { matchHeadingLabel, runInSplit } from './heading-grammar.js';
import { inlineText, normalizeInlines, sliceInlines, type Inline } from './inline.js';
import type { Block, HeadingBlock } from './issue.js';

/**
 * Run-in headings, the one rule for every path (docs/layout-rules.md, Headings): a heading paragraph with text
 * after its heading phrase is a run-in heading — `content` the phrase (in the level's face), `body` the rest (in
 * the body face), one paragraph. The plain-text importer (core/import/body-reader.ts), paste cleaning
 * (renderer/editor/clean-text.ts), the editor's typing rule (renderer/editor/plugins/run-in-rule.ts, which puts
 * the editor's marker where {@link runInSplit} says) and typesetting (core/typeset/styled.ts) call these
 * functions; where the phrase ends is the heading grammar's (core/model/heading-grammar.ts).
 */

/** Whether a heading is explicitly run in: its body holds text (an editor's marker placed by hand, a .docx run). */
export function hasRunInBody(block: HeadingBlock): boolean {
  return block.body !== undefined && inlineText(block.body).trim().length > 0;
}

/**
 * A heading with the run-in rule applied: when its text goes on after the heading phrase, the phrase becomes
 * `content` and the rest `body` (spaces between dropped). A heading already run in, or with nothing after its
 * phrase, is returned as it is. The block given is not changed.
 */
export function applyRunIn(block: HeadingBlock): HeadingBlock {
  if (hasRunInBody(block)) return block;
  const split = runInSplit(inlineText(block.content));
  if (!split) return block;
  return {
    type: 'heading',
    level: block.level,
    content: sliceInlines(block.content, 0, split.phraseEnd),
    body: sliceInlines(block.content, split.bodyStart),
  };
}

/**
 * A paragraph's inlines read by the heading grammar: a leading label (一、 （一） 1. （1） and their typed
 * variants) makes a heading of its level without the label, run in when text follows its phrase; a label with
 * nothing after it, or no label, leaves a paragraph.
 */
export function labelledBlock(inlines: readonly Inline[]): Block {
  const content = normalizeInlines(inlines);
  const text = inlineText(content);
  const label = matchHeadingLabel(text);
  const rest = label ? text.slice(label.length).trim() : '';
  if (!label || !rest) return { type: 'paragraph', content };
  const from = label.length + (text.slice(label.length).length - text.slice(label.length).trimStart().length);
  const to = text.trimEnd().length;
  return applyRunIn({ type: 'heading', level: label.level, content: sliceInlines(content, from, to) });
}
