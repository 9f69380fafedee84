// A `judicial.status` message and what applying it leaves behind. The request's record holds its
// business state and the history of moves; transport receipts are kept elsewhere (receipts/).
import type { CountryCode } from '@pcms/envelope';
import type { Party, RefusalGround, RequestKind } from '../judicial.constants';
import type { JudicialState } from './judicial-states';

export interface RefusalGrounds {
  ground: RefusalGround;
  /** The grounds in the refusing authority's words (the decision, the law it applies). */
  text: string;
}

export interface JudicialStatus {
  requestId: string;
  /** The state the sender moves the request to. */
  status: JudicialState;
  /** Directory id of the authority that sends it; its state decides which side it speaks for. */
  authority: string;
  /** ISO 8601 with a zone: deadlines are counted from it. */
  at: string;
  reason?: string;
  grounds?: RefusalGrounds;
}

export interface StateChange {
  from: JudicialState;
  to: JudicialState;
  party: Party;
  authority: string;
  at: string;
  reason?: string;
  grounds?: RefusalGrounds;
}

export interface JudicialRequestRecord {
  requestId: string;
  kind: RequestKind;
  /** The two parties, by state: any authority of a party's state may speak for it. */
  parties: Readonly<Record<Party, CountryCode>>;
  state: JudicialState;
  history: readonly StateChange[];
}

/** A request as its author writes it: DRAFT, no history. */
export function draftRecord(
  requestId: string,
  kind: RequestKind,
  parties: Readonly<Record<Party, CountryCode>>,
): JudicialRequestRecord {
  return { requestId, kind, parties, state: 'DRAFT', history: [] };
}
