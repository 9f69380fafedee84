// Applies a `judicial.status` to a request's record: a pure function of the record, the message and
// the directory's answer to "which state is this authority of". It returns the new record or a
// coded refusal, and never changes its input: the caller journals either outcome.
import type { CountryCode } from '@pcms/envelope';
import { JudicialErrorCode } from '../judicial.error';
import type { Party } from '../judicial.constants';
import { isJudicialState } from './judicial-states';
import type { JudicialRequestRecord, JudicialStatus, StateChange } from './judicial-status';
import { transitionFor } from './transition.table';

export interface StatusRefusal {
  code: JudicialErrorCode;
  reason: string;
  raison: string;
}

export type StatusOutcome =
  { ok: true; record: JudicialRequestRecord; change: StateChange } | { ok: false; refusal: StatusRefusal };

/** The directory's lookup: the state of an authority id, or undefined when it does not list it. */
export type StateOfAuthority = (authority: string) => CountryCode | undefined;

const refuse = (code: JudicialErrorCode, reason: string, raison: string): StatusOutcome => ({
  ok: false,
  refusal: { code, reason, raison },
});

const SIDE_IN_FRENCH: Record<Party, string> = { requesting: 'requérant', requested: 'requis' };

function partyOf(record: JudicialRequestRecord, state: CountryCode): Party | undefined {
  if (state === record.parties.requesting) return 'requesting';
  if (state === record.parties.requested) return 'requested';
  return undefined;
}

export function applyStatus(
  record: JudicialRequestRecord,
  status: JudicialStatus,
  stateOf: StateOfAuthority,
): StatusOutcome {
  const { requestId, state: from } = record;
  const to: unknown = status.status;
  if (status.requestId !== requestId) {
    return refuse(
      JudicialErrorCode.StatusInvalid,
      `the status is about request ${status.requestId}, not ${requestId}`,
      `le statut concerne la demande ${status.requestId}, non ${requestId}`,
    );
  }
  if (!isJudicialState(to)) {
    return refuse(
      JudicialErrorCode.StatusInvalid,
      `${String(to)} is not a state of a judicial request`,
      `${String(to)} n’est pas un état d’une demande d’entraide`,
    );
  }
  // Deadlines and the statistics' durations are counted from these dates: a move cannot precede
  // the one before it (a delayed or replayed status), and an unreadable date counts from nowhere.
  const at = Date.parse(status.at);
  if (Number.isNaN(at)) {
    return refuse(
      JudicialErrorCode.StatusInvalid,
      `${String(status.at)} is not a date and time`,
      `${String(status.at)} n’est pas une date et heure`,
    );
  }
  const last = record.history.at(-1);
  if (last !== undefined && at < Date.parse(last.at)) {
    return refuse(
      JudicialErrorCode.StatusInvalid,
      `the status is dated ${status.at}, before the last move (${last.to} at ${last.at})`,
      `le statut est daté du ${status.at}, avant le dernier mouvement (${last.to} le ${last.at})`,
    );
  }
  const senderState = stateOf(status.authority);
  if (senderState === undefined) {
    return refuse(
      JudicialErrorCode.AuthorityUnknown,
      `authority ${status.authority} is not in the judicial directory`,
      `l’autorité ${status.authority} ne figure pas dans l’annuaire judiciaire`,
    );
  }
  const party = partyOf(record, senderState);
  if (party === undefined) {
    return refuse(
      JudicialErrorCode.StatusNotAParty,
      `${status.authority} (${senderState}) is not a party to request ${requestId}: its state is neither the requesting state (${record.parties.requesting}) nor the requested state (${record.parties.requested})`,
      `${status.authority} (${senderState}) n’est pas partie à la demande ${requestId} : son État n’est ni l’État requérant (${record.parties.requesting}) ni l’État requis (${record.parties.requested})`,
    );
  }
  const row = transitionFor(record.kind, from, to);
  if (row === undefined) {
    return refuse(
      JudicialErrorCode.TransitionIllegal,
      `a ${record.kind} request cannot move from ${from} to ${to}`,
      `une demande ${record.kind} ne peut passer de ${from} à ${to}`,
    );
  }
  if (row.by !== party) {
    return refuse(
      JudicialErrorCode.TransitionWrongParty,
      `only the ${row.by} side moves a request from ${from} to ${to}; ${status.authority} is on the ${party} side`,
      `seul l’État ${SIDE_IN_FRENCH[row.by]} fait passer une demande de ${from} à ${to} ; ${status.authority} est du côté ${SIDE_IN_FRENCH[party]}`,
    );
  }
  if (row.needsGrounds && (status.grounds === undefined || status.grounds.text.trim() === '')) {
    return refuse(
      JudicialErrorCode.GroundsMissing,
      `${to} must state its grounds`,
      `${to} doit énoncer ses motifs`,
    );
  }
  const change: StateChange = {
    from,
    to,
    party,
    authority: status.authority,
    at: status.at,
    ...(status.reason === undefined ? {} : { reason: status.reason }),
    ...(status.grounds === undefined ? {} : { grounds: status.grounds }),
  };
  return { ok: true, record: { ...record, state: to, history: [...record.history, change] }, change };
}
