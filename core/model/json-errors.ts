/**
 * Where and why a text is not JSON, said in Chinese for a user ("不是有效的 JSON：第 3 行第 5 列附近有语法错误
 * （意外的字符“}”）"): Node 20's JSON.parse does not always say where it failed, so the text is scanned.
 */

/** "不是有效的 JSON：第 3 行第 5 列附近有语法错误（…）" for a text JSON.parse refused. */
export function jsonErrorReason(body: string): string {
  if (body.trim() === '') return '不是有效的 JSON：文件是空的';
  const offset = jsonErrorOffset(body);
  const { line, column } = lineAndColumn(body, offset);
  if (offset >= body.length) return `不是有效的 JSON：内容在第 ${line} 行第 ${column} 列意外结束，文件可能不完整`;
  return `不是有效的 JSON：第 ${line} 行第 ${column} 列附近有语法错误（${describeChar(body, offset)}）`;
}

function lineAndColumn(body: string, offset: number): { line: number; column: number } {
  const before = body.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  let line = 1;
  for (let i = before.indexOf('\n'); i !== -1; i = before.indexOf('\n', i + 1)) line++;
  return { line, column: offset - lastBreak };
}

function describeChar(body: string, offset: number): string {
  const cp = body.codePointAt(offset)!;
  if (cp > 0x20 && cp !== 0x7f && !(cp >= 0x80 && cp <= 0xa0) && !(cp >= 0xd800 && cp <= 0xdfff)) {
    return `意外的字符“${String.fromCodePoint(cp)}”`;
  }
  return `意外的字符 U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'comma-or-close' | 'end';

/**
 * The offset of the first JSON syntax error of a text (its length when the text ends too early), or -1 when
 * it is valid. Iterative, so that deeply nested input cannot exhaust the stack. Node 20's JSON.parse does
 * not always say where it failed, hence this scanner.
 */
export function jsonErrorOffset(body: string): number {
  const scanner = new JsonScanner(body);
  return scanner.run();
}

class JsonScanner {
  private i = 0;
  private readonly closers: string[] = [];
  private readonly s: string;

  constructor(text: string) {
    this.s = text;
  }

  run(): number {
    let expect: Expect = 'value';
    for (;;) {
      this.skipSpace();
      if (this.i >= this.s.length) return expect === 'end' ? -1 : this.i;
      const next = this.step(expect);
      if (next === undefined) return this.i;
      expect = next;
    }
  }

  /** Consumes one token where `expect` is expected; the next expectation, or undefined at an error. */
  private step(expect: Expect): Expect | undefined {
    const c = this.s[this.i]!;
    switch (expect) {
      case 'end':
        return undefined;
      case 'comma-or-close':
        if (c === ',') {
          this.i++;
          return this.closers.at(-1) === '}' ? 'key' : 'value';
        }
        return c === this.closers.at(-1) ? this.close() : undefined;
      case 'key-or-close':
        return c === '}' ? this.close() : this.key();
      case 'key':
        return this.key();
      case 'value-or-close':
        return c === ']' ? this.close() : this.value();
      case 'value':
        return this.value();
    }
  }

  private close(): Expect {
    this.i++;
    this.closers.pop();
    return this.afterValue();
  }

  private afterValue(): Expect {
    return this.closers.length > 0 ? 'comma-or-close' : 'end';
  }

  private key(): Expect | undefined {
    if (this.s[this.i] !== '"' || !this.string()) return undefined;
    this.skipSpace();
    if (this.s[this.i] !== ':') return undefined;
    this.i++;
    return 'value';
  }

  private value(): Expect | undefined {
    const c = this.s[this.i]!;
    if (c === '{' || c === '[') {
      this.closers.push(c === '{' ? '}' : ']');
      this.i++;
      return c === '{' ? 'key-or-close' : 'value-or-close';
    }
    const ok = c === '"' ? this.string() : c === '-' || (c >= '0' && c <= '9') ? this.number() : this.literal();
    return ok ? this.afterValue() : undefined;
  }

  private string(): boolean {
    const s = this.s;
    this.i++;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 0x22) {
        this.i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c !== 0x5c) this.i++;
      else if (!this.escape()) return false;
    }
    return false;
  }

  private escape(): boolean {
    const e = this.s[this.i + 1];
    if (e !== undefined && '"\\/bfnrt'.includes(e)) {
      this.i += 2;
      return true;
    }
    if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) {
      this.i += 6;
      return true;
    }
    this.i = Math.min(this.i + 1, this.s.length);
    return false;
  }

  private number(): boolean {
    const re = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    re.lastIndex = this.i;
    const m = re.exec(this.s);
    if (!m) return false;
    this.i += m[0].length;
    return true;
  }

  private literal(): boolean {
    const rest = this.s.slice(this.i, this.i + 5);
    for (const word of ['true', 'false', 'null']) {
      if (rest.startsWith(word)) {
        this.i += word.length;
        return true;
      }
      // A literal cut short by the end of the text ("tru"): the text ended too early.
      if (this.i + rest.length === this.s.length && word.startsWith(rest)) this.i = this.s.length;
    }
    return false;
  }

  private skipSpace(): void {
    const s = this.s;
    while (this.i < s.length && (s[this.i] === ' ' || s[this.i] === '\t' || s[this.i] === '\n' || s[this.i] === '\r')) {
      this.i++;
    }
  }
}
