/**
 * The bulletin editor (ProseMirror) for one body of text: an article body or the editor's note. The public API
 * for the React shell in one import: mounting (./create-editor.ts), toolbar commands (./commands.ts), Ctrl+F
 * (./plugins/find.ts), conversion (./convert.ts), paste clean-up (./paste.ts). Import ./editor.css once.
 */

export * from './create-editor.js';
export {
  blockInfo,
  changeLevel,
  insertHeadingEnd,
  makeParagraph,
  moveBlock,
  setHeading,
  splitHeading,
  toggleBold,
  toggleParagraph,
  toggleRunIn,
} from './commands.js';
export type { BlockInfo } from './commands.js';
export { blocksToDoc, docToBlocks, docToParagraphs, normalizeInlines, paragraphsToDoc } from './convert.js';
export { cleanPastedHtml, pastedTextToBlocks } from './paste.js';
export { headingLabels } from './plugins/numbering.js';
export { EDITOR_NOTICE_EVENT, inTable, insertTable, MERGED_PASTE_MESSAGE, tableCommands } from './plugins/tables.js';
export { bodySchema, headingEndOffset, isRunIn, kindOfSchema, noteSchema, schemaFor } from './schema.js';
export type { EditorKind } from './schema.js';
export { redo, undo, undoDepth, redoDepth } from 'prosemirror-history';
