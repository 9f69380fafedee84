// The three messages an authority sends, wrapped as the wire contract says: a fresh lower-case
// UUID as the message id (the idempotency key of this message, not of the request it is about)
// and the time of sending. The payloads are the caller's; the door validates them.
import { randomUUID } from 'node:crypto';
import type { JudicialState } from '../lifecycle/judicial-states';
import type { JudicialStatus, RefusalGrounds } from '../lifecycle/judicial-status';
import type { JudicialRequest } from '../request/judicial-request.dto';
import type {
  JudicialContact,
  JudicialContactMessage,
  JudicialRequestMessage,
  JudicialStatusMessage,
} from '../wire/judicial-message';

/** When and under which id; tests fix them, senders leave them out. */
export interface MessageStamp {
  id?: string;
  sentAt?: Date;
}

function stamp(options: MessageStamp): { id: string; sentAt: string } {
  return {
    // RFC 4122 §3: randomUUID already writes lower case; the door refuses any other case.
    id: options.id ?? randomUUID(),
    sentAt: (options.sentAt ?? new Date()).toISOString(),
  };
}

/** A request, sent by its requesting authority unless `from` says otherwise (the door will judge). */
export function requestMessage(
  payload: JudicialRequest,
  from: string = payload.requesting.authority,
  options: MessageStamp = {},
): JudicialRequestMessage {
  return { type: 'judicial.request', ...stamp(options), from, payload };
}

export interface StatusInput {
  requestId: string;
  status: JudicialState;
  /** The authority that moves the request; it sends the message (`from`). */
  authority: string;
  reason?: string;
  grounds?: RefusalGrounds;
  /** When the move happened; the time of sending by default. */
  at?: Date;
}

export function statusMessage(input: StatusInput, options: MessageStamp = {}): JudicialStatusMessage {
  const stamped = stamp(options);
  const payload: JudicialStatus = {
    requestId: input.requestId,
    status: input.status,
    authority: input.authority,
    at: input.at ? input.at.toISOString() : stamped.sentAt,
    ...(input.reason !== undefined ? { reason: input.reason } : {}),
    ...(input.grounds !== undefined ? { grounds: input.grounds } : {}),
  };
  return { type: 'judicial.status', ...stamped, from: input.authority, payload };
}

export interface ContactInput extends Omit<JudicialContact, 'language'> {
  from: string;
  /** ISO 639-2/B; French by default, the working language of both networks' meetings. */
  language?: string;
}

export function contactMessage(input: ContactInput, options: MessageStamp = {}): JudicialContactMessage {
  const { from, language, ...contact } = input;
  return {
    type: 'judicial.contact',
    ...stamp(options),
    from,
    payload: { ...contact, language: language ?? 'fre' },
  };
}
