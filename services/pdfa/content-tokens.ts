/**
 * A small tokenizer for PDF content streams (ISO 32000-1 §7.2, §8.2): enough for the PDF/A checks to see
 * which operators a page uses with which operands — colour operators, Tf, gs, Do, and the strings shown.
 */

export type Token =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'name'; readonly value: string }
  | { readonly kind: 'string'; readonly bytes: number[]; readonly hex: boolean }
  | { readonly kind: 'op'; readonly value: string }
  | { readonly kind: 'open' | 'close'; readonly value: string };

const DELIM = new Set(['(', ')', '<', '>', '[', ']', '{', '}', '/', '%']);
const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\f' || c === '\0';

/** Tokens of a content stream given as Latin-1 text. */
export function* contentTokens(text: string): Generator<Token> {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (isSpace(c)) {
      i++;
    } else if (c === '%') {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (c === '(') {
      const bytes: number[] = [];
      let depth = 1;
      i++;
      while (i < n && depth > 0) {
        const ch = text[i]!;
        if (ch === '\\') {
          const next = text[i + 1] ?? '';
          const oct = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4));
          if (oct) {
            bytes.push(parseInt(oct[0], 8) & 0xff);
            i += 1 + oct[0].length;
            continue;
          }
          const map: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
          if (next in map) bytes.push(map[next]!);
          else if (next !== '\n' && next !== '\r') bytes.push(next.charCodeAt(0));
          i += 2;
          continue;
        }
        if (ch === '(') depth++;
        if (ch === ')' && --depth === 0) break;
        bytes.push(ch.charCodeAt(0));
        i++;
      }
      i++;
      yield { kind: 'string', bytes, hex: false };
    } else if (c === '<' && text[i + 1] === '<') {
      i += 2;
      yield { kind: 'open', value: '<<' };
    } else if (c === '>' && text[i + 1] === '>') {
      i += 2;
      yield { kind: 'close', value: '>>' };
    } else if (c === '<') {
      const end = text.indexOf('>', i);
      const hex = text.slice(i + 1, end < 0 ? n : end).replace(/\s+/g, '');
      const padded = hex.length % 2 ? `${hex}0` : hex;
      const bytes: number[] = [];
      for (let k = 0; k < padded.length; k += 2) bytes.push(parseInt(padded.slice(k, k + 2), 16));
      i = end < 0 ? n : end + 1;
      yield { kind: 'string', bytes, hex: true };
    } else if (c === '[' || c === '{') {
      i++;
      yield { kind: 'open', value: c };
    } else if (c === ']' || c === '}') {
      i++;
      yield { kind: 'close', value: c };
    } else if (c === '/') {
      let j = i + 1;
      while (j < n && !isSpace(text[j]!) && !DELIM.has(text[j]!)) j++;
      const raw = text.slice(i + 1, j).replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      i = j;
      yield { kind: 'name', value: raw };
    } else {
      let j = i;
      while (j < n && !isSpace(text[j]!) && !DELIM.has(text[j]!)) j++;
      if (j === i) j++;
      const word = text.slice(i, j);
      i = j;
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) yield { kind: 'number', value: Number(word) };
      else {
        yield { kind: 'op', value: word };
        if (word === 'ID') {
          // Inline image data: skip to EI.
          const ei = text.indexOf('EI', i);
          i = ei < 0 ? n : ei + 2;
          yield { kind: 'op', value: 'EI' };
        }
      }
    }
  }
}

/** Each operator with its operands (arrays flattened into their elements; dictionaries skipped). */
export function* operations(text: string): Generator<{ readonly op: string; readonly operands: readonly Token[] }> {
  let operands: Token[] = [];
  let depth = 0;
  for (const token of contentTokens(text)) {
    if (token.kind === 'open') {
      depth += token.value === '<<' ? 1 : 0;
      continue;
    }
    if (token.kind === 'close') {
      depth -= token.value === '>>' ? 1 : 0;
      continue;
    }
    if (depth > 0) continue;
    if (token.kind === 'op') {
      yield { op: token.value, operands };
      operands = [];
    } else operands.push(token);
  }
}
