/**
 * The I-24/7-like notice as the codec exchanges it (docs/architecture.md, "The I-24/7-like notice
 * model" and "Notice types beyond RED"). Dates follow Interpol's convention `YYYY/MM/DD`, `YYYY/MM`
 * or `YYYY`. Arrays are always present on a parsed notice, possibly empty; the writer omits empty
 * ones.
 */

import type {
  NoticeBody,
  NoticeDiffusion,
  NoticeHazard,
  NoticeInquiry,
  NoticeMissingPerson,
  NoticeModusOperandi,
  NoticeThreat,
  NoticeUnSanction,
} from './notice-details.model';

/** The XSD's `NoticeTypeCodeType` enumeration, member for member. */
export type NoticeType =
  'RED' | 'YELLOW' | 'BLUE' | 'BLACK' | 'GREEN' | 'ORANGE' | 'PURPLE' | 'UN' | 'DIFFUSION';

export type NoticeSex = 'M' | 'F' | 'U';

export interface NoticeAlias {
  surname: string;
  givenName?: string;
}

export interface NoticePhoto {
  href: string;
  caption?: string;
}

export interface NoticeSubject {
  surname: string;
  givenName?: string;
  nameOriginalScript?: string;
  aliases: NoticeAlias[];
  sex?: NoticeSex;
  birthDate?: string; // YYYY/MM/DD | YYYY/MM | YYYY
  birthPlace?: string;
  birthCountry?: string; // as received: a code or a name ("Tchad")
  nationalities: string[]; // ISO 3166-1 alpha-2
  heightCm?: number;
  weightKg?: number;
  eyeColours: string[]; // EYE_COLOUR_CODES
  hairColours: string[]; // HAIR_COLOUR_CODES
  distinguishingMarks?: string;
  languages: string[]; // ISO 639-2/B, upper case: FRE, ARA, BAM
  photos: NoticePhoto[];
}

export interface NoticeArrestWarrant {
  warrantReference: string;
  issuingCountryCode: string;
  issuingAuthority?: string;
  issueDate?: string; // Interpol date
  charge: string;
  chargeLaw?: string;
  maximumPenalty?: string;
}

export interface NoticeFacts {
  summary: string;
  date?: string; // Interpol date
  place?: string;
  countryCode?: string;
}

export interface Notice {
  noticeType: NoticeType;
  noticeId: string; // gateway: the PCMS envelope id; Interpol: 'YYYY/NNNNN'
  issueDate: string; // YYYY/MM/DD
  classification?: string;
  /** Required, optional or absent by type: NOTICE_TYPE_SHAPES[noticeType].subject. */
  subject?: NoticeSubject;
  /** DIFFUSION RESPONSE: the noticeId of the request it answers (a PCMS envelope id). */
  inReplyTo?: string;
  facts?: NoticeFacts;
  /** RED's details: at least one on a RED notice, empty (or absent on input) on any other type. */
  arrestWarrants: NoticeArrestWarrant[];
  // Exactly one details block, the one of noticeType (XSD: one choice branch per type).
  missingPerson?: NoticeMissingPerson; // YELLOW
  inquiry?: NoticeInquiry; // BLUE
  body?: NoticeBody; // BLACK
  threat?: NoticeThreat; // GREEN
  hazard?: NoticeHazard; // ORANGE
  modusOperandi?: NoticeModusOperandi; // PURPLE
  unSanction?: NoticeUnSanction; // UN
  diffusion?: NoticeDiffusion; // DIFFUSION
}

/** The Notice property holding a type's details block (RED's is the arrestWarrants list). */
export type NoticeDetailsKey =
  | 'arrestWarrants'
  | 'missingPerson'
  | 'inquiry'
  | 'body'
  | 'threat'
  | 'hazard'
  | 'modusOperandi'
  | 'unSanction'
  | 'diffusion';

export type NoticeSubjectRule = 'required' | 'optional' | 'absent';

export interface NoticeTypeShape {
  /** The XSD choice branch after CaseFacts. */
  detailsElement: string;
  detailsKey: NoticeDetailsKey;
  subject: NoticeSubjectRule;
}

/**
 * What each type carries. A body or a modus operandi has no known person; a hazard, a UN sanction
 * on an entity or a diffusion may or may not be about one.
 */
export const NOTICE_TYPE_SHAPES: Readonly<Record<NoticeType, NoticeTypeShape>> = {
  RED: { detailsElement: 'RedNoticeDetails', detailsKey: 'arrestWarrants', subject: 'required' },
  YELLOW: { detailsElement: 'YellowNoticeDetails', detailsKey: 'missingPerson', subject: 'required' },
  BLUE: { detailsElement: 'BlueNoticeDetails', detailsKey: 'inquiry', subject: 'required' },
  BLACK: { detailsElement: 'BlackNoticeDetails', detailsKey: 'body', subject: 'absent' },
  GREEN: { detailsElement: 'GreenNoticeDetails', detailsKey: 'threat', subject: 'required' },
  ORANGE: { detailsElement: 'OrangeNoticeDetails', detailsKey: 'hazard', subject: 'optional' },
  PURPLE: { detailsElement: 'PurpleNoticeDetails', detailsKey: 'modusOperandi', subject: 'absent' },
  UN: { detailsElement: 'UnSpecialNoticeDetails', detailsKey: 'unSanction', subject: 'optional' },
  DIFFUSION: { detailsElement: 'DiffusionDetails', detailsKey: 'diffusion', subject: 'optional' },
};

export const NOTICE_TYPES: readonly NoticeType[] = [
  'RED',
  'YELLOW',
  'BLUE',
  'BLACK',
  'GREEN',
  'ORANGE',
  'PURPLE',
  'UN',
  'DIFFUSION',
];

export const NOTICE_SEX_CODES: readonly NoticeSex[] = ['M', 'F', 'U'];

/** Interpol's eye colour codes, as on its public notices. */
export const EYE_COLOUR_CODES = ['BLA', 'BRO', 'BLU', 'GRE', 'GRY', 'HAZ', 'OTH'] as const;

/** Interpol's hair colour codes, as on its public notices. */
export const HAIR_COLOUR_CODES = ['BLA', 'BRO', 'BLO', 'RED', 'GRY', 'WHI', 'BAL', 'OTH'] as const;
