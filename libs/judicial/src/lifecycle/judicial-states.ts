// The business states of a request, as the two ministries see it. Transport evidence (accepted,
// delivered…) is not a state: see receipts/transport-receipt.ts.
export const JUDICIAL_STATES = [
  'DRAFT',
  'SUBMITTED',
  'RECEIVED',
  'ACKNOWLEDGED',
  'UNDER_REVIEW',
  'INFO_REQUESTED',
  'ACCEPTED',
  'IN_EXECUTION',
  'PARTIALLY_EXECUTED',
  'EXECUTED',
  'PROVISIONAL_ARREST',
  'PERSON_ARRESTED',
  'GRANTED',
  'DENIED',
  'SURRENDERED',
  'REFUSED',
  'WITHDRAWN',
  'CLOSED',
] as const;
export type JudicialState = (typeof JUDICIAL_STATES)[number];

export function isJudicialState(value: unknown): value is JudicialState {
  return typeof value === 'string' && (JUDICIAL_STATES as readonly string[]).includes(value);
}
