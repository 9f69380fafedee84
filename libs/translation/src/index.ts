export { I247NoticeCodec } from './codecs/i247-notice.codec';
export {
  InterpolPublicJsonCodec,
  readInterpolJson,
  type InterpolPublicJsonLimits,
} from './codecs/interpol-public-json.codec';
export { interpolNoticeKind, type InterpolNoticeKind } from './codecs/interpol-public-notice';
export { PcmsEnvelopeCodec } from './codecs/pcms-envelope.codec';
export type { FormatCodec } from './format.codec';
export { FormatRegistry } from './format.registry';
export { runMappingFixtures } from './fixture.runner';
export type { FixtureResult } from './fixture.runner';
export { lineDiff, stableJson } from './line.diff';
export { MAPPING_FILE, MappingRegistry } from './mapping.registry';
export type { MappingLoadReport, MappingQuery } from './mapping.registry';
export { TranslationError, TranslationErrorCode } from './translation.error';
export type { TranslationIssue } from './translation.error';
export { Translator } from './translator';
export type { TranslationContext, TranslationRequest, TranslationResult } from './translator';
