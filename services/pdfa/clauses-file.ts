import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFString } from 'pdf-lib';
import { get, nameOf, numberOf } from './pdfa-document.js';
import type { PdfaClause } from './pdfa-types.js';

/** ISO 19005-2:2011 §6.1, file structure: what the raw file and its objects must look like. */

/** Where the last cross-reference section starts (the offset after the last `startxref`). */
function lastXrefOffset(text: string): number | undefined {
  const at = text.lastIndexOf('startxref');
  if (at < 0) return undefined;
  const m = /^startxref\s+(\d+)/.exec(text.slice(at));
  return m ? Number(m[1]) : undefined;
}

/** The text of the dictionary starting at or after `from` (balanced << >>). */
function dictTextAt(text: string, from: number): string | undefined {
  const start = text.indexOf('<<', from);
  if (start < 0) return undefined;
  let depth = 0;
  for (let i = start; i < text.length - 1; i++) {
    if (text[i] === '<' && text[i + 1] === '<') {
      depth++;
      i++;
    } else if (text[i] === '>' && text[i + 1] === '>') {
      depth--;
      i++;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  return undefined;
}

/** The last trailer dictionary: the `trailer` of a cross-reference table, or a cross-reference stream's dictionary. */
function lastTrailer(text: string): string | undefined {
  const offset = lastXrefOffset(text);
  if (offset === undefined) return undefined;
  if (text.startsWith('xref', offset)) {
    const t = text.indexOf('trailer', offset);
    return t < 0 ? undefined : dictTextAt(text, t);
  }
  return dictTextAt(text, offset);
}

export const FILE_CLAUSES: readonly PdfaClause[] = [
  {
    clause: '6.1.2',
    title: '文件头：字节 0 起为“%PDF-1.n”（n 为 4–7：PDF 1.4 及以上），随后一行为 % 加至少 4 个大于 127 的字节',
    check({ text, catalog }) {
      const problems: string[] = [];
      const m = /^%PDF-1\.(\d)(\r\n|\r|\n)/.exec(text);
      if (!m) return ['文件头不是“%PDF-1.n”加一个换行'];
      const version = Math.max(Number(m[1]), Number(/^1\.(\d)$/.exec(nameOf(get(catalog, 'Version')) ?? '')?.[1] ?? 0));
      if (version < 4 || version > 7) problems.push(`PDF 版本为 1.${version}，应为 1.4–1.7`);
      const rest = text.slice(m[0].length);
      const binary = /^%([\x80-\xff]{4})/.test(rest);
      if (!binary) problems.push('文件头后没有含 4 个以上高位字节的注释行');
      return problems;
    },
  },
  {
    clause: '6.1.3',
    title: '文件尾：尾部字典含文件标识 ID（两个字符串），不含 Encrypt；最后的 %%EOF 之后至多一个换行',
    check(doc) {
      const problems: string[] = [];
      const trailer = lastTrailer(doc.text);
      if (!trailer) problems.push('找不到最后的尾部字典');
      else if (!/\/ID\s*\[\s*(<[0-9A-Fa-f\s]*>|\([^)]*\))\s*(<[0-9A-Fa-f\s]*>|\([^)]*\))\s*\]/.test(trailer)) problems.push('最后的尾部字典没有文件标识 ID');
      if (doc.pdf.context.trailerInfo.Encrypt || (trailer && /\/Encrypt\b/.test(trailer))) problems.push('文件已加密（尾部字典含 Encrypt）');
      const eof = doc.text.lastIndexOf('%%EOF');
      if (eof < 0) problems.push('没有 %%EOF');
      else if (!/^(\r\n|\r|\n)?$/.test(doc.text.slice(eof + 5))) problems.push('%%EOF 之后还有数据');
      return problems;
    },
  },
  {
    clause: '6.1.4',
    title: '交叉引用表：xref 关键字后为一个换行，子节头的两个数以一个空格分隔',
    check({ text }) {
      const problems: string[] = [];
      for (const m of text.matchAll(/(?<![A-Za-z])xref(?![A-Za-z])/g)) {
        if (text.slice(Math.max(0, m.index! - 5), m.index!).endsWith('start')) continue;
        if (!/^xref(\r\n|\r|\n)\d+ \d+(\r\n|\r|\n| )/.test(text.slice(m.index!, m.index! + 40))) problems.push(`偏移 ${m.index} 处的 xref 格式不符`);
      }
      return problems;
    },
  },
  {
    clause: '6.1.6',
    title: '字符串对象：十六进制字符串由偶数个十六进制数字组成',
    check(doc) {
      const problems: string[] = [];
      const visit = (obj: unknown) => {
        if (obj instanceof PDFHexString) {
          const hex = obj.asString().replace(/\s+/g, '');
          if (!/^[0-9A-Fa-f]*$/.test(hex) || hex.length % 2) problems.push(`十六进制字符串 <${hex.slice(0, 16)}…> 不合格`);
        } else if (obj instanceof PDFArray) obj.asArray().forEach(visit);
        else if (obj instanceof PDFDict) for (const [, v] of obj.entries()) visit(v);
      };
      for (const [, obj] of doc.objects) visit(obj instanceof PDFRawStream ? obj.dict : obj);
      return problems;
    },
  },
  {
    clause: '6.1.7.1',
    title: '流对象：Length 与实际字节数一致，stream 后为 CRLF 或 LF，endstream 前有换行；不含 F、FFilter、FDecodeParms',
    check(doc) {
      const problems: string[] = [];
      for (const [ref, obj] of doc.objects) {
        if (!(obj instanceof PDFRawStream)) continue;
        const length = numberOf(doc.lookup(get(obj.dict, 'Length')));
        if (length !== obj.contents.length) problems.push(`对象 ${ref.objectNumber} 的 Length（${length}）与流的字节数（${obj.contents.length}）不符`);
        for (const key of ['F', 'FFilter', 'FDecodeParms']) if (get(obj.dict, key)) problems.push(`对象 ${ref.objectNumber} 的流字典含 ${key}`);
      }
      for (const m of doc.text.matchAll(/>>\s*stream/g)) {
        const after = doc.text.slice(m.index! + m[0].length, m.index! + m[0].length + 2);
        if (!(after.startsWith('\r\n') || after.startsWith('\n'))) problems.push(`偏移 ${m.index} 处 stream 后不是 CRLF 或 LF`);
      }
      for (const m of doc.text.matchAll(/endstream/g)) {
        const before = doc.text[m.index! - 1];
        if (before !== '\n' && before !== '\r') problems.push(`偏移 ${m.index} 处 endstream 前没有换行`);
      }
      return problems;
    },
  },
  {
    clause: '6.1.7.2',
    title: '流的过滤器：不用 LZWDecode，不用 Crypt',
    check(doc) {
      const problems: string[] = [];
      for (const [ref, obj] of doc.objects) {
        if (!(obj instanceof PDFRawStream)) continue;
        const filter = doc.lookup(get(obj.dict, 'Filter'));
        const names = filter instanceof PDFArray ? filter.asArray().map((f) => nameOf(doc.lookup(f))) : [nameOf(filter)];
        for (const n of names) if (n === 'LZWDecode' || n === 'Crypt') problems.push(`对象 ${ref.objectNumber} 使用 ${n}`);
      }
      return problems;
    },
  },
  {
    clause: '6.1.9',
    title: '间接对象：对象号与代号、代号与 obj 之间各一个空格',
    check({ text }) {
      const problems: string[] = [];
      for (const m of text.matchAll(/(?<=[\r\n])(\d+)([ \t\f\0]+)(\d+)([ \t\f\0]+)obj\b/g)) {
        if (m[2] !== ' ' || m[4] !== ' ') problems.push(`对象 ${m[1]} 的头部空白不是单个空格`);
      }
      return problems;
    },
  },
  {
    clause: '6.1.12',
    title: '权限：Perms 字典只含 UR3 与 DocMDP',
    check({ catalog, dict }) {
      const perms = dict(get(catalog, 'Perms'));
      if (!perms) return [];
      return perms
        .keys()
        .map((k) => k.decodeText())
        .filter((k) => k !== 'UR3' && k !== 'DocMDP')
        .map((k) => `Perms 含 ${k}`);
    },
  },
  {
    clause: '6.1.13',
    title: '实现限制：整数在 ±2³¹ 内，名字不超过 127 字节，字符串不超过 32767 字节，间接对象不超过 8388607 个',
    check(doc) {
      const problems: string[] = [];
      if (doc.pdf.context.largestObjectNumber > 8388607) problems.push(`间接对象编号达 ${doc.pdf.context.largestObjectNumber}`);
      const visit = (obj: unknown) => {
        if (obj instanceof PDFNumber) {
          const v = obj.asNumber();
          if (Number.isInteger(v) && (v > 2147483647 || v < -2147483648)) problems.push(`整数 ${v} 超出范围`);
        } else if (obj instanceof PDFName) {
          if (Buffer.byteLength(obj.decodeText(), 'utf8') > 127) problems.push(`名字 /${obj.decodeText().slice(0, 20)}… 超过 127 字节`);
        } else if (obj instanceof PDFString || obj instanceof PDFHexString) {
          if (obj.asBytes().length > 32767) problems.push('字符串超过 32767 字节');
        } else if (obj instanceof PDFArray) obj.asArray().forEach(visit);
        else if (obj instanceof PDFDict) for (const [k, v] of obj.entries()) {
          visit(k);
          visit(v);
        }
      };
      for (const [, obj] of doc.objects) visit(obj instanceof PDFRawStream ? obj.dict : obj);
      return problems;
    },
  },
];
