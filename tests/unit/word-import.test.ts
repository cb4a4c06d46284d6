import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import CFB from 'cfb';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { pastedTextToBlocks } from '../../core/import/clean-blocks.js';
import { ImportError, importPlainText } from '../../core/import/plain-text.js';
import { readDocx } from '../../core/import/word/docx-reader.js';
import { wordToArticle } from '../../core/import/word/word-article.js';
import { importWordIssue, wordToArticles } from '../../core/import/word/word-issue.js';
import { readInput } from '../../core/io/read-input.js';
import { exportDocx } from '../../core/render/docx-export.js';
import { formatNumber } from '../../core/import/word/word-numbering.js';
import { inlineText } from '../../core/model/inline.js';
import type { Block } from '../../core/model/issue.js';
import { readWordFile } from '../../services/word-file.js';
import { contributionDocx, makeDocx, p, para, run } from '../helpers/docx-fixtures.js';
import { REPO_ROOT } from '../helpers/sample.js';
import { blockInlines } from '../../core/model/block-text.js';

const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'word');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

/** A block as "level:content|body" for compact comparisons. */
const shape = (b: Block) =>
  b.type === 'heading' ? `${b.level}:${inlineText(b.content)}${b.body ? `|${inlineText(b.body)}` : ''}` : `p:${inlineText(blockInlines(b))}`;

async function refusal(bytes: Uint8Array, name: string): Promise<string> {
  try {
    await readWordFile(bytes, name);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return (e as Error).message;
  }
  throw new Error(`${name} was read`);
}

describe('Word numbering formats', () => {
  it('writes Word number formats as Word shows them', () => {
    expect(formatNumber(3, 'chineseCounting')).toBe('三');
    expect(formatNumber(12, 'chineseCountingThousand')).toBe('十二');
    expect(formatNumber(2, 'taiwaneseCountingThousand')).toBe('二');
    expect(formatNumber(2, 'ideographTraditional')).toBe('乙');
    expect(formatNumber(4, 'decimalEnclosedParen')).toBe('(4)');
    expect(formatNumber(3, 'decimalEnclosedCircle')).toBe('③');
    expect(formatNumber(7, 'decimal')).toBe('7');
    expect(formatNumber(1, 'bullet')).toBeUndefined();
  });
});

describe('readDocx + wordToArticle: one contribution, Word automatic numbering', () => {
  const content = readDocx(contributionDocx());
  const { article, notes } = wordToArticle(content);

  it('takes the Title-styled paragraph as the title and the （…供稿） line as the contributor', () => {
    expect(article.title).toBe('岳阳市推进代表联络站提质增效');
    expect(article.contributor).toBe('岳阳市人大常委会');
  });

  it('numbers 一、（一）1.（1） from numbering.xml become heading levels 1–4, run in after the heading phrase', () => {
    expect(article.body.map(shape)).toEqual([
      'p:今年以来，岳阳市人大常委会以“三化”建设为抓手，推动代表联络站提质增效。',
      '1:深化活动主题。|各联络站围绕中心工作开展活动120余次。',
      '2:完善工作机制',
      '3:建立了联络站工作台账。',
      '4:每月一次。',
      '1:强化履职保障。|全市投入经费300万元。',
    ]);
    expect(content.paragraphs.map((x) => x.numberLabel).filter(Boolean)).toEqual(['一、', '（一）', '1.', '（1）', '二、']);
  });

  it('keeps bold runs and cleans like paste: half-width comma after Chinese made full-width, reported', () => {
    const heading = article.body[1]!;
    expect(blockInlines(heading)).toEqual([{ text: '深化活动主题。', bold: true }]);
    expect(notes.some((n) => n.kind === 'punctuation' && n.count === 1)).toBe(true);
    expect(notes.some((n) => n.kind === 'numbering' && n.count === 5)).toBe(true);
  });
});

describe('the same text gives the same structure: Word, .txt and paste', () => {
  const lines = [
    '株洲市开展“微实事”活动',
    '今年以来，株洲市各级人大代表联络站开展“微实事”活动，为群众办实事1200余件。',
    '一、建立清单。各联络站逐户走访,收集群众需求。',
    '（一）群众点单',
    '1.代表入户征集意见。',
    '（1）每月一次。',
    '二、办好实事。代表带头认领，限时办结。',
    '（株洲市人大常委会供稿）',
  ];
  const docx = makeDocx({ body: lines.map((l, i) => p(l, i === 0 ? { center: true } : {})).join('') });
  const fromWord = wordToArticle(readDocx(docx)).article;
  const fromWordIssue = importWordIssue(readDocx(docx), { today: '2026-01-05' }).document.issue.articles[0]!;
  const fromText = importPlainText(lines.join('\n'), { today: '2026-01-05' }).document.issue.articles[0]!;
  const fromPaste = pastedTextToBlocks(lines.slice(1, -1).join('\n'));

  it('gives the same blocks, title and contributor', () => {
    expect(fromWord.body.map(shape)).toEqual(fromText.body.map(shape));
    expect(fromWordIssue.body.map(shape)).toEqual(fromText.body.map(shape));
    expect(fromPaste.map(shape)).toEqual(fromText.body.map(shape));
    expect(fromWord.title).toBe(fromText.title);
    expect(fromWord.contributor).toBe(fromText.contributor);
    expect(fromText.body.map(shape)).toContain('1:建立清单。|各联络站逐户走访，收集群众需求。');
  });
});

describe('Word features that an article does not hold are reported by position', () => {
  const body = [
    p('标题：联络站建设情况', { style: 'Title' }),
    para(
      run('全市建成联络站') +
        '<w:ins w:id="1" w:author="张三"><w:r><w:t>三百二十</w:t></w:r></w:ins>' +
        '<w:del w:id="2" w:author="张三"><w:r><w:delText>三百</w:delText></w:r></w:del>' +
        run('个。') +
        '<w:commentRangeStart w:id="7"/>' +
        run('覆盖全部乡镇。') +
        '<w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r>' +
        '<w:r><w:footnoteReference w:id="3"/></w:r>',
    ),
    para(run('代表进站') + '<w:r><w:br/></w:r>' + run('履职。')),
    '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>县市区</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>站数</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
    para(
      run('活动照片如下。') +
        '<w:r><w:drawing><wp:inline><wp:docPr id="1" name="图片 1" descr="联络站照片"/><a:graphic><a:graphicData><pic:pic/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>',
    ),
    para(
      run('另见文本框。') +
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="2" name="文本框 2"/><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>典型案例：某站</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>典型案例：某站</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>',
    ),
    p(''),
    p('（市人大常委会供稿）'),
  ].join('');
  const content = readDocx(
    makeDocx({
      body,
      comments: '<w:comment w:id="7" w:author="李四"><w:p><w:r><w:t>请核实数字</w:t></w:r></w:p></w:comment>',
      footnotes: '<w:footnote w:id="3"><w:p><w:r><w:t>数据截至6月底</w:t></w:r></w:p></w:footnote>',
    }),
  );
  const { article, notes } = wordToArticle(content);
  const messages = notes.map((n) => `${n.kind} ${n.message}`);

  it('imports the accepted text of tracked changes and says so', () => {
    expect(inlineText(blockInlines(article.body[0]!))).toBe('全市建成联络站三百二十个。覆盖全部乡镇。');
    expect(messages.find((m) => m.startsWith('tracked-changes'))).toMatch(/插入 1 处、删除 1 处/);
  });

  it('names the paragraph of each comment, footnote, picture, text box and table', () => {
    expect(messages.filter((m) => m.startsWith('comment'))).toHaveLength(1); // range start and mark: one comment
    expect(messages.find((m) => m.startsWith('comment'))).toMatch(/第 2 段（“全市建成联络站三百二…”）：批注（李四）“请核实数字”/);
    expect(messages.find((m) => m.startsWith('footnote'))).toMatch(/第 2 段.*脚注“数据截至6月底”/);
    expect(messages.find((m) => m.startsWith('table'))).toMatch(/第 3 段（“代表进站履职。…”）之后有一个表格（1 行 × 2 列，“县市区站数…”）未导入：表格含有合并单元格/);
    expect(messages.find((m) => m.startsWith('picture'))).toMatch(/第 4 段.*图片（联络站照片）未导入/);
    const boxes = messages.filter((m) => m.startsWith('text-box'));
    expect(boxes).toHaveLength(1); // the Choice is read, not also its VML Fallback
    expect(boxes[0]).toMatch(/第 5 段.*文本框“典型案例：某站”/);
  });

  it('joins a manual line break between Han characters and drops empty paragraphs, reporting both', () => {
    expect(article.body.map(shape)).toContain('p:代表进站履职。');
    expect(messages).toContain('line-break 已删除段落中的 1 个手动换行');
    expect(messages).toContain('info 已删除 1 个空段落');
  });
});

describe('the title when no Title style is used', () => {
  it('takes the first centred paragraph, or else the larger one', () => {
    const centred = makeDocx({ body: p('（内部资料）') + p('代表联络站建设观察', { center: true }) + p('正文第一段。') });
    expect(wordToArticle(readDocx(centred)).article.title).toBe('代表联络站建设观察');
    const larger = makeDocx({ body: para(run('代表联络站建设观察', { size: 44 })) + p('正文第一段。') + p('正文第二段。') });
    expect(wordToArticle(readDocx(larger)).article.title).toBe('代表联络站建设观察');
  });
});

describe('run-in headings marked in bold, and a contributor signed at the end', () => {
  const right = (text: string) => `<w:p><w:pPr><w:jc w:val="right"/></w:pPr>${run(text)}</w:p>`;
  const docx = makeDocx({
    body: [
      p('常德市开展代表履职培训', { center: true }),
      p('今年以来，常德市人大常委会分批组织代表培训。'),
      para(run('突出政治引领。', { bold: true }) + run('培训把学习党的创新理论放在首位。')),
      para(run('注重实际效果。', { bold: true }) + run('采取案例教学，参训代表') + run('满意度', { bold: true }) + run('达98%。')),
      para(run('全段加粗的强调句。下一句也加粗。', { bold: true })),
      right('常德市人大常委会办公室'),
    ].join(''),
  });
  const { article, notes } = wordToArticle(readDocx(docx));

  it('makes a bold lead phrase with text after it a level-1 run-in heading, reported; an all-bold paragraph stays one', () => {
    expect(article.body.map(shape)).toEqual([
      'p:今年以来，常德市人大常委会分批组织代表培训。',
      '1:突出政治引领。|培训把学习党的创新理论放在首位。',
      '1:注重实际效果。|采取案例教学，参训代表满意度达98%。',
      'p:全段加粗的强调句。下一句也加粗。',
    ]);
    const second = article.body[2]!;
    expect(second.type === 'heading' && second.body).toEqual([{ text: '采取案例教学，参训代表' }, { text: '满意度', bold: true }, { text: '达98%。' }]);
    expect(notes.map((n) => n.message)).toContain('已将 2 段开头的加粗引导句识别为一级标题（接排），排版时自动编号，请核对');
  });

  it('gives the same article when the file is imported as a new issue (bulletin import x.docx) as with --into', () => {
    const issue = importWordIssue(readDocx(docx), { today: '2026-01-05' });
    expect(issue.document.issue.articles).toEqual([article]);
    expect(issue.notes.map((n) => n.message)).toContain('已将 2 段开头的加粗引导句识别为一级标题（接排），排版时自动编号，请核对');
  });

  it('takes a short right-aligned last paragraph as the contributor, reported', () => {
    expect(article.contributor).toBe('常德市人大常委会办公室');
    expect(notes.map((n) => n.message)).toContain('文末署名“常德市人大常委会办公室”已作为供稿单位，请核对');
  });
});

describe('a whole bulletin inserted into an issue', () => {
  it('gives each of its articles, and says the masthead and back matter were left out', async () => {
    const text = readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'lianluo-2021-12-two-articles.txt'));
    const issue = readInput(text, { name: 'two.txt', today: '2021-06-02' }).document;
    const { articles, notes } = wordToArticles(readDocx(await exportDocx(issue)));
    expect(issue.issue.articles).toHaveLength(2);
    expect(articles.map((a) => a.title)).toEqual(issue.issue.articles.map((a) => a.title));
    expect(articles.map((a) => a.body.map(shape))).toEqual(issue.issue.articles.map((a) => a.body.map(shape)));
    expect(notes[0]!.message).toMatch(/含有 2 篇文章/);
    // One contribution stays one article.
    expect(wordToArticles(readDocx(contributionDocx())).articles).toHaveLength(1);
  });
});

describe('files made by LibreOffice (tests/fixtures/word)', () => {
  it('reads LibreOffice .docx automatic Chinese numbering (taiwaneseCountingThousand) into heading levels', async () => {
    const { article } = wordToArticle(await readWordFile(fixture('contribution.docx'), 'contribution.docx'));
    expect(article.title).toBe('岳阳市推进代表联络站提质增效');
    expect(article.body.map(shape)).toEqual([
      'p:今年以来，岳阳市人大常委会以“三化”建设为抓手，推动代表联络站提质增效，全市建成联络站320个。',
      '1:深化活动主题。|各联络站围绕中心工作开展活动120余次。',
      '2:完善工作机制',
      '3:建立联络站工作台账。',
      '4:每月召开一次例会。',
      '4:每季度通报一次。',
      '3:落实代表进站制度。',
      '2:拓展联系渠道',
      '1:强化履职保障。|全市投入经费300万元。',
    ]);
    expect(article.contributor).toBe('岳阳市人大常委会');
  });

  it('reads .doc (Word 97) text with typed numbers into the same structure as the .docx, with a notice', async () => {
    const docx = wordToArticle(await readWordFile(fixture('typed-numbers.docx'), 'typed-numbers.docx'));
    const doc = wordToArticle(await readWordFile(fixture('typed-numbers.doc'), 'typed-numbers.doc'));
    expect(doc.article.body.map(shape)).toEqual(docx.article.body.map(shape));
    expect(doc.article.title).toBe('株洲市人大代表联络站开展“微实事”活动');
    expect(docx.article.title).toBe(doc.article.title);
    expect(doc.notes[0]!.message).toMatch(/没有读取格式/);
    expect(docx.article.body.map(shape)).toContain('2:群众点单');
  });

  it('reads a .doc whose numbers were automatic as text, the numbers missing, and says formatting was not read', async () => {
    const { article, notes } = wordToArticle(await readWordFile(fixture('contribution.doc'), 'contribution.doc'));
    expect(article.title).toBe('岳阳市推进代表联络站提质增效');
    expect(article.body.map(shape)).toContain('p:完善工作机制');
    expect(notes[0]!.message).toMatch(/旧版 Word\/WPS/);
  });
});

describe('bad input: one Chinese sentence, nothing read', () => {
  it('refuses empty, damaged, renamed and macro-enabled files with the reason', async () => {
    expect(await refusal(new Uint8Array(), 'a.docx')).toBe('文件是空的（0 字节）');
    expect(await refusal(strToU8('PK\u0003\u0004 broken zip'), 'a.docx')).toMatch(/已损坏/);
    expect(await refusal(strToU8('%PDF-1.7\n...'), 'a.docx')).toMatch(/PDF 文件/);
    expect(await refusal(strToU8('hello'), 'a.docx')).toMatch(/不是 Word 文档/);
    const xlsx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>') });
    expect(await refusal(xlsx, 'a.docx')).toMatch(/Excel/);
    const docm = makeDocx({ body: p('正文。'), contentType: 'application/vnd.ms-word.document.macroEnabled.main+xml' });
    expect(await refusal(docm, 'a.docm')).toMatch(/含宏/);
    const noBody = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/styles.xml': strToU8('<w:styles/>') });
    expect(await refusal(noBody, 'a.docx')).toMatch(/没有正文/);
    const badXml = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document><w:body>') });
    expect(await refusal(badXml, 'a.docx')).toMatch(/不是有效的 XML|已损坏/);
  });

  it('refuses a zip bomb before inflating it', async () => {
    // 70 MB of one character, deflated to a few dozen kilobytes: more than a document part may be.
    const huge = new Uint8Array(70 * 1024 * 1024).fill(0x20);
    const bomb = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': huge }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await refusal(bomb, 'bomb.docx')).toMatch(/压缩炸弹/);
  });

  it('refuses a password-protected document (an encrypted OOXML package in a compound file)', async () => {
    const container = CFB.utils.cfb_new();
    CFB.utils.cfb_add(container, '/EncryptionInfo', Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
    CFB.utils.cfb_add(container, '/EncryptedPackage', Buffer.alloc(4096, 7));
    const bytes = new Uint8Array(CFB.write(container, { type: 'buffer' }) as Buffer);
    expect(await refusal(bytes, '加密.docx')).toMatch(/设有打开密码/);
  });

  it('refuses an encrypted .doc (fEncrypted in the file information block) and a compound file that is not Word', async () => {
    const doc = fixture('typed-numbers.doc');
    const container = CFB.read(Buffer.from(doc), { type: 'buffer' });
    const word = CFB.find(container, 'WordDocument')!;
    const fib = Buffer.from(word.content as Uint8Array);
    fib[11] = (fib[11] ?? 0) | 0x01;
    word.content = fib;
    const encrypted = new Uint8Array(CFB.write(container, { type: 'buffer' }) as Buffer);
    expect(await refusal(encrypted, '加密.doc')).toMatch(/设有打开密码/);

    const xls = CFB.utils.cfb_new();
    CFB.utils.cfb_add(xls, '/Workbook', Buffer.alloc(600, 1));
    expect(await refusal(new Uint8Array(CFB.write(xls, { type: 'buffer' }) as Buffer), 'a.doc')).toMatch(/Excel/);
  });
});

describe('damaged .docx files never escape as anything but a Chinese ImportError', () => {
  it('reads or refuses every corrupted variant of a stored (uncompressed) .docx', async () => {
    const fc = await import('fast-check');
    const { unzipSync } = await import('fflate');
    const entries = unzipSync(contributionDocx());
    const stored = zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, [v, { level: 0 }]])) as never);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(stored.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), async (flips) => {
        const bytes = new Uint8Array(stored);
        for (const [at, value] of flips) bytes[at] = value;
        try {
          await readWordFile(bytes, 'x.docx');
        } catch (e) {
          expect(e).toBeInstanceOf(ImportError);
          expect((e as Error).message).toMatch(/\p{Script=Han}/u);
        }
      }),
      { numRuns: 300, seed: 9 },
    );
  });
});

describe('damaged .doc files: read or refused in Chinese', () => {
  it('reads or refuses every corrupted variant of a Word 97 file', async () => {
    const fc = await import('fast-check');
    const doc = fixture('typed-numbers.doc');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(doc.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), async (flips) => {
        const bytes = new Uint8Array(doc);
        for (const [at, value] of flips) bytes[at] = value;
        try {
          await readWordFile(bytes, 'x.doc');
        } catch (e) {
          expect(e).toBeInstanceOf(ImportError);
          expect((e as Error).message).toMatch(/\p{Script=Han}/u);
        }
      }),
      { numRuns: 200, seed: 9 },
    );
  });
});
