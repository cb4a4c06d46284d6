import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import pdfmakeModule from 'pdfmake';
import type { LoadedFace } from '../fonts/face-set.js';
import type { LayoutRenderer } from './layout-renderer.js';
import { toPdfmakeDocument, type PdfmakeDocument } from './pdfmake-document.js';

/**
 * The one module that touches pdfmake. It renders a document definition to PDF bytes with the faces the
 * typesetter used, each embedded and subset by pdfkit. pdfmake's own habits are contained here:
 *  - pdfmake exports a ready-made instance sharing one virtual file system; each renderer makes its own
 *    instance with its own file system;
 *  - pdfmake mutates the fonts object it is given, so each render gets a fresh one;
 *  - pdfkit parses every font anew for every document (most of a warm export's time), so the renderer
 *    hands pdfkit the fontkit fonts the typesetter already parsed: pdfmake's file system holds a small token
 *    Buffer per face, and a fontkit format registered here turns that token back into the parsed font
 *    (see installParsedFontHook).
 * Network and file access are refused: fonts come only from the in-memory file system.
 */

interface PdfmakeInstance {
  virtualfs: { writeFileSync(name: string, content: Uint8Array): void; existsSync(name: string): boolean };
  fonts: Record<string, Record<string, string>>;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(doc: unknown, options?: object): { getBuffer(): Promise<Uint8Array> };
}

const requireHere = createRequire(import.meta.url);
/** pdfkit's own (CommonJS) fontkit: the instance whose `create` pdfkit calls. */
const pdfkitFontkit = requireHere(requireHere.resolve('fontkit', { paths: [requireHere.resolve('pdfkit')] })) as {
  registerFormat: (format: unknown) => void;
};

/** Parsed fonts by the token Buffer pdfkit will be given; weak, so unused faces can be collected. */
const parsedByToken = new WeakMap<Uint8Array, object>();
let hookInstalled = false;

/**
 * fontkit's `create` tries its registered formats in order and constructs the first whose `probe` accepts
 * the bytes. pdfmake is given, for each face, a small token Buffer that every built-in format rejects
 * quickly (no sfnt/WOFF/TTC magic; a DFont map offset past its end); a format registered here accepts
 * exactly those tokens and constructs… the font the typesetter already parsed. pdfkit then embeds and
 * subsets from that font as usual.
 */
function installParsedFontHook(): void {
  if (hookInstalled) return;
  class ParsedFont {
    static probe(buffer: Uint8Array): boolean {
      return parsedByToken.has(buffer);
    }
    constructor(stream: { buffer: Uint8Array }) {
      const font = parsedByToken.get(stream.buffer);
      if (!font) throw new Error('font token not registered');
      return font as ParsedFont;
    }
  }
  pdfkitFontkit.registerFormat(ParsedFont);
  hookInstalled = true;
}

/** A Buffer no built-in fontkit format accepts, standing for one parsed font. */
function fontToken(font: object): Buffer {
  const token = Buffer.alloc(64);
  token.writeUInt32BE(0x1000, 4); // DFont's map pointer, past the end: its probe fails at once
  parsedByToken.set(token, font);
  return token;
}

export interface PdfRenderer {
  /** Renders a document definition; every face named in it must be among `faces`. */
  render(doc: PdfmakeDocument, faces: Iterable<LoadedFace>): Promise<Uint8Array>;
}

/** Creates a renderer with its own pdfmake instance and in-memory font files. */
export function createPdfRenderer(): PdfRenderer {
  const base = pdfmakeModule as unknown as PdfmakeInstance;
  const Pdfmake = base.constructor as new () => PdfmakeInstance;
  const VirtualFs = base.virtualfs.constructor as new () => PdfmakeInstance['virtualfs'];
  const pdfmake = new Pdfmake();
  pdfmake.virtualfs = new VirtualFs();
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  installParsedFontHook();
  /** Virtual file name per face key, and the parsed font it stands for. */
  const names = new Map<string, { name: string; source: object; font: object }>();

  return {
    async render(doc, faces) {
      const fonts: Record<string, Record<string, string>> = {};
      for (const face of faces) {
        let entry = names.get(face.key);
        if (!entry || entry.source !== face.font) {
          // pdfkit subsets from fontkit's glyph outlines: a face held without its glyph data is parsed whole here.
          const font = face.glyf ? fontkit.create(face.glyf.file()) : face.font;
          entry = { name: `font-${names.size + 1}.ttf`, source: face.font, font };
          pdfmake.virtualfs.writeFileSync(entry.name, fontToken(font));
          names.set(face.key, entry);
        }
        const name = entry.name;
        fonts[face.key] = { normal: name, bold: name, italics: name, bolditalics: name };
      }
      pdfmake.fonts = fonts;
      const bytes = await pdfmake.createPdf(structuredClone(doc)).getBuffer();
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
  };
}

/**
 * pdfmake as a backend of the page layout (`bulletin export --backend pdfmake`): the layout becomes a pdfmake
 * document (pdfmake-document.ts) rendered with the faces it names. pdfkit subsets each document afresh, so
 * `subsets` and `purpose` make no difference here.
 */
export function createPdfmakeLayoutRenderer(): LayoutRenderer {
  const renderer = createPdfRenderer();
  return {
    backend: 'pdfmake',
    render(layout, request) {
      if (request.pdfa) return Promise.reject(new Error('pdfmake 后端不能生成 PDF/A，请使用默认的内置 PDF 后端'));
      const used = new Set<string>([request.defaultFace]);
      for (const page of layout.pages) for (const t of page.texts) used.add(t.face);
      const doc = toPdfmakeDocument(layout, { draft: request.draft, defaultFace: request.defaultFace, extraInfo: request.extraInfo });
      return renderer.render(doc, [...request.faces.values()].filter((f) => used.has(f.key)));
    },
  };
}
