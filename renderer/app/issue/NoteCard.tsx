import type { Inline } from '../../../core/model/inline.js';
import type { EditorHandlers } from './editorHandlers.js';
import { RichText } from './RichText.js';
import { NOTE_SLOT } from './slots.js';

/** The 编者按 card. */
export function NoteCard(props: { paragraphs: readonly (readonly Inline[])[]; generation: number; handlers: EditorHandlers }) {
  return (
    <section className="card note-card">
      <h2>编者按</h2>
      <RichText
        key={`note:${props.generation}`}
        slot={NOTE_SLOT}
        initialParagraphs={props.paragraphs}
        label="编者按"
        placeholder="编者按（可留空）"
        {...props.handlers}
      />
    </section>
  );
}
