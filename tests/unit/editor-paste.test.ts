import { Fragment, Slice } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../core/model/issue.js';
import {
  blocksToHtml,
  boldClassesFromCss,
  fontWeightIsBold,
  htmlTreeToBlocks,
  styleHides,
  styleValue,
  type HtmlNodeLike,
} from '../../renderer/editor/clean-html.js';
import { blocksToDoc, blockToNode, docToBlocks } from '../../renderer/editor/convert.js';
import { copiedText } from '../../renderer/editor/copy.js';
import {
  cleanInlineText,
  cleanPastedBlock,
  cleanPastedHtml,
  cleanPastedSlice,
  pastedTextToBlocks,
  pastedTextToSlice,
} from '../../renderer/editor/paste.js';
import { bodySchema, noteSchema } from '../../renderer/editor/schema.js';
import { blockInlines } from '../../core/model/block-text.js';
import { tableHasMergedCells } from '../../renderer/editor/html-table.js';

const p = (text: string): Block => ({ type: 'paragraph', content: [{ text }] });

describe('pastedTextToBlocks', () => {
  it('makes one block per line, labelled lines headings without the label', () => {
    const text = [
      '　　一、基本情况',
      '　　今年以来，全市共组织代表1200人次参加活动。',
      '',
      '（一）组织领导',
      '(二)宣传发动',
      '1. 加强学习',
      '2．深入调研',
      '（1）线上',
      '(2)线下',
    ].join('\r\n');
    expect(pastedTextToBlocks(text)).toEqual([
      { type: 'heading', level: 1, content: [{ text: '基本情况' }] },
      p('今年以来，全市共组织代表1200人次参加活动。'),
      { type: 'heading', level: 2, content: [{ text: '组织领导' }] },
      { type: 'heading', level: 2, content: [{ text: '宣传发动' }] },
      { type: 'heading', level: 3, content: [{ text: '加强学习' }] },
      { type: 'heading', level: 3, content: [{ text: '深入调研' }] },
      { type: 'heading', level: 4, content: [{ text: '线上' }] },
      { type: 'heading', level: 4, content: [{ text: '线下' }] },
    ]);
  });

  it('runs a heading in when text follows its first sentence, as the importer does', () => {
    expect(pastedTextToBlocks('一、深化活动主题。这次活动以“人大代表为人民”为主题。')).toEqual([
      { type: 'heading', level: 1, content: [{ text: '深化活动主题。' }], body: [{ text: '这次活动以“人大代表为人民”为主题。' }] },
    ]);
  });

  it("reads Word's list numbers followed by a tab or no-break spaces", () => {
    expect(pastedTextToBlocks('1.\t加强学习\n2.\u00a0\u00a0\u00a0 深入调研')).toEqual([
      { type: 'heading', level: 3, content: [{ text: '加强学习' }] },
      { type: 'heading', level: 3, content: [{ text: '深入调研' }] },
    ]);
  });

  it('cleans punctuation, spaces and control characters', () => {
    expect(pastedTextToBlocks('代表们表示,要把“人大代表为人民”落到实处!\u200b共 12 位代表(含列席)参加.\u0007')).toEqual([
      p('代表们表示，要把“人大代表为人民”落到实处！共12位代表（含列席）参加。'),
    ]);
    expect(pastedTextToBlocks('会议于2021 年 6 月 2 日在 Beijing Hotel 举行。')).toEqual([p('会议于2021年6月2日在Beijing Hotel举行。')]);
    expect(pastedTextToBlocks('孤\ud800立的代理项')).toEqual([p('孤立的代理项')]);
  });

  it('leaves numbers that are not labels alone', () => {
    expect(pastedTextToBlocks('1.5万人次参加。\n2021年6月2日\n一是加强学习。')).toEqual([
      p('1.5万人次参加。'),
      p('2021年6月2日'),
      p('一是加强学习。'),
    ]);
  });

  it('keeps labels as text in the editor’s note, and when continuing a line', () => {
    expect(pastedTextToBlocks('一、基本情况', { headings: false })).toEqual([p('一、基本情况')]);
    expect(pastedTextToBlocks('一、基本情况\n二、做法', { continuesText: true })).toEqual([
      p('一、基本情况'),
      { type: 'heading', level: 1, content: [{ text: '做法' }] },
    ]);
    expect(pastedTextToBlocks('\n\n  \n')).toEqual([]);
  });
});

describe('cleanInlineText and cleanPastedBlock keep bold runs', () => {
  it('maps deletions and replacements back onto the runs', () => {
    expect(cleanInlineText([{ text: '共 12' }, { text: ' 位代表', bold: true }, { text: ',会议' }])).toEqual([
      { text: '共12' },
      { text: '位代表', bold: true },
      { text: '，会议' },
    ]);
  });

  it('takes the label off a bold heading and keeps the bold', () => {
    expect(cleanPastedBlock({ type: 'paragraph', content: [{ text: '一、深化活动主题。', bold: true }, { text: '这次活动' }] })).toEqual({
      type: 'heading',
      level: 1,
      content: [{ text: '深化活动主题。', bold: true }],
      body: [{ text: '这次活动' }],
    });
  });
});

describe('cleanPastedSlice (transformPasted)', () => {
  it('turns labelled blocks into headings and normalizes text', () => {
    const doc = blocksToDoc([p('一、总体情况'), p('代表们表示,要落到实处!'), p('（1）线上')]);
    const slice = cleanPastedSlice(new Slice(doc.content, 0, 0), bodySchema);
    expect(docToBlocks(bodySchema.topNodeType.create(null, slice.content))).toEqual([
      { type: 'heading', level: 1, content: [{ text: '总体情况' }] },
      p('代表们表示，要落到实处！'),
      { type: 'heading', level: 4, content: [{ text: '线上' }] },
    ]);
  });

  it('leaves an open first block that continues text as text, with its spaces', () => {
    const doc = blocksToDoc([p(' 一、甲'), p('二、乙')]);
    const slice = cleanPastedSlice(new Slice(doc.content, 1, 1), bodySchema, { continuesText: true, textFollows: true });
    expect(slice.openStart).toBe(1);
    expect(docToBlocks(bodySchema.topNodeType.create(null, slice.content))).toEqual([
      p(' 一、甲'),
      { type: 'heading', level: 1, content: [{ text: '乙' }] },
    ]);
  });

  it('drops empty blocks between others and keeps the open edges', () => {
    const doc = blocksToDoc([p('甲'), p('\u00a0'), p('乙')]);
    const slice = cleanPastedSlice(new Slice(doc.content, 1, 1), bodySchema);
    expect(slice.content.childCount).toBe(2);
    expect([slice.openStart, slice.openEnd]).toEqual([1, 1]);
  });

  it('keeps labels as text in the note', () => {
    const doc = blocksToDoc([p('一、总体情况')], noteSchema);
    const slice = cleanPastedSlice(new Slice(doc.content, 0, 0), noteSchema);
    expect(slice.content.firstChild!.type.name).toBe('paragraph');
    expect(slice.content.firstChild!.textContent).toBe('一、总体情况');
  });

  it('returns the same slice when nothing changes', () => {
    const doc = blocksToDoc([p('甲。')]);
    const slice = new Slice(doc.content, 1, 1);
    expect(cleanPastedSlice(slice, bodySchema)).toBe(slice);
  });
});

describe('pastedTextToSlice (clipboardTextParser)', () => {
  it('is open at both ends so one line joins the current paragraph', () => {
    const slice = pastedTextToSlice('甲乙', bodySchema);
    expect([slice.openStart, slice.openEnd]).toEqual([1, 1]);
    expect(pastedTextToSlice('', bodySchema)).toBe(Slice.empty);
    const two = pastedTextToSlice('一、甲\n乙', bodySchema);
    expect(two.content.firstChild!.type.name).toBe('heading');
    expect(Fragment.from(two.content).childCount).toBe(2);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The HTML cleaner on hand-built trees shaped like what a browser's parser makes of Word, WPS and web HTML
// (the real parser is exercised in Chromium by editor-browser.test.ts).

type Attrs = Record<string, string>;
interface FakeNode extends HtmlNodeLike {
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
}
function el(name: string, attrs: Attrs = {}, ...children: (FakeNode | string)[]): FakeNode {
  const nodes = children.map((c) => (typeof c === 'string' ? text(c) : c));
  return {
    nodeType: 1,
    nodeName: name.toUpperCase(),
    nodeValue: null,
    childNodes: nodes,
    getAttribute: (n) => attrs[n] ?? null,
    hasAttribute: (n) => n in attrs,
  };
}
function text(value: string): FakeNode {
  return { nodeType: 3, nodeName: '#text', nodeValue: value, childNodes: [], getAttribute: () => null, hasAttribute: () => false };
}
function comment(value: string): FakeNode {
  return { nodeType: 8, nodeName: '#comment', nodeValue: value, childNodes: [], getAttribute: () => null, hasAttribute: () => false };
}
function fragment(...children: FakeNode[]): HtmlNodeLike {
  return { nodeType: 11, nodeName: '#document-fragment', nodeValue: null, childNodes: children };
}

describe('htmlTreeToBlocks: tables', () => {
  const table = (cell1Attrs: Attrs = {}) =>
    el(
      'table',
      {},
      el('thead', {}, el('tr', {}, el('th', cell1Attrs, '县市区'), el('th', {}, '站数'))),
      el('tbody', {}, el('tr', {}, el('td', {}, el('p', {}, '芙蓉区')), el('td', {}, el('b', {}, '12')))),
    );
  it('makes a table without merged cells a table block in an article body (first row the header, bold kept)', () => {
    expect(htmlTreeToBlocks(fragment(el('p', {}, '前'), table(), el('p', {}, '后')))).toEqual([
      { type: 'paragraph', content: [{ text: '前' }] },
      {
        type: 'table',
        rows: [
          { cells: [{ content: [{ text: '县市区' }] }, { content: [{ text: '站数' }] }] },
          { cells: [{ content: [{ text: '芙蓉区' }] }, { content: [{ text: '12', bold: true }] }] },
        ],
      },
      { type: 'paragraph', content: [{ text: '后' }] },
    ]);
  });
  it('knows a table with merged cells, and leaves it as paragraphs (the paste itself is refused by the table plugin)', () => {
    expect(tableHasMergedCells(table({ rowspan: '2' }) as never)).toBe(true);
    expect(tableHasMergedCells(table() as never)).toBe(false);
    expect(htmlTreeToBlocks(fragment(table({ colspan: '2' }))).every((b) => b.type === 'paragraph')).toBe(true);
  });
  it('has no tables in the editor’s note', () => {
    expect(htmlTreeToBlocks(fragment(table()), { headings: false }).map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph']);
  });
});

describe('htmlTreeToBlocks', () => {
  it('reads Word HTML: MsoNormal paragraphs, mso styles, <o:p>, conditional comments, list numbers', () => {
    const tree = fragment(
      el('meta', { charset: 'utf-8' }),
      el('style', {}, '<!-- p.MsoNormal, li.MsoNormal {margin:0cm; font-size:10.5pt;} span.Strong1 {font-weight:bold} -->'),
      comment('[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]'),
      comment('StartFragment'),
      el(
        'p',
        { class: 'MsoNormal', style: 'text-indent:32.0pt;mso-char-indent-count:2.0' },
        el('b', {}, el('span', { style: "font-family:黑体;mso-ascii-font-family:'Times New Roman'" }, '一、深化活动主题。')),
        el('span', { style: 'font-family:仿宋_GB2312' }, '这次活动\r\n以', el('span', { class: 'Strong1' }, '“人大代表为人民”'), '为主题。'),
        el('o:p', {}, '\u00a0'),
      ),
      el('p', { class: 'MsoNormal' }, el('span', {}, el('o:p', {}, '\u00a0'))),
      el(
        'p',
        { class: 'MsoListParagraph', style: 'margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1' },
        comment('[if !supportLists]'),
        el('span', { style: 'mso-list:Ignore' }, '1.', el('span', { style: 'font:7.0pt "Times New Roman"' }, '\u00a0\u00a0\u00a0\u00a0 ')),
        comment('[endif]'),
        el('span', {}, '加强学习'),
      ),
      el(
        'p',
        { class: 'MsoListParagraph', style: 'mso-list:l1 level1 lfo2' },
        el('span', { style: 'font-family:Wingdings;mso-list:Ignore' }, 'Ø', el('span', {}, '\u00a0 ')),
        '要点',
      ),
      comment('EndFragment'),
    );
    expect(htmlTreeToBlocks(tree)).toEqual([
      {
        type: 'paragraph',
        content: [{ text: '一、深化活动主题。', bold: true }, { text: '这次活动 以' }, { text: '“人大代表为人民”', bold: true }, { text: '为主题。' }],
      },
      { type: 'paragraph', content: [{ text: '1.\u00a0\u00a0\u00a0\u00a0 加强学习' }] },
      { type: 'paragraph', content: [{ text: '要点' }] },
    ]);
  });

  it('drops scripts, styles, frames, objects, images, forms and hidden text', () => {
    const tree = fragment(
      el('script', {}, 'alert(1)'),
      el('p', { onclick: 'alert(1)' }, '甲', el('img', { src: 'http://x/y.png', onerror: 'alert(1)' }), '乙'),
      el('iframe', { src: 'javascript:alert(1)' }, '框架'),
      el('object', {}, el('embed', { src: 'x.swf' }), '对象'),
      el('p', {}, el('a', { href: 'javascript:alert(1)' }, '链接文字')),
      el('p', { style: 'display:none' }, '隐藏'),
      el('p', {}, el('span', { style: 'mso-hide:all' }, '隐'), '显', el('span', { hidden: '' }, '藏')),
      el('svg', {}, el('text', {}, '矢量')),
      el('button', {}, '分享'),
    );
    expect(htmlTreeToBlocks(tree)).toEqual([p('甲乙'), p('链接文字'), p('显')]);
    const html = blocksToHtml(htmlTreeToBlocks(tree));
    expect(html).toBe('<p>甲乙</p><p>链接文字</p><p>显</p>');
    expect(html).not.toMatch(/script|img|iframe|javascript|on\w+=/i);
  });

  it('reads bold from tags, styles and style sheets, and Google Docs’ non-bold <b>', () => {
    const tree = fragment(
      el('style', {}, '.c1{font-weight:700} .c2{color:red}'),
      el(
        'b',
        { style: 'font-weight:normal;', id: 'docs-internal-guid-1' },
        el('p', {}, el('span', { style: 'font-weight:700' }, '粗'), el('span', { style: 'font-weight:400' }, '细')),
      ),
      el('p', {}, el('strong', {}, '强'), el('span', { class: 'c1' }, '类'), el('span', { class: 'c2' }, '红'), el('b', { style: 'font-weight: normal' }, '常')),
    );
    expect(htmlTreeToBlocks(tree)).toEqual([
      { type: 'paragraph', content: [{ text: '粗', bold: true }, { text: '细' }] },
      { type: 'paragraph', content: [{ text: '强类', bold: true }, { text: '红常' }] },
    ]);
  });

  it('splits blocks at block elements and <br>, and keeps pre lines', () => {
    const tree = fragment(
      el('div', {}, '甲', el('br'), '乙', el('div', {}, '丙'), '丁'),
      // A table with merged cells cannot be a table block: its cells fall apart into paragraphs.
      el('table', {}, el('tbody', {}, el('tr', {}, el('td', { colspan: '2' }, '格一'), el('td', {}, el('p', {}, '格二'))))),
      el('ul', {}, el('li', {}, '项一'), el('li', {}, '项二')),
      el('pre', {}, '行一\n行二'),
    );
    expect(htmlTreeToBlocks(tree).map((b) => blockInlines(b).map((i) => i.text).join(''))).toEqual([
      '甲', '乙', '丙', '丁', '格一', '格二', '项一', '项二', '行一', '行二',
    ]);
  });

  it('keeps headings (h1–h6 by level, our data-level first) and our run-in marker', () => {
    const tree = fragment(
      el('h1', {}, '一、总体情况'),
      el('h2', { class: 'bulletin-heading', 'data-level': '1' }, '深化主题。', el('span', { 'data-heading-end': '' }), el('strong', {}, '正文')),
      el('h6', {}, '小'),
      el('p', {}, '段', el('span', { 'data-heading-end': '' }), '落'),
    );
    const blocks = htmlTreeToBlocks(tree);
    expect(blocks).toEqual([
      { type: 'heading', level: 1, content: [{ text: '一、总体情况' }] },
      { type: 'heading', level: 1, content: [{ text: '深化主题。' }], body: [{ text: '正文', bold: true }] },
      { type: 'heading', level: 4, content: [{ text: '小' }] },
      p('段落'),
    ]);
    expect(blocksToHtml(blocks)).toBe(
      '<h1>一、总体情况</h1><h1>深化主题。<span data-heading-end=""></span><strong>正文</strong></h1><h4>小</h4><p>段落</p>',
    );
    expect(htmlTreeToBlocks(tree, { headings: false })[1]).toEqual({
      type: 'paragraph',
      content: [{ text: '深化主题。' }, { text: '正文', bold: true }],
    });
  });

  it('does not overflow on deeply nested markup', () => {
    let node: FakeNode = text('深');
    for (let i = 0; i < 50_000; i++) node = el('span', {}, node);
    expect(htmlTreeToBlocks(fragment(el('p', {}, node)))).toEqual([p('深')]);
  });
});

describe('cleanPastedHtml', () => {
  it('parses in a template of the document given and returns minimal HTML', () => {
    const calls: string[] = [];
    const doc = {
      createElement(tag: 'template') {
        calls.push(tag);
        const holder = { innerHTML: '', content: fragment(el('p', {}, el('b', {}, '粗'), '<细>&')) };
        return holder;
      },
    };
    expect(cleanPastedHtml('<p><b>粗</b>&lt;细&gt;&amp;</p>', doc)).toBe('<p><strong>粗</strong>&lt;细&gt;&amp;</p>');
    expect(calls).toEqual(['template']);
  });
});

describe('style helpers', () => {
  it('read declarations and weights', () => {
    expect(styleValue("font-family:'宋体'; FONT-WEIGHT : Bold !important", 'font-weight')).toBe('bold');
    expect(styleValue('mso-font-weight:bold', 'font-weight')).toBeUndefined();
    expect([fontWeightIsBold('bold'), fontWeightIsBold('700'), fontWeightIsBold('500'), fontWeightIsBold('normal'), fontWeightIsBold('inherit')]).toEqual([
      true, true, false, false, undefined,
    ]);
    expect(styleHides('display: none')).toBe(true);
    expect(styleHides('mso-hide:all')).toBe(true);
    expect(styleHides('visibility:hidden')).toBe(true);
    expect(styleHides('display:block')).toBe(false);
    expect([...boldClassesFromCss('/* x */ p.a, .b { font-weight: bold } .c { font-weight: 400 } div .d {font-weight:bold}')]).toEqual(['a', 'b']);
  });
});

describe('blockToNode in the note schema', () => {
  it('flattens headings', () => {
    expect(blockToNode({ type: 'heading', level: 1, content: [{ text: '甲' }] }, noteSchema).type.name).toBe('paragraph');
  });
});

describe('copiedText (clipboardTextSerializer)', () => {
  it('puts the computed numbers in front of whole headings, one line per block', () => {
    const doc = blocksToDoc([
      { type: 'heading', level: 1, content: [{ text: '总体情况' }] },
      p('正文'),
      { type: 'heading', level: 2, content: [{ text: '深化主题。' }], body: [{ text: '这次活动' }] },
    ]);
    expect(copiedText(doc.slice(0, doc.content.size), doc, 0, true)).toBe('一、总体情况\n正文\n（一）深化主题。这次活动');
    // From the middle of the first heading: no number for it.
    expect(copiedText(doc.slice(2, doc.content.size), doc, 0, false)).toBe('体情况\n正文\n（一）深化主题。这次活动');
    // From the second block.
    const second = doc.child(0).nodeSize;
    expect(copiedText(doc.slice(second + 1, doc.content.size), doc, 1, true)).toBe('正文\n（一）深化主题。这次活动');
  });
});
