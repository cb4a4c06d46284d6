import { useEffect, useRef, useState, type ReactNode } from 'react';

/** Small shared pieces: a modal dialog and a labelled field. */

export function Dialog(props: {
  title: string;
  children: ReactNode;
  actions: ReactNode;
  onClose?: () => void;
  className?: string;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const onClose = props.onClose;
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('input, select, textarea, button.primary, button');
    first?.focus();
    return () => previous?.focus?.();
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && onClose) {
        e.preventDefault();
        e.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);
  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        className={`dialog ${props.className ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        data-testid={props.testId}
      >
        <div className="dialog-title">
          <span>{props.title}</span>
          {props.onClose && (
            <button type="button" className="dialog-x" title="关闭" onClick={props.onClose}>
              ×
            </button>
          )}
        </div>
        <div className="dialog-body">{props.children}</div>
        <div className="dialog-actions">{props.actions}</div>
      </div>
    </div>
  );
}

export function Field(props: { label: string; children: ReactNode; hint?: ReactNode; wide?: boolean }) {
  return (
    <label className={`field ${props.wide ? 'field-wide' : ''}`}>
      <span className="field-label">{props.label}</span>
      {props.children}
      {props.hint && <span className="field-hint">{props.hint}</span>}
    </label>
  );
}

/** A number input that keeps what is typed while it is not a valid number yet. */
export function NumberInput(props: {
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  min?: number;
  max?: number;
  allowEmpty?: boolean;
  name?: string;
  className?: string;
  ariaLabel?: string;
}) {
  const text = props.value === undefined ? '' : String(props.value);
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <input
      className={props.className}
      name={props.name}
      aria-label={props.ariaLabel}
      inputMode="numeric"
      value={draft ?? text}
      onChange={(e) => {
        const raw = e.target.value.replace(/[^\d]/g, '');
        setDraft(raw);
        if (raw === '') {
          if (props.allowEmpty) props.onChange(undefined);
          return;
        }
        const n = Number(raw);
        if ((props.min !== undefined && n < props.min) || (props.max !== undefined && n > props.max)) return;
        props.onChange(n);
      }}
      onBlur={() => setDraft(null)}
    />
  );
}
