/**
 * Keyboard bindings of the bulletin editor ("Mod" is Ctrl on Windows and Linux, Cmd on macOS):
 *
 * | keys                      | command                                                         |
 * |---------------------------|-----------------------------------------------------------------|
 * | Mod-z                     | undo                                                            |
 * | Mod-y, Shift-Mod-z        | redo                                                            |
 * | Mod-b                     | bold                                                            |
 * | Tab / Shift-Tab           | heading one level deeper / shallower (not on paragraphs)        |
 * | Alt-ArrowUp / Alt-ArrowDown | move the selected blocks up / down                            |
 * | Enter                     | split; the block after a heading is a paragraph                 |
 * | Shift-Enter               | in a heading: end the heading sentence here (run in)            |
 * | Mod-Alt-1 … Mod-Alt-4     | heading of level 1–4                                            |
 * | Mod-Alt-0                 | paragraph                                                       |
 * | Backspace                 | right after a typed label became a heading: give the label back |
 *
 * then ProseMirror's baseKeymap (Enter in paragraphs, Backspace/Delete joining, Mod-a, …).
 */

import { baseKeymap } from 'prosemirror-commands';
import { redo, undo } from 'prosemirror-history';
import { undoInputRule } from 'prosemirror-inputrules';
import { keymap } from 'prosemirror-keymap';
import type { Schema } from 'prosemirror-model';
import type { Command, Plugin } from 'prosemirror-state';
import {
  changeLevel,
  insertHeadingEnd,
  makeParagraph,
  moveBlock,
  setHeading,
  splitHeading,
  toggleBold,
} from '../commands.js';

/** The bulletin's own bindings (without baseKeymap), by key name. */
export function bulletinBindings(schema: Schema): Record<string, Command> {
  const bindings: Record<string, Command> = {
    'Mod-z': undo,
    'Mod-y': redo,
    'Shift-Mod-z': redo,
    'Mod-b': toggleBold,
    'Alt-ArrowUp': moveBlock(-1),
    'Alt-ArrowDown': moveBlock(1),
    'Mod-Alt-0': makeParagraph,
  };
  if (schema.nodes.heading) {
    Object.assign(bindings, {
      Tab: changeLevel(1),
      'Shift-Tab': changeLevel(-1),
      Enter: splitHeading,
      'Shift-Enter': insertHeadingEnd,
      Backspace: undoInputRule,
      'Mod-Alt-1': setHeading(1),
      'Mod-Alt-2': setHeading(2),
      'Mod-Alt-3': setHeading(3),
      'Mod-Alt-4': setHeading(4),
    });
  }
  return bindings;
}

/** The keymap plugins, in order: the bulletin's bindings, then baseKeymap. */
export function editorKeymaps(schema: Schema): Plugin[] {
  return [keymap(bulletinBindings(schema)), keymap(baseKeymap)];
}
