// The one table of a request's life (issue 15): every move a `judicial.status` may make, which
// side may make it, and for which kinds. Nothing else decides whether a move is legal.
import { DELIVERS_A_PERSON } from '../request/judicial-request.dto';
import { REQUEST_KINDS, type Party, type RequestKind } from '../judicial.constants';
import type { JudicialState } from './judicial-states';

export interface Transition {
  readonly from: JudicialState;
  readonly to: JudicialState;
  /** The only side that may make this move. */
  readonly by: Party;
  readonly kinds: readonly RequestKind[];
  /** A refusal states its grounds (UNTOC art. 18(23): "reasons shall be given for any refusal"). */
  readonly needsGrounds?: true;
}

const ALL = REQUEST_KINDS;
/** Evidence, hearings, transfer of proceedings: executed by the requested side's measures. */
const ASSISTANCE = REQUEST_KINDS.filter((kind) => !DELIVERS_A_PERSON.includes(kind));
const SURRENDER = DELIVERS_A_PERSON;
const EXTRADITION: readonly RequestKind[] = ['extradition'];

function withdrawable(kinds: readonly RequestKind[], states: readonly JudicialState[]): Transition[] {
  return states.map((from) => ({ from, to: 'WITHDRAWN', by: 'requesting', kinds }));
}

// UNTOC art. 18(9)-(13) and 16: the requester submits, answers and withdraws; the requested side
// registers, reviews, asks, decides and executes; the requester closes once it has what it asked for.
export const TRANSITIONS: readonly Transition[] = [
  { from: 'DRAFT', to: 'SUBMITTED', by: 'requesting', kinds: ALL },
  { from: 'SUBMITTED', to: 'RECEIVED', by: 'requested', kinds: ALL },
  { from: 'RECEIVED', to: 'ACKNOWLEDGED', by: 'requested', kinds: ALL },
  { from: 'ACKNOWLEDGED', to: 'UNDER_REVIEW', by: 'requested', kinds: ALL },
  { from: 'UNDER_REVIEW', to: 'INFO_REQUESTED', by: 'requested', kinds: ALL },
  // The answer to a request for information is what sends the request back to review.
  { from: 'INFO_REQUESTED', to: 'UNDER_REVIEW', by: 'requesting', kinds: ALL },
  { from: 'UNDER_REVIEW', to: 'ACCEPTED', by: 'requested', kinds: ALL },
  { from: 'UNDER_REVIEW', to: 'REFUSED', by: 'requested', kinds: ALL, needsGrounds: true },
  // Information asked for and never given: the requested side may refuse on that ground.
  { from: 'INFO_REQUESTED', to: 'REFUSED', by: 'requested', kinds: ALL, needsGrounds: true },

  { from: 'ACCEPTED', to: 'IN_EXECUTION', by: 'requested', kinds: ASSISTANCE },
  { from: 'IN_EXECUTION', to: 'PARTIALLY_EXECUTED', by: 'requested', kinds: ASSISTANCE },
  { from: 'IN_EXECUTION', to: 'EXECUTED', by: 'requested', kinds: ASSISTANCE },
  { from: 'PARTIALLY_EXECUTED', to: 'EXECUTED', by: 'requested', kinds: ASSISTANCE },
  { from: 'EXECUTED', to: 'CLOSED', by: 'requesting', kinds: ASSISTANCE },
  // The requester may settle for part of what it asked.
  { from: 'PARTIALLY_EXECUTED', to: 'CLOSED', by: 'requesting', kinds: ASSISTANCE },

  // Surrender path: the person is sought, then held; a provisional arrest ends there (the formal
  // extradition request that follows is a request of its own, linked to it).
  { from: 'ACCEPTED', to: 'PROVISIONAL_ARREST', by: 'requested', kinds: SURRENDER },
  // The person may already be held (on a linked provisional-arrest request).
  { from: 'ACCEPTED', to: 'PERSON_ARRESTED', by: 'requested', kinds: SURRENDER },
  { from: 'PROVISIONAL_ARREST', to: 'PERSON_ARRESTED', by: 'requested', kinds: SURRENDER },
  { from: 'PERSON_ARRESTED', to: 'CLOSED', by: 'requesting', kinds: ['provisional-arrest'] },
  { from: 'PERSON_ARRESTED', to: 'GRANTED', by: 'requested', kinds: EXTRADITION },
  { from: 'PERSON_ARRESTED', to: 'DENIED', by: 'requested', kinds: EXTRADITION, needsGrounds: true },
  { from: 'GRANTED', to: 'SURRENDERED', by: 'requested', kinds: EXTRADITION },
  { from: 'SURRENDERED', to: 'CLOSED', by: 'requesting', kinds: EXTRADITION },

  // Only the requester withdraws, and only while something is still to be done.
  ...withdrawable(ALL, [
    'SUBMITTED',
    'RECEIVED',
    'ACKNOWLEDGED',
    'UNDER_REVIEW',
    'INFO_REQUESTED',
    'ACCEPTED',
  ]),
  ...withdrawable(ASSISTANCE, ['IN_EXECUTION', 'PARTIALLY_EXECUTED']),
  ...withdrawable(SURRENDER, ['PROVISIONAL_ARREST', 'PERSON_ARRESTED']),
  ...withdrawable(EXTRADITION, ['GRANTED']),
];

/** The rows from `from` to `to` that apply to `kind`, whoever may make them (0 or 1 by construction). */
export function transitionFor(
  kind: RequestKind,
  from: JudicialState,
  to: JudicialState,
): Transition | undefined {
  return TRANSITIONS.find((row) => row.from === from && row.to === to && row.kinds.includes(kind));
}

/** States from which no move leads anywhere, for a kind. */
export function isFinal(kind: RequestKind, state: JudicialState): boolean {
  return !TRANSITIONS.some((row) => row.from === state && row.kinds.includes(kind));
}
