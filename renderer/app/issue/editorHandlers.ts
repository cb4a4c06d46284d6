import type { EditorView } from 'prosemirror-view';
import type { Inline } from '../../../core/model/inline.js';
import type { Block } from '../../../core/model/issue.js';
import type { EditorSlot } from './RichText.js';
import type { FormatInfo } from './richtext.js';

/** What every RichText of the issue is given (stable callbacks, see useEditorViews). */
export interface EditorHandlers {
  onChange: (slot: EditorSlot, value: readonly Block[] | readonly (readonly Inline[])[]) => void;
  onView: (slot: EditorSlot, view: EditorView | null) => void;
  onFocus: (slot: EditorSlot) => void;
  onFormat: (slot: EditorSlot, info: FormatInfo) => void;
}
