// What a chaos run sends and which faults it injects, drawn from its seed before it starts: the same
// seed gives the same messages (kinds, fixtures, ids), the same fault points and the same kill
// targets, so that a failing run is replayed with `--seed`. Pure: no I/O.
import type { PlatformId } from '@pcms/envelope';
import { SeededRandom } from './seeded-random';

/** outbound: released at once; held: waits for two operators; refused: the policy dead-letters it. */
export type TrafficKind = 'outbound' | 'held' | 'refused' | 'inbound';

/** A releasable PCMS message of each outbound type (mappings/<mapping>/fixtures/<name>.input.json). */
export const OUTBOUND_FIXTURES: readonly string[] = [
  'person-wanted-to-red/fixtures/mali-national-wanted-by-mali-and-niger',
  'person-missing-to-yellow/fixtures/girl-missing-from-nouakchott-full',
  'person-information-to-blue/fixtures/chadian-trader-last-seen-in-niger-full',
  'body-unidentified-to-black/fixtures/body-found-near-gao-full',
  'alert-threat-to-green/fixtures/terrorism-armed-and-dangerous-full',
  'alert-hazard-to-orange/fixtures/parcel-bomb-with-full-suspect',
  'modus-operandi-to-purple/fixtures/fuel-smuggling-full',
  'sanctions-un-to-un/fixtures/entity-semicolon-separated-aliases',
  'request-information-to-diffusion/fixtures/urgent-request-about-a-person',
  'response-information-to-diffusion/fixtures/found-with-subject',
];

export interface InboundFixture {
  /** `mappings/<path>.input.xml`, or a file under libs/notice/fixtures. */
  readonly file: string;
  readonly noticeType: string;
  /** The platforms the shipped policy sends it to (test/gateway/notice-types.e2e-spec.ts proves each). */
  readonly platforms: readonly PlatformId[];
}

export const INBOUND_FIXTURES: readonly InboundFixture[] = [
  {
    file: 'libs/notice/fixtures/valid/red-full-mali-niger.xml',
    noticeType: 'RED',
    platforms: ['NP-ML', 'NP-NE', 'RP'],
  },
  {
    file: 'mappings/yellow-to-person-missing/fixtures/yellow-birth-country-mauritanie.input.xml',
    noticeType: 'YELLOW',
    platforms: ['NP-MR', 'RP'],
  },
  {
    file: 'mappings/blue-to-person-information/fixtures/blue-birth-country-tchad.input.xml',
    noticeType: 'BLUE',
    platforms: ['NP-TD', 'RP'],
  },
  {
    file: 'mappings/black-to-body-unidentified/fixtures/black-full-possible-identity.input.xml',
    noticeType: 'BLACK',
    platforms: ['NP-NE', 'RP'],
  },
  {
    file: 'mappings/green-to-alert-threat/fixtures/green-birth-country-tchad.input.xml',
    noticeType: 'GREEN',
    platforms: ['NP-TD', 'RP'],
  },
  {
    file: 'mappings/orange-to-alert-hazard/fixtures/orange-event-birth-country-tchad.input.xml',
    noticeType: 'ORANGE',
    platforms: ['NP-TD', 'RP'],
  },
  {
    file: 'mappings/purple-to-modus-operandi/fixtures/purple-gold-smuggling-full.input.xml',
    noticeType: 'PURPLE',
    platforms: ['NP-BF', 'NP-NE', 'RP'],
  },
  {
    file: 'mappings/un-to-sanctions-un/fixtures/un-person-french-birth-country-year-only.input.xml',
    noticeType: 'UN',
    platforms: ['NP-ML', 'RP'],
  },
  {
    file: 'mappings/diffusion-to-request-information/fixtures/diffusion-request-urgent-birth-country-tchad.input.xml',
    noticeType: 'DIFFUSION request',
    platforms: ['NP-TD', 'RP'],
  },
  {
    file: 'mappings/diffusion-to-response-information/fixtures/diffusion-response-arabic-name-year-only.input.xml',
    noticeType: 'DIFFUSION response',
    platforms: ['RP'],
  },
];

/** Where an outbound message must arrive: the I-24/7 peer (INTERPOL) and RP's platform. */
export const OUTBOUND_DESTINATIONS = ['INTERPOL', 'RP'] as const;
export type Destination = PlatformId | 'INTERPOL';

export interface PlannedMessage {
  readonly index: number;
  readonly kind: TrafficKind;
  /** Index in OUTBOUND_FIXTURES or INBOUND_FIXTURES. */
  readonly fixture: number;
  /** Outbound: the envelope id. Inbound: the notice id written into the notice (the gateway derives the message id from its bytes). */
  readonly id: string;
  /** Refused only: which rule of config/policy.yaml refuses it. */
  readonly refusal?: 'classification' | 'releasability';
}

export interface TrafficShares {
  readonly inbound: number;
  readonly held: number;
  readonly refused: number;
}

export const DEFAULT_SHARES: TrafficShares = { inbound: 0.3, held: 0.05, refused: 0.05 };

export function planTraffic(random: SeededRandom, count: number, shares = DEFAULT_SHARES): PlannedMessage[] {
  return Array.from({ length: count }, (_, index): PlannedMessage => {
    const draw = random.next();
    if (draw < shares.inbound) {
      const fixture = random.below(INBOUND_FIXTURES.length);
      return { index, kind: 'inbound', fixture, id: `CHAOS/${random.seed}/${index}` };
    }
    const fixture = random.below(OUTBOUND_FIXTURES.length);
    const id = random.uuid();
    if (draw < shares.inbound + shares.held) return { index, kind: 'held', fixture, id };
    if (draw < shares.inbound + shares.held + shares.refused) {
      const refusal = random.next() < 0.5 ? 'classification' : 'releasability';
      return { index, kind: 'refused', fixture, id, refusal };
    }
    return { index, kind: 'outbound', fixture, id };
  });
}

/** The destinations a planned message must reach once each; a refused one reaches none. */
export function expectedDestinations(message: PlannedMessage): readonly Destination[] {
  switch (message.kind) {
    case 'outbound':
    case 'held':
      return OUTBOUND_DESTINATIONS;
    case 'refused':
      return [];
    case 'inbound':
      return INBOUND_FIXTURES[message.fixture].platforms;
  }
}

export type FaultKind =
  'process-kill' | 'broker-node-kill' | 'broker-stop' | 'redis-restart' | 'postgres-restart' | 'peer-outage';

export const INFRASTRUCTURE_FAULTS: readonly FaultKind[] = [
  'broker-node-kill',
  'broker-stop',
  'redis-restart',
  'postgres-restart',
  'peer-outage',
];

export interface PlannedFault {
  readonly kind: FaultKind;
  /** Injected once this many messages have been sent. */
  readonly atMessage: number;
  /** process-kill: the process (`router#2`); broker-node-kill: the node (`rabbit2`). */
  readonly target?: string;
}

/** The gateway's processes a kill may hit: two instances of each app (the peer is not the gateway). */
export const GATEWAY_APPS = ['journal-writer', 'pcms-adapter', 'router', 'i247-adapter'] as const;
export type GatewayApp = (typeof GATEWAY_APPS)[number];

export function processNames(instances: number): string[] {
  return GATEWAY_APPS.flatMap((app) => Array.from({ length: instances }, (_, k) => `${app}#${k + 1}`));
}

/**
 * `kills` SIGKILLs of random gateway processes and each infrastructure fault once, at random
 * points between 10 % and 85 % of the traffic (so that messages flow before, during and after),
 * in the order of those points.
 */
export function planFaults(
  random: SeededRandom,
  messages: number,
  options: { kills: number; infrastructure: readonly FaultKind[]; instances: number },
): PlannedFault[] {
  const point = () => Math.floor(messages * (0.1 + 0.75 * random.next()));
  const names = processNames(options.instances);
  const faults: PlannedFault[] = [
    ...Array.from({ length: options.kills }, () => ({
      kind: 'process-kill' as const,
      atMessage: point(),
      target: random.pick(names),
    })),
    ...options.infrastructure.map((kind) => ({
      kind,
      atMessage: point(),
      ...(kind === 'broker-node-kill' ? { target: random.pick(['rabbit2', 'rabbit3']) } : {}),
    })),
  ];
  return faults.sort((a, b) => a.atMessage - b.atMessage);
}
