// The typed payload of each PCMS message type, exactly as docs/architecture.md fixes them
// ("The PCMS envelope" and "Payloads of the other types"). The DTOs in dto/ mirror these.
import type { HazardKind, MessageType, ThreatCategory, Urgency } from './envelope.constants';
import type { CountryCode, PartialDate, PersonName } from './envelope.types';

export interface Photo {
  uri: string;
  caption?: string;
}

/** The person a notice is about; shared as is by every payload that names one. */
export interface PersonSubject extends PersonName {
  nameInOriginalScript?: string; // e.g. Arabic script
  aliases?: PersonName[];
  sex?: 'M' | 'F' | 'U';
  birthDate?: PartialDate;
  birthPlace?: { place?: string; country?: CountryCode };
  nationalities?: CountryCode[];
  physicalDescription?: {
    heightCm?: number;
    weightKg?: number;
    eyeColour?: string; // EYE_COLOURS
    hairColour?: string; // HAIR_COLOURS
    distinguishingMarks?: string;
  };
  languages?: string[]; // ISO 639-2/B, lower case
  photos?: Photo[];
}

export interface Facts {
  summary: string;
  date?: PartialDate;
  place?: string;
  country?: CountryCode;
}

export interface Warrant {
  reference: string;
  issuingCountry: CountryCode;
  issuingAuthority?: string;
  issuedOn?: PartialDate;
  charge: string;
  law?: string;
  maximumPenalty?: string;
}

/** person.wanted ⇄ RED: at least one warrant. */
export interface PersonWantedPayload {
  subject: PersonSubject;
  warrants: Warrant[];
  facts?: Facts;
}

/** person.missing ⇄ YELLOW. */
export interface PersonMissingPayload {
  subject: PersonSubject;
  family?: {
    birthName?: string;
    fatherGivenNames?: string;
    motherFamilyName?: string;
    motherGivenNames?: string;
  };
  disappearance: { date?: PartialDate; place?: string; country?: CountryCode; circumstances?: string };
}

/** person.information ⇄ BLUE. */
export interface PersonInformationPayload {
  subject: PersonSubject;
  inquiry: {
    purpose: string;
    requested?: string;
    lastKnownPlace?: string;
    lastKnownCountry?: CountryCode;
    activities?: string;
  };
}

/** body.unidentified ⇄ BLACK: no subject, nobody knows the name. estimatedAgeMin ≤ estimatedAgeMax. */
export interface BodyUnidentifiedPayload {
  body: {
    description: string;
    foundOn?: PartialDate;
    foundPlace?: string;
    foundCountry?: CountryCode;
    sex?: 'M' | 'F' | 'U';
    estimatedAgeMin?: number;
    estimatedAgeMax?: number;
    heightCm?: number;
    distinguishingMarks?: string;
    causeOfDeath?: string;
    photos?: Photo[];
  };
  possibleIdentity?: PersonName & { nationalities?: CountryCode[] };
}

/** alert.threat ⇄ GREEN. */
export interface AlertThreatPayload {
  subject: PersonSubject;
  threat: {
    category: ThreatCategory;
    description: string;
    assessedOn?: PartialDate;
    armedAndDangerous?: boolean;
  };
  facts?: Facts;
}

/** alert.hazard ⇄ ORANGE. */
export interface AlertHazardPayload {
  hazard: {
    kind: HazardKind;
    description: string;
    detectedOn?: PartialDate;
    place?: string;
    country?: CountryCode;
    precautions?: string;
  };
  subject?: PersonSubject;
}

/** modus-operandi ⇄ PURPLE. */
export interface ModusOperandiPayload {
  modusOperandi: {
    offence: string;
    description: string;
    methods?: string[];
    objects?: string[];
    concealment?: string;
    periodFrom?: PartialDate;
    periodTo?: PartialDate;
    countries?: CountryCode[];
  };
}

export interface IdentityDocument {
  type: string;
  number: string;
  issuingCountry?: CountryCode;
  issuedOn?: PartialDate;
  expiresOn?: PartialDate;
}

/** sanctions.un ⇄ UN Special Notice: exactly one of subject, entity. */
export interface SanctionsUnPayload {
  un: { reference: string; referenceDate?: PartialDate; resolution?: string; summary?: string };
  /** A listed person's addresses as the UN list writes them ("Agadez, Niger"). */
  subject?: PersonSubject & { profession?: string; addresses?: string[] };
  entity?: {
    name: string;
    alsoKnownAs?: string[];
    formerlyKnownAs?: string[];
    mainActivity?: string;
    addresses?: string[];
  };
  identityDocuments?: IdentityDocument[];
}

/** request.information ⇄ DIFFUSION (REQUEST). */
export interface RequestInformationPayload {
  request: { subjectLine: string; text: string; urgency?: Urgency };
  subject?: PersonSubject;
}

/** response.information ⇄ DIFFUSION (RESPONSE); the envelope's inReplyTo is then required. */
export interface ResponseInformationPayload {
  response: { subjectLine: string; text: string; found?: boolean };
  subject?: PersonSubject;
}

/** incident.report is untyped on purpose: any JSON object. */
export type IncidentReportPayload = Record<string, unknown>;

/** The payload type of each message type: `PcmsEnvelope<PayloadOf<'alert.hazard'>>`. */
export interface PayloadByType {
  'person.wanted': PersonWantedPayload;
  'person.missing': PersonMissingPayload;
  'person.information': PersonInformationPayload;
  'body.unidentified': BodyUnidentifiedPayload;
  'alert.threat': AlertThreatPayload;
  'alert.hazard': AlertHazardPayload;
  'modus-operandi': ModusOperandiPayload;
  'sanctions.un': SanctionsUnPayload;
  'request.information': RequestInformationPayload;
  'response.information': ResponseInformationPayload;
  'incident.report': IncidentReportPayload;
}

export type PayloadOf<T extends MessageType> = PayloadByType[T];
