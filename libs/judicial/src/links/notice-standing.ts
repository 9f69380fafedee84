// What `judicial show` says of a linked notice: what the gateway's journal knows of the notice
// (who sent it, whether it reached INTERPOL or the platforms, whether it was refused) and whether
// its subject has been arrested under any request linked to it. Pure: the caller reads the journal
// (trace of the notice id) and the store (requests linked to the same notice).
//
// Cancellation: the I-24/7 exchange the gateway speaks has no cancellation message (no notice
// status, no withdrawal in @pcms/notice or in mappings/), so a cancelled notice cannot be seen
// here; the notice's own standing in the journal (refused, dead-lettered) is what is shown instead.
import type { JournalEntry } from '@pcms/journal';
import type { JudicialState } from '../lifecycle/judicial-states';
import type { StateChange } from '../lifecycle/judicial-status';
import { SUBJECT_ARRESTED_STATES, type NoticeLink } from './notice-link';

/**
 * - `not-seen`: no message of that id crossed the gateway (a notice issued elsewhere, or an
 *   Interpol id the inbound mapping did not keep);
 * - `issued`: a platform's notice the gateway delivered to INTERPOL;
 * - `received`: a notice from INTERPOL the gateway took in;
 * - `in-progress`: seen, still on its way (held, being delivered);
 * - `not-issued`: refused or dead-lettered: it never went out (or was given up).
 */
export type NoticeStatus = 'not-seen' | 'issued' | 'received' | 'in-progress' | 'not-issued';

export interface SubjectArrest {
  requestId: string;
  state: JudicialState;
  at: string;
  authority: string;
}

export interface NoticeStanding extends NoticeLink {
  status: NoticeStatus;
  /** From the notice's `received` entry, when the gateway saw it. */
  sender?: string;
  type?: string;
  /** The notice's latest stage in the journal (its own entries, not the links). */
  lastStage?: string;
  lastAt?: string;
  /** When the gateway delivered it to the I-24/7 peer. */
  deliveredToInterpolAt?: string;
  /** The first arrest of the notice's subject, and the surrender, under any request linked to it. */
  arrested?: SubjectArrest;
  surrendered?: SubjectArrest;
  /** Every request linked to the same notice (this one included). */
  linkedRequests: string[];
}

type Entry = Pick<JournalEntry, 'stage' | 'at' | 'details'>;

interface LinkedRequest {
  requestId: string;
  history: readonly StateChange[];
}

const INTERPOL = 'I-24/7';
const REFUSED_STAGES: readonly string[] = ['rejected', 'dead-lettered'];

export function noticeStanding(
  link: NoticeLink,
  entries: readonly Entry[],
  linkedRequests: readonly LinkedRequest[],
): NoticeStanding {
  // The link's own entries say nothing of the notice.
  const own = entries.filter((entry) => entry.stage !== 'judicial-linked');
  const received = own.find((entry) => entry.stage === 'received');
  const last = own.at(-1);
  const delivered = own.find(
    (entry) => entry.stage === 'delivered' && entry.details.destination === INTERPOL,
  );
  const sender = textOf(received?.details.sender);
  return {
    ...link,
    status: statusOf(own, sender, delivered !== undefined),
    ...(sender === undefined ? {} : { sender }),
    ...optional('type', textOf(received?.details.type)),
    ...(last === undefined ? {} : { lastStage: last.stage, lastAt: last.at }),
    ...optional('deliveredToInterpolAt', delivered?.at),
    ...optional('arrested', firstMove(linkedRequests, SUBJECT_ARRESTED_STATES)),
    ...optional('surrendered', firstMove(linkedRequests, ['SURRENDERED'])),
    linkedRequests: [...new Set([link.requestId, ...linkedRequests.map((request) => request.requestId)])],
  };
}

function statusOf(own: readonly Entry[], sender: string | undefined, delivered: boolean): NoticeStatus {
  if (own.length === 0) return 'not-seen';
  if (delivered) return 'issued';
  const last = own[own.length - 1];
  if (REFUSED_STAGES.includes(last.stage)) return 'not-issued';
  // From INTERPOL: taken in once mapped; its deliveries go to the platforms, not back to INTERPOL.
  if (sender === 'INTERPOL' && own.some((entry) => entry.stage === 'mapped')) return 'received';
  return 'in-progress';
}

/** The earliest move into one of `states` among the requests, by its date. */
function firstMove(
  requests: readonly LinkedRequest[],
  states: readonly JudicialState[],
): SubjectArrest | undefined {
  let first: SubjectArrest | undefined;
  for (const request of requests) {
    const change = request.history.find((move) => states.includes(move.to));
    if (change === undefined) continue;
    if (first === undefined || Date.parse(change.at) < Date.parse(first.at)) {
      first = { requestId: request.requestId, state: change.to, at: change.at, authority: change.authority };
    }
  }
  return first;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
