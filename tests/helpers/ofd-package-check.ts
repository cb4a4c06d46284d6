/**
 * The structural check of an OFD package (GB/T 33190-2016), for the tests: the ZIP read with Info-ZIP's
 * `unzip` (CRCs tested), every XML part parsed by the browser's strict XML parser (see ofd-browser.ts), then
 * the elements and attributes the standard requires of what we write, the uniqueness of IDs across the
 * document, and every reference resolving — DocRoot, PublicRes, page BaseLoc, FontFile, a text object's Font,
 * CustomTags' FileLoc, and each structure ObjectRef to an object on the page it names.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import type { XmlNode } from './ofd-browser.js';

export const OFD_NS = 'http://www.ofdspec.org/2016';

/** The files of a ZIP, by path, read with `unzip` after `unzip -tq` tested every CRC. */
export function unzipFiles(bytes: Uint8Array): Map<string, Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'ofd-zip-'));
  try {
    const file = join(dir, 'x.ofd');
    writeFileSync(file, bytes);
    execFileSync('unzip', ['-tq', file], { encoding: 'utf8' });
    const names = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n').filter((n) => n && !n.endsWith('/'));
    return new Map(names.map((n) => [n, execFileSync('unzip', ['-p', file, n], { maxBuffer: 64 << 20 })]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Children of an element with a local name (OFD namespace). */
export function kids(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name && c.ns === OFD_NS);
}
export function kid(node: XmlNode, name: string): XmlNode | undefined {
  return kids(node, name)[0];
}
/** Every descendant with a local name (OFD namespace). */
export function all(node: XmlNode, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  const walk = (n: XmlNode) => {
    if (n.name === name && n.ns === OFD_NS) out.push(n);
    n.children.forEach(walk);
  };
  walk(node);
  return out;
}

/** Expands a DeltaX/DeltaY list ("g N v" repeats v N times). */
export function expandDelta(list: string): number[] {
  const tokens = list.trim().split(/\s+/);
  const out: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === 'g') {
      const n = Number(tokens[++i]);
      const v = Number(tokens[++i]);
      for (let k = 0; k < n; k++) out.push(v);
    } else out.push(Number(tokens[i]));
  }
  return out;
}

export interface CheckedOfd {
  readonly problems: string[];
  readonly pageIds: string[];
  readonly fonts: { id: string; file: string; fontName: string; familyName?: string }[];
  readonly docInfo: XmlNode;
  /** Parsed parts by path. */
  readonly parts: Map<string, XmlNode>;
}

const isNumbers = (s: string | undefined, count?: number) => {
  if (s === undefined) return false;
  const parts = s.trim().split(/\s+/);
  return (count === undefined || parts.length === count) && parts.every((p) => p !== '' && Number.isFinite(Number(p)));
};

/** Checks a package; `problems` lists every deviation (empty when it passes). */
export async function checkOfdPackage(files: Map<string, Buffer>, parse: (xml: string) => Promise<XmlNode>): Promise<CheckedOfd> {
  const problems: string[] = [];
  const parts = new Map<string, XmlNode>();
  for (const [path, bytes] of files) {
    if (!path.endsWith('.xml')) continue;
    try {
      parts.set(path, await parse(bytes.toString('utf8')));
    } catch (e) {
      problems.push(`${path}: ${(e as Error).message}`);
    }
  }
  const need = (cond: unknown, message: string) => {
    if (!cond) problems.push(message);
  };
  const ids = new Map<string, string>();
  const claim = (id: string | undefined, where: string) => {
    need(id !== undefined && /^[1-9]\d*$/.test(id), `${where}: ID 缺失或不是正整数（${id}）`);
    if (id === undefined) return;
    need(!ids.has(id), `${where}: ID ${id} 与 ${ids.get(id)} 重复`);
    ids.set(id, where);
  };

  const entry = parts.get('OFD.xml');
  need(entry, 'OFD.xml 缺失');
  const empty: XmlNode = { ns: null, name: '', attrs: {}, children: [], text: '' };
  if (!entry) return { problems, pageIds: [], fonts: [], docInfo: empty, parts };
  need(entry.ns === OFD_NS && entry.name === 'OFD', 'OFD.xml 的根元素应为 ofd:OFD');
  need(entry.attrs.Version, 'ofd:OFD 缺少 Version');
  need(entry.attrs.DocType === 'OFD', 'ofd:OFD 的 DocType 应为 OFD');
  const body = kid(entry, 'DocBody');
  const docInfo = body && kid(body, 'DocInfo');
  need(docInfo, 'ofd:DocBody 缺少 DocInfo');
  need(docInfo && /^[0-9a-f]{32}$/i.test(kid(docInfo, 'DocID')?.text ?? ''), 'DocInfo 的 DocID 应为 32 位十六进制');
  need(!docInfo || !kid(docInfo, 'CreationDate') || /^\d{4}-\d{2}-\d{2}$/.test(kid(docInfo, 'CreationDate')!.text), 'CreationDate 应为 xs:date');
  const docRoot = body && kid(body, 'DocRoot')?.text;
  need(docRoot && parts.has(docRoot), `DocRoot（${docRoot}）不存在`);
  const doc = docRoot ? parts.get(docRoot) : undefined;
  if (!doc || !docRoot) return { problems, pageIds: [], fonts: [], docInfo: docInfo ?? empty, parts };
  const docDir = posix.dirname(docRoot);
  const at = (dir: string, loc: string) => posix.normalize(posix.join(dir, loc));

  need(doc.name === 'Document' && doc.ns === OFD_NS, 'Document.xml 的根元素应为 ofd:Document');
  const common = kid(doc, 'CommonData');
  need(common, 'ofd:Document 缺少 CommonData');
  const maxUnit = Number(common && kid(common, 'MaxUnitID')?.text);
  need(Number.isInteger(maxUnit) && maxUnit > 0, 'CommonData 缺少 MaxUnitID');
  need(isNumbers(common && kid(common, 'PageArea') && kid(kid(common, 'PageArea')!, 'PhysicalBox')?.text, 4), 'PageArea 缺少 PhysicalBox（4 个数）');

  // Resources: fonts.
  const fonts: CheckedOfd['fonts'] = [];
  const mediaIds = new Set<string>();
  for (const resLoc of [...(common ? kids(common, 'PublicRes') : []), ...(common ? kids(common, 'DocumentRes') : [])]) {
    const resPath = at(docDir, resLoc.text);
    const res = parts.get(resPath);
    need(res, `资源文件 ${resPath} 不存在`);
    if (!res) continue;
    need(res.name === 'Res', `${resPath} 的根元素应为 ofd:Res`);
    const base = at(posix.dirname(resPath), res.attrs.BaseLoc ?? '');
    for (const font of all(res, 'Font')) {
      claim(font.attrs.ID, `${resPath} 字体`);
      need(font.attrs.FontName, `字体 ${font.attrs.ID} 缺少 FontName`);
      const file = kid(font, 'FontFile')?.text;
      const path = file ? at(base, file) : '';
      need(file && files.has(path), `字体 ${font.attrs.ID} 的 FontFile（${path}）不存在`);
      fonts.push({ id: font.attrs.ID ?? '', file: path, fontName: font.attrs.FontName ?? '', familyName: font.attrs.FamilyName });
    }
    for (const media of all(res, 'MultiMedia')) {
      claim(media.attrs.ID, `${resPath} 多媒体`);
      const file = kid(media, 'MediaFile')?.text;
      const path = file ? at(base, file) : '';
      need(file && files.has(path), `多媒体 ${media.attrs.ID} 的 MediaFile（${path}）不存在`);
      mediaIds.add(media.attrs.ID ?? '');
    }
  }
  const fontIds = new Set(fonts.map((f) => f.id));

  // Pages.
  const pageIds: string[] = [];
  const objectsByPage = new Map<string, Set<string>>();
  const pagesNode = kid(doc, 'Pages');
  need(pagesNode && kids(pagesNode, 'Page').length > 0, 'ofd:Pages 中没有页');
  for (const p of pagesNode ? kids(pagesNode, 'Page') : []) {
    claim(p.attrs.ID, `页 ${p.attrs.BaseLoc}`);
    pageIds.push(p.attrs.ID ?? '');
    const path = at(docDir, p.attrs.BaseLoc ?? '');
    const content = parts.get(path);
    need(content, `页的 BaseLoc（${path}）不存在`);
    if (!content) continue;
    need(content.name === 'Page', `${path} 的根元素应为 ofd:Page`);
    const objects = new Set<string>();
    objectsByPage.set(p.attrs.ID ?? '', objects);
    for (const layer of all(content, 'Layer')) claim(layer.attrs.ID, `${path} 图层`);
    for (const t of all(content, 'TextObject')) {
      const where = `${path} 文字对象 ${t.attrs.ID}`;
      claim(t.attrs.ID, where);
      objects.add(t.attrs.ID ?? '');
      need(isNumbers(t.attrs.Boundary, 4), `${where}: Boundary`);
      need(fontIds.has(t.attrs.Font ?? ''), `${where}: Font ${t.attrs.Font} 不在资源中`);
      need(isNumbers(t.attrs.Size, 1), `${where}: Size`);
      const codes = kids(t, 'TextCode');
      need(codes.length > 0, `${where}: 没有 TextCode`);
      for (const code of codes) {
        need(isNumbers(code.attrs.X, 1) && isNumbers(code.attrs.Y, 1), `${where}: TextCode 缺少 X/Y`);
        const n = [...code.text].length;
        if (code.attrs.DeltaX !== undefined) need(expandDelta(code.attrs.DeltaX).length === n - 1, `${where}: DeltaX 个数应为字数减一（${n - 1}）`);
        else need(n <= 1, `${where}: 多个字而没有 DeltaX`);
      }
    }
    for (const path2 of all(content, 'PathObject')) {
      const where = `${path} 图形对象 ${path2.attrs.ID}`;
      claim(path2.attrs.ID, where);
      objects.add(path2.attrs.ID ?? '');
      need(isNumbers(path2.attrs.Boundary, 4), `${where}: Boundary`);
      need(kid(path2, 'AbbreviatedData')?.text.trim(), `${where}: 缺少 AbbreviatedData`);
    }
    for (const image of all(content, 'ImageObject')) {
      const where = `${path} 图像对象 ${image.attrs.ID}`;
      claim(image.attrs.ID, where);
      objects.add(image.attrs.ID ?? '');
      need(isNumbers(image.attrs.Boundary, 4), `${where}: Boundary`);
      need(mediaIds.has(image.attrs.ResourceID ?? ''), `${where}: ResourceID ${image.attrs.ResourceID} 不在资源中`);
    }
  }
  const maxId = Math.max(0, ...[...ids.keys()].map(Number));
  need(maxUnit >= maxId, `MaxUnitID（${maxUnit}）小于最大的 ID（${maxId}）`);

  // Custom tags: the structure file and its object references.
  const tagsLoc = kid(doc, 'CustomTags')?.text;
  if (tagsLoc) {
    const tagsPath = at(docDir, tagsLoc);
    const tags = parts.get(tagsPath);
    need(tags, `CustomTags（${tagsPath}）不存在`);
    for (const tag of tags ? kids(tags, 'CustomTag') : []) {
      need(tag.attrs.TypeID, 'CustomTag 缺少 TypeID');
      need(tag.attrs.NameSpace, 'CustomTag 缺少 NameSpace');
      const fileLoc = kid(tag, 'FileLoc')?.text;
      const path = fileLoc ? at(posix.dirname(tagsPath), fileLoc) : '';
      const structure = parts.get(path);
      need(structure, `CustomTag 的 FileLoc（${path}）不存在`);
      for (const ref of structure ? all(structure, 'ObjectRef') : []) {
        const objects = objectsByPage.get(ref.attrs.PageRef ?? '');
        need(objects, `ObjectRef 的 PageRef ${ref.attrs.PageRef} 不是页`);
        need(!objects || objects.has(ref.text), `ObjectRef ${ref.text} 不在页 ${ref.attrs.PageRef} 上`);
      }
    }
  }
  return { problems, pageIds, fonts, docInfo: docInfo!, parts };
}
