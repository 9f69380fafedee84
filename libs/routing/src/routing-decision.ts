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

export interface OutboundDecision {
  /** Platforms of PCMS the message goes to as it is. */
  platforms: PlatformId[];
  /** External networks the message is released to. */
  networks: 'INTERPOL'[];
  /** Recipients the message may not reach, each with the rule that refused it. */
  refusals: Refusal[];
  verdicts: RuleVerdict[];
}

export interface InboundDecision {
  platforms: PlatformId[];
  verdicts: RuleVerdict[];
}
