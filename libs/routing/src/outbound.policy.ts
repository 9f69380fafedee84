import { classificationRank, isPlatformId, type Classification, type PcmsEnvelope } from '@pcms/envelope';
import {
  RoutingRefusalCode,
  type HoldRequest,
  type OutboundDecision,
  type Refusal,
  type RuleVerdict,
} from './routing-decision';
import type { OutboundConditions, OutboundRule, RoutingPolicy } from './routing-policy';

/**
 * Decides, for each recipient of a message submitted by a platform, whether it may reach it.
 * PCMS platforms receive what is addressed to them; INTERPOL only what the policy's rules allow:
 * the first outbound rule that matches decides, and no match releases.
 */
export function decideOutbound(envelope: PcmsEnvelope, policy: RoutingPolicy): OutboundDecision {
  const decision: OutboundDecision = { platforms: [], networks: [], refusals: [], holds: [], verdicts: [] };
  for (const recipient of new Set(envelope.recipients)) {
    if (isPlatformId(recipient)) {
      if (recipient !== envelope.sender) decision.platforms.push(recipient);
      decision.verdicts.push({ rule: 'outbound.pcms-recipient', detail: `to ${recipient}` });
      continue;
    }
    const { refusal, hold, verdict } = decideRelease(envelope, policy.outbound);
    if (refusal) decision.refusals.push(refusal);
    else if (hold) decision.holds.push(hold);
    else decision.networks.push(recipient);
    decision.verdicts.push(verdict);
  }
  const decided = decision.platforms.length + decision.networks.length + decision.refusals.length;
  if (decided + decision.holds.length === 0) {
    decision.refusals.push({
      code: RoutingRefusalCode.NO_RECIPIENT,
      reason: 'the message names no recipient other than its sender',
      rule: 'outbound.recipient-required',
    });
  }
  return decision;
}

function decideRelease(
  envelope: PcmsEnvelope,
  rules: readonly OutboundRule[],
): { refusal?: Refusal; hold?: HoldRequest; verdict: RuleVerdict } {
  for (const rule of rules) {
    const facts = matchedFacts(envelope, rule.when);
    if (!facts) continue;
    const name = `outbound.${rule.name}`;
    const detail = rule.reason ? `${rule.reason} (${facts.join('; ')})` : facts.join('; ');
    if (rule.decision === 'release')
      return { verdict: { rule: name, detail: `released to INTERPOL: ${detail}` } };
    if (rule.decision === 'hold') {
      // The loader gives every hold rule its terms; the defaults only guard a hand-built policy.
      const terms = rule.hold ?? { approvals: 2, expiresAfterMs: 24 * 3_600_000 };
      const hold = { network: 'INTERPOL' as const, rule: name, reason: detail, ...terms };
      return { hold, verdict: { rule: name, detail: `held for ${terms.approvals} operators: ${detail}` } };
    }
    const refusal = { code: rule.code ?? RoutingRefusalCode.POLICY_REFUSED, reason: detail, rule: name };
    return { refusal, verdict: { rule: name, detail } };
  }
  return {
    verdict: { rule: 'outbound.release-to-interpol', detail: `${envelope.type} released to INTERPOL` },
  };
}

/**
 * The facts that make every condition of a rule hold, in words for the journal and the sender;
 * undefined when one condition fails. A rule without conditions would match everything, which the
 * loader refuses.
 */
function matchedFacts(envelope: PcmsEnvelope, when: OutboundConditions): string[] | undefined {
  const facts: string[] = [];
  if (when.type) {
    if (!when.type.includes(envelope.type)) return undefined;
    facts.push(`type ${envelope.type}`);
  }
  if (when.typeNotIn) {
    if (when.typeNotIn.includes(envelope.type)) return undefined;
    facts.push(`type ${envelope.type} is not one of ${when.typeNotIn.join(', ')}`);
  }
  if (when.notReleasableTo) {
    if (envelope.handling.releasableTo.includes(when.notReleasableTo)) return undefined;
    facts.push(`handling.releasableTo does not include ${when.notReleasableTo}`);
  }
  if (when.classificationAbove) {
    if (!isAbove(envelope.classification, when.classificationAbove)) return undefined;
    facts.push(`${envelope.classification} is above ${when.classificationAbove}`);
  }
  if (when.originatorConsent !== undefined) {
    if (envelope.handling.originatorConsent !== when.originatorConsent) return undefined;
    facts.push(`handling.originatorConsent is ${String(when.originatorConsent)}`);
  }
  return facts;
}

function isAbove(level: Classification, ceiling: Classification): boolean {
  return classificationRank(level) > classificationRank(ceiling);
}
