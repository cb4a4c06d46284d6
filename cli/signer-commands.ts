import { existsSync, readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../services/atomic-file.js';
import { createApproval } from '../services/approval.js';
import { createLibrary } from '../services/library.js';
import type { Library } from '../services/library-types.js';
import { defaultLibraryDir } from '../services/paths.js';
import { SigningError } from '../services/signers.js';
import { fingerprintOf, formatFingerprint, fromCertificateFile, toPem } from '../services/certificate-checks.js';
import { SIGNER_EVENT_NAMES } from '../services/signing-types.js';
import type { TrustedAuthority } from '../services/verify-report.js';
import { readStdinLines } from './stdin-lines.js';

/**
 * The signer commands of `bulletin` (approver …) and `verify`. Secrets come from standard input, one per line.
 * Exit codes: 0 done (or: the signature verifies); 1 refused (wrong PIN or 管理口令, locked, the signature does not
 * verify); 2 bad usage or bad input (thrown to cli/main.ts).
 */

export interface SignerCommandContext {
  readonly args: readonly string[];
  readonly values: { readonly library?: string; readonly output?: string; readonly replace?: boolean; readonly trust?: string; readonly authority?: boolean };
  readonly io: {
    readonly out: (line: string) => void;
    readonly err: (line: string) => void;
    readonly stdinLines?: (prompts: readonly string[]) => Promise<string[]>;
  };
  readonly usageError: (message: string) => Error;
  readonly openLibrary: () => Library;
}

export async function approverCommand(ctx: SignerCommandContext): Promise<number> {
  const [sub, ...rest] = ctx.args;
  const library = ctx.openLibrary();
  const signing = createApproval({ library }).signing;
  const by = operator();
  const name = () => {
    const n = rest.join(' ').trim();
    if (!n || rest.length !== 1) throw ctx.usageError(`用法：bulletin --library <库> approver ${sub} <姓名>`);
    return n;
  };
  const secrets = async (prompts: string[]) => {
    const lines = await (ctx.io.stdinLines ?? readStdinLines)(prompts);
    if (lines.length < prompts.length || lines.some((l) => !l)) {
      throw ctx.usageError(`请在标准输入中逐行提供：${prompts.join('、')}（例如 printf "%s\\n%s\\n" … | bulletin …）`);
    }
    return lines;
  };
  try {
    switch (sub) {
      case 'init': {
        if (rest.length) throw ctx.usageError(`参数过多：${rest.join(' ')}`);
        const [passphrase] = await secrets(['管理口令']);
        const authority = await signing.createAuthority(passphrase!, { by });
        ctx.io.out(`已建立签发机构：${authority.commonName}（证书指纹 ${formatFingerprint(authority.fingerprint)}）`);
        ctx.io.out('请妥善保管管理口令：添加、删除签发人和重新生成密钥都需要它；它不保存在任何地方，遗失后无法找回。');
        return 0;
      }
      case 'add': {
        const signer = name();
        const [passphrase, pin] = await secrets(['管理口令', `${signer} 的 PIN`]);
        const info = await signing.add(signer, pin!, { adminPassphrase: passphrase!, replace: ctx.values.replace ?? false, by });
        ctx.io.out(`已${ctx.values.replace ? '为签发人重新生成密钥' : '添加签发人'}：${signer}（证书指纹 ${formatFingerprint(info.fingerprint ?? '')}，有效期至 ${info.notAfter?.slice(0, 10) ?? ''}；私钥以 PIN 加密保存）`);
        return 0;
      }
      case 'pin': {
        const signer = name();
        const [oldPin, newPin] = await secrets(['原 PIN', '新 PIN']);
        await signing.changePin(signer, oldPin!, newPin!, { by });
        ctx.io.out(`已修改 ${signer} 的 PIN（密钥和证书不变）`);
        return 0;
      }
      case 'remove': {
        const signer = name();
        const [passphrase] = await secrets(['管理口令']);
        await signing.remove(signer, { adminPassphrase: passphrase!, by });
        ctx.io.out(`已删除签发人：${signer}（其证书保留在本库，以往的签发记录仍可验证）`);
        return 0;
      }
      case 'export-cert':
        return exportCertificates(ctx, signing, rest);
      case 'log': {
        for (const e of signing.events()) {
          ctx.io.out([e.at, SIGNER_EVENT_NAMES[e.action], e.signer ?? '', e.by ?? '', e.detail ?? ''].join('\t'));
        }
        return 0;
      }
      case 'list':
      case undefined: {
        const authority = signing.authority();
        if (authority) ctx.io.out(`签发机构\t${authority.commonName}\t${formatFingerprint(authority.fingerprint)}\t有效期至 ${authority.notAfter.slice(0, 10)}`);
        const list = signing.list();
        for (const s of list) {
          const state = s.legacy ? '旧版（无密钥），须重新添加' : s.expired ? '证书已过期' : s.lockedUntil ? `锁定至 ${s.lockedUntil}` : `有效期至 ${s.notAfter?.slice(0, 10) ?? ''}`;
          ctx.io.out([s.name, s.fingerprint ? formatFingerprint(s.fingerprint) : '', state].join('\t'));
        }
        if (!authority) ctx.io.err('本库尚未建立签发机构（bulletin --library <库> approver init）');
        else if (!list.length) ctx.io.err('还没有签发人（bulletin --library <库> approver add <姓名>）');
        return 0;
      }
      default:
        throw ctx.usageError(`未知的 approver 子命令：${sub}（可用：init、add、pin、remove、list、log、export-cert）`);
    }
  } catch (error) {
    if (!(error instanceof SigningError)) throw error;
    if (error.code === 'input' || error.code === 'unknown-signer') throw ctx.usageError(error.message);
    ctx.io.err(`错误：${error.message}`);
    return 1;
  }
}

function exportCertificates(ctx: SignerCommandContext, signing: ReturnType<typeof createApproval>['signing'], rest: readonly string[]): number {
  const output = ctx.values.output;
  if (!output) throw ctx.usageError('请用 -o 指定证书文件（如 张主任.cer）');
  if (ctx.values.authority) {
    if (rest.length) throw ctx.usageError('--authority 只导出签发机构证书，不需要姓名');
    const der = signing.authorityCertificate();
    writeFileAtomic(output, toPem(der));
    ctx.io.out(`已导出签发机构证书：${output}（指纹 ${formatFingerprint(fingerprintOf(der))}）`);
    return 0;
  }
  const signer = rest.join(' ').trim();
  if (!signer || rest.length !== 1) throw ctx.usageError('用法：bulletin --library <库> approver export-cert <姓名> -o <x.cer>');
  const { signer: der, authority } = signing.certificates(signer);
  const authorityPath = output.replace(/(\.[^./\\]*)?$/, (ext) => `-签发机构${ext || '.cer'}`);
  writeFileAtomic(output, toPem(der));
  writeFileAtomic(authorityPath, toPem(authority));
  ctx.io.out(`已导出 ${signer} 的证书：${output}（指纹 ${formatFingerprint(fingerprintOf(der))}）`);
  ctx.io.out(`已导出签发机构证书：${authorityPath}（指纹 ${formatFingerprint(fingerprintOf(authority))}）——收件方信任此证书即可验证本库所有签发人的正式版`);
  return 0;
}

export async function verifyCommand(ctx: SignerCommandContext): Promise<number> {
  if (ctx.args.length !== 1) throw ctx.usageError(ctx.args.length ? `参数过多：${ctx.args.slice(1).join(' ')}` : '缺少参数：要验证的 PDF 文件');
  const file = ctx.args[0]!;
  const bytes = readFile(ctx, file, '要验证的 PDF');
  const authorities: TrustedAuthority[] = [];
  if (ctx.values.trust) {
    try {
      authorities.push({ certificate: fromCertificateFile(readFile(ctx, ctx.values.trust, '签发机构证书')), source: `所信任的签发机构（${path.basename(ctx.values.trust)}）` });
    } catch (error) {
      throw ctx.usageError(`${(error as Error).message}：${ctx.values.trust}`);
    }
  }
  const library = libraryIfAny(ctx);
  let knownSigners: Map<string, string> | undefined;
  if (library) {
    const data = library.signingData();
    if (data.authority) authorities.push({ certificate: Buffer.from(data.authority.certificate, 'base64'), source: '本库签发机构' });
    knownSigners = new Map([...data.retired, ...data.signers].map((s) => [fingerprintOf(Buffer.from(s.certificate, 'base64')), s.name]));
  }
  const { verifyPdf } = await import('../services/verify-report.js'); // pdf-lib: loaded only to verify
  let report;
  try {
    report = await verifyPdf(bytes, { authorities, ...(knownSigners?.size ? { knownSigners } : {}) });
  } catch (error) {
    throw ctx.usageError((error as Error).message);
  }
  ctx.io.out(`文件：${file}`);
  for (const line of report.lines) ctx.io.out(line);
  return report.ok ? 0 : 1;
}

/** The library named by --library, or the default one when it exists; none for a recipient without one. */
function libraryIfAny(ctx: SignerCommandContext): Library | undefined {
  if (ctx.values.library !== undefined) return ctx.openLibrary();
  const dir = defaultLibraryDir();
  return existsSync(path.join(dir, 'profile.json')) ? createLibrary({ dir }) : undefined;
}

function readFile(ctx: SignerCommandContext, file: string, what: string): Buffer {
  try {
    if (statSync(file).size > 200 * 1024 * 1024) throw ctx.usageError(`${what}过大：${file}`);
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw ctx.usageError(`找不到${what}：${file}`);
    throw error;
  }
}

function operator(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}
