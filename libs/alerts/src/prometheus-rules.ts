// The alert rules as a Prometheus alerting-rules file (ops/prometheus/pcms-alerts.rules.yml), over
// the metrics the gateway exports (AlertSignalMetrics of the console, GatewayMetrics of every app).
// Generated from config/alerts.yaml so that Prometheus and the console say the same thing; the
// spec fails when the committed file differs from what the rules give.
import { stringify } from 'yaml';
import { queuePattern, type AlertRules, type Threshold } from './alert-rules';

export interface PrometheusRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly keep_firing_for?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface PrometheusRuleGroup {
  readonly name: string;
  readonly interval: string;
  readonly rules: readonly PrometheusRule[];
}

export const PROMETHEUS_GROUPS = [
  'pcms-queues',
  'pcms-certificates',
  'pcms-peer',
  'pcms-holds',
  'pcms-rejections',
] as const;

/** The rules file's content: `{ groups }`, one group per kind of signal. */
export function prometheusRules(rules: AlertRules): { groups: PrometheusRuleGroup[] } {
  const interval = `${rules.evaluateEverySeconds}s`;
  const group = (name: (typeof PROMETHEUS_GROUPS)[number], list: PrometheusRule[]) => ({
    name,
    interval,
    rules: list,
  });
  return {
    groups: [
      group('pcms-queues', [
        ...queueRules(rules, 'depth', 'PcmsQueueDepth', 'pcms_queue_messages', 'queue-depth'),
        ...queueRules(
          rules,
          'oldestSeconds',
          'PcmsQueueOldestMessage',
          'pcms_queue_backlog_age_seconds',
          'queue-oldest',
        ),
      ]),
      group(
        'pcms-certificates',
        rules.certificateExpiryDays
          ? [
              alertRule(
                'PcmsCertificateExpiry',
                'certificate-expiry',
                'min by (id) (pcms_certificate_days_to_expiry)',
                rules.certificateExpiryDays,
                '<',
                'id',
                {
                  summary:
                    'Certificate {{ $labels.id }} expires in {{ $value }} days / le certificat expire dans {{ $value }} jours',
                },
              ),
            ]
          : [],
      ),
      group(
        'pcms-peer',
        rules.peerUnreachable
          ? [
              alertRule(
                'PcmsPeerUnreachable',
                'peer-unreachable',
                'max by (peer) (1 - pcms_peer_reachable)',
                { fire: 0, clear: 0, ...rules.peerUnreachable },
                '>',
                'peer',
                {
                  summary:
                    'The I-24/7 peer {{ $labels.peer }} refuses connections / le pair I-24/7 refuse les connexions',
                },
              ),
            ]
          : [],
      ),
      group(
        'pcms-holds',
        rules.holdExpiringMinutes
          ? [
              alertRule(
                'PcmsHoldExpiring',
                'hold-expiring',
                'min by (hold) (pcms_hold_minutes_to_expiry)',
                rules.holdExpiringMinutes,
                '<',
                'hold',
                {
                  summary:
                    'Hold {{ $labels.hold }} expires undecided in {{ $value }} min / la retenue expire sans décision dans {{ $value }} min',
                },
              ),
            ]
          : [],
      ),
      group(
        'pcms-rejections',
        rules.rejectionsPerMinute
          ? [
              alertRule(
                'PcmsRejectionRate',
                'rejection-rate',
                `sum(increase(pcms_messages_rejected_total[${rules.rejectionsPerMinute.windowMinutes}m])) / ${rules.rejectionsPerMinute.windowMinutes}`,
                rules.rejectionsPerMinute,
                '>',
                '',
                { summary: '{{ $value }} messages refused per minute / messages refusés par minute' },
              ),
            ]
          : [],
      ),
    ],
  };
}

/** The file's text, with a header saying where it comes from. */
export function renderPrometheusRules(rules: AlertRules): string {
  const header = [
    '# Generated from config/alerts.yaml (libs/alerts/README.md, "Prometheus and Grafana"): edit that',
    '# file, then PCMS_WRITE_OPS_FILES=1 npx jest libs/alerts/src/ops-files.spec.ts rewrites this one.',
    '# Hysteresis: an alert keeps firing while the value is beyond `clear` (the ALERTS series);',
    "# for / keep_firing_for (Prometheus >= 2.42) are the rules' forSeconds.",
  ];
  return `${header.join('\n')}\n${stringify(prometheusRules(rules), { lineWidth: 0, singleQuote: true })}`;
}

/** One rule per queue rule that sets `metric`, each excluding the queues an earlier one took. */
function queueRules(
  rules: AlertRules,
  metric: 'depth' | 'oldestSeconds',
  alert: string,
  series: string,
  ruleId: string,
): PrometheusRule[] {
  const setting = rules.queues.filter((rule) => rule[metric]);
  return setting.map((rule, index) => {
    const taken = setting.slice(0, index).map((earlier) => promGlob(earlier.match));
    const selector = [
      `queue=~"${promGlob(rule.match)}"`,
      ...(taken.length > 0 ? [`queue!~"${taken.join('|')}"`] : []),
    ];
    const threshold = rule[metric] as Threshold;
    const what = metric === 'depth' ? '{{ $value }} messages ready' : 'messages waiting for {{ $value }} s';
    return alertRule(
      alert,
      ruleId,
      `max by (queue) (${series}{${selector.join(', ')}})`,
      threshold,
      '>',
      'queue',
      {
        summary: `Queue {{ $labels.queue }}: ${what} (rule ${rule.match}) / file ${metric === 'depth' ? 'pleine' : 'en attente'}`,
      },
    );
  });
}

function alertRule(
  alert: string,
  ruleId: string,
  value: string,
  threshold: Threshold,
  beyond: '>' | '<',
  by: string,
  annotations: Record<string, string>,
): PrometheusRule {
  const firing = `ALERTS{alertname="${alert}", alertstate="firing"}`;
  const expr =
    threshold.clear === threshold.fire
      ? `${value} ${beyond} ${threshold.fire}`
      : `${value} ${beyond} ${threshold.fire}\nor\n(${value} ${beyond} ${threshold.clear} and on(${by}) ${firing})`;
  const seconds = threshold.forSeconds > 0 ? `${threshold.forSeconds}s` : undefined;
  return {
    alert,
    expr,
    ...(seconds ? { for: seconds, keep_firing_for: seconds } : {}),
    labels: { severity: 'warning', rule: ruleId },
    annotations,
  };
}

/** `platform.*` as an RE2 pattern (Prometheus anchors it): a dot is `[.]`, no backslash to escape twice. */
function promGlob(match: string): string {
  return queuePattern(match).source.slice(1, -1).replace(/\\\./g, '[.]').replace(/\\(.)/g, '[$1]');
}
