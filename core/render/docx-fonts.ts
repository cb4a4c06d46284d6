import type { FontChoice, FontRole } from '../model/profile.js';

/**
 * The font names a .docx asks for, as offices have them: Word and WPS look fonts up by name, so the export
 * names the fonts an office's machines carry (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312, 宋体) and, where the
 * profile points a role at a font file, the family that file is known to hold. The bundled fonts are not
 * embedded in the .docx; a machine without the named font falls back as Word does.
 */

/** The office font of each role when the profile uses a bundled font (GB/T 9704-2012 §5.2.2 and bulletin practice). */
export const OFFICE_FONTS: Readonly<Record<FontRole, string>> = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  hei: '黑体',
  kai: '楷体_GB2312',
  song: '宋体',
};

/** Font files offices commonly point a role at, by file name, and the family Word knows them by. */
const KNOWN_FILES: readonly [RegExp, string][] = [
  [/simfang|fangsong|仿宋/iu, '仿宋_GB2312'],
  [/simhei|黑体/iu, '黑体'],
  [/simkai|kaiti|楷体/iu, '楷体_GB2312'],
  [/simsun|宋体/iu, '宋体'],
  [/fzxbs|小标宋/iu, '方正小标宋简体'],
  [/fzfs|方正仿宋/iu, '方正仿宋_GBK'],
  [/fzkt|方正楷体/iu, '方正楷体_GBK'],
  [/fzht|方正黑体/iu, '方正黑体_GBK'],
];

/** The font name for a role's choice. */
export function docxFontName(role: FontRole, choice: FontChoice | undefined): string {
  if (choice && choice.kind === 'file') {
    const file = choice.path.split(/[\\/]/).pop() ?? '';
    for (const [pattern, name] of KNOWN_FILES) if (pattern.test(file)) return name;
  }
  return OFFICE_FONTS[role];
}
