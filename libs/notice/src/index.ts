export {
  EYE_COLOUR_CODES,
  HAIR_COLOUR_CODES,
  NOTICE_SEX_CODES,
  NOTICE_TYPE_SHAPES,
  NOTICE_TYPES,
} from './notice.model';
export type {
  Notice,
  NoticeAlias,
  NoticeArrestWarrant,
  NoticeDetailsKey,
  NoticeFacts,
  NoticePhoto,
  NoticeSex,
  NoticeSubject,
  NoticeSubjectRule,
  NoticeType,
  NoticeTypeShape,
} from './notice.model';
export {
  DIFFUSION_KINDS,
  DIFFUSION_URGENCIES,
  HAZARD_TYPES,
  THREAT_CATEGORIES,
} from './notice-details.model';
export type {
  DiffusionKind,
  DiffusionUrgency,
  HazardType,
  NoticeBody,
  NoticeDiffusion,
  NoticeHazard,
  NoticeIdentityDocument,
  NoticeInquiry,
  NoticeMissingPerson,
  NoticeModusOperandi,
  NoticePossibleIdentity,
  NoticeThreat,
  NoticeUnEntity,
  NoticeUnSanction,
  ThreatCategory,
} from './notice-details.model';
export {
  DEFAULT_NOTICE_LIMITS,
  NOTICE_NAMESPACE,
  OCCURS_LIMITS as NOTICE_OCCURS_LIMITS,
  TEXT_LIMITS as NOTICE_TEXT_LIMITS,
  HEIGHT_CM_MAX as NOTICE_HEIGHT_CM_MAX,
  WEIGHT_KG_MAX as NOTICE_WEIGHT_KG_MAX,
  AGE_YEARS_MAX as NOTICE_AGE_YEARS_MAX,
} from './notice.constants';
export { codePointLabel, FORBIDDEN_TEXT_CHARACTER } from './text-characters';
export type { NoticeLimits } from './notice.constants';
export { NoticeError, NoticeErrorCode } from './notice.error';
export type { NoticeErrorDetails, NoticeIssue } from './notice.error';
export { NoticeCodec } from './notice.codec';
export type { NoticeCodecOptions } from './notice.codec';
export { NoticeValidator } from './notice.validator';
export { NOTICE_XSD_PATH, XsdValidator } from './xsd.validator';
export type { XsdValidationResult } from './xsd.validator';
