import type { Inline } from '../../model/inline.js';
import type { ImportNote } from '../import-notes.js';
import { ImportError } from '../plain-text.js';
import { head } from '../text-helpers.js';
import type { WordContent, WordParagraph, WordPicture } from './word-content.js';
import { WordNumbering } from './word-numbering.js';
import { WordStyles } from './word-styles.js';
import { readPackageParts, sniff } from './zip-parts.js';
import { child, descendants, elements, onOff, parseXml, plainText, type XmlElement } from './xml-tree.js';
import { wordTable } from './word-table.js';
import { MASTHEAD_PICTURE_NAME } from '../../masthead-art/spec.js';

/**
 * The OOXML reader: a .docx package (bytes; the core never opens files) into paragraphs with the formatting the
 * structure recogniser uses (title and heading styles, centring, size, bold runs, automatic numbers as text),
 * reading word/document.xml, styles.xml and numbering.xml. Tracked changes are read as accepted (insertions
 * kept, deletions dropped) and reported; comments, footnotes, endnotes, text boxes, pictures and tables, which
 * an article does not hold, are reported with the paragraph they are in or after — nothing is dropped silently.
 */

/** Options of {@link readDocx}. */
export interface ReadDocxOptions {
  /** The file's name, to tell .docm and friends apart in messages. */
  readonly name?: string;
}

const MACRO_TYPE = /macroEnabled/iu;

/**
 * Reads a .docx from its bytes. Throws ImportError with a Chinese message when it is not one we can read; never
 * throws anything else.
 */
export function readDocx(bytes: Uint8Array, options: ReadDocxOptions = {}): WordContent {
  try {
    return readUnchecked(bytes, options);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError('无法读取这个 Word 文档：文件内容不符合 Word 格式', { cause: error });
  }
}

function readUnchecked(bytes: Uint8Array, options: ReadDocxOptions): WordContent {
  if (bytes.length === 0) throw new ImportError('文件是空的（0 字节）');
  const kind = sniff(bytes);
  if (kind === 'cfb') {
    throw new ImportError('这是旧版 Word（.doc）或加密的文档，不是 .docx；请按 .doc 文件导入，或在 Word 中取消密码');
  }
  if (kind === 'pdf') throw new ImportError('这是 PDF 文件，不是 Word 文档（可能被改了扩展名）');
  if (kind === 'rtf') throw new ImportError('这是 RTF 文件，不是 .docx；请在 Word 中另存为 .docx 后导入');
  if (kind !== 'zip') throw new ImportError('这不是 Word 文档（.docx 应是 zip 压缩包，文件已损坏或不是 Word 格式）');
  const parts = readPackageParts(bytes);
  const types = parts.text.get('[Content_Types].xml') ?? '';
  if (parts.names.includes('xl/workbook.xml')) throw new ImportError('这是 Excel 表格（.xlsx），不是 Word 文档');
  if (parts.names.includes('ppt/presentation.xml')) throw new ImportError('这是 PowerPoint 演示文稿，不是 Word 文档');
  if (MACRO_TYPE.test(types) || parts.names.includes('word/vbaProject.bin') || /\.docm$/iu.test(options.name ?? '')) {
    throw new ImportError('这是含宏的 Word 文档（.docm），为安全起见不导入；请在 Word 中另存为 .docx 后再导入');
  }
  const documentXml = parts.text.get('word/document.xml');
  if (documentXml === undefined) throw new ImportError('文件不完整：没有正文（word/document.xml），不是有效的 Word 文档');
  const part = (name: string) => {
    const text = parts.text.get(name);
    return text === undefined ? undefined : parseXml(text, name);
  };
  const reader = new BodyReader({
    pictures: pictureTargets(part('word/_rels/document.xml.rels'), parts.media),
    styles: new WordStyles(part('word/styles.xml')),
    numbering: new WordNumbering(part('word/numbering.xml')),
    comments: notesById(part('word/comments.xml'), 'w:comment'),
    footnotes: notesById(part('word/footnotes.xml'), 'w:footnote'),
    endnotes: notesById(part('word/endnotes.xml'), 'w:endnote'),
  });
  const body = child(parseXml(documentXml, 'word/document.xml'), 'w:body');
  if (!body) throw new ImportError('文件已损坏：正文（w:body）缺失');
  reader.readBlocks(body);
  return reader.finish();
}

interface NoteText {
  readonly text: string;
  readonly author?: string;
}

function notesById(root: XmlElement | undefined, name: string): Map<string, NoteText> {
  const map = new Map<string, NoteText>();
  if (!root) return map;
  for (const el of elements(root, name)) {
    const id = el.attrs['w:id'];
    if (id !== undefined) map.set(id, { text: plainText(el).trim(), author: el.attrs['w:author'] });
  }
  return map;
}

/** The pictures the document's relationships point at (r:id → the picture file's name and bytes). */
function pictureTargets(rels: XmlElement | undefined, media: ReadonlyMap<string, Uint8Array>): Map<string, { name: string; bytes: Uint8Array }> {
  const map = new Map<string, { name: string; bytes: Uint8Array }>();
  if (!rels) return map;
  for (const r of elements(rels, 'Relationship')) {
    const id = r.attrs['Id'];
    const target = r.attrs['Target'] ?? '';
    if (!id || r.attrs['TargetMode'] === 'External') continue;
    const path = target.startsWith('/') ? target.slice(1) : `word/${target}`.replace(/\/\.\//g, '/');
    const bytes = media.get(path);
    if (bytes) map.set(id, { name: path.slice(path.lastIndexOf('/') + 1), bytes });
  }
  return map;
}

interface Context {
  readonly pictures: ReadonlyMap<string, { name: string; bytes: Uint8Array }>;
  readonly styles: WordStyles;
  readonly numbering: WordNumbering;
  readonly comments: ReadonlyMap<string, NoteText>;
  readonly footnotes: ReadonlyMap<string, NoteText>;
  readonly endnotes: ReadonlyMap<string, NoteText>;
}

/** A paragraph being read: its runs, and what to report once its position is known. */
interface Pending {
  runs: Inline[];
  pictures: WordPicture[];
  reports: { kind: ImportNote['kind']; what: string }[];
  markDeleted: boolean;
}

/** Reads the body's paragraphs in order, collecting notes. */
class BodyReader {
  private readonly paragraphs: WordParagraph[] = [];
  private readonly notes: ImportNote[] = [];
  private inserted = 0;
  private deleted = 0;
  private formatChanges = 0;
  private lineBreaks = 0;
  private empty = 0;
  private numbered = 0;
  private readonly comments = new Set<string>();
  /** A paragraph whose mark was deleted (tracked): its text joins the next paragraph. */
  private carry: { runs: Inline[]; props: Omit<WordParagraph, 'runs'> } | undefined;

  constructor(private readonly ctx: Context) {}

  readBlocks(container: XmlElement): void {
    for (const el of elements(container)) {
      if (el.name === 'w:p') this.readParagraph(el);
      else if (el.name === 'w:tbl') this.readTable(el);
      else if (el.name === 'w:sdt') this.readBlocks(child(el, 'w:sdtContent') ?? el);
      else if (el.name === 'w:customXml' || el.name === 'w:ins' || el.name === 'w:moveTo') this.readBlocks(el);
      else if (el.name === 'mc:AlternateContent') this.readBlocks(child(el, 'mc:Choice') ?? el);
    }
  }

  finish(): WordContent {
    if (this.carry) this.push(this.carry.runs, this.carry.props, []);
    const notes: ImportNote[] = [];
    const changes = this.inserted + this.deleted + this.formatChanges;
    if (changes > 0) {
      const parts = [
        this.inserted ? `插入 ${this.inserted} 处` : '',
        this.deleted ? `删除 ${this.deleted} 处` : '',
        this.formatChanges ? `格式修改 ${this.formatChanges} 处` : '',
      ].filter(Boolean);
      notes.push({
        kind: 'tracked-changes',
        message: `文档含有修订（${parts.join('、')}），已按“接受全部修订”后的文字导入`,
        count: changes,
      });
    }
    if (this.numbered > 0) {
      notes.push({ kind: 'numbering', message: `已将 ${this.numbered} 个 Word 自动编号转为文字，再按标题序号识别`, count: this.numbered });
    }
    if (this.lineBreaks > 0) {
      notes.push({ kind: 'line-break', message: `已删除段落中的 ${this.lineBreaks} 个手动换行`, count: this.lineBreaks });
    }
    if (this.empty > 0) notes.push({ kind: 'info', message: `已删除 ${this.empty} 个空段落`, count: this.empty });
    return { paragraphs: this.paragraphs, notes: [...notes, ...this.notes], source: 'docx' };
  }

  private where(): string {
    // Tables are not paragraphs: the count and the quoted text are the text paragraphs'.
    const text = this.paragraphs.filter((p) => !p.table);
    const n = text.length;
    return n === 0 ? '文档开头' : `第 ${n} 段（“${head(text[n - 1]!.runs.map((r) => r.text).join('').replace(/[\s\u3000]+/gu, ''), 10)}…”）`;
  }

  /** A table becomes a table block in the paragraph sequence; one the model cannot hold is reported and left out. */
  private readTable(tbl: XmlElement): void {
    const read = wordTable(tbl, (tc) => {
      const cell = new BodyReader(this.ctx);
      cell.readBlocks(tc);
      return cell.paragraphs.map((p) => [...p.runs]);
    });
    if ('table' in read) {
      this.paragraphs.push({ runs: [], table: read.table });
      return;
    }
    this.reportTable(tbl, read.problem);
  }

  private reportTable(tbl: XmlElement, why: string): void {
    const rows = elements(tbl, 'w:tr');
    const cols = Math.max(0, ...rows.map((r) => elements(r, 'w:tc').length));
    const text = plainText(tbl).trim();
    this.notes.push({
      kind: 'table',
      message: `${this.where()}之后有一个表格（${rows.length} 行 × ${cols} 列${text ? `，“${head(text, 12)}…”` : ''}）未导入：${why}`,
    });
  }

  private readParagraph(p: XmlElement): void {
    const ppr = child(p, 'w:pPr');
    const style = this.ctx.styles.get(child(ppr, 'w:pStyle')?.attrs['w:val']);
    if (child(ppr, 'w:pPrChange')) this.formatChanges++;
    const markRpr = child(ppr, 'w:rPr');
    const pending: Pending = { runs: [], pictures: [], reports: [], markDeleted: !!child(markRpr, 'w:del') };
    if (child(markRpr, 'w:ins')) this.inserted++;
    if (pending.markDeleted) this.deleted++;
    this.readInline(p, pending, style.bold, false);

    const jc = child(ppr, 'w:jc')?.attrs['w:val'];
    const numPr = child(ppr, 'w:numPr');
    const numId = child(numPr, 'w:numId')?.attrs['w:val'] ?? style.numId;
    const ilvl = Number(child(numPr, 'w:ilvl')?.attrs['w:val'] ?? style.ilvl ?? 0);
    const firstSize = descendants(p, 'w:sz')[0]?.attrs['w:val'];
    const text = pending.runs.map((r) => r.text).join('');
    const hasText = /[^\s\u3000\u00a0]/u.test(text);
    const number = numId !== undefined && hasText ? this.ctx.numbering.next(numId, ilvl) : undefined;
    const props: Omit<WordParagraph, 'runs'> = {
      ...(style.title ? { title: true } : {}),
      ...(style.headingLevel !== undefined ? { headingLevel: style.headingLevel } : {}),
      ...((jc ?? (style.centered ? 'center' : undefined)) === 'center' ? { centered: true } : {}),
      ...((jc === undefined ? style.right : jc === 'right' || jc === 'end') ? { right: true } : {}),
      ...(firstSize !== undefined || style.size !== undefined ? { size: Number(firstSize ?? style.size) } : {}),
      ...(number ? { numberLabel: number.label } : {}),
      ...(style.caption ? { caption: true } : {}),
      ...(pending.pictures.length ? { pictures: pending.pictures } : {}),
    };
    let runs = pending.runs;
    if (number) {
      this.numbered++;
      runs = [{ text: number.label + number.suffix, ...(style.bold ? { bold: true } : {}) }, ...runs];
    }
    if (this.carry) {
      runs = [...this.carry.runs, ...runs];
      this.carry = undefined;
    }
    if (pending.markDeleted) {
      this.carry = { runs, props };
      this.flushReports(pending.reports, true);
      return;
    }
    this.push(runs, props, pending.reports);
  }

  private push(runs: Inline[], props: Omit<WordParagraph, 'runs'>, reports: Pending['reports']): void {
    const text = runs.map((r) => r.text).join('');
    if (!/[^\s\u3000\u00a0]/u.test(text) && !props.pictures?.length) {
      this.empty++;
      this.flushReports(reports, false);
      return;
    }
    this.paragraphs.push({ runs, ...props });
    this.flushReports(reports, true);
  }

  private flushReports(reports: Pending['reports'], inThis: boolean): void {
    const at = inThis ? this.where() : `${this.where()}之后`;
    for (const r of reports) this.notes.push({ kind: r.kind, message: `${at}：${r.what}` });
  }

  /** Reads runs and the containers that hold them, in order. */
  private readInline(el: XmlElement, p: Pending, styleBold: boolean, inDeleted: boolean): void {
    for (const c of elements(el)) {
      switch (c.name) {
        case 'w:r':
          if (!inDeleted) this.readRun(c, p, styleBold);
          break;
        case 'w:ins':
        case 'w:moveTo':
          if (!inDeleted) this.inserted++;
          this.readInline(c, p, styleBold, inDeleted);
          break;
        case 'w:del':
        case 'w:moveFrom':
          this.deleted++;
          this.readInline(c, p, styleBold, true);
          break;
        case 'w:hyperlink':
        case 'w:smartTag':
        case 'w:customXml':
        case 'w:fldSimple':
        case 'w:bdo':
        case 'w:dir':
          this.readInline(c, p, styleBold, inDeleted);
          break;
        case 'w:sdt':
          this.readInline(child(c, 'w:sdtContent') ?? c, p, styleBold, inDeleted);
          break;
        case 'mc:AlternateContent':
          this.readInline(child(c, 'mc:Choice') ?? c, p, styleBold, inDeleted);
          break;
        case 'w:commentRangeStart':
          this.reportComment(c.attrs['w:id'], p);
          break;
        default:
          break;
      }
    }
  }

  private readRun(r: XmlElement, p: Pending, styleBold: boolean): void {
    const rpr = child(r, 'w:rPr');
    if (child(rpr, 'w:rPrChange')) this.formatChanges++;
    if (onOff(child(rpr, 'w:vanish')) === true) return;
    const charStyle = child(rpr, 'w:rStyle')?.attrs['w:val'];
    const bold = onOff(child(rpr, 'w:b')) ?? (charStyle !== undefined && this.ctx.styles.get(charStyle).bold ? true : undefined) ?? styleBold;
    let text = '';
    for (const c of elements(r)) {
      switch (c.name) {
        case 'w:t':
          text += c.children.filter((x): x is string => typeof x === 'string').join('');
          break;
        case 'w:tab':
          text += '\t';
          break;
        case 'w:br':
        case 'w:cr':
          if (c.attrs['w:type'] !== 'page' && c.attrs['w:type'] !== 'column') {
            this.lineBreaks++;
            text += '\n';
          }
          break;
        case 'w:noBreakHyphen':
          text += '-';
          break;
        case 'w:commentReference':
          this.reportComment(c.attrs['w:id'], p);
          break;
        case 'w:footnoteReference':
        case 'w:endnoteReference': {
          const foot = c.name === 'w:footnoteReference';
          const note = (foot ? this.ctx.footnotes : this.ctx.endnotes).get(c.attrs['w:id'] ?? '');
          p.reports.push({ kind: 'footnote', what: `${foot ? '脚注' : '尾注'}“${head(note?.text ?? '', 30)}”未导入` });
          break;
        }
        case 'w:drawing':
        case 'w:pict':
        case 'w:object':
        case 'mc:AlternateContent':
          this.reportGraphic(c.name === 'mc:AlternateContent' ? (child(c, 'mc:Choice') ?? c) : c, p);
          break;
        default:
          break;
      }
    }
    if (text) p.runs.push(bold ? { text, bold: true } : { text });
  }

  /** A comment, once (at its range's start, or at its mark when it has no range). */
  private reportComment(id: string | undefined, p: Pending): void {
    const note = this.ctx.comments.get(id ?? '');
    if (!note || this.comments.has(id!)) return;
    this.comments.add(id!);
    p.reports.push({ kind: 'comment', what: `批注${note.author ? `（${note.author}）` : ''}“${head(note.text, 30)}”未导入` });
  }

  private reportGraphic(el: XmlElement, p: Pending): void {
    const boxes = descendants(el, 'w:txbxContent');
    if (boxes.length > 0) {
      for (const box of boxes) {
        p.reports.push({ kind: 'text-box', what: `文本框“${head(plainText(box).trim(), 30)}”未导入，请核对是否需要并入正文` });
      }
      return;
    }
    const props = descendants(el, 'wp:docPr')[0]?.attrs;
    // The 刊名 picture of a .docx we exported (core/render/docx-masthead-art.ts): its alternative text is the 刊名.
    if (props?.['name'] === MASTHEAD_PICTURE_NAME && props['descr']) {
      p.runs.push({ text: props['descr'] });
      return;
    }
    const name = props?.['descr'] || props?.['name'] || '';
    const chart = descendants(el, 'c:chart').length > 0;
    const embed = chart ? undefined : descendants(el, 'a:blip')[0]?.attrs['r:embed'];
    const picture = embed === undefined ? undefined : this.ctx.pictures.get(embed);
    if (picture) {
      p.pictures.push({ name: picture.name, bytes: picture.bytes });
      return;
    }
    p.reports.push({ kind: 'picture', what: `${chart ? '图表' : '图片'}${name ? `（${name}）` : ''}未导入，只能导入 JPEG 或 PNG 图片` });
  }
}
