import type { PlatformId } from '@pcms/envelope';

/** Why the router refused to let a message leave PCMS. Each code names one rule. */
export enum RoutingRefusalCode {
  NEVER_RELEASED = 'ROUTING_NEVER_RELEASED',
  NOT_RELEASABLE = 'ROUTING_NOT_RELEASABLE',
  CLASSIFICATION_TOO_HIGH = 'ROUTING_CLASSIFICATION_TOO_HIGH',
  TYPE_NOT_SUPPORTED = 'ROUTING_TYPE_NOT_SUPPORTED',
  NO_RECIPIENT = 'ROUTING_NO_RECIPIENT',
  /** A policy rule that names no code of its own refused the message. */
  POLICY_REFUSED = 'ROUTING_POLICY_REFUSED',
}

/** A decision always names the rule that made it, so the journal can say why. */
export interface RuleVerdict {
  rule: string;
  detail: string;
}

export interface Refusal {
  code: RoutingRefusalCode;
  reason: string;
  rule: string;
}

/** A recipient the message may reach only once operators approve (a `hold` rule matched). */
export interface HoldRequest {
  network: 'INTERPOL';
  /** `outbound.<name>` of the rule that holds it. */
  rule: string;
  /** The rule's reason with the facts that matched. */
  reason: string;
  approvals: number;
  expiresAfterMs: number;
}

export interface OutboundDecision {
  /** Platforms of PCMS the message goes to as it is. */
  platforms: PlatformId[];
  /** External networks the message is released to. */
  networks: 'INTERPOL'[];
  /** Recipients the message may not reach, each with the rule that refused it. */
  refusals: Refusal[];
  /** External networks the message waits for before leaving, each with the rule that holds it. */
  holds: HoldRequest[];
  verdicts: RuleVerdict[];
}

export interface InboundDecision {
  platforms: PlatformId[];
  verdicts: RuleVerdict[];
}
