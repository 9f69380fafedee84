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
export { runFixturesOf, runMappingFixtures, runMappingFixtureSet } from './fixture.runner';
export type { FixtureResult, FixtureRun } from './fixture.runner';
export { lineDiff, stableJson } from './line.diff';
export { MAPPING_FILE, MappingRegistry } from './mapping.registry';
export type { MappingLoadReport, MappingQuery } from './mapping.registry';
export { formatIssue, mappingFilesIn, validateMappingFiles } from './mapping.validator';
export type { MappingFileReport } from './mapping.validator';
export { MappingReloader } from './mapping.reloader';
export type {
  MappingRefusal,
  MappingReloadEvents,
  MappingReloaderOptions,
  MappingsState,
} from './mapping.reloader';
export { mappingCoverage } from './mapping.coverage';
export type { CoverageReport, FieldCoverage, MappingCoverage, SchemaCoverage } from './mapping.coverage';
export { MappingStatusBoard } from './mapping-status.board';
export type { KeyValueStore, MappingStatus } from './mapping-status.board';
export { TranslationError, TranslationErrorCode } from './translation.error';
export type { TranslationIssue } from './translation.error';
export { Translator } from './translator';
export type { TranslationContext, TranslationRequest, TranslationResult } from './translator';
