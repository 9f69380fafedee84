export { MappingEngine } from './mapping.engine';
export { MappingError, MappingErrorCode } from './mapping.error';
export type { MappingErrorDetails, MappingIssue } from './mapping.error';
export { MappingParser } from './mapping.parser';
export type { KnownFormats } from './mapping.parser';
export { editDistance, nearestWord, suggestionFor } from './suggest';
export type {
  FormatRef,
  Mapping,
  MappingContext,
  MappingResult,
  MappingRule,
  TraceEntry,
} from './mapping.types';
export { formatPartialDate, parsePartialDate } from './transforms/date.transform';
export type { DateStyle, PartialDateValue } from './transforms/date.transform';
export { normaliseCountryName, toCountryCode } from './transforms/country.transform';
export { countriesNamedIn } from './transforms/countries-named-in';
export { TRANSFORM_NAMES } from './transforms/transform.registry';
