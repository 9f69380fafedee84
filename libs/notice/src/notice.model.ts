/**
 * The I-24/7-like notice as the codec exchanges it (docs/architecture.md, "The I-24/7-like notice
 * model"). Dates follow Interpol's convention `YYYY/MM/DD`, `YYYY/MM` or `YYYY`. Arrays are always
 * present on a parsed notice, possibly empty; the writer omits empty ones.
 */

/** Only RED is modelled so far; the XSD's `NoticeType` enumeration grows with this union. */
export type NoticeType = 'RED';

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
  subject: NoticeSubject;
  arrestWarrants: NoticeArrestWarrant[];
  facts?: NoticeFacts;
}

export const NOTICE_TYPES: readonly NoticeType[] = ['RED'];

export const NOTICE_SEX_CODES: readonly NoticeSex[] = ['M', 'F', 'U'];

/** Interpol's eye colour codes, as on its public notices. */
export const EYE_COLOUR_CODES = ['BLA', 'BRO', 'BLU', 'GRE', 'GRY', 'HAZ', 'OTH'] as const;

/** Interpol's hair colour codes, as on its public notices. */
export const HAIR_COLOUR_CODES = ['BLA', 'BRO', 'BLO', 'RED', 'GRY', 'WHI', 'BAL', 'OTH'] as const;
