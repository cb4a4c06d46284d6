/**
 * Chinese numerals as bulletins print them: 总第六百三十一期, 第十期, 一千零五.
 * Source: common usage of 中文小写数字 (GB/T 15835-2011 §5 lists where Chinese numerals are used).
 */

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
const SMALL_UNITS = ['', '十', '百', '千'] as const;

/** Writes 0 ≤ n < 10000 with 零 between non-zero digits across zeros, no trailing zeros. */
function belowTenThousand(n: number, leadingOne: boolean): string {
  const digits = [Math.floor(n / 1000) % 10, Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10];
  let out = '';
  let pendingZero = false;
  for (let i = 0; i < 4; i++) {
    const d = digits[i]!;
    const unit = SMALL_UNITS[3 - i]!;
    if (d === 0) {
      if (out) pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    // 10–19 are 十, 十一 … on their own, but 一十 inside a larger number (一百一十).
    if (d === 1 && unit === '十' && !out && !leadingOne) out += unit;
    else out += DIGITS[d] + unit;
  }
  return out;
}

/**
 * The Chinese numeral for a non-negative integer below 10^8: 10 → 十, 11 → 十一, 110 → 一百一十,
 * 1005 → 一千零五, 10010 → 一万零一十.
 */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1e8) {
    throw new RangeError(`不能写成中文数字：${n}`);
  }
  if (n === 0) return '零';
  const high = Math.floor(n / 10000);
  const low = n % 10000;
  if (high === 0) return belowTenThousand(low, false);
  let out = belowTenThousand(high, false) + '万';
  if (low === 0) return out;
  if (low < 1000) out += '零';
  return out + belowTenThousand(low, true);
}

const DIGIT_VALUE: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNIT_VALUE: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** Reads a Chinese numeral back (六百三十一 → 631); undefined when the text is not one. */
export function parseChineseNumeral(text: string): number | undefined {
  if (!text) return undefined;
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const ch of text) {
    if (ch in DIGIT_VALUE) {
      if (digit !== undefined && digit !== 0 && DIGIT_VALUE[ch] !== 0) return undefined;
      digit = DIGIT_VALUE[ch];
    } else if (ch in UNIT_VALUE) {
      section += (digit ?? 1) * UNIT_VALUE[ch]!;
      digit = undefined;
    } else if (ch === '万') {
      section += digit ?? 0;
      total += section * 10000;
      section = 0;
      digit = undefined;
    } else {
      return undefined;
    }
  }
  return total + section + (digit ?? 0);
}
