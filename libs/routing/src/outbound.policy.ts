import {
  classificationRank,
  isPlatformId,
  type Classification,
  type MessageType,
  type PcmsEnvelope,
} from '@pcms/envelope';
import { RoutingRefusalCode, type OutboundDecision, type Refusal } from './routing-decision';

/** Message types that have an Interpol-side counterpart the gateway can produce today. */
const TYPES_TO_INTERPOL: ReadonlySet<MessageType> = new Set(['person.wanted']);

/** incident.report is PCMS-internal: DESIGN.md §3, never released outside by default. */
const NEVER_RELEASED: ReadonlySet<MessageType> = new Set(['incident.report']);

/** Above this, nothing is released to INTERPOL (I-24/7 carries up to restricted police data). */
const INTERPOL_CEILING: Classification = 'RESTRICTED';

/**
 * Decides, for each recipient of a message submitted by a platform, whether it may reach it.
 * PCMS platforms receive what is addressed to them; INTERPOL only what every release rule allows.
 */
export function decideOutbound(envelope: PcmsEnvelope): OutboundDecision {
  const decision: OutboundDecision = { platforms: [], networks: [], refusals: [], verdicts: [] };
  for (const recipient of new Set(envelope.recipients)) {
    if (isPlatformId(recipient)) {
      if (recipient !== envelope.sender) decision.platforms.push(recipient);
      decision.verdicts.push({ rule: 'outbound.pcms-recipient', detail: `to ${recipient}` });
      continue;
    }
    const refusal = refuseRelease(envelope);
    if (refusal) {
      decision.refusals.push(refusal);
      decision.verdicts.push({ rule: refusal.rule, detail: refusal.reason });
    } else {
      decision.networks.push(recipient);
      decision.verdicts.push({
        rule: 'outbound.release-to-interpol',
        detail: `${envelope.type} released to INTERPOL`,
      });
    }
  }
  if (decision.platforms.length === 0 && decision.networks.length === 0 && decision.refusals.length === 0) {
    decision.refusals.push({
      code: RoutingRefusalCode.NO_RECIPIENT,
      reason: 'the message names no recipient other than its sender',
      rule: 'outbound.recipient-required',
    });
  }
  return decision;
}

function refuseRelease(envelope: PcmsEnvelope): Refusal | undefined {
  if (NEVER_RELEASED.has(envelope.type)) {
    return {
      code: RoutingRefusalCode.NEVER_RELEASED,
      reason: `${envelope.type} is internal to PCMS and is never released outside`,
      rule: 'outbound.never-released',
    };
  }
  if (!envelope.handling.releasableTo.includes('INTERPOL')) {
    return {
      code: RoutingRefusalCode.NOT_RELEASABLE,
      reason: 'handling.releasableTo does not include INTERPOL: the originator did not allow release',
      rule: 'outbound.releasability',
    };
  }
  if (classificationRank(envelope.classification) > classificationRank(INTERPOL_CEILING)) {
    return {
      code: RoutingRefusalCode.CLASSIFICATION_TOO_HIGH,
      reason: `${envelope.classification} is above ${INTERPOL_CEILING}, the highest level released to INTERPOL`,
      rule: 'outbound.classification-ceiling',
    };
  }
  if (!TYPES_TO_INTERPOL.has(envelope.type)) {
    return {
      code: RoutingRefusalCode.TYPE_NOT_SUPPORTED,
      reason: `no I-24/7 counterpart is configured for ${envelope.type}`,
      rule: 'outbound.supported-type',
    };
  }
  return undefined;
}
