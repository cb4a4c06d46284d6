import { PDFArray, PDFDict, PDFHexString, PDFName } from 'pdf-lib';
import { allDicts, get, nameOf, numberOf, type PdfaDocument } from './pdfa-document.js';
import type { PdfaClause } from './pdfa-types.js';

/**
 * ISO 19005-2:2011 §6.3–6.5 and §6.8–6.11: annotations, forms and signatures, actions, embedded files,
 * optional content, alternate presentations, document requirements.
 */

function annotations(doc: PdfaDocument): { page: number; annot: PDFDict }[] {
  const out: { page: number; annot: PDFDict }[] = [];
  doc.pages.forEach((page, i) => {
    const list = doc.lookup(get(page, 'Annots'));
    if (list instanceof PDFArray) for (const a of list.asArray()) {
      const annot = doc.dict(a);
      if (annot) out.push({ page: i + 1, annot });
    }
  });
  return out;
}

const FORBIDDEN_ANNOTS = new Set(['3D', 'Sound', 'Screen', 'Movie']);
const FORBIDDEN_ACTIONS = new Set(['Launch', 'Sound', 'Movie', 'ResetForm', 'ImportData', 'Hide', 'SetOCGState', 'Rendition', 'Trans', 'GoTo3DView', 'JavaScript']);
const NAMED_ALLOWED = new Set(['NextPage', 'PrevPage', 'FirstPage', 'LastPage']);

export const INTERACTIVE_CLAUSES: readonly PdfaClause[] = [
  {
    clause: '6.3.1',
    title: '注释类型：没有 3D、Sound、Screen、Movie 注释',
    check(doc) {
      return annotations(doc)
        .filter(({ annot }) => FORBIDDEN_ANNOTS.has(nameOf(get(annot, 'Subtype')) ?? ''))
        .map(({ page, annot }) => `第 ${page} 页有 ${nameOf(get(annot, 'Subtype'))} 注释`);
    },
  },
  {
    clause: '6.3.2',
    title: '注释字典：除 Popup 外都有 F，且置“打印”位、不置“隐藏”“不可见”“不显示”“切换不显示”位；不含 CA 小于 1',
    check(doc) {
      const problems: string[] = [];
      for (const { page, annot } of annotations(doc)) {
        const subtype = nameOf(get(annot, 'Subtype'));
        if (subtype === 'Popup') continue;
        const f = numberOf(get(annot, 'F'));
        if (f === undefined) problems.push(`第 ${page} 页的 ${subtype} 注释没有 F`);
        else if ((f & 4) === 0 || (f & (1 | 2 | 32 | 256)) !== 0) problems.push(`第 ${page} 页的 ${subtype} 注释标志 F=${f} 不符`);
        const ca = numberOf(get(annot, 'CA'));
        if (ca !== undefined && ca !== 1) problems.push(`第 ${page} 页的 ${subtype} 注释 CA=${ca}`);
      }
      return problems;
    },
  },
  {
    clause: '6.3.3',
    title: '注释外观：外观字典只含 N；有面积的注释（Popup、Link 除外）有外观流',
    check(doc) {
      const problems: string[] = [];
      for (const { page, annot } of annotations(doc)) {
        const subtype = nameOf(get(annot, 'Subtype'));
        const ap = doc.dict(get(annot, 'AP'));
        if (ap && ap.keys().some((k) => k.decodeText() !== 'N')) problems.push(`第 ${page} 页的 ${subtype} 注释外观含 N 以外的项`);
        const rect = doc.lookup(get(annot, 'Rect'));
        const r = rect instanceof PDFArray ? rect.asArray().map((v) => numberOf(doc.lookup(v)) ?? 0) : [0, 0, 0, 0];
        const area = Math.abs((r[2]! - r[0]!) * (r[3]! - r[1]!));
        if (area > 0 && subtype !== 'Popup' && subtype !== 'Link' && !get(ap, 'N')) problems.push(`第 ${page} 页的 ${subtype} 注释没有外观流`);
      }
      return problems;
    },
  },
  {
    clause: '6.4.1',
    title: '交互表单：NeedAppearances 不为 true，表单域不含 A、AA',
    check(doc) {
      const problems: string[] = [];
      const form = doc.dict(get(doc.catalog, 'AcroForm'));
      if (get(form, 'NeedAppearances')?.toString() === 'true') problems.push('AcroForm 的 NeedAppearances 为 true');
      for (const { page, annot } of annotations(doc)) {
        if (nameOf(get(annot, 'Subtype')) === 'Widget' && (get(annot, 'A') || get(annot, 'AA'))) problems.push(`第 ${page} 页的表单域含动作`);
      }
      return problems;
    },
  },
  {
    clause: '6.4.2',
    title: 'XFA 表单：AcroForm 不含 XFA，目录不含 NeedsRendering',
    check(doc) {
      const problems: string[] = [];
      if (get(doc.dict(get(doc.catalog, 'AcroForm')), 'XFA')) problems.push('AcroForm 含 XFA');
      if (get(doc.catalog, 'NeedsRendering')?.toString() === 'true') problems.push('目录的 NeedsRendering 为 true');
      return problems;
    },
  },
  {
    clause: '6.4.3',
    title: '数字签名：签名的 ByteRange 覆盖除 Contents 外的整个文件，Contents 为十六进制字符串',
    check(doc) {
      const problems: string[] = [];
      for (const d of allDicts(doc)) {
        if (nameOf(get(d, 'Type')) !== 'Sig' && !(get(d, 'ByteRange') && get(d, 'Contents'))) continue;
        const range = doc.lookup(get(d, 'ByteRange'));
        const r = range instanceof PDFArray ? range.asArray().map((v) => numberOf(doc.lookup(v)) ?? -1) : [];
        if (r.length !== 4 || r[0] !== 0 || r[2]! + r[3]! !== doc.bytes.length) {
          problems.push(`签名的 ByteRange [${r.join(' ')}] 没有覆盖整个文件（${doc.bytes.length} 字节）`);
          continue;
        }
        const gap = doc.text.slice(r[1], r[2]);
        if (!/^<[0-9A-Fa-f]*>$/.test(gap)) problems.push('签名 ByteRange 留出的部分不是 Contents 的十六进制字符串');
        if (!(get(d, 'Contents') instanceof PDFHexString)) problems.push('签名的 Contents 不是十六进制字符串');
      }
      return problems;
    },
  },
  {
    clause: '6.5.1',
    title: '动作：没有 JavaScript、Launch、Sound、Movie、ResetForm、ImportData、Hide 等动作，命名动作只有翻页四种，没有 JavaScript 名字树',
    check(doc) {
      const problems: string[] = [];
      for (const d of allDicts(doc)) {
        // Action dictionaries: an S entry, and no Type or Type /Action (structure elements and output
        // intents have an S too, with other types or other values).
        const s = nameOf(get(d, 'S'));
        const type = nameOf(get(d, 'Type'));
        if (!s || (type !== undefined && type !== 'Action')) continue;
        if (FORBIDDEN_ACTIONS.has(s)) problems.push(`有 ${s} 动作`);
        if (s === 'Named' && !NAMED_ALLOWED.has(nameOf(get(d, 'N')) ?? '')) problems.push(`命名动作 ${nameOf(get(d, 'N'))} 不允许`);
      }
      if (get(doc.dict(get(doc.catalog, 'Names')), 'JavaScript')) problems.push('名字字典含 JavaScript');
      if (get(doc.catalog, 'OpenAction') && nameOf(get(doc.dict(get(doc.catalog, 'OpenAction')), 'S')) === 'JavaScript') problems.push('打开动作为 JavaScript');
      return [...new Set(problems)];
    },
  },
  {
    clause: '6.5.2',
    title: '触发事件：目录、页面与表单域都不含附加动作 AA',
    check(doc) {
      const problems: string[] = [];
      if (get(doc.catalog, 'AA')) problems.push('目录含 AA');
      doc.pages.forEach((p, i) => {
        if (get(p, 'AA')) problems.push(`第 ${i + 1} 页含 AA`);
      });
      return problems;
    },
  },
  {
    clause: '6.8',
    title: '嵌入文件：没有嵌入文件（附件须本身是 PDF/A，本程序不写附件）',
    check(doc) {
      const names = doc.dict(get(doc.catalog, 'Names'));
      const problems: string[] = [];
      if (get(names, 'EmbeddedFiles')) problems.push('名字字典含 EmbeddedFiles');
      for (const d of allDicts(doc)) if (nameOf(get(d, 'Type')) === 'EmbeddedFile') problems.push('有嵌入文件流');
      return [...new Set(problems)];
    },
  },
  {
    clause: '6.9',
    title: '可选内容：每个可选内容配置都有 Name，且不含 AS',
    check(doc) {
      const oc = doc.dict(get(doc.catalog, 'OCProperties'));
      if (!oc) return [];
      const configs = [doc.dict(get(oc, 'D')), ...((): (PDFDict | undefined)[] => {
        const list = doc.lookup(get(oc, 'Configs'));
        return list instanceof PDFArray ? list.asArray().map((c) => doc.dict(c)) : [];
      })()];
      const problems: string[] = [];
      for (const c of configs) {
        if (!c) continue;
        if (!get(c, 'Name')) problems.push('可选内容配置没有 Name');
        if (get(c, 'AS')) problems.push('可选内容配置含 AS');
      }
      return problems;
    },
  },
  {
    clause: '6.10',
    title: '替代呈现与切换效果：没有 AlternatePresentations，页面没有 PresSteps',
    check(doc) {
      const problems: string[] = [];
      if (get(doc.dict(get(doc.catalog, 'Names')), 'AlternatePresentations')) problems.push('名字字典含 AlternatePresentations');
      doc.pages.forEach((p, i) => {
        if (get(p, 'PresSteps')) problems.push(`第 ${i + 1} 页含 PresSteps`);
      });
      return problems;
    },
  },
  {
    clause: '6.11',
    title: '文档要求：目录不含 Requirements',
    check(doc) {
      return doc.catalog.has(PDFName.of('Requirements')) ? ['目录含 Requirements'] : [];
    },
  },
];
