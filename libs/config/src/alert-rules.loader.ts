import { DIRECTION, thresholdProblem, type AlertRuleId, type AlertRules, type Threshold } from '@pcms/alerts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AlertRulesFileDto, type ThresholdDto } from './alert-rules-file';
import { ConfigError, ConfigErrorCode, type ConfigIssue } from './config.error';
import { flattenValidationErrors, readYamlFile } from './yaml-file.reader';

export interface LoadAlertRulesOptions {
  /** The project root; the rules are `config/alerts.yaml` under it. */
  rootDir?: string;
  /** Another rules file (tests, a deployment's own); relative to `rootDir`. */
  file?: string;
}

/**
 * Reads and validates the alert rules once, at the console's start: every wrong key is reported at
 * once with the file, line and column, and a threshold whose `clear` is on the wrong side of `fire`
 * (an alert that would clear while still beyond its threshold, and fire again) is one of them.
 */
export function loadAlertRules(options: LoadAlertRulesOptions = {}): AlertRules {
  const rootDir = resolve(options.rootDir ?? process.cwd());
  const file = resolve(rootDir, options.file ?? join('config', 'alerts.yaml'));
  if (!existsSync(file)) {
    throw new ConfigError(
      ConfigErrorCode.CONFIG_FILE_MISSING,
      `No alert rules ${file}. Restore config/alerts.yaml (see config/README.md). / Règles d’alerte absentes.`,
    );
  }
  const { document, lineOf } = readYamlFile(file);
  const dto = plainToInstance(AlertRulesFileDto, document.toJS() as Record<string, unknown>);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  const invalid = flattenValidationErrors(errors);
  const issues = [...invalid, ...(invalid.length === 0 ? bandIssues(dto) : [])].map((issue) => ({
    ...issue,
    source: `${file}${lineOf(issue.key)}`,
  }));
  if (issues.length > 0) {
    const lines = issues.map((issue) => `  - ${issue.key}: ${issue.reason} (${issue.source})`);
    throw new ConfigError(
      ConfigErrorCode.CONFIG_INVALID,
      `Alert rules ${file} are invalid / les règles d’alerte sont invalides:\n${lines.join('\n')}`,
      issues,
    );
  }
  return toRules(dto);
}

function threshold(dto: ThresholdDto): Threshold {
  return { fire: dto.fire, clear: dto.clear ?? dto.fire, forSeconds: dto.forSeconds ?? 0 };
}

/** Each threshold's `clear` on the recovered side of its `fire`. */
function bandIssues(dto: AlertRulesFileDto): Omit<ConfigIssue, 'source'>[] {
  const checks: [string, ThresholdDto | undefined, AlertRuleId][] = [
    ...dto.queues.flatMap((rule, index): [string, ThresholdDto | undefined, AlertRuleId][] => [
      [`queues.${index}.depth`, rule.depth, 'queue-depth'],
      [`queues.${index}.oldestSeconds`, rule.oldestSeconds, 'queue-oldest'],
    ]),
    ['certificateExpiryDays', dto.certificateExpiryDays, 'certificate-expiry'],
    ['holdExpiringMinutes', dto.holdExpiringMinutes, 'hold-expiring'],
    ['rejectionsPerMinute', dto.rejectionsPerMinute, 'rejection-rate'],
  ];
  return checks.flatMap(([key, value, rule]) => {
    const problem = value && thresholdProblem(threshold(value), DIRECTION[rule]);
    return problem ? [{ key: `${key}.clear`, reason: problem }] : [];
  });
}

function toRules(dto: AlertRulesFileDto): AlertRules {
  return {
    evaluateEverySeconds: dto.evaluateEverySeconds,
    queues: dto.queues.map((rule) => ({
      match: rule.match,
      ...(rule.depth ? { depth: threshold(rule.depth) } : {}),
      ...(rule.oldestSeconds ? { oldestSeconds: threshold(rule.oldestSeconds) } : {}),
    })),
    ...(dto.certificateExpiryDays ? { certificateExpiryDays: threshold(dto.certificateExpiryDays) } : {}),
    ...(dto.peerUnreachable ? { peerUnreachable: { forSeconds: dto.peerUnreachable.forSeconds } } : {}),
    ...(dto.holdExpiringMinutes ? { holdExpiringMinutes: threshold(dto.holdExpiringMinutes) } : {}),
    ...(dto.rejectionsPerMinute
      ? {
          rejectionsPerMinute: {
            ...threshold(dto.rejectionsPerMinute),
            windowMinutes: dto.rejectionsPerMinute.windowMinutes,
          },
        }
      : {}),
  };
}
