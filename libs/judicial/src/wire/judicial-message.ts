// What travels on the judicial network (issue 15): one signed JSON document per message, over
// HTTPS with mutual TLS, in the gateway's wire format (x-pcms-signature: detached CMS over the
// exact body bytes; x-pcms-message-id: the idempotency key). The sender is an authority of the
// directory; its certificate (role `authority`, CN = its directory id) signs and names it.
import type { JudicialStatus } from '../lifecycle/judicial-status';
import type { JudicialRequest } from '../request/judicial-request.dto';

export const JUDICIAL_MESSAGE_TYPES = ['judicial.request', 'judicial.status', 'judicial.contact'] as const;
export type JudicialMessageType = (typeof JUDICIAL_MESSAGE_TYPES)[number];

/** Where authorities post, on the judicial adapter; where the gateway posts, on an authority's system. */
export const JUDICIAL_MESSAGES_PATH = '/judicial/messages';

/**
 * A direct contact between focal points (WACAP, the Sahel platform): before or beside a formal
 * request, not a request. Delivered to `to` like a request; it moves no state.
 */
export interface JudicialContact {
  /** Directory id of the authority addressed. */
  to: string;
  subject: string;
  text: string;
  /** ISO 639-2/B. */
  language: string;
  /** The request it is about, when there is one. */
  relatesTo?: string;
}

interface JudicialMessageOf<T extends JudicialMessageType, P> {
  type: T;
  /** Lower-case UUID: the idempotency key of this message (not of the request it is about). */
  id: string;
  /** ISO 8601 with a zone. */
  sentAt: string;
  /** Directory id of the sending authority: equals the CN of the certificate that signed it. */
  from: string;
  payload: P;
}

export type JudicialRequestMessage = JudicialMessageOf<'judicial.request', JudicialRequest>;
export type JudicialStatusMessage = JudicialMessageOf<'judicial.status', JudicialStatus>;
export type JudicialContactMessage = JudicialMessageOf<'judicial.contact', JudicialContact>;
export type JudicialMessage = JudicialRequestMessage | JudicialStatusMessage | JudicialContactMessage;

/** Where the router of the judicial network sends a message; each names the rule that decided it. */
export type JudicialDestination =
  | { kind: 'authority'; authorityId: string; rule: string }
  /** The channel INTERPOL: a DIFFUSION handed to the I-24/7 adapter's delivery. */
  | { kind: 'interpol'; rule: string };
