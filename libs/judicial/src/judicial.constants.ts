// The vocabularies of judicial cooperation, named once. They follow the instruments the requests
// rest on: UNTOC (Palermo, 2000) art. 16 (extradition) and 18 (mutual legal assistance), the
// ECOWAS conventions (A/P1/7/92 on mutual assistance, A/P1/8/94 on extradition), and the fields of
// UNODC's MLA request writer tool.

/** What is asked: the business state machine differs for the kinds that deliver a person. */
export const REQUEST_KINDS = [
  'mla',
  'extradition',
  'provisional-arrest',
  'transfer-of-proceedings',
  'supplementary',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const REQUEST_URGENCIES = ['routine', 'urgent', 'immediate'] as const;
export type RequestUrgency = (typeof REQUEST_URGENCIES)[number];

/** UNTOC art. 18(13): central authority to central authority; art. 18(13) also keeps the diplomatic channel; INTERPOL where the treaty allows it (urgent cases). */
export const REQUEST_CHANNELS = ['central-authority', 'diplomatic', 'interpol'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

/** A treaty of the directory, the UN convention itself, or a promise of reciprocity. */
export const LEGAL_BASIS_KINDS = ['treaty', 'untoc', 'reciprocity'] as const;
export type LegalBasisKind = (typeof LEGAL_BASIS_KINDS)[number];

/** UNTOC articles that can found a request: 16 (extradition), 18 (mutual legal assistance). */
export const UNTOC_ARTICLES = [16, 18] as const;
export type UntocArticle = (typeof UNTOC_ARTICLES)[number];

export const PERSON_ROLES = ['suspect', 'sought', 'witness', 'victim'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** The two sides of a request: only they may move it, each its own transitions. */
export const PARTIES = ['requesting', 'requested'] as const;
export type Party = (typeof PARTIES)[number];

/**
 * Grounds of refusal, coded so that refusals can be counted by ground (UNTOC art. 16(14)-(15),
 * 18(21); the usual clauses of the ECOWAS conventions). `other` needs its text.
 */
export const REFUSAL_GROUNDS = [
  'not-in-conformity',
  'sovereignty-security-public-order',
  'domestic-law-prohibits',
  'political-offence',
  'military-offence',
  'fiscal-offence',
  'discrimination',
  'nationality',
  'dual-criminality',
  'ne-bis-in-idem',
  'statute-of-limitations',
  'death-penalty',
  'insufficient-information',
  'other',
] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];
