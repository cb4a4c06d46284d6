import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PdfaProfile } from '../core/render/pdf-archive.js';

/**
 * The output intent of PDF/A files: the CMYK printer profile shipped in assets/icc/ (Artifex "PS CMYK" from
 * Ghostscript's iccprofiles, Debian package libgs-common, AGPL-3.0-or-later; see assets/LICENSE.md). Our pages
 * are DeviceCMYK, so PDF/A needs a CMYK output profile (ISO 19005-2 §6.2.3, §6.2.4.3).
 */

/** The profile's file name in assets/icc/. */
export const OUTPUT_PROFILE_FILE = 'ps_cmyk.icc';
/** Its output condition (the OutputConditionIdentifier written in the file). */
export const OUTPUT_CONDITION = 'Artifex PS CMYK (SWOP)';

/** Thrown with a Chinese message when the profile is missing or is not a CMYK output profile. */
export class OutputProfileError extends Error {
  override readonly name = 'OutputProfileError';
}

/** Reads and checks the output profile (header: size, 'acsp', class prtr, colour space CMYK). */
export function loadOutputProfile(options: { iccDir?: string } = {}): PdfaProfile {
  // Sources and the command's bundle (whose import.meta.url is services/'s) find assets/icc beside services/; the
  // packaged app's bundles run from out/main, where electron-builder.yml puts the profile in out/assets/icc.
  const dir = resolve(options.iccDir ?? fileURLToPath(new URL('../assets/icc/', import.meta.url)));
  const path = resolve(dir, OUTPUT_PROFILE_FILE);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new OutputProfileError(`找不到 PDF/A 所需的 CMYK 色彩特性文件 ${path}，请重新安装本程序；或在设置中关闭“正式版存为 PDF/A”`);
  }
  const ascii = (from: number) => bytes.subarray(from, from + 4).toString('latin1');
  if (bytes.length < 132 || bytes.readUInt32BE(0) !== bytes.length || ascii(36) !== 'acsp' || ascii(12) !== 'prtr' || ascii(16) !== 'CMYK') {
    throw new OutputProfileError(`色彩特性文件 ${path} 已损坏或不是 CMYK 印刷特性文件，不能用于 PDF/A`);
  }
  return { icc: new Uint8Array(bytes), condition: OUTPUT_CONDITION };
}
