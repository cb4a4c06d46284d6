/**
 * Word documents for the tests, made by zipping WordprocessingML by hand (fflate), so every Word feature the
 * importer reads — styles, automatic Chinese list numbering, tracked changes, comments, footnotes, text boxes,
 * pictures, tables — is written as Word writes it (ECMA-376 Part 1, §17), independently of our reader.
 */
import { strToU8, zipSync } from 'fflate';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const NS = `xmlns:w="${W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"`;

/** XML-escapes text. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A run of text (bold optional). */
export function run(text: string, opts: { bold?: boolean; size?: number } = {}): string {
  const rpr = opts.bold || opts.size ? `<w:rPr>${opts.bold ? '<w:b/>' : ''}${opts.size ? `<w:sz w:val="${opts.size}"/>` : ''}</w:rPr>` : '';
  return `<w:r>${rpr}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}

/** A paragraph of raw run XML with optional paragraph properties. */
export function para(runs: string, opts: { style?: string; center?: boolean; num?: [numId: number, ilvl: number] } = {}): string {
  const ppr = [
    opts.style ? `<w:pStyle w:val="${opts.style}"/>` : '',
    opts.num ? `<w:numPr><w:ilvl w:val="${opts.num[1]}"/><w:numId w:val="${opts.num[0]}"/></w:numPr>` : '',
    opts.center ? '<w:jc w:val="center"/>' : '',
  ].join('');
  return `<w:p>${ppr ? `<w:pPr>${ppr}</w:pPr>` : ''}${runs}</w:p>`;
}

/** A plain paragraph of text. */
export function p(text: string, opts: Parameters<typeof para>[1] = {}): string {
  return para(run(text), opts);
}

export const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ${NS}>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="44"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ListChinese"><w:name w:val="List Chinese"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>`;

/** Chinese official-document numbering: 一、 （一） 1. （1）, as numId 1; a decimal-enclosed-paren list as numId 2. */
export const NUMBERING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering ${NS}>
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%4）"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedParen"/><w:lvlText w:val="%1"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>`;

export interface DocxParts {
  readonly body: string;
  readonly styles?: string | null;
  readonly numbering?: string | null;
  readonly comments?: string;
  readonly footnotes?: string;
  readonly contentType?: string;
  readonly extra?: Record<string, string | Uint8Array>;
}

/** Zips a .docx from body XML (the paragraphs inside w:body) and optional parts. */
export function makeDocx(parts: DocxParts): Uint8Array {
  const main = parts.contentType ?? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="${main}"/></Types>`),
    '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${NS}><w:body>${parts.body}<w:sectPr/></w:body></w:document>`),
  };
  if (parts.styles !== null) files['word/styles.xml'] = strToU8(parts.styles ?? STYLES);
  if (parts.numbering !== null) files['word/numbering.xml'] = strToU8(parts.numbering ?? NUMBERING);
  if (parts.comments) files['word/comments.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:comments ${NS}>${parts.comments}</w:comments>`);
  if (parts.footnotes) files['word/footnotes.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:footnotes ${NS}>${parts.footnotes}</w:footnotes>`);
  for (const [name, data] of Object.entries(parts.extra ?? {})) files[name] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(files);
}

/** A one-article contribution with Word's automatic numbering, as an office sends it. */
export function contributionDocx(): Uint8Array {
  return makeDocx({
    body: [
      p('岳阳市推进代表联络站提质增效', { style: 'Title' }),
      p('今年以来，岳阳市人大常委会以“三化”建设为抓手, 推动代表联络站提质增效。'),
      para(run('深化活动主题。', { bold: true }) + run('各联络站围绕中心工作开展活动120余次。'), { num: [1, 0] }),
      p('完善工作机制', { num: [1, 1] }),
      p('建立了联络站工作台账。', { num: [1, 2] }),
      p('每月一次。', { num: [1, 3] }),
      p('强化履职保障。全市投入经费300万元。', { num: [1, 0] }),
      p('（岳阳市人大常委会供稿）'),
    ].join(''),
  });
}
