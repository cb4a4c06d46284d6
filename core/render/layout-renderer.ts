import type { LoadedFace } from '../fonts/face-set.js';
import type { PageLayout } from '../typeset/page-layout.js';
import type { PdfaProfile } from './pdf-archive.js';

/** The PDF backends: our own writer (default) and pdfmake (kept as a second backend to compare against). */
export type BackendName = 'pdf' | 'pdfmake';

/** The backends `bulletin export --backend` accepts. */
export const BACKENDS: readonly BackendName[] = ['pdf', 'pdfmake'];

/** What a backend needs besides the layout. */
export interface RenderRequest {
  /** Every face the layout names (and the default face), by key. */
  readonly faces: ReadonlyMap<string, LoadedFace>;
  /** Face key of the watermark and of pdfmake's default style. */
  readonly defaultFace: string;
  /** Print the 样稿 watermark across every page. */
  readonly draft: boolean;
  /** Extra metadata entries (the signer, the content hash…), merged into the document information. */
  readonly extraInfo?: Readonly<Record<string, string>>;
  /**
   * 'session' (default): subsets shared with this renderer's earlier exports, grown as needed (fast after an
   * edit); 'exact': subsets of exactly this document's glyphs (the final PDF made at sign-off).
   */
  readonly subsets?: 'session' | 'exact';
  /** 'preview': content streams left uncompressed (the preview never stores its PDF). Default 'export'. */
  readonly purpose?: 'export' | 'preview';
  /**
   * Write PDF/A-2u with this output profile (the final PDF; never with the draft watermark). Only our own
   * writer does; pdfmake refuses.
   */
  readonly pdfa?: PdfaProfile;
  /** Tagged PDF from the layout's structure (default: every export; never the preview). */
  readonly tagged?: boolean;
}

/** A PDF backend: renders a backend-neutral page layout to PDF bytes. */
export interface LayoutRenderer {
  readonly backend: BackendName;
  render(layout: PageLayout, request: RenderRequest): Promise<Uint8Array>;
}
