import { certificateFacts, fingerprintOf, formatFingerprint } from './certificate-checks.js';
import { chainsTo, readPdfSignatures } from './pdf-signature-verify.js';

/**
 * What `bulletin verify final.pdf` says, for a recipient: who signed, when, whether the file is unchanged since,
 * and whether the signer's certificate was issued by an authority the recipient trusts (the office's, given as
 * a .cer file or found in the library) and is one of the library's known signers' certificates.
 */

export interface TrustedAuthority {
  readonly certificate: Buffer;
  /** Where it came from, e.g. "本库签发机构" or the .cer file's name. */
  readonly source: string;
}

export interface VerifyOptions {
  readonly authorities: readonly TrustedAuthority[];
  /** Fingerprint → signer name of every certificate the library ever issued to a signer, when a library is at hand. */
  readonly knownSigners?: ReadonlyMap<string, string>;
}

export interface VerifyReport {
  /** Every signature intact, covering the whole file, and issued by a trusted authority. */
  readonly ok: boolean;
  readonly lines: readonly string[];
}

export async function verifyPdf(bytes: Uint8Array, options: VerifyOptions): Promise<VerifyReport> {
  const signatures = await readPdfSignatures(bytes);
  if (signatures.length === 0) return { ok: false, lines: ['文件没有数字签名：不是签发后生成的正式版，或签名已被去掉。'] };
  const lines: string[] = [];
  let ok = true;
  signatures.forEach((sig, i) => {
    const facts = sig.signerCertificate ? safeFacts(sig.signerCertificate) : undefined;
    lines.push(`签名 ${i + 1}：签发人 ${sig.signerName || facts?.commonName || '（未知）'}${facts?.organization ? `（${facts.organization}）` : ''}`);
    if (sig.signedAt) lines.push(`  签名时间：${localTime(sig.signedAt)}`);
    if (sig.reason) lines.push(`  事由：${sig.reason}`);
    if (facts) lines.push(`  证书指纹（SHA-256）：${formatFingerprint(facts.fingerprint)}`);
    if (!sig.intact) {
      ok = false;
      lines.push('  ✗ 签名不成立：签名后文件内容被改动（摘要或签名不符）');
    } else if (!sig.coversWholeFile) {
      ok = false;
      lines.push('  ✗ 签名本身有效，但签名后文件被追加或改动了内容：现在的文件不是签发时的文件');
    } else {
      lines.push('  ✓ 文件自签名后未被改动');
    }
    if (!sig.signingCertificateBound) lines.push('  提示：签名未按 PAdES 绑定签名证书（signing-certificate-v2）');
    const trusted = options.authorities.map((a) => ({ a, chain: chainsTo(sig, a.certificate) })).find((x) => x.chain.issued);
    if (trusted) {
      const name = safeFacts(trusted.a.certificate)?.commonName ?? '';
      lines.push(`  ✓ 证书由${trusted.a.source}“${name}”签发（指纹 ${formatFingerprint(fingerprintOf(trusted.a.certificate)).slice(0, 23)}…）`);
      if (!trusted.chain.validAtSigning) {
        ok = false;
        lines.push('  ✗ 签名时间不在证书有效期内');
      }
    } else {
      ok = false;
      lines.push(
        options.authorities.length
          ? '  ✗ 证书不是由所信任的签发机构签发的：签发人身份无法确认'
          : '  ✗ 没有可信任的签发机构证书（用 --trust <签发机构.cer> 指定，或在期刊库中运行）：签发人身份无法确认',
      );
    }
    if (options.knownSigners && facts) {
      const known = options.knownSigners.get(facts.fingerprint);
      lines.push(known ? `  ✓ 与本库签发人“${known}”的证书一致` : '  ✗ 不是本库任何签发人的证书');
      if (!known) ok = false;
    }
  });
  lines.push(ok ? '结论：签名有效，文件未被改动。' : '结论：验证未通过。');
  return { ok, lines };
}

function safeFacts(der: Buffer) {
  try {
    return certificateFacts(der);
  } catch {
    return undefined;
  }
}

/** ISO → "2021-06-02 10:00:00" in local time. */
function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
