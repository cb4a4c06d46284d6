import { memo, useEffect, useRef, type CSSProperties } from 'react';
import type { EditorView } from 'prosemirror-view';
import type { Inline } from '../../../core/model/inline.js';
import type { Block } from '../../../core/model/issue.js';
import { formatInfo, mountEditor, type FormatInfo } from './richtext.js';

/** Where an editor sits in the issue: the 编者按, or an article (by its stable key). */
export type EditorSlot = { readonly kind: 'note' } | { readonly kind: 'body'; readonly key: string };

export function slotId(slot: EditorSlot): string {
  return slot.kind === 'note' ? 'note' : `body:${slot.key}`;
}

/**
 * One ProseMirror editor, mounted once: the document flows out through onChange; a new `initial` value is only
 * taken when the component is remounted (a new `key`), e.g. after reloading the issue.
 */
export const RichText = memo(function RichText(props: {
  slot: EditorSlot;
  initialBlocks?: readonly Block[];
  initialParagraphs?: readonly (readonly Inline[])[];
  editable?: boolean;
  placeholder?: string;
  onChange: (slot: EditorSlot, value: readonly Block[] | readonly (readonly Inline[])[]) => void;
  onView: (slot: EditorSlot, view: EditorView | null) => void;
  onFocus: (slot: EditorSlot) => void;
  /** The selection's block type, level and bold, after every transaction and on focus. */
  onFormat?: (slot: EditorSlot, info: FormatInfo) => void;
  label: string;
}) {
  const mountRef = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const mount = mountRef.current!;
    const slot = latest.current.slot;
    const view = mountEditor(mount, {
      kind: slot.kind,
      blocks: latest.current.initialBlocks,
      paragraphs: latest.current.initialParagraphs,
      editable: latest.current.editable ?? true,
      label: latest.current.label,
      onChange: (value) => latest.current.onChange(latest.current.slot, value),
      onFocus: () => {
        latest.current.onFocus(latest.current.slot);
        latest.current.onFormat?.(latest.current.slot, formatInfo(view.state));
      },
      onStateChange: (state) => latest.current.onFormat?.(latest.current.slot, formatInfo(state)),
    });
    latest.current.onView(slot, view);
    return () => {
      latest.current.onView(slot, null);
      view.destroy();
    };
  }, []);

  return (
    <div
      className={`rich-text rich-${props.slot.kind}`}
      data-slot={slotId(props.slot)}
      data-placeholder={props.placeholder}
      // What goes in an empty editor, shown by the stylesheet (editor.css, --placeholder).
      style={props.placeholder ? ({ '--placeholder': JSON.stringify(props.placeholder) } as CSSProperties) : undefined}
      ref={mountRef}
    />
  );
});
