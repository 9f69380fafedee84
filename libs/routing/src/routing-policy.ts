import type { Classification, MessageType, PlatformId } from '@pcms/envelope';
import type { RoutingRefusalCode } from './routing-decision';

/**
 * The routing rules as data (`config/policy.yaml`, loaded and validated by `@pcms/config`).
 * The router never hard-codes a rule: changing what leaves PCMS is a reviewed change of that file.
 */
export interface RoutingPolicy {
  version: 1;
  /** Tried in order for every recipient outside PCMS; the first rule whose conditions all hold decides. */
  outbound: OutboundRule[];
  /** Every rule adds its platforms; a platform named by several rules is listed once. */
  inbound: InboundRule[];
  /**
   * Where a message of the judicial network goes (issue 15): every rule whose conditions hold adds
   * its destinations (decideJudicial in @pcms/judicial); an authority named twice receives it once.
   */
  judicial: JudicialRule[];
}

/** Every condition present must hold for the rule to match (logical AND). */
export interface OutboundConditions {
  /** The message type is one of these. */
  type?: MessageType[];
  /** The message type is none of these. */
  typeNotIn?: MessageType[];
  /** `handling.releasableTo` does not name this network. */
  notReleasableTo?: 'INTERPOL';
  /** The classification ranks strictly above this level. */
  classificationAbove?: Classification;
  /** `handling.originatorConsent` has this value. */
  originatorConsent?: boolean;
}

export interface OutboundRule {
  /** Short name; decisions and the journal name it `outbound.<name>`. */
  name: string;
  when: OutboundConditions;
  /**
   * `release` stops the search and lets the message out; `refuse` keeps it in PCMS; `hold` keeps it
   * in a hold until `hold.approvals` distinct operators release it (four eyes) or it expires.
   */
  decision: 'refuse' | 'release' | 'hold';
  /** With `hold` only: how many distinct operators must approve, and how long the hold waits. */
  hold?: HoldTerms;
  /** Refusal code reported to the sender and the journal; `ROUTING_POLICY_REFUSED` when absent. */
  code?: RoutingRefusalCode;
  /** Why the rule exists, in words the operator reads in the dead-letter reason. */
  reason?: string;
}

/** What a `hold` rule asks for (`approvals` and `expiresAfter` in config/policy.yaml). */
export interface HoldTerms {
  /** Distinct operators who must approve before the message leaves; at least 1 (default 2). */
  approvals: number;
  /** How long the hold waits for them, in milliseconds; then it expires and is reported. */
  expiresAfterMs: number;
}

export type InboundTarget =
  /**
   * The national platform of every G5 country the notice names there: the subject's nationalities,
   * the warrant-issuing countries, or the countries where the facts happened (see event-countries.ts).
   */
  | { platformOf: 'nationalities' | 'warrantCountries' | 'eventCountries' }
  /** The platform that sent the request a `response.information` answers (see RequestCorrelationStore). */
  | { platformOf: 'requester' }
  /** Always this platform. */
  | { platform: PlatformId };

/** Every condition present must hold for an inbound rule to apply; no condition: every notice. */
export interface InboundConditions {
  /** The inbound message type (the PCMS type the notice was mapped to) is one of these. */
  type?: MessageType[];
  /** The inbound message type is none of these. */
  typeNotIn?: MessageType[];
}

export interface InboundRule {
  /** Short name; decisions and the journal name it `inbound.<name>`. */
  name: string;
  when?: InboundConditions;
  to: InboundTarget;
}

/**
 * The judicial network's message types and request channels as the policy may name them. They are
 * @pcms/judicial's JUDICIAL_MESSAGE_TYPES and REQUEST_CHANNELS (a spec there keeps them equal):
 * repeated here because @pcms/config validates the policy and must not depend on @pcms/judicial.
 */
export const JUDICIAL_RULE_TYPES = ['judicial.request', 'judicial.status', 'judicial.contact'] as const;
export type JudicialRuleType = (typeof JUDICIAL_RULE_TYPES)[number];
export const JUDICIAL_RULE_CHANNELS = ['central-authority', 'diplomatic', 'interpol'] as const;
export type JudicialRuleChannel = (typeof JUDICIAL_RULE_CHANNELS)[number];

/** Every condition present must hold for a judicial rule to apply; no condition: every message. */
export interface JudicialConditions {
  /** The message type is one of these. */
  type?: JudicialRuleType[];
  /** The request's channel (for a status: the stored request's) is one of these. */
  channel?: JudicialRuleChannel[];
  /** The request's channel is none of these. */
  channelNotIn?: JudicialRuleChannel[];
  /** Both states of the request are members of this network of the directory on the message's day. */
  bothMembersOf?: string;
}

export type JudicialTarget =
  /**
   * The authority the message is for: a request's requested authority; a status's other party (the
   * stored request's requesting or requested authority, whichever did not send it); a contact's `to`.
   */
  | 'addressee'
  /** Every authority of the directory with role `platform-secretariat`. */
  | 'secretariat'
  /** The INTERPOL channel: a DIFFUSION handed to the I-24/7 adapter's delivery. */
  | 'interpol';
export const JUDICIAL_TARGETS: readonly JudicialTarget[] = ['addressee', 'secretariat', 'interpol'];

export interface JudicialRule {
  /** Short name; decisions and the journal name it `judicial.<name>`. */
  name: string;
  when?: JudicialConditions;
  to: JudicialTarget;
}
