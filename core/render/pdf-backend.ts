import type { PageLayout } from '../typeset/page-layout.js';
import type { LayoutRenderer, RenderRequest } from './layout-renderer.js';
import { draftWatermark } from './page-content.js';
import { writeLayoutPdf } from './pdf-file.js';
import { createSubsetPool, type Deflate, type SubsetPool } from './pdf-fonts.js';

/**
 * Our own PDF backend (the default): page-content.ts draws each page, pdf-fonts.ts embeds subsets, pdf-file.ts
 * assembles the file, pdf-writer.ts serialises it. A renderer keeps a session: its subset pool (codes stable,
 * font programs encoded once per growth) and the content streams of pages already written, so an export after a
 * one-paragraph edit re-encodes only the pages and fonts that changed.
 */
export interface PdfWriterOptions {
  /** zlib deflate (node:zlib's deflateSync in Node); without it nothing is compressed. */
  readonly deflate?: Deflate;
  /** The clock for /CreationDate (absent: no date is written). */
  readonly now?: () => Date;
}

export interface PdfWriterRenderer extends LayoutRenderer {
  /** Glyphs per face in the session's subsets. */
  sessionSizes(): ReadonlyMap<string, number>;
}

export function createPdfWriterRenderer(options: PdfWriterOptions = {}): PdfWriterRenderer {
  const session: SubsetPool = createSubsetPool({ deflate: options.deflate });
  const compressedPages = new Map<string, Uint8Array>();
  const plainPages = new Map<string, Uint8Array>();
  return {
    backend: 'pdf',
    async render(layout: PageLayout, request: RenderRequest) {
      const exact = request.subsets === 'exact';
      const preview = request.purpose === 'preview';
      if (request.pdfa && request.draft) throw new Error('带“样稿”水印的文件不能生成 PDF/A（PDF/A 只用于签发后的正式版）');
      const face = (key: string) => {
        const f = request.faces.get(key);
        if (!f) throw new Error(`排版结果使用了未加载的字体 ${key}`);
        return f;
      };
      return writeLayoutPdf(layout, {
        pool: exact ? createSubsetPool({ deflate: options.deflate }) : session,
        face,
        deflate: options.deflate,
        compressContent: !preview,
        contentCache: exact ? undefined : preview ? plainPages : compressedPages,
        watermark: request.draft ? draftWatermark(request.defaultFace) : undefined,
        info: {
          title: layout.info.title,
          author: layout.info.author,
          subject: layout.info.subject,
          keywords: layout.info.keywords,
          creator: '简报编辑台',
          producer: 'bulletin-desk pdf-writer',
          ...request.extraInfo,
        },
        created: options.now?.() ?? (request.pdfa ? new Date() : undefined),
        tagged: request.tagged ?? !preview,
        ...(request.pdfa && !request.draft ? { pdfa: request.pdfa } : {}),
      });
    },
    sessionSizes: () => session.sizes(),
  };
}
