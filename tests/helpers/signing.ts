import { spawnSync } from 'node:child_process';
import { createApproval, type Approval, type ApprovalOptions } from '../../services/approval.js';
import { createIssueExporter, type IssueExporter } from '../../services/issue-export.js';
import type { Library } from '../../services/library-types.js';
import type { KdfParams } from '../../services/signing-keys.js';
import type { Typesetter } from '../../services/typesetter.js';
import { toolAvailable } from './system-tools.js';

/**
 * Signing in tests: a cheap key-derivation cost (N = 2^10) so that the many sign-offs of the suite take
 * milliseconds — the sealed keys record their parameters, so the code under test is the same; the production
 * cost (DEFAULT_KDF) is used by the command-line tests that add signers through `bulletin approver`.
 */
export const TEST_KDF: KdfParams = { N: 1024, r: 8, p: 1 };

/** The office administrator's 管理口令 in tests. */
export const ADMIN = 'office-admin-9';

/** Approval and exporter wired as the app and the command line wire them (the final PDF made at sign-off). */
export function signingServices(options: {
  library: Library;
  typesetter: Typesetter;
  now?: () => Date;
  /** The 校对 gate of 送审 and 签发 (services/approval.ts `check`); none by default. */
  check?: ApprovalOptions['check'];
}): { approval: Approval; exporter: IssueExporter } {
  const { library, typesetter, now, check } = options;
  const approval: Approval = createApproval({
    library,
    kdf: TEST_KDF,
    renderFinal: (document, signOff, final) => exporter.renderFinal(document, signOff, final),
    ...(now ? { now } : {}),
    ...(check ? { check } : {}),
  });
  const exporter: IssueExporter = createIssueExporter({ library, typesetter, approval, ...(now ? { now } : {}) });
  return { approval, exporter };
}

/** Makes the library's authority (when it has none) and adds a signer. */
export async function addSigner(approval: Approval, name: string, pin: string): Promise<void> {
  if (!approval.signing.authority()) await approval.signing.createAuthority(ADMIN);
  await approval.signing.add(name, pin, { adminPassphrase: ADMIN });
}

/** poppler's pdfsig report of a file (certificate trust not checked: the office authority is no system root). */
export function pdfsig(file: string): string {
  const run = spawnSync('pdfsig', ['-nocert', file], { encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`;
}

/**
 * Whether a program is installed (openssl checks the CMS and the chain independently; qpdf checks and rewrites
 * PDFs). Missing under CI=true: throws, naming the package (tests/helpers/system-tools.ts).
 */
export function canRun(program: 'openssl' | 'qpdf'): boolean {
  return toolAvailable(program);
}

export const hasOpenssl = (): boolean => canRun('openssl');
