import { AlignmentType, ImageRun, Paragraph, type TextRun } from 'docx';
import { fromBase64 } from '../model/picture.js';
import { placePicture } from '../typeset/picture-block.js';
import type { LayoutPreset } from '../typeset/preset.js';
import type { StyledBlock, StyledRun } from '../typeset/styled.js';

/**
 * A picture block in the .docx (issue 12): the JPEG as an inline picture (w:drawing, DrawingML) in a centred
 * paragraph kept with the next, at the size the PDF places it (./../typeset/picture-block.ts), then its 图注 in
 * a centred paragraph of the built-in style "Caption" (题注), which Word and LibreOffice list as captions and
 * our Word import reads back as the picture's caption.
 */
export function pictureParagraphs(
  block: StyledBlock,
  ctx: {
    readonly preset: LayoutPreset;
    readonly run: (r: StyledRun) => TextRun;
    readonly captionStyle: string;
    readonly exact: { line: number; lineRule: 'exact' };
  },
): Paragraph[] {
  const image = block.picture!;
  const placed = placePicture(image, ctx.preset);
  // docx takes the size in pixels at 96 per inch.
  const px = (pt: number) => Math.round((pt * 96) / 72);
  const caption = block.runs.map((r) => r.text).join('');
  const out = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: block.runs.length > 0,
      spacing: { before: 0, after: 0 },
      indent: { firstLine: 0 },
      children: [
        new ImageRun({
          type: 'jpg',
          data: fromBase64(image.data),
          transformation: { width: px(placed.width), height: px(placed.height) },
          altText: { name: caption || '图片', description: caption || '图片', title: caption || '图片' },
        }),
      ],
    }),
  ];
  if (block.runs.length) {
    out.push(
      new Paragraph({
        style: ctx.captionStyle,
        alignment: AlignmentType.CENTER,
        spacing: ctx.exact,
        indent: { firstLine: 0 },
        children: block.runs.map(ctx.run),
      }),
    );
  }
  return out;
}
