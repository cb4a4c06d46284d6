/**
 * Editor states: a document (from core blocks or note paragraphs) with the bulletin's plugins. Needs no DOM, so
 * states can be built and edited in Node (tests) as well as in the renderer.
 */

import { history } from 'prosemirror-history';
import type { Node as PMNode, Schema } from 'prosemirror-model';
import { EditorState, type Plugin } from 'prosemirror-state';
import type { Inline } from '../../core/model/inline.js';
import type { Block } from '../../core/model/issue.js';
import { blocksToDoc, docToBlocks, docToParagraphs, paragraphsToDoc } from './convert.js';
import { pastePlugin } from './paste.js';
import { findPlugin } from './plugins/find.js';
import { headingInputRules } from './plugins/input-rules.js';
import { editorKeymaps } from './plugins/keymap.js';
import { numberingPlugin } from './plugins/numbering.js';
import { picturePlugin } from './plugins/picture-insert.js';
import { proofreadPlugin } from './plugins/proofread.js';
import { runInPlugin } from './plugins/run-in.js';
import { runInRulePlugin } from './plugins/run-in-rule.js';
import { tableKeymap, tablePlugins } from './plugins/tables.js';
import { type EditorKind, kindOfSchema, schemaFor } from './schema.js';

/** What an editor state starts from. */
export interface CreateEditorStateOptions {
  /** 'body' for an article body (headings), 'note' for the editor's note (paragraphs only). */
  readonly kind: EditorKind;
  /** The body's blocks (kind 'body'; also accepted for 'note', where headings become paragraphs). */
  readonly blocks?: readonly Block[];
  /** The note's paragraphs (kind 'note'). */
  readonly paragraphs?: readonly (readonly Inline[])[];
}

/**
 * The plugins of an editor, in precedence order: input rules (body only), table keys (body only), keymaps
 * (bulletin keys before baseKeymap), history, numbering, run-in styling and the run-in rule (body only), find,
 * 校对 underlines, paste, then the table plugins (body only: merged-cell paste refusal, column resizing, editing).
 */
export function editorPlugins(schema: Schema): Plugin[] {
  const body = kindOfSchema(schema) === 'body';
  const plugins: Plugin[] = [];
  const rules = headingInputRules(schema);
  if (rules) plugins.push(rules);
  if (body) plugins.push(tableKeymap());
  if (body) plugins.push(picturePlugin());
  plugins.push(...editorKeymaps(schema), history());
  if (body) plugins.push(numberingPlugin(), runInPlugin(), runInRulePlugin());
  plugins.push(findPlugin(), proofreadPlugin(), pastePlugin(schema));
  if (body) plugins.push(...tablePlugins());
  return plugins;
}

/** The initial document for the options. */
function initialDoc(options: CreateEditorStateOptions): PMNode {
  const schema = schemaFor(options.kind);
  if (options.paragraphs !== undefined) return paragraphsToDoc(options.paragraphs, schema);
  return blocksToDoc(options.blocks ?? [], schema);
}

/**
 * A fresh editor state (with its own undo history) for an article body (`{ kind: 'body', blocks }`) or the
 * editor's note (`{ kind: 'note', paragraphs }`). Switching the editor to another article is
 * `view.updateState(createEditorState(…))`.
 */
export function createEditorState(options: CreateEditorStateOptions): EditorState {
  const schema = schemaFor(options.kind);
  return EditorState.create({ schema, doc: initialDoc(options), plugins: editorPlugins(schema) });
}

/** The kind of body a state edits. */
export function editorKind(state: EditorState): EditorKind {
  return kindOfSchema(state.schema);
}

/** The blocks of a state's document (for a note, all paragraphs). */
export function editorBlocks(state: EditorState): Block[] {
  return docToBlocks(state.doc);
}

/** The paragraphs of a state's document, for the editor's note. */
export function editorParagraphs(state: EditorState): Inline[][] {
  return docToParagraphs(state.doc);
}
