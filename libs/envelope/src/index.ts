export {
  CLASSIFICATIONS,
  ENVELOPE_VERSION,
  EYE_COLOURS,
  HAIR_COLOURS,
  HAZARD_KINDS,
  MESSAGE_TYPES,
  PARTY_IDS,
  PLATFORM_IDS,
  RELEASABLE_TO,
  SEXES,
  THREAT_CATEGORIES,
  URGENCIES,
  classificationRank,
  isPartyId,
  isPlatformId,
  platformCountry,
  platformForCountry,
} from './envelope.constants';
export type {
  Classification,
  HazardKind,
  MessageType,
  PartyId,
  PlatformId,
  ThreatCategory,
  Urgency,
} from './envelope.constants';
export type {
  CountryCode,
  EnvelopeValidationResult,
  PartialDate,
  PcmsEnvelope,
  PersonName,
  ValidationIssue,
} from './envelope.types';
export type {
  AlertHazardPayload,
  AlertThreatPayload,
  BodyUnidentifiedPayload,
  Facts,
  IdentityDocument,
  IncidentReportPayload,
  ModusOperandiPayload,
  PayloadByType,
  PayloadOf,
  PersonInformationPayload,
  PersonMissingPayload,
  PersonSubject,
  PersonWantedPayload,
  Photo,
  RequestInformationPayload,
  ResponseInformationPayload,
  SanctionsUnPayload,
  Warrant,
} from './payload.types';
export { EnvelopeError, EnvelopeErrorCode } from './envelope.error';
export { EnvelopeDto, HandlingDto } from './dto/envelope.dto';
export {
  BirthPlaceDto,
  FactsDto,
  PersonNameDto,
  PersonSubjectDto,
  PhotoDto,
  PhysicalDescriptionDto,
} from './dto/person-subject.dto';
export { PersonWantedPayloadDto, WarrantDto } from './dto/person-wanted-payload.dto';
export {
  DisappearanceDto,
  MissingPersonFamilyDto,
  PersonMissingPayloadDto,
} from './dto/person-missing-payload.dto';
export { InquiryDto, PersonInformationPayloadDto } from './dto/person-information-payload.dto';
export {
  BodyDto,
  BodyUnidentifiedPayloadDto,
  PossibleIdentityDto,
} from './dto/body-unidentified-payload.dto';
export { AlertThreatPayloadDto, ThreatDto } from './dto/alert-threat-payload.dto';
export { AlertHazardPayloadDto, HazardDto } from './dto/alert-hazard-payload.dto';
export { ModusOperandiDto, ModusOperandiPayloadDto } from './dto/modus-operandi-payload.dto';
export {
  IdentityDocumentDto,
  SanctionedEntityDto,
  SanctionedPersonDto,
  SanctionsUnPayloadDto,
  UnListingDto,
} from './dto/sanctions-un-payload.dto';
export { InformationRequestDto, RequestInformationPayloadDto } from './dto/request-information-payload.dto';
export {
  InformationResponseDto,
  ResponseInformationPayloadDto,
} from './dto/response-information-payload.dto';
export { payloadClassFor } from './dto/payload.registry';
export {
  IsAbsoluteUri,
  Optional,
  Satisfies,
  isCountryCode,
  isLanguageCode,
  isPartialDate,
  isText,
  isZonedDateTime,
} from './dto/pcms-constraints.validators';
// The field rules another contract (the judicial requests) composes its DTOs from.
export { AbsentWhen, Holds, OptionalUnless, REQUIRED_WHEN } from './dto/cross-field.validators';
export { validateEnvelope } from './envelope.validator';
export { DEFAULT_MAX_ENVELOPE_BYTES, DEFAULT_MAX_JSON_DEPTH, parseEnvelope } from './envelope.parser';
export { scanJsonStructure, type JsonStructureFinding } from './json-structure.scanner';
// The door-side guards another signed JSON contract (the judicial messages) applies as this door does.
export { copyJsonData, type JsonValue } from './json-data.guard';
export { findForbiddenCharacter, type TextFinding } from './text-content.guard';
export type { ParseEnvelopeOptions } from './envelope.parser';
export { canonicalBytes, canonicalize } from './canonical-json';
