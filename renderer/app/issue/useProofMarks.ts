import { useCallback, type RefObject } from 'react';
import type { EditorView } from 'prosemirror-view';
import type { Problem } from '../../../core/check/problem.js';
import type { BulletinDocument } from '../../../core/model/document.js';
import { setProofMarks } from '../../editor/plugins/proofread.js';
import { proofMarksBySlot } from '../check/proof-marks.js';

/**
 * Draws each 校对 result in the text (wavy underlines): the marks of every editor, when the result is of the
 * document as it is now (an older one is dropped; a newer check is on its way).
 */
export function useProofMarks(options: {
  views: RefObject<Map<string, EditorView>>;
  docRef: RefObject<BulletinDocument>;
  keysRef: RefObject<readonly string[]>;
}) {
  const { views, docRef, keysRef } = options;
  return useCallback(
    (doc: BulletinDocument, problems: readonly Problem[]) => {
      if (doc !== docRef.current) return;
      const bySlot = proofMarksBySlot(problems, keysRef.current);
      for (const [slot, view] of views.current) setProofMarks(bySlot.get(slot) ?? [])(view.state, view.dispatch);
    },
    [views, docRef, keysRef],
  );
}
