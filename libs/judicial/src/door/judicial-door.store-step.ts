// The door's step in the request store (issue 15): a judicial.request is submitted (DRAFT) and moved
// to SUBMITTED by its requesting side at sentAt, since sending is submitting; a judicial.status is
// applied by the store's move; a contact moves nothing. Refusals keep the store's codes. What the
// store already held, under a message id already accepted (its receipt), is a duplicate.
import type { JudicialDirectory } from '../directory/judicial-directory';
import { JudicialErrorCode } from '../judicial.error';
import type { StateChange } from '../lifecycle/judicial-status';
import { noticeLinkedStages, noticeMoveStages } from '../links/notice-link.stages';
import type { JudicialStore } from '../store/judicial-store.types';
import type { JudicialMessage } from '../wire/judicial-message';
import { refusal, type JudicialDoorRefusal } from './judicial-door.codes';
import type { JudicialDoorEvent } from './judicial-door.ports';
import { summarise } from './judicial-message.reader';

export interface StoreStepPorts {
  readonly store: Pick<JudicialStore, 'submit' | 'move' | 'recordReceipt' | 'find'>;
  readonly directory: JudicialDirectory;
  /** Who gives the transport evidence (the gateway's PKI id). */
  readonly issuer: string;
}

/** What the store made of an accepted message: the journal's third stage, and whether it was all known. */
export interface Applied {
  readonly events: readonly JudicialDoorEvent[];
  /** The store held it already, and this message id was accepted before: a duplicate. */
  readonly alreadyAccepted: boolean;
  readonly requestId?: string;
}

/** The store's part: a request submitted (DRAFT, then SUBMITTED by its sender), a status applied. */
export async function applyToStore(
  ports: StoreStepPorts,
  message: JudicialMessage,
  payloadBytes: Buffer,
  now: Date,
): Promise<Applied | { refusal: JudicialDoorRefusal }> {
  const ids = { messageId: message.id };
  switch (message.type) {
    case 'judicial.request': {
      const { requestId } = message.payload;
      const submitted = await ports.store.submit(payloadBytes, ports.directory, now);
      if (submitted.outcome === 'refused') {
        return {
          refusal: storeRefusal(
            submitted.code,
            summarise(submitted.issues, 'reason'),
            summarise(submitted.issues, 'raison'),
          ),
        };
      }
      // Sending is submitting: the requesting side moves its request out of DRAFT, at sentAt.
      const moved = await ports.store.move(
        { requestId, status: 'SUBMITTED', authority: message.from, at: message.sentAt },
        ports.directory.stateOf,
        now,
      );
      if (moved.outcome === 'refused') {
        const { code, reason, raison } = moved.refusal;
        return { refusal: storeRefusal(code, reason, raison) };
      }
      const known = submitted.outcome === 'duplicate' && moved.outcome === 'duplicate';
      return {
        requestId,
        alreadyAccepted: known && (await wasAccepted(ports, requestId, message.id)),
        events: [
          {
            ...ids,
            correlationId: requestId,
            stage: 'stored',
            details: {
              requestId,
              kind: message.payload.kind,
              state: moved.request.state,
              store: submitted.outcome,
            },
          },
          // Issue 15 point 6: on the notice's side, so that its trace shows this request.
          ...noticeLinkedStages(moved.request),
        ],
      };
    }
    case 'judicial.status': {
      const { requestId } = message.payload;
      const moved = await ports.store.move(message.payload, ports.directory.stateOf, now);
      if (moved.outcome === 'refused') {
        const { code, reason, raison } = moved.refusal;
        if (code !== JudicialErrorCode.RequestUnknown) {
          // Transport evidence of the refusal, beside the request it was about (its state unmoved).
          await ports.store.recordReceipt({
            messageId: message.id,
            requestId,
            evidence: 'rejected',
            issuer: ports.issuer,
            at: now.toISOString(),
            reason: `${code}: ${reason}`,
          });
        }
        return { refusal: storeRefusal(code, reason, raison) };
      }
      const change: StateChange | undefined = moved.outcome === 'moved' ? moved.change : undefined;
      return {
        requestId,
        alreadyAccepted: moved.outcome === 'duplicate' && (await wasAccepted(ports, requestId, message.id)),
        events: [
          {
            ...ids,
            correlationId: requestId,
            stage: 'moved',
            details: {
              requestId,
              to: message.payload.status,
              ...(change ? { from: change.from, party: change.party } : { store: 'duplicate' }),
              authority: message.payload.authority,
              ...(message.payload.grounds ? { ground: message.payload.grounds.ground } : {}),
            },
          },
          // The subject of a linked notice arrested or surrendered: the notice's trace says so.
          ...(change ? noticeMoveStages(moved.request, change) : []),
        ],
      };
    }
    case 'judicial.contact':
      // A contact moves no request: the journal's entries are its record; the claim its dedupe.
      return { alreadyAccepted: false, requestId: message.payload.relatesTo, events: [] };
  }
}

async function wasAccepted(ports: StoreStepPorts, requestId: string, messageId: string): Promise<boolean> {
  const request = await ports.store.find(requestId);
  return (
    request?.receipts.some(
      (r) => r.messageId === messageId && r.evidence === 'accepted' && r.issuer === ports.issuer,
    ) ?? false
  );
}

/** The store's refusals keep their codes; a request it does not hold is the only "unknown" among them. */
function storeRefusal(code: string, reason: string, raison: string): JudicialDoorRefusal {
  return refusal(code, 'store', 'content', reason, raison);
}
