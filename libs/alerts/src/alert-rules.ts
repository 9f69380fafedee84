// The alert rules (config/alerts.yaml, read by @pcms/config's loadAlertRules): what the console
// evaluates and what ops/prometheus/pcms-alerts.rules.yml says to a Prometheus server.

/** Every kind of alert, in the order they are listed. */
export const ALERT_RULE_IDS = [
  'queue-depth',
  'queue-oldest',
  'certificate-expiry',
  'peer-unreachable',
  'hold-expiring',
  'rejection-rate',
] as const;
export type AlertRuleId = (typeof ALERT_RULE_IDS)[number];

/**
 * When an alert fires and when it clears. For a value where more is worse (a depth) the alert
 * fires once the value is above `fire` and clears once it is at or below `clear` (clear ≤ fire);
 * for a value where less is worse (days to expiry) it fires below `fire` and clears at or above
 * `clear` (clear ≥ fire). Between the two the alert keeps its state: that band is the hysteresis.
 * The condition must hold for `forSeconds` before the alert fires, and the recovery as long before
 * it clears (Prometheus's `for` and `keep_firing_for`).
 */
export interface Threshold {
  readonly fire: number;
  readonly clear: number;
  readonly forSeconds: number;
}

/** Which way a value goes wrong. */
export type Direction = 'above' | 'below';

/** The thresholds of the queues whose name (without the deployment's namespace) matches `match`. */
export interface QueueAlertRule {
  /** A queue name, `*` standing for any characters (`platform.*`). The first rule that matches wins. */
  readonly match: string;
  /** Messages ready in the queue. */
  readonly depth?: Threshold;
  /** Seconds the queue has held messages without being seen empty (see README: an upper bound). */
  readonly oldestSeconds?: Threshold;
}

export interface AlertRules {
  /** How often the console evaluates (one console at a time, under a lease). */
  readonly evaluateEverySeconds: number;
  readonly queues: readonly QueueAlertRule[];
  /** Days until a certificate of the PKI expires (below). */
  readonly certificateExpiryDays?: Threshold;
  /** The I-24/7 peer refuses connections: fires after `forSeconds`, clears after as long reachable. */
  readonly peerUnreachable?: { readonly forSeconds: number };
  /** Minutes left before a waiting hold expires (below). */
  readonly holdExpiringMinutes?: Threshold;
  /** Messages refused or dead-lettered per minute, averaged over the last `windowMinutes`. */
  readonly rejectionsPerMinute?: Threshold & { readonly windowMinutes: number };
}

export const DIRECTION: Readonly<Record<AlertRuleId, Direction>> = {
  'queue-depth': 'above',
  'queue-oldest': 'above',
  'certificate-expiry': 'below',
  'peer-unreachable': 'above',
  'hold-expiring': 'below',
  'rejection-rate': 'above',
};

/** `platform.*` as a regular expression over the whole name. */
export function queuePattern(match: string): RegExp {
  const escaped = match.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}

/** The threshold of `metric` for `queue`: the first rule that matches the queue and sets it. */
export function queueThreshold(
  rules: AlertRules,
  queue: string,
  metric: 'depth' | 'oldestSeconds',
): Threshold | undefined {
  return rules.queues.find((rule) => rule[metric] && queuePattern(rule.match).test(queue))?.[metric];
}

/** The problems of a threshold that a field alone cannot show: clear on the wrong side of fire. */
export function thresholdProblem(threshold: Threshold, direction: Direction): string | undefined {
  if (direction === 'above' && threshold.clear > threshold.fire)
    return `clear (${threshold.clear}) must be at or below fire (${threshold.fire})`;
  if (direction === 'below' && threshold.clear < threshold.fire)
    return `clear (${threshold.clear}) must be at or above fire (${threshold.fire})`;
  return undefined;
}
