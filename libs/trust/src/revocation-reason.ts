/** RFC 5280 §5.3.1 CRLReason values an operator may give (7 is unused; 8-10 are not ours). */
export const REVOCATION_REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

export function isRevocationReason(value: unknown): value is RevocationReason {
  return typeof value === 'string' && (REVOCATION_REASONS as readonly string[]).includes(value);
}

/** The ENUMERATED value of a reason: its position in RFC 5280's list. */
export function reasonCodeOf(reason: RevocationReason): number {
  return REVOCATION_REASONS.indexOf(reason);
}

/** The reason of an ENUMERATED value; undefined for codes outside our list. */
export function reasonOfCode(code: number): RevocationReason | undefined {
  return REVOCATION_REASONS[code];
}
