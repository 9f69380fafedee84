import {
  platformForCountry,
  type PcmsEnvelope,
  type PersonWantedPayload,
  type PlatformId,
} from '@pcms/envelope';
import type { InboundDecision } from './routing-decision';

/**
 * An inbound notice goes to the national platform of every G5 country it names as a nationality
 * of the subject or as the issuer of a warrant, and always to the regional platform.
 */
export function decideInbound(envelope: PcmsEnvelope): InboundDecision {
  const decision: InboundDecision = { platforms: [], verdicts: [] };
  const add = (platform: PlatformId, rule: string, detail: string) => {
    if (!decision.platforms.includes(platform)) decision.platforms.push(platform);
    decision.verdicts.push({ rule, detail: `${detail} → ${platform}` });
  };

  const payload = envelope.payload as Partial<PersonWantedPayload> | undefined;
  for (const country of payload?.subject?.nationalities ?? []) {
    const platform = platformForCountry(country);
    if (platform) add(platform, 'inbound.nationality', `nationality ${country}`);
  }
  for (const warrant of payload?.warrants ?? []) {
    const platform = platformForCountry(warrant.issuingCountry);
    if (platform) add(platform, 'inbound.warrant-country', `warrant issued by ${warrant.issuingCountry}`);
  }
  add('RP', 'inbound.regional-platform', 'every inbound notice');
  return decision;
}
