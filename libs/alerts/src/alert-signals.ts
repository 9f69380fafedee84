// What the console measures at each evaluation, and the measurements the rules make of it: one per
// alert that could fire (a queue and a metric, a certificate, a hold, the peer, the rejection rate).
import {
  DIRECTION,
  queueThreshold,
  type AlertRuleId,
  type AlertRules,
  type Direction,
  type Threshold,
} from './alert-rules';

export interface QueueSignal {
  /** The queue's name without the deployment's namespace (`platform.NP-ML`). */
  readonly queue: string;
  readonly depth: number;
  /** Exported beside the depth (pcms_queue_consumers); no rule reads it. */
  readonly consumers?: number;
  /** Seconds the queue has held messages without being seen empty (BacklogClock). */
  readonly oldestSeconds: number;
}

export interface AlertSignals {
  readonly queues: readonly QueueSignal[];
  readonly certificates: readonly { readonly id: string; readonly daysToExpiry: number }[];
  /** Unknown (undefined) leaves the peer's alert as it is. */
  readonly peerReachable?: boolean;
  readonly waitingHolds: readonly { readonly holdId: string; readonly expiresAt: string }[];
  /** Unknown (undefined: the journal did not answer) leaves the rate's alert as it is. */
  readonly rejectionsPerMinute?: number;
}

/** One value a rule looks at, with the threshold it is compared to. */
export interface Measurement {
  readonly rule: AlertRuleId;
  /** What the alert is about: a queue, a certificate id, a hold id; `peer`, `gateway`. */
  readonly subject: string;
  readonly value: number;
  readonly threshold: Threshold;
  readonly direction: Direction;
}

/** The key of one alert: its rule and subject. */
export function alertKey(rule: AlertRuleId, subject: string): string {
  return `${rule}|${subject}`;
}

/**
 * The measurements of `signals` under `rules`. A subject the signals no longer mention (a hold
 * decided, a certificate removed) has no measurement: its alert, if any, clears. A signal unknown
 * this time (`unknown` lists their keys) keeps its alert as it is.
 */
export function measure(
  rules: AlertRules,
  signals: AlertSignals,
  now: Date,
): { measurements: Measurement[]; unknown: string[] } {
  const measurements: Measurement[] = [];
  const unknown: string[] = [];
  const add = (rule: AlertRuleId, subject: string, value: number, threshold: Threshold | undefined) => {
    if (threshold) measurements.push({ rule, subject, value, threshold, direction: DIRECTION[rule] });
  };
  for (const { queue, depth, oldestSeconds } of signals.queues) {
    add('queue-depth', queue, depth, queueThreshold(rules, queue, 'depth'));
    add('queue-oldest', queue, oldestSeconds, queueThreshold(rules, queue, 'oldestSeconds'));
  }
  for (const { id, daysToExpiry } of signals.certificates) {
    add('certificate-expiry', id, daysToExpiry, rules.certificateExpiryDays);
  }
  for (const { holdId, expiresAt } of signals.waitingHolds) {
    const minutesLeft = (Date.parse(expiresAt) - now.getTime()) / 60_000;
    add('hold-expiring', holdId, Math.round(minutesLeft * 10) / 10, rules.holdExpiringMinutes);
  }
  if (rules.peerUnreachable) {
    if (signals.peerReachable === undefined) unknown.push(alertKey('peer-unreachable', 'peer'));
    // 1 while unreachable: fires above 0, clears at 0 (pcms_peer_reachable == 0 in Prometheus).
    else
      add('peer-unreachable', 'peer', signals.peerReachable ? 0 : 1, {
        fire: 0,
        clear: 0,
        ...rules.peerUnreachable,
      });
  }
  if (rules.rejectionsPerMinute) {
    const { windowMinutes: _window, ...threshold } = rules.rejectionsPerMinute;
    if (signals.rejectionsPerMinute === undefined) unknown.push(alertKey('rejection-rate', 'gateway'));
    else add('rejection-rate', 'gateway', signals.rejectionsPerMinute, threshold);
  }
  return { measurements, unknown };
}
