// Identifiers and code lists fixed by docs/architecture.md. Tuples are the single source of truth:
// the union types are derived from them so that a value list and its type can never drift apart.

export const PLATFORM_IDS = ['NP-BF', 'NP-TD', 'NP-ML', 'NP-MR', 'NP-NE', 'RP'] as const;
export type PlatformId = (typeof PLATFORM_IDS)[number];

export const PARTY_IDS = [...PLATFORM_IDS, 'INTERPOL'] as const;
export type PartyId = (typeof PARTY_IDS)[number];

/** Parties a message may be released to outside PCMS. */
export const RELEASABLE_TO = ['INTERPOL'] as const;

/** Ordered from least to most sensitive: the index is the rank. */
export const CLASSIFICATIONS = ['UNCLASSIFIED', 'RESTRICTED', 'CONFIDENTIAL', 'SECRET'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const MESSAGE_TYPES = [
  'person.wanted',
  'person.missing',
  'person.information',
  'body.unidentified',
  'alert.threat',
  'alert.hazard',
  'modus-operandi',
  'sanctions.un',
  'request.information',
  'response.information',
  'incident.report',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const ENVELOPE_VERSION = '1.0';

export const SEXES = ['M', 'F', 'U'] as const;
export const EYE_COLOURS = ['black', 'brown', 'blue', 'green', 'grey', 'hazel', 'other'] as const;
export const HAIR_COLOURS = ['black', 'brown', 'blond', 'red', 'grey', 'white', 'bald', 'other'] as const;

/** alert.threat: what kind of danger the person poses (GREEN notice). */
export const THREAT_CATEGORIES = ['terrorism', 'organised-crime', 'violent', 'sexual', 'other'] as const;
export type ThreatCategory = (typeof THREAT_CATEGORIES)[number];
/** alert.hazard: what the ORANGE notice warns of. */
export const HAZARD_KINDS = ['weapon', 'parcel-bomb', 'dangerous-material', 'event', 'other'] as const;
export type HazardKind = (typeof HAZARD_KINDS)[number];
/** request.information: how fast an answer is wanted. */
export const URGENCIES = ['routine', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

const NATIONAL_PLATFORM_PREFIX = 'NP-';

export function isPlatformId(value: unknown): value is PlatformId {
  return typeof value === 'string' && (PLATFORM_IDS as readonly string[]).includes(value);
}

export function isPartyId(value: unknown): value is PartyId {
  return typeof value === 'string' && (PARTY_IDS as readonly string[]).includes(value);
}

/** `NP-XX` → ISO 3166-1 alpha-2 `XX`; the regional platform has no country. */
export function platformCountry(id: PlatformId): string | undefined {
  return id.startsWith(NATIONAL_PLATFORM_PREFIX) ? id.slice(NATIONAL_PLATFORM_PREFIX.length) : undefined;
}

/** The national platform of an upper-case ISO 3166-1 alpha-2 code, if that country has one. */
export function platformForCountry(country: string): PlatformId | undefined {
  const candidate = `${NATIONAL_PLATFORM_PREFIX}${country}`;
  return isPlatformId(candidate) ? candidate : undefined;
}

export function classificationRank(classification: Classification): number {
  return CLASSIFICATIONS.indexOf(classification);
}
