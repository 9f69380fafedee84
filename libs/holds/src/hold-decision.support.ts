// What both doors of a hold decision share, the command line (`pcms hold approve|reject|sign`) and
// the console (a statement it shows, signed by `pcms hold sign`, pasted back): the statement as one
// copyable token, the verifier of the deployment's CA and revocation list, the journal's refusal.
import { canonicalBytes } from '@pcms/envelope';
import type { JournalStage } from '@pcms/journal';
import { RevocationList, SignatureVerifier } from '@pcms/trust';
import type { Hold } from './hold.types';
import type { HoldStatement } from './hold-statement';
import { parseHoldStatement } from './hold-statement.check';
import { HoldsError, HoldsErrorCode } from './holds.error';

const TOKEN = /^[A-Za-z0-9_-]{1,4000}$/;

/**
 * The statement as one shell-safe word (base64url of its RFC 8785 canonical bytes): the console
 * shows it, `pcms hold sign <token>` reads it, no quoting of JSON in a terminal.
 */
export function holdStatementToken(statement: HoldStatement): string {
  return canonicalBytes(statement).toString('base64url');
}

/** The statement a token carries, checked as `HoldDesk` checks it; HOLD_STATEMENT_INVALID otherwise. */
export function holdStatementOfToken(token: string): HoldStatement {
  if (!TOKEN.test(token)) {
    throw new HoldsError(HoldsErrorCode.StatementInvalid, 'the statement token is not base64url');
  }
  return parseHoldStatement(Buffer.from(token, 'base64url').toString('utf8'));
}

/**
 * The verifier a decision is checked with: the deployment's CA and the revocation list published
 * now (read again for every decision, so a revoked operator cannot decide).
 */
export function holdDecisionVerifier(pki: {
  caCertificatePem(): string;
  crlPem(): string | undefined;
}): SignatureVerifier {
  const caPem = pki.caCertificatePem();
  const crlPem = pki.crlPem();
  const revocation = crlPem ? RevocationList.fromPem(crlPem, caPem) : undefined;
  return new SignatureVerifier({ trustAnchorsPem: [caPem], revocation });
}

/** The journal event of a refusal (the router never sees one): `rejected`, HOLD_REJECTED, who and why. */
export function holdRejectionEvent(
  hold: Hold,
  operator: string | undefined,
  reason: string | null | undefined,
): {
  messageId: string;
  correlationId?: string;
  stage: JournalStage;
  discriminator: string;
  details: Record<string, unknown>;
} {
  return {
    messageId: hold.messageId,
    ...(hold.correlationId ? { correlationId: hold.correlationId } : {}),
    stage: 'rejected',
    discriminator: `hold:${hold.id}`,
    details: {
      code: 'HOLD_REJECTED',
      reason: reason ?? undefined,
      holdId: hold.id,
      rule: hold.rule,
      operator,
      stage: 'hold',
    },
  };
}
