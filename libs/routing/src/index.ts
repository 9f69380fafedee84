export { decideInbound, type InboundFacts } from './inbound.policy';
export { decideOutbound } from './outbound.policy';
export {
  RoutingRefusalCode,
  type HoldRequest,
  type InboundDecision,
  type OutboundDecision,
  type Refusal,
  type RuleVerdict,
} from './routing-decision';
export {
  correlationIdOf,
  RequestCorrelationStore,
  type RecordedRequest,
  type RequestCorrelationOptions,
} from './request-correlation.store';
export {
  JUDICIAL_RULE_CHANNELS,
  JUDICIAL_RULE_TYPES,
  JUDICIAL_TARGETS,
  type JudicialConditions,
  type JudicialRule,
  type JudicialRuleChannel,
  type JudicialRuleType,
  type JudicialTarget,
} from './routing-policy';
export type {
  HoldTerms,
  InboundConditions,
  InboundRule,
  InboundTarget,
  OutboundConditions,
  OutboundRule,
  RoutingPolicy,
} from './routing-policy';
