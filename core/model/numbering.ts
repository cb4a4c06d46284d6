import { toChineseNumeral } from '../text/numerals.js';
import type { Block, HeadingLevel } from './issue.js';

/**
 * Section numbering of official documents: 一、 then （一） then 1. then （1）
 * (GB/T 9704-2012 §7.3.3: 文中结构层次序数依次可以用"一、""（一）""1.""（1）"标注).
 */
export function headingLabel(level: HeadingLevel, n: number): string {
  switch (level) {
    case 1:
      return `${toChineseNumeral(n)}、`;
    case 2:
      return `（${toChineseNumeral(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
  }
}

/**
 * The label of every heading in a body, in order, with null for non-heading blocks. A heading's counter
 * restarts after any heading of a higher level; a level that skips one (一、 then 1.) simply counts on.
 */
export function numberHeadings(blocks: readonly Block[]): (string | null)[] {
  const counters = [0, 0, 0, 0, 0];
  return blocks.map((block) => {
    if (block.type !== 'heading') return null;
    const level = block.level;
    counters[level]!++;
    for (let l = level + 1; l <= 4; l++) counters[l] = 0;
    return headingLabel(level, counters[level]!);
  });
}

/** Matches a typed-in label at the start of a text: 一、 （一） 1. 1． （1） and half-width variants. */
const LABELS: readonly { level: HeadingLevel; re: RegExp }[] = [
  { level: 1, re: /^([一二三四五六七八九十百]+)[、，,]\s*/u },
  { level: 2, re: /^[（(]([一二三四五六七八九十百]+)[）)]\s*/u },
  { level: 3, re: /^(\d{1,3})[.．、](?!\d)\s*/u },
  { level: 4, re: /^[（(](\d{1,3})[）)]\s*/u },
];

/** Recognises a typed-in heading label at the start of text: its level, the number and the label's length. */
export function matchHeadingLabel(
  text: string,
): { level: HeadingLevel; label: string; length: number } | undefined {
  for (const { level, re } of LABELS) {
    const m = re.exec(text);
    if (m) return { level, label: m[1]!, length: m[0].length };
  }
  return undefined;
}
