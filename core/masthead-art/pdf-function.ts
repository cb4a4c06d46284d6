import type { PdfDocument } from './pdf-document.js';
import { isDict, isStream, latin1, type PdfValue } from './pdf-objects.js';

/**
 * PDF functions of one input (ISO 32000-1 §7.10), as a spot colour's tint transform uses them: type 2
 * (exponential: C0 + tᴺ·(C1 − C0)), type 0 (sampled, 8 or 16 bits, linear interpolation) and type 4 (a PostScript
 * calculator program: arithmetic, comparison, boolean, stack operators, if/ifelse; §7.10.5). Undefined when the
 * function is of another kind or cannot be read: the caller refuses the colour then.
 */
export type TintFunction = (t: number) => number[];

export function readTintFunction(v: PdfValue | undefined, doc: PdfDocument): TintFunction | undefined {
  const fn = doc.resolve(v);
  const dict = isStream(fn) ? fn.dict : fn;
  if (!isDict(dict)) return undefined;
  const nums = (k: string): number[] | undefined => {
    const a = doc.resolve(dict.get(k));
    return Array.isArray(a) ? a.map((x) => Number(doc.resolve(x))) : undefined;
  };
  const range = nums('Range');
  const clip = (out: number[]) => out.map((x, i) => (range && range.length >= 2 * i + 2 ? Math.min(range[2 * i + 1]!, Math.max(range[2 * i]!, x)) : x));
  const type = doc.resolve(dict.get('FunctionType'));
  if (type === 2) {
    const c0 = nums('C0') ?? [0];
    const c1 = nums('C1') ?? [1];
    const n = Number(doc.resolve(dict.get('N')) ?? 1);
    return (t) => clip(c0.map((a, i) => a + t ** n * ((c1[i] ?? 0) - a)));
  }
  if (type === 0 && isStream(fn) && range) {
    const size = nums('Size');
    const bps = Number(doc.resolve(dict.get('BitsPerSample')));
    if (!size || size.length !== 1 || (bps !== 8 && bps !== 16)) return undefined;
    const data = doc.decode(fn);
    const outputs = range.length / 2;
    const count = size[0]!;
    const max = 2 ** bps - 1;
    const sample = (i: number, j: number) => {
      const k = i * outputs + j;
      const raw = bps === 8 ? (data[k] ?? 0) : ((data[2 * k] ?? 0) << 8) | (data[2 * k + 1] ?? 0);
      return range[2 * j]! + (raw / max) * (range[2 * j + 1]! - range[2 * j]!);
    };
    return (t) => {
      const x = Math.max(0, Math.min(count - 1, t * (count - 1)));
      const i = Math.floor(x);
      const f = x - i;
      const next = Math.min(count - 1, i + 1);
      return Array.from({ length: outputs }, (_, j) => sample(i, j) + f * (sample(next, j) - sample(i, j)));
    };
  }
  if (type === 4 && isStream(fn)) {
    const program = parseCalculator(latin1(doc.decode(fn)));
    if (!program) return undefined;
    return (t) => {
      const stack: (number | boolean)[] = [t];
      if (!runCalculator(program, stack)) return [];
      return clip(stack.map(Number));
    };
  }
  return undefined;
}

type Op = string | number | { readonly block: Op[] };

/** The program `{ … }` as nested blocks; undefined on bad syntax. */
function parseCalculator(text: string): Op[] | undefined {
  const tokens = text.match(/[{}]|[^\s{}]+/g) ?? [];
  let pos = 0;
  const block = (): Op[] | undefined => {
    const out: Op[] = [];
    while (pos < tokens.length) {
      const t = tokens[pos++]!;
      if (t === '{') {
        const inner = block();
        if (!inner) return undefined;
        out.push({ block: inner });
      } else if (t === '}') return out;
      else if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) out.push(Number(t));
      else out.push(t);
    }
    return undefined;
  };
  if (tokens[pos++] !== '{') return undefined;
  const program = block();
  return program && pos === tokens.length ? program : undefined;
}

/** Runs a calculator program on the stack; false on an operator it does not know or a stack error. */
function runCalculator(program: readonly Op[], stack: (number | boolean)[], depth = 0): boolean {
  if (depth > 16) return false;
  const num = () => {
    const v = stack.pop();
    if (typeof v !== 'number') throw new Error('type');
    return v;
  };
  try {
    for (let i = 0; i < program.length; i++) {
      const op = program[i]!;
      if (typeof op === 'number') {
        stack.push(op);
        continue;
      }
      if (typeof op === 'object') {
        // A block is the operand of the if / ifelse after it.
        const next = program[i + 1];
        if (next === 'if') {
          if (stack.pop() === true && !runCalculator(op.block, stack, depth + 1)) return false;
          i++;
        } else if (typeof next === 'object' && program[i + 2] === 'ifelse') {
          if (!runCalculator(stack.pop() === true ? op.block : next.block, stack, depth + 1)) return false;
          i += 2;
        } else return false;
        continue;
      }
      const binary = (f: (a: number, b: number) => number | boolean) => {
        const b = num();
        const a = num();
        stack.push(f(a, b));
      };
      switch (op) {
        case 'add': binary((a, b) => a + b); break;
        case 'sub': binary((a, b) => a - b); break;
        case 'mul': binary((a, b) => a * b); break;
        case 'div': binary((a, b) => (b === 0 ? 0 : a / b)); break;
        case 'idiv': binary((a, b) => (b === 0 ? 0 : Math.trunc(a / b))); break;
        case 'mod': binary((a, b) => (b === 0 ? 0 : a % b)); break;
        case 'exp': binary((a, b) => a ** b); break;
        case 'atan': binary((a, b) => ((Math.atan2(a, b) * 180) / Math.PI + 360) % 360); break;
        case 'max': binary(Math.max); break;
        case 'min': binary(Math.min); break;
        case 'neg': stack.push(-num()); break;
        case 'abs': stack.push(Math.abs(num())); break;
        case 'sqrt': stack.push(Math.sqrt(num())); break;
        case 'sin': stack.push(Math.sin((num() * Math.PI) / 180)); break;
        case 'cos': stack.push(Math.cos((num() * Math.PI) / 180)); break;
        case 'ln': stack.push(Math.log(num())); break;
        case 'log': stack.push(Math.log10(num())); break;
        case 'ceiling': stack.push(Math.ceil(num())); break;
        case 'floor': stack.push(Math.floor(num())); break;
        case 'round': stack.push(Math.round(num())); break;
        case 'truncate': case 'cvi': stack.push(Math.trunc(num())); break;
        case 'cvr': stack.push(num()); break;
        case 'eq': { const b = stack.pop(); const a = stack.pop(); stack.push(a === b); break; }
        case 'ne': { const b = stack.pop(); const a = stack.pop(); stack.push(a !== b); break; }
        case 'gt': binary((a, b) => a > b); break;
        case 'ge': binary((a, b) => a >= b); break;
        case 'lt': binary((a, b) => a < b); break;
        case 'le': binary((a, b) => a <= b); break;
        case 'and': case 'or': case 'xor': {
          const b = stack.pop();
          const a = stack.pop();
          if (typeof a === 'boolean' && typeof b === 'boolean') stack.push(op === 'and' ? a && b : op === 'or' ? a || b : a !== b);
          else if (typeof a === 'number' && typeof b === 'number') stack.push(op === 'and' ? a & b : op === 'or' ? a | b : a ^ b);
          else return false;
          break;
        }
        case 'not': { const a = stack.pop(); stack.push(typeof a === 'boolean' ? !a : ~Number(a)); break; }
        case 'true': stack.push(true); break;
        case 'false': stack.push(false); break;
        case 'pop': stack.pop(); break;
        case 'dup': stack.push(stack[stack.length - 1]!); break;
        case 'exch': { const b = stack.pop()!; const a = stack.pop()!; stack.push(b, a); break; }
        case 'copy': { const n = num(); stack.push(...stack.slice(stack.length - n)); break; }
        case 'index': { const n = num(); stack.push(stack[stack.length - 1 - n]!); break; }
        case 'roll': {
          const j = num();
          const n = num();
          if (n <= 0) break;
          const part = stack.splice(stack.length - n, n);
          const s = ((j % n) + n) % n;
          stack.push(...part.slice(n - s), ...part.slice(0, n - s));
          break;
        }
        default:
          return false;
      }
      if (stack.length > 100 || stack.some((v) => v === undefined)) return false;
    }
    return true;
  } catch {
    return false;
  }
}
