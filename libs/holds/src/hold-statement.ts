// What an operator signs: a canonical statement (RFC 8785 JSON) of one decision on one hold, signed
// as a detached CMS SignedData by the operator's own key, the way platforms sign their messages.
import { canonicalBytes } from '@pcms/envelope';
import { CmsSigner, inspectPkiFile, TrustError, type Credential } from '@pcms/trust';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Hold, HoldDecisionKind } from './hold.types';
import { HoldsError, HoldsErrorCode } from './holds.error';

/**
 * What the operator approves, not only which hold: the message (its id and the SHA-256 of its bytes
 * as the sender signed them), the rule that held it and how many approvals it asked. Someone who can
 * write the database cannot lower the count or swap the message under an approval already signed.
 */
export interface HoldBinding {
  holdId: string;
  messageId: string;
  /** Lower-case hex SHA-256 of the held message's canonical bytes (what its sender signed). */
  messageSha256: string;
  rule: string;
  approvalsRequired: number;
}

export interface HoldStatement extends HoldBinding {
  decision: HoldDecisionKind;
  /** Why; required for a refusal, null when an approval gives none. */
  reason: string | null;
  /** ISO 8601, when the operator signed. */
  at: string;
}

/** Lower-case hex SHA-256 of the held bytes, as recorded at hold time and bound by every decision. */
export function heldMessageSha256(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

/** What a decision on `hold` must bind; its digest as recorded when the message was held. */
export function bindingOf(hold: Hold): HoldBinding {
  return {
    holdId: hold.id,
    messageId: hold.messageId,
    messageSha256: hold.messageSha256 ?? '',
    rule: hold.rule,
    approvalsRequired: hold.approvalsRequired,
  };
}

/** The statement as signed (canonical JSON text) and its detached signature (base64 DER). */
export interface SignedHoldStatement {
  statement: string;
  signature: string;
}

export function signHoldStatement(credential: Credential, statement: HoldStatement): SignedHoldStatement {
  const bytes = canonicalBytes(statement);
  return {
    statement: bytes.toString('utf8'),
    signature: new CmsSigner(credential).sign(bytes).toString('base64'),
  };
}

/**
 * An operator's credential from `--operator`: a certificate file with its key beside it (`x.crt`
 * and `x.key`) or given apart, or a folder holding exactly one such pair.
 */
export function readOperatorCredential(path: string, keyPath?: string): Credential {
  const refuse = (why: string, cause?: unknown) =>
    new HoldsError(HoldsErrorCode.CredentialInvalid, `${path}: ${why}`, { path }, { cause });
  if (!existsSync(path)) throw refuse('no such file or folder');
  let certificateFile = path;
  if (statSync(path).isDirectory()) {
    const certificates = readdirSync(path).filter((name) => name.endsWith('.crt') && name !== 'ca.crt');
    if (certificates.length !== 1) {
      throw refuse(
        `the folder must hold exactly one certificate (.crt) beside its key; found ${certificates.length}`,
      );
    }
    certificateFile = join(path, certificates[0]);
  }
  const keyFile = keyPath ?? certificateFile.replace(/\.(crt|pem)$/, '.key');
  if (keyFile === certificateFile || !existsSync(keyFile)) {
    throw refuse(`no private key ${keyFile}: give it with --key`);
  }
  try {
    const certificatePem = readFileSync(certificateFile, 'utf8');
    const summary = inspectPkiFile(certificatePem);
    if (summary.kind !== 'certificate') throw refuse(`${certificateFile} is not a certificate`);
    return { certificatePem, privateKeyPem: readFileSync(keyFile, 'utf8'), serialNumber: summary.serialHex };
  } catch (error: unknown) {
    if (error instanceof HoldsError) throw error;
    const code = error instanceof TrustError ? ` (${error.code})` : '';
    throw refuse(`cannot read the certificate or its key${code}`, error);
  }
}
