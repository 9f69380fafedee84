/**
 * The type-specific details blocks of a notice beyond RED (docs/architecture.md, "Notice types
 * beyond RED"). One block per notice type; a notice carries exactly the one of its type. Lists are
 * always present on a parsed notice, possibly empty; the writer omits empty ones.
 */

import type { NoticePhoto, NoticeSex } from './notice.model';

/** YELLOW: a missing person. */
export interface NoticeMissingPerson {
  birthName?: string;
  fatherGivenName?: string;
  motherSurname?: string;
  motherGivenName?: string;
  disappearanceDate?: string; // Interpol date
  disappearancePlace?: string;
  disappearanceCountryCode?: string;
  circumstances?: string;
}

/** BLUE: information sought on a person's identity, location or activities. */
export interface NoticeInquiry {
  purpose: string;
  requested?: string;
  lastKnownPlace?: string;
  lastKnownCountryCode?: string;
  activities?: string;
}

export interface NoticePossibleIdentity {
  surname: string;
  givenName?: string;
  nationalities: string[]; // ISO 3166-1 alpha-2
}

/** BLACK: an unidentified body; the notice has no subject. */
export interface NoticeBody {
  description: string;
  foundDate?: string; // Interpol date
  foundPlace?: string;
  foundCountryCode?: string;
  sex?: NoticeSex;
  estimatedAgeMin?: number;
  estimatedAgeMax?: number;
  heightCm?: number;
  distinguishingMarks?: string;
  causeOfDeath?: string;
  photos: NoticePhoto[];
  possibleIdentity?: NoticePossibleIdentity;
}

export const THREAT_CATEGORIES = ['TERRORISM', 'ORGANISED_CRIME', 'VIOLENT', 'SEXUAL', 'OTHER'] as const;
export type ThreatCategory = (typeof THREAT_CATEGORIES)[number];

/** GREEN: a person who is a threat to public safety. */
export interface NoticeThreat {
  category: ThreatCategory;
  description: string;
  assessedDate?: string; // Interpol date
  armedAndDangerous?: boolean;
}

export const HAZARD_TYPES = ['WEAPON', 'PARCEL_BOMB', 'DANGEROUS_MATERIAL', 'EVENT', 'OTHER'] as const;
export type HazardType = (typeof HAZARD_TYPES)[number];

/** ORANGE: an event, person, object or process that is an imminent threat. */
export interface NoticeHazard {
  hazardType: HazardType;
  description: string;
  detectedDate?: string; // Interpol date
  place?: string;
  countryCode?: string;
  precautions?: string;
}

/** PURPLE: a modus operandi, objects, devices or concealment methods; no subject. */
export interface NoticeModusOperandi {
  offence: string;
  description: string;
  methods: string[];
  objects: string[];
  concealment?: string;
  periodFrom?: string; // Interpol date
  periodTo?: string; // Interpol date
  countryCodes: string[];
}

export interface NoticeUnEntity {
  name: string;
  alsoKnownAs: string[];
  formerlyKnownAs: string[];
  mainActivity?: string;
  addresses: string[];
}

export interface NoticeIdentityDocument {
  documentType: string;
  documentNumber: string;
  issuingCountryCode?: string;
  issueDate?: string; // Interpol date
  expiryDate?: string; // Interpol date
}

/** UN: INTERPOL–UN Security Council Special Notice, on a person (the subject) or an entity. */
export interface NoticeUnSanction {
  unReference: string;
  unReferenceDate?: string; // Interpol date
  unResolution?: string;
  summary?: string;
  profession?: string;
  entity?: NoticeUnEntity;
  identityDocuments: NoticeIdentityDocument[];
}

export const DIFFUSION_KINDS = ['REQUEST', 'RESPONSE'] as const;
export type DiffusionKind = (typeof DIFFUSION_KINDS)[number];

export const DIFFUSION_URGENCIES = ['ROUTINE', 'URGENT'] as const;
export type DiffusionUrgency = (typeof DIFFUSION_URGENCIES)[number];

/** DIFFUSION: an I-24/7-like message; a RESPONSE names its request in Notice.inReplyTo. */
export interface NoticeDiffusion {
  kind: DiffusionKind;
  subjectLine: string;
  text: string;
  urgency?: DiffusionUrgency;
  found?: boolean;
}
