// The files shipped for teams that run Prometheus and Grafana: the alerting rules are those of
// config/alerts.yaml, and every metric they or the dashboard name is one the gateway exports.
// promtool is not installed here, so the structure is checked instead.
import { loadAlertRules } from '@pcms/config';
import { AlertSignalMetrics, GatewayMetrics } from '@pcms/observability';
import { RevocationMetrics } from '@pcms/revocation';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PROMETHEUS_GROUPS, renderPrometheusRules, type PrometheusRuleGroup } from './prometheus-rules';

const projectRoot = join(__dirname, '..', '..', '..');
const RULES_FILE = join(projectRoot, 'ops', 'prometheus', 'pcms-alerts.rules.yml');
const DASHBOARD_FILE = join(projectRoot, 'ops', 'grafana', 'pcms-gateway.json');

/** Every metric name the gateway's code registers (the apps' GatewayMetrics, the revocation list's, the console's signals). */
async function exportedMetricNames(): Promise<Set<string>> {
  const metrics = new GatewayMetrics('any');
  new RevocationMetrics(metrics.registry);
  new AlertSignalMetrics(metrics.registry);
  return new Set((await metrics.registry.getMetricsAsJSON()).map((metric) => metric.name));
}

const metricNamesIn = (promql: string): string[] =>
  [...promql.matchAll(/\bpcms_[a-z0-9_]+/g)].map((m) => m[0]);

interface DashboardPanel {
  type: string;
  title: string;
  targets?: { expr: string }[];
}

describe('ops files (Prometheus rules, Grafana dashboard)', () => {
  const rules = loadAlertRules({ rootDir: projectRoot });
  const expected = renderPrometheusRules(rules);

  it('ships the rules of config/alerts.yaml, as generated from them', () => {
    if (process.env.PCMS_WRITE_OPS_FILES === '1') writeFileSync(RULES_FILE, expected);
    // Differs: edit config/alerts.yaml, then PCMS_WRITE_OPS_FILES=1 npx jest libs/alerts/src/ops-files.spec.ts.
    expect(readFileSync(RULES_FILE, 'utf8')).toBe(expected);
  });

  it('parses as a Prometheus rules file with the expected groups, each rule complete', () => {
    const file = parse(readFileSync(RULES_FILE, 'utf8')) as { groups: PrometheusRuleGroup[] };

    expect(file.groups.map((group) => group.name)).toEqual([...PROMETHEUS_GROUPS]);
    const all = file.groups.flatMap((group) => group.rules);
    expect(new Set(all.map((rule) => rule.alert))).toEqual(
      new Set([
        'PcmsQueueDepth',
        'PcmsQueueOldestMessage',
        'PcmsCertificateExpiry',
        'PcmsPeerUnreachable',
        'PcmsHoldExpiring',
        'PcmsRejectionRate',
      ]),
    );
    for (const rule of all) {
      expect(rule).toEqual({
        alert: expect.stringMatching(/^Pcms[A-Za-z]+$/),
        expr: expect.stringMatching(/\S/),
        ...(rule.for ? { for: expect.stringMatching(/^\d+s$/), keep_firing_for: rule.for } : {}),
        labels: { severity: 'warning', rule: expect.any(String) },
        annotations: { summary: expect.stringMatching(/ \/ /) },
      });
      // Balanced brackets: a truncated expression fails here rather than in Prometheus.
      for (const [open, close] of ['()', '{}', '[]']) {
        expect(rule.expr.split(open ?? '').length).toBe(rule.expr.split(close ?? '').length);
      }
    }
    // The queue rules are exclusive: the second depth rule leaves out the queues the first took.
    const depth = all.filter((rule) => rule.alert === 'PcmsQueueDepth');
    expect(depth[1]?.expr).toContain('queue=~"platform[.].*", queue!~"pcms[.]dead-letters"');
    expect(depth[1]?.expr).toContain('and on(queue) ALERTS{alertname="PcmsQueueDepth", alertstate="firing"}');
  });

  it('names only metrics the gateway exports, in the rules and in the dashboard', async () => {
    const exported = await exportedMetricNames();
    const dashboard = JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8')) as {
      uid: string;
      panels: DashboardPanel[];
    };
    const panels = dashboard.panels.filter((panel) => panel.type !== 'row');
    const named = [
      ...metricNamesIn(readFileSync(RULES_FILE, 'utf8')),
      ...panels.flatMap((panel) => (panel.targets ?? []).flatMap((target) => metricNamesIn(target.expr))),
    ];

    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((name) => !exported.has(name))).toEqual([]);
    expect(dashboard.uid).toBe('pcms-gateway');
    expect(panels.filter((panel) => (panel.targets ?? []).length === 0).map((panel) => panel.title)).toEqual(
      [],
    );
  });
});
