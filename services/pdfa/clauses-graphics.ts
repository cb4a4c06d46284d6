import { PDFArray, PDFDict, PDFStream } from 'pdf-lib';
import { operations } from './content-tokens.js';
import { allDicts, get, nameOf, numberOf, pageContent, pageResources, type PdfaDocument } from './pdfa-document.js';
import type { PdfaClause } from './pdfa-types.js';

/** ISO 19005-2:2011 §6.2 (graphics, fonts excepted): output intent, colour spaces, graphics state, images, transparency. */

/** The ICC profile of the PDF/A output intent: its header's colour space ("CMYK", "RGB ", "GRAY"), class and version. */
export interface OutputIntentProfile {
  readonly colorSpace: string;
  readonly deviceClass: string;
  readonly version: number;
  readonly n: number | undefined;
  readonly stream: PDFStream;
}

/** The GTS_PDFA1 output intents of the catalog with their profiles. */
export function pdfaOutputIntents(doc: PdfaDocument): { readonly dict: PDFDict; readonly profile?: OutputIntentProfile }[] {
  const list = doc.lookup(get(doc.catalog, 'OutputIntents'));
  if (!(list instanceof PDFArray)) return [];
  return list
    .asArray()
    .map((o) => doc.dict(o))
    .filter((d): d is PDFDict => !!d && nameOf(get(d, 'S')) === 'GTS_PDFA1')
    .map((dict) => {
      const stream = doc.lookup(get(dict, 'DestOutputProfile'));
      if (!(stream instanceof PDFStream)) return { dict };
      const bytes = doc.decode(stream);
      if (!bytes || bytes.length < 128) return { dict };
      const ascii = (from: number) => String.fromCharCode(...bytes.subarray(from, from + 4));
      return {
        dict,
        profile: {
          colorSpace: ascii(16),
          deviceClass: ascii(12),
          version: bytes[8]! + bytes[9]! / 16 / 10,
          n: numberOf(doc.lookup(get(stream.dict, 'N'))),
          stream,
        },
      };
    });
}

/** Colour operators and colour-space names a page's content uses. */
function deviceColours(doc: PdfaDocument): Set<'DeviceCMYK' | 'DeviceRGB' | 'DeviceGray'> {
  const used = new Set<'DeviceCMYK' | 'DeviceRGB' | 'DeviceGray'>();
  for (const page of doc.pages) {
    for (const { op, operands } of operations(pageContent(doc, page))) {
      if (op === 'k' || op === 'K') used.add('DeviceCMYK');
      else if (op === 'rg' || op === 'RG') used.add('DeviceRGB');
      else if (op === 'g' || op === 'G') used.add('DeviceGray');
      else if ((op === 'cs' || op === 'CS') && operands[0]?.kind === 'name') {
        const name = operands[0].value;
        if (name === 'DeviceCMYK' || name === 'DeviceRGB' || name === 'DeviceGray') used.add(name);
      }
    }
  }
  for (const d of allDicts(doc)) {
    const cs = nameOf(get(d, 'ColorSpace'));
    if (cs === 'DeviceCMYK' || cs === 'DeviceRGB' || cs === 'DeviceGray') used.add(cs);
  }
  return used;
}

/** Every graphics state dictionary: those named in a resource dictionary's ExtGState, and those typed ExtGState. */
function extGStates(doc: PdfaDocument): Set<PDFDict> {
  const states = new Set<PDFDict>();
  for (const d of allDicts(doc)) {
    if (nameOf(get(d, 'Type')) === 'ExtGState') states.add(d);
    const map = doc.dict(get(d, 'ExtGState'));
    if (map) for (const [, value] of map.entries()) {
      const gs = doc.dict(value);
      if (gs) states.add(gs);
    }
  }
  return states;
}

const BLEND_MODES = new Set([
  'Normal', 'Compatible', 'Multiply', 'Screen', 'Overlay', 'Darken', 'Lighten', 'ColorDodge', 'ColorBurn',
  'HardLight', 'SoftLight', 'Difference', 'Exclusion', 'Hue', 'Saturation', 'Color', 'Luminosity',
]);

const INTENTS = new Set(['RelativeColorimetric', 'AbsoluteColorimetric', 'Perceptual', 'Saturation']);

export const GRAPHICS_CLAUSES: readonly PdfaClause[] = [
  {
    clause: '6.2.2',
    title: '内容流：页面用到的字体、图形状态、外部对象都在其资源字典中',
    check(doc) {
      const problems: string[] = [];
      doc.pages.forEach((page, i) => {
        const res = pageResources(doc, page);
        const has = (category: string, name: string) => {
          const d = doc.dict(get(res, category));
          return !!d && !!get(d, name);
        };
        for (const { op, operands } of operations(pageContent(doc, page))) {
          const name = operands[0]?.kind === 'name' ? operands[0].value : undefined;
          const category = op === 'Tf' ? 'Font' : op === 'gs' ? 'ExtGState' : op === 'Do' ? 'XObject' : op === 'sh' ? 'Shading' : undefined;
          if (category && name && !has(category, name)) problems.push(`第 ${i + 1} 页用到的 /${name}（${op}）不在资源字典 ${category} 中`);
        }
      });
      return [...new Set(problems)];
    },
  },
  {
    clause: '6.2.3',
    title: '输出意图：目录含 GTS_PDFA1 输出意图，其 DestOutputProfile 为嵌入的 ICC 输出或显示器特性文件（GRAY/RGB/CMYK，版本 < 5），多个时为同一文件',
    check(doc) {
      const intents = pdfaOutputIntents(doc);
      if (!intents.length) return ['没有 GTS_PDFA1 输出意图'];
      const problems: string[] = [];
      for (const { profile } of intents) {
        if (!profile) {
          problems.push('输出意图没有嵌入 ICC 特性文件（DestOutputProfile）');
          continue;
        }
        if (profile.deviceClass !== 'prtr' && profile.deviceClass !== 'mntr') problems.push(`ICC 特性文件类别为“${profile.deviceClass}”，应为 prtr 或 mntr`);
        if (!['GRAY', 'RGB ', 'CMYK'].includes(profile.colorSpace)) problems.push(`ICC 特性文件色彩空间为“${profile.colorSpace}”`);
        if (profile.version >= 5) problems.push(`ICC 特性文件版本 ${profile.version} 不低于 5`);
        const n = { GRAY: 1, 'RGB ': 3, CMYK: 4 }[profile.colorSpace];
        if (n !== undefined && profile.n !== n) problems.push(`ICC 流的 N（${profile.n}）与色彩空间 ${profile.colorSpace.trim()} 不符`);
      }
      const streams = new Set(intents.map((i) => i.profile?.stream));
      if (streams.size > 1) problems.push('多个 PDF/A 输出意图使用了不同的特性文件');
      return problems;
    },
  },
  {
    clause: '6.2.4.3',
    title: '未校准的设备色彩空间：用 DeviceCMYK/DeviceRGB/DeviceGray 时须有相应色彩空间的输出意图',
    check(doc) {
      const oi = pdfaOutputIntents(doc)[0]?.profile?.colorSpace;
      const problems: string[] = [];
      for (const cs of deviceColours(doc)) {
        if (cs === 'DeviceCMYK' && oi !== 'CMYK') problems.push('用了 DeviceCMYK（CMYK 颜色），但没有 CMYK 输出意图');
        if (cs === 'DeviceRGB' && oi !== 'RGB ') problems.push('用了 DeviceRGB，但没有 RGB 输出意图');
        if (cs === 'DeviceGray' && !oi) problems.push('用了 DeviceGray，但没有输出意图');
      }
      return problems;
    },
  },
  {
    clause: '6.2.5',
    title: '扩展图形状态：不含 TR，TR2 只能为 Default，不含 HTO；半色调类型为 1 或 5',
    check(doc) {
      const problems: string[] = [];
      for (const d of extGStates(doc)) {
        if (get(d, 'TR')) problems.push('图形状态含 TR');
        const tr2 = get(d, 'TR2');
        if (tr2 && nameOf(tr2) !== 'Default') problems.push('图形状态的 TR2 不是 Default');
        if (get(d, 'HTO')) problems.push('图形状态含 HTO');
        const ht = doc.dict(get(d, 'HT'));
        const type = numberOf(get(ht, 'HalftoneType'));
        if (ht && type !== 1 && type !== 5) problems.push(`半色调类型为 ${type}`);
      }
      return problems;
    },
  },
  {
    clause: '6.2.6',
    title: '渲染意图：RI、Intent 与 ri 运算符只用 ISO 32000-1 定义的四种渲染意图',
    check(doc) {
      const problems: string[] = [];
      for (const d of allDicts(doc)) {
        for (const key of ['RI', 'Intent']) {
          const v = nameOf(get(d, key));
          if (v && !INTENTS.has(v)) problems.push(`渲染意图 ${v} 未定义`);
        }
      }
      doc.pages.forEach((page, i) => {
        for (const { op, operands } of operations(pageContent(doc, page))) {
          if (op === 'ri' && operands[0]?.kind === 'name' && !INTENTS.has(operands[0].value)) problems.push(`第 ${i + 1} 页的渲染意图 ${operands[0].value} 未定义`);
        }
      });
      return [...new Set(problems)];
    },
  },
  {
    clause: '6.2.8',
    title: '图像：不含 Alternates、OPI，Interpolate 不为 true，BitsPerComponent 为 1、2、4、8 或 16',
    check(doc) {
      const problems: string[] = [];
      for (const [ref, obj] of doc.objects) {
        if (!(obj instanceof PDFStream) || nameOf(get(obj.dict, 'Subtype')) !== 'Image') continue;
        const d = obj.dict;
        if (get(d, 'Alternates')) problems.push(`图像 ${ref.objectNumber} 含 Alternates`);
        if (get(d, 'OPI')) problems.push(`图像 ${ref.objectNumber} 含 OPI`);
        if (get(d, 'Interpolate')?.toString() === 'true') problems.push(`图像 ${ref.objectNumber} 的 Interpolate 为 true`);
        const bpc = numberOf(doc.lookup(get(d, 'BitsPerComponent')));
        if (bpc !== undefined && ![1, 2, 4, 8, 16].includes(bpc)) problems.push(`图像 ${ref.objectNumber} 的 BitsPerComponent 为 ${bpc}`);
      }
      return problems;
    },
  },
  {
    clause: '6.2.9',
    title: '外部对象：没有 PostScript 外部对象，表单外部对象不含 Ref、OPI 或 Subtype2 PS',
    check(doc) {
      const problems: string[] = [];
      for (const [ref, obj] of doc.objects) {
        if (!(obj instanceof PDFStream) || nameOf(get(obj.dict, 'Type')) !== 'XObject') continue;
        const subtype = nameOf(get(obj.dict, 'Subtype'));
        if (subtype === 'PS') problems.push(`对象 ${ref.objectNumber} 是 PostScript 外部对象`);
        if (subtype === 'Form') {
          for (const key of ['Ref', 'OPI']) if (get(obj.dict, key)) problems.push(`表单 ${ref.objectNumber} 含 ${key}`);
          if (nameOf(get(obj.dict, 'Subtype2')) === 'PS') problems.push(`表单 ${ref.objectNumber} 的 Subtype2 为 PS`);
        }
      }
      return problems;
    },
  },
  {
    clause: '6.2.10',
    title: '透明：混合模式为 ISO 32000-1 所定义；没有输出意图时，含透明的页面须有带 CS 的透明组',
    check(doc) {
      const problems: string[] = [];
      for (const d of allDicts(doc)) {
        const bm = nameOf(get(d, 'BM'));
        if (bm && !BLEND_MODES.has(bm)) problems.push(`混合模式 ${bm} 未定义`);
      }
      if (!pdfaOutputIntents(doc).length) {
        doc.pages.forEach((page, i) => {
          const res = pageResources(doc, page);
          const states = doc.dict(get(res, 'ExtGState'));
          const transparent = states?.entries().some(([, s]) => {
            const gs = doc.dict(s);
            const ca = numberOf(get(gs, 'ca')) ?? 1;
            const CA = numberOf(get(gs, 'CA')) ?? 1;
            return ca < 1 || CA < 1 || !!get(gs, 'SMask') && nameOf(get(gs, 'SMask')) !== 'None';
          });
          if (transparent && !get(doc.dict(get(page, 'Group')), 'CS')) problems.push(`第 ${i + 1} 页有透明，但既没有输出意图也没有带 CS 的透明组`);
        });
      }
      return problems;
    },
  },
];
