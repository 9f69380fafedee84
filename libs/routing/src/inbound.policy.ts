import {
  platformForCountry,
  type PcmsEnvelope,
  type PersonWantedPayload,
  type PlatformId,
} from '@pcms/envelope';
import { eventCountriesOf } from './event-countries';
import type { InboundDecision, RuleVerdict } from './routing-decision';
import type { InboundConditions, InboundRule, RoutingPolicy } from './routing-policy';

/** What the router knows about an inbound message beyond its envelope. */
export interface InboundFacts {
  /**
   * The platform that sent the request this message answers (`inReplyTo`), as recorded when the
   * request left for INTERPOL; absent when the gateway never sent that request or forgot it.
   */
  requester?: PlatformId;
}

/** The parts of a payload the inbound rules read, whatever the type. */
interface RoutedPayload {
  subject?: { nationalities?: string[] };
  /** BLACK: the nationalities of the person the body may be. */
  possibleIdentity?: { nationalities?: string[] };
  warrants?: PersonWantedPayload['warrants'];
}

/**
 * An inbound notice goes to every platform an inbound rule of the policy names: by default the
 * national platform of each G5 nationality, warrant-issuing country and country where the facts
 * happened, the requesting platform of a reply, and always RP. A rule whose `when` does not hold for the message type is skipped.
 */
export function decideInbound(
  envelope: PcmsEnvelope,
  policy: RoutingPolicy,
  facts: InboundFacts = {},
): InboundDecision {
  const decision: InboundDecision = { platforms: [], verdicts: [] };
  for (const rule of policy.inbound) {
    if (!applies(rule.when, envelope)) continue;
    const name = `inbound.${rule.name}`;
    const unknownRequest = unknownRequestVerdict(rule, envelope, facts, name);
    if (unknownRequest) decision.verdicts.push(unknownRequest);
    for (const [platform, because] of targets(rule, envelope, facts)) {
      if (!decision.platforms.includes(platform)) decision.platforms.push(platform);
      decision.verdicts.push({ rule: name, detail: `${because} → ${platform}` });
    }
  }
  return decision;
}

function applies(when: InboundConditions | undefined, envelope: PcmsEnvelope): boolean {
  if (when?.type && !when.type.includes(envelope.type)) return false;
  if (when?.typeNotIn?.includes(envelope.type)) return false;
  return true;
}

/** A reply nobody here asked for still says why no national platform received it. */
function unknownRequestVerdict(
  rule: InboundRule,
  envelope: PcmsEnvelope,
  facts: InboundFacts,
  name: string,
): RuleVerdict | undefined {
  if (!('platformOf' in rule.to) || rule.to.platformOf !== 'requester' || facts.requester) return undefined;
  const detail = envelope.inReplyTo
    ? `in reply to ${envelope.inReplyTo}, a request the gateway did not send to INTERPOL or no longer remembers: no requesting platform`
    : 'not a reply (no inReplyTo): no requesting platform';
  return { rule: name, detail };
}

function targets(rule: InboundRule, envelope: PcmsEnvelope, facts: InboundFacts): [PlatformId, string][] {
  if ('platform' in rule.to) return [[rule.to.platform, 'every inbound notice']];
  if (rule.to.platformOf === 'requester') {
    return facts.requester
      ? [[facts.requester, `in reply to ${envelope.inReplyTo ?? '?'}, requested by ${facts.requester}`]]
      : [];
  }
  return countriesNamed(rule.to.platformOf, envelope).flatMap(([country, because]) => {
    const platform = platformForCountry(country);
    return platform ? [[platform, because] as [PlatformId, string]] : [];
  });
}

/** The countries a `platformOf` target reads, each with the words of its verdict. */
function countriesNamed(
  target: 'nationalities' | 'warrantCountries' | 'eventCountries',
  envelope: PcmsEnvelope,
): [string, string][] {
  const payload = envelope.payload as RoutedPayload | undefined;
  switch (target) {
    case 'nationalities':
      return [
        ...(payload?.subject?.nationalities ?? []),
        ...(payload?.possibleIdentity?.nationalities ?? []),
      ].map((country) => [country, `nationality ${country}`]);
    case 'warrantCountries':
      return (payload?.warrants ?? []).map((warrant) => [
        warrant.issuingCountry,
        `warrant issued by ${warrant.issuingCountry}`,
      ]);
    case 'eventCountries':
      return eventCountriesOf(envelope.type, envelope.payload).map(({ country, because }) => [
        country,
        because,
      ]);
  }
}
