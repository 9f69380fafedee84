export {
  ALERT_RULE_IDS,
  DIRECTION,
  queuePattern,
  queueThreshold,
  thresholdProblem,
  type AlertRuleId,
  type AlertRules,
  type Direction,
  type QueueAlertRule,
  type Threshold,
} from './alert-rules';
export { alertKey, measure, type AlertSignals, type Measurement, type QueueSignal } from './alert-signals';
export { advanceBacklog, type BacklogSince } from './backlog-clock';
export {
  breaches,
  firingAlerts,
  recovered,
  stepAlerts,
  type AlertMachine,
  type AlertPhase,
  type AlertState,
  type AlertTransition,
} from './alert-machine';
export {
  PROMETHEUS_GROUPS,
  prometheusRules,
  renderPrometheusRules,
  type PrometheusRule,
  type PrometheusRuleGroup,
} from './prometheus-rules';
