export { decideInbound } from './inbound.policy';
export { decideOutbound } from './outbound.policy';
export {
  RoutingRefusalCode,
  type InboundDecision,
  type OutboundDecision,
  type Refusal,
  type RuleVerdict,
} from './routing-decision';
export type {
  InboundRule,
  InboundTarget,
  OutboundConditions,
  OutboundRule,
  RoutingPolicy,
} from './routing-policy';
