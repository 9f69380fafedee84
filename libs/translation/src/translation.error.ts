export enum TranslationErrorCode {
  FormatUnknown = 'TRANSLATION_FORMAT_UNKNOWN',
  MappingNotFound = 'TRANSLATION_MAPPING_NOT_FOUND',
  /** The input bytes are not a valid document of the source format. */
  InputInvalid = 'TRANSLATION_INPUT_INVALID',
  /** A rule of the mapping failed (transform, required value): the cause is a MappingError. */
  MappingFailed = 'TRANSLATION_MAPPING_FAILED',
  /** The mapping produced a document the target format refuses (e.g. validateEnvelope). */
  OutputInvalid = 'TRANSLATION_OUTPUT_INVALID',
  // A changed mapping file refused by the hot reload; the running version stays.
  /** One of its fixtures fails (diff, translation or schema error). */
  ReloadFixturesFailed = 'TRANSLATION_RELOAD_FIXTURES_FAILED',
  /** It has no fixture: nothing proves it. */
  ReloadNoFixtures = 'TRANSLATION_RELOAD_NO_FIXTURES',
  /** Its rules changed but its version did not: the journal could not tell the two apart. */
  ReloadVersionUnchanged = 'TRANSLATION_RELOAD_VERSION_UNCHANGED',
  /** Its id is the id of a mapping loaded from another file. */
  ReloadIdTaken = 'TRANSLATION_RELOAD_ID_TAKEN',
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
