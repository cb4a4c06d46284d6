import type { EditorSlot } from './RichText.js';

/** The 编者按's editor slot. */
export const NOTE_SLOT: EditorSlot = { kind: 'note' };

const bodySlots = new Map<string, EditorSlot>();

/** The (one, stable) editor slot of the article with `key`. */
export function bodySlot(key: string): EditorSlot {
  let slot = bodySlots.get(key);
  if (!slot) {
    slot = { kind: 'body', key };
    bodySlots.set(key, slot);
  }
  return slot;
}
