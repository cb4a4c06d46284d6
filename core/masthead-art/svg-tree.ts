import { SaxesParser } from 'saxes';

/**
 * The SVG file as an element tree, read with saxes (a pure-JavaScript, non-validating XML parser that never
 * fetches anything), with the safety checks of a file that will be printed on every issue: a 刊名 picture is
 * drawing only. Refused, each with its reason in Chinese (MastheadArtError):
 *  - a DOCTYPE (entity definitions are how XML pulls in outside files or explodes in size);
 *  - <script>, <foreignObject>, and any on* event attribute (code);
 *  - references to anything outside the file: href / xlink:href not starting with #, url(…) not to #id,
 *    @import in a <style>, <image> of any kind (an embedded bitmap would not be vector artwork either).
 */

export class MastheadArtError extends Error {
  override readonly name = 'MastheadArtError';
}

export interface SvgElement {
  /** Local name without prefix ("svg", "path"). */
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly SvgElement[];
  /** Text content (for <style> and <title>). */
  readonly text: string;
}

/** Elements that carry or load code or outside content: refused wherever they stand. */
const FORBIDDEN_ELEMENTS: Readonly<Record<string, string>> = {
  script: '含有脚本（<script>）',
  foreignobject: '含有外部内容（<foreignObject>）',
  image: '含有嵌入或外链的位图（<image>），刊名图须为矢量图形',
  iframe: '含有外部内容（<iframe>）',
  handler: '含有脚本（<handler>）',
};

function localName(qname: string): string {
  const i = qname.indexOf(':');
  return (i >= 0 ? qname.slice(i + 1) : qname).toLowerCase();
}

/** A reference that points outside the file: anything but a same-document fragment. */
function isExternal(ref: string): boolean {
  return !ref.trim().startsWith('#');
}

function checkAttribute(element: string, name: string, value: string): void {
  const local = localName(name);
  if (local.startsWith('on')) throw new MastheadArtError(`SVG 含有脚本事件属性（<${element}> 的 ${name}）`);
  if (local === 'href' && isExternal(value)) throw new MastheadArtError(`SVG 引用了外部资源（${name}="${value.slice(0, 80)}"）`);
  for (const m of value.matchAll(/url\(\s*['"]?([^'")]*)/gi)) {
    if (isExternal(m[1]!)) throw new MastheadArtError(`SVG 引用了外部资源（url(${m[1]!.slice(0, 80)})）`);
  }
  if (/javascript:/i.test(value)) throw new MastheadArtError(`SVG 含有脚本（<${element}> 的 ${name}）`);
}

function checkStyleText(text: string): void {
  if (/@import/i.test(text)) throw new MastheadArtError('SVG 的样式引用了外部文件（@import）');
  for (const m of text.matchAll(/url\(\s*['"]?([^'")]*)/gi)) {
    if (isExternal(m[1]!)) throw new MastheadArtError(`SVG 的样式引用了外部资源（url(${m[1]!.slice(0, 80)})）`);
  }
}

/** Parses SVG text into its root <svg> element, or throws MastheadArtError with the reason. */
export function parseSvgTree(text: string): SvgElement {
  const parser = new SaxesParser({ xmlns: false });
  type Building = { name: string; attrs: Record<string, string>; children: Building[]; text: string };
  const root: Building = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: Building[] = [root];
  parser.on('doctype', () => {
    throw new MastheadArtError('SVG 含有 DOCTYPE 声明（可能引用外部实体），请去掉后再试');
  });
  parser.on('processinginstruction', (pi) => {
    if (pi.target.toLowerCase() === 'xml-stylesheet') throw new MastheadArtError('SVG 引用了外部样式表（xml-stylesheet）');
  });
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    const forbidden = FORBIDDEN_ELEMENTS[name];
    if (forbidden) throw new MastheadArtError(`SVG ${forbidden}`);
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) {
      const value = String(v);
      checkAttribute(tag.name, k, value);
      attrs[k.toLowerCase().startsWith('xlink:') ? k.toLowerCase() : k] = value;
    }
    const el: Building = { name, attrs, children: [], text: '' };
    stack[stack.length - 1]!.children.push(el);
    if (!tag.isSelfClosing) stack.push(el);
  });
  parser.on('closetag', (tag) => {
    if (tag.isSelfClosing) return;
    const el = stack.pop()!;
    if (el.name === 'style') checkStyleText(el.text);
  });
  const addText = (t: string) => {
    stack[stack.length - 1]!.text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof MastheadArtError) throw error;
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new MastheadArtError(`SVG 文件已损坏，不是有效的 XML（${detail}）`);
  }
  const svg = root.children[0];
  if (!svg || svg.name !== 'svg') throw new MastheadArtError('文件不是 SVG 图形（根元素不是 <svg>）');
  return svg;
}
