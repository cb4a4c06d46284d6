/**
 * The issue file format: versioned JSON.
 *
 *     { "format": "bulletin-issue", "version": 1, "publication": PublicationProfile, "issue": Issue }
 *
 * Reading is strict and complete: every problem of a file is reported with its path and a reason in
 * Chinese, unknown fields included. Any object may carry an `extensions` object for other tools' data; it
 * is accepted without checks and not kept (the model has no place for it). Files of older versions are
 * upgraded step by step through {@link MIGRATIONS} before they are checked.
 */
import type { BulletinDocument } from './document.js';
import type { Inline } from './inline.js';
import type { Article, Block, DistributionEntry, HeadingLevel, Issue } from './issue.js';
import { defaultProfile, type FontChoice, type FontRole, type PublicationProfile } from './profile.js';
import {
  actually,
  anything,
  array,
  boolean,
  integer,
  isoDate,
  isPlainObject,
  map,
  object,
  oneOf,
  string,
  variant,
  type FormatProblem,
  type Validator,
} from './validate.js';

export type { FormatProblem } from './validate.js';

/** The value of the `format` field of every issue file. */
export const FORMAT_ID = 'bulletin-issue';

/** The version this program writes, and the newest it reads. */
export const CURRENT_VERSION = 1;

/** Texts longer than this (UTF-16 code units, 20 MiB) are refused without being parsed. */
export const MAX_TEXT_LENGTH = 20 * 1024 * 1024;

/**
 * Upgrades the raw content of a file of version N to version N + 1. It receives the parsed JSON (already
 * known to be an object with the right `format`) and returns the upgraded content; it must not modify its
 * argument. The `version` field of the result is set to N + 1 by the caller.
 */
export type Migration = (raw: unknown) => unknown;

/** The upgrades from version N (the key) to N + 1. Empty while version 1 is the only version. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = Object.freeze({});

/** Why a file could not be read. */
export type ParseFailureKind =
  /** The text is not JSON at all (damaged, truncated, another kind of file). */
  | 'not-json'
  /** JSON, but not an issue file (no or another `format`). */
  | 'foreign'
  /** An issue file written by a newer version of the program. */
  | 'too-new'
  /** An issue file with invalid content, or too large to be one. */
  | 'invalid';

/** The outcome of reading an issue file. `migratedFrom` is the file's version when it was upgraded. */
export type ParseResult =
  | { readonly ok: true; readonly document: BulletinDocument; readonly migratedFrom?: number }
  | { readonly ok: false; readonly problems: FormatProblem[]; readonly kind: ParseFailureKind };

/** Options of {@link parseDocument} and {@link documentFromUnknown}. */
export interface ParseOptions {
  /** The upgrade table to use instead of {@link MIGRATIONS} (for tests). */
  readonly migrations?: Readonly<Record<number, Migration>>;
}

// ---------------------------------------------------------------------------------------------------------
// Writing

/**
 * The file text of a document: pretty JSON with a two-space indent, fields in a fixed order (the order of
 * the model), and a trailing newline. Only the model's fields are written.
 */
export function serializeDocument(doc: BulletinDocument): string {
  const file = {
    format: FORMAT_ID,
    version: CURRENT_VERSION,
    publication: publicationJson(doc.publication),
    issue: issueJson(doc.issue),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function publicationJson(p: PublicationProfile) {
  return {
    name: p.name,
    pinyin: p.pinyin,
    unit: p.unit,
    approvalNumber: p.approvalNumber,
    contact: p.contact,
    defaultDistribution: p.defaultDistribution.map(distributionJson),
    defaultEditors: [...p.defaultEditors],
    preset: p.preset,
    fonts: {
      title: fontJson(p.fonts.title),
      body: fontJson(p.fonts.body),
      hei: fontJson(p.fonts.hei),
      kai: fontJson(p.fonts.kai),
      song: fontJson(p.fonts.song),
    },
  };
}

function fontJson(f: FontChoice) {
  if (f.kind === 'bundled') return { kind: f.kind, family: f.family };
  return { kind: f.kind, path: f.path, ...(f.boldPath === undefined ? {} : { boldPath: f.boldPath }) };
}

function issueJson(i: Issue) {
  return {
    year: i.year,
    number: i.number,
    ...(i.totalNumber === undefined ? {} : { totalNumber: i.totalNumber }),
    date: i.date,
    editorNote: i.editorNote.map(inlinesJson),
    articles: i.articles.map(articleJson),
    distribution: i.distribution.map(distributionJson),
    editors: [...i.editors],
  };
}

function articleJson(a: Article) {
  return { title: a.title, body: a.body.map(blockJson), contributor: a.contributor };
}

function blockJson(b: Block) {
  if (b.type === 'paragraph') return { type: b.type, content: inlinesJson(b.content) };
  return {
    type: b.type,
    level: b.level,
    content: inlinesJson(b.content),
    ...(b.body === undefined ? {} : { body: inlinesJson(b.body) }),
  };
}

function inlinesJson(inlines: readonly Inline[]) {
  return inlines.map((i) => ({ text: i.text, ...(i.bold === undefined ? {} : { bold: i.bold }) }));
}

function distributionJson(d: DistributionEntry) {
  return { text: d.text, copies: d.copies };
}

// ---------------------------------------------------------------------------------------------------------
// Reading

/**
 * Reads the text of an issue file. Never throws: a text that is too large, not JSON, not an issue file,
 * from a newer version or invalid gives `ok: false` with the kind of failure and every problem found.
 */
export function parseDocument(text: string, options: ParseOptions = {}): ParseResult {
  if (text.length > MAX_TEXT_LENGTH) {
    const mb = (text.length / 1024 / 1024).toFixed(1);
    return failure('invalid', [{ path: '', reason: `文件过大（约 ${mb} MB），简报文件不会超过 20 MB` }]);
  }
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return failure('not-json', [{ path: '', reason: jsonErrorReason(body) }]);
  }
  return documentFromUnknown(raw, options);
}

/**
 * Checks an already parsed value (e.g. received over IPC) as the content of an issue file, upgrading it
 * from an older version first. Never throws; the document returned shares no objects with the value.
 */
export function documentFromUnknown(value: unknown, options: ParseOptions = {}): ParseResult {
  try {
    return readEnvelope(value, options.migrations ?? MIGRATIONS);
  } catch (error) {
    // Validators do not throw; this guards against exotic values (getters, proxies) passed over IPC.
    return failure('invalid', [{ path: '', reason: `无法读取内容：${String(error)}` }]);
  }
}

function readEnvelope(value: unknown, migrations: Readonly<Record<number, Migration>>): ParseResult {
  if (!isPlainObject(value) || value.format !== FORMAT_ID) {
    const where = isPlainObject(value) ? 'format' : '';
    const reason = `这不是简报文件（format 字段应为 ${FORMAT_ID}）`;
    return failure('foreign', [{ path: where, reason }]);
  }
  const version = value.version;
  if (!Object.hasOwn(value, 'version') || typeof version !== 'number' || !Number.isInteger(version)) {
    // Without a usable version, check the rest as the current version to report everything at once.
    const problems: FormatProblem[] = [{ path: 'version', reason: versionReason(value) }];
    validateContent({ ...value, version: CURRENT_VERSION }, problems);
    return failure('invalid', problems);
  }
  if (version > CURRENT_VERSION) {
    const reason = `文件版本 ${version} 比本程序支持的版本 ${CURRENT_VERSION} 新，请升级程序`;
    return failure('too-new', [{ path: 'version', reason }]);
  }
  const migrated = migrate(value, version, migrations);
  if (!migrated.ok) return migrated;
  const problems: FormatProblem[] = [];
  const document = validateContent(migrated.raw, problems);
  if (!document) return failure('invalid', problems);
  return version < CURRENT_VERSION ? { ok: true, document, migratedFrom: version } : { ok: true, document };
}

function versionReason(value: Record<string, unknown>): string {
  if (!Object.hasOwn(value, 'version')) return '缺少必填字段';
  return `应为整数，${actually(value.version)}`;
}

/** Applies the upgrades from `version` to the current version, in order. */
function migrate(
  raw: Record<string, unknown>,
  version: number,
  migrations: Readonly<Record<number, Migration>>,
): { ok: true; raw: unknown } | Extract<ParseResult, { ok: false }> {
  let current: unknown = raw;
  for (let v = version; v < CURRENT_VERSION; v++) {
    const step = Object.hasOwn(migrations, v) ? migrations[v] : undefined;
    if (!step) {
      const reason = `文件版本 ${version} 过旧，本程序无法读取（不能从版本 ${v} 升级到 ${v + 1}）`;
      return failure('invalid', [{ path: 'version', reason }]);
    }
    try {
      current = step(current);
    } catch (error) {
      const reason = `从版本 ${v} 升级到 ${v + 1} 时出错：${error instanceof Error ? error.message : String(error)}`;
      return failure('invalid', [{ path: '', reason }]);
    }
    if (isPlainObject(current)) current = { ...current, version: v + 1 };
  }
  return { ok: true, raw: current };
}

function failure(kind: ParseFailureKind, problems: FormatProblem[]): Extract<ParseResult, { ok: false }> {
  return { ok: false, kind, problems };
}

// ---------------------------------------------------------------------------------------------------------
// The schema of version 1

const text = string();
const inline: Validator<Inline> = object({ required: { text }, optional: { bold: boolean() } });
const inlines = array(inline);

const paragraph = object({ required: { type: oneOf(['paragraph']), content: inlines } });
const heading = object({
  required: {
    type: oneOf(['heading']),
    // integer() checks the range 1–4, so the number is a HeadingLevel.
    level: integer({ min: 1, max: 4 }) as Validator<HeadingLevel>,
    content: inlines,
  },
  optional: { body: inlines },
});
const block: Validator<Block> = variant({ key: 'type', variants: { paragraph, heading } });

const article: Validator<Article> = object({ required: { title: text, body: array(block), contributor: text } });

const distributionEntry: Validator<DistributionEntry> = object({
  required: { text, copies: integer({ min: 1, max: 9999 }) },
});

const issue: Validator<Issue> = object({
  required: {
    year: integer({ min: 1900, max: 2999 }),
    number: integer({ min: 1, max: 9999 }),
    date: isoDate(),
    editorNote: array(inlines),
    articles: array(article, { minItems: 1 }),
    distribution: array(distributionEntry),
    editors: array(text),
  },
  optional: { totalNumber: integer({ min: 1, max: 99_999_999 }) },
});

const fontChoice: Validator<FontChoice> = variant({
  key: 'kind',
  variants: {
    bundled: object({
      required: {
        kind: oneOf(['bundled']),
        family: oneOf(['noto-serif-sc', 'noto-serif-sc-heavy', 'noto-sans-sc', 'lxgw-wenkai']),
      },
    }),
    file: object({
      required: { kind: oneOf(['file']), path: string({ nonEmpty: true }) },
      optional: { boldPath: string({ nonEmpty: true }) },
    }),
  },
});

const fonts: Validator<Record<FontRole, FontChoice>> = object({
  required: { title: fontChoice, body: fontChoice, hei: fontChoice, kai: fontChoice, song: fontChoice },
});

/** Version 1 makes `preset` and `fonts` optional; absent, they take the values of {@link defaultProfile}. */
const publication: Validator<PublicationProfile> = map(
  object({
    required: {
      name: text,
      pinyin: text,
      unit: text,
      approvalNumber: text,
      contact: text,
      defaultDistribution: array(distributionEntry),
      defaultEditors: array(text),
    },
    optional: { preset: oneOf(['standard', 'compact']), fonts },
  }),
  (p): PublicationProfile => {
    const defaults = defaultProfile();
    return { ...p, preset: p.preset ?? defaults.preset, fonts: p.fonts ?? defaults.fonts };
  },
);

const content = object({
  required: { format: anything(), version: anything(), publication, issue },
});

function validateContent(raw: unknown, problems: FormatProblem[]): BulletinDocument | undefined {
  const checked = content(raw, '', problems);
  return checked && { publication: checked.publication, issue: checked.issue };
}

// ---------------------------------------------------------------------------------------------------------
// JSON syntax errors

/** "不是有效的 JSON：第 3 行第 5 列附近有语法错误（…）" for a text JSON.parse refused. */
function jsonErrorReason(body: string): string {
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
