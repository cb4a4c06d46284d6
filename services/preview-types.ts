import type { BulletinDocument } from '../core/model/document.js';
import type { DocumentPatch } from '../core/model/document-patch.js';
import type { PreviewLayout, PreviewPagesResult } from '../core/render/preview-layout.js';

export type { PreviewPagesResult, DocumentPatch };

/** What a preview is of: a whole document, or a patch of the session's last one (live preview only). */
export type PreviewInput = { readonly document: BulletinDocument; readonly patch?: undefined } | { readonly patch: DocumentPatch; readonly document?: undefined };

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

/**
 * A patch whose base is not the session's last document (a new session, a restarted thread, an evicted one): the
 * caller sends the whole document instead. Never answered to a whole document.
 */
export interface ResendPreviewResult {
  readonly kind: 'resend';
}

export type PreviewResult = PdfPreviewResult | LayoutPreviewResult;

/** What a preview request may be answered: a preview, or (to a patch only) 'resend'. */
export type PreviewAnswer = PreviewResult | ResendPreviewResult;

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
  /**
   * The caller's number for this document ('layout' with a session): the session keeps the document under it, and
   * a later patch naming it as its base is applied to it. Absent: the session keeps no document.
   */
  readonly version?: number;
}

/** The page in view (1-based) and how many pages nearest it are drawn. */
export interface PreviewView {
  readonly page: number;
  readonly count: number;
}
