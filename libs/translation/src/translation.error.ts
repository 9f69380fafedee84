export enum TranslationErrorCode {
  FormatUnknown = 'TRANSLATION_FORMAT_UNKNOWN',
  MappingNotFound = 'TRANSLATION_MAPPING_NOT_FOUND',
  /** The input bytes are not a valid document of the source format. */
  InputInvalid = 'TRANSLATION_INPUT_INVALID',
  /** A rule of the mapping failed (transform, required value): the cause is a MappingError. */
  MappingFailed = 'TRANSLATION_MAPPING_FAILED',
  /** The mapping produced a document the target format refuses (e.g. validateEnvelope). */
  OutputInvalid = 'TRANSLATION_OUTPUT_INVALID',
}

export interface TranslationIssue {
  path: string;
  reason: string;
}

export class TranslationError extends Error {
  override readonly name = 'TranslationError';
  readonly issues: readonly TranslationIssue[];

  constructor(
    readonly code: TranslationErrorCode,
    message: string,
    options: { cause?: unknown; issues?: readonly TranslationIssue[] } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.issues = options.issues ?? [];
  }
}
