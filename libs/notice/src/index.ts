export { EYE_COLOUR_CODES, HAIR_COLOUR_CODES, NOTICE_SEX_CODES, NOTICE_TYPES } from './notice.model';
export type {
  Notice,
  NoticeAlias,
  NoticeArrestWarrant,
  NoticeFacts,
  NoticePhoto,
  NoticeSex,
  NoticeSubject,
  NoticeType,
} from './notice.model';
export { DEFAULT_NOTICE_LIMITS, NOTICE_NAMESPACE } from './notice.constants';
export type { NoticeLimits } from './notice.constants';
export { NoticeError, NoticeErrorCode } from './notice.error';
export type { NoticeErrorDetails, NoticeIssue } from './notice.error';
export { NoticeCodec } from './notice.codec';
export type { NoticeCodecOptions } from './notice.codec';
export { NoticeValidator } from './notice.validator';
export { NOTICE_XSD_PATH, XsdValidator } from './xsd.validator';
export type { XsdValidationResult } from './xsd.validator';
