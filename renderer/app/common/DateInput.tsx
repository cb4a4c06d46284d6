import { useState } from 'react';
import { formatChineseDate, isValidDate, parseIsoDate, toIsoDate } from '../../../core/text/dates.js';

/**
 * The issue date as Chinese documents write it. One text field that shows 2021年6月2日 and accepts what editors
 * type or paste: 2021年6月2日, 2021-06-02, 2021.6.2, 2021/6/2, 20210602 (full-width digits too). The model keeps
 * ISO YYYY-MM-DD. A date that cannot exist (2021年2月30日) is explained in Chinese and the last valid date is
 * kept; text that is not a date yet is only reported when the field is left.
 *
 * Not <input type="date">: that shows the browser's locale format (06/02/2021) whatever the bulletin prints.
 */

export type DateParse =
  | { readonly kind: 'ok'; readonly iso: string }
  /** Looks like a date, but no such day exists: `reason` says why. */
  | { readonly kind: 'invalid'; readonly reason: string }
  /** Not (yet) a date. */
  | { readonly kind: 'unknown' };

const FORMS: readonly RegExp[] = [
  /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/,
  /^(\d{4})\s*([-./])\s*(\d{1,2})\s*\2\s*(\d{1,2})$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

/** Reads a typed date (see the component's comment); ISO form when it is a real calendar date. */
export function parseDateInput(text: string): DateParse {
  const t = text.normalize('NFKC').replace(/[\s\u3000]+/g, ' ').trim();
  if (!t) return { kind: 'unknown' };
  for (const form of FORMS) {
    const m = form.exec(t);
    if (!m) continue;
    // The separated form captures the separator as group 2.
    const parts = m.length === 5 ? [m[1], m[3], m[4]] : [m[1], m[2], m[3]];
    const [year, month, day] = parts.map(Number) as [number, number, number];
    const d = { year, month, day };
    if (isValidDate(d)) return { kind: 'ok', iso: toIsoDate(d) };
    return { kind: 'invalid', reason: impossibleReason(year, month, day) };
  }
  return { kind: 'unknown' };
}

function impossibleReason(year: number, month: number, day: number): string {
  if (year < 1900 || year > 2999) return `年份“${year}”不对：应在 1900 至 2999 年之间`;
  if (month < 1 || month > 12) return `没有${month}月：月份应为 1 至 12`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1) return `没有${month}月${day}日：日应从 1 起`;
  const leap = month === 2 && days === 28 && day === 29 ? `（${year}年不是闰年）` : '';
  return `${year}年${month}月只有${days}天，没有${day}日${leap}`;
}

/** 2021-06-02 → 2021年6月2日; a value that is not ISO is shown as it is. */
export function displayDate(iso: string): string {
  return parseIsoDate(iso) ? formatChineseDate(iso) : iso;
}

export function DateInput(props: {
  /** ISO YYYY-MM-DD. */
  value: string;
  onChange: (iso: string) => void;
  name?: string;
  ariaLabel?: string;
  className?: string;
  /** Extra attributes for the input (e.g. data-field for the check panel's jumps). */
  field?: string;
}) {
  const { value, onChange } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = displayDate(value);

  const take = (text: string) => {
    const parsed = parseDateInput(text);
    if (parsed.kind === 'ok') {
      setError(null);
      if (parsed.iso !== value) onChange(parsed.iso);
    } else if (parsed.kind === 'invalid') {
      setError(`${parsed.reason}。仍为${shown}。`);
    } else {
      setError(null);
    }
    return parsed;
  };

  const leave = () => {
    if (draft === null) return;
    const parsed = parseDateInput(draft);
    if (parsed.kind === 'unknown') {
      setError(
        draft.trim()
          ? `无法识别“${draft.trim()}”：请按“2021年6月2日”或“2021-06-02”的格式输入。仍为${shown}。`
          : `日期不能为空。仍为${shown}。`,
      );
    }
    // A valid date shows in the Chinese form; anything else gives way to the last valid date (the message stays).
    setDraft(null);
  };

  return (
    <span className={`date-input ${error ? 'has-error' : ''}`}>
      <input
        className={props.className ?? 'date-text'}
        name={props.name}
        aria-label={props.ariaLabel}
        aria-invalid={error ? true : undefined}
        data-field={props.field}
        data-iso={value}
        inputMode="text"
        autoComplete="off"
        spellCheck={false}
        placeholder="如：2021年6月2日"
        value={draft ?? shown}
        onChange={(e) => {
          setDraft(e.target.value);
          take(e.target.value);
        }}
        onFocus={() => setDraft((d) => d ?? shown)}
        onBlur={leave}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            leave();
          } else if (e.key === 'Escape' && draft !== null) {
            e.preventDefault();
            e.stopPropagation();
            setDraft(null);
            setError(null);
          }
        }}
      />
      {error && (
        <span className="field-error date-error" role="alert" data-testid="date-error">
          {error}
        </span>
      )}
    </span>
  );
}
