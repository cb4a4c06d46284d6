import type { PreviewLayout, PreviewPagesResult } from '../core/render/preview-layout.js';

export type { PreviewPagesResult };

/** What every preview render returns: its page count, the time taken and the characters no font has. */
interface PreviewCommon {
  readonly pages: number;
  /** Milliseconds the worker spent. */
  readonly ms: number;
  /** Characters no font has (the preview still renders). */
  readonly missing: readonly { readonly char: string; readonly codePoint: number; readonly source: string }[];
}

/** The PDF itself (「PDF 校样」: what must be the PDF, drawn by pdf.js). */
export interface PdfPreviewResult extends PreviewCommon {
  readonly kind: 'pdf';
  readonly pdf: Uint8Array;
}

/** The page layout to draw on canvases (the live preview), glyph outlines new to the session included. */
export interface LayoutPreviewResult extends PreviewCommon {
  readonly kind: 'layout';
  readonly layout: PreviewLayout;
}

export type PreviewResult = PdfPreviewResult | LayoutPreviewResult;

/** How a preview is asked for: 'layout' (default for the live preview) or 'pdf'; a session names the glyphs sent. */
export interface PreviewOptions {
  readonly draft: boolean;
  /** Default 'pdf'. */
  readonly mode?: 'pdf' | 'layout';
  /** The caller's preview session: glyph outlines are sent once per session. */
  readonly session?: string;
  /**
   * The page in view and how many pages around it the preview draws ('layout' with a session): only those pages'
   * drawing data is sent, the others' when asked for by key (PreviewRenderer.pages). Absent: every page's.
   */
  readonly view?: PreviewView;
}

/** The page in view (1-based) and how many pages nearest it are drawn. */
export interface PreviewView {
  readonly page: number;
  readonly count: number;
}
