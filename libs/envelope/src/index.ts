export {
  CLASSIFICATIONS,
  ENVELOPE_VERSION,
  EYE_COLOURS,
  HAIR_COLOURS,
  MESSAGE_TYPES,
  PARTY_IDS,
  PLATFORM_IDS,
  RELEASABLE_TO,
  SEXES,
  classificationRank,
  isPartyId,
  isPlatformId,
  platformCountry,
  platformForCountry,
} from './envelope.constants';
export type { Classification, MessageType, PartyId, PlatformId } from './envelope.constants';
export type {
  CountryCode,
  EnvelopeValidationResult,
  PartialDate,
  PcmsEnvelope,
  PersonName,
  PersonWantedPayload,
  ValidationIssue,
} from './envelope.types';
export { EnvelopeError, EnvelopeErrorCode } from './envelope.error';
export { EnvelopeDto, HandlingDto } from './dto/envelope.dto';
export {
  BirthPlaceDto,
  FactsDto,
  PersonNameDto,
  PersonWantedPayloadDto,
  PhotoDto,
  PhysicalDescriptionDto,
  WantedSubjectDto,
  WarrantDto,
} from './dto/person-wanted-payload.dto';
export {
  isCountryCode,
  isLanguageCode,
  isPartialDate,
  isZonedDateTime,
} from './dto/pcms-constraints.validators';
export { validateEnvelope } from './envelope.validator';
export { DEFAULT_MAX_ENVELOPE_BYTES, DEFAULT_MAX_JSON_DEPTH, parseEnvelope } from './envelope.parser';
export { scanJsonStructure, type JsonStructureFinding } from './json-structure.scanner';
export type { ParseEnvelopeOptions } from './envelope.parser';
export { canonicalBytes, canonicalize } from './canonical-json';
