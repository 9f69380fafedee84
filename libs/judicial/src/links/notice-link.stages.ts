// The journal entries that tie a request and a notice together. Each is written on the NOTICE's
// side (messageId = the notice id: a gateway notice id is its message id, so `pcms trace <id>`
// shows the request beside the notice's own stages) and correlated with the request (correlationId
// = the request id, so a search by the request's correlation finds the notice). No person's name:
// ids, kinds, roles, authorities and states only.
import type { StageEvent } from '@pcms/journal-emitter';
import type { StateChange } from '../lifecycle/judicial-status';
import type { StoredJudicialRequest } from '../store/judicial-store.types';
import { SUBJECT_ARRESTED_STATES } from './notice-link';

type LinkedRequest = Pick<
  StoredJudicialRequest,
  'requestId' | 'kind' | 'authorities' | 'parties' | 'noticeLinks'
>;

/**
 * One `judicial-linked` entry per notice the stored request is linked to (none for most requests):
 * the same link said again (a request delivered twice) has the same event id, and is dropped.
 */
export function noticeLinkedStages(request: LinkedRequest): StageEvent[] {
  return request.noticeLinks.map((link) => ({
    messageId: link.noticeId,
    correlationId: request.requestId,
    stage: 'judicial-linked',
    details: {
      event: 'linked',
      requestId: request.requestId,
      noticeId: link.noticeId,
      kind: request.kind,
      role: link.role,
      requesting: request.authorities.requesting,
      requested: request.authorities.requested,
      states: `${request.parties.requesting}→${request.parties.requested}`,
      linkedAt: link.linkedAt,
    },
    discriminator: `${request.requestId}:linked`,
  }));
}

/**
 * When a linked request's person is arrested or surrendered, the notice's trace says so too
 * (`judicial-linked`, event `subject-arrested` / `subject-surrendered`); any other move: nothing.
 */
export function noticeMoveStages(
  request: Pick<StoredJudicialRequest, 'requestId' | 'noticeLinks'>,
  change: StateChange,
): StageEvent[] {
  if (!SUBJECT_ARRESTED_STATES.includes(change.to)) return [];
  const event = change.to === 'SURRENDERED' ? 'subject-surrendered' : 'subject-arrested';
  return request.noticeLinks.map((link) => ({
    messageId: link.noticeId,
    correlationId: request.requestId,
    stage: 'judicial-linked',
    details: {
      event,
      requestId: request.requestId,
      noticeId: link.noticeId,
      state: change.to,
      at: change.at,
      authority: change.authority,
    },
    discriminator: `${request.requestId}:${change.to}`,
  }));
}
