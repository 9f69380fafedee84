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

export interface ValidationIssue {
  /** Dotted path with array indices, e.g. `payload.warrants[0].issuingCountry`; '' is the root. */
  path: string;
  reason: string;
}

export type EnvelopeValidationResult =
  { ok: true; envelope: PcmsEnvelope } | { ok: false; issues: ValidationIssue[] };
