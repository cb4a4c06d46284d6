import { describe, it, expect } from 'vitest';
import type { BulletinDocument } from '../../core/model/document.js';
import {
  FORMAT_ID,
  MAX_TEXT_LENGTH,
  documentFromUnknown,
  jsonErrorOffset,
  parseDocument,
  serializeDocument,
  type ParseResult,
} from '../../core/model/format.js';
import { DEFAULT_FONTS, defaultProfile } from '../../core/model/profile.js';
import { array, integer, object, string, textProblem, type FormatProblem } from '../../core/model/validate.js';
import { failed, paths, random, sampleDocument, sampleRaw } from '../helpers/format-samples.js';

describe('serializeDocument', () => {
  it('writes pretty JSON with the envelope first and a trailing newline', () => {
    const text = serializeDocument(sampleDocument());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "format": "bulletin-issue",\n  "version": 1,\n  "publication": {\n    "name"')).toBe(
      true,
    );
    expect(Object.keys(JSON.parse(text))).toEqual(['format', 'version', 'publication', 'issue']);
  });

  it('writes the same text whatever the key order of the objects in memory', () => {
    const doc = sampleDocument();
    const reversed = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).reverse()) as T;
    const shuffled: BulletinDocument = {
      issue: reversed({ ...doc.issue, articles: doc.issue.articles.map(reversed) }),
      publication: reversed({ ...doc.publication, fonts: reversed(doc.publication.fonts) }),
    };
    expect(Object.keys(shuffled.issue)[0]).toBe('editors');
    expect(serializeDocument(shuffled)).toBe(serializeDocument(doc));
  });

  it('keeps every optional publication setting through a save and a load (even pages, PDF/A, 刊名图)', () => {
    const doc = sampleDocument();
    const publication = {
      ...doc.publication,
      preferEvenPages: true,
      finalPdfA: false,
      mastheadArt: { kind: 'file' as const, path: '刊名.svg' },
      mastheadArtColour: 'own' as const,
    };
    const result = parseDocument(serializeDocument({ ...doc, publication }));
    if (!result.ok) throw new Error(result.problems.map((p) => p.reason).join('；'));
    expect(result.document.publication).toEqual(publication);
  });

  it('omits absent optional fields', () => {
    const doc = sampleDocument();
    const { totalNumber: _unused, ...issue } = doc.issue;
    const raw = JSON.parse(serializeDocument({ ...doc, issue }));
    expect('totalNumber' in raw.issue).toBe(false);
    expect('body' in raw.issue.articles[0].body[2]).toBe(false);
    expect('bold' in raw.issue.articles[0].body[0].content[0]).toBe(false);
  });
});

describe('parseDocument', () => {
  it('round-trips a document', () => {
    const doc = sampleDocument();
    const result = parseDocument(serializeDocument(doc));
    expect(result).toStrictEqual({ ok: true, document: doc });
  });

  it('round-trips the default profile with a minimal issue', () => {
    const doc: BulletinDocument = {
      publication: defaultProfile(),
      issue: {
        year: 2024,
        number: 1,
        date: '2024-02-29',
        editorNote: [],
        articles: [{ title: '', body: [], contributor: '' }],
        distribution: [],
        editors: [],
      },
    };
    const text = serializeDocument(doc);
    expect(parseDocument(text)).toStrictEqual({ ok: true, document: doc });
    const again = parseDocument(text);
    expect(again.ok && serializeDocument(again.document)).toBe(text);
  });

  it('accepts a byte order mark', () => {
    expect(parseDocument(`\uFEFF${serializeDocument(sampleDocument())}`).ok).toBe(true);
  });

  it('fills in preset and fonts when they are absent, and nothing else', () => {
    const raw = sampleRaw();
    delete raw.publication.preset;
    delete raw.publication.fonts;
    const result = parseDocument(JSON.stringify(raw));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.document.publication.preset).toBe('standard');
      expect(result.document.publication.fonts).toEqual(DEFAULT_FONTS);
    }
    for (const field of ['name', 'pinyin', 'unit', 'approvalNumber', 'contact', 'defaultDistribution', 'defaultEditors']) {
      const partial = sampleRaw();
      delete partial.publication[field];
      expect(failed(parseDocument(JSON.stringify(partial))).problems).toEqual([
        { path: `publication.${field}`, reason: '缺少必填字段' },
      ]);
    }
  });

  describe('foreign', () => {
    it.each([['[]'], ['[1, 2]'], ['42'], ['null'], ['"bulletin-issue"'], ['true']])('top-level %s', (text) => {
      const result = failed(parseDocument(text));
      expect(result.kind).toBe('foreign');
      expect(result.problems).toEqual([{ path: '', reason: '这不是简报文件（format 字段应为 bulletin-issue）' }]);
    });

    it('objects without or with another format', () => {
      for (const raw of [{}, { version: 1 }, { format: 'bulletin-profile', version: 1 }, { format: 1 }]) {
        const result = failed(parseDocument(JSON.stringify(raw)));
        expect(result.kind).toBe('foreign');
        expect(result.problems).toEqual([{ path: 'format', reason: '这不是简报文件（format 字段应为 bulletin-issue）' }]);
      }
    });
  });

  describe('too new', () => {
    it('reports the version', () => {
      const raw = { ...sampleRaw(), version: 3, somethingNew: true };
      const result = failed(parseDocument(JSON.stringify(raw)));
      expect(result.kind).toBe('too-new');
      expect(result.problems).toEqual([{ path: 'version', reason: '文件版本 3 比本程序支持的版本 1 新，请升级程序' }]);
    });
  });

  describe('invalid', () => {
    it('refuses a text over 20 MB without parsing it', () => {
      const result = failed(parseDocument(' '.repeat(MAX_TEXT_LENGTH + 1)));
      expect(result.kind).toBe('invalid');
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]!.path).toBe('');
      expect(result.problems[0]!.reason).toMatch(/^文件过大/);
    });

    it('reports all of five distinct errors', () => {
      const raw = sampleRaw();
      raw.issue.year = 1800;
      raw.issue.date = '2021-02-30';
      raw.issue.articles[0].body[1].level = 7;
      raw.issue.distribution[1].copies = 0;
      delete raw.publication.name;
      const result = failed(parseDocument(JSON.stringify(raw)));
      expect(result.kind).toBe('invalid');
      expect(paths(result.problems)).toEqual([
        'issue.articles[0].body[1].level',
        'issue.date',
        'issue.distribution[1].copies',
        'issue.year',
        'publication.name',
      ]);
      const reasons = Object.fromEntries(result.problems.map((p) => [p.path, p.reason]));
      expect(reasons['issue.articles[0].body[1].level']).toBe('应为 1 到 4 的整数，实际是 7');
      expect(reasons['issue.year']).toBe('应为 1900 到 2999 的整数，实际是 1800');
      expect(reasons['publication.name']).toBe('缺少必填字段');
      expect(reasons['issue.date']).toMatch(/^不是有效的日期/);
      expect(reasons['issue.distribution[1].copies']).toBe('应为 1 到 9999 的整数，实际是 0');
    });

    it('reports unknown fields, but accepts extensions objects anywhere', () => {
      const raw = sampleRaw();
      raw.issue.articles[0].subtitle = '副标题';
      raw.publication.fonts.kai.weight = 700;
      raw.extensions = { 'other-tool': { anything: [1, 2, { deep: null }] } };
      raw.issue.articles[0].body[0].extensions = { note: 'kept out of the model' };
      const result = failed(parseDocument(JSON.stringify(raw)));
      expect(result.problems).toEqual([
        { path: 'publication.fonts.kai.weight', reason: '未知字段' },
        { path: 'issue.articles[0].subtitle', reason: '未知字段' },
      ]);
      delete raw.issue.articles[0].subtitle;
      delete raw.publication.fonts.kai.weight;
      expect(parseDocument(JSON.stringify(raw))).toStrictEqual({ ok: true, document: sampleDocument() });
      raw.extensions = [];
      expect(failed(parseDocument(JSON.stringify(raw))).problems).toEqual([
        { path: 'extensions', reason: '应为对象，实际是数组' },
      ]);
    });

    it('checks every field of the issue', () => {
      const raw = sampleRaw();
      raw.issue.number = 1.5;
      raw.issue.totalNumber = '128';
      raw.issue.editorNote = [[{ text: 1 }], 'x'];
      raw.issue.articles[0].title = null;
      raw.issue.articles[0].body[0] = { type: 'list', content: [] };
      raw.issue.articles[0].body[1].body = [{ bold: 'yes' }];
      raw.issue.articles[1].contributor = ['a'];
      raw.issue.editors = ['张三', 3];
      raw.issue.date = '2021/6/2';
      const result = failed(parseDocument(JSON.stringify(raw)));
      expect(result.problems).toEqual([
        { path: 'issue.number', reason: '应为 1 到 9999 的整数，实际是 1.5' },
        { path: 'issue.date', reason: '日期格式应为 YYYY-MM-DD，实际是 "2021/6/2"' },
        { path: 'issue.editorNote[0][0].text', reason: '应为字符串，实际是 1' },
        { path: 'issue.editorNote[1]', reason: '应为数组，实际是字符串 "x"' },
        { path: 'issue.articles[0].title', reason: '应为字符串，实际是 null' },
        { path: 'issue.articles[0].body[0].type', reason: '应为 paragraph、heading、table 或 picture 之一，实际是字符串 "list"' },
        { path: 'issue.articles[0].body[1].body[0].text', reason: '缺少必填字段' },
        { path: 'issue.articles[0].body[1].body[0].bold', reason: '应为 true 或 false，实际是字符串 "yes"' },
        { path: 'issue.articles[1].contributor', reason: '应为字符串，实际是数组' },
        { path: 'issue.editors[1]', reason: '应为字符串，实际是 3' },
        { path: 'issue.totalNumber', reason: '应为 1 到 99999999 的整数，实际是字符串 "128"' },
      ]);
    });

    it('requires at least one article', () => {
      const raw = sampleRaw();
      raw.issue.articles = [];
      expect(failed(parseDocument(JSON.stringify(raw))).problems).toEqual([
        { path: 'issue.articles', reason: '至少需要 1 项，实际有 0 项' },
      ]);
    });

    it('checks the publication and its fonts', () => {
      const raw = sampleRaw();
      raw.publication.preset = 'big';
      raw.publication.defaultDistribution[0].copies = 10000;
      raw.publication.fonts.title = { kind: 'file', path: '' };
      raw.publication.fonts.body = { kind: 'bundled', family: 'simsun' };
      raw.publication.fonts.hei = { kind: 'system' };
      raw.publication.fonts.kai = 'lxgw-wenkai';
      delete raw.publication.fonts.song;
      const result = failed(parseDocument(JSON.stringify(raw)));
      expect(result.problems).toEqual([
        { path: 'publication.defaultDistribution[0].copies', reason: '应为 1 到 9999 的整数，实际是 10000' },
        { path: 'publication.preset', reason: '应为 standard 或 compact 之一，实际是字符串 "big"' },
        { path: 'publication.fonts.title.path', reason: '不能为空' },
        {
          path: 'publication.fonts.body.family',
          reason: '应为 noto-serif-sc、noto-serif-sc-heavy、noto-sans-sc 或 lxgw-wenkai 之一，实际是字符串 "simsun"',
        },
        { path: 'publication.fonts.hei.kind', reason: '应为 bundled 或 file 之一，实际是字符串 "system"' },
        { path: 'publication.fonts.kai', reason: '应为对象，实际是字符串 "lxgw-wenkai"' },
        { path: 'publication.fonts.song', reason: '缺少必填字段' },
      ]);
    });

    it('reports control characters and lone surrogates in text', () => {
      const raw = sampleRaw();
      raw.issue.articles[0].title = '标题\u0007';
      raw.issue.editors[0] = 'ab\ud800';
      raw.publication.name = '联络\r\n动态';
      raw.issue.articles[0].body[0].content[0].text = '可以\n换行\t和制表';
      const result = failed(parseDocument(JSON.stringify(raw)));
      expect(result.problems).toEqual([
        { path: 'publication.name', reason: '含有不允许的控制字符 U+000D（第 3 个字符）' },
        { path: 'issue.articles[0].title', reason: '含有不允许的控制字符 U+0007（第 3 个字符）' },
        { path: 'issue.editors[0]', reason: '含有不成对的代理字符 U+D800（第 3 个字符）' },
      ]);
    });

    it('reports a missing or malformed version together with the other problems', () => {
      const raw = sampleRaw();
      delete raw.version;
      raw.issue.year = 'x';
      const result = failed(parseDocument(JSON.stringify(raw)));
      expect(result.kind).toBe('invalid');
      expect(paths(result.problems)).toEqual(['issue.year', 'version']);
      raw.version = '1';
      raw.issue.year = 2021;
      expect(failed(parseDocument(JSON.stringify(raw))).problems).toEqual([
        { path: 'version', reason: '应为整数，实际是字符串 "1"' },
      ]);
    });

    it('reports missing sections and unknown top-level fields', () => {
      const result = failed(parseDocument(JSON.stringify({ format: FORMAT_ID, version: 1, extra: 1 })));
      expect(result.problems).toEqual([
        { path: 'publication', reason: '缺少必填字段' },
        { path: 'issue', reason: '缺少必填字段' },
        { path: 'extra', reason: '未知字段' },
      ]);
    });
  });

  describe('never throws', () => {
    const ALPHABET = [
      '{', '}', '[', ']', '"', ':', ',', ' ', '\n', '0', '1', '7', '-', '.', 'e', '\\', 'u', 'a',
      'true', 'null', '"format"', '"bulletin-issue"', '"version"', '"issue"', '"publication"', '\u0007', '\ud800',
    ];

    function check(text: string): void {
      let result: ParseResult | undefined;
      expect(() => (result = parseDocument(text))).not.toThrow();
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      expect(jsonErrorOffset(text) === -1).toBe(parses);
      if (result!.ok) return;
      expect(result!.kind === 'not-json').toBe(!parses);
      expect(result!.problems.length).toBeGreaterThan(0);
      for (const p of result!.problems) {
        expect(typeof p.path).toBe('string');
        expect(p.reason.length).toBeGreaterThan(0);
      }
    }

    it('for 2000 random JSON-ish strings', () => {
      const next = random(20210602);
      for (let n = 0; n < 2000; n++) {
        const length = Math.floor(next() * 40);
        let text = '';
        for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
        check(text);
      }
    });

    it('for 500 random mutations of a real file', () => {
      const next = random(7);
      const original = serializeDocument(sampleDocument());
      const pieces = ['', '0', '-1', '"x"', 'null', '[]', '{}', 'true', '9999999', '"2021-13-01"'];
      for (let n = 0; n < 500; n++) {
        const chars = [...original];
        const at = Math.floor(next() * chars.length);
        const removed = Math.floor(next() * 12);
        chars.splice(at, removed, pieces[Math.floor(next() * pieces.length)]!);
        check(chars.join(''));
      }
    });
  });
});

describe('documentFromUnknown', () => {
  it('validates an already parsed value and copies it', () => {
    const doc = sampleDocument();
    const raw = sampleRaw();
    const result = documentFromUnknown(raw);
    expect(result).toStrictEqual({ ok: true, document: doc });
    raw.issue.editors.push('王五');
    expect(result.ok && result.document.issue.editors).toEqual(['张三', '李四']);
  });

  it('reports values that did not come from JSON', () => {
    const raw = sampleRaw();
    raw.issue.year = Number.NaN;
    raw.issue.articles[0].body[0].content = [undefined];
    raw.issue.editors = new Array(1);
    const result = failed(documentFromUnknown(raw));
    expect(result.problems).toEqual([
      { path: 'issue.year', reason: '应为 1900 到 2999 的整数，实际是 NaN' },
      { path: 'issue.articles[0].body[0].content[0]', reason: '应为对象，实际是空缺' },
      { path: 'issue.editors[0]', reason: '应为字符串，实际是空缺' },
    ]);
    expect(failed(documentFromUnknown(undefined)).kind).toBe('foreign');
  });

  it('does not throw for exotic values', () => {
    const hostile = { format: FORMAT_ID, version: 1 } as Record<string, unknown>;
    Object.defineProperty(hostile, 'issue', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    expect(failed(documentFromUnknown(hostile)).kind).toBe('invalid');
  });
});

describe('validate toolkit', () => {
  it('composes validators and collects every problem', () => {
    const point = object({ required: { x: integer({ min: 0 }), label: string() }, optional: { tags: array(string()) } });
    const problems: FormatProblem[] = [];
    expect(point({ x: 1, label: 'a' }, 'p', problems)).toEqual({ x: 1, label: 'a' });
    expect(point({ x: -1, tags: ['a', 2], y: 0 }, 'p', problems)).toBeUndefined();
    expect(problems).toEqual([
      { path: 'p.x', reason: '应为不小于 0 的整数，实际是 -1' },
      { path: 'p.label', reason: '缺少必填字段' },
      { path: 'p.tags[1]', reason: '应为字符串，实际是 2' },
      { path: 'p.y', reason: '未知字段' },
    ]);
  });

  it('accepts surrogate pairs, newlines and tabs in text', () => {
    expect(textProblem('𠀀\n\t中文')).toBeUndefined();
    expect(textProblem('\udc00')).toBe('含有不成对的代理字符 U+DC00（第 1 个字符）');
    expect(textProblem('𠀀\u0085')).toBe('含有不允许的控制字符 U+0085（第 2 个字符）');
  });
});

describe('issue number bounds', () => {
  it('refuses numbers the masthead cannot print', async () => {
    const { parseDocument, serializeDocument } = await import('../../core/model/format.js');
    const { defaultProfile } = await import('../../core/model/profile.js');
    const doc = {
      publication: defaultProfile(),
      issue: {
        year: 2021, number: 10000, totalNumber: 100_000_000, date: '2021-06-02', editorNote: [],
        articles: [{ title: 't', body: [], contributor: '' }], distribution: [], editors: [],
      },
    };
    const result = parseDocument(serializeDocument(doc));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.path).sort()).toEqual(['issue.number', 'issue.totalNumber']);
  });
});
