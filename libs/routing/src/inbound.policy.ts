import {
  platformForCountry,
  type PcmsEnvelope,
  type PersonWantedPayload,
  type PlatformId,
} from '@pcms/envelope';
import type { InboundDecision } from './routing-decision';
import type { InboundRule, RoutingPolicy } from './routing-policy';

/**
 * An inbound notice goes to every platform an inbound rule of the policy names: by default the
 * national platform of each G5 nationality and warrant-issuing country, and always RP.
 */
export function decideInbound(envelope: PcmsEnvelope, policy: RoutingPolicy): InboundDecision {
  const decision: InboundDecision = { platforms: [], verdicts: [] };
  const payload = envelope.payload as Partial<PersonWantedPayload> | undefined;
  for (const rule of policy.inbound) {
    for (const [platform, because] of targets(rule, payload)) {
      if (!decision.platforms.includes(platform)) decision.platforms.push(platform);
      decision.verdicts.push({ rule: `inbound.${rule.name}`, detail: `${because} → ${platform}` });
    }
  }
  return decision;
}

function targets(
  rule: InboundRule,
  payload: Partial<PersonWantedPayload> | undefined,
): [PlatformId, string][] {
  if ('platform' in rule.to) return [[rule.to.platform, 'every inbound notice']];
  const named =
    rule.to.platformOf === 'nationalities'
      ? (payload?.subject?.nationalities ?? []).map((country) => [country, `nationality ${country}`])
      : (payload?.warrants ?? []).map((warrant) => [
          warrant.issuingCountry,
          `warrant issued by ${warrant.issuingCountry}`,
        ]);
  return named.flatMap(([country, because]) => {
    const platform = platformForCountry(country);
    return platform ? [[platform, because] as [PlatformId, string]] : [];
  });
}
