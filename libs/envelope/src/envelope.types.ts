// The canonical model, exactly as docs/architecture.md fixes it.
import type { Classification, MessageType, PartyId } from './envelope.constants';

export interface PcmsEnvelope<P = unknown> {
  id: string;
  version: '1.0';
  type: MessageType;
  sender: PartyId;
  recipients: PartyId[];
  classification: Classification;
  handling: { releasableTo: 'INTERPOL'[]; originatorConsent: boolean };
  createdAt: string;
  correlationId?: string;
  inReplyTo?: string;
  payload: P;
}

/** 'YYYY' | 'YYYY-MM' | 'YYYY-MM-DD': often only a year of birth is known. */
export type PartialDate = string;
/** ISO 3166-1 alpha-2, upper case. */
export type CountryCode = string;

export interface PersonName {
  familyName: string;
  givenNames?: string;
}

export interface PersonWantedPayload {
  subject: {
    familyName: string;
    givenNames?: string;
    nameInOriginalScript?: string;
    aliases?: PersonName[];
    sex?: 'M' | 'F' | 'U';
    birthDate?: PartialDate;
    birthPlace?: { place?: string; country?: CountryCode };
    nationalities?: CountryCode[];
    physicalDescription?: {
      heightCm?: number;
      weightKg?: number;
      eyeColour?: string;
      hairColour?: string;
      distinguishingMarks?: string;
    };
    languages?: string[];
    photos?: { uri: string; caption?: string }[];
  };
  warrants: {
    reference: string;
    issuingCountry: CountryCode;
    issuingAuthority?: string;
    issuedOn?: PartialDate;
    charge: string;
    law?: string;
    maximumPenalty?: string;
  }[];
  facts?: { summary: string; date?: PartialDate; place?: string; country?: CountryCode };
}

export interface ValidationIssue {
  /** Dotted path with array indices, e.g. `payload.warrants[0].issuingCountry`; '' is the root. */
  path: string;
  reason: string;
}

export type EnvelopeValidationResult =
  { ok: true; envelope: PcmsEnvelope } | { ok: false; issues: ValidationIssue[] };
