// Transport evidence, after e-CODEX's EvidenceType (submission accepted or rejected, relayed,
// delivered, retrieved, each with its negative). It says what happened to one message on the
// wire, never what a ministry decided: a request DELIVERED may still be REFUSED. Receipts are kept
// in a log of their own, beside the request's record, and never move its state.
export const TRANSPORT_EVIDENCE = [
  'accepted',
  'rejected',
  'relayed',
  'relay-failed',
  'delivered',
  'not-delivered',
  'retrieved',
  'not-retrieved',
] as const;
export type TransportEvidence = (typeof TRANSPORT_EVIDENCE)[number];

const NEGATIVE: readonly TransportEvidence[] = ['rejected', 'relay-failed', 'not-delivered', 'not-retrieved'];

export function isNegativeEvidence(evidence: TransportEvidence): boolean {
  return NEGATIVE.includes(evidence);
}

export interface TransportReceipt {
  /** The envelope the evidence is about (a request, a status, an answer). */
  messageId: string;
  /** The request that message belongs to, for the request's view of its transport. */
  requestId: string;
  evidence: TransportEvidence;
  /** Who gives the evidence: the gateway, the secretariat, the requested authority's system. */
  issuer: string;
  at: string;
  /** Why, for a negative evidence (a timeout, a refused certificate). */
  reason?: string;
}

export type ReceiptOutcome =
  { ok: true; log: readonly TransportReceipt[] } | { ok: false; reason: string; raison: string };

/**
 * Appends a receipt to a request's transport log. The same evidence from the same issuer about the
 * same message is said once (a retried acknowledgement is not a second delivery); a negative one
 * must say why.
 */
export function recordReceipt(log: readonly TransportReceipt[], receipt: TransportReceipt): ReceiptOutcome {
  if (isNegativeEvidence(receipt.evidence) && !receipt.reason?.trim()) {
    return {
      ok: false,
      reason: `a ${receipt.evidence} receipt must say why`,
      raison: `un accusé ${receipt.evidence} doit dire pourquoi`,
    };
  }
  const known = log.some(
    (r) =>
      r.messageId === receipt.messageId && r.evidence === receipt.evidence && r.issuer === receipt.issuer,
  );
  return { ok: true, log: known ? log : [...log, receipt] };
}
