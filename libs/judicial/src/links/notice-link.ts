// Issue 15 point 6: a request that asks for a person named in an Interpol notice is linked to that
// notice, so that the notice's trace shows the request and the request shows what became of the
// notice (issued, delivered, its subject arrested). The link is made when the request is stored.
import type { JudicialState } from '../lifecycle/judicial-states';
import type { PersonRole, RequestKind } from '../judicial.constants';
import type { JudicialRequest } from '../request/judicial-request.dto';

/**
 * The kinds that follow a RED notice: the notice asks for an arrest pending extradition, these
 * requests are that extradition (or the provisional arrest before it). An MLA request naming a
 * notice id is about the same person, not about the notice's purpose: it is not linked.
 */
export const NOTICE_LINKED_KINDS: readonly RequestKind[] = ['extradition', 'provisional-arrest'];

/** States in which the request's person has been arrested (and, later, handed over). */
export const SUBJECT_ARRESTED_STATES: readonly JudicialState[] = ['PERSON_ARRESTED', 'SURRENDERED'];

export interface NoticeLink {
  requestId: string;
  /** As the request names it: a gateway notice id (the PCMS message id) or Interpol's 'YYYY/NNNNN'. */
  noticeId: string;
  /** The part the notice's subject plays in the request (sought, as a rule). */
  role: PersonRole;
  linkedAt: string;
}

/** The notices a request is linked to: one per distinct notice id, in the order of its persons. */
export function noticeLinksOf(request: JudicialRequest, linkedAt: string): NoticeLink[] {
  if (!NOTICE_LINKED_KINDS.includes(request.kind)) return [];
  const links = new Map<string, NoticeLink>();
  for (const person of request.persons) {
    const noticeId = person.interpolNoticeId;
    if (noticeId === undefined || links.has(noticeId)) continue;
    links.set(noticeId, { requestId: request.requestId, noticeId, role: person.role, linkedAt });
  }
  return [...links.values()];
}
