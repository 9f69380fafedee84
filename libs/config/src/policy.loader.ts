import type { InboundRule, JudicialRule, OutboundRule, RoutingPolicy } from '@pcms/routing';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, ConfigErrorCode, type ConfigIssue } from './config.error';
import {
  PolicyFileDto,
  type InboundRuleDto,
  type JudicialRuleDto,
  type OutboundRuleDto,
} from './policy-file';
import { flattenValidationErrors, readYamlFile, type YamlFile } from './yaml-file.reader';

export interface LoadPolicyOptions {
  /** The project root; the policy is `config/policy.yaml` under it. */
  rootDir?: string;
  /** Another policy file (tests, a deployment's own policy); relative to `rootDir`. */
  file?: string;
  /**
   * The networks of the judicial directory: given, a judicial rule's `bothMembersOf` must name one
   * (the judicial adapter passes them; the router, which routes no judicial message, does not).
   */
  judicialNetworks?: readonly string[];
}

/**
 * Reads and validates the routing policy once, at the router's start. Every wrong key is reported
 * at once with the file, line and column, like `loadConfig`, so that a bad policy stops the router
 * instead of routing by a rule nobody meant.
 */
export function loadPolicy(options: LoadPolicyOptions = {}): RoutingPolicy {
  const rootDir = resolve(options.rootDir ?? process.cwd());
  const file = resolve(rootDir, options.file ?? join('config', 'policy.yaml'));
  const { document, lineOf } = readPolicyFile(file);

  const dto = plainToInstance(PolicyFileDto, document.toJS() as Record<string, unknown>);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  const issues = [
    ...flattenValidationErrors(errors),
    ...semanticIssues(dto),
    ...judicialIssues(dto, options.judicialNetworks),
  ].map((issue) => ({
    ...issue,
    source: `${file}${lineOf(issue.key)}`,
  }));
  if (issues.length > 0) {
    const lines = issues.map((issue) => `  - ${issue.key}: ${issue.reason} (${issue.source})`);
    throw new ConfigError(
      ConfigErrorCode.CONFIG_INVALID,
      `Routing policy ${file} is invalid / la politique de routage est invalide:\n${lines.join('\n')}`,
      issues,
    );
  }
  return {
    version: 1,
    outbound: dto.outbound.map(toOutboundRule),
    inbound: dto.inbound.map(toInboundRule),
    judicial: (dto.judicial ?? []).map(toJudicialRule),
  };
}

/** What class-validator cannot say about one field alone. */
function semanticIssues(dto: PolicyFileDto): Omit<ConfigIssue, 'source'>[] {
  const issues: Omit<ConfigIssue, 'source'>[] = [];
  const duplicates = (rules: { rule?: unknown }[] | undefined, section: string) => {
    const seen = new Set<unknown>();
    (Array.isArray(rules) ? rules : []).forEach((rule, index) => {
      // Decisions and the journal name a rule, not a position: two rules with one name are ambiguous.
      if (seen.has(rule?.rule))
        issues.push({ key: `${section}.${index}.rule`, reason: 'is used by an earlier rule' });
      seen.add(rule?.rule);
    });
  };
  duplicates(dto.outbound, 'outbound');
  duplicates(dto.inbound, 'inbound');
  duplicates(dto.judicial, 'judicial');
  (Array.isArray(dto.outbound) ? dto.outbound : []).forEach((rule, index) => {
    issues.push(...holdTermIssues(rule, index));
    // A rule without a condition matches every message: one typo would release or refuse everything.
    const when = rule?.when as object | undefined;
    if (when && typeof when === 'object' && Object.keys(when).length === 0) {
      issues.push({ key: `outbound.${index}.when`, reason: 'must hold at least one condition' });
    }
  });
  (Array.isArray(dto.inbound) ? dto.inbound : []).forEach((rule, index) => {
    const when = rule?.when;
    if (when && typeof when === 'object' && Object.values(when).every((value) => value === undefined)) {
      issues.push({ key: `inbound.${index}.when`, reason: 'must hold type or typeNotIn, or be left out' });
    }
    const to = rule?.to as object | undefined;
    // Count what is set: a class instance may carry its declared fields as own undefined properties.
    const kinds =
      to && typeof to === 'object' ? Object.values(to).filter((value) => value !== undefined).length : 1;
    if (kinds !== 1) {
      issues.push({ key: `inbound.${index}.to`, reason: 'must hold exactly one of platformOf or platform' });
    }
  });
  return issues;
}

/** The judicial section: no empty `when`, networks the directory knows (names: semanticIssues). */
function judicialIssues(
  dto: PolicyFileDto,
  networks: readonly string[] | undefined,
): Omit<ConfigIssue, 'source'>[] {
  const rules: (JudicialRuleDto | undefined)[] = Array.isArray(dto.judicial) ? dto.judicial : [];
  const issues: Omit<ConfigIssue, 'source'>[] = [];
  rules.forEach((rule, index) => {
    const when = rule?.when;
    if (when && typeof when === 'object' && Object.values(when).every((value) => value === undefined)) {
      issues.push({ key: `judicial.${index}.when`, reason: 'must hold a condition, or be left out' });
    }
    const network = when?.bothMembersOf;
    if (networks && typeof network === 'string' && !networks.includes(network)) {
      issues.push({
        key: `judicial.${index}.when.bothMembersOf`,
        reason: `is not a network of the judicial directory (${networks.join(', ')})`,
      });
    }
  });
  return issues;
}

/** Hold terms belong to hold rules only: on another decision they would silently mean nothing. */
function holdTermIssues(rule: OutboundRuleDto | undefined, index: number): Omit<ConfigIssue, 'source'>[] {
  if (!rule || rule.decision === 'hold') return [];
  return (['approvals', 'expiresAfter'] as const)
    .filter((term) => rule[term] !== undefined)
    .map((term) => ({ key: `outbound.${index}.${term}`, reason: 'is allowed with decision: hold only' }));
}

const DEFAULT_HOLD_APPROVALS = 2;
const DEFAULT_HOLD_EXPIRES_AFTER = '24h';
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `30m`, `24h`, `7d` in milliseconds (the DTO already checked the shape). */
function durationMs(text: string): number {
  const unit = text.slice(-1) as keyof typeof UNIT_MS;
  return Number(text.slice(0, -1)) * UNIT_MS[unit];
}

function toOutboundRule(rule: OutboundRuleDto): OutboundRule {
  const when = Object.fromEntries(Object.entries(rule.when).filter(([, value]) => value !== undefined));
  return {
    name: rule.rule,
    when,
    decision: rule.decision,
    ...(rule.decision === 'hold'
      ? {
          hold: {
            approvals: rule.approvals ?? DEFAULT_HOLD_APPROVALS,
            expiresAfterMs: durationMs(rule.expiresAfter ?? DEFAULT_HOLD_EXPIRES_AFTER),
          },
        }
      : {}),
    ...(rule.code ? { code: rule.code } : {}),
    ...(rule.reason ? { reason: rule.reason } : {}),
  };
}

function toInboundRule(rule: InboundRuleDto): InboundRule {
  const when = Object.fromEntries(Object.entries(rule.when ?? {}).filter(([, value]) => value !== undefined));
  return {
    name: rule.rule,
    ...(Object.keys(when).length > 0 ? { when } : {}),
    to: rule.to.platform
      ? { platform: rule.to.platform }
      : { platformOf: rule.to.platformOf ?? 'nationalities' },
  };
}

function toJudicialRule(rule: JudicialRuleDto): JudicialRule {
  const when = Object.fromEntries(Object.entries(rule.when ?? {}).filter(([, value]) => value !== undefined));
  return { name: rule.rule, ...(Object.keys(when).length > 0 ? { when } : {}), to: rule.to };
}

function readPolicyFile(file: string): YamlFile {
  if (!existsSync(file)) {
    throw new ConfigError(
      ConfigErrorCode.CONFIG_FILE_MISSING,
      `No routing policy ${file}. Restore config/policy.yaml (see config/README.md). / Politique de routage absente.`,
    );
  }
  return readYamlFile(file);
}
