/** Small text helpers of the plain-text importer (./plain-text.ts), on code points rather than UTF-16 units. */

/** Length in code points. */
export function len(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** The last code point of a text, or undefined. */
export function lastChar(text: string): string {
  const chars = Array.from(text.slice(-2));
  return chars[chars.length - 1] ?? '';
}

/** Trims ASCII and full-width spaces, no-break spaces and tabs. */
export function trimLine(line: string): string {
  return line.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/gu, '');
}

/** Full-width digits to ASCII. */
export function asciiDigits(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30));
}

/** Up to n characters of the end or the start of a text, for messages. */
export function tail(text: string, n = 8): string {
  const chars = Array.from(text);
  return chars.slice(Math.max(0, chars.length - n)).join('');
}

/** Up to n characters of the start of a text, for messages. */
export function head(text: string, n = 8): string {
  return Array.from(text).slice(0, n).join('');
}
